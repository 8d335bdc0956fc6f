// UQPAY redelivers webhooks (at-least-once). The first delivery of an event_id claims it; later ones are dropped.
// Across replicas the claim is a Redis `SET NX EX`; in one process a bounded in-memory store is enough.
import type { Redis } from 'ioredis';

export interface DedupeStore {
  /** True exactly once per id within the TTL: the caller that gets true processes the event. */
  claim(id: string): Promise<boolean>;
  /** Give a claim back after processing failed, so a redelivery is processed. */
  release(id: string): Promise<void>;
}

/** Long enough to cover UQPAY's redelivery schedule; entries are a few dozen bytes. */
export const DEFAULT_DEDUPE_TTL_SECONDS = 24 * 60 * 60;

export function createRedisDedupeStore(
  redis: Redis,
  opts: { keyPrefix?: string; ttlSeconds?: number } = {},
): DedupeStore {
  const prefix = `${opts.keyPrefix ?? 'gateway:'}webhook:event:`;
  const ttl = opts.ttlSeconds ?? DEFAULT_DEDUPE_TTL_SECONDS;
  return {
    async claim(id) {
      return (await redis.set(prefix + id, '1', 'EX', ttl, 'NX')) === 'OK';
    },
    async release(id) {
      await redis.del(prefix + id);
    },
  };
}

/**
 * In-memory claims with a TTL and a size bound. Every entry has the same TTL, so insertion order is expiry
 * order: expired entries are swept from the front, and when full the oldest claim is forgotten first.
 */
export function createMemoryDedupeStore(
  opts: { ttlSeconds?: number; maxEntries?: number; now?: () => number } = {},
): DedupeStore & { size(): number } {
  const ttlMs = (opts.ttlSeconds ?? DEFAULT_DEDUPE_TTL_SECONDS) * 1000;
  const maxEntries = opts.maxEntries ?? 10_000;
  const now = opts.now ?? Date.now;
  const expiries = new Map<string, number>();

  function sweep(at: number) {
    for (const [key, expiresAt] of expiries) {
      if (expiresAt > at && expiries.size <= maxEntries) break;
      expiries.delete(key);
    }
  }

  return {
    async claim(id) {
      const at = now();
      const expiresAt = expiries.get(id);
      if (expiresAt !== undefined && expiresAt > at) return false;
      expiries.delete(id); // re-insert at the back so order stays expiry order
      expiries.set(id, at + ttlMs);
      sweep(at);
      return true;
    },
    async release(id) {
      expiries.delete(id);
    },
    size: () => expiries.size,
  };
}
