// Retries for one logical call: bounded exponential backoff with full jitter, one overall deadline, and only
// for requests that are safe to repeat (GETs, and POSTs carrying an idempotency key — the same key on every
// attempt makes UQPAY replay instead of re-applying). A 4xx business error is an answer, never retried.
import type { CallGuard } from './deadline';
import { UpstreamUnavailableError, UqpayAuthError, UqpayError, isRequestProcessing, isTokenExpired } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt (an expired-token refresh is not counted). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF = { baseDelayMs: 50, maxDelayMs: 2_000 } as const;

export type RetryReason =
  | 'network'
  | 'connect_timeout'
  | 'headers_timeout'
  | 'body_timeout'
  | 'server_error'
  | 'rate_limited'
  | 'processing'
  | 'token_expired';

export interface RetryEvent {
  route: string;
  reason: RetryReason;
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
}

/** Full jitter: uniform in [0, min(max, base·2^(retry-1))]. `retry` is 1-based. */
export function backoffDelay(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor((policy.random ?? Math.random)() * cap);
}

/** Why `err` may be retried (and the least wait it demands), or undefined for a final answer. */
export function retryReason(err: unknown): { reason: RetryReason; minDelayMs: number } | undefined {
  if (err instanceof UpstreamUnavailableError) {
    switch (err.reason) {
      case 'network':
      case 'connect_timeout':
      case 'headers_timeout':
      case 'body_timeout':
        return { reason: err.reason, minDelayMs: 0 };
      default:
        return undefined; // deadline, caller abort, unparseable 2xx
    }
  }
  if (!(err instanceof UqpayError) || err instanceof UqpayAuthError) return undefined;
  if (err.status === 429) return { reason: 'rate_limited', minDelayMs: err.retryAfterMs ?? 0 };
  if (err.status >= 500) return { reason: 'server_error', minDelayMs: err.retryAfterMs ?? 0 };
  if (isTokenExpired(err)) return { reason: 'token_expired', minDelayMs: 0 };
  if (isRequestProcessing(err)) return { reason: 'processing', minDelayMs: 0 };
  return undefined;
}

/** What the caller sees when retries run out (or the deadline leaves no room for the next wait). */
export function finalError(err: unknown, route: string): unknown {
  if (err instanceof UqpayError && !(err instanceof UqpayAuthError)) {
    if (err.status >= 500) {
      return new UpstreamUnavailableError(
        'server_error',
        route,
        `UQPAY failed (${err.status}): ${err.message}`,
        err.status,
        { cause: err },
      );
    }
    if (err.status === 429) {
      return new UpstreamUnavailableError('rate_limited', route, `UQPAY rate limit: ${err.message}`, 429, {
        cause: err,
      });
    }
    if (isTokenExpired(err)) {
      // A freshly refreshed token was also refused: credentials problem, not a loop.
      return new UqpayAuthError(err.status, err.type, err.code, err.message, route);
    }
  }
  return err;
}

/**
 * An answer that settles a write whose earlier attempt was ambiguous: UQPAY answered this attempt with a business
 * decision (a replay of the first result, or a fresh refusal), so the write was applied at most as that answer says.
 * 401/403 (never processed), 429 (not processed) and "request is processing" (still running) settle nothing.
 */
function settlesWrite(err: unknown): boolean {
  if (!(err instanceof UqpayError) || err instanceof UqpayAuthError) return false;
  if (err.status < 400 || err.status >= 500 || err.status === 429) return false;
  return !isTokenExpired(err) && !isRequestProcessing(err);
}

/** Writes (POSTs that change something): the unknown-outcome policy. */
export interface WritePolicy {
  /** true: retry an ambiguous attempt with the same key (as the API reference promises); false: never (CLI 2.0.1). */
  replay: boolean;
  /** The attempt that failed with `err` may have been applied upstream. */
  ambiguous(err: unknown): boolean;
  /** The error to give up with while the outcome is unknown. */
  unknown(err: unknown): Error;
}

export interface RetryContext {
  route: string;
  /** GET, keyed POST or the token call. */
  retryable: boolean;
  deadline: number;
  /** The call's deadline and cancellation: fired means give up; its signal wakes a backoff sleep. */
  guard: Pick<CallGuard, 'aborted' | 'signal'>;
  policy: RetryPolicy;
  onRetry?: (e: RetryEvent) => void;
  /** An expired-token 401: refresh once, then the loop retries at once. */
  onTokenExpired?: () => Promise<void>;
  /** Errors already final (e.g. a token call that exhausted its own retries). */
  isFinal?: (err: unknown) => boolean;
  /** Builds the error thrown when the signal fires while waiting. */
  abortError: () => Error;
  /** Set for writes: ambiguous attempts follow the policy, and giving up while unsettled says "outcome unknown". */
  write?: WritePolicy;
}

/**
 * The retry loop once attempt 1 has failed with `err`: callers run their first attempt themselves and build the
 * RetryContext only then, so a call that succeeds at once pays for no retry state.
 */
export async function retryFailed<T>(
  ctx: RetryContext,
  attempt: (n: number) => Promise<T>,
  firstError: unknown,
): Promise<T> {
  let retries = 0;
  let refreshed = false;
  // A write stays unsettled from its first ambiguous attempt until an answer settles it (or it succeeds): a later
  // 429 or refused connection proves nothing about the earlier attempt.
  let unsettled = false;
  const w = ctx.write;
  let err = firstError;
  for (let n = 1; ; n++) {
    if (w) {
      if (w.ambiguous(err)) unsettled = true;
      else if (settlesWrite(err)) unsettled = false;
    }
    const failed = err;
    const giveUp = (e: unknown) => (unsettled ? w!.unknown(failed) : e);
    if (ctx.guard.aborted || ctx.isFinal?.(err)) throw giveUp(err);
    if (unsettled && !w!.replay) throw w!.unknown(err);
    try {
      await waitBeforeRetry(err, n);
    } catch (final) {
      throw giveUp(final);
    }
    try {
      return await attempt(n + 1);
    } catch (next) {
      err = next;
    }
  }

  /** Resolves when attempt n+1 may start; throws the error to give up with otherwise. */
  async function waitBeforeRetry(err: unknown, n: number): Promise<void> {
    const why = retryReason(err);
    if (!why) throw err;
    if (why.reason === 'token_expired') {
      if (refreshed || !ctx.onTokenExpired) throw finalError(err, ctx.route);
      refreshed = true;
      ctx.onRetry?.({ route: ctx.route, reason: why.reason, attempt: n, delayMs: 0 });
      await ctx.onTokenExpired();
      return;
    }
    if (!ctx.retryable || retries >= ctx.policy.maxRetries) throw finalError(err, ctx.route);
    retries++;
    const delayMs = Math.max(backoffDelay(retries, ctx.policy), why.minDelayMs);
    // Never start a wait the deadline cannot cover, and never wait less than Retry-After.
    if (Date.now() + delayMs >= ctx.deadline) throw finalError(err, ctx.route);
    ctx.onRetry?.({ route: ctx.route, reason: why.reason, attempt: n, delayMs });
    if (delayMs > 0) await sleep(delayMs, ctx.guard.signal, ctx.abortError);
  }
}

export function sleep(ms: number, signal: AbortSignal, abortError: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
