// Enum values UQPAY documents, and what the gateway does with one it has never seen. Each test names the SDK file
// the fact comes from. Unknown values are injected by a rewriting proxy between the gateway and the emulator.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { DEMO_IDS } from '../../src/emulator/seed';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import { useEmulator } from '../emulator/helpers';
import { startHarness, type Harness } from '../harness';
import { startRewritingProxy, type RewritingProxy } from './rewriting-proxy';

const C = DEMO_IDS.cards;
const T = DEMO_IDS.transactions;

describe('the emulator answers with documented values', () => {
  const api = useEmulator({ asyncDelayMs: 0 });

  it('a status change is a card order of type CARD_UPDATE, one of the four order types (Go issuing/cards.go CardOrder; Node src/resources/issuing/types.ts)', async () => {
    const r = await api.post(`/v1/issuing/cards/${C.sophiaUsdSingle}/status`, { card_status: 'FROZEN' });
    expect(r.status).toBe(200);
    const order = await api.get(`/v1/issuing/cards/${r.body.card_order_id}/order`);
    expect(order.body.order_type).toBe('CARD_UPDATE');
    expect(['CARD_CREATE', 'CARD_RECHARGE', 'CARD_WITHDRAW', 'CARD_UPDATE']).toContain(order.body.order_type);
  });

  it('a reversal is a transaction with status REVERSED (Go webhook/issuing.go TransactionStatusReversed; Node tests/resources/simulator.test.ts)', async () => {
    const seeded = await api.get(`/v1/issuing/transactions/${T.liamCoffeeReversal}`);
    expect(seeded.body).toMatchObject({ transaction_type: 'REVERSAL', transaction_status: 'REVERSED' });
    const auth = await api.post('/v1/simulation/issuing/authorization', {
      card_id: C.sophiaUsdSingle,
      transaction_amount: 2,
      transaction_currency: 'USD',
      merchant_name: 'KOPI',
      merchant_category_code: '5814',
    });
    const rev = await api.post('/v1/simulation/issuing/reversal', { transaction_id: auth.body.transaction_id });
    expect(rev.body).toMatchObject({ transaction_type: 'REVERSAL', transaction_status: 'REVERSED' });
  });
});

describe('the gateway reads documented values', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('cardOrder { type } of a status change resolves (Go issuing/cards.go: the status endpoint answers with a card order)', async () => {
    const set = await h.gql(
      'mutation ($input: SetCardStatusInput!) { setCardStatus(input: $input) { order { orderId type } userErrors { code } } }',
      { input: { cardId: C.oliviaUsdShare, status: 'FROZEN', idempotencyKey: randomUUID() } },
    );
    expect(set.errors).toBeUndefined();
    const orderId = set.data.setCardStatus.order.orderId;
    const read = await h.gql('query ($id: UUID!) { cardOrder(orderId: $id) { orderId type status } }', { id: orderId });
    expect(read.errors).toBeUndefined();
    expect(read.data.cardOrder.type).toBe('CARD_UPDATE');
  });

  it('TransactionStatus has REVERSED (Go webhook/issuing.go TransactionStatusReversed)', async () => {
    const r = await h.gql('query ($id: UUID!) { transaction(transactionId: $id) { type status } }', {
      id: T.liamCoffeeReversal,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.transaction).toEqual({ type: 'REVERSAL', status: 'REVERSED' });
  });
});

describe('a value the schema does not know degrades to its documented fallback, logged once', () => {
  let emulator: RunningEmulator;
  let proxy: RewritingProxy;
  let gateway: RunningGateway;
  const lines: string[] = [];

  // Values seen in UQPAY's SDKs but not in the schema: card status SUSPENDED and mode MULTI (Go webhook/issuing.go),
  // order type CREATE_CARD (Go issuing/cards_test.go), gender OTHER (Node src/resources/issuing/types.ts); the
  // others stand for values UQPAY may add later.
  const rewriteCard = (c: any) => ({
    ...c,
    card_status: 'SUSPENDED',
    mode_type: 'MULTI',
    form_factor: 'HOLOGRAPHIC',
    spending_controls: [{ amount: '10.00', interval: 'FORTNIGHTLY' }],
    cardholder: c.cardholder && { ...c.cardholder, gender: 'OTHER', cardholder_status: 'ARCHIVED' },
  });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, asyncDelayMs: 0 });
    proxy = await startRewritingProxy(emulator.url, (route, body: any) => {
      if (route.startsWith('GET /api/v1/issuing/cards/') && route.endsWith('/order'))
        return { ...body, order_type: 'CREATE_CARD', order_status: 'QUEUED' };
      if (route.startsWith('GET /api/v1/issuing/cards/')) return rewriteCard(body);
      if (route === 'GET /api/v1/issuing/cards') return { ...body, data: body.data.map(rewriteCard) };
      if (route === 'GET /api/v1/issuing/products') {
        return {
          ...body,
          data: body.data.map((p: any) => ({ ...p, mode_type: 'MULTI', card_form: ['VIR', 'NFC_RING'] })),
        };
      }
      if (route.startsWith('GET /api/v1/issuing/transactions/')) return { ...body, transaction_status: 'SETTLED' };
      if (route === 'GET /api/v1/issuing/balances')
        return { ...body, data: body.data.map((b: any) => ({ ...b, balance_status: 'FROZEN' })) };
      return body;
    });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'warn',
      UQPAY_BASE_URL: proxy.baseUrl,
      UQPAY_CLIENT_ID: emulator.clientId,
      UQPAY_API_KEY: emulator.apiKey,
    });
    gateway = await startGateway(config, { logger: createLogger({ level: 'warn', destination: sink }) });
  });
  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
    await emulator?.close();
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: { message: string; path?: unknown[] }[] };
  };

  const CARD = `query ($id: UUID!) {
    card(cardId: $id) {
      cardId status mode formFactor spendingControls { interval amount { amount } }
      cardholder { cardholderId status gender }
      product { productId mode formFactors }
    }
  }`;

  it('non-null enums answer UNKNOWN, nullable ones null, list items are dropped; the query has no errors', async () => {
    const r = await gql(CARD, { id: C.sophiaUsdSingle });
    expect(r.errors).toBeUndefined();
    expect(r.data.card).toMatchObject({
      cardId: C.sophiaUsdSingle,
      status: 'UNKNOWN',
      mode: 'UNKNOWN',
      formFactor: null,
      cardholder: { status: 'UNKNOWN', gender: null },
      product: { mode: 'UNKNOWN', formFactors: ['VIRTUAL'] },
    });
    expect(r.data.card.spendingControls).toEqual([{ interval: 'UNKNOWN', amount: { amount: '10.00' } }]);

    const more = await gql(
      `query ($tx: UUID!, $order: UUID!) {
      transaction(transactionId: $tx) { transactionId status }
      balances { currency status }
      cardOrder(orderId: $order) { orderId type status }
      cards(first: 3) { edges { node { cardId status } } }
    }`,
      { tx: T.sophiaGrab, order: await anOrderId() },
    );
    expect(more.errors).toBeUndefined();
    expect(more.data.transaction.status).toBe('UNKNOWN');
    expect(more.data.balances.every((b: any) => b.status === 'UNKNOWN')).toBe(true);
    expect(more.data.cardOrder).toMatchObject({ type: 'UNKNOWN', status: 'UNKNOWN' });
    expect(more.data.cards.edges.every((e: any) => e.node.status === 'UNKNOWN')).toBe(true);
  });

  it('logs each (enum, value) once at warn, however often it is read', async () => {
    await gql(CARD, { id: C.sophiaUsdSingle });
    await gql(CARD, { id: C.liamSgdSingle });
    const warned = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'unknown UQPAY enum value');
    const pairs = warned.map((l) => `${l.enum}:${l.value}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs).toEqual(
      expect.arrayContaining([
        'CardStatus:SUSPENDED',
        'CardMode:MULTI',
        'Gender:OTHER',
        'FormFactor:HOLOGRAPHIC',
        'FormFactor:NFC_RING',
        'SpendingInterval:FORTNIGHTLY',
        'CardholderStatus:ARCHIVED',
        'TransactionStatus:SETTLED',
        'BalanceStatus:FROZEN',
        'CardOrderType:CREATE_CARD',
        'OrderStatus:QUEUED',
      ]),
    );
    for (const l of warned) expect(l.level).toBe('warn');
  });

  it('UNKNOWN is an answer, not a filter: `cards(status: UNKNOWN)` is refused before any upstream call', async () => {
    const r = await gql('{ cards(first: 1, status: UNKNOWN) { totalCount } }');
    expect(r.errors?.[0]?.message).toMatch(/UNKNOWN/);
    expect((r.errors?.[0] as any)?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  async function anOrderId(): Promise<string> {
    const r = await gql(
      'mutation ($input: CardAmountInput!) { rechargeCard(input: $input) { order { orderId } userErrors { code message } } }',
      { input: { cardId: C.liamSgdSingle, amount: '1.00', idempotencyKey: randomUUID() } },
    );
    return r.data.rechargeCard.order.orderId;
  }
});
