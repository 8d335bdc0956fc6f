// Real subscribers for the resume tests: graphql-sse's client (distinct connections mode, as graphql-yoga serves
// it) and the `eventsource` package (WHATWG EventSource: reconnects by itself and sends Last-Event-ID), plus a
// TCP front door whose target can be switched from one gateway replica to another, cutting open connections.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { EventSource } from 'eventsource';
import { createClient } from 'graphql-sse';

export interface Received<T> {
  /** `next` payloads in arrival order. */
  results: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  errors: unknown[];
  /** Resolves when `results.length >= n`; rejects after `ms`. */
  waitFor(n: number, ms?: number): Promise<void>;
  close(): void;
}

function waiter<T>(results: Received<T>['results']) {
  const waiters = new Set<() => void>();
  return {
    notify: () => waiters.forEach((w) => w()),
    waitFor: (n: number, ms = 8_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (results.length < n) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out with ${results.length}/${n} results: ${JSON.stringify(results).slice(0, 2000)}`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
  };
}

/** A subscription through graphql-sse's client; no retries, so a dropped connection stays dropped. */
export function follow<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Received<T> {
  const results: Received<T>['results'] = [];
  const errors: unknown[] = [];
  const w = waiter(results);
  const client = createClient({ url, singleConnection: false, retryAttempts: 0, headers });
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (r) => {
        results.push(r as Received<T>['results'][number]);
        w.notify();
      },
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  return {
    results,
    errors,
    waitFor: w.waitFor,
    close() {
      dispose();
      client.dispose();
    },
  };
}

export interface EventSourceSubscription<T> extends Received<T> {
  /** The SSE `id:` of each result, in order. */
  ids: string[];
  /** How many times the EventSource (re)opened its connection. */
  opened(): number;
}

/** A GET subscription through a WHATWG EventSource, which reconnects by itself with Last-Event-ID. */
export function eventSource<T = any>(
  graphqlUrl: string,
  query: string,
  headers: Record<string, string> = {},
): EventSourceSubscription<T> {
  const url = new URL(graphqlUrl);
  url.searchParams.set('query', query);
  const results: Received<T>['results'] = [];
  const ids: string[] = [];
  const errors: unknown[] = [];
  let opened = 0;
  const w = waiter(results);
  const es = new EventSource(url, {
    // What a browser cannot add by itself: the CSRF header (and any key) the gateway asks of a GET.
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...init.headers, 'x-graphql-yoga-csrf': '1', ...headers } }),
  });
  es.addEventListener('open', () => opened++);
  es.addEventListener('error', (e) => errors.push(e));
  es.addEventListener('next', (e) => {
    ids.push(e.lastEventId);
    results.push(JSON.parse(e.data));
    w.notify();
  });
  return { results, ids, errors, waitFor: w.waitFor, opened: () => opened, close: () => es.close() };
}

export interface FrontDoor {
  url(path?: string): string;
  /** Send new connections to this port; open ones are cut (a client then reconnects to the new target). */
  switchTo(port: number): void;
  close(): Promise<void>;
}

/** A TCP forwarder in front of gateway replicas, like a load balancer moving a client between them. */
export async function frontDoor(port: number): Promise<FrontDoor> {
  let target = port;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const own = (server.address() as { port: number }).port;
  return {
    url: (path = '/graphql') => `http://127.0.0.1:${own}${path}`,
    switchTo(next) {
      target = next;
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
