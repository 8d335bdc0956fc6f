// UQPAY webhook envelopes parsed (zod) and normalised into the message the gateway publishes to subscribers.
// The message is plain JSON: with REDIS_URL it crosses replicas through Redis pub/sub.
import { z } from 'zod';
import { maskPan } from '../redact';

/** What the receiver hands to the event bus; what subscription resolvers read. */
export interface IssuingEventMessage {
  eventId: string;
  /** UQPAY `event_type`, e.g. `card.recharge.succeeded`. */
  type: string;
  /** UQPAY `event_name` (`ISSUING`). */
  name: string;
  version: string | null;
  /** UQPAY `source_id`: the order, card, cardholder or transaction the event is about. */
  sourceId: string | null;
  /** The owning account when the sender says so (our emulator does; real UQPAY may not). */
  accountId: string | null;
  /** RFC 3339: when UQPAY says it happened, else when we received it. */
  occurredAt: string;
  receivedAt: string;
  cardId: string | null;
  cardholderId: string | null;
  transactionId: string | null;
  orderId: string | null;
  /** Exact decimal strings, as the rest of the gateway uses. */
  amount: string | null;
  currency: string | null;
  cardAvailableBalance: string | null;
  cardStatus: string | null;
  orderStatus: string | null;
  cardholderStatus: string | null;
  updateReason: string | null;
  maskedCardNumber: string | null;
  /** The event's `data`, card numbers masked. */
  data: Record<string, unknown>;
}

/** The envelope must be sound before we acknowledge; `data` is checked per event type afterwards. */
export const WebhookEnvelope = z.object({
  version: z.string().optional(),
  event_name: z.string().default('ISSUING'),
  event_type: z.string().min(1).max(200),
  event_id: z.string().min(1).max(200),
  source_id: z.string().max(200).nullish(),
  account_id: z.string().max(200).nullish(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type WebhookEnvelope = z.infer<typeof WebhookEnvelope>;

const id = z.string().min(1).max(200);
const decimal = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number().finite()]).transform((v) => decimalString(v));
const upper = z.string().min(1).transform((v) => v.toUpperCase());
const time = z.string().min(1);

const CardData = z.looseObject({
  card_id: id,
  card_order_id: id.nullish(),
  order_id: id.nullish(),
  cardholder_id: id.nullish(),
  amount: decimal.nullish(),
  card_currency: z.string().nullish(),
  card_available_balance: decimal.nullish(),
  card_status: upper.nullish(),
  order_status: upper.nullish(),
  card_number: z.string().nullish(),
  update_reason: z.string().nullish(),
  complete_time: time.nullish(),
  update_time: time.nullish(),
  create_time: time.nullish(),
});

const CardholderData = z.looseObject({
  cardholder_id: id,
  cardholder_status: upper.nullish(),
  kyc_status: upper.nullish(),
  update_time: time.nullish(),
  create_time: time.nullish(),
});

const TransactionData = z.looseObject({
  transaction_id: id,
  card_id: id.nullish(),
  cardholder_id: id.nullish(),
  transaction_amount: decimal.nullish(),
  transaction_currency: z.string().nullish(),
  billing_amount: decimal.nullish(),
  billing_currency: z.string().nullish(),
  card_available_balance: decimal.nullish(),
  transaction_status: upper.nullish(),
  card_number: z.string().nullish(),
  transaction_time: time.nullish(),
  posted_time: time.nullish(),
});

export type EventCategory = 'card' | 'cardholder' | 'transaction' | 'other';

export function eventCategory(type: string): EventCategory {
  if (type.startsWith('cardholder.')) return 'cardholder';
  if (type.startsWith('card.')) return 'card';
  if (type.startsWith('issuing.transaction.')) return 'transaction';
  return 'other';
}

export class MalformedEventError extends Error {}

/**
 * Validate `data` for the event's category and normalise it. Throws MalformedEventError when a card,
 * cardholder or transaction event lacks what subscribers are routed by; unknown types pass through untyped.
 */
export function toEventMessage(envelope: WebhookEnvelope, receivedAt: Date): IssuingEventMessage {
  const base: IssuingEventMessage = {
    eventId: envelope.event_id,
    type: envelope.event_type,
    name: envelope.event_name,
    version: envelope.version ?? null,
    sourceId: envelope.source_id ?? null,
    accountId: envelope.account_id ?? null,
    occurredAt: receivedAt.toISOString(),
    receivedAt: receivedAt.toISOString(),
    cardId: null,
    cardholderId: null,
    transactionId: null,
    orderId: null,
    amount: null,
    currency: null,
    cardAvailableBalance: null,
    cardStatus: null,
    orderStatus: null,
    cardholderStatus: null,
    updateReason: null,
    maskedCardNumber: null,
    data: maskCardNumbers(envelope.data),
  };
  const category = eventCategory(envelope.event_type);
  const occurred = (...times: (string | null | undefined)[]) => {
    for (const t of times) {
      const iso = t ? toRfc3339(t) : null;
      if (iso) return iso;
    }
    return base.occurredAt;
  };
  if (category === 'card') {
    const d = parseData(CardData, envelope);
    return {
      ...base,
      cardId: d.card_id,
      cardholderId: d.cardholder_id ?? null,
      orderId: d.card_order_id ?? d.order_id ?? orderIdFromSource(envelope, d.card_id),
      amount: d.amount ?? null,
      currency: d.card_currency ?? null,
      cardAvailableBalance: d.card_available_balance ?? null,
      cardStatus: d.card_status ?? null,
      orderStatus: d.order_status ?? null,
      updateReason: d.update_reason ?? null,
      maskedCardNumber: d.card_number ? maskPan(d.card_number) : null,
      occurredAt: occurred(d.complete_time, d.update_time, d.create_time),
    };
  }
  if (category === 'cardholder') {
    const d = parseData(CardholderData, envelope);
    return {
      ...base,
      cardholderId: d.cardholder_id,
      cardholderStatus: d.cardholder_status ?? d.kyc_status ?? null,
      occurredAt: occurred(d.update_time, d.create_time),
    };
  }
  if (category === 'transaction') {
    const d = parseData(TransactionData, envelope);
    return {
      ...base,
      transactionId: d.transaction_id,
      cardId: d.card_id ?? null,
      cardholderId: d.cardholder_id ?? null,
      amount: d.transaction_amount ?? d.billing_amount ?? null,
      currency: d.transaction_currency ?? d.billing_currency ?? null,
      cardAvailableBalance: d.card_available_balance ?? null,
      maskedCardNumber: d.card_number ? maskPan(d.card_number) : null,
      occurredAt: occurred(d.transaction_time, d.posted_time),
    };
  }
  return base;
}

function parseData<T extends z.ZodType>(schema: T, envelope: WebhookEnvelope): z.infer<T> {
  const parsed = schema.safeParse(envelope.data);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ');
    throw new MalformedEventError(`${envelope.event_type} data invalid: ${where}`);
  }
  return parsed.data;
}

// UQPAY's source_id on card order events is the order; on other card events it is the card itself.
function orderIdFromSource(envelope: WebhookEnvelope, cardId: string): string | null {
  const src = envelope.source_id ?? null;
  return src && src !== cardId && /\.(recharge|withdraw|create|update|status\.update)\./.test(envelope.event_type) ? src : null;
}

function decimalString(v: string | number): string {
  // JSON numbers keep the digits they were written with; pad to cents like the rest of the gateway ("20.5" → "20.50").
  const text = typeof v === 'string' ? v : String(v);
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** UQPAY times are `2024-05-09 15:52:23` (UTC) or already RFC 3339; anything unparseable is ignored. */
export function toRfc3339(value: string): string | null {
  const trimmed = value.trim();
  const candidate = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : trimmed;
  const ms = Date.parse(candidate);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function maskCardNumbers(data: Record<string, unknown>): Record<string, unknown> {
  if (typeof data['card_number'] !== 'string') return data;
  return { ...data, card_number: maskPan(data['card_number']) };
}
