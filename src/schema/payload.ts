// What every mutation shares: the idempotency key on its input and `userErrors` on its payload.
import type { Payload } from '../resolvers/user-errors';
import { builder, type PothosTypes as Types } from './builder';
import { field } from './input-from-zod';
import { UserErrorRef } from './refs';

type ObjectFields<P> = PothosSchemaTypes.ObjectFieldBuilder<Types, P>;

/** Every mutation input's `idempotencyKey` (the resolvers validate it with the rest of the input). */
export const idempotencyKey = field(
  'UUID',
  'Retrying with the same key (and the same input) never applies the change twice; keys are kept 24 hours, ' +
    'per API client. Required on the mutations that move money (IDEMPOTENCY_KEY_REQUIRED without one); the same ' +
    'key for a different request → IDEMPOTENCY_KEY_REUSED.',
);

/** A mutation payload: the given fields plus `userErrors`. */
export function payloadType<P extends Partial<Payload>>(
  name: string,
  description: string,
  fields: (t: ObjectFields<P>) => Record<string, ReturnType<ObjectFields<P>['field']>>,
) {
  return builder.objectRef<P>(name).implement({
    description,
    fields: (t) => ({
      ...fields(t),
      userErrors: t.field({
        type: [UserErrorRef],
        description: 'Why nothing was changed; empty on success.',
        resolve: (p) => p.userErrors ?? [],
      }),
    }),
  });
}
