// @defer and @stream, read by Apollo Client (HttpLink over multipart, its Defer20220824Handler): the first payload
// reaches the client while the deferred field's UQPAY call is still held by the emulator, and the rest follows;
// deferred fields are counted by the limits like any other; they run on graphql-js's executor, never graphql-jit's.
import { ApolloClient, HttpLink, InMemoryCache, NetworkStatus, gql } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { jitApplies } from '../../src/execution';
import { buildSchema } from '../../src/schema';
import { totalCalls, startHarness, type Harness } from '../harness';

const C = DEMO_IDS.cards;
const TRANSACTIONS = 'GET /v1/issuing/transactions';
const TIMEOUT_MS = 2_500;

let h: Harness;
let apollo: ApolloClient;

beforeAll(async () => {
  h = await startHarness({ env: { GATEWAY_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS), GATEWAY_MAX_DEPTH: '8' } });
  apollo = new ApolloClient({
    link: new HttpLink({ uri: h.gateway.url }),
    cache: new InMemoryCache(),
    incrementalHandler: new Defer20220824Handler(),
    defaultOptions: { watchQuery: { fetchPolicy: 'no-cache' } },
  });
});
afterAll(async () => {
  apollo?.stop();
  await h?.close();
});
beforeEach(async () => {
  await control('/faults', 'DELETE');
  await h.resetStats();
});

const control = (path: string, method: string, body?: unknown) =>
  fetch(`${h.emulator.url}/__emulator${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
const emulatorStats = async () =>
  (await (await fetch(`${h.emulator.url}/__emulator/stats`)).json()) as {
    requests: Record<string, number>;
    responses: Record<string, number>;
  };
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const DEFERRED = gql`
  query DeferredTransactions($cardId: UUID!) {
    card(cardId: $cardId) {
      cardId
      status
      ... @defer {
        transactions(first: 5) {
          totalCount
        }
      }
    }
  }
`;

describe('@defer', () => {
  it('delivers the first payload while the deferred UQPAY call is still held, then the deferred part', async () => {
    // The deferred field's UQPAY call is held 1.2 s by the emulator; the rest of the query makes no such call.
    await control('/faults', 'POST', { latencyMs: 1_200, routes: [TRANSACTIONS] });
    const seen: { card?: { transactions?: unknown }; streaming: boolean; pendingAtEmulator?: number }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const sub = apollo.watchQuery({ query: DEFERRED, variables: { cardId: C.sophiaUsdSingle } }).subscribe({
        next: (r) => {
          if (!r.data) return;
          const entry: (typeof seen)[number] = {
            card: (r.data as { card: { transactions?: unknown } }).card,
            streaming: r.dataState === 'streaming',
          };
          seen.push(entry);
          if (entry.streaming) {
            // How many emulator calls are answered by now: the deferred one must still be held.
            void emulatorStats().then((s) => (entry.pendingAtEmulator = sum(s.requests) - sum(s.responses)));
          }
          if (r.networkStatus === NetworkStatus.ready && !entry.streaming) {
            sub.unsubscribe();
            resolve();
          }
        },
        error: reject,
      });
    });
    await done;
    const first = seen[0]!;
    expect(first.streaming).toBe(true);
    expect(first.card).toMatchObject({ cardId: C.sophiaUsdSingle, status: 'ACTIVE' });
    expect(first.card).not.toHaveProperty('transactions');
    // When the client held the first payload, the emulator had the transactions call and had not answered it.
    for (let i = 0; i < 100 && first.pendingAtEmulator === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    expect(first.pendingAtEmulator).toBeGreaterThanOrEqual(1);
    const stats = await emulatorStats();
    expect(stats.requests[TRANSACTIONS]).toBe(1);
    const last = seen.at(-1)!;
    expect(last.card).toMatchObject({ cardId: C.sophiaUsdSingle, transactions: { totalCount: expect.any(Number) } });
    expect(sum(stats.requests)).toBe(sum(stats.responses));
  });

  it('abandons a deferred part past the request timeout with TIMEOUT, and the response ends', async () => {
    await control('/faults', 'POST', { latencyMs: TIMEOUT_MS * 2, routes: [TRANSACTIONS] });
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed;deferSpec=20220824' },
      body: JSON.stringify({
        query:
          'query Slow { card(cardId: "' +
          C.liamSgdSingle +
          '") { cardId ... @defer { transactions { totalCount } } } }',
      }),
    });
    const text = await res.text();
    const parts = text
      .split(/\r\n---?/)
      .map((p) => p.slice(p.indexOf('\r\n\r\n') + 4).trim())
      .filter((p) => p.startsWith('{'))
      .map((p) => JSON.parse(p));
    expect(parts[0]).toMatchObject({ data: { card: { cardId: C.liamSgdSingle } }, hasNext: true });
    expect(parts.at(-1)).toMatchObject({ hasNext: false });
    expect(JSON.stringify(parts.slice(1))).toMatch(/"code":"TIMEOUT"/);
  });

  it('counts deferred fields in the upstream call estimate and the document limits, before any call', async () => {
    const tooMany = await h.gql(
      '{ cards(first: 100) { edges { node { cardId ... @defer { transactions(first: 1) { totalCount } } } } } }',
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(tooMany.errors?.[0]?.message).toMatch(/up to 101 UQPAY calls/);
    const tooDeep = await h.gql(
      `{ cards(first: 1) { edges { node { ... @defer { cardholder { cards(first: 1) { edges { node {
         cardholder { cardholderId } } } } } } } } } }`,
    );
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(totalCalls(await h.stats())).toBe(0);
  });
});

describe('@stream', () => {
  it('sends the first items, then the rest as incremental items; Apollo assembles the whole list', async () => {
    const query = `query StreamedCards { cards(first: 3) { edges @stream(initialCount: 1) { node { cardId } } } }`;
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed;deferSpec=20220824' },
      body: JSON.stringify({ query }),
    });
    const parts = (await res.text())
      .split(/\r\n---?/)
      .map((p) => p.slice(p.indexOf('\r\n\r\n') + 4).trim())
      .filter((p) => p.startsWith('{'))
      .map((p) => JSON.parse(p));
    expect(parts[0]).toMatchObject({ hasNext: true });
    expect(parts[0].data.cards.edges).toHaveLength(1);
    const items = parts.slice(1).flatMap((p) => (p.incremental ?? []).flatMap((i: { items?: unknown[] }) => i.items));
    expect(items).toHaveLength(2);

    const result = await apollo.query({ query: gql(query), fetchPolicy: 'no-cache' });
    expect((result.data as { cards: { edges: unknown[] } }).cards.edges).toHaveLength(3);
  });
});

describe('validation', () => {
  it("applies the directives' rules: @stream only on lists, no @defer on a subscription's root field", async () => {
    const notAList = await h.gql(`{ card(cardId: "${C.sophiaUsdSingle}") @stream { cardId } }`);
    expect(notAList.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(notAList.errors?.[0]?.message).toMatch(/Stream directive cannot be used on non-list field/);
    const rootDefer = await h.gql('subscription { ... @defer { cardEvents { eventId } } }');
    expect(rootDefer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(totalCalls(await h.stats())).toBe(0);
  });
});

describe('which executor', () => {
  it('runs documents with @defer or @stream on graphql-js, never graphql-jit', () => {
    const schema = buildSchema();
    const args = (source: string) => ({ schema, document: parse(source), operationName: undefined });
    expect(jitApplies(args('{ cards(first: 1) { totalCount } }'))).toBe(true);
    expect(jitApplies(args('{ cards(first: 1) { ... @defer { totalCount } } }'))).toBe(false);
    expect(jitApplies(args('{ cards(first: 1) { edges @stream { cursor } } }'))).toBe(false);
    expect(
      jitApplies(args('query Q { ...F } fragment F on Query { cards(first: 1) { ... @defer { totalCount } } }')),
    ).toBe(false);
  });
});
