// An optional short-TTL read cache for the objects that change slowly and carry no money: card products,
// connected accounts, cardholders. Off unless UQPAY_READ_CACHE_TTL_MS is set; shared through Redis with
// REDIS_URL. Cards, balances, transactions, transfers and orders are never cached: amounts are always read
// from UQPAY by the request that shows them.
//
// Keyed by account (the `x-on-behalf-of` the call sends), one namespace per (kind, account). Invalidation
// drops a whole namespace and bumps its generation:
//   - this gateway's own writes (cardholder create/update, card create/assign/status, which change a
//     cardholder's number_of_cards) invalidate before the mutation answers, so the next query sees them;
//   - matching webhooks (`cardholder.*`, `card.create.*`, `card.status.update.*`) invalidate before the event
//     is published to subscribers;
//   - a read that started before an invalidation never stores its (possibly older) answer: the fill is
//     conditional on the generation it saw at the miss.
// Every hit is parsed from text: no two requests ever share an object.
import type { Redis } from 'ioredis';
import type { Logger } from '../../../logger';
import { ACCOUNT_ROUTES } from '../resources/accounts';
import { luaScript } from '../../../redis';
import { CARDHOLDER_ROUTES } from '../resources/cardholders';
import { CARD_ROUTES } from '../resources/cards';
import { accountKey } from './coalesce';
import type { CallMiddleware } from '../transport/pipeline';
import { PRODUCT_ROUTES } from '../resources/products';

export type CacheKind = 'products' | 'accounts' | 'cardholders';

const CACHED: Readonly<Record<string, CacheKind>> = {
  [PRODUCT_ROUTES.list]: 'products',
  [ACCOUNT_ROUTES.list]: 'accounts',
  [ACCOUNT_ROUTES.retrieve]: 'accounts',
  [CARDHOLDER_ROUTES.list]: 'cardholders',
  [CARDHOLDER_ROUTES.retrieve]: 'cardholders',
};

/** Writes through this gateway and the namespace each one makes stale. */
const WRITES: Readonly<Record<string, CacheKind>> = {
  [CARDHOLDER_ROUTES.create]: 'cardholders',
  [CARDHOLDER_ROUTES.update]: 'cardholders',
  [CARD_ROUTES.create]: 'cardholders',
  [CARD_ROUTES.assign]: 'cardholders',
  [CARD_ROUTES.setStatus]: 'cardholders',
};

export const isCachedRoute = (route: string): boolean => route in CACHED;

export interface CacheLookup {
  /** The stored JSON, when fresh. */
  text?: string;
  /** The namespace's generation at lookup ('' = never invalidated); the fill must match it. */
  gen: string;
}

export interface ReadCacheStore {
  get(ns: string, field: string): Promise<CacheLookup>;
  set(ns: string, field: string, text: string, ttlMs: number, gen: string): Promise<void>;
  invalidate(ns: string): Promise<void>;
  /** Every account's namespace of a kind (a webhook that does not name its account). */
  invalidateKind(kind: CacheKind): Promise<void>;
  close?(): Promise<void>;
}

export interface ReadCacheObserver {
  onCache?(route: string, result: 'hit' | 'miss' | 'error'): void;
}

const ns = (kind: CacheKind, account: string) => `${kind}:${account}`;

export interface ReadCacheOptions {
  store: ReadCacheStore;
  ttlMs: number;
  observer?: ReadCacheObserver;
  logger?: Logger;
}

export interface ReadCache {
  middleware: CallMiddleware;
  /** A verified webhook event: drop what it makes stale. Resolves when done (before the event is published). */
  onEvent(event: { type: string; accountId: string | null }): Promise<void>;
  close(): Promise<void>;
}

export function createReadCache(opts: ReadCacheOptions): ReadCache {
  const { store, ttlMs, observer, logger } = opts;
  const warn = (err: unknown, what: string) =>
    logger?.warn({ err: (err as Error)?.message }, `read cache: ${what} failed`);
  const invalidate = (n: string) => store.invalidate(n).catch((err: unknown) => warn(err, 'invalidation'));

  const middleware: CallMiddleware = (next) => async (call) => {
    if (call.method !== 'GET') {
      const kind = WRITES[call.route];
      if (!kind) return next(call);
      try {
        return await next(call);
      } finally {
        // Also after a failure: a timed-out write may still have been applied.
        await invalidate(ns(kind, accountKey(call)));
      }
    }
    const kind = CACHED[call.route];
    if (kind === undefined || call.fresh) return next(call);
    const key = ns(kind, accountKey(call));
    let found: CacheLookup;
    try {
      found = await store.get(key, call.path);
    } catch (err) {
      observer?.onCache?.(call.route, 'error');
      warn(err, 'read');
      return next(call);
    }
    if (found.text !== undefined) {
      observer?.onCache?.(call.route, 'hit');
      return JSON.parse(found.text) as unknown;
    }
    observer?.onCache?.(call.route, 'miss');
    const value = await next(call);
    store.set(key, call.path, JSON.stringify(value), ttlMs, found.gen).catch((err: unknown) => warn(err, 'fill'));
    return value;
  };

  return {
    middleware,
    async onEvent(event) {
      const t = event.type;
      if (!(t.startsWith('cardholder.') || t.startsWith('card.create.') || t.startsWith('card.status.update.'))) return;
      if (event.accountId === null)
        return void (await store.invalidateKind('cardholders').catch((err: unknown) => warn(err, 'invalidation')));
      // Events name the master account by its id, while the master's own reads carry no x-on-behalf-of (''):
      // drop both, a little more than needed, never less.
      await Promise.all([
        invalidate(ns('cardholders', event.accountId.toLowerCase())),
        invalidate(ns('cardholders', '')),
      ]);
    },
    close: () => store.close?.() ?? Promise.resolve(),
  };
}

/** One replica: a Map of namespaces. Bounded: a namespace over `maxEntries` is emptied. */
export function createMemoryCacheStore(opts: { now?: () => number; maxEntries?: number } = {}): ReadCacheStore {
  const now = opts.now ?? Date.now;
  const max = opts.maxEntries ?? 5_000;
  const spaces = new Map<string, { gen: number; entries: Map<string, { exp: number; text: string }> }>();
  const space = (n: string) => {
    let s = spaces.get(n);
    if (!s) spaces.set(n, (s = { gen: 0, entries: new Map() }));
    return s;
  };
  const bump = (n: string) => {
    const s = space(n);
    s.gen++;
    s.entries.clear();
  };
  return {
    async get(n, field) {
      const s = spaces.get(n);
      if (!s) return { gen: '' };
      const e = s.entries.get(field);
      if (e && e.exp <= now()) s.entries.delete(field);
      return { text: e && e.exp > now() ? e.text : undefined, gen: s.gen ? String(s.gen) : '' };
    },
    async set(n, field, text, ttl, gen) {
      const s = space(n);
      if ((s.gen ? String(s.gen) : '') !== gen) return;
      if (s.entries.size >= max) s.entries.clear();
      s.entries.set(field, { exp: now() + ttl, text });
    },
    async invalidate(n) {
      bump(n);
    },
    async invalidateKind(kind) {
      for (const n of spaces.keys()) if (n.startsWith(`${kind}:`)) bump(n);
    },
  };
}

// One hash per namespace: field = path → `<expiresAtMs>|<json>`, plus `__gen`. The index set lists the hashes.
const FILL = `
local g = redis.call('HGET', KEYS[1], '__gen')
if (g or '') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('SADD', KEYS[2], KEYS[1])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1
`;
const BUMP = `
local g = tonumber(redis.call('HGET', KEYS[1], '__gen') or '0') + 1
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], '__gen', g)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], KEYS[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return g
`;

/** Shared by every replica. `keyPrefix` namespaces environments and test runs sharing one Redis. */
export function createRedisCacheStore(
  redis: Redis,
  keyPrefix: string,
  opts: { now?: () => number } = {},
): ReadCacheStore {
  const now = opts.now ?? Date.now;
  const fill = luaScript(redis, FILL);
  const bump = luaScript(redis, BUMP);
  const index = `${keyPrefix}rc:index`;
  const keyOf = (n: string) => `${keyPrefix}rc:${n}`;
  // A bumped generation must outlive any read that began before it (request deadlines are seconds).
  const genTtl = (ttl: number) => Math.max(ttl * 2, 120_000);
  let lastTtl = 0;
  return {
    async get(n, field) {
      const [entry, gen] = await redis.hmget(keyOf(n), field, '__gen');
      let text: string | undefined;
      if (entry) {
        const bar = entry.indexOf('|');
        if (Number(entry.slice(0, bar)) > now()) text = entry.slice(bar + 1);
      }
      return { text, gen: gen ?? '' };
    },
    async set(n, field, text, ttl, gen) {
      lastTtl = ttl;
      await fill([keyOf(n), index], [gen, field, `${now() + ttl}|${text}`, genTtl(ttl)]);
    },
    async invalidate(n) {
      await bump([keyOf(n), index], [genTtl(lastTtl)]);
    },
    async invalidateKind(kind) {
      const keys = await redis.smembers(index);
      const mine = `${keyPrefix}rc:${kind}:`;
      await Promise.all(keys.filter((k) => k.startsWith(mine)).map((k) => bump([k, index], [genTtl(lastTtl)])));
    },
  };
}
