// Registered APQ documents in Redis, so a document one replica registered answers on every replica. Each
// document is a key with a TTL (refreshed on use); a sorted set indexes them by last use, so the count bound
// holds across replicas (the least recently used go first). A local LRU sits in front: a hash names exactly one
// text, so a local copy is never stale, and most hits cost no Redis call (Redis's recency is refreshed by the ones
// that reach it: a document only this replica keeps using may leave Redis first, costing other replicas one more
// round trip to register it again). If Redis fails, lookups fall back to the
// local copies and a miss is answered as unknown (the client then sends the document again, which still runs).
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { luaScript } from '../redis';
import { MemoryApqStore, type ApqConfig, type ApqStore } from './apq';

// Recency is Redis's own clock (no skew between replicas), strictly increasing so that order never depends on ties.
const NOW = `
redis.replicate_commands()
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local top = redis.call('ZREVRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if top[2] and tonumber(top[2]) >= now then now = tonumber(top[2]) + 0.001 end
`;

// KEYS[1] document, KEYS[2] index; ARGV hash, document, ttl ms, max documents, document key prefix.
const REGISTER = `${NOW}
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[3]))
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
  for _, hash in ipairs(oldest) do redis.call('DEL', ARGV[5] .. hash) end
end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
`;

// KEYS[1] document, KEYS[2] index; ARGV hash, ttl ms → the document (its TTL and recency refreshed) or nil.
const LOOKUP = `
local doc = redis.call('GET', KEYS[1])
if not doc then return false end
${NOW}
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], 'XX', now, ARGV[1])
return doc
`;

/** Local copies kept in front of Redis (at most this many, or the configured count if lower). */
const LOCAL_MAX = 500;
const RETRY_AFTER_FAILURE_MS = 5_000;

export interface RedisApqOptions {
  redis: Redis;
  /** Namespace, e.g. `gateway:uqpay:apq:`. */
  prefix: string;
  config: ApqConfig;
  logger?: Logger;
}

export class RedisApqStore implements ApqStore {
  readonly kind = 'redis';
  private readonly register: (keys: string[], args: (string | number)[]) => Promise<unknown>;
  private readonly lookup: (keys: string[], args: (string | number)[]) => Promise<unknown>;
  private readonly local: MemoryApqStore;
  private readonly index: string;
  private readonly docPrefix: string;
  private failing = false;
  private retryAt = 0;

  constructor(private readonly opts: RedisApqOptions) {
    this.register = luaScript(opts.redis, REGISTER);
    this.lookup = luaScript(opts.redis, LOOKUP);
    this.local = new MemoryApqStore({
      maxDocuments: Math.min(LOCAL_MAX, opts.config.maxDocuments),
      ttlMs: opts.config.ttlMs,
    });
    this.index = `${opts.prefix}index`;
    this.docPrefix = `${opts.prefix}doc:`;
  }

  async get(hash: string): Promise<string | undefined> {
    const local = this.local.getSync(hash);
    if (local !== undefined || this.skipRedis()) return local;
    try {
      const doc = await this.lookup([this.docPrefix + hash, this.index], [hash, this.opts.config.ttlMs]);
      this.recovered();
      if (typeof doc !== 'string') return undefined;
      this.local.setSync(hash, doc);
      return doc;
    } catch (err) {
      this.failed(err);
      return undefined;
    }
  }

  async set(hash: string, document: string): Promise<void> {
    this.local.setSync(hash, document);
    if (this.skipRedis()) return;
    const { ttlMs, maxDocuments } = this.opts.config;
    try {
      await this.register([this.docPrefix + hash, this.index], [hash, document, ttlMs, maxDocuments, this.docPrefix]);
      this.recovered();
    } catch (err) {
      this.failed(err);
    }
  }

  private skipRedis(): boolean {
    return this.failing && Date.now() < this.retryAt;
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.opts.logger?.info('persisted queries: Redis answers again, registered documents shared');
  }

  private failed(err: unknown): void {
    this.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
    if (this.failing) return;
    this.failing = true;
    const reason = (err as Error)?.message;
    this.opts.logger?.warn(
      { err: reason },
      'persisted queries: Redis failed, using the documents this replica registered',
    );
  }
}
