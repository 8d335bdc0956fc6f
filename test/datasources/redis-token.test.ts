// Token sharing across replicas through Redis (127.0.0.1:6379; these tests never skip: no Redis → failure).
// Two clients = two replicas: one token request between them, on a cold start and after expiry.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { client, emulator, type TestEmulator } from './helpers';

const TOKEN = 'POST /v1/connect/token';
const prefix = `test:uqpay-token:${randomUUID()}:`;
let emu: TestEmulator;
let redisA: Redis;
let redisB: Redis;

beforeAll(async () => {
  redisA = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  redisB = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  await redisA.connect(); // throws (fails the suite) when Redis is not there
  await redisB.connect();
  emu = await emulator({ invalidateOldTokens: true });
});
afterAll(async () => {
  const keys = await redisA.keys(`${prefix}*`);
  if (keys.length) await redisA.del(...keys);
  redisA.disconnect();
  redisB.disconnect();
  await emu.close();
});

describe('shared token (Redis)', () => {
  it('two replicas starting cold and concurrently make ONE token request', async () => {
    await emu.resetStats();
    const a = client(emu.baseUrl, {}, { redis: redisA, redisKeyPrefix: prefix });
    const b = client(emu.baseUrl, {}, { redis: redisB, redisKeyPrefix: prefix });
    try {
      const card = DEMO_IDS.cards.sophiaUsdSingle;
      const got = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).api.cards.retrieve({}, card)));
      expect(got.every((x) => x.card_id === card)).toBe(true);
      expect(await emu.requests(TOKEN)).toBe(1);
      // the stored key is namespaced by a hash, never the raw client id or key
      const keys = await redisA.keys(`${prefix}*`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(new RegExp(`^${prefix}[0-9a-f]{32}$`));
      expect(keys[0]).not.toContain('demo-client-id');
      expect(await redisA.pttl(keys[0]!)).toBeGreaterThan(1_000_000); // ≈ 30 min minus the safety margin

      // a third replica arriving later reuses the shared token
      const late = client(emu.baseUrl, {}, { redis: redisA, redisKeyPrefix: prefix });
      await late.api.cards.retrieve({}, card);
      await late.close();
      expect(await emu.requests(TOKEN)).toBe(1);

      // after expiry, both replicas hit 401 and still share ONE refresh
      await emu.expireTokens();
      await emu.resetStats();
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).api.cards.retrieve({}, card)));
      expect(await emu.requests(TOKEN)).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
