// Server-sent events with ids: each subscription event goes out with its cursor as the SSE `id:`, so a client
// that reconnects (a browser's EventSource does it by itself) sends it back as `Last-Event-ID` and the
// subscription resumes after it. graphql-yoga's own SSE writer has no ids: for subscriptions fed by the event log
// this plugin takes its place, writing the same frames (`:` pings, `event: next`, `event: complete`) plus `id:`.
//
// Which cursor goes with which result: the subscription's source stream notes the cursor of the event it hands
// to graphql (noteCursor), and graphql turns that one event into the next result before the source is asked for
// another (the writer pulls one result at a time), so the cursor noted when a result arrives is that result's.
import type { ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

interface CursorHolder {
  current: string | undefined;
}

const holders = new WeakMap<Request, CursorHolder>();

/** The event about to become `request`'s next result carries this cursor. */
export function noteCursor(request: Request | undefined, cursor: string): void {
  if (!request) return;
  let holder = holders.get(request);
  if (!holder) holders.set(request, (holder = { current: undefined }));
  holder.current = cursor;
}

/** Marks `request` as a subscription whose results carry cursors (before its first event). */
export function expectCursors(request: Request | undefined): void {
  if (request && !holders.has(request)) holders.set(request, { current: undefined });
}

/** The `Last-Event-ID` a reconnecting SSE client sent, if any. */
export function lastEventId(request: Request | undefined): string | undefined {
  return request?.headers.get('last-event-id')?.trim() || undefined;
}

const PING_MS = process.env['NODE_ENV'] === 'test' ? 300 : 12_000;
/** Tells EventSource clients to reconnect after 1 s (their default is about 3 s). */
const RECONNECT_MS = 1_000;

/** yoga's serialisation without its internal extensions (`http` on the result and on errors, `unexpected`). */
function serialise(result: ExecutionResult): string {
  const { http: _http, ...extensions } = (result.extensions ?? {}) as Record<string, unknown>;
  const errors = result.errors?.map((error) => {
    const json = (typeof error.toJSON === 'function' ? error.toJSON() : error) as { extensions?: object };
    const { http: _h, unexpected: _u, ...rest } = (json.extensions ?? {}) as Record<string, unknown>;
    return { ...json, extensions: Object.keys(rest).length > 0 ? rest : undefined };
  });
  return JSON.stringify({
    ...result,
    ...(errors ? { errors } : {}),
    extensions: Object.keys(extensions).length > 0 ? extensions : undefined,
  });
}

function sseWithIds(holder: CursorHolder) {
  return (result: unknown, fetchAPI: { ReadableStream: typeof ReadableStream; Response: typeof Response }) => {
    const iterator = (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    let ping: ReturnType<typeof setInterval> | undefined;
    const stream = new fetchAPI.ReadableStream<Uint8Array>({
      start(controller) {
        // A first comment flushes the headers (some clients wait for a byte), then one every PING_MS.
        controller.enqueue(encoder.encode(`:\nretry: ${RECONNECT_MS}\n\n`));
        ping = setInterval(() => {
          if (controller.desiredSize === null) clearInterval(ping);
          else if (controller.desiredSize > 0) controller.enqueue(encoder.encode(':\n\n'));
        }, PING_MS);
      },
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.value != null) {
            const id = holder.current;
            const frame = `${id ? `id: ${id}\n` : ''}event: next\ndata: ${serialise(next.value as ExecutionResult)}\n\n`;
            controller.enqueue(encoder.encode(frame));
          }
          if (next.done) {
            controller.enqueue(encoder.encode('event: complete\ndata:\n\n'));
            clearInterval(ping);
            controller.close();
          }
        } catch (err) {
          clearInterval(ping);
          // A GraphQL error mid-stream (a subscriber that fell behind the retention: CURSOR_EXPIRED) is the last
          // result, then the stream completes; anything else breaks the connection as yoga's writer would.
          if (!(err instanceof Error && 'extensions' in err)) return controller.error(err);
          const errors = [err as GraphQLError];
          controller.enqueue(
            encoder.encode(`event: next\ndata: ${serialise({ errors })}\n\nevent: complete\ndata:\n\n`),
          );
          controller.close();
        }
      },
      async cancel() {
        clearInterval(ping);
        await iterator.return?.();
      },
    });
    return new fetchAPI.Response(stream, {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream',
        Connection: 'keep-alive',
        'Cache-Control': 'no-cache',
        'Content-Encoding': 'none',
      },
    });
  };
}

/** Mount after yoga's result processors (any place in `plugins`): takes over SSE for log-fed subscriptions. */
export function useSseEventIds(): Plugin {
  return {
    onResultProcess(payload) {
      const { request, result, resultProcessor } = payload;
      const holder = holders.get(request);
      // Only a stream yoga chose SSE for (subscriptions stream over SSE or not at all on this route).
      if (!holder || !resultProcessor || !isAsyncIterable(result)) return;
      if (!request.headers.get('accept')?.includes('text/event-stream')) return;
      payload.setResultProcessor(sseWithIds(holder) as never, 'text/event-stream');
    },
  };
}
