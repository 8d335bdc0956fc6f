// Exactly-once mutations, proven with money: 200 recharges through resets, 500s, 429s and lost responses
// (applied upstream, answer dropped) move the card's balance by exactly the sum of the recharges confirmed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { UpstreamUnavailableError, type UqpayObserver } from '../../src/datasources/uqpay';
import { cents, client, emulator, fakeUpstream, json, type TestEmulator } from './helpers';

const RECHARGE = 'POST /v1/issuing/cards/{id}/recharge';
let emu: TestEmulator;

beforeAll(async () => {
  emu = await emulator({ asyncDelayMs: 0 });
});
afterAll(async () => emu.close());

describe('exactly-once recharges', () => {
  it('200 recharges under errorRate/resetRate/lostResponseRate/rateLimitRate move the balance by exactly the confirmed sum', async () => {
    const cardId = DEMO_IDS.cards.sophiaUsdSingle;
    await emu.deposit({ currency: 'USD', amount: '100000.00' });
    const retries: Record<string, number> = {};
    const observer: UqpayObserver = { onRetry: (e) => void (retries[e.reason] = (retries[e.reason] ?? 0) + 1) };
    // The circuit breaker (tested in test/reliability) would open on a run of 8 injected failures
    // (~35 % of exchanges fail here); this test is about retries and idempotency, so keep it out of the way.
    const c = client(emu.baseUrl, { maxRetries: 8, maxConnections: 16 }, { observer, circuit: { threshold: 1_000 } });
    try {
      const before = (await c.api.cards.retrieve({}, cardId)).available_balance!;
      await emu.resetStats();
      await emu.faults({
        errorRate: 0.1,
        resetRate: 0.1,
        lostResponseRate: 0.15,
        rateLimitRate: 0.1,
        retryAfterSeconds: 0,
        latencyMs: 2,
        routes: [RECHARGE],
        seed: 7,
      });
      // Distinct amounts (0.01 … 2.00) so any double application shows up in the sum.
      const jobs = Array.from({ length: 200 }, (_, i) => ({ amount: ((i + 1) / 100).toFixed(2), key: randomUUID() }));
      const results = await Promise.allSettled(
        jobs.map((j) => c.api.cards.recharge({}, cardId, { amount: j.amount }, { idempotencyKey: j.key })),
      );
      let confirmed = 0n;
      const orderIds = new Set<string>();
      const failed: typeof jobs = [];
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') {
          expect(r.value.amount).toBe(jobs[i]!.amount);
          confirmed += cents(r.value.amount!);
          orderIds.add(r.value.card_order_id);
        } else {
          expect(r.reason).toBeInstanceOf(UpstreamUnavailableError);
          failed.push(jobs[i]!);
        }
      });
      const stats = await emu.stats();
      await emu.clearFaults();
      // Faults really happened, and the client really retried through them.
      expect(stats.requests[RECHARGE]).toBeGreaterThan(250);
      expect(stats.responses.dropped ?? 0).toBeGreaterThan(20);
      expect(retries.server_error).toBeGreaterThan(0);
      expect(retries.rate_limited).toBeGreaterThan(0);
      expect(retries.network).toBeGreaterThan(0);

      // A user retries whatever failed with the SAME key: replays, never a second charge.
      for (const j of failed) {
        const order = await c.api.cards.recharge({}, cardId, { amount: j.amount }, { idempotencyKey: j.key });
        confirmed += cents(order.amount!);
        orderIds.add(order.card_order_id);
      }
      expect(orderIds.size).toBe(200);
      const after = (await c.api.cards.retrieve({}, cardId)).available_balance!;
      const sumAll = jobs.reduce((s, j) => s + cents(j.amount), 0n);
      expect(confirmed).toBe(sumAll);
      expect(cents(after) - cents(before)).toBe(confirmed);
    } finally {
      await emu.clearFaults();
      await c.close();
    }
  });

  it('one logical POST keeps ONE generated idempotency key across its retries', async () => {
    const up = await fakeUpstream((req, res, n) => {
      if (n <= 2) json(res, 500, { type: 'api_error', code: 'internal_error', message: 'boom' });
      else
        json(res, 200, {
          card_id: 'c',
          card_order_id: 'o',
          order_type: 'CARD_RECHARGE',
          amount: 12.5,
          order_status: 'PENDING',
        });
    });
    const c = client(up.baseUrl);
    try {
      const order = await c.api.cards.recharge({}, 'c', { amount: '12.50' });
      expect(order.amount).toBe('12.5'); // a JSON number, normalised exactly
      const keys = up.seen.filter((s) => s.url.endsWith('/recharge')).map((s) => s.headers['x-idempotency-key']);
      expect(keys).toHaveLength(3);
      expect(new Set(keys).size).toBe(1);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      // a second logical call gets a fresh key
      await c.api.cards.recharge({}, 'c', { amount: '1.00' });
      expect(up.seen.at(-1)!.headers['x-idempotency-key']).not.toBe(keys[0]);
    } finally {
      await c.close();
      await up.close();
    }
  });

  it('"request is processing" is retried; business errors are not', async () => {
    const up = await fakeUpstream((req, res, n) => {
      if (req.url.endsWith('/recharge')) {
        if (n === 1)
          json(res, 400, {
            type: 'idempotency_error',
            code: 'request_processing',
            message: 'the request is processing, retry later',
          });
        else
          json(res, 200, {
            card_id: 'c',
            card_order_id: 'o',
            order_type: 'CARD_RECHARGE',
            amount: '3.00',
            order_status: 'SUCCESS',
          });
      } else json(res, 400, { type: 'card_error', code: 'insufficient_balance', message: 'not enough money' });
    });
    const c = client(up.baseUrl);
    try {
      expect((await c.api.cards.recharge({}, 'c', { amount: '3.00' })).order_status).toBe('SUCCESS');
      expect(up.seen.filter((s) => s.url.endsWith('/recharge'))).toHaveLength(2);
      await expect(c.api.cards.withdraw({}, 'c', { amount: '3.00' })).rejects.toMatchObject({
        code: 'insufficient_balance',
        status: 400,
      });
      expect(up.seen.filter((s) => s.url.endsWith('/withdraw'))).toHaveLength(1);
    } finally {
      await c.close();
      await up.close();
    }
  });
});
