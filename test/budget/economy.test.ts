// The upstream economy over real HTTP: GraphQL clients → gateway(s) → the emulator enforcing UQPAY-style rate
// limits (sliding minute per client id, 429 + Retry-After). Counts come from the emulator's /__emulator/stats.
//
// Sizing used here: limit 1,200/min → bucket capacity 20 (one second's worth), refill 1,180/min (≈19.7/s), so
// 300 calls take ≈ (300 − 20) / 19.7 ≈ 14 s; call deadlines are raised to 30 s for the burst tests.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import { computeSignature } from '../../src/webhooks/signature';
import { startHarness, type Harness } from '../harness';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test:economy:${randomUUID()}:`;
let redis: Redis;
beforeAll(async () => {
  redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect(); // throws (fails the suite) when Redis is not there: never skipped
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

interface EmulatorStats {
  requests: Record<string, number>;
  responses: Record<string, number>;
  peakPerSecond: Record<string, number>;
}
// At 1,200/min the bucket holds 20 and refills ≈19.7/s: at most ≈40 calls in any second, plus a little
// arrival jitter at the emulator.
const PACED_PEAK = 44;
const emuStats = async (h: Harness): Promise<EmulatorStats> =>
  (await fetch(`${h.emulator.url}/__emulator/stats`)).json() as Promise<EmulatorStats>;
const control = (h: Harness, path: string, body?: unknown) =>
  fetch(`${h.emulator.url}/__emulator${path}`, {
    method: body === undefined ? 'DELETE' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A GraphQL request that costs exactly one distinct upstream call: a transaction search with its own window. */
const TX = 'query($from: DateTime!, $to: DateTime!) { transactions(from: $from, to: $to, first: 10) { totalCount } }';
const txVars = (i: number) => {
  const from = Date.parse('2025-01-01T00:00:00Z') + i * 1000;
  return { from: new Date(from).toISOString(), to: new Date(from + 86_400_000).toISOString() };
};
const gqlAt = async (url: string, query: string, variables?: Record<string, unknown>) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
};

describe('shared budget: no 429 at any burst', () => {
  let h: Harness;
  afterAll(async () => h?.close());

  it('300 GraphQL requests needing distinct upstream calls all succeed, paced, with zero 429s (1,200/min)', async () => {
    h = await startHarness({
      emulator: { rateLimitPerMin: 1_200 },
      env: { UQPAY_RATE_LIMIT_PER_MIN: '1200', UQPAY_REQUEST_DEADLINE_MS: '30000' },
    });
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => h.gql(TX, txVars(i))));
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.message)).toEqual([]);
    expect(results.every((r) => r.data?.transactions?.totalCount === 0)).toBe(true);
    const s = await emuStats(h);
    expect(s.requests['GET /v1/issuing/transactions']).toBe(300);
    expect(s.responses['429'] ?? 0).toBe(0);
    // Paced by the gateway, not by luck: UQPAY never saw more than the burst (20) plus one second's refill
    // (≈19.7) in any second. Unpaced, the 300 calls arrive within a second or two.
    expect(s.peakPerSecond['GET /v1/issuing/transactions']).toBeLessThanOrEqual(PACED_PEAK);
    const metrics = await (await fetch(h.gateway.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/gateway_upstream_budget_granted_total\{bucket="api"\} 300/);
    expect(metrics).toMatch(/gateway_upstream_budget_limit_per_minute\{bucket="api"\} 1200/);
    expect(metrics).toMatch(/gateway_upstream_budget_wait_seconds_count\{bucket="api"\} 300/);
  });
});

describe('two replicas on one Redis share one budget', () => {
  let h: Harness;
  let second: RunningGateway;
  afterAll(async () => {
    await second?.close();
    await h?.close();
  });

  it('150 requests over two gateways: zero 429s, and the pace of ONE 1,200/min budget', async () => {
    h = await startHarness({
      emulator: { rateLimitPerMin: 1_200 },
      env: {
        UQPAY_RATE_LIMIT_PER_MIN: '1200',
        UQPAY_REQUEST_DEADLINE_MS: '30000',
        REDIS_URL,
        UQPAY_REDIS_KEY_PREFIX: `${prefix}replicas:`,
      },
    });
    second = await startGateway(h.config, { logger: createLogger({ level: 'silent' }) });
    const urls = [h.gateway.url, second.url];
    const results = await Promise.all(Array.from({ length: 150 }, (_, i) => gqlAt(urls[i % 2]!, TX, txVars(i))));
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.message)).toEqual([]);
    const s = await emuStats(h);
    expect(s.requests['GET /v1/issuing/transactions']).toBe(150);
    expect(s.responses['429'] ?? 0).toBe(0);
    // One shared bucket: at most burst + one second's refill in any second. Two separate budgets would let
    // twice that through (each replica bursting 20 and refilling ≈19.7/s).
    expect(s.peakPerSecond['GET /v1/issuing/transactions']).toBeLessThanOrEqual(PACED_PEAK);
    expect((await redis.keys(`${prefix}replicas:budget:*`)).length).toBeGreaterThanOrEqual(1);
  });
});

describe('budget exhausted: refused at once, clearly', () => {
  it('a full queue answers UPSTREAM_BUDGET_EXHAUSTED at once; /ready reports the saturation; still no 429', async () => {
    // 30/min → capacity 1, one more call every ≈2 s; one waiting call at most.
    const h = await startHarness({
      emulator: { rateLimitPerMin: 30 },
      env: { UQPAY_RATE_LIMIT_PER_MIN: '30', UQPAY_BUDGET_QUEUE_MAX: '1', UQPAY_REQUEST_DEADLINE_MS: '5000' },
    });
    try {
      const timed = async (i: number) => {
        const t = Date.now();
        const r = await h.gql(TX, txVars(i));
        return { r, ms: Date.now() - t };
      };
      const first = await timed(0); // the token and the bucket's one call
      expect(first.r.errors).toBeUndefined();
      const burst = Promise.all(Array.from({ length: 8 }, (_, i) => timed(i + 1)));
      await new Promise((r) => setTimeout(r, 300));
      // While one call waits for its slot the queue is full: /ready says so.
      const origin = h.gateway.url.replace('/graphql', '');
      const ready = await fetch(`${origin}/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { reason: string }).reason).toMatch(/budget saturated/);
      const results = await burst;
      const refused = results.filter((x) => x.r.errors);
      expect(refused.length).toBeGreaterThanOrEqual(6);
      for (const x of refused) {
        expect(x.r.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_BUDGET_EXHAUSTED' });
        expect(x.r.errors![0]!.message).toMatch(/budget/i);
        // At once, not at the 5 s deadline (the margin is wide on purpose: this is not a speed test).
        expect(x.ms).toBeLessThan(2_500);
      }
      const metrics = await (await fetch(`${origin}/metrics`)).text();
      expect(metrics).toMatch(/gateway_upstream_budget_rejected_total\{bucket="api",reason="queue_full"\} [1-9]/);
      expect((await emuStats(h)).responses['429'] ?? 0).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('a call that cannot get a slot before its deadline is refused at once', async () => {
    const h = await startHarness({
      emulator: { rateLimitPerMin: 30 },
      env: { UQPAY_RATE_LIMIT_PER_MIN: '2', UQPAY_REQUEST_DEADLINE_MS: '10000' },
    });
    try {
      expect((await h.gql(TX, txVars(0))).errors).toBeUndefined();
      const t = Date.now();
      const r = await h.gql(TX, txVars(1)); // next slot in ≈60 s, deadline 10 s
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BUDGET_EXHAUSTED' });
      // At once, not at the 10 s deadline (the margin is wide on purpose: this is not a speed test).
      expect(Date.now() - t).toBeLessThan(5_000);
    } finally {
      await h.close();
    }
  });

  it('control: the same burst without a budget meets 429s (what the budget prevents)', async () => {
    const h = await startHarness({ emulator: { rateLimitPerMin: 30 }, env: { UQPAY_RATE_LIMIT_PER_MIN: '0' } });
    try {
      await Promise.all(Array.from({ length: 40 }, (_, i) => h.gql(TX, txVars(i))));
      expect((await emuStats(h)).responses['429'] ?? 0).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });
});

describe('coalescing and the read cache', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { UQPAY_READ_CACHE_TTL_MS: '60000', REDIS_URL, UQPAY_REDIS_KEY_PREFIX: `${prefix}cache:` },
    });
    await h.gql('{ cardProducts { productId } }'); // token and warm-up
  });
  afterAll(async () => h?.close());

  const CARD = `query($id: UUID!) { card(cardId: $id) { cardId availableBalance { amount currency } cardholder { cardholderId } } }`;

  it('50 concurrent identical card(cardId) queries cost ONE Retrieve Card, each answer intact', async () => {
    // Upstream latency so all 50 arrive while the first call is in flight.
    await control(h, '/faults', { latencyMs: 300, routes: ['GET /v1/issuing/cards/{id}'] });
    await h.resetStats();
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => h.gql(CARD, { id: DEMO_IDS.cards.sophiaUsdSingle })),
      );
      expect(
        results.every(
          (r) =>
            !r.errors &&
            r.data.card.cardId === DEMO_IDS.cards.sophiaUsdSingle &&
            r.data.card.cardholder.cardholderId === DEMO_IDS.cardholders.sophiaTan,
        ),
      ).toBe(true);
      expect((await h.stats())['GET /v1/issuing/cards/{id}']).toBe(1);
      const metrics = await (await fetch(h.gateway.url.replace('/graphql', '/metrics'))).text();
      expect(metrics).toMatch(/gateway_upstream_coalesced_total\{route="GET \/v1\/issuing\/cards\/\{id\}"\} 49/);
    } finally {
      await control(h, '/faults');
    }
  });

  it('a recharge is visible at once in the next query (card amounts are never cached)', async () => {
    const id = DEMO_IDS.cards.sophiaUsdSingle;
    const before = (await h.gql(CARD, { id })).data.card.availableBalance.amount as string;
    const r = await h.gql(
      `mutation($input: CardAmountInput!) { rechargeCard(input: $input) { userErrors { code message } } }`,
      {
        input: { cardId: id, amount: '12.34', idempotencyKey: randomUUID() },
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.rechargeCard.userErrors).toEqual([]);
    const after = (await h.gql(CARD, { id })).data.card.availableBalance.amount as string;
    expect(Number(after)).toBeCloseTo(Number(before) + 12.34, 2);
  });

  const HOLDER = `query($id: UUID!) { cardholder(cardholderId: $id) { cardholderId email } }`;

  it('cardholders come from the cache; updateCardholder is visible at once', async () => {
    const id = DEMO_IDS.cardholders.sophiaTan;
    await h.gql(HOLDER, { id });
    await h.resetStats();
    const cached = await h.gql(HOLDER, { id });
    expect((await h.stats())['GET /v1/issuing/cardholders/{id}'] ?? 0).toBe(0); // a cache hit
    const email = `sophia.${Date.now()}@example.com`;
    expect(cached.data.cardholder.email).not.toBe(email);
    const u = await h.gql(
      `mutation($input: UpdateCardholderInput!) { updateCardholder(input: $input) { cardholder { email } userErrors { code message } } }`,
      {
        input: { cardholderId: id, email },
      },
    );
    expect(u.data.updateCardholder).toMatchObject({ cardholder: { email }, userErrors: [] });
    expect((await h.gql(HOLDER, { id })).data.cardholder.email).toBe(email);
  });

  it('a matching webhook invalidates what changed behind the gateway', async () => {
    const id = DEMO_IDS.cardholders.sophiaTan;
    await h.gql(HOLDER, { id }); // cached
    // UQPAY changes the cardholder without going through this gateway (its dashboard, another integration).
    const api = h.emulator.baseUrl;
    const { auth_token } = (await (
      await fetch(`${api}/v1/connect/token`, {
        method: 'POST',
        headers: { 'x-client-id': h.emulator.clientId, 'x-api-key': h.emulator.apiKey },
      })
    ).json()) as { auth_token: string };
    const email = `direct.${Date.now()}@example.com`;
    const upd = await fetch(`${api}/v1/issuing/cardholders/${id}`, {
      method: 'POST',
      headers: {
        'x-auth-token': `Bearer ${auth_token}`,
        'x-idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ email }),
    });
    expect(upd.status).toBe(200);
    expect((await h.gql(HOLDER, { id })).data.cardholder.email).not.toBe(email); // still the cached copy

    const body = JSON.stringify({
      version: 'V1.6.0',
      event_name: 'ISSUING',
      event_type: 'cardholder.updated',
      event_id: randomUUID(),
      source_id: id,
      account_id: h.emulator.masterAccountId,
      data: { cardholder_id: id, cardholder_status: 'SUCCESS' },
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const hook = await fetch(h.gateway.url.replace('/graphql', '/webhooks/uqpay'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-wk-timestamp': ts,
        'x-wk-signature': computeSignature(h.emulator.webhookSecret, body, ts),
      },
      body,
    });
    expect(hook.status).toBe(200);
    // Processed just after the acknowledgement: poll briefly.
    let seen = '';
    for (let i = 0; i < 50 && seen !== email; i++) {
      seen = (await h.gql(HOLDER, { id })).data.cardholder.email;
      if (seen !== email) await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toBe(email);
  });
});
