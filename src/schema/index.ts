// The schema: the builder plus every domain file (imported for their side effects on the builder).
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder';
import './money';
import './user-error';
import './enums';
import './cardholder';
import './card';
import './card-details';
import './card-order';
import './card-product';
import './balance';
import './transfer';
import './transaction';
import './account';
import './events';

let schema: GraphQLSchema | undefined;

/** Built once per process: Pothos schemas are immutable and building is not free. */
export function buildSchema(): GraphQLSchema {
  return (schema ??= builder.toSchema({ sortSchema: true }));
}
