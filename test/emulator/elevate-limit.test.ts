// Elevate Limit (Go SDK issuing/cards.go ElevateLimit): `POST /v1/issuing/cards/{id}/elevate_limit` with
// `{limit_amount, duration_in_days}` raises the card's per-transaction limit for that many days and answers with a
// card order. Strict like every write: the amount is a JSON number, the key is required and replays, and another
// account's card is not found.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { expectError, useEmulator } from './helpers';

const api = useEmulator();
const C = DEMO_IDS.cards;
const A = DEMO_IDS.accounts;
// Mei Ling's card: 250.00 on it, spending controls 100.00 per transaction and 500.00 a month.
const CARD = C.meiLingMastercard;

const elevate = (cardId: string, body: unknown, o: { idempotencyKey?: string; onBehalfOf?: string } = {}) =>
  api.post(`/v1/issuing/cards/${cardId}/elevate_limit`, body, o);

async function spend(amount: number): Promise<{ status: string; description: string }> {
  const r = await api.post('/v1/simulation/issuing/authorization', {
    card_id: CARD,
    transaction_amount: amount,
    transaction_currency: 'USD',
    merchant_name: 'Raffles Hotel',
    merchant_category_code: '7011',
  });
  expect(r.status).toBe(200);
  return { status: r.body.transaction_status, description: r.body.description };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('elevate_limit', () => {
  it('raises the per-transaction limit for duration_in_days: declined before, approved during, declined after', async () => {
    expect(await spend(120)).toEqual({
      status: 'DECLINED',
      description: 'declined: exceeds PER_TRANSACTION spending control',
    });

    const r = await elevate(CARD, { limit_amount: 200.0, duration_in_days: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ card_id: CARD, card_order_id: expect.any(String), order_status: expect.any(String) });
    const order = await api.get(`/v1/issuing/cards/${r.body.card_order_id}/order`);
    expect(order.body).toMatchObject({ card_id: CARD, order_type: 'CARD_UPDATE', amount: '200.00' });

    // The cap is now the raised limit, no more.
    expect(await spend(200.01)).toEqual({
      status: 'DECLINED',
      description: 'declined: exceeds PER_TRANSACTION spending control',
    });
    expect((await spend(120)).status).toBe('APPROVED');

    // A day later the raised limit has lapsed (only Date is faked: sockets and timers run as usual).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 86_400_000 + 1_000);
    await api.fetchToken(); // the cached token expired with the day
    expect(await spend(120)).toEqual({
      status: 'DECLINED',
      description: 'declined: exceeds PER_TRANSACTION spending control',
    });
  });

  it('reads the amount from its literal: a string is refused (strict), like every request amount', async () => {
    expectError(
      await elevate(CARD, { limit_amount: '200.00', duration_in_days: 1 }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
    const r = await elevate(CARD, { limit_amount: '200.00' });
    expect(r.body.message).toBe('limit_amount must be a JSON number (e.g. 500.10), not a string');
    expectError(await elevate(CARD, { duration_in_days: 1 }), 400, 'invalid_request_error', 'missing_parameter');
    expectError(
      await elevate(CARD, { limit_amount: 0, duration_in_days: 1 }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
    expectError(await elevate(CARD, { limit_amount: 1.001 }), 400, 'invalid_request_error', 'invalid_parameter');
    for (const days of [0, 366, 1.5]) {
      const bad = await elevate(CARD, { limit_amount: 200, duration_in_days: days });
      expectError(bad, 400, 'invalid_request_error', 'invalid_parameter');
      expect(bad.body.message).toMatch(/^duration_in_days /);
    }
    // None of those changed anything.
    expect((await spend(120)).status).toBe('DECLINED');
  });

  it("another account's card is not found, and is left as it was", async () => {
    expectError(
      await elevate(CARD, { limit_amount: 200 }, { onBehalfOf: A.acmeTravel }),
      404,
      'not_found',
      'card_not_found',
    );
    expectError(await elevate(C.emmaUsdShare, { limit_amount: 200 }), 404, 'not_found', 'card_not_found');
    expect((await spend(120)).status).toBe('DECLINED');
  });

  it('only an ACTIVE or FROZEN card', async () => {
    const r = await elevate(C.liamUsdCancelled, { limit_amount: 200 });
    expectError(r, 400, 'card_error', 'invalid_card_status');
    expect((await elevate(C.sophiaSgdShareFrozen, { limit_amount: 200 })).status).toBe(200);
  });

  it('replays its first answer under the same key; another body under it is an idempotency_error', async () => {
    const key = randomUUID();
    const first = await elevate(CARD, { limit_amount: 200, duration_in_days: 2 }, { idempotencyKey: key });
    const again = await elevate(CARD, { limit_amount: 200, duration_in_days: 2 }, { idempotencyKey: key });
    expect(again.body.card_order_id).toBe(first.body.card_order_id);
    const other = await elevate(CARD, { limit_amount: 300, duration_in_days: 2 }, { idempotencyKey: key });
    expectError(other, 400, 'idempotency_error', 'idempotency_key_reused');
  });
});
