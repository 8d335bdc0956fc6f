// N+1 proofs and paging over UQPAY's page_number/page_size, counted at the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { apiCalls, startHarness, totalCalls, type GraphQLResponse, type Harness } from '../harness';
import { createBulk } from './fixtures';

let h: Harness;
let bulk: { cardholderIds: string[]; cardIds: string[] };

beforeAll(async () => {
  h = await startHarness();
  bulk = await createBulk(h, 48, 'batch');
});
afterAll(() => h?.close());

describe('N+1', () => {
  it('cards(first: 50) { cardholder } costs one list call and no cardholder retrieves', async () => {
    await h.resetStats();
    const r = await h.gql(
      `{ cards(first: 50) { totalCount edges { node { cardId cardholder { cardholderId firstName email } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.cards.edges).toHaveLength(50);
    for (const e of r.data.cards.edges) expect(e.node.cardholder.cardholderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(apiCalls(await h.stats())).toEqual({ 'GET /v1/issuing/cards': 1 });
  });

  it('cardholders(first: 20) { cards(first: 5) } costs 1 + 20 list calls', async () => {
    await h.resetStats();
    const r = await h.gql(
      `{ cardholders(first: 20) { edges { node { cardholderId cards(first: 5) { edges { node { cardId } } } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.cardholders.edges).toHaveLength(20);
    expect(r.data.cardholders.edges[0].node.cards.edges.length).toBeGreaterThan(0);
    expect(apiCalls(await h.stats())).toEqual({ 'GET /v1/issuing/cardholders': 1, 'GET /v1/issuing/cards': 20 });
  });

  it('the 20 nested card lists are issued concurrently', async () => {
    const faults = (init: RequestInit) => fetch(`${h.emulator.url}/__emulator/faults`, init);
    await faults({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 150, routes: ['GET /v1/issuing/cards'] }),
    });
    try {
      await h.resetStats();
      const r = await h.gql(
        `{ cardholders(first: 20) { edges { node { cards(first: 5) { edges { node { cardId } } } } } } }`,
      );
      expect(r.errors).toBeUndefined();
      // The emulator saw the list calls overlap: sequential calls would peak at 1 in flight.
      const { peakInFlight } = (await (await fetch(`${h.emulator.url}/__emulator/stats`)).json()) as {
        peakInFlight: Record<string, number>;
      };
      expect(peakInFlight['GET /v1/issuing/cards']).toBeGreaterThanOrEqual(
        Math.min(8, h.config.uqpay.loaderConcurrency),
      );
    } finally {
      await faults({ method: 'DELETE' });
    }
  });

  it('aliases of the same card cost one retrieve; its cardholder comes embedded', async () => {
    await h.resetStats();
    const id = DEMO_IDS.cards.sophiaUsdSingle;
    const r = await h.gql(`{
      a: card(cardId: "${id}") { cardId status cardholder { firstName } }
      b: card(cardId: "${id}") { availableBalance { amount currency } }
      c: card(cardId: "${id}") { cardholder { cardholderId } }
      holder: cardholder(cardholderId: "${DEMO_IDS.cardholders.sophiaTan}") { firstName }
    }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.a.cardholder.firstName).toBe('Sophia');
    expect(r.data.holder.firstName).toBe('Sophia');
    const calls = apiCalls(await h.stats());
    expect(calls['GET /v1/issuing/cards/{id}']).toBe(1);
    // Card and cardholder are fetched concurrently in the same tick, so the holder may cost its own retrieve;
    // never more than one each.
    expect(calls['GET /v1/issuing/cardholders/{id}'] ?? 0).toBeLessThanOrEqual(1);
  });

  it('node/nodes reuse the same loaders', async () => {
    const r0 = await h.gql(`{ card(cardId: "${bulk.cardIds[0]}") { id cardholder { id } } }`);
    await h.resetStats();
    const { id } = r0.data.card;
    const r = await h.gql(
      `query($id: ID!) { node(id: $id) { id ... on Card { cardId } } nodes(ids: [$id, $id]) { id } }`,
      { id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.node.cardId).toBe(bulk.cardIds[0]);
    expect(r.data.nodes).toHaveLength(2);
    expect(apiCalls(await h.stats())).toEqual({ 'GET /v1/issuing/cards/{id}': 1 });
  });
});

describe('paging', () => {
  const page = `query($first: Int, $after: String) { cardholders(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { cardholderId } } } }`;

  it('first: 37 crosses UQPAY page sizes in one call and reports totalCount', async () => {
    await h.resetStats();
    const r = await h.gql(page, { first: 37 });
    expect(r.errors).toBeUndefined();
    const c = r.data.cardholders;
    expect(c.edges).toHaveLength(37);
    expect(c.totalCount).toBeGreaterThanOrEqual(48 + 5);
    expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(c.pageInfo.endCursor).toBe(c.edges[36].cursor);
    expect(totalCalls(await h.stats())).toBe(1);
  });

  it('forward paging by 37 has no gaps or overlaps and matches one big page', async () => {
    const all = (await h.gql(page, { first: 100 })).data.cardholders;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    await h.resetStats();
    for (;;) {
      const r: GraphQLResponse = await h.gql(page, { first: 37, after });
      expect(r.errors).toBeUndefined();
      const c: any = r.data.cardholders;
      seen.push(...c.edges.map((e: any) => e.node.cardholderId));
      pages++;
      expect(c.totalCount).toBe(all.totalCount);
      expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e: any) => e.node.cardholderId));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(all.totalCount / 37));
    // Each window of 37 maps onto a single UQPAY page.
    expect(totalCalls(await h.stats())).toBe(pages);
  });

  it('the last page has hasNextPage false, and past the end is empty', async () => {
    const total = (await h.gql(page, { first: 1 })).data.cardholders.totalCount as number;
    const first = (await h.gql(page, { first: total - 2 })).data.cardholders;
    const last = (await h.gql(page, { first: 10, after: first.pageInfo.endCursor })).data.cardholders;
    expect(last.edges).toHaveLength(2);
    expect(last.pageInfo.hasNextPage).toBe(false);
    const beyond = (await h.gql(page, { first: 10, after: last.pageInfo.endCursor })).data.cardholders;
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
  });

  it('rejects first outside 1–100 and foreign cursors before any upstream call', async () => {
    await h.resetStats();
    for (const first of [0, -1, 101]) {
      const r = await h.gql(page, { first });
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toMatch(/between 1 and 100/);
    }
    const bad = await h.gql(page, { first: 5, after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(totalCalls(await h.stats())).toBe(0);
  });

  it('list results prime the by-id loaders', async () => {
    await h.resetStats();
    const r = await h.gql(
      `{ cards(first: 10) { edges { node { cardId } } } card(cardId: "${bulk.cardIds[0]}") { cardId } }`,
    );
    expect(r.errors).toBeUndefined();
    // The root fields run concurrently, so the card may be retrieved once; it must not be more.
    expect(apiCalls(await h.stats())['GET /v1/issuing/cards/{id}'] ?? 0).toBeLessThanOrEqual(1);
  });
});
