// Authority over every account and object an input names, attacked over real HTTP with partner keys: a partner
// moves money only out of its own account, and ids of other accounts' cards, cardholders, transfers,
// transactions and orders answer a clean userError or null, never another account's data. Where the refusal
// is the gateway's own it happens before any upstream call (the emulator's /__emulator/stats shows none);
// where UQPAY's per-account scoping refuses (the call carries x-on-behalf-of: the partner's account) the test
// shows the other account's object unchanged.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { startHarness, type Harness } from '../harness';
import {
  accessFiles,
  ACME,
  allCalls,
  bearer,
  FRONTEND_KEY,
  GLOBEX,
  GLOBEX_KEY,
  globexPartner,
  idOf,
  MASTER,
  PARTNER_KEY,
  post,
  type RawResponse,
} from './helpers';

const UPDATE_CARD = `mutation PartnerUpdateCard($input: UpdateCardInput!) {
  updateCard(input: $input) {
    card { cardId metadata availableBalance { amount } } userErrors { code message field } } }`;
const ASSIGN_CARD = `mutation PartnerAssignCard($input: AssignCardInput!) {
  assignCard(input: $input) { card { cardId } order { orderId } userErrors { code message field } } }`;
const NODES = `query PartnerNodes($ids: [ID!]!) { nodes(ids: $ids) { id
  ... on Card { cardId availableBalance { amount } } ... on Cardholder { cardholderId email }
  ... on Transfer { transferId amount { amount } } ... on Transaction { transactionId }
  ... on Account { accountId } } }`;
const READS = `query PartnerReads(
  $cardId: UUID!, $cardholderId: UUID!, $transferId: UUID!, $transactionId: UUID!, $orderId: UUID!
) {
  card(cardId: $cardId) { cardId availableBalance { amount } }
  cardholder(cardholderId: $cardholderId) { cardholderId email }
  transfer(transferId: $transferId) { transferId amount { amount } }
  transaction(transactionId: $transactionId) { transactionId }
  cardOrder(orderId: $orderId) { orderId amount { amount } }
  transactions(cardId: $cardId, first: 10) { totalCount edges { node { transactionId } } }
  cards(cardholderId: $cardholderId, first: 10) { totalCount edges { node { cardId } } }
}`;

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const key = () => randomUUID();
const C = DEMO_IDS.cards;
const H = DEMO_IDS.cardholders;

let h: Harness;
let files: ReturnType<typeof accessFiles>;
let url: string;
const acme = bearer(PARTNER_KEY);
const globex = bearer(GLOBEX_KEY);
const frontend = bearer(FRONTEND_KEY);

const run = (name: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
  post(url, { documentId: `sha256:${files.ids[name] ?? idOf(name)}`, variables }, headers);

/** The USD available balance of an account, read with the frontend key. */
async function usd(account: string): Promise<string> {
  const headers = account === MASTER ? frontend : { ...frontend, 'x-on-behalf-of': account };
  const r = await post(url, { query: '{ balance(currency: "USD") { available { amount } } }' }, headers);
  return r.body.data.balance.available.amount as string;
}

/** A card's available balance, read with the frontend key acting for its account. */
async function cardBalance(cardId: string, account: string): Promise<string> {
  const headers = account === MASTER ? frontend : { ...frontend, 'x-on-behalf-of': account };
  const r = await post(url, { query: `{ card(cardId: "${cardId}") { availableBalance { amount } status } }` }, headers);
  return `${r.body.data.card.availableBalance.amount} ${r.body.data.card.status}`;
}

const transfer = (input: Record<string, unknown>, headers: Record<string, string>) =>
  run('CreateTransfer', { input: { amount: '10.00', currency: 'USD', idempotencyKey: key(), ...input } }, headers);

function expectForbidden(r: RawResponse, field: string) {
  expect(r.status).toBe(200);
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data.createTransfer.transfer).toBeNull();
  expect(r.body.data.createTransfer.userErrors).toEqual([
    expect.objectContaining({ code: 'FORBIDDEN', field: ['input', field] }),
  ]);
}

beforeAll(async () => {
  files = accessFiles([UPDATE_CARD, ASSIGN_CARD, NODES, READS], [globexPartner()]);
  h = await startHarness({
    env: { GATEWAY_KEYS_FILE: files.keysFile, GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile },
  });
  url = h.gateway.url;
  // Warm the token (so "zero calls" below counts nothing but the attack).
  await post(url, { query: '{ cardProducts { productId } }' }, frontend);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.resetStats();
});

describe('transfers: money moves only out of the account the caller acts for', () => {
  it('a partner cannot take money out of the master account (FORBIDDEN, no upstream call, balances kept)', async () => {
    const master0 = await usd(MASTER);
    const acme0 = await usd(ACME);
    await h.resetStats();
    const r = await transfer({ sourceAccountId: MASTER, destinationAccountId: ACME, amount: '1234.00' }, acme);
    expectForbidden(r, 'sourceAccountId');
    expect(allCalls(await h.stats())).toBe(0);
    expect(await usd(MASTER)).toBe(master0);
    expect(await usd(ACME)).toBe(acme0);
  });

  it('a partner cannot take money out of a sibling account either, nor send its own to a sibling', async () => {
    const fromSibling = await transfer({ sourceAccountId: GLOBEX, destinationAccountId: MASTER }, acme);
    expectForbidden(fromSibling, 'sourceAccountId');
    const toSibling = await transfer({ sourceAccountId: ACME, destinationAccountId: GLOBEX }, acme);
    expectForbidden(toSibling, 'destinationAccountId');
    // Upper-case ids are the same account: no way around the rule by spelling.
    const shouted = await transfer({ sourceAccountId: MASTER.toUpperCase(), destinationAccountId: ACME }, acme);
    expectForbidden(shouted, 'sourceAccountId');
    expect(allCalls(await h.stats())).toBe(0);
  });

  it('a partner may move its own money back to the master', async () => {
    const acme0 = await usd(ACME);
    const r = await transfer({ sourceAccountId: ACME, destinationAccountId: MASTER, amount: '5.00' }, acme);
    expect(r.body.data.createTransfer.userErrors).toEqual([]);
    expect(r.body.data.createTransfer.transfer).toMatchObject({ sourceAccountId: ACME, destinationAccountId: MASTER });
    expect(Number(await usd(ACME))).toBeCloseTo(Number(acme0) - 5, 2);
  });

  it('a frontend acting for a connected account is held to that account too', async () => {
    const onBehalf = { ...frontend, 'x-on-behalf-of': ACME };
    expectForbidden(
      await transfer({ sourceAccountId: MASTER, destinationAccountId: ACME }, onBehalf),
      'sourceAccountId',
    );
    expectForbidden(
      await transfer({ sourceAccountId: GLOBEX, destinationAccountId: MASTER }, onBehalf),
      'sourceAccountId',
    );
    expect(allCalls(await h.stats())).toBe(0);
  });

  it('a frontend acting for the master moves money master ↔ connected accounts, both ways, no further', async () => {
    const out = await transfer({ sourceAccountId: MASTER, destinationAccountId: ACME }, frontend);
    expect(out.body.data.createTransfer.userErrors).toEqual([]);
    const back = await transfer({ sourceAccountId: ACME, destinationAccountId: MASTER }, frontend);
    expect(back.body.data.createTransfer.userErrors).toEqual([]);
    await h.resetStats();
    // Between two connected accounts: not master ↔ connected. Refused before UQPAY.
    const sideways = await transfer({ sourceAccountId: GLOBEX, destinationAccountId: ACME }, frontend);
    expectForbidden(sideways, 'destinationAccountId');
    expect(allCalls(await h.stats())).toBe(0);
  });
});

describe("other accounts' objects named by id", () => {
  let masterTransfer: string;
  let masterOrder: string;

  beforeAll(async () => {
    // Objects of the master account and of Globex, made by the frontend.
    const t = await transfer({ sourceAccountId: MASTER, destinationAccountId: GLOBEX }, frontend);
    masterTransfer = t.body.data.createTransfer.transfer.transferId;
    const o = await run(
      'RechargeCard',
      { input: { cardId: C.sophiaUsdSingle, amount: '1.00', idempotencyKey: key() } },
      frontend,
    );
    masterOrder = o.body.data.rechargeCard.order.orderId;
  });

  it("card mutations on another account's card: NOT_FOUND, nothing returned, the card unchanged", async () => {
    for (const [cardId, owner] of [
      [C.emmaUsdShare, GLOBEX],
      [C.sophiaUsdSingle, MASTER],
    ] as const) {
      const before = await cardBalance(cardId, owner);
      const recharge = await run('RechargeCard', { input: { cardId, amount: '50.00', idempotencyKey: key() } }, acme);
      const withdraw = await run('WithdrawCard', { input: { cardId, amount: '1.00', idempotencyKey: key() } }, acme);
      const status = await run('SetCardStatus', { input: { cardId, status: 'FROZEN', idempotencyKey: key() } }, acme);
      const elevate = await run(
        'ElevateCardLimit',
        { input: { cardId, limitAmount: '500.00', durationInDays: 3, idempotencyKey: key() } },
        acme,
      );
      const update = await run(
        'PartnerUpdateCard',
        { input: { cardId, metadata: { owned: 'by acme' }, idempotencyKey: key() } },
        acme,
      );
      for (const [r, field] of [
        [recharge, 'rechargeCard'],
        [withdraw, 'withdrawCard'],
        [status, 'setCardStatus'],
        [elevate, 'elevateCardLimit'],
        [update, 'updateCard'],
      ] as const) {
        expect(r.body.errors).toBeUndefined();
        const payload = r.body.data[field];
        expect(payload.card).toBeNull();
        expect(payload.order ?? null).toBeNull();
        expect(payload.userErrors).toEqual([
          expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'cardId'] }),
        ]);
      }
      expect(await cardBalance(cardId, owner)).toBe(before);
    }
  });

  it("card and cardholder mutations naming another account's cardholder: NOT_FOUND", async () => {
    const create = await run(
      'CreateCard',
      {
        input: {
          cardholderId: H.emmaBrown,
          productId: DEMO_IDS.products.single,
          currency: 'USD',
          cardLimit: '10.00',
          idempotencyKey: key(),
        },
      },
      acme,
    );
    expect(create.body.data.createCard).toMatchObject({
      card: null,
      userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'cardholderId'] })],
    });
    const assign = await run(
      'PartnerAssignCard',
      {
        input: {
          cardholderId: H.sophiaTan,
          cardNumber: DEMO_IDS.assignablePans[5],
          currency: 'USD',
          mode: 'SINGLE',
          idempotencyKey: key(),
        },
      },
      acme,
    );
    expect(assign.body.data.assignCard).toMatchObject({
      card: null,
      userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'cardholderId'] })],
    });
    const update = await run(
      'UpdateCardholder',
      { input: { cardholderId: H.sophiaTan, email: 'stolen@example.com', idempotencyKey: key() } },
      acme,
    );
    expect(update.body.data.updateCardholder).toMatchObject({
      cardholder: null,
      userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'cardholderId'] })],
    });
    // Sophia's email is what it was.
    const sophia = await post(url, { query: `{ cardholder(cardholderId: "${H.sophiaTan}") { email } }` }, frontend);
    expect(sophia.body.data.cardholder.email).not.toBe('stolen@example.com');
  });

  it('reads by id of other accounts answer null or empty lists', async () => {
    for (const headers of [acme, globex]) {
      const own = headers === globex;
      const r = await run(
        'PartnerReads',
        {
          cardId: C.sophiaUsdSingle,
          cardholderId: H.sophiaTan,
          transferId: masterTransfer,
          transactionId: DEMO_IDS.transactions.sophiaGrab,
          orderId: masterOrder,
        },
        headers,
      );
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data).toEqual({
        card: null,
        cardholder: null,
        // Globex is a party to the master → Globex transfer, so it may see it; Acme may not.
        transfer: own ? { transferId: masterTransfer, amount: { amount: '10.00' } } : null,
        transaction: null,
        cardOrder: null,
        transactions: { totalCount: 0, edges: [] },
        cards: { totalCount: 0, edges: [] },
      });
    }
  });

  it("node/nodes with global ids of other accounts' objects answer null", async () => {
    const ids = [
      globalId('Card', C.emmaUsdShare),
      globalId('Card', C.sophiaUsdSingle),
      globalId('Cardholder', H.sophiaTan),
      globalId('Transfer', masterTransfer),
      globalId('Transaction', DEMO_IDS.transactions.sophiaGrab),
      globalId('Account', MASTER),
      globalId('Account', GLOBEX),
    ];
    const r = await run('PartnerNodes', { ids }, acme);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.nodes).toEqual(ids.map(() => null));
    // Its own objects come back through the same document.
    const own = await run(
      'PartnerNodes',
      { ids: [globalId('Card', C.danielUsdSingle), globalId('Account', ACME)] },
      acme,
    );
    expect(own.body.data.nodes).toEqual([
      { id: globalId('Card', C.danielUsdSingle), cardId: C.danielUsdSingle, availableBalance: expect.any(Object) },
      { id: globalId('Account', ACME), accountId: ACME },
    ]);
  });
});
