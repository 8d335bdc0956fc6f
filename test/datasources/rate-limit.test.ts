// 429 handling: the retry never comes sooner than Retry-After, and no wait is started past the deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { UpstreamUnavailableError } from '../../src/datasources/uqpay';
import { client, emulator, fakeUpstream, json, type TestEmulator } from './helpers';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());

describe('429', () => {
  it('waits at least Retry-After before retrying (emulator rateLimitRate)', async () => {
    const delays: number[] = [];
    const c = client(
      emu.baseUrl,
      {},
      { observer: { onRetry: (e) => void (e.reason === 'rate_limited' && delays.push(e.delayMs)) } },
    );
    try {
      await c.ready();
      // Seeded fault sequence (mulberry32, seed 8: 0.16, 0.63…): the first attempt gets 429, the second passes.
      await emu.faults({ rateLimitRate: 0.5, retryAfterSeconds: 1, routes: ['GET /v1/issuing/cards/{id}'], seed: 8 });
      const t0 = Date.now();
      const card = await c.api.cards.retrieve({}, DEMO_IDS.cards.sophiaUsdSingle);
      expect(card.card_id).toBe(DEMO_IDS.cards.sophiaUsdSingle);
      expect(delays).toHaveLength(1);
      expect(delays[0]).toBeGreaterThanOrEqual(1_000);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1_000);
      expect((await emu.stats()).responses['429']).toBe(1);
    } finally {
      await emu.clearFaults();
      await c.close();
    }
  });

  it('measured at the server: the second attempt arrives ≥ Retry-After after the first', async () => {
    const up = await fakeUpstream((_req, res, n) => {
      if (n === 1) json(res, 429, { code: 'too_many_requests', message: 'Too many requests' }, { 'retry-after': '1' });
      else
        json(res, 200, {
          transfer_id: 't',
          amount: '1.00',
          source_account_id: 'a',
          destination_account_id: 'b',
          currency: 'USD',
          transfer_status: 'completed',
        });
    });
    const c = client(up.baseUrl);
    try {
      await c.api.transfers.retrieve({}, 't');
      const hits = up.seen.filter((s) => s.url.includes('/transfers/'));
      expect(hits).toHaveLength(2);
      expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(1_000);
    } finally {
      await c.close();
      await up.close();
    }
  });

  it('does not start a wait the deadline cannot cover', async () => {
    const up = await fakeUpstream((_req, res) =>
      json(res, 429, { code: 'too_many_requests', message: 'Too many requests' }, { 'retry-after': '5' }),
    );
    const retries: string[] = [];
    const c = client(up.baseUrl, {}, { observer: { onRetry: (e) => void retries.push(e.reason) } });
    try {
      const err = await c.api.transfers.retrieve({ deadline: Date.now() + 1_000 }, 't').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UpstreamUnavailableError);
      expect(err).toMatchObject({ reason: 'rate_limited', status: 429 });
      // No wait was started: no retry was scheduled, and the upstream saw the call once.
      expect(retries).toEqual([]);
      expect(up.seen.filter((s) => s.url.includes('/transfers/'))).toHaveLength(1);
    } finally {
      await c.close();
      await up.close();
    }
  });
});
