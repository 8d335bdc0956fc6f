// Idempotency keys over real HTTP: money-moving mutations refuse to run without one (and change nothing), and a
// key reused for a different request is refused by the gateway itself, with memory and with Redis records,
// before any upstream call. A genuine replay returns the original outcome; a replayed UQPAY answer that belongs
// to another request is never reported as success.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import { startHarness, totalCalls, type Harness } from '../harness';
import { accessFiles, ACME, bearer, FRONTEND_KEY, idOf, MASTER, PARTNER_KEY, post } from './helpers';

const REDIS_URL = 'redis://127.0.0.1:6379';
const C = DEMO_IDS.cards;
const H = DEMO_IDS.cardholders;
const frontend = bearer(FRONTEND_KEY);
const partner = bearer(PARTNER_KEY);

const RECHARGE = `mutation($input: CardAmountInput!) { rechargeCard(input: $input) {
  order { orderId cardId amount { amount } } card { cardId availableBalance { amount } }
  userErrors { code message field } } }`;
const WITHDRAW = `mutation($input: CardAmountInput!) { withdrawCard(input: $input) {
  order { orderId cardId } card { cardId } userErrors { code message field } } }`;
const CREATE_CARD = `mutation($input: CreateCardInput!) { createCard(input: $input) {
  card { cardId } order { orderId } userErrors { code message field } } }`;
const ASSIGN_CARD = `mutation($input: AssignCardInput!) { assignCard(input: $input) {
  card { cardId } order { orderId } userErrors { code message field } } }`;
const TRANSFER = `mutation($input: CreateTransferInput!) { createTransfer(input: $input) {
  transfer { transferId } userErrors { code message field } } }`;
const SET_STATUS = `mutation($input: SetCardStatusInput!) { setCardStatus(input: $input) {
  card { status } userErrors { code message field } } }`;

const cents = (amount: string) => Math.round(Number(amount) * 100);

/** A card's available balance, through the persisted CardDetail document (which partners may run too). */
async function cardBalance(url: string, cardId: string, headers: Record<string, string> = {}): Promise<number> {
  const r = await post(url, { documentId: `sha256:${idOf('CardDetail')}`, variables: { cardId, first: 1 } }, headers);
  return cents(r.body.data.card.availableBalance.amount);
}

const gql = async (
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
) => (await post(url, { query, variables }, headers)).body;

describe('money-moving mutations without an idempotencyKey', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.gql('{ cardProducts { productId } }'); // the token, so the counts below are the mutations' own
  });
  afterAll(async () => h?.close());

  const cases: [string, string, Record<string, unknown>][] = [
    ['rechargeCard', RECHARGE, { cardId: C.sophiaUsdSingle, amount: '10.00' }],
    ['withdrawCard', WITHDRAW, { cardId: C.sophiaUsdSingle, amount: '1.00' }],
    [
      'createTransfer',
      TRANSFER,
      { sourceAccountId: MASTER, destinationAccountId: ACME, amount: '10.00', currency: 'USD' },
    ],
    [
      'createCard',
      CREATE_CARD,
      { cardholderId: H.sophiaTan, productId: DEMO_IDS.products.single, currency: 'USD', cardLimit: '10.00' },
    ],
    [
      'assignCard',
      ASSIGN_CARD,
      { cardholderId: H.meiLingGoh, cardNumber: DEMO_IDS.assignablePans[2], currency: 'USD', mode: 'SINGLE' },
    ],
  ];

  for (const [field, query, input] of cases) {
    it(`${field}: IDEMPOTENCY_KEY_REQUIRED, zero upstream calls`, async () => {
      await h.resetStats();
      const r = await h.gql(query, { input });
      expect(r.errors).toBeUndefined();
      expect(r.data[field].userErrors).toEqual([
        {
          code: 'IDEMPOTENCY_KEY_REQUIRED',
          message: expect.stringMatching(/idempotencyKey/),
          field: ['input', 'idempotencyKey'],
        },
      ]);
      for (const [k, v] of Object.entries(r.data[field])) if (k !== 'userErrors') expect(v).toBeNull();
      expect(totalCalls(await h.stats())).toBe(0);
    });
  }

  it('nothing changed: the card and the balances are as they were', async () => {
    const before = await cardBalance(h.gateway.url, C.sophiaUsdSingle);
    const r = await h.gql(RECHARGE, { input: { cardId: C.sophiaUsdSingle, amount: '10.00' } });
    expect(r.data.rechargeCard.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await cardBalance(h.gateway.url, C.sophiaUsdSingle)).toBe(before);
  });

  it('mutations that move no money still run without a key', async () => {
    const r = await h.gql(SET_STATUS, { input: { cardId: C.meiLingMastercard, status: 'FROZEN' } });
    expect(r.data.setCardStatus).toEqual({ card: { status: 'FROZEN' }, userErrors: [] });
    await h.gql(SET_STATUS, { input: { cardId: C.meiLingMastercard, status: 'ACTIVE', idempotencyKey: randomUUID() } });
  });

  it('GATEWAY_REQUIRE_IDEMPOTENCY_KEY=false lets them through (the datasource then makes a key per call)', async () => {
    const off = await startHarness({ env: { GATEWAY_REQUIRE_IDEMPOTENCY_KEY: 'false' } });
    try {
      const before = await cardBalance(off.gateway.url, C.sophiaUsdSingle);
      const r = await off.gql(RECHARGE, { input: { cardId: C.sophiaUsdSingle, amount: '10.00' } });
      expect(r.data.rechargeCard.userErrors).toEqual([]);
      expect(await cardBalance(off.gateway.url, C.sophiaUsdSingle)).toBe(before + 1_000);
    } finally {
      await off.close();
    }
  });
});

// The same attack against both record stores.
const stores = [
  { name: 'memory records', env: {} as Record<string, string> },
  { name: 'Redis records', env: { REDIS_URL, UQPAY_REDIS_KEY_PREFIX: `test:idempotency:${randomUUID()}:` } },
];

describe.each(stores)('a reused key, with $name', ({ env }) => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    const files = accessFiles();
    h = await startHarness({
      env: { GATEWAY_KEYS_FILE: files.keysFile, GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile, ...env },
    });
    url = h.gateway.url;
    await post(url, { query: '{ cardProducts { productId } }' }, frontend);
  });
  afterAll(async () => {
    await h?.close();
    if (env.REDIS_URL) {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${env.UQPAY_REDIS_KEY_PREFIX}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('the same key for another card is refused before UQPAY; the other card is not touched', async () => {
    const key = randomUUID();
    const a0 = await cardBalance(url, C.sophiaUsdSingle, frontend);
    const b0 = await cardBalance(url, C.meiLingMastercard, frontend);
    const first = await gql(
      url,
      RECHARGE,
      { input: { cardId: C.sophiaUsdSingle, amount: '10.00', idempotencyKey: key } },
      frontend,
    );
    expect(first.data.rechargeCard.userErrors).toEqual([]);
    expect(first.data.rechargeCard.order.cardId).toBe(C.sophiaUsdSingle);

    await h.resetStats();
    const other = await gql(
      url,
      RECHARGE,
      { input: { cardId: C.meiLingMastercard, amount: '10.00', idempotencyKey: key } },
      frontend,
    );
    expect(other.errors).toBeUndefined();
    expect(other.data.rechargeCard).toEqual({
      order: null,
      card: null,
      userErrors: [
        {
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: expect.stringMatching(/different request/),
          field: ['input', 'idempotencyKey'],
        },
      ],
    });
    expect(totalCalls(await h.stats())).toBe(0);
    // The same key on another mutation, or with another amount, is just as much a different request.
    const withdraw = await gql(
      url,
      WITHDRAW,
      { input: { cardId: C.sophiaUsdSingle, amount: '10.00', idempotencyKey: key } },
      frontend,
    );
    expect(withdraw.data.withdrawCard.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    const more = await gql(
      url,
      RECHARGE,
      { input: { cardId: C.sophiaUsdSingle, amount: '10.01', idempotencyKey: key } },
      frontend,
    );
    expect(more.data.rechargeCard.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(totalCalls(await h.stats())).toBe(0);

    expect(await cardBalance(url, C.meiLingMastercard, frontend)).toBe(b0);
    expect(await cardBalance(url, C.sophiaUsdSingle, frontend)).toBe(a0 + 1_000);
  });

  it('a genuine replay goes upstream with the same key and returns the original outcome, applied once', async () => {
    const key = randomUUID();
    const input = { cardId: C.sophiaUsdSingle, amount: '2.50', idempotencyKey: key };
    const a0 = await cardBalance(url, C.sophiaUsdSingle, frontend);
    const first = await gql(url, RECHARGE, { input }, frontend);
    await h.resetStats();
    // The same request, spelled differently: the key in upper case, the amount with another trailing zero count.
    const again = await gql(url, RECHARGE, { input: { ...input, idempotencyKey: key.toUpperCase() } }, frontend);
    expect(again.data.rechargeCard.userErrors).toEqual([]);
    expect(again.data.rechargeCard.order.orderId).toBe(first.data.rechargeCard.order.orderId);
    expect((await h.stats())['POST /v1/issuing/cards/{id}/recharge']).toBe(1);
    expect(await cardBalance(url, C.sophiaUsdSingle, frontend)).toBe(a0 + 250);
  });

  it('keys are per client: another client with the same key, even for one account, gets its own outcome', async () => {
    // The frontend acts for Acme and recharges Daniel's card; then Acme's partner key sends the very same
    // request with the very same key. UQPAY keys are per account, so unscoped they would collide: the partner
    // would get the frontend's order back and its own recharge would silently not happen.
    const key = randomUUID();
    const input = { cardId: C.danielUsdSingle, amount: '3.00', idempotencyKey: key };
    const daniel0 = await cardBalance(url, C.danielUsdSingle, partner);
    const mine = await gql(url, RECHARGE, { input }, { ...frontend, 'x-on-behalf-of': ACME });
    expect(mine.data.rechargeCard.userErrors).toEqual([]);
    const theirs = await post(url, { documentId: `sha256:${idOf('RechargeCard')}`, variables: { input } }, partner);
    expect(theirs.body.data.rechargeCard.userErrors).toEqual([]);
    expect(theirs.body.data.rechargeCard.order.orderId).not.toBe(mine.data.rechargeCard.order.orderId);
    expect(await cardBalance(url, C.danielUsdSingle, partner)).toBe(daniel0 + 600);
    // Nor can the partner probe the frontend's key with a different request: it is simply a new key for it.
    const probe = await post(
      url,
      {
        documentId: `sha256:${idOf('RechargeCard')}`,
        variables: { input: { ...input, amount: '0.01', idempotencyKey: randomUUID() } },
      },
      partner,
    );
    expect(probe.body.data.rechargeCard.userErrors).toEqual([]);
  });
});

describe('two replicas on one Redis', () => {
  let h: Harness;
  let second: RunningGateway;
  const prefix = `test:idempotency:${randomUUID()}:`;
  beforeAll(async () => {
    h = await startHarness({ env: { REDIS_URL, UQPAY_REDIS_KEY_PREFIX: prefix } });
    second = await startGateway(h.config, { logger: createLogger({ level: 'silent' }) });
    await h.gql('{ cardProducts { productId } }');
    await post(second.url, { query: '{ cardProducts { productId } }' });
  });
  afterAll(async () => {
    await second?.close();
    await h?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('a key used on one replica is refused on the other for a different request, with no upstream call', async () => {
    const key = randomUUID();
    const b0 = await cardBalance(h.gateway.url, C.meiLingMastercard);
    const first = await gql(h.gateway.url, RECHARGE, {
      input: { cardId: C.sophiaUsdSingle, amount: '4.00', idempotencyKey: key },
    });
    expect(first.data.rechargeCard.userErrors).toEqual([]);
    await h.resetStats();
    const other = await gql(second.url, RECHARGE, {
      input: { cardId: C.meiLingMastercard, amount: '4.00', idempotencyKey: key },
    });
    expect(other.data.rechargeCard.userErrors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })]);
    expect(totalCalls(await h.stats())).toBe(0);
    expect(await cardBalance(h.gateway.url, C.meiLingMastercard)).toBe(b0);
    const redis = new Redis(REDIS_URL);
    try {
      const records = await redis.keys(`${prefix}idempotency:*`);
      expect(records.length).toBeGreaterThanOrEqual(1);
      // A record keeps who, for which account and operation, and a hash of the input; it expires within 24 h.
      const stored = JSON.parse((await redis.get(records[0]!))!) as Record<string, string>;
      expect(stored).toEqual({
        caller: 'explorer',
        account: 'master',
        operation: 'rechargeCard',
        input: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const ttl = await redis.pttl(records[0]!);
      expect(ttl).toBeGreaterThan(23 * 3600_000);
      expect(ttl).toBeLessThanOrEqual(24 * 3600_000);
    } finally {
      redis.disconnect();
    }
  });
});

describe("UQPAY's replay is checked before success is reported", () => {
  let h: Harness;
  let fresh: RunningGateway;
  beforeAll(async () => {
    h = await startHarness();
    // A second gateway with its own (empty) memory records, on the same UQPAY: what a restarted replica without
    // Redis looks like. The gateway's record cannot catch the reuse there; UQPAY replays the first order.
    fresh = await startGateway(h.config, { logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await fresh?.close();
    await h?.close();
  });

  it("another card's replayed order is IDEMPOTENCY_KEY_REUSED, not a success; that card is not recharged", async () => {
    const key = randomUUID();
    const first = await gql(h.gateway.url, RECHARGE, {
      input: { cardId: C.sophiaUsdSingle, amount: '7.00', idempotencyKey: key },
    });
    expect(first.data.rechargeCard.userErrors).toEqual([]);
    const b0 = await cardBalance(h.gateway.url, C.meiLingMastercard);
    const other = await gql(fresh.url, RECHARGE, {
      input: { cardId: C.meiLingMastercard, amount: '7.00', idempotencyKey: key },
    });
    expect(other.errors).toBeUndefined();
    expect(other.data.rechargeCard.order).toBeNull();
    expect(other.data.rechargeCard.card).toBeNull();
    expect(other.data.rechargeCard.userErrors).toEqual([
      {
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: expect.stringMatching(/different request/),
        field: ['input', 'idempotencyKey'],
      },
    ]);
    expect(await cardBalance(h.gateway.url, C.meiLingMastercard)).toBe(b0);
  });
});
