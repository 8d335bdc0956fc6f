// The UQPAY access token: fetched lazily, cached until `expired_at` minus a safety margin, and single-flight —
// any number of concurrent callers share one token request. With Redis, replicas share one token too
// (token-redis.ts). The hot path is `headerIfFresh()`: a cached, pre-built `Bearer …` string, no await.
import { decodeJwt } from 'jose';
import type { Logger } from '../../../logger';
import { UpstreamUnavailableError, UqpayError } from './errors';

/** The token call: its route (stats, the budget's token bucket) and its answer. */
export const TOKEN_ROUTE = 'POST /v1/connect/token';
export const TOKEN_PATH = '/v1/connect/token';

export interface Token {
  auth_token: string;
  expired_at: number; // unix seconds
}

/** One token for every replica (token-redis.ts keeps it in Redis). */
export interface SharedTokens {
  /**
   * A usable token other than `stale`: the shared one, or one `fetch` obtains for everybody. `usable` decides
   * freshness; `ttlMs` how long a fetched token is shared.
   */
  obtain(opts: {
    stale: string | undefined;
    usable: (t: Token) => boolean;
    ttlMs: (t: Token) => number;
    fetch: () => Promise<Token>;
    deadline: number;
  }): Promise<{ token: Token; fetched: boolean }>;
}

export type TokenRefreshReason = 'initial' | 'expired' | 'ttl';

/** The token has no account claim, so the master account's id cannot be known. */
export class MasterAccountUnknownError extends Error {
  override readonly name = 'MasterAccountUnknownError';
}

interface Cached {
  header: string;
  raw: string;
  expiresAt: number;
  refreshAt: number;
}

export interface TokenManagerOptions {
  /** One token call to UQPAY (through the client's pipeline, so it is retried and observed). */
  fetchToken: () => Promise<Token>;
  shared?: SharedTokens;
  logger?: Logger;
  onRefresh?: (e: { reason: TokenRefreshReason }) => void;
  /** How long a shared fetch may take before waiters give up. */
  fetchDeadlineMs: number;
}

/** Refresh a little before expiry: 10 % of the lifetime, at most a minute (30-min tokens → 60 s). */
export function safetyMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(0, lifetimeMs * 0.1));
}

/** `expired_at` is unix seconds; tolerate milliseconds. */
function expiresAtMs(t: Token): number {
  return t.expired_at > 1e12 ? t.expired_at : t.expired_at * 1000;
}

export class TokenManager {
  private cached: Cached | undefined;
  private inflight: Promise<Cached> | undefined;
  private everHad = false;
  private account: { raw: string; id: string } | undefined;

  constructor(private readonly opts: TokenManagerOptions) {}

  /** The `x-auth-token` value if a fresh token is cached; undefined means call `header()`. */
  headerIfFresh(): string | undefined {
    const c = this.cached;
    return c && Date.now() < c.refreshAt ? c.header : undefined;
  }

  /** The raw token currently held, for scrubbing it out of error messages. */
  currentRaw(): string | undefined {
    return this.cached?.raw;
  }

  async header(): Promise<string> {
    return this.headerIfFresh() ?? (await this.obtain(undefined)).header;
  }

  /**
   * After a 401 "token expired" for `staleHeader`: if another caller already replaced that token, use the new
   * one; otherwise fetch (single-flight), so one refresh serves every waiter.
   */
  async refresh(staleHeader: string | undefined): Promise<string> {
    const c = this.cached;
    if (c && c.header !== staleHeader && Date.now() < c.refreshAt) return c.header;
    if (c && c.header === staleHeader) this.cached = undefined;
    const stale = staleHeader?.slice('Bearer '.length);
    return (await this.obtain(stale, 'expired')).header;
  }

  /**
   * The master account's id from the token's JWT payload (decoded, not verified: UQPAY issued it to us over TLS):
   * `entity_id`, as UQPAY's Node (src/auth.ts) and Python (uqpay/auth.py) SDKs read it, else the `account_id` one
   * older docs example shows. A token with neither is a configuration problem worth saying plainly.
   */
  async masterAccountId(): Promise<string> {
    await this.header();
    const raw = this.cached!.raw;
    if (this.account?.raw === raw) return this.account.id;
    let payload: Record<string, unknown> = {};
    try {
      payload = decodeJwt(raw);
    } catch {
      // not a JWT: reported below like a JWT without the claims
    }
    const id = [payload.entity_id, payload.account_id].find((v): v is string => typeof v === 'string' && v !== '');
    if (!id) {
      const claims = Object.keys(payload).join(', ') || 'none (not a readable JWT)';
      const message = `UQPAY's auth token names no account: neither entity_id nor account_id in its claims (${claims})`;
      this.opts.logger?.error({ claims }, message);
      throw new MasterAccountUnknownError(message);
    }
    this.account = { raw, id };
    return id;
  }

  private obtain(stale: string | undefined, reason?: TokenRefreshReason): Promise<Cached> {
    // Single flight: a refresh already running serves this caller too (it cannot return the stale token:
    // it started after the stale one was cached, or it is the fetch that replaced it).
    if (this.inflight) return this.inflight;
    const why: TokenRefreshReason = reason ?? (this.everHad ? 'ttl' : 'initial');
    const p = this.load(stale, why).then(
      (c) => {
        this.cached = c;
        this.everHad = true;
        this.inflight = undefined;
        return c;
      },
      (e: unknown) => {
        this.inflight = undefined;
        throw e;
      },
    );
    this.inflight = p;
    return p;
  }

  private async load(stale: string | undefined, reason: TokenRefreshReason): Promise<Cached> {
    const fetchOwn = async () => {
      this.opts.onRefresh?.({ reason });
      return this.opts.fetchToken();
    };
    const shared = this.opts.shared;
    if (!shared) return toCached(await fetchOwn());
    try {
      const { token } = await shared.obtain({
        stale,
        usable: (t) => Date.now() < toCached(t).refreshAt,
        ttlMs: (t) => toCached(t).refreshAt - Date.now(),
        fetch: fetchOwn,
        deadline: Date.now() + this.opts.fetchDeadlineMs,
      });
      return toCached(token);
    } catch (err) {
      // Redis trouble must not take the gateway down: fall back to this replica's own token.
      if (isUqpayOrigin(err)) throw err;
      this.opts.logger?.warn({ err: (err as Error).message }, 'shared UQPAY token unavailable; fetching locally');
      return toCached(await fetchOwn());
    }
  }
}

function toCached(t: Token): Cached {
  const expiresAt = expiresAtMs(t);
  return {
    header: `Bearer ${t.auth_token}`,
    raw: t.auth_token,
    expiresAt,
    refreshAt: expiresAt - safetyMarginMs(expiresAt - Date.now()),
  };
}

// Errors from the token call itself are real answers, not Redis trouble.
function isUqpayOrigin(err: unknown): boolean {
  return err instanceof UqpayError || err instanceof UpstreamUnavailableError;
}
