// Real client libraries, set up the way an application would, for the transport tests: graphql-ws (what Apollo's
// GraphQLWsLink and urql use) with `ws` as the WebSocket in node, and a collector for what a subscription yields.
import { randomUUID } from 'node:crypto';
import { createClient, type Client, type ClientOptions, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import { computeSignature } from '../../src/webhooks/signature';
import { rechargeEvent } from '../webhooks/helpers';

export const wsUrl = (graphqlUrl: string) => graphqlUrl.replace(/^http/, 'ws');

/** A `ws` WebSocket that sends these headers on its upgrade request (node clients can; browsers cannot). */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

export interface Closed {
  code: number;
  reason: string;
}

/** A graphql-ws client that neither retries nor lingers: a test sees the first close as it happened. */
export function wsClient(graphqlUrl: string, opts: Partial<ClientOptions> = {}): Client & { closes: Closed[] } {
  const closes: Closed[] = [];
  const client = createClient({
    url: wsUrl(graphqlUrl),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazyCloseTimeout: 0,
    ...opts,
    on: {
      closed: (event) => {
        const e = event as { code: number; reason: string };
        closes.push({ code: e.code, reason: String(e.reason) });
      },
      ...opts.on,
    },
  });
  return Object.assign(client, { closes });
}

export interface Collected<T = any> {
  results: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  /** What the sink's `error` got: a list of GraphQL errors, or a close event. */
  error?: unknown;
  completed: boolean;
  /** Resolves when `n` results arrived, or the operation ended (error or complete); rejects after `ms`. */
  waitFor(n: number, ms?: number): Promise<void>;
  /** Resolves when the operation ended (error or complete). */
  ended(ms?: number): Promise<void>;
  stop(): void;
}

export function collect<T = any>(client: Client, payload: SubscribePayload & Record<string, unknown>): Collected<T> {
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  const c: Collected<T> = {
    results: [],
    completed: false,
    waitFor: (n, ms) => until(() => c.results.length >= n || c.completed || c.error !== undefined, ms),
    ended: (ms) => until(() => c.completed || c.error !== undefined, ms),
    stop: () => stop(),
  };
  const until = (done: () => boolean, ms = 5_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${ms} ms: ${JSON.stringify({ results: c.results, error: c.error })}`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  const stop = client.subscribe<T>(payload, {
    next: (r) => {
      c.results.push(r as Collected<T>['results'][number]);
      notify();
    },
    error: (e) => {
      c.error = e;
      notify();
    },
    complete: () => {
      c.completed = true;
      notify();
    },
  });
  return c;
}

/** Delivers a signed `card.recharge.succeeded` webhook for `cardId`, as UQPAY does (no account in the envelope). */
export async function deliverRecharge(gatewayUrl: string, secret: string, cardId: string): Promise<string> {
  const event = rechargeEvent(cardId);
  const body = JSON.stringify(event);
  const timestamp = String(Date.now());
  const res = await fetch(gatewayUrl.replace(/\/graphql$/, '/webhooks/uqpay'), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wk-timestamp': timestamp,
      'x-wk-signature': computeSignature(secret, body, timestamp),
    },
    body,
  });
  if (res.status !== 200) throw new Error(`webhook refused: ${res.status} ${await res.text()}`);
  return event.event_id;
}

export const idempotencyKey = () => randomUUID();
