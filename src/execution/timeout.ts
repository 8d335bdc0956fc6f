// The request timeout: a query or mutation still executing GATEWAY_REQUEST_TIMEOUT_MS after its request arrived
// is answered with TIMEOUT, and the signal its upstream calls carry (RequestScope's `signal`) fires, so they stop
// too. A query using @defer or @stream is bounded the same way: its last payloads must come before the deadline,
// else the stream ends with TIMEOUT. Subscriptions are long-lived by design and exempt.
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

/** Whether this request's signal has fired, answered without creating its controller (upstream calls ask this). */
export function requestAbortedOf(request: Request): boolean {
  return controllers.get(request)?.signal.aborted ?? false;
}

export function timeoutError(ms: number): GraphQLError {
  return gatewayError('TIMEOUT', `The request did not finish within ${ms} ms and was abandoned.`);
}

const isStream = (v: unknown): v is AsyncIterable<unknown> =>
  v != null && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

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
  /**
   * The rest of an incremental (@defer/@stream) result, ended at the deadline: the request's signal fires (its
   * upstream calls stop), the executor is told to stop, and the client gets a last payload carrying TIMEOUT.
   */
  function boundStream(stream: AsyncIterable<unknown>, request: Request, deadline: number): AsyncIterable<unknown> {
    const source = stream[Symbol.asyncIterator]();
    let timer: NodeJS.Timeout | undefined;
    let ended = false;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), Math.max(0, deadline - Date.now()));
      timer.unref?.();
    });
    const finish = () => {
      ended = true;
      clearTimeout(timer);
    };
    const iterator: AsyncIterableIterator<unknown> = {
      async next() {
        if (ended) return { done: true, value: undefined };
        const r = await Promise.race([source.next(), expired]);
        if (r !== 'expired') {
          if (r.done) finish();
          return r;
        }
        finish();
        requestSignalOf(request);
        controllers.get(request)!.abort(timeoutError(ms));
        void Promise.resolve(source.return?.()).catch(() => undefined);
        return { done: false, value: { hasNext: false, errors: [timeoutError(ms)] } };
      },
      async return() {
        finish();
        await source.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  return {
    onRequest({ request }) {
      arrivals.set(request, Date.now());
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      if (!request) return;
      // An operation sent over a WebSocket has no request arrival of its own: it is timed from its execution.
      const deadline = (arrivals.get(request) ?? Date.now()) + ms;
      setExecuteFn((execArgs) => {
        const result = executeFn(execArgs) as unknown;
        // A synchronous result cannot outlive anything.
        if (typeof (result as PromiseLike<unknown> | null)?.then !== 'function') {
          return isStream(result) ? boundStream(result, request, deadline) : result;
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
              resolve(isStream(value) ? boundStream(value, request, deadline) : value);
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
