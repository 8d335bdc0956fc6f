// The automatic-persisted-queries store and its bounds: in memory (least recently used out past the count), in
// Redis (count held across replicas by a sorted-set index, a TTL on every document, recency refreshed on use),
// Redis failing (the replica's own copies answer, nothing throws), and the plugin's rules on a toy schema
// (too-large documents run but are not kept; registration off with a count of 0).
import { randomUUID } from 'node:crypto';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryApqStore, sha256Hex, type ApqStore } from '../../src/access/apq';
import { RedisApqStore } from '../../src/access/apq-redis';
import { createManifest, usePersistedDocuments } from '../../src/access/persisted';
import { loadConfig } from '../../src/config';
import { newRedis } from '../../src/redis';

const docs = Array.from({ length: 6 }, (_, i) => `{ f${i}: hello }`);
const hashes = docs.map(sha256Hex);

describe('MemoryApqStore', () => {
  it('keeps at most maxDocuments, the least recently used going first', async () => {
    const store = new MemoryApqStore({ maxDocuments: 3, ttlMs: 60_000 });
    for (let i = 0; i < 3; i++) await store.set(hashes[i]!, docs[i]!);
    expect(await store.get(hashes[0]!)).toBe(docs[0]); // now the most recent
    await store.set(hashes[3]!, docs[3]!);
    expect(store.size).toBe(3);
    expect(await store.get(hashes[1]!)).toBeUndefined();
    for (const i of [0, 2, 3]) expect(await store.get(hashes[i]!)).toBe(docs[i]);
  });
});

describe('RedisApqStore', () => {
  const redis = newRedis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  const prefix = `test:${randomUUID()}:apq:`;
  const config = { maxDocuments: 3, maxDocumentBytes: 16_384, ttlMs: 60_000 };
  // Each replica has its own local copies: a fresh store sees only what Redis holds.
  const replica = () => new RedisApqStore({ redis, prefix, config });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('holds the count across replicas, each document with a TTL, recency refreshed on use', async () => {
    const one = replica();
    for (let i = 0; i < 3; i++) await one.set(hashes[i]!, docs[i]!);
    // Used on another replica: hashes[0] becomes the most recent.
    expect(await replica().get(hashes[0]!)).toBe(docs[0]);
    await replica().set(hashes[3]!, docs[3]!);
    await replica().set(hashes[4]!, docs[4]!);
    expect(await redis.zcard(`${prefix}index`)).toBe(3);
    const fresh = replica();
    expect(await fresh.get(hashes[1]!)).toBeUndefined();
    expect(await fresh.get(hashes[2]!)).toBeUndefined();
    for (const i of [0, 3, 4]) expect(await fresh.get(hashes[i]!)).toBe(docs[i]);
    expect(await redis.exists(`${prefix}doc:${hashes[1]}`, `${prefix}doc:${hashes[2]}`)).toBe(0);
    for (const i of [0, 3, 4]) {
      const ttl = await redis.pttl(`${prefix}doc:${hashes[i]}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(config.ttlMs);
    }
  });

  it('answers from its own copies and never throws while Redis is down', async () => {
    // Nothing listens on port 1; no offline queue, so every command fails at once.
    const dead = newRedis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, enableOfflineQueue: false });
    dead.on('error', () => undefined);
    const store: ApqStore = new RedisApqStore({ redis: dead, prefix, config });
    await expect(store.set(hashes[5]!, docs[5]!)).resolves.toBeUndefined();
    expect(await store.get(hashes[5]!)).toBe(docs[5]);
    expect(await store.get(hashes[0]!)).toBeUndefined();
    dead.disconnect();
  });
});

describe('the plugin on a toy schema', () => {
  const schema = createSchema({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'hi' } },
  });
  const yogaWith = (store: ApqStore | undefined, maxDocumentBytes = 100) =>
    createYoga({
      schema,
      logging: false,
      plugins: [
        usePersistedDocuments({
          manifest: createManifest({}),
          allowArbitrary: () => true,
          apq: store && { store, maxDocumentBytes },
        }),
      ],
    });
  const send = async (yoga: ReturnType<typeof yogaWith>, body: unknown) => {
    const res = await yoga.fetch('http://gw/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as { data?: unknown; errors?: { message: string }[] } };
  };
  const withHash = (query: string) => ({
    query,
    extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } },
  });
  const hashOnly = (query: string) => ({
    extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } },
  });

  it('runs a document over maxDocumentBytes but does not keep it', async () => {
    const store = new MemoryApqStore({ maxDocuments: 10, ttlMs: 60_000 });
    const yoga = yogaWith(store, 40);
    const small = '{ hello }';
    const large = `{ hello ${' '.repeat(40)}}`;
    for (const query of [small, large])
      expect((await send(yoga, withHash(query))).json).toEqual({ data: { hello: 'hi' } });
    expect((await send(yoga, hashOnly(small))).json).toEqual({ data: { hello: 'hi' } });
    const miss = await send(yoga, hashOnly(large));
    expect(miss.status).toBe(400);
    expect(miss.json.errors?.[0]?.message).toBe('PersistedQueryNotFound');
  });

  it('keeps nothing without a store (GATEWAY_APQ_MAX_DOCUMENTS=0)', async () => {
    const yoga = yogaWith(undefined);
    expect((await send(yoga, withHash('{ hello }'))).status).toBe(200);
    expect((await send(yoga, hashOnly('{ hello }'))).json.errors?.[0]?.message).toBe('PersistedQueryNotFound');
  });
});

describe('configuration', () => {
  it('has documented defaults, and never keeps a document larger than a request body may be', () => {
    expect(loadConfig({}).apq).toEqual({ maxDocuments: 1_000, maxDocumentBytes: 16_384, ttlMs: 86_400_000 });
    expect(loadConfig({ GATEWAY_MAX_BODY_BYTES: '8000' }).apq?.maxDocumentBytes).toBe(8_000);
    expect(loadConfig({ GATEWAY_APQ_MAX_DOCUMENTS: '0' }).apq?.maxDocuments).toBe(0);
  });
});
