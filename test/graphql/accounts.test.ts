// Acting for accounts: x-on-behalf-of, and nested Account objects that switch accounts for the fields under them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { apiCalls, startHarness, type Harness } from '../harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const A = DEMO_IDS.accounts;
const acme = { headers: { 'x-on-behalf-of': A.acmeTravel } };

describe('x-on-behalf-of', () => {
  it("a connected account sees its own objects and none of the master's", async () => {
    const r = await h.gql(
      `{ account { accountId name } cards(first: 50) { totalCount edges { node { cardId cardholder { cardholderId } } } }
      masterCard: card(cardId: "${DEMO_IDS.cards.sophiaUsdSingle}") { cardId }
      masterHolder: cardholder(cardholderId: "${DEMO_IDS.cardholders.sophiaTan}") { cardholderId }
      own: card(cardId: "${DEMO_IDS.cards.danielUsdSingle}") { cardId }
      connectedAccounts { totalCount edges { node { accountId } } } }`,
      {},
      acme,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.account).toEqual({ accountId: A.acmeTravel, name: 'Acme Travel Pte. Ltd.' });
    expect(r.data.cards.edges.map((e: any) => e.node.cardId)).toEqual([DEMO_IDS.cards.danielUsdSingle]);
    expect(r.data.masterCard).toBeNull();
    expect(r.data.masterHolder).toBeNull();
    expect(r.data.own.cardId).toBe(DEMO_IDS.cards.danielUsdSingle);
    expect(r.data.connectedAccounts).toEqual({ totalCount: 0, edges: [] });
  });

  it('a malformed header is a 400; an unknown account is a clean client error, not a 500', async () => {
    const bad = await h.gql(`{ account { accountId } }`, {}, { headers: { 'x-on-behalf-of': 'acme' } });
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await h.gql(`{ cards { totalCount } }`, {}, { headers: { 'x-on-behalf-of': randomUUID() } });
    expect(unknown.status).toBe(400);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('a verified account is not re-checked on every request', async () => {
    await h.gql(`{ account { accountId } }`, {}, acme);
    await h.resetStats();
    await h.gql(`{ balances { currency } }`, {}, acme);
    expect(apiCalls(await h.stats())).toEqual({ 'GET /v1/issuing/balances': 1 });
  });
});

describe('connectedAccounts', () => {
  it("balances, cards and cardholders under each account resolve on that account's behalf", async () => {
    // Four accounts at most: each may cost 23 calls here, and one operation may make 100 (GATEWAY_MAX_UPSTREAM_CALLS).
    const nested = await h.gql(`{ account { accountId balances { currency available { amount } } }
      connectedAccounts(first: 4) { totalCount edges { node { accountId name balances { currency available { amount } }
        cards(first: 10) { edges { node { cardId cardholder { cardholderId } transactions { totalCount } } } }
        cardholders(first: 10) { totalCount edges { node { cardholderId cards { totalCount } } } } } } } }`);
    expect(nested.errors).toBeUndefined();
    const byId = Object.fromEntries(nested.data.connectedAccounts.edges.map((e: any) => [e.node.accountId, e.node]));
    expect(Object.keys(byId).sort()).toEqual([A.acmeTravel, A.globexMedia].sort());

    for (const id of [A.acmeTravel, A.globexMedia]) {
      const direct = await h.gql(
        `{ balances { currency available { amount } } cards(first: 10) { edges { node { cardId } } } }`,
        {},
        {
          headers: { 'x-on-behalf-of': id },
        },
      );
      expect(byId[id].balances).toEqual(direct.data.balances);
      expect(byId[id].cards.edges.map((e: any) => e.node.cardId)).toEqual(
        direct.data.cards.edges.map((e: any) => e.node.cardId),
      );
    }
    expect(byId[A.acmeTravel].cards.edges[0].node.cardholder.cardholderId).toBe(DEMO_IDS.cardholders.danielOng);
    expect(byId[A.acmeTravel].cards.edges[0].node.transactions.totalCount).toBe(1);
    expect(byId[A.globexMedia].cardholders.edges[0].node).toEqual({
      cardholderId: DEMO_IDS.cardholders.emmaBrown,
      cards: { totalCount: 1 },
    });
    // The master's own balances differ from each sub-account's.
    expect(nested.data.account.balances).not.toEqual(byId[A.acmeTravel].balances);
  });
});
