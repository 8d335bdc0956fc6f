import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { expectError, useEmulator } from './helpers';

const CARD = DEMO_IDS.cards.sophiaUsdSingle;
const api = useEmulator();
const cardBalance = async () => (await api.get(`/v1/issuing/cards/${CARD}`)).body.available_balance;

describe('idempotency', () => {
  it('requires x-idempotency-key on every POST but the token call', async () => {
    for (const path of [
      '/v1/issuing/cardholders',
      `/v1/issuing/cards/${CARD}/recharge`,
      '/v1/issuing/balances',
      '/v1/issuing/transfers',
    ]) {
      expectError(
        await api.post(path, {}, { idempotencyKey: null }),
        400,
        'invalid_request_error',
        'missing_idempotency_key',
      );
    }
    expectError(
      await api.post('/v1/issuing/balances', { currency: 'USD' }, { idempotencyKey: 'k'.repeat(65) }),
      400,
      'invalid_request_error',
      'invalid_idempotency_key',
    );
  });

  it('replays the first status and body with no new effect', async () => {
    const key = randomUUID();
    const first = await api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 10 }, { idempotencyKey: key });
    const second = await api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 10 }, { idempotencyKey: key });
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(await cardBalance()).toBe('959.00');
  });

  it('replays failures too', async () => {
    const key = randomUUID();
    const first = await api.post(`/v1/issuing/cards/${CARD}/withdraw`, { amount: 5000 }, { idempotencyKey: key });
    expectError(first, 400, 'card_error', 'insufficient_balance');
    await api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 5000 });
    const replay = await api.post(`/v1/issuing/cards/${CARD}/withdraw`, { amount: 5000 }, { idempotencyKey: key });
    expect(replay.body).toEqual(first.body);
  });

  it('refuses the same key with a different body, and key order does not count as different', async () => {
    const key = randomUUID();
    const body = {
      email: 'idem@example.org',
      first_name: 'Idem',
      last_name: 'Potent',
      country_code: 'SG',
      phone_number: '90001111',
    };
    const first = await api.post('/v1/issuing/cardholders', body, { idempotencyKey: key });
    expect(first.status).toBe(200);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await api.post('/v1/issuing/cardholders', reordered, { idempotencyKey: key })).body).toEqual(first.body);
    expectError(
      await api.post('/v1/issuing/cardholders', { ...body, phone_number: '90001112' }, { idempotencyKey: key }),
      400,
      'idempotency_error',
      'idempotency_key_reused',
    );
    expect((await api.get('/v1/issuing/cardholders')).body.total_items).toBe(6);
  });

  it('answers "request is processing" to a replay while the first is in flight', async () => {
    await api.control('POST', '/faults', { latencyMs: 300, routes: [`POST /v1/issuing/cards/{id}/recharge`] });
    const key = randomUUID();
    const first = api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 1 }, { idempotencyKey: key });
    await new Promise((r) => setTimeout(r, 100));
    const second = await api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 1 }, { idempotencyKey: key });
    expect(second.status).toBe(400);
    expect(second.body.message).toContain('request is processing');
    expect((await first).status).toBe(200);
    await api.control('DELETE', '/faults');
    expect((await api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 1 }, { idempotencyKey: key })).status).toBe(
      200,
    );
    expect(await cardBalance()).toBe('950.00');
  });

  it('scopes keys per account', async () => {
    const key = randomUUID();
    const a = await api.post('/v1/issuing/balances', { currency: 'USD' }, { idempotencyKey: key });
    const b = await api.post(
      '/v1/issuing/balances',
      { currency: 'USD' },
      { idempotencyKey: key, onBehalfOf: DEMO_IDS.subAccountIds[0] },
    );
    expect(a.body.balance_id).not.toBe(b.body.balance_id);
  });
});
