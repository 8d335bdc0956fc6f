// `POST /webhooks/uqpay`: authenticate over the raw bytes, parse, deduplicate and append the event to the event
// log, and only then acknowledge. A 2xx promises UQPAY the event is stored: when it cannot be (Redis down), the
// answer is 503 and UQPAY redelivers later; the log's dedupe makes any redelivery of a stored event harmless.
//
//   401  missing/bad signature or stale timestamp (nothing is read further, nothing stored)
//   400  signed, but not JSON or not a UQPAY envelope
//   503  no webhook secret configured, or the event log could not store the event (UQPAY retries)
//   200  stored (or already stored: a redelivery); events whose `data` is malformed are logged and dropped
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger';
import type { AppendResult } from '../events/log';
import { MalformedEventError, type IssuingEventMessage, toEventMessage, WebhookEnvelope } from '../events/message';
import { DEFAULT_TOLERANCE_SECONDS, verifyWebhook } from './signature';

export const WEBHOOK_PATH = '/webhooks/uqpay';
/** Largest webhook body accepted (UQPAY's events are a few KB). */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookReceiverOptions {
  /** UQPAY_WEBHOOK_SECRET; without it every delivery is refused (503), since none can be authenticated. */
  secret: string | undefined;
  /** Where accepted events go: the event log (dedupe and append in one step). */
  log: { append(event: IssuingEventMessage): Promise<AppendResult> };
  logger: Logger;
  toleranceSeconds?: number;
  maxBodyBytes?: number;
  now?: () => number;
}

export interface WebhookReceiver {
  /** Bodies over this are refused (413); the HTTP edge applies the same bound while the body streams. */
  readonly maxBodyBytes: number;
  handle(request: Request, fetchAPI?: { Response: typeof Response }): Promise<Response>;
  /** Resolves when every delivery being handled has been answered (graceful shutdown, tests). */
  drain(): Promise<void>;
  /** Awaited for each event before it is appended (the read cache drops what the event makes stale). */
  beforePublish(hook: (event: IssuingEventMessage) => Promise<void>): void;
}

export function createWebhookReceiver(opts: WebhookReceiverOptions): WebhookReceiver {
  const log = opts.logger.child({ component: 'webhooks' });
  const now = opts.now ?? Date.now;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const pending = new Set<Promise<Response>>();
  const hooks: ((event: IssuingEventMessage) => Promise<void>)[] = [];
  if (!opts.secret) log.warn('UQPAY_WEBHOOK_SECRET is not set: webhook deliveries will be refused');

  /** Stores the event; true when it is safely in the log (new or already there), false when it cannot be. */
  async function store(envelope: WebhookEnvelope, receivedAt: Date): Promise<boolean> {
    let event: IssuingEventMessage;
    try {
      event = toEventMessage(envelope, receivedAt);
    } catch (err) {
      if (!(err instanceof MalformedEventError)) throw err;
      // Acknowledged: UQPAY sending the same malformed data again would not help.
      log.warn(
        { eventId: envelope.event_id, eventType: envelope.event_type, reason: err.message },
        'malformed webhook event dropped',
      );
      return true;
    }
    // Before the append, so no subscriber re-reads a stale cached object for this event.
    for (const hook of hooks)
      await hook(event).catch((err: unknown) =>
        log.warn({ err, eventId: event.eventId }, 'webhook pre-publish hook failed'),
      );
    let result: AppendResult;
    try {
      result = await opts.log.append(event);
    } catch (err) {
      log.error(
        { err: (err as Error).message, eventId: event.eventId, eventType: event.type },
        'webhook event could not be stored; answering 503 so UQPAY redelivers it',
      );
      return false;
    }
    if (!result.appended) {
      log.debug({ eventId: event.eventId, eventType: event.type }, 'duplicate webhook event acknowledged');
      return true;
    }
    log.info(
      { eventId: event.eventId, eventType: event.type, sourceId: event.sourceId, logId: result.id },
      'webhook event stored',
    );
    return true;
  }

  async function handle(request: Request, fetchAPI: { Response: typeof Response }): Promise<Response> {
    const reply = (status: number, body: Record<string, unknown>) =>
      new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

    if (request.method !== 'POST') return reply(405, { error: 'method_not_allowed' });
    if (!opts.secret) return reply(503, { error: 'webhook_secret_not_configured' });
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > maxBodyBytes) return reply(413, { error: 'payload_too_large' });
    let rawBody: Uint8Array | undefined;
    try {
      rawBody = await readAtMost(request, maxBodyBytes);
    } catch {
      return reply(400, { error: 'unreadable_body' }); // the sender went away mid-body
    }
    if (rawBody === undefined) return reply(413, { error: 'payload_too_large' });

    const verdict = verifyWebhook({
      secret: opts.secret,
      rawBody,
      timestamp: request.headers.get('x-wk-timestamp'),
      signature: request.headers.get('x-wk-signature'),
      nowMs: now(),
      toleranceSeconds: tolerance,
    });
    if (!verdict.ok) {
      log.warn({ reason: verdict.reason }, 'webhook rejected');
      return reply(401, { error: verdict.reason });
    }

    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody));
    } catch {
      log.warn({ bytes: rawBody.byteLength }, 'signed webhook is not JSON');
      return reply(400, { error: 'invalid_json' });
    }
    const envelope = WebhookEnvelope.safeParse(json);
    if (!envelope.success) {
      log.warn(
        { issues: envelope.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
        'signed webhook is not an event envelope',
      );
      return reply(400, { error: 'invalid_event' });
    }

    const stored = await store(envelope.data, new Date(now()));
    return stored ? reply(200, { received: true }) : reply(503, { error: 'event_log_unavailable' });
  }

  return {
    maxBodyBytes,
    handle(request, fetchAPI = globalThis) {
      const answer = handle(request, fetchAPI);
      pending.add(answer);
      void answer.finally(() => pending.delete(answer)).catch(() => undefined);
      return answer;
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    beforePublish(hook) {
      hooks.push(hook);
    },
  };
}

/** The body, or undefined once it passes `limit` bytes: reading stops there (a chunked body has no length). */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** Serves the receiver inside graphql-yoga, ahead of GraphQL handling: `plugins: [useUqpayWebhooks(receiver)]`. */
export function useUqpayWebhooks(receiver: WebhookReceiver, path = WEBHOOK_PATH): Plugin {
  return {
    onRequest(payload) {
      if (payload.url.pathname !== path) return;
      return receiver.handle(payload.request, payload.fetchAPI).then((response) => payload.endResponse(response));
    },
  };
}
