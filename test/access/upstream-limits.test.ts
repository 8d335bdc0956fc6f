// What one operation may cost upstream, attacked over real HTTP: `nodes(ids:)` with 1,600 ids (under the body
// and cost limits), a page of pages, and a query whose estimate is within the limit but whose execution is not.
// Refusals before execution make zero upstream calls (the emulator's /__emulator/stats).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, totalCalls, type Harness } from '../harness';
import { accessFiles, allCalls, bearer, FRONTEND_KEY, PARTNER_KEY, post } from './helpers';

const NODES = 'query PartnerNodeIds($ids: [ID!]!) { nodes(ids: $ids) { id } }';
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const frontend = bearer(FRONTEND_KEY);
const cardIds = (n: number) => Array.from({ length: n }, () => globalId('Card', randomUUID()));

describe('nodes(ids:) and the per-operation call limit (defaults)', () => {
  let h: Harness;
  let files: ReturnType<typeof accessFiles>;
  beforeAll(async () => {
    files = accessFiles([NODES]);
    h = await startHarness({
      env: { GATEWAY_KEYS_FILE: files.keysFile, GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile },
    });
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.resetStats());

  it("a partner's nodes(ids:) with 1,600 ids is refused with QUERY_LIMIT_EXCEEDED, no upstream call", async () => {
    const body = { documentId: `sha256:${files.ids.PartnerNodeIds}`, variables: { ids: cardIds(1_600) } };
    expect(JSON.stringify(body).length).toBeLessThan(100_000); // under the body limit: only the id cap stops it
    const r = await post(h.gateway.url, body, bearer(PARTNER_KEY));
    expect(r.status).toBe(400);
    expect(r.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(r.body.errors?.[0]?.message).toMatch(/nodes\(ids:\) names 1600 ids; at most 100/);
    expect(r.body.data ?? null).toBeNull();
    expect(allCalls(await h.stats())).toBe(0);
  });

  it('100 ids are served (one call each); 101 are refused', async () => {
    const ok = await post(
      h.gateway.url,
      { documentId: `sha256:${files.ids.PartnerNodeIds}`, variables: { ids: cardIds(100) } },
      bearer(PARTNER_KEY),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.data.nodes).toEqual(Array.from({ length: 100 }, () => null));
    expect((await h.stats())['GET /v1/issuing/cards/{id}']).toBe(100);
    await h.resetStats();
    const over = await post(
      h.gateway.url,
      { documentId: `sha256:${files.ids.PartnerNodeIds}`, variables: { ids: cardIds(101) } },
      bearer(PARTNER_KEY),
    );
    expect(over.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(allCalls(await h.stats())).toBe(0);
  });

  it('a document estimated over 100 upstream calls is refused before execution (frontends too)', async () => {
    // 1 cardholders page + up to 100 cards lists, one per cardholder: 101.
    const r = await post(
      h.gateway.url,
      { query: '{ cardholders(first: 100) { edges { node { cards(first: 5) { totalCount } } } } }' },
      frontend,
    );
    expect(r.status).toBe(400);
    expect(r.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(r.body.errors?.[0]?.message).toMatch(/up to 101 UQPAY calls; at most 100/);
    expect(allCalls(await h.stats())).toBe(0);
    // The same through variables and aliases: the estimate reads them.
    const viaVars = await post(
      h.gateway.url,
      {
        query:
          'query($n: Int) { a: cards(first: $n) { edges { node { transactions(first: 1) { totalCount } } } } ' +
          'b: cards(first: $n) { totalCount } }',
        variables: { n: 99 },
      },
      frontend,
    );
    expect(viaVars.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(allCalls(await h.stats())).toBe(0);
    // One fewer fits.
    const fits = await post(
      h.gateway.url,
      { query: '{ cardholders(first: 99) { edges { node { cards(first: 5) { totalCount } } } } }' },
      frontend,
    );
    expect(fits.status).toBe(200);
    expect(fits.body.errors).toBeUndefined();
  });
});

describe('configured limits, and the meter that stops execution', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { GATEWAY_MAX_UPSTREAM_CALLS: '4', GATEWAY_MAX_NODE_IDS: '3' } });
    await h.gql('{ cardProducts { productId } }');
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.resetStats());

  it('GATEWAY_MAX_NODE_IDS and GATEWAY_MAX_UPSTREAM_CALLS are honoured', async () => {
    const nodes = await h.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: cardIds(4) });
    expect(nodes.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    const wide = await h.gql('{ cardholders(first: 4) { edges { node { cards(first: 1) { totalCount } } } } }');
    expect(wide.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(totalCalls(await h.stats())).toBe(0);
    const narrow = await h.gql('{ cardholders(first: 3) { edges { node { cards(first: 1) { totalCount } } } } }');
    expect(narrow.errors).toBeUndefined();
  });

  it('a query estimated within the limit that needs more is stopped at the limit: no call past it', async () => {
    // Estimated 4 (accounts page, 2 card lists, one product list), but each account reads its own product list:
    // 5 calls are needed. The fifth is refused by the meter, with the code, and never reaches UQPAY.
    const r = await h.gql(
      '{ connectedAccounts(first: 2) { edges { node { accountId ' +
        'cards(first: 5) { edges { node { cardId product { productId } } } } } } } }',
    );
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_LIMIT_EXCEEDED']);
    expect(r.errors?.[0]?.message).toMatch(/limit of 4 UQPAY calls/);
    expect(totalCalls(await h.stats())).toBe(4);
  });

  it('mutations are estimated too: each change and its re-read', async () => {
    const r = await h.gql(
      `mutation($a: CardAmountInput!, $b: CardAmountInput!, $c: CardAmountInput!) {
      a: rechargeCard(input: $a) { card { cardId } userErrors { code } }
      b: rechargeCard(input: $b) { card { cardId } userErrors { code } }
      c: rechargeCard(input: $c) { card { cardId } userErrors { code } } }`,
      Object.fromEntries(
        ['a', 'b', 'c'].map((k) => [
          k,
          {
            cardId: 'ca000000-0000-4000-8000-000000000001',
            amount: '1.00',
            idempotencyKey: randomUUID(),
          },
        ]),
      ),
    );
    // 3 recharges + 3 re-reads = 6 > 4: refused before any of them runs.
    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(totalCalls(await h.stats())).toBe(0);
  });
});
