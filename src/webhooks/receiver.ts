// `POST /webhooks/uqpay`: authenticate over the raw bytes, acknowledge at once, then parse, deduplicate and publish
// off the request path. UQPAY only needs the 200; slow subscribers or Redis must never make it retry.
//
//   401  missing/bad signature or stale timestamp (nothing is read further, nothing published)
//   400  signed, but not JSON or not a UQPAY envelope
//   200  accepted; events whose `data` is malformed are logged and dropped after the ack
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger';
import type { DedupeStore } from './dedupe';
import { MalformedEventError, type IssuingEventMessage, toEventMessage, WebhookEnvelope } from '../events/message';
import { DEFAULT_TOLERANCE_SECONDS, verifyWebhook } from './signature';

export const WEBHOOK_PATH = '/webhooks/uqpay';
/** Largest webhook body accepted (UQPAY's events are a few KB). */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookReceiverOptions {
  /** UQPAY_WEBHOOK_SECRET; without it every delivery is refused (503), since none can be authenticated. */
  secret: string | undefined;
  bus: { publish(event: IssuingEventMessage): void };
  dedupe: DedupeStore;
  logger: Logger;
  toleranceSeconds?: number;
  maxBodyBytes?: number;
  now?: () => number;
}

export interface WebhookReceiver {
  /** Bodies over this are refused (413); the HTTP edge applies the same bound while the body streams. */
  readonly maxBodyBytes: number;
  handle(request: Request, fetchAPI?: { Response: typeof Response }): Promise<Response>;
  /** Resolves when every acknowledged event has been processed (tests, graceful shutdown). */
  drain(): Promise<void>;
  /** Awaited for each new event before it is published (the read cache drops what the event makes stale). */
  beforePublish(hook: (event: IssuingEventMessage) => Promise<void>): void;
}

export function createWebhookReceiver(opts: WebhookReceiverOptions): WebhookReceiver {
  const log = opts.logger.child({ component: 'webhooks' });
  const now = opts.now ?? Date.now;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const pending = new Set<Promise<void>>();
  const hooks: ((event: IssuingEventMessage) => Promise<void>)[] = [];
  if (!opts.secret) log.warn('UQPAY_WEBHOOK_SECRET is not set: webhook deliveries will be refused');

  async function process(envelope: WebhookEnvelope, receivedAt: Date): Promise<void> {
    let event: IssuingEventMessage;
    try {
      event = toEventMessage(envelope, receivedAt);
    } catch (err) {
      if (!(err instanceof MalformedEventError)) throw err;
      log.warn(
        { eventId: envelope.event_id, eventType: envelope.event_type, reason: err.message },
        'malformed webhook event dropped',
      );
      return;
    }
    if (!(await opts.dedupe.claim(event.eventId))) {
      log.debug({ eventId: event.eventId, eventType: event.type }, 'duplicate webhook event dropped');
      return;
    }
    for (const hook of hooks)
      await hook(event).catch((err: unknown) =>
        log.warn({ err, eventId: event.eventId }, 'webhook pre-publish hook failed'),
      );
    try {
      opts.bus.publish(event);
    } catch (err) {
      // Let a redelivery try again rather than losing the event to a transient failure.
      await opts.dedupe.release(event.eventId).catch(() => undefined);
      throw err;
    }
    log.info({ eventId: event.eventId, eventType: event.type, sourceId: event.sourceId }, 'webhook event published');
  }

  return {
    maxBodyBytes,
    async handle(request, fetchAPI = globalThis) {
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

      const receivedAt = new Date(now());
      const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => process(envelope.data, receivedAt))
        .catch((err: unknown) => log.error({ err, eventId: envelope.data.event_id }, 'webhook processing failed'))
        .finally(() => pending.delete(job));
      pending.add(job);
      return reply(200, { received: true });
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
