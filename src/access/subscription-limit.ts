// Concurrent subscriptions per API client. One partner key opened 10,000 SSE subscriptions (each an open stream,
// a bus subscriber and a context); now each client holds at most its allowance (keys file `maxSubscriptions`,
// else GATEWAY_MAX_SUBSCRIPTIONS_PER_CLIENT) per replica, and one more is refused before it attaches to anything.
// The counter is transport-neutral: SSE uses it through the yoga plugin below, a WebSocket transport can take
// the same limiter and key.
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors/graphql';
import { EXPLORER, type Caller } from './caller';
import { callerOf } from './plugin';

export interface ConcurrencyLimiter {
  /** Takes one slot for `key` if fewer than `max` are held; returns its release (idempotent), else undefined. */
  acquire(key: string, max: number): (() => void) | undefined;
  /** Slots held for `key` now. */
  count(key: string): number;
}

export function createConcurrencyLimiter(): ConcurrencyLimiter {
  const held = new Map<string, number>();
  return {
    acquire(key, max) {
      const n = held.get(key) ?? 0;
      if (n >= max) return undefined;
      held.set(key, n + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (held.get(key) ?? 1) - 1;
        if (left > 0) held.set(key, left);
        else held.delete(key);
      };
    },
    count: (key) => held.get(key) ?? 0,
  };
}

/**
 * Who a slot is counted against: the key's client by name; in open explorer mode (no keys) the remote address,
 * so one browser tab cannot use up everybody's allowance.
 */
export function subscriberKey(caller: Caller, remoteAddress: string | undefined): string {
  return caller.kind === 'explorer' ? `explorer:${remoteAddress ?? 'unknown'}` : `${caller.kind}:${caller.name}`;
}

export interface SubscriptionLimitOptions {
  limiter: ConcurrencyLimiter;
  /** The allowance of this caller. */
  maxFor(caller: Caller): number;
}

export function subscriptionLimitError(max: number) {
  return gatewayError(
    'SUBSCRIPTION_LIMIT_EXCEEDED',
    `Subscription limit reached: this client may hold at most ${max} concurrent subscriptions. Close one and retry.`,
  );
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> =>
  v != null && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

export function useSubscriptionLimit(opts: SubscriptionLimitOptions): Plugin {
  return {
    onSubscribe({ args, subscribeFn, setSubscribeFn, setResultAndStopExecution }) {
      const context = args.contextValue as { request?: Request; req?: { socket?: { remoteAddress?: string } } };
      const caller = (context.request && callerOf(context.request)) ?? EXPLORER;
      const max = opts.maxFor(caller);
      const release = opts.limiter.acquire(subscriberKey(caller, context.req?.socket?.remoteAddress), max);
      if (!release) {
        setResultAndStopExecution({ errors: [subscriptionLimitError(max)] } as ExecutionResult);
        return;
      }
      // A subscribe that throws never reaches the result hook below.
      setSubscribeFn(async (subscribeArgs) => {
        try {
          return (await subscribeFn(subscribeArgs)) as unknown;
        } catch (err) {
          release();
          throw err;
        }
      });
      return {
        onSubscribeResult({ result }) {
          // An error result (or another plugin's early answer) holds nothing; a stream holds its slot until it ends.
          if (!isAsyncIterable(result)) {
            release();
            return;
          }
          return { onEnd: release };
        },
      };
    },
  };
}
