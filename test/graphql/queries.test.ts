// Root queries and relations end to end: shapes, normalisation (timestamps, enums, money), null for missing
// objects, and Relay global IDs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { apiCalls, startHarness, type Harness } from '../harness';

let h: Harness;
// UQPAY's legacy "2024-05-09 15:52:23" cardholder timestamps must come out as RFC 3339.
beforeAll(async () => {
  h = await startHarness({ emulator: { cardholderTimeFormat: 'legacy' } });
});
afterAll(() => h?.close());

const C = DEMO_IDS.cards;
const H = DEMO_IDS.cardholders;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('cardholders and cards', () => {
  it('cardholder with its cards; legacy timestamps normalised', async () => {
    const r = await h.gql(
      `query($id: UUID!) { cardholder(cardholderId: $id) {
      id cardholderId firstName lastName email countryCode phoneNumber status numberOfCards createdAt
      cards(first: 10) { totalCount edges { node { cardId status } } } } }`,
      { id: H.sophiaTan },
    );
    expect(r.errors).toBeUndefined();
    const c = r.data.cardholder;
    expect(c).toMatchObject({ cardholderId: H.sophiaTan, firstName: 'Sophia', status: 'SUCCESS' });
    expect(c.createdAt).toMatch(RFC3339);
    expect(c.cards.totalCount).toBe(2);
    expect(c.cards.edges.map((e: any) => e.node.cardId).sort()).toEqual(
      [C.sophiaUsdSingle, C.sophiaSgdShareFrozen].sort(),
    );
    const frozen = await h.gql(
      `{ cardholder(cardholderId: "${H.sophiaTan}") { cards(status: FROZEN) { edges { node { cardId status } } } } }`,
    );
    expect(frozen.data.cardholder.cards.edges).toEqual([
      { node: { cardId: C.sophiaSgdShareFrozen, status: 'FROZEN' } },
    ]);
  });

  it('card with money, product, controls and cardholder', async () => {
    const r = await h.gql(`{ card(cardId: "${C.sophiaUsdSingle}") {
      cardId bin scheme maskedNumber formFactor mode status currency
      cardLimit { amount currency } availableBalance { amount currency } consumedAmount { amount currency }
      noPinPaymentAmount { amount currency } productId product { productId mode scheme formFactors currencies kycLevel }
      spendingControls { interval } riskControls { allow3dsTransactions } metadata cardholder { cardholderId firstName } } }`);
    expect(r.errors).toBeUndefined();
    const card = r.data.card;
    expect(card).toMatchObject({
      cardId: C.sophiaUsdSingle,
      mode: 'SINGLE',
      status: 'ACTIVE',
      currency: 'USD',
      formFactor: 'VIRTUAL',
    });
    expect(card.maskedNumber).toMatch(/^\*+\d{4}$/);
    expect(card.consumedAmount).toEqual({ amount: '51.00', currency: 'USD' });
    expect(card.availableBalance.amount).toMatch(/^\d+\.\d{2}$/);
    expect(card.product.productId).toBe(DEMO_IDS.products.single);
    expect(card.cardholder.firstName).toBe('Sophia');
    if (card.noPinPaymentAmount) expect(card.noPinPaymentAmount.currency).toMatch(/^[A-Z]{3,4}$/);
  });

  it('missing objects are null, not errors', async () => {
    const id = randomUUID();
    const r = await h.gql(`{ card(cardId: "${id}") { cardId } cardholder(cardholderId: "${id}") { cardholderId }
      transfer(transferId: "${id}") { transferId } transaction(transactionId: "${id}") { transactionId }
      balance(currency: "EUR") { currency } cardProduct(productId: "${id}") { productId } cardOrder(orderId: "${id}") { orderId } }`);
    expect(r.errors).toBeUndefined();
    expect(Object.values(r.data).every((v) => v === null)).toBe(true);
  });

  it('cards filtered by cardholder and status', async () => {
    const r = await h.gql(`{ byHolder: cards(cardholderId: "${H.liamWong}") { totalCount edges { node { cardId } } }
      cancelled: cards(status: CANCELLED) { edges { node { cardId status } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.byHolder.totalCount).toBe(2);
    expect(r.data.cancelled.edges.map((e: any) => e.node.cardId)).toContain(C.liamUsdCancelled);
  });
});

describe('products, balances, transactions', () => {
  it('cardProducts and balances', async () => {
    const r = await h.gql(`{ cardProducts { productId mode formFactors currencies }
      balances { id balanceId currency status available { amount currency } frozen { amount } createdAt }
      usd: balance(currency: "USD") { balanceId available { amount currency } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.cardProducts.map((p: any) => p.productId)).toContain(DEMO_IDS.products.share);
    const usd = r.data.balances.find((b: any) => b.currency === 'USD');
    expect(usd).toMatchObject({ status: 'ACTIVE', available: { currency: 'USD' } });
    expect(r.data.usd.balanceId).toBe(usd.balanceId);
    expect(usd.createdAt).toMatch(RFC3339);
  });

  it('transactions: root, per card, by id, and windows longer than 90 days are refused', async () => {
    const r = await h.gql(`{ transactions(cardId: "${C.liamSgdSingle}", first: 10) { totalCount edges { node {
        transactionId type status amount { amount currency } merchant { name categoryCode } transactionTime card { cardId } } } }
      card(cardId: "${C.sophiaUsdSingle}") { transactions { totalCount edges { node { transactionId merchant { name } } } } }
      transaction(transactionId: "${DEMO_IDS.transactions.sophiaGrab}") { transactionId cardId status } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.transactions.totalCount).toBe(2);
    const coffee = r.data.transactions.edges.find(
      (e: any) => e.node.transactionId === DEMO_IDS.transactions.liamCoffee,
    ).node;
    expect(coffee).toMatchObject({
      merchant: { name: 'TOAST BOX', categoryCode: '5814' },
      card: { cardId: C.liamSgdSingle },
    });
    expect(coffee.transactionTime).toMatch(RFC3339);
    expect(r.data.card.transactions.edges[0].node.merchant.name).toBe('GRAB SG');
    expect(r.data.transaction).toMatchObject({ cardId: C.sophiaUsdSingle, status: 'APPROVED' });

    await h.resetStats();
    const wide = await h.gql(
      `{ transactions(from: "2024-01-01T00:00:00Z", to: "2024-06-01T00:00:00Z") { totalCount } }`,
    );
    expect(wide.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(apiCalls(await h.stats())).toEqual({});
  });
});

describe('global ids', () => {
  it('node/nodes refetch every entity type by its global id', async () => {
    const ids = await h.gql(`{ card(cardId: "${C.sophiaUsdSingle}") { id cardholder { id } }
      balances { id } transaction(transactionId: "${DEMO_IDS.transactions.sophiaGrab}") { id } account { id accountId } }`);
    expect(ids.errors).toBeUndefined();
    const { card, balances, transaction, account } = ids.data;
    const r = await h.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
      ... on Card { cardId } ... on Cardholder { cardholderId } ... on Balance { currency } ... on Transaction { transactionId } ... on Account { accountId } } }`,
      { ids: [card.id, card.cardholder.id, balances[0].id, transaction.id, account.id] },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.nodes.map((n: any) => n.__typename)).toEqual([
      'Card',
      'Cardholder',
      'Balance',
      'Transaction',
      'Account',
    ]);
    expect(r.data.nodes[0].cardId).toBe(C.sophiaUsdSingle);
    expect(account.accountId).toBe(DEMO_IDS.masterAccountId);
  });

  it('an unknown id is null; a malformed one is a client error', async () => {
    const unknown = Buffer.from(`Card:${randomUUID()}`).toString('base64');
    const r = await h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: unknown });
    expect(r.errors).toBeUndefined();
    expect(r.data.node).toBeNull();
    const bad = await h.gql(`query($id: ID!) { node(id: $id) { id } }`, {
      id: Buffer.from('Card:1').toString('base64'),
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('scalars', () => {
  it('CurrencyCode must be upper case', async () => {
    const r = await h.gql(`{ balance(currency: "usd") { currency } }`);
    expect(r.errors?.[0]?.message).toMatch(/CurrencyCode/);
  });
});
