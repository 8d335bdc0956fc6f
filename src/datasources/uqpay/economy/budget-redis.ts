// The budget's bucket in Redis, so every replica draws from ONE UQPAY budget. One Lua script refills and takes
// atomically, on Redis' own clock (TIME), so replica clocks never matter. If Redis fails, this replica falls
// back to an in-memory bucket of the same shape until Redis answers again (logged): calls keep flowing, at
// the risk of N replicas each using the full limit while Redis is down.
import type { Redis } from 'ioredis';
import type { Logger } from '../../../logger';
import { luaScript } from '../../../redis';
import { MemoryBucketStore, type BucketStore, type TakeResult } from './budget';

// KEYS[1] bucket hash; ARGV capacity, refill per ms, want, key ttl ms → {granted, waitMs, tokensLeft (string)}
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local s = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(s[1])
local ts = tonumber(s[2])
if tokens == nil or ts == nil then tokens = cap; ts = now end
if now > ts then
  tokens = math.min(cap, tokens + (now - ts) * rate)
  ts = now
end
local granted = math.floor(tokens)
if granted > want then granted = want end
if granted < 0 then granted = 0 end
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local wait = 0
if granted < want then wait = math.ceil((1 - tokens) / rate) end
return {granted, wait, tostring(tokens)}
`;

export interface RedisBucketOptions {
  redis: Redis;
  /** The bucket's key: one per UQPAY host + client id (+ `:token` for the token endpoint's bucket). */
  key: string;
  capacity: number;
  refillPerMin: number;
  logger?: Logger;
}

export class RedisBucketStore implements BucketStore {
  readonly kind = 'redis';
  private readonly take_: (keys: string[], args: (string | number)[]) => Promise<unknown>;
  private readonly fallback: MemoryBucketStore;
  private readonly args: (string | number)[];
  private failing = false;
  private retryAt = 0;

  constructor(private readonly opts: RedisBucketOptions) {
    this.take_ = luaScript(opts.redis, TAKE);
    this.fallback = new MemoryBucketStore(opts.capacity, opts.refillPerMin);
    // The key outlives a full refill, so an idle bucket restarts full rather than forgetting a recent burst.
    const ttlMs = Math.ceil((opts.capacity / opts.refillPerMin) * 60_000) + 60_000;
    this.args = [opts.capacity, opts.refillPerMin / 60_000, 0, ttlMs];
  }

  async take(want: number): Promise<TakeResult> {
    // While Redis is down, ask it again only every few seconds: each failed try costs a command timeout.
    if (this.failing && Date.now() < this.retryAt) return this.fallback.take(want);
    const args = this.args.slice();
    args[2] = want;
    try {
      const [granted, waitMs, left] = (await this.take_([this.opts.key], args)) as [number, number, string];
      if (this.failing) {
        this.failing = false;
        this.opts.logger?.info({ key: this.opts.key }, 'upstream budget: Redis answers again, bucket shared');
      }
      return { granted: Number(granted), waitMs: Number(waitMs), available: Number(left) };
    } catch (err) {
      this.retryAt = Date.now() + 5_000;
      if (!this.failing) {
        this.failing = true;
        this.opts.logger?.warn(
          { err: (err as Error)?.message, key: this.opts.key },
          'upstream budget: Redis failed, using a local bucket',
        );
      }
      return this.fallback.take(want);
    }
  }
}
