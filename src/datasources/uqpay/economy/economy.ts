// Upstream economy, assembled from config: the shared budget (budget.ts, budget-redis.ts), in-flight coalescing
// (coalesce.ts) and the optional read cache (read-cache.ts), as middleware for createUqpayClient.
//
//   call middleware:    coalesce → read cache → (client: retries) → attempt middleware: budget → HTTP
//
// Coalescing sits outside the cache, so 50 identical misses cost one cache lookup and one upstream call.
// With no limit for the host and no cache, the only per-call work left is coalescing's Map lookup.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DEFAULT_REDIS_KEY_PREFIX, type UqpayConfig } from '../../../config';
import type { Logger } from '../../../logger';
import {
  MemoryBucketStore,
  UQPAY_TOKEN_LIMIT_PER_MIN,
  UpstreamBudget,
  bucketShape,
  budgetMiddleware,
  defaultRateLimitPerMin,
  type BucketStore,
  type BudgetObserver,
} from './budget';
import { RedisBucketStore } from './budget-redis';
import { coalesceMiddleware, type CoalesceObserver } from './coalesce';
import type { AttemptMiddleware, CallMiddleware } from '../transport/pipeline';
import {
  createMemoryCacheStore,
  createReadCache,
  createRedisCacheStore,
  type ReadCache,
  type ReadCacheObserver,
} from './read-cache';

export type EconomyObserver = BudgetObserver &
  CoalesceObserver &
  ReadCacheObserver & {
    /** Once at start: each bucket's limit per minute. */
    onLimit?(bucket: string, perMinute: number): void;
  };

/** An API client and its configured share of the budget (calls per minute), if any. */
export interface ClientShare {
  name: string;
  sharePerMin?: number;
}

export interface EconomyOptions {
  config: UqpayConfig;
  /** The API clients (the keys file's; open explorer mode is one client): each gets its share of the budget. */
  clients?: readonly ClientShare[];
  /** The gateway's Redis connection (REDIS_URL): buckets and cache are shared by every replica. Not closed here. */
  redis?: Redis;
  logger?: Logger;
  observer?: EconomyObserver;
}

export interface EconomySettings {
  /** Authenticated calls per minute across all replicas; undefined = unlimited. */
  perMinute?: number;
  burst?: number;
  tokenPerMinute?: number;
  queueMax: number;
  shared: boolean;
  coalesce: boolean;
  cacheTtlMs: number;
}

export interface UpstreamEconomy {
  settings: EconomySettings;
  /** Each client's share of the API budget (calls per minute); empty when no limit applies or one client has it all. */
  shares: ReadonlyMap<string, number>;
  /** For createUqpayClient. */
  callMiddleware: CallMiddleware[];
  attemptMiddleware: AttemptMiddleware[];
  /** A reason when the budget is saturated (for /ready), else undefined. */
  saturation(): string | undefined;
  /** A verified webhook event (cache invalidation); resolves before it should be published. */
  onWebhookEvent(event: { type: string; accountId: string | null }): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_BUDGET_QUEUE_MAX = 500;

export function resolveEconomy(config: UqpayConfig, shared = false): EconomySettings {
  // 0 = explicitly unlimited, even on a UQPAY host.
  const configured = config.rateLimitPerMin;
  const perMinute = configured === 0 ? undefined : (configured ?? defaultRateLimitPerMin(config.baseUrl));
  const token = config.tokenRateLimitPerMin;
  return {
    perMinute,
    burst: config.rateLimitBurst,
    tokenPerMinute:
      token === 0 ? undefined : (token ?? (perMinute !== undefined ? UQPAY_TOKEN_LIMIT_PER_MIN : undefined)),
    queueMax: config.budgetQueueMax ?? DEFAULT_BUDGET_QUEUE_MAX,
    shared,
    coalesce: config.coalesce ?? true,
    cacheTtlMs: config.readCacheTtlMs ?? 0,
  };
}

/**
 * How the API budget of `limit` calls a minute is divided between clients: a client's configured share as given;
 * what those leave, split equally between the clients without one (at least 1 each). The shares add up to the
 * limit (unless the configured ones exceed it), so no client can spend another's. A client whose share is the
 * whole limit needs no bucket of its own and is left out.
 */
export function divideBudget(limit: number, clients: readonly ClientShare[]): Map<string, number> {
  const shares = new Map<string, number>();
  const explicit = clients.reduce((sum, c) => sum + (c.sharePerMin ?? 0), 0);
  const unset = clients.filter((c) => c.sharePerMin === undefined).length;
  const each = unset > 0 ? Math.max(1, Math.floor(Math.max(0, limit - explicit) / unset)) : 0;
  for (const c of clients) {
    const share = c.sharePerMin ?? each;
    if (share < limit) shares.set(c.name, share);
  }
  return shares;
}

export function createUpstreamEconomy(opts: EconomyOptions): UpstreamEconomy {
  const { config, logger, observer } = opts;
  const settings = resolveEconomy(config, !!opts.redis);
  const needsRedis =
    settings.perMinute !== undefined || settings.tokenPerMinute !== undefined || settings.cacheTtlMs > 0;
  const redis = needsRedis ? opts.redis : undefined;
  const prefix = config.redisKeyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
  // UQPAY counts per client id and host: every replica with the same credentials and prefix shares the bucket.
  const bucketId = createHash('sha256').update(`${config.baseUrl}\n${config.clientId}`).digest('hex').slice(0, 32);

  const makeBudget = (
    name: string,
    key: string,
    perMinute: number | undefined,
    burst?: number,
  ): UpstreamBudget | undefined => {
    if (perMinute === undefined) return undefined;
    const { capacity, refillPerMin } = bucketShape(perMinute, burst);
    const store: BucketStore = redis
      ? new RedisBucketStore({ redis, key: `${prefix}budget:${bucketId}:${key}`, capacity, refillPerMin, logger })
      : new MemoryBucketStore(capacity, refillPerMin);
    observer?.onLimit?.(name, perMinute);
    logger?.info({ bucket: name, perMinute, capacity, refillPerMin, shared: !!redis }, 'upstream budget');
    return new UpstreamBudget({ name, store, refillPerMin, queueMax: settings.queueMax, observer });
  };
  const api = makeBudget('api', 'api', settings.perMinute, settings.burst);
  const token = makeBudget('token', 'token', settings.tokenPerMinute);
  // Each client's share: a bucket of its own in front of the shared one (same machinery, same store), so a
  // client that floods waits on, and is refused by, its own bucket while the others' calls go through.
  const shares =
    settings.perMinute === undefined ? new Map<string, number>() : divideBudget(settings.perMinute, opts.clients ?? []);
  if (shares.size > 0) {
    const divided = { perMinute: settings.perMinute, shares: Object.fromEntries(shares) };
    logger?.info(divided, 'upstream budget divided between clients');
  }
  const clientBudgets = new Map<string, UpstreamBudget>();
  for (const [client, perMinute] of shares) {
    const key = `client:${createHash('sha256').update(client).digest('hex').slice(0, 16)}`;
    clientBudgets.set(client, makeBudget(`client:${client}`, key, perMinute)!);
  }

  let cache: ReadCache | undefined;
  if (settings.cacheTtlMs > 0) {
    const store = redis ? createRedisCacheStore(redis, prefix) : createMemoryCacheStore();
    cache = createReadCache({ store, ttlMs: settings.cacheTtlMs, observer, logger });
  }

  const callMiddleware: CallMiddleware[] = [];
  if (settings.coalesce) callMiddleware.push(coalesceMiddleware(observer));
  if (cache) callMiddleware.push(cache.middleware);
  const attemptMiddleware: AttemptMiddleware[] = api || token ? [budgetMiddleware(api, token, clientBudgets)] : [];

  return {
    settings,
    shares,
    callMiddleware,
    attemptMiddleware,
    saturation() {
      for (const b of [api, token]) {
        if (b?.saturated())
          return `upstream budget saturated (${b.name}): ${b.depth()} calls waiting, new calls refused`;
      }
      return undefined;
    },
    onWebhookEvent: (event) => cache?.onEvent(event) ?? Promise.resolve(),
    async close() {
      api?.close();
      token?.close();
      for (const b of clientBudgets.values()) b.close();
      await cache?.close();
    },
  };
}
