// Streamed results (a subscription, a query with @defer or @stream) over plain HTTP. graphql-yoga answers them
// as server-sent events (`Accept: text/event-stream`), and @defer/@stream also as multipart (`multipart/mixed`).
// Two answers are the gateway's own: a subscription under `multipart/mixed` gets Apollo's multipart subscription
// protocol (what Apollo Client's HttpLink asks for with `subscriptionSpec=1.0`: each event a `{"payload": …}`
// part, `{}` heartbeats between them), and a stream under an Accept header naming no streaming type gets a 406
// that says what to send, instead of yoga's empty one.
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors/graphql';
import { formatError } from './redacted-errors';

const BOUNDARY = 'graphql';
const MULTIPART_SUBSCRIPTION = `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`;
const WANTS_MULTIPART = /multipart\/mixed/i;

const isStream = (v: unknown): v is AsyncIterable<ExecutionResult> =>
  v != null && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

/** A result as a stream part carries it: errors redacted, no HTTP details. */
function serialise(result: ExecutionResult): string {
  return JSON.stringify(result.errors?.length ? { ...result, errors: result.errors.map(formatError) } : result);
}

type FetchAPI = { ReadableStream: typeof ReadableStream; Response: typeof Response };

/** Apollo's multipart subscription protocol over one response, with a heartbeat part every `heartbeatMs`. */
function multipartSubscription(heartbeatMs: number) {
  return (result: unknown, fetchAPI: FetchAPI): Response => {
    const iterator = (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    // Each part is followed by the delimiter at once: a reader knows a part is whole only when it sees the next one.
    const part = (json: string) =>
      encoder.encode(`\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${json}\r\n--${BOUNDARY}`);
    const end = encoder.encode('--\r\n');
    let heartbeat: NodeJS.Timeout | undefined;
    let closed = false;
    const stop = () => {
      closed = true;
      clearInterval(heartbeat);
    };
    const body = new fetchAPI.ReadableStream<Uint8Array>({
      start(controller) {
        // The first delimiter and a heartbeat at once: the client sees the response begin before any event.
        controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}`));
        controller.enqueue(part('{}'));
        heartbeat = setInterval(() => {
          if (!closed) controller.enqueue(part('{}'));
        }, heartbeatMs);
        heartbeat.unref?.();
      },
      async pull(controller) {
        let payload: string;
        let last = false;
        try {
          const next = await iterator.next();
          if (next.done) {
            stop();
            controller.enqueue(end);
            controller.close();
            return;
          }
          payload = `{"payload":${serialise(next.value)}}`;
        } catch (err) {
          // A transport-level error ends the subscription: `payload` null, the errors beside it.
          const message = err instanceof Error ? err.message : String(err);
          payload = JSON.stringify({ payload: null, errors: [{ message }] });
          last = true;
        }
        if (closed) return;
        controller.enqueue(part(payload));
        if (last) {
          stop();
          controller.enqueue(end);
          controller.close();
        }
      },
      async cancel() {
        stop();
        await iterator.return?.();
      },
    });
    return new fetchAPI.Response(body, {
      status: 200,
      headers: { 'content-type': MULTIPART_SUBSCRIPTION, 'cache-control': 'no-cache', connection: 'keep-alive' },
    });
  };
}

function notAcceptable(_result: unknown, fetchAPI: FetchAPI): Response {
  const error = gatewayError(
    'NOT_ACCEPTABLE',
    'This operation answers with a stream (a subscription, or @defer/@stream): send `Accept: text/event-stream` ' +
      '(server-sent events) or `Accept: multipart/mixed` (multipart), or use the WebSocket transport ' +
      '(graphql-transport-ws).',
  );
  return new fetchAPI.Response(JSON.stringify({ errors: [formatError(error)] }), {
    status: 406,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

export function useStreamResponses(opts: { heartbeatMs: number }): Plugin {
  const multipart = multipartSubscription(opts.heartbeatMs);
  return {
    // After yoga's own processors: only a stream none of them took gets here.
    onResultProcess(payload) {
      const { request, result, resultProcessor } = payload;
      if (resultProcessor || !isStream(result)) return;
      if (WANTS_MULTIPART.test(request.headers.get('accept') ?? '')) {
        payload.setResultProcessor(multipart, 'multipart/mixed');
        return;
      }
      // Nobody will read this stream: end it now (a subscription frees its slot and leaves the bus).
      void Promise.resolve(result[Symbol.asyncIterator]().return?.()).catch(() => undefined);
      payload.setResultProcessor(notAcceptable, 'application/json');
    },
  };
}
