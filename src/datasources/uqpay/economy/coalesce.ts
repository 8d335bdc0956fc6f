// In-flight coalescing: identical concurrent GETs (same account, same path and query) share ONE upstream call.
// Only calls in flight are shared, so nothing is ever older than a call that started after the request did.
//
// Isolation: the first caller gets the object UQPAY's answer was parsed into; every joiner gets its own
// structured clone (plainClone: the same copy, made faster), made the moment the answer arrives — before any caller's code runs — so one request's
// loader priming or mutation can never show in another's.
//
// Writes: when a POST settles, every in-flight entry is forgotten, so a read that starts after a mutation
// answered never joins a read that started before it (a recharge is visible in the very next query).
import { TOKEN_ROUTE } from '../transport/token';
import { UpstreamUnavailableError } from '../transport/errors';
import type { CallMiddleware, UqpayCall } from '../transport/pipeline';
import { plainClone } from './plain-clone';

export interface CoalesceObserver {
  /** A call served by another's upstream call. */
  onCoalesced?(route: string): void;
}

interface Flight {
  joiners?: { call: UqpayCall; resolve: (v: unknown) => void; reject: (e: unknown) => void }[];
}

/** The account the upstream answer depends on: calls without `x-on-behalf-of` answer the same for all. */
export function accountKey(call: UqpayCall): string {
  return call.onBehalf ? (call.scope.accountId ?? '') : '*';
}

export function coalesceMiddleware(observer?: CoalesceObserver): CallMiddleware {
  const inflight = new Map<string, Flight>();
  const forget = () => inflight.clear();
  return (next) => {
    const handle = (call: UqpayCall): Promise<unknown> => {
      if (call.method !== 'GET') {
        if (call.route === TOKEN_ROUTE) return next(call);
        const p = next(call);
        p.then(forget, forget);
        return p;
      }
      const key = `${accountKey(call)} ${call.path}`;
      const flight = inflight.get(key);
      if (flight) {
        observer?.onCoalesced?.(call.route);
        return new Promise((resolve, reject) => (flight.joiners ??= []).push({ call, resolve, reject }));
      }
      const own: Flight = {};
      inflight.set(key, own);
      const p = next(call);
      // Registered before the caller sees `p`, so clones are taken before the first caller's code runs.
      p.then(
        (value) => {
          if (inflight.get(key) === own) inflight.delete(key);
          if (own.joiners) for (const j of own.joiners) j.resolve(plainClone(value));
        },
        (err: unknown) => {
          if (inflight.get(key) === own) inflight.delete(key);
          if (!own.joiners) return;
          for (const j of own.joiners) {
            // The first caller gave up (its request was cancelled): that is not the joiners' answer.
            if (err instanceof UpstreamUnavailableError && err.reason === 'aborted' && !j.call.scope.signal?.aborted) {
              handle(j.call).then(j.resolve, j.reject); // joiners of the retry share one call again
            } else j.reject(err);
          }
        },
      );
      return p;
    };
    return handle;
  };
}
