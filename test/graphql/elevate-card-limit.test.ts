// elevateCardLimit end to end over HTTP: UQPAY's elevate_limit behind a mutation with the house's payload
// (the card re-read, the card order UQPAY opened, userErrors). The amount reaches the (strict) emulator as an exact
// JSON number, bad input is a userError before any upstream call, and a card of another account is NOT_FOUND with
// nothing changed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { apiCalls, startHarness, totalCalls, type Harness } from '../harness';

const ELEVATE = `mutation($input: ElevateCardLimitInput!) { elevateCardLimit(input: $input) {
  card { cardId status } order { orderId cardId type status } userErrors { code message field } } }`;
const ORDER = `query($id: UUID!) { cardOrder(orderId: $id) { orderId type amount { amount currency } } }`;

const C = DEMO_IDS.cards;
// Mei Ling's card: 250.00 on it, 100.00 per transaction.
const CARD = C.meiLingMastercard;
const key = () => randomUUID();

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());
beforeEach(async () => {
  await h.resetEmulator();
  await h.resetStats();
});

/** A spend on Mei Ling's card, asked of the emulator's card network directly. */
async function spend(amount: number): Promise<string> {
  const auth = await fetch(`${h.emulator.baseUrl}/v1/connect/token`, {
    method: 'POST',
    headers: { 'x-client-id': h.emulator.clientId, 'x-api-key': h.emulator.apiKey },
  });
  const { auth_token } = (await auth.json()) as { auth_token: string };
  const res = await fetch(`${h.emulator.baseUrl}/v1/simulation/issuing/authorization`, {
    method: 'POST',
    headers: { 'x-auth-token': `Bearer ${auth_token}`, 'x-idempotency-key': key(), 'content-type': 'application/json' },
    body: JSON.stringify({
      card_id: CARD,
      transaction_amount: amount,
      transaction_currency: 'USD',
      merchant_name: 'Raffles Hotel',
      merchant_category_code: '7011',
    }),
  });
  return ((await res.json()) as { transaction_status: string }).transaction_status;
}

describe('elevateCardLimit', () => {
  it("raises the card's per-transaction limit: the payload has the card and UQPAY's card update order", async () => {
    expect(await spend(120)).toBe('DECLINED');
    await h.resetStats();
    const r = await h.gql(ELEVATE, {
      input: { cardId: CARD, limitAmount: '200.00', durationInDays: 3, idempotencyKey: key() },
    });
    expect(r.errors).toBeUndefined();
    const p = r.data.elevateCardLimit;
    expect(p).toEqual({
      card: { cardId: CARD, status: 'ACTIVE' },
      order: { orderId: expect.any(String), cardId: CARD, type: 'CARD_UPDATE', status: expect.any(String) },
      userErrors: [],
    });
    // One elevate call and the payload's card re-read.
    expect(apiCalls(await h.stats())).toEqual({
      'POST /v1/issuing/cards/{id}/elevate_limit': 1,
      'GET /v1/issuing/cards/{id}': 1,
    });
    expect(await spend(120)).toBe('APPROVED');
    const order = await h.gql(ORDER, { id: p.order.orderId });
    expect(order.data.cardOrder).toMatchObject({ type: 'CARD_UPDATE', amount: { amount: '200.00', currency: 'USD' } });
  });

  it('sends the amount as the exact number it was given, never through a float', async () => {
    const r = await h.gql(ELEVATE, {
      input: { cardId: CARD, limitAmount: '1234567890123.45', durationInDays: 1, idempotencyKey: key() },
    });
    expect(r.data.elevateCardLimit.userErrors).toEqual([]);
    const order = await h.gql(ORDER, { id: r.data.elevateCardLimit.order.orderId });
    expect(order.data.cardOrder.amount.amount).toBe('1234567890123.45');
  });

  it('refuses bad input with VALIDATION userErrors before any upstream call', async () => {
    for (const [input, field] of [
      [{ limitAmount: '0', durationInDays: 1 }, 'limitAmount'],
      [{ limitAmount: '-5.00', durationInDays: 1 }, 'limitAmount'],
      [{ limitAmount: '200.00', durationInDays: 0 }, 'durationInDays'],
      [{ limitAmount: '200.00', durationInDays: 366 }, 'durationInDays'],
    ] as const) {
      const r = await h.gql(ELEVATE, { input: { cardId: CARD, ...input, idempotencyKey: key() } });
      expect(r.data.elevateCardLimit).toEqual({
        card: null,
        order: null,
        userErrors: [expect.objectContaining({ code: 'VALIDATION', field: ['input', field] })],
      });
    }
    // Three decimals are not a Decimal at all: a top-level error (the variable is refused), also before UQPAY.
    const r = await h.gql(ELEVATE, {
      input: { cardId: CARD, limitAmount: '1.234', durationInDays: 1, idempotencyKey: key() },
    });
    expect(r.errors?.[0]?.message).toMatch(/Decimal/);
    expect(r.data?.elevateCardLimit ?? null).toBeNull();
    expect(totalCalls(await h.stats())).toBe(0);
    expect(await spend(120)).toBe('DECLINED');
  });

  it("a card of another account is NOT_FOUND, and its limit stays as it was; a cancelled card can't be raised", async () => {
    const foreign = await h.gql(
      ELEVATE,
      { input: { cardId: CARD, limitAmount: '200.00', durationInDays: 3, idempotencyKey: key() } },
      { headers: { 'x-on-behalf-of': DEMO_IDS.accounts.acmeTravel } },
    );
    expect(foreign.data.elevateCardLimit).toEqual({
      card: null,
      order: null,
      userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'cardId'] })],
    });
    expect(await spend(120)).toBe('DECLINED');

    const cancelled = await h.gql(ELEVATE, {
      input: { cardId: C.liamUsdCancelled, limitAmount: '200.00', durationInDays: 3, idempotencyKey: key() },
    });
    expect(cancelled.data.elevateCardLimit.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_CARD_STATUS', field: ['input', 'cardId'] }),
    ]);
  });

  it('the same key retried answers the same order; the same key for another elevation is IDEMPOTENCY_KEY_REUSED', async () => {
    const input = { cardId: CARD, limitAmount: '200.00', durationInDays: 3, idempotencyKey: key() };
    const first = (await h.gql(ELEVATE, { input })).data.elevateCardLimit;
    const again = (await h.gql(ELEVATE, { input })).data.elevateCardLimit;
    expect(again.order.orderId).toBe(first.order.orderId);
    await h.resetStats();
    const other = await h.gql(ELEVATE, { input: { ...input, limitAmount: '300.00' } });
    expect(other.data.elevateCardLimit.userErrors).toEqual([
      expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }),
    ]);
    expect(totalCalls(await h.stats())).toBe(0);
  });
});
