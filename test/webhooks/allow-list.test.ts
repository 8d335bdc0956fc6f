// Attack: webhook data carrying secrets and personal data (a full card number, also nested; an activation code; a
// date of birth; a phone number; an OTP) must reach no subscriber and not the event log in Redis. UQPAY's real
// events do carry such data: card.create/update embed the cardholder (Go SDK webhook/issuing.go CardData,
// webhook/issuing_test.go), card.activation.code carries activation_code (Go CardActivationCodeData), cardholder
// events carry the whole profile (Node SDK src/resources/issuing/types.ts CardholderUpdatedPayload).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { createLogger } from '../../src/logger';
import { createGatewayEvents, WEBHOOK_PATH, type GatewayEvents } from '../../src/webhooks';
import { toEventMessage, WebhookEnvelope } from '../../src/events/message';
import { startHarness, type Harness } from '../harness';
import { deliver, envelope, REDIS_URL, sleep, testRedisPrefix } from './helpers';
import { subscribe, type SseSubscription } from './sse';

const C = DEMO_IDS.cards;
const H = DEMO_IDS.cardholders;
const logger = createLogger({ level: 'silent' });

const PAN = '4000056655665556';
const NESTED_PAN = '5555555555554444';
const ACTIVATION_CODE = '73914286';
const DOB = '1987-06-15';
const PHONE = '91827364';
const OTP = '492817';
const EMAIL = 'sophia.private@example.org';
const SECRETS = [PAN, '4000 0566 5566 5556', NESTED_PAN, ACTIVATION_CODE, DOB, PHONE, OTP, EMAIL];

const hostileCardholder = {
  cardholder_id: H.sophiaTan,
  cardholder_status: 'SUCCESS',
  first_name: 'Sophia',
  last_name: 'Tan',
  email: EMAIL,
  phone_number: PHONE,
  date_of_birth: DOB,
  country_code: 'SG',
  number_of_cards: 2,
  create_time: '2025-11-11T09:45:41+08:00',
  card_number: NESTED_PAN,
};

const EVENTS = [
  envelope('card.create.succeeded', {
    card_id: C.sophiaUsdSingle,
    card_number: PAN,
    card_bin: '40963608',
    card_scheme: 'VISA',
    card_status: 'ACTIVE',
    card_available_balance: '10000',
    card_product_id: DEMO_IDS.products.single,
    form_factor: 'VIRTUAL',
    mode_type: 'SINGLE',
    cardholder: hostileCardholder,
    metadata: { note: `pan ${PAN}` },
    risk_control: { allow_3ds_transactions: 'Y', allow_online_transactions: 'Y', allow_atm_transactions: 'N' },
    spending_limits: [{ amount: '2500', interval: 'PER_TRANSACTION', card_number: NESTED_PAN }],
    extra: { deep: [{ pan: NESTED_PAN, activation_code: ACTIVATION_CODE }] },
  }),
  envelope('card.activation.code', {
    card_id: C.sophiaUsdSingle,
    card_number: '40963608****4306',
    activation_code: ACTIVATION_CODE,
  }),
  envelope('cardholder.updated', {
    ...hostileCardholder,
    nationality: 'SG',
    idv_status: 'PASSED',
    idv_provider: 'SUMSUB',
  }),
  envelope('issuing.transaction.authorization.approved', {
    transaction_id: randomUUID(),
    card_id: C.sophiaUsdSingle,
    card_number: PAN,
    cardholder_id: H.sophiaTan,
    transaction_type: 'AUTHORIZATION',
    transaction_status: 'APPROVED',
    transaction_amount: '12.00',
    transaction_currency: 'USD',
    billing_amount: '12.00',
    billing_currency: 'USD',
    description: `charge on card ${PAN} (otp ${OTP})`,
    otp: OTP,
    merchant_data: {
      name: 'KOPI',
      city: 'Singapore',
      country: 'SG',
      category_code: '5814',
      terminal_secret: ACTIVATION_CODE,
    },
    transaction_time: '2026-01-26T15:24:06+08:00',
  }),
  envelope('issuing.fee.card', {
    billing_amount: '1',
    billing_currency: 'USD',
    card_available_balance: '9999',
    card_id: C.sophiaUsdSingle,
    card_number: '40963608****4306',
    cardholder_id: H.sophiaTan,
    posted_time: '2026-01-26T15:24:06+08:00',
    reference_id: randomUUID(),
    remark: `deduct virtual card ${PAN} maintenance fee 1 USD`,
    short_reference_id: 'CL260126-22YO6L67NMDC',
    transaction_amount: '1',
    transaction_currency: 'USD',
    transaction_status: 'APPROVED',
    transaction_time: '2026-01-26T15:24:06+08:00',
    transaction_type: 'FEE',
  }),
  envelope('issuing.card.otp.sent', { card_id: C.sophiaUsdSingle, otp: OTP, phone_number: PHONE, card_number: PAN }),
];

describe('event data is allow-listed before it leaves the receiver', () => {
  let h: Harness;
  let events: GatewayEvents;
  let prefix: string;
  let raw: Redis;
  const onRedis: string[] = [];
  const open: SseSubscription[] = [];

  beforeAll(async () => {
    prefix = testRedisPrefix('allow-list');
    const webhookSecret = `allow-list-${randomUUID()}`;
    events = createGatewayEvents({ redisUrl: REDIS_URL, redisPrefix: prefix, webhookSecret, logger });
    h = await startHarness({ emulator: { webhookSecret }, env: { REDIS_URL }, deps: { events } });
    await events.log.ready;
    raw = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await raw?.quit();
    await h?.close();
    await events?.close();
  });

  const sub = async (query: string) => {
    const s = await subscribe(h.gateway.url, query);
    open.push(s);
    expect(s.status).toBe(200);
    return s;
  };

  it('no full card number, activation code, date of birth, phone number, OTP or email reaches a subscriber or Redis', async () => {
    const all = await sub('subscription { issuingEvents { eventId type cardId cardholderId data } }');
    const cards = await sub(`subscription { cardEvents(cardId: "${C.sophiaUsdSingle}") {
      type category cardId cardholderId maskedNumber transactionId transactionType billingAmount { amount currency } description
      riskControl { allow3dsTransactions allowOnlineTransactions allowAtmTransactions } merchant { name categoryCode }
      card { cardId maskedNumber }
    } }`);
    const holders = await sub(
      'subscription { cardholderEvents { type cardholderId cardholderStatus idvStatus occurredAt receivedAt data } }',
    );
    const url = h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH;
    for (const e of EVENTS) expect((await deliver(url, h.emulator.webhookSecret, e)).status).toBe(200);
    await all.waitFor(EVENTS.length);
    await Promise.all([cards.waitFor(4), holders.waitFor(1)]);
    await sleep(200);
    // What the event log holds in Redis: every entry, as stored.
    const stored = (await raw.xrange(`${prefix}events:log`, '-', '+')) as [string, string[]][];
    onRedis.push(...stored.map(([, fields]) => fields.join(' ')));

    const seen = [all, cards, holders].map((x) => JSON.stringify(x.results)).join('\n') + onRedis.join('\n');
    expect(onRedis.length).toBe(EVENTS.length);
    for (const secret of SECRETS) expect(seen, `leaked ${secret}`).not.toContain(secret);
    expect(all.results.every((r) => r.errors === undefined)).toBe(true);

    // The card's subscribers get its card events and the money moving on it (transaction and fee events).
    const cardEvents = cards.results.map((r) => (r.data as any).cardEvents);
    expect(cards.results.every((r) => r.errors === undefined)).toBe(true);
    expect(cardEvents.map((e) => e.type)).toEqual([
      'card.create.succeeded',
      'card.activation.code',
      'issuing.transaction.authorization.approved',
      'issuing.fee.card',
    ]);
    expect(cardEvents.map((e) => e.category)).toEqual(['CARD', 'CARD', 'TRANSACTION', 'TRANSACTION']);
    expect(cardEvents[0]).toMatchObject({
      cardholderId: H.sophiaTan,
      maskedNumber: '************5556',
      riskControl: { allow3dsTransactions: true, allowAtmTransactions: false },
    });
    expect(cardEvents[2]).toMatchObject({
      transactionType: 'AUTHORIZATION',
      merchant: { name: 'KOPI', categoryCode: '5814' },
      description: 'charge on card ************5556 (otp ******)',
    });
    expect(cardEvents[3]).toMatchObject({ transactionType: 'FEE', billingAmount: { amount: '1.00', currency: 'USD' } });
    expect(cardEvents[3].card.cardId).toBe(C.sophiaUsdSingle);

    // A cardholder event carries the id and KYC status; its time is the event's, not the cardholder's create_time.
    const holder = (holders.results[0]!.data as any).cardholderEvents;
    expect(holder).toMatchObject({
      type: 'cardholder.updated',
      cardholderId: H.sophiaTan,
      cardholderStatus: 'SUCCESS',
      idvStatus: 'PASSED',
    });
    expect(holder.occurredAt).toBe(holder.receivedAt);
    expect(Object.keys(holder.data).sort()).toEqual([
      'cardholder_id',
      'cardholder_status',
      'idv_provider',
      'idv_status',
    ]);

    // Unknown event types flow as generic events: ids, type and time, no data.
    const generic = all.results
      .map((r) => (r.data as any).issuingEvents)
      .find((e) => e.type === 'issuing.card.otp.sent');
    expect(generic).toMatchObject({ cardId: C.sophiaUsdSingle, data: {} });
  });
});

describe('the typed view per event family', () => {
  const at = new Date('2026-02-01T00:00:00.000Z');
  const parse = (type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    toEventMessage(WebhookEnvelope.parse(envelope(type, data, extra)), at);

  it("card.create: the card's settings, the cardholder reduced to id and status (Go SDK webhook/issuing_test.go sample)", () => {
    const e = parse('card.create.succeeded', {
      card_available_balance: '10000',
      card_bin: '49372418',
      card_id: C.sophiaUsdSingle,
      card_number: '49372418****4306',
      card_product_id: DEMO_IDS.products.single,
      card_scheme: 'VISA',
      card_status: 'ACTIVE',
      cardholder: hostileCardholder,
      form_factor: 'VIRTUAL',
      metadata: {},
      mode_type: 'SINGLE',
      risk_control: { allow_3ds_transactions: 'N', allow_atm_transactions: 'Y' },
      spending_limits: [{ amount: '2500', interval: 'PER_TRANSACTION' }],
    });
    expect(e).toMatchObject({
      family: 'card',
      cardId: C.sophiaUsdSingle,
      cardholderId: H.sophiaTan,
      cardholderStatus: 'SUCCESS',
      maskedCardNumber: '************4306',
      bin: '49372418',
      mode: 'SINGLE',
      formFactor: 'VIRTUAL',
      cardAvailableBalance: '10000.00',
      spendingLimits: [{ amount: '2500.00', interval: 'PER_TRANSACTION' }],
      riskControl: { allow3dsTransactions: false, allowAtmTransactions: true, allowOnlineTransactions: null },
      occurredAt: at.toISOString(),
    });
    expect(e.data['cardholder']).toEqual({ cardholder_id: H.sophiaTan, cardholder_status: 'SUCCESS' });
    expect(e.data).not.toHaveProperty('metadata');
  });

  it('card.activation.code keeps the card and drops the code (Go SDK webhook/issuing.go CardActivationCodeData)', () => {
    const e = parse('card.activation.code', {
      card_id: C.sophiaUsdSingle,
      card_number: '12345678****0000',
      activation_code: ACTIVATION_CODE,
    });
    expect(e.data).toEqual({ card_id: C.sophiaUsdSingle, card_number: '************0000' });
    expect(JSON.stringify(e)).not.toContain(ACTIVATION_CODE);
  });

  it("a cardholder event's time is the event's, never the cardholder's create_time (Node SDK CardholderUpdatedPayload has only create_time)", () => {
    const e = parse('cardholder.kyc.status_changed', {
      ...hostileCardholder,
      idv_status: 'PASSED',
      idv_provider: 'SUMSUB',
    });
    expect(e.occurredAt).toBe(at.toISOString());
    expect(e).toMatchObject({ cardholderId: H.sophiaTan, cardholderStatus: 'SUCCESS', idvStatus: 'PASSED' });
    expect(e.data).toEqual({
      cardholder_id: H.sophiaTan,
      cardholder_status: 'SUCCESS',
      idv_status: 'PASSED',
      idv_provider: 'SUMSUB',
    });
    const updated = parse('cardholder.updated', {
      cardholder_id: H.sophiaTan,
      update_time: '2026-01-26T15:29:59+08:00',
    });
    expect(updated.occurredAt).toBe('2026-01-26T07:29:59.000Z');
  });

  it('issuing.fee.card routes by card and names the fee by its reference id (Go SDK webhook/issuing_test.go sample)', () => {
    const ref = randomUUID();
    const e = parse(
      'issuing.fee.card',
      {
        billing_amount: '1',
        billing_currency: 'USD',
        card_available_balance: '9999',
        card_id: C.sophiaUsdSingle,
        card_number: '49372418****4306',
        cardholder_id: H.sophiaTan,
        posted_time: '2026-01-26T15:24:06+08:00',
        reference_id: ref,
        remark: 'deduct virtual card [4306] maintenance fee 1 USD',
        short_reference_id: 'CL260126-22YO6L67NMDC',
        transaction_amount: '1',
        transaction_currency: 'USD',
        transaction_status: 'APPROVED',
        transaction_time: '2026-01-26T15:24:06+08:00',
        transaction_type: 'FEE',
      },
      { source_id: ref },
    );
    expect(e).toMatchObject({
      family: 'transaction',
      cardId: C.sophiaUsdSingle,
      transactionId: ref,
      transactionType: 'FEE',
      transactionStatus: 'APPROVED',
      amount: '1.00',
      billingAmount: '1.00',
      cardAvailableBalance: '9999.00',
      description: 'deduct virtual card [4306] maintenance fee 1 USD',
      occurredAt: '2026-01-26T07:24:06.000Z',
    });
  });
});
