// The request timeout: a query or mutation still executing GATEWAY_REQUEST_TIMEOUT_MS after its request arrived
// is answered with TIMEOUT, and the signal its upstream calls carry (RequestScope's `signal`) fires, so they stop
// too. Subscriptions are long-lived by design and exempt.
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors/graphql';

const controllers = new WeakMap<Request, AbortController>();

/**
 * Aborted when this request's execution outlives the timeout, so its upstream calls stop too (RequestScope's
 * `signal`). Only executions start the timer: a subscription's signal never fires. The controller is created
 * on first use: most requests never ask (their upstream calls are coalesced or they make none).
 */
export function requestSignalOf(request: Request): AbortSignal {
  let c = controllers.get(request);
  if (!c) controllers.set(request, (c = new AbortController()));
  return c.signal;
}

export function timeoutError(ms: number): GraphQLError {
  return gatewayError('TIMEOUT', `The request did not finish within ${ms} ms and was abandoned.`);
}

interface Pending {
  request: Request;
  deadline: number;
  resolve: (result: { errors: GraphQLError[] }) => void;
}

/**
 * Queries and mutations get `ms` from arrival; subscriptions are long-lived by design and are exempt.
 * One coarse timer per plugin instead of a timer per request: while executions are pending it ticks every
 * `min(100, ms)` ms and abandons those past their deadline, so a timeout fires up to one tick late.
 */
export function useRequestTimeout(ms: number): Plugin {
  const arrivals = new WeakMap<Request, number>();
  const pending = new Set<Pending>();
  const tickMs = Math.max(1, Math.min(100, ms));
  let ticker: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = Date.now();
    for (const p of pending) {
      if (p.deadline > now) continue;
      pending.delete(p);
      // Created if nothing asked yet: a resolver that carries on after the timeout gets an aborted signal.
      requestSignalOf(p.request);
      controllers.get(p.request)!.abort(timeoutError(ms));
      p.resolve({ errors: [timeoutError(ms)] });
    }
    if (pending.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
  return {
    onRequest({ request }) {
      arrivals.set(request, Date.now());
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      const arrived = request && arrivals.get(request);
      if (!request || arrived === undefined) return;
      const deadline = arrived + ms;
      setExecuteFn((execArgs) => {
        const result = executeFn(execArgs) as unknown;
        // A synchronous result cannot outlive anything.
        if (typeof (result as PromiseLike<unknown> | null)?.then !== 'function') {
          return result;
        }
        return new Promise((resolve, reject) => {
          const p: Pending = { request, deadline, resolve };
          pending.add(p);
          if (!ticker) {
            ticker = setInterval(tick, tickMs);
            ticker.unref?.();
          }
          (result as PromiseLike<unknown>).then(
            (value) => {
              pending.delete(p);
              resolve(value);
            },
            (err: unknown) => {
              pending.delete(p);
              reject(err);
            },
          );
        });
      });
    },
  };
}
