// The upstream-call estimate on the real schema: the table names real fields, the estimate of every committed
// persisted document fits the default limit, and the arithmetic (pages, ids, "once", payload re-reads).
import { Kind, OperationTypeNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FIELD_CALLS, estimateUpstreamCalls } from '../../src/access/upstream-estimate';
import { buildSchema } from '../../src/schema';
import { committedManifest } from './helpers';

const schema = buildSchema();
const estimate = (doc: string, variables?: Record<string, unknown>, operationName?: string) =>
  estimateUpstreamCalls(schema, parse(doc), operationName, variables);

describe('estimateUpstreamCalls', () => {
  it('names only fields the schema has', () => {
    for (const coordinate of Object.keys(FIELD_CALLS)) {
      const [type, field] = coordinate.split('.') as [string, string];
      const t = schema.getType(type) as { getFields?: () => Record<string, unknown> } | undefined;
      expect(t?.getFields?.()[field], coordinate).toBeDefined();
    }
  });

  it('every committed persisted document fits the default limit of 100', () => {
    for (const doc of Object.values(committedManifest())) {
      const ast = parse(doc);
      for (const def of ast.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION || def.operation === OperationTypeNode.SUBSCRIPTION) continue;
        const { calls } = estimateUpstreamCalls(schema, ast, def.name?.value);
        expect(calls, def.name?.value).toBeLessThanOrEqual(100);
      }
    }
  });

  it('answers a document again from its first walk unless the estimate reads a variable', () => {
    const literal = parse('{ cards(first: 30) { edges { node { transactions { totalCount } } } } }');
    expect(estimateUpstreamCalls(schema, literal).calls).toBe(31);
    expect(estimateUpstreamCalls(schema, literal).calls).toBe(31);
    const paged = parse('query($n: Int) { cards(first: $n) { edges { node { transactions { totalCount } } } } }');
    expect(estimateUpstreamCalls(schema, paged, undefined, { n: 5 }).calls).toBe(6);
    expect(estimateUpstreamCalls(schema, paged, undefined, { n: 50 }).calls).toBe(51);
    const ids = parse('query($ids: [ID!]!) { nodes(ids: $ids) { id } }');
    expect(estimateUpstreamCalls(schema, ids, undefined, { ids: ['a'] }).maxNodeIds).toBe(1);
    expect(estimateUpstreamCalls(schema, ids, undefined, { ids: ['a', 'b', 'c'] }).maxNodeIds).toBe(3);
  });

  it('multiplies by pages and ids, counts shared lists once and payload re-reads', () => {
    expect(estimate('{ cards(first: 50) { edges { node { cardholder { email } } } } }').calls).toBe(1);
    expect(estimate('{ cardholders { edges { node { cards(first: 5) { totalCount } } } } }').calls).toBe(21);
    expect(
      estimate('query($n: Int = 7) { cards(first: $n) { edges { node { transactions { totalCount } } } } }').calls,
    ).toBe(8);
    expect(estimate('{ cards(first: 500) { edges { node { transactions { totalCount } } } } }').calls).toBe(101);
    expect(estimate('{ cards(first: 30) { edges { node { product { bin } } } } cardProducts { bin } }').calls).toBe(3);
    expect(estimate('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c'] })).toEqual({
      calls: 3,
      maxNodeIds: 3,
    });
    const fragment = `query($id: ID!) { node(id: $id) { ...C } } fragment C on Card { transactions(first: 3) { edges {
      node { card { cardId } } } } }`;
    expect(estimate(fragment, { id: 'x' }).calls).toBe(1 + 1 + 3);
    const mutation = `mutation($i: CardAmountInput!) { rechargeCard(input: $i) { order { orderId } card { cardId } } }`;
    expect(estimate(mutation, { i: {} }).calls).toBe(2);
    expect(estimate('subscription { cardEvents { eventId } }').calls).toBe(0);
    // The event history: up to `first` ownership reads, and each event's fresh card one more.
    expect(estimate('{ events { edges { node { eventId } } } }').calls).toBe(20);
    expect(estimate('{ events(first: 30) { edges { node { card { cardId } cardholder { email } } } } }').calls).toBe(
      90,
    );
  });
});
