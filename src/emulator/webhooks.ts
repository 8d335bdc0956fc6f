import { createHmac, randomUUID } from 'node:crypto';
import type { WebhookTimestampUnit } from './options';

/** UQPAY's envelope (Go SDK webhook/webhook.go `Event`): it names no account. */
export interface WebhookEnvelope {
  version: 'V1.6.0';
  event_name: 'ISSUING';
  event_type: string;
  event_id: string;
  source_id: string;
  /** our addition, only with the webhookAccountId switch: the account that owns the object */
  account_id?: string;
  data: unknown;
}

/** How the dispatcher stamps and shapes what it sends; the controls may change it at run time. */
export interface WebhookFormat {
  timestamp: WebhookTimestampUnit;
  accountId: boolean;
}

export interface Delivery {
  event_id: string;
  event_type: string;
  source_id: string;
  account_id: string;
  url: string | null;
  status: 'pending' | 'delivered' | 'failed' | 'not_sent';
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
}

/** hex(HMAC-SHA512(secret, rawBody + timestamp)), exactly as UQPAY signs `x-wk-signature` */
export function signWebhook(secret: string, rawBody: string, timestamp: string): string {
  return createHmac('sha512', secret)
    .update(rawBody + timestamp)
    .digest('hex');
}

/**
 * Delivers UQPAY-style webhooks with exponential backoff on non-2xx or network failure, up to maxAttempts.
 * Every event is logged even without a URL, so tests and demos can see what would have been sent.
 */
export class WebhookDispatcher {
  private readonly log: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<AbortController>();
  private closed = false;

  constructor(
    public url: string | undefined,
    public secret: string,
    private readonly maxAttempts: number,
    private readonly backoffMs: number,
    public format: WebhookFormat = { timestamp: 'milliseconds', accountId: false },
  ) {}

  emit(eventType: string, sourceId: string, accountId: string, data: unknown): Delivery {
    const envelope: WebhookEnvelope = {
      version: 'V1.6.0',
      event_name: 'ISSUING',
      event_type: eventType,
      event_id: randomUUID(),
      source_id: sourceId,
      ...(this.format.accountId ? { account_id: accountId } : {}),
      data,
    };
    const delivery: Delivery = {
      event_id: envelope.event_id,
      event_type: eventType,
      source_id: sourceId,
      account_id: accountId,
      url: this.url ?? null,
      status: this.url ? 'pending' : 'not_sent',
      attempts: 0,
      last_status: null,
      last_error: null,
      created_at: new Date().toISOString(),
    };
    this.log.push(delivery);
    if (this.url && !this.closed) void this.attempt(this.url, JSON.stringify(envelope), delivery);
    return delivery;
  }

  private async attempt(url: string, rawBody: string, d: Delivery): Promise<void> {
    if (this.closed) return;
    d.attempts++;
    // Each attempt is stamped anew, as a sender re-signs every redelivery.
    const timestamp = String(this.format.timestamp === 'seconds' ? Math.floor(Date.now() / 1000) : Date.now());
    const abort = new AbortController();
    this.inflight.add(abort);
    const timeout = setTimeout(() => abort.abort(), 5000);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-wk-timestamp': timestamp,
          'x-wk-signature': signWebhook(this.secret, rawBody, timestamp),
        },
        body: rawBody,
        signal: abort.signal,
      });
      d.last_status = res.status;
      d.last_error = null;
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        d.status = 'delivered';
        return;
      }
    } catch (e) {
      d.last_error = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    } finally {
      clearTimeout(timeout);
      this.inflight.delete(abort);
    }
    if (d.attempts >= this.maxAttempts || this.closed) {
      d.status = 'failed';
      return;
    }
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        void this.attempt(url, rawBody, d);
      },
      this.backoffMs * 2 ** (d.attempts - 1),
    );
    this.timers.add(t);
  }

  deliveries(): Delivery[] {
    return this.log.map((d) => ({ ...d }));
  }

  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.log.length = 0;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const a of this.inflight) a.abort();
  }
}
