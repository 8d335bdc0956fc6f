import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { expectError, useEmulator } from './helpers';

const CARD = DEMO_IDS.cards.sophiaUsdSingle;
const RECHARGE = 'POST /v1/issuing/cards/{id}/recharge';
const api = useEmulator();
const cardBalance = async () => (await api.get(`/v1/issuing/cards/${CARD}`)).body.available_balance;

describe('faults', () => {
  it('errorRate → 500 api_error, not applied', async () => {
    await api.control('POST', '/faults', { errorRate: 1, routes: [RECHARGE] });
    const res = await api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 5 });
    expectError(res, 500, 'api_error', 'internal_error');
    await api.control('DELETE', '/faults');
    expect(await cardBalance()).toBe('949.00');
  });

  it('resetRate → connection destroyed before handling, not applied, counted as dropped', async () => {
    await api.control('POST', '/faults', { resetRate: 1, routes: [RECHARGE] });
    await expect(api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 5 })).rejects.toThrow();
    await api.control('DELETE', '/faults');
    expect(await cardBalance()).toBe('949.00');
    const stats = (await api.control('GET', '/stats')).body;
    expect(stats.requests[RECHARGE]).toBe(1);
    expect(stats.responses.dropped).toBe(1);
  });

  it('lostResponseRate → applied (with its idempotency record), then dropped; a retry replays', async () => {
    await api.control('POST', '/faults', { lostResponseRate: 1, routes: [RECHARGE] });
    const key = randomUUID();
    await expect(
      api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 5 }, { idempotencyKey: key }),
    ).rejects.toThrow();
    await api.control('DELETE', '/faults');
    expect(await cardBalance()).toBe('954.00');
    const retry = await api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 5 }, { idempotencyKey: key });
    expect(retry.status).toBe(200);
    expect(retry.body.amount).toBe('5.00');
    expect(await cardBalance()).toBe('954.00');
  });

  it('rateLimitRate → 429 too_many_requests with Retry-After, not applied', async () => {
    await api.control('POST', '/faults', { rateLimitRate: 1, retryAfterSeconds: 3 });
    const res = await api.post(`/v1/issuing/cards/${CARD}/recharge`, { amount: 5 });
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('too_many_requests');
    expect(res.body.message).toMatch(/^Too many requests/);
    expect(res.headers['retry-after']).toBe('3');
    // the token route is exempt unless listed
    expect((await api.fetchToken()).length).toBeGreaterThan(10);
    await api.control('DELETE', '/faults');
    expect(await cardBalance()).toBe('949.00');
  });

  it('latencyMs delays responses; a seeded PRNG makes mixed faults reproducible', async () => {
    await api.control('POST', '/faults', { latencyMs: 120, routes: ['GET /v1/issuing/products'] });
    const t0 = Date.now();
    await api.get('/v1/issuing/products');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);

    const run = async () => {
      await api.control('POST', '/faults', { errorRate: 0.5, seed: 42, routes: ['GET /v1/issuing/products'] });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await api.get('/v1/issuing/products')).status);
      return out;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(new Set(a)).toEqual(new Set([200, 500]));
  });

  it('validates the fault config and counts fault responses in stats', async () => {
    expectError(
      await api.control('POST', '/faults', { errorRate: 2 }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
    await api.control('POST', '/faults', { errorRate: 1, routes: ['GET /v1/issuing/products'] });
    await api.get('/v1/issuing/products');
    await api.get('/v1/issuing/products');
    expect((await api.control('GET', '/stats')).body.responses['500']).toBe(2);
  });
});
