// The budget's parts in isolation: bucket arithmetic on an injected clock, sizing, host defaults, queue order
// and refusals, the Redis bucket shared by two stores, coalescing isolation, the read cache's generation guard.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HIGH,
  LOW,
  MemoryBucketStore,
  TokenBucket,
  UpstreamBudget,
  UpstreamBudgetExhaustedError,
  bucketShape,
  defaultRateLimitPerMin,
} from '../../src/datasources/uqpay/economy/budget';
import { RedisBucketStore } from '../../src/datasources/uqpay/economy/budget-redis';
import { coalesceMiddleware } from '../../src/datasources/uqpay/economy/coalesce';
import type { CallHandler, UqpayCall } from '../../src/datasources/uqpay/transport/pipeline';
import {
  createMemoryCacheStore,
  createRedisCacheStore,
  type ReadCacheStore,
} from '../../src/datasources/uqpay/economy/read-cache';

const prefix = `test:budget:${randomUUID()}:`;
let redis: Redis;
beforeAll(async () => {
  redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect(); // throws (fails the suite) when Redis is not there: these tests never skip
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('TokenBucket (injected clock)', () => {
  it('starts full, refills linearly, never beyond capacity', () => {
    const b = new TokenBucket(5, 60, 0); // 1 token per second
    expect(b.take(10, 0)).toEqual({ granted: 5, waitMs: 1000, available: 0 });
    expect(b.take(1, 999).granted).toBe(0);
    expect(b.take(1, 1000).granted).toBe(1);
    expect(b.available(3_500)).toBeCloseTo(2.5);
    expect(b.available(60_000)).toBe(5);
  });

  it('waitMs is the time to the next whole token', () => {
    const b = new TokenBucket(1, 120, 0); // 2/s
    b.take(1, 0);
    expect(b.take(1, 100)).toMatchObject({ granted: 0, waitMs: 400 });
  });

  it('a clock going backwards takes nothing back', () => {
    const b = new TokenBucket(2, 60, 10_000);
    b.take(2, 10_000);
    expect(b.available(5_000)).toBe(0);
    expect(b.available(11_000)).toBeCloseTo(1);
  });

  it('sizing: capacity + refill per minute equals the limit, so no sliding minute ever overflows', () => {
    for (const limit of [2, 60, 200, 500, 1_200, 10_000]) {
      const { capacity, refillPerMin } = bucketShape(limit);
      expect(capacity + refillPerMin).toBe(limit);
      expect(capacity).toBe(Math.min(Math.ceil(limit / 60), Math.floor(limit / 2)));
    }
    expect(bucketShape(200)).toEqual({ capacity: 4, refillPerMin: 196 });
    expect(bucketShape(1_200)).toEqual({ capacity: 20, refillPerMin: 1_180 });
    expect(bucketShape(1_200, 100)).toEqual({ capacity: 100, refillPerMin: 1_100 });
  });

  it('simulated: the busiest 60 s window of a saturated bucket holds exactly the limit', () => {
    const limit = 200;
    const { capacity, refillPerMin } = bucketShape(limit);
    const b = new TokenBucket(capacity, refillPerMin, 0);
    const sent: number[] = [];
    for (let t = 0; t <= 180_000; t += 10) for (let g = b.take(1_000, t).granted; g > 0; g--) sent.push(t);
    let worst = 0;
    for (let i = 0, j = 0; i < sent.length; i++) {
      while (sent[i]! - sent[j]! >= 60_000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(limit);
    expect(worst).toBeGreaterThanOrEqual(limit - 1);
  });

  it('defaults follow the host', () => {
    expect(defaultRateLimitPerMin('https://api.uqpay.com/api')).toBe(200);
    expect(defaultRateLimitPerMin('https://api-sandbox.uqpaytech.com/api')).toBe(500);
    expect(defaultRateLimitPerMin('http://127.0.0.1:8900/api')).toBeUndefined();
  });
});

describe('UpstreamBudget queue', () => {
  const far = () => Date.now() + 60_000;

  it('grants at once while tokens last (no promise), then queues; mutations go before reads', async () => {
    const budget = new UpstreamBudget({
      name: 't',
      store: new MemoryBucketStore(1, 3_000),
      refillPerMin: 3_000,
      queueMax: 10,
    });
    expect(budget.acquire(LOW, far(), 'r')).toBeUndefined();
    const order: string[] = [];
    const waits = [
      budget.acquire(LOW, far(), 'read1')!.then(() => order.push('read1')),
      budget.acquire(LOW, far(), 'read2')!.then(() => order.push('read2')),
      budget.acquire(HIGH, far(), 'write')!.then(() => order.push('write')),
    ];
    expect(budget.depth()).toBe(3);
    await Promise.all(waits);
    expect(order).toEqual(['write', 'read1', 'read2']);
  });

  it('queue full → refused at once; a mutation evicts the newest read instead', async () => {
    const budget = new UpstreamBudget({
      name: 't',
      store: new MemoryBucketStore(1, 60),
      refillPerMin: 60,
      queueMax: 2,
    });
    void budget.acquire(LOW, far(), 'r');
    const a = budget.acquire(LOW, far(), 'a')!;
    const b = budget.acquire(LOW, far(), 'b')!;
    await expect(budget.acquire(LOW, far(), 'c')).rejects.toMatchObject({
      name: 'UpstreamBudgetExhaustedError',
      reason: 'queue_full',
    });
    const w = budget.acquire(HIGH, far(), 'w')!;
    await expect(b).rejects.toBeInstanceOf(UpstreamBudgetExhaustedError);
    expect(budget.saturated()).toBe(true);
    budget.close();
    await Promise.allSettled([a, w]);
  });

  it('a call whose turn would come after its deadline is refused at once', async () => {
    const budget = new UpstreamBudget({
      name: 't',
      store: new MemoryBucketStore(1, 60),
      refillPerMin: 60,
      queueMax: 100,
    });
    void budget.acquire(LOW, far(), 'r');
    const refused = budget.acquire(LOW, Date.now() + 500, 'x')!.catch((e: unknown) => e);
    // At once: settled before any timer could fire, not when the deadline passes.
    const first = await Promise.race([refused, new Promise((r) => setImmediate(() => r('still waiting')))]);
    expect(first).toMatchObject({ reason: 'deadline' });
    expect((first as UpstreamBudgetExhaustedError).retryAfterMs).toBeGreaterThan(500);
    budget.close();
  });

  it('an aborted waiter leaves the queue', async () => {
    const budget = new UpstreamBudget({
      name: 't',
      store: new MemoryBucketStore(1, 60),
      refillPerMin: 60,
      queueMax: 10,
    });
    void budget.acquire(LOW, far(), 'r');
    const ac = new AbortController();
    const p = budget.acquire(LOW, far(), 'x', ac.signal)!;
    expect(budget.depth()).toBe(1);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(UpstreamBudgetExhaustedError);
    expect(budget.depth()).toBe(0);
    budget.close();
  });
});

describe('Redis bucket (shared)', () => {
  it('two stores on one key share one budget: capacity + refill, never twice', async () => {
    const key = `${prefix}bucket`;
    const a = new RedisBucketStore({ redis, key, capacity: 5, refillPerMin: 600, logger: undefined }); // 10/s
    const b = new RedisBucketStore({ redis, key, capacity: 5, refillPerMin: 600 });
    const t0 = Date.now();
    let granted = 0;
    while (Date.now() - t0 < 1_000) {
      const [x, y] = await Promise.all([a.take(3), b.take(3)]);
      granted += x.granted + y.granted;
      await new Promise((r) => setTimeout(r, 20));
    }
    const elapsed = Date.now() - t0;
    expect(granted).toBeLessThanOrEqual(5 + Math.ceil((elapsed / 1000) * 10) + 1);
    expect(granted).toBeGreaterThanOrEqual(5 + Math.floor(((elapsed - 100) / 1000) * 10));
  });

  it('two budgets on one Redis bucket: the queue order and the total both hold', async () => {
    const key = `${prefix}bucket2`;
    const mk = () =>
      new UpstreamBudget({
        name: 't',
        store: new RedisBucketStore({ redis, key, capacity: 2, refillPerMin: 1_200 }),
        refillPerMin: 1_200,
        queueMax: 100,
      });
    const [x, y] = [mk(), mk()];
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => (i % 2 ? x : y).acquire(LOW, Date.now() + 10_000, 'r')),
    );
    // 12 calls, 2 at once then 20/s: ≥ 500 ms whatever the number of budgets sharing the bucket.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
  });
});

const call = (path: string, accountId?: string, method: 'GET' | 'POST' = 'GET'): UqpayCall => ({
  method,
  route: `${method} ${path}`,
  path,
  onBehalf: true,
  scope: { accountId },
});

describe('coalescing', () => {
  it('one upstream call for identical concurrent GETs; each caller gets its own object', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner: CallHandler = async () => {
      calls++;
      await gate;
      return { card_id: 'x', cardholder: { name: 'a' } };
    };
    const handle = coalesceMiddleware()(inner);
    const ps = Array.from({ length: 5 }, () => handle(call('/v1/issuing/cards/x')));
    const other = handle(call('/v1/issuing/cards/x', 'acct-2')); // another account: its own call
    release();
    const results = (await Promise.all(ps)) as { cardholder: { name: string } }[];
    await other;
    expect(calls).toBe(2);
    results[0]!.cardholder.name = 'mutated';
    expect(results.slice(1).map((r) => r.cardholder.name)).toEqual(['a', 'a', 'a', 'a']);
    expect(new Set(results).size).toBe(5);
  });

  it('a GET after a POST settled never joins a GET started before it', async () => {
    let n = 0;
    const resolvers: (() => void)[] = [];
    const inner: CallHandler = (c) => {
      if (c.method === 'POST') return Promise.resolve({ ok: true });
      const v = ++n;
      return new Promise((r) => resolvers.push(() => r(v)));
    };
    const handle = coalesceMiddleware()(inner);
    const before = handle(call('/v1/issuing/cards/x'));
    await handle(call('/v1/issuing/cards/x/recharge', undefined, 'POST'));
    const after = handle(call('/v1/issuing/cards/x'));
    resolvers.forEach((r) => r());
    expect([await before, await after]).toEqual([1, 2]);
  });
});

describe.each([
  ['memory', () => createMemoryCacheStore()],
  ['redis', () => createRedisCacheStore(redis, `${prefix}${randomUUID()}:`)],
] as [string, () => ReadCacheStore][])('read cache store (%s)', (_name, make) => {
  it('hit within TTL, invalidation drops it, and a fill that saw the old generation is discarded', async () => {
    const s = make();
    const miss = await s.get('cardholders:a', '/p');
    expect(miss.text).toBeUndefined();
    await s.set('cardholders:a', '/p', '{"v":1}', 60_000, miss.gen);
    expect((await s.get('cardholders:a', '/p')).text).toBe('{"v":1}');
    expect((await s.get('cardholders:b', '/p')).text).toBeUndefined(); // keyed by account

    const slowRead = await s.get('cardholders:a', '/q'); // a read starts…
    await s.invalidate('cardholders:a'); // …a write lands…
    await s.set('cardholders:a', '/q', '{"stale":true}', 60_000, slowRead.gen); // …the old answer arrives
    expect((await s.get('cardholders:a', '/q')).text).toBeUndefined();
    expect((await s.get('cardholders:a', '/p')).text).toBeUndefined();

    const fresh = await s.get('cardholders:a', '/q');
    await s.set('cardholders:a', '/q', '{"v":2}', 60_000, fresh.gen);
    expect((await s.get('cardholders:a', '/q')).text).toBe('{"v":2}');
    await s.invalidateKind('cardholders');
    expect((await s.get('cardholders:a', '/q')).text).toBeUndefined();
  });

  it('entries expire after their TTL', async () => {
    const s = make();
    await s.set('products:*', '/p', '[]', 30, '');
    expect((await s.get('products:*', '/p')).text).toBe('[]');
    await new Promise((r) => setTimeout(r, 50));
    expect((await s.get('products:*', '/p')).text).toBeUndefined();
  });
});
