// A minimal GraphQL-over-SSE client (graphql-yoga's "distinct connections" mode) on plain fetch: POST the
// subscription with `accept: text/event-stream`, parse `event: next` / `event: complete` frames.

export interface SseSubscription<T = unknown> {
  /** The HTTP status the subscription request got (200 when accepted). */
  status: number;
  /** Results in arrival order (`{ data, errors }`), growing as events arrive. */
  results: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  /** Resolves when `results.length >= n`, rejects after `ms`. */
  waitFor(n: number, ms?: number): Promise<void>;
  close(): void;
}

export async function subscribe<T = unknown>(
  graphqlUrl: string,
  /** A document, or `{ documentId }` for a persisted one (partner keys may only send those). */
  query: string | { documentId: string },
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<SseSubscription<T>> {
  const abort = new AbortController();
  const res = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ ...(typeof query === 'string' ? { query } : query), variables }),
    signal: abort.signal,
  });
  const results: SseSubscription<T>['results'] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());

  if (res.body && res.headers.get('content-type')?.includes('text/event-stream')) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const lines = frame.split('\n');
            const event = lines
              .find((l) => l.startsWith('event:'))
              ?.slice(6)
              .trim();
            const data = lines
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trim())
              .join('\n');
            if (event === 'next' && data) results.push(JSON.parse(data));
            notify();
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  } else {
    results.push(await res.json());
  }

  return {
    status: res.status,
    results,
    waitFor(n, ms = 5_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (results.length >= n) {
            cleanup();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${ms} ms with ${results.length}/${n} results: ${JSON.stringify(results)}`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}
