// Webhook event names and data shapes as UQPAY's SDKs show them, produced by the emulator, and what the gateway
// forwards of them. Each test names the SDK file the fact comes from.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { WEBHOOK_PATH } from '../../src/webhooks';
import { eventually, receiver, useEmulator, verify } from '../emulator/helpers';
import { startHarness, type Harness } from '../harness';
import { subscribe, type SseSubscription } from '../webhooks/sse';

const C = DEMO_IDS.cards;
const H = DEMO_IDS.cardholders;
const MASKED_FOR_EVENTS = /^\d{8}\*{4}\d{4}$/;

describe("the emulator's webhook data", () => {
  const api = useEmulator({ asyncDelayMs: 0 });
  let rx: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    rx = await receiver();
  });
  afterAll(() => rx.close());

  async function next(type: string, trigger: () => Promise<unknown>) {
    api.emu.setWebhookUrl(rx.url);
    try {
      const before = rx.got.length;
      await trigger();
      const got = await eventually(async () => rx.got.slice(before).find((g) => JSON.parse(g.raw).event_type === type));
      expect(verify(api.emu.webhookSecret, got)).toBe(true);
      return JSON.parse(got.raw) as { event_type: string; source_id: string; data: Record<string, any> };
    } finally {
      api.emu.setWebhookUrl(undefined);
    }
  }

  it('card.create.succeeded embeds the cardholder, spending_limits and risk_control (Go webhook/issuing.go CardData, webhook/issuing_test.go)', async () => {
    let orderId = '';
    const env = await next('card.create.succeeded', async () => {
      const r = await api.post('/v1/issuing/cards', {
        card_currency: 'USD',
        cardholder_id: H.oliviaMartin,
        card_product_id: DEMO_IDS.products.share,
        spending_controls: [{ amount: 25, interval: 'PER_TRANSACTION' }],
      });
      orderId = r.body.card_order_id;
    });
    expect(env.source_id).toBe(orderId);
    expect(env.data).toMatchObject({
      card_status: 'ACTIVE',
      card_product_id: DEMO_IDS.products.share,
      card_bin: '40963608',
      card_scheme: 'VISA',
      mode_type: 'SHARE',
      form_factor: 'VIRTUAL',
      card_number: expect.stringMatching(MASKED_FOR_EVENTS),
      cardholder: {
        cardholder_id: H.oliviaMartin,
        email: expect.any(String),
        phone_number: expect.any(String),
        date_of_birth: expect.any(String),
      },
      spending_limits: [{ interval: 'PER_TRANSACTION' }],
      risk_control: {
        allow_3ds_transactions: expect.stringMatching(/^[YN]$/),
        allow_online_transactions: expect.stringMatching(/^[YN]$/),
      },
    });
    expect(env.data).not.toHaveProperty('spending_controls');
  });

  it('card.update.succeeded names them spending_controls and available_balance, order status in lower case (Go webhook/issuing_test.go)', async () => {
    const env = await next('card.update.succeeded', () =>
      api.post(`/v1/issuing/cards/${C.oliviaUsdShare}`, { metadata: { team: 'ops' } }),
    );
    expect(env.data).toMatchObject({
      card_id: C.oliviaUsdShare,
      order_status: 'success',
      available_balance: expect.anything(),
      spending_controls: expect.any(Array),
      cardholder: { cardholder_id: H.oliviaMartin, date_of_birth: expect.any(String) },
    });
    expect(env.source_id).toBe(env.data.card_order_id);
  });

  it('assigning a physical card sends card.activation.code with the code (Go webhook/webhook.go EventTypeCardActivationCode, CardActivationCodeData)', async () => {
    let cardId = '';
    const env = await next('card.activation.code', async () => {
      const r = await api.post('/v1/issuing/cards/assign', {
        cardholder_id: H.sophiaTan,
        card_number: DEMO_IDS.assignablePans[1],
        card_currency: 'USD',
        card_mode: 'SHARE',
      });
      cardId = r.body.card_id;
    });
    expect(env.source_id).toBe(cardId);
    expect(env.data).toEqual({
      card_id: cardId,
      card_number: expect.stringMatching(MASKED_FOR_EVENTS),
      activation_code: expect.stringMatching(/^\d{8}$/),
    });
  });

  it('a fee sends issuing.fee.card without transaction_id, named by reference_id (Go webhook/issuing.go CardTransactionData, EventTypeIssuingFeeCard)', async () => {
    const env = await next('issuing.fee.card', () =>
      api.control('POST', `/cards/${C.sophiaUsdSingle}/fee`, { amount: 1, remark: 'maintenance fee 1 USD' }),
    );
    expect(env.data).not.toHaveProperty('transaction_id');
    expect(env.source_id).toBe(env.data.reference_id);
    expect(env.data).toMatchObject({
      card_id: C.sophiaUsdSingle,
      cardholder_id: H.sophiaTan,
      transaction_type: 'FEE',
      transaction_status: 'APPROVED',
      card_number: expect.stringMatching(MASKED_FOR_EVENTS),
      remark: 'maintenance fee 1 USD',
      short_reference_id: expect.stringMatching(/^CL\d{6}-/),
    });
    // The fee is a card transaction like any other.
    expect((await api.get(`/v1/issuing/transactions/${env.data.reference_id}`)).body).toMatchObject({
      transaction_type: 'FEE',
      card_id: C.sophiaUsdSingle,
    });
  });

  it('transaction events carry the masked card number (Go webhook/issuing.go CardTransactionData.CardNumber)', async () => {
    const env = await next('issuing.transaction.authorization.approved', () =>
      api.post('/v1/simulation/issuing/authorization', {
        card_id: C.sophiaUsdSingle,
        transaction_amount: 3,
        transaction_currency: 'USD',
        merchant_name: 'KOPI',
        merchant_category_code: '5814',
      }),
    );
    expect(env.data).toMatchObject({
      card_id: C.sophiaUsdSingle,
      card_number: expect.stringMatching(MASKED_FOR_EVENTS),
      transaction_status: 'APPROVED',
    });
  });
});

describe("what the gateway forwards of the emulator's events", () => {
  let h: Harness;
  const open: SseSubscription[] = [];
  beforeAll(async () => {
    h = await startHarness();
    h.emulator.setWebhookUrl(h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH);
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await h?.close();
  });

  it("fee and transaction events reach the card's cardEvents subscribers (Go webhook/issuing.go EventTypeIssuingFeeCard)", async () => {
    const s = await subscribe(
      h.gateway.url,
      `subscription { cardEvents(cardId: "${C.liamSgdSingle}") {
      type category transactionType amount { amount currency } cardAvailableBalance { amount currency } maskedNumber
    } }`,
    );
    open.push(s);
    expect(s.status).toBe(200);
    const fee = await fetch(`${h.emulator.url}/__emulator/cards/${C.liamSgdSingle}/fee`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 2, remark: 'card fee' }),
    });
    expect(fee.status).toBe(200);
    // A card payment, as UQPAY's sandbox simulator makes one (the gateway has no simulation mutation).
    const tokenRes = await fetch(`${h.emulator.baseUrl}/v1/connect/token`, {
      method: 'POST',
      headers: { 'x-client-id': h.emulator.clientId, 'x-api-key': h.emulator.apiKey },
    });
    const { auth_token } = (await tokenRes.json()) as { auth_token: string };
    const auth = await fetch(`${h.emulator.baseUrl}/v1/simulation/issuing/authorization`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-auth-token': `Bearer ${auth_token}`,
        'x-idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        card_id: C.liamSgdSingle,
        transaction_amount: 3,
        transaction_currency: 'SGD',
        merchant_name: 'KOPI',
        merchant_category_code: '5814',
      }),
    });
    expect(auth.status).toBe(200);
    await s.waitFor(2);
    const events = s.results.map((r) => (r.data as any).cardEvents);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'issuing.fee.card',
        category: 'TRANSACTION',
        transactionType: 'FEE',
        amount: { amount: '2.00', currency: 'SGD' },
        maskedNumber: expect.stringMatching(/^\*{12}\d{4}$/),
      }),
      expect.objectContaining({
        type: 'issuing.transaction.authorization.approved',
        category: 'TRANSACTION',
        transactionType: 'AUTHORIZATION',
        amount: { amount: '3.00', currency: 'SGD' },
      }),
    ]);
  });
});
