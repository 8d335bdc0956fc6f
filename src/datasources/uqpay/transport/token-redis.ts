// Cross-replica token sharing. UQPAY allows 60 token calls a minute per client, and (possibly) a new token
// invalidates older ones, so N replicas must not each fetch their own. The token lives under a Redis key
// derived from a hash of base URL + client id (never the raw credentials); a short NX lock elects one replica
// to fetch while the others poll the key.
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SharedTokens, Token } from './token';

export interface SharedTokenOptions {
  redis: Redis;
  baseUrl: string;
  clientId: string;
  /** Namespace for the keys (tests use a unique one per run). */
  keyPrefix?: string;
  /** How long one replica may hold the fetch lock. */
  lockTtlMs?: number;
  pollMs?: number;
}

// Delete the lock only if we still own it (it may have expired and been taken by another replica).
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class SharedTokenStore implements SharedTokens {
  readonly key: string;
  private readonly lockKey: string;
  private readonly redis: Redis;
  private readonly lockTtlMs: number;
  private readonly pollMs: number;

  constructor(opts: SharedTokenOptions) {
    const id = createHash('sha256').update(`${opts.baseUrl}\n${opts.clientId}`).digest('hex').slice(0, 32);
    this.key = `${opts.keyPrefix ?? 'uqpay:token:'}${id}`;
    this.lockKey = `${this.key}:lock`;
    this.redis = opts.redis;
    this.lockTtlMs = opts.lockTtlMs ?? 5_000;
    this.pollMs = opts.pollMs ?? 25;
  }

  async read(): Promise<Token | undefined> {
    const raw = await this.redis.get(this.key);
    if (!raw) return undefined;
    try {
      const t = JSON.parse(raw) as Token;
      return typeof t.auth_token === 'string' && typeof t.expired_at === 'number' ? t : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * A usable token other than `stale`: read the shared one, or win the lock and fetch, or wait for the winner.
   * `usable` decides freshness (the caller's safety margin); `ttlMs` how long Redis keeps a fetched token.
   */
  async obtain(opts: {
    stale: string | undefined;
    usable: (t: Token) => boolean;
    ttlMs: (t: Token) => number;
    fetch: () => Promise<Token>;
    deadline: number;
  }): Promise<{ token: Token; fetched: boolean }> {
    const ok = (t: Token | undefined): t is Token => !!t && t.auth_token !== opts.stale && opts.usable(t);
    for (;;) {
      const shared = await this.read();
      if (ok(shared)) return { token: shared, fetched: false };
      const owner = randomUUID();
      if ((await this.redis.set(this.lockKey, owner, 'PX', this.lockTtlMs, 'NX')) === 'OK') {
        try {
          const again = await this.read(); // another replica may have written between our read and our lock
          if (ok(again)) return { token: again, fetched: false };
          const token = await opts.fetch();
          const ttl = Math.floor(opts.ttlMs(token));
          if (ttl > 0) await this.redis.set(this.key, JSON.stringify(token), 'PX', ttl);
          return { token, fetched: true };
        } finally {
          await this.redis.eval(RELEASE, 1, this.lockKey, owner).catch(() => undefined);
        }
      }
      if (Date.now() + this.pollMs >= opts.deadline)
        throw new Error('timed out waiting for another replica to fetch the UQPAY token');
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }
}
