// Idempotency records in Redis, so every replica sees a key's first use. One atomic script claims the key or
// returns what is there. If Redis fails, this replica falls back to its in-memory records (logged) until Redis
// answers again: a different request under a key first used on another replica is then caught only by the
// check of what UQPAY replays (see the mutation resolvers), not up front.
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { luaScript } from '../redis';
import { MemoryLedgerStore, type LedgerStore } from './idempotency';

// KEYS[1] record; ARGV record, ttl ms → the existing record, or nil after storing ours.
const CLAIM = `
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`;

export interface RedisLedgerOptions {
  redis: Redis;
  /** Namespace, e.g. `gateway:uqpay:idempotency:`. */
  prefix: string;
  logger?: Logger;
}

export class RedisLedgerStore implements LedgerStore {
  readonly kind = 'redis';
  private readonly claim: (keys: string[], args: (string | number)[]) => Promise<unknown>;
  private readonly fallback = new MemoryLedgerStore();
  private failing = false;
  private retryAt = 0;

  constructor(private readonly opts: RedisLedgerOptions) {
    this.claim = luaScript(opts.redis, CLAIM);
  }

  async putIfAbsent(id: string, record: string, ttlMs: number): Promise<string | undefined> {
    if (this.failing && Date.now() < this.retryAt) return this.fallback.putIfAbsent(id, record, ttlMs);
    try {
      const existing = await this.claim([`${this.opts.prefix}${id}`], [record, ttlMs]);
      if (this.failing) {
        this.failing = false;
        this.opts.logger?.info('idempotency records: Redis answers again, records shared');
      }
      // Keep a local copy too, so a later Redis outage still knows this replica's recent keys.
      this.fallback.putIfAbsentSync(id, typeof existing === 'string' ? existing : record, ttlMs);
      return typeof existing === 'string' ? existing : undefined;
    } catch (err) {
      this.retryAt = Date.now() + 5_000;
      if (!this.failing) {
        this.failing = true;
        const reason = (err as Error)?.message;
        this.opts.logger?.warn({ err: reason }, 'idempotency records: Redis failed, using local records');
      }
      return this.fallback.putIfAbsent(id, record, ttlMs);
    }
  }
}
