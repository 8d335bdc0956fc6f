// Every field of every object type reachable from Query resolves without a GraphQL error against the emulator's
// seed. Generated from introspection: one query per root field, selecting every field (with arguments from the
// table below, following seeded ids) down to where a type would repeat on its path; then the responses are walked
// to prove each (type, field) was actually resolved on a non-null object at least once. A new field is covered
// without touching this file; a new required argument name fails it until the table knows a value for it.
import { randomUUID } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { startHarness, type Harness } from '../harness';

const C = DEMO_IDS.cards;
const MAX_DEPTH = 8;

type Ids = Record<string, unknown>;

/** Values for required arguments, by argument name: seeded ids, or what the setup created. */
function argumentValue(arg: GraphQLArgument, ids: Ids): unknown {
  const byName: Record<string, unknown> = {
    cardId: C.sophiaUsdSingle,
    cardholderId: DEMO_IDS.cardholders.sophiaTan,
    productId: DEMO_IDS.products.single,
    transactionId: DEMO_IDS.transactions.sophiaGrab,
    transferId: ids.transferId,
    orderId: ids.orderId,
    currency: 'USD',
    id: ids.cardGlobalId,
    ids: [ids.cardGlobalId, ids.cardholderGlobalId],
  };
  if (!(arg.name in byName))
    throw new Error(`schema smoke test: no value for required argument \`${arg.name}\`; add one to argumentValue`);
  return byName[arg.name];
}

function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  return JSON.stringify(v);
}

function argsFor(field: GraphQLField<unknown, unknown>, ids: Ids): string {
  const parts: string[] = [];
  for (const arg of field.args) {
    if (isNonNullType(arg.type) && arg.defaultValue === undefined)
      parts.push(`${arg.name}: ${literal(argumentValue(arg, ids))}`);
    // Lists stay small: one page of three.
    else if (arg.name === 'first') parts.push('first: 3');
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/**
 * Every field of `type` (and, for abstract types, of each possible type), nested until a type repeats on its path.
 * Inside an inline fragment each field is aliased `<field>__<Type>`: possible types may share a field name with
 * different types, which GraphQL refuses to merge.
 */
function selection(schema: GraphQLSchema, type: GraphQLNamedType, path: string[], ids: Ids, alias = false): string {
  if (isInterfaceType(type) || isUnionType(type)) {
    const fragments = schema
      .getPossibleTypes(type)
      .map((t) => `... on ${t.name} ${selection(schema, t, path, ids, true)}`);
    return `{ __typename ${fragments.join(' ')} }`;
  }
  const obj = type as GraphQLObjectType;
  const fields: string[] = ['__typename'];
  for (const field of Object.values(obj.getFields())) {
    const named = getNamedType(field.type);
    const key = alias ? `${field.name}${ALIAS}${obj.name}: ${field.name}` : field.name;
    const leaf = !isObjectType(named) && !isInterfaceType(named) && !isUnionType(named);
    if (leaf) {
      fields.push(`${key}${argsFor(field, ids)}`);
      continue;
    }
    // A type may nest in itself once (a product field's parts); any other repeat would only loop.
    const repeats = path.filter((n) => n === named.name).length;
    if (repeats >= (named.name === obj.name ? 2 : 1) || path.length >= MAX_DEPTH) continue;
    fields.push(`${key}${argsFor(field, ids)} ${selection(schema, named, [...path, named.name], ids)}`);
  }
  return `{ ${fields.join(' ')} }`;
}

const ALIAS = '__';

/** The object types reachable from Query, and their fields: what must be covered. */
function reachable(schema: GraphQLSchema): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const visit = (type: GraphQLNamedType) => {
    const targets =
      isInterfaceType(type) || isUnionType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
    for (const t of targets) {
      if (out.has(t.name)) continue;
      out.set(t.name, new Set(Object.keys(t.getFields())));
      for (const f of Object.values(t.getFields())) visit(getNamedType(f.type));
    }
  };
  visit(schema.getQueryType()!);
  return out;
}

/** Records (type, field) for every non-null object in a response (each carries its __typename). */
function walk(value: unknown, seen: Map<string, Set<string>>): void {
  if (Array.isArray(value)) return value.forEach((v) => walk(v, seen));
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const typename = o.__typename;
  if (typeof typename === 'string') {
    const fields = seen.get(typename) ?? new Set<string>();
    for (const k of Object.keys(o)) if (k !== '__typename') fields.add(k.split(ALIAS)[0]!);
    seen.set(typename, fields);
  }
  for (const v of Object.values(o)) walk(v, seen);
}

describe('full-schema smoke test', () => {
  let h: Harness;
  let schema: GraphQLSchema;
  const ids: Ids = {};

  beforeAll(async () => {
    // Explorer limits raised: these documents select the whole schema at once (the limits have their own tests).
    h = await startHarness({
      env: {
        GATEWAY_MAX_TOKENS: '50000',
        GATEWAY_MAX_COST: '10000000',
        GATEWAY_MAX_DEPTH: '30',
        GATEWAY_MAX_ALIASES: '1000',
        GATEWAY_MAX_BODY_BYTES: '1000000',
      },
    });
    const introspection = await h.gql<IntrospectionQuery>(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    schema = buildClientSchema(introspection.data!);

    // What the seed does not hold: a transfer and a card order, made through the API like any client would.
    const transfer = await h.gql(
      'mutation ($input: CreateTransferInput!) { createTransfer(input: $input) { transfer { transferId } userErrors { code message } } }',
      {
        input: {
          sourceAccountId: DEMO_IDS.accounts.master,
          destinationAccountId: DEMO_IDS.accounts.acmeTravel,
          amount: '1.00',
          currency: 'USD',
          idempotencyKey: randomUUID(),
        },
      },
    );
    expect(transfer.data?.createTransfer.userErrors).toEqual([]);
    ids.transferId = transfer.data.createTransfer.transfer.transferId;
    // The recharge's webhook puts an event in the gateway's event log, for `events`.
    h.emulator.setWebhookUrl(h.gateway.url.replace(/\/graphql$/, '/webhooks/uqpay'));
    const order = await h.gql(
      'mutation ($input: CardAmountInput!) { rechargeCard(input: $input) { order { orderId } userErrors { code message } } }',
      { input: { cardId: C.sophiaUsdSingle, amount: '1.00', idempotencyKey: randomUUID() } },
    );
    expect(order.data?.rechargeCard.userErrors).toEqual([]);
    ids.orderId = order.data.rechargeCard.order.orderId;
    for (let i = 0; i < 100; i++) {
      const events = await h.gql('{ events(first: 1) { edges { cursor } } }');
      if (events.data?.events.edges.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const globals = await h.gql(`{ card(cardId: "${C.sophiaUsdSingle}") { id cardholder { id } } }`);
    ids.cardGlobalId = globals.data.card.id;
    ids.cardholderGlobalId = globals.data.card.cardholder.id;
  });
  afterAll(() => h?.close());

  it('resolves every field of every object type reachable from Query, with no GraphQL error', async () => {
    const query = schema.getQueryType()!;
    const seen = new Map<string, Set<string>>();
    const failures: string[] = [];
    for (const field of Object.values(query.getFields())) {
      const named = getNamedType(field.type);
      const leaf = !isObjectType(named) && !isInterfaceType(named) && !isUnionType(named);
      const doc = `query Smoke_${field.name} { __typename ${field.name}${argsFor(field, ids)} ${leaf ? '' : selection(schema, named, [named.name], ids)} }`;
      const res = await h.gql(doc);
      if (res.errors) failures.push(`${field.name}: ${JSON.stringify(res.errors).slice(0, 600)}`);
      // A root list or object that came back empty would cover nothing: say so.
      const data = res.data?.[field.name];
      if (data === null || (isListType(field.type) && Array.isArray(data) && data.length === 0))
        failures.push(`${field.name}: empty for the seed`);
      walk(res.data, seen);
    }
    expect(failures).toEqual([]);

    const missing: string[] = [];
    for (const [type, fields] of reachable(schema)) {
      for (const f of fields) if (!seen.get(type)?.has(f)) missing.push(`${type}.${f}`);
    }
    expect(missing, 'fields never resolved on a non-null object (extend the seed or the setup)').toEqual([]);
    // The walk saw real breadth: cards, cardholders, transactions, products, accounts, ...
    expect(seen.size).toBeGreaterThan(20);
  });
});
