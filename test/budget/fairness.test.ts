// Each API client's share of the UQPAY budget, attacked over real HTTP: one partner floods, another partner's
// requests still go through (never UPSTREAM_BUDGET_EXHAUSTED or UPSTREAM_UNAVAILABLE), /ready stays up, and
// UQPAY never sees a 429. With Redis, a client's share is one bucket for all replicas.
//
// Sizing: 240 calls/min split between three clients (frontend, Acme, Globex) → 80/min each: a bucket of 2,
// refilling 78/min (≈1.3/s); the shared bucket holds 4 and refills 236/min. Queues hold 2 calls per bucket.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divideBudget } from '../../src/datasources/uqpay/economy/economy';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import { startHarness, type Harness } from '../harness';
import { accessFiles, bearer, GLOBEX_KEY, globexPartner, PARTNER_KEY, post, type RawResponse } from '../access/helpers';

const REDIS_URL = 'redis://127.0.0.1:6379';
/** One distinct upstream call per request: a transaction search with its own window (nothing to coalesce). */
const TX =
  'query FairTx($from: DateTime!, $to: DateTime!) { transactions(from: $from, to: $to, first: 10) { totalCount } }';
let window = 0;
const txVars = () => {
  const from = Date.parse('2025-01-01T00:00:00Z') + ++window * 1000;
  return { from: new Date(from).toISOString(), to: new Date(from + 86_400_000).toISOString() };
};
const codeOf = (r: RawResponse) => r.body.errors?.[0]?.extensions?.code as string | undefined;
const emuStats = async (h: Harness) =>
  (await (await fetch(`${h.emulator.url}/__emulator/stats`)).json()) as { responses: Record<string, number> };

describe('divideBudget', () => {
  it('gives configured shares as given and splits the rest equally; a whole-budget share needs no bucket', () => {
    const five = ['web', 'a', 'b', 'c', 'd'].map((name) => ({ name }));
    expect(Object.fromEntries(divideBudget(200, five))).toEqual({ web: 40, a: 40, b: 40, c: 40, d: 40 });
    const web80 = [{ name: 'web', sharePerMin: 80 }, ...five.slice(1)];
    expect(Object.fromEntries(divideBudget(200, web80))).toEqual({ web: 80, a: 30, b: 30, c: 30, d: 30 });
    expect(Object.fromEntries(divideBudget(10, [{ name: 'x', sharePerMin: 10 }, { name: 'y' }]))).toEqual({ y: 1 });
    expect(divideBudget(200, [{ name: 'explorer' }]).size).toBe(0);
  });
});

describe('one client flooding cannot starve another', () => {
  let h: Harness;
  let files: ReturnType<typeof accessFiles>;
  beforeAll(async () => {
    files = accessFiles([TX], [globexPartner()]);
    h = await startHarness({
      emulator: { rateLimitPerMin: 240 },
      env: {
        GATEWAY_KEYS_FILE: files.keysFile,
        GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile,
        UQPAY_RATE_LIMIT_PER_MIN: '240',
        UQPAY_BUDGET_QUEUE_MAX: '2',
      },
    });
  });
  afterAll(async () => h?.close());

  it("Acme floods 60 concurrent requests; Globex's 4 requests all succeed; /ready stays 200; no 429", async () => {
    const tx = (key: string) =>
      post(h.gateway.url, { documentId: `sha256:${files.ids.FairTx}`, variables: txVars() }, bearer(key));
    const flood = Promise.all(Array.from({ length: 60 }, () => tx(PARTNER_KEY)));
    await new Promise((r) => setTimeout(r, 50));
    const ready = await fetch(h.gateway.url.replace('/graphql', '/ready'));
    const victim = await Promise.all(Array.from({ length: 4 }, () => tx(GLOBEX_KEY)));
    const flooded = await flood;

    expect(victim.map(codeOf)).toEqual([undefined, undefined, undefined, undefined]);
    expect(victim.every((r) => r.body.data?.transactions?.totalCount === 0)).toBe(true);
    // The flood met its own limit: most of it was refused at once, with the budget code.
    const refused = flooded.filter((r) => codeOf(r) !== undefined);
    expect(refused.length).toBeGreaterThan(50);
    expect(new Set(refused.map(codeOf))).toEqual(new Set(['UPSTREAM_BUDGET_EXHAUSTED']));
    // One client's full queue is that client's problem: the replica is still ready for everyone else.
    expect(ready.status).toBe(200);
    await ready.arrayBuffer();
    expect((await emuStats(h)).responses['429'] ?? 0).toBe(0);
    const metrics = await (await fetch(h.gateway.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/gateway_upstream_budget_limit_per_minute\{bucket="client:acme-partner"\} 80/);
    expect(metrics).toMatch(
      /gateway_upstream_budget_rejected_total\{bucket="client:acme-partner",reason="queue_full"\} [1-9]/,
    );
    expect(metrics).not.toMatch(/gateway_upstream_budget_rejected_total\{bucket="client:globex-partner"/);
  });
});

describe("a client's share is shared by every replica through Redis", () => {
  let h: Harness;
  let second: RunningGateway;
  let files: ReturnType<typeof accessFiles>;
  const prefix = `test:fairness:${randomUUID()}:`;
  beforeAll(async () => {
    // Acme's share is configured in the keys file: 2 calls a minute (a bucket of 1, one more a minute later).
    files = accessFiles([TX], [globexPartner()]);
    const keys = JSON.parse(await (await import('node:fs/promises')).readFile(files.keysFile, 'utf8')) as {
      clients: Record<string, unknown>[];
    };
    keys.clients.find((c) => c.name === 'acme-partner')!.upstreamSharePerMin = 2;
    await (await import('node:fs/promises')).writeFile(files.keysFile, JSON.stringify(keys));
    h = await startHarness({
      env: {
        GATEWAY_KEYS_FILE: files.keysFile,
        GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile,
        UQPAY_RATE_LIMIT_PER_MIN: '600',
        REDIS_URL,
        UQPAY_REDIS_KEY_PREFIX: prefix,
        UQPAY_REQUEST_DEADLINE_MS: '5000',
      },
    });
    second = await startGateway(h.config, { logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await second?.close();
    await h?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it("Acme's one call a minute spent on replica 1 is gone on replica 2; Globex is unaffected on both", async () => {
    const tx = (url: string, key: string) =>
      post(url, { documentId: `sha256:${files.ids.FairTx}`, variables: txVars() }, bearer(key));
    expect(codeOf(await tx(h.gateway.url, PARTNER_KEY))).toBeUndefined();
    // Two separate buckets would each have had a call for Acme; the shared one has none until a minute passes.
    const again = await tx(second.url, PARTNER_KEY);
    expect(codeOf(again)).toBe('UPSTREAM_BUDGET_EXHAUSTED');
    expect(again.body.errors?.[0]?.extensions?.retryAfterMs).toBeGreaterThan(5_000);
    for (const url of [h.gateway.url, second.url, second.url])
      expect(codeOf(await tx(url, GLOBEX_KEY))).toBeUndefined();
    const redis = new Redis(REDIS_URL);
    try {
      // One bucket per client that called (Acme, Globex), whichever replica it called.
      expect((await redis.keys(`${prefix}budget:*:client:*`)).length).toBe(2);
    } finally {
      redis.disconnect();
    }
  });
});
