// UQPAY webhook envelopes parsed (zod) and normalised into the message the gateway stores in its event log.
// The message is plain JSON: with REDIS_URL it is stored in a Redis stream every replica reads. It carries only
// what the allow-list (allow-list.ts) keeps of UQPAY's `data`: never an activation code, an OTP, a full card
// number or a cardholder's personal data, in the log or to a subscriber.
import { z } from 'zod';
import { maskPan } from '../redact';
import { allowListed, eventFamily, type EventFamily } from './allow-list';

export type { EventFamily } from './allow-list';

export interface SpendingLimitMessage {
  amount: string;
  interval: string;
}

/** A card's transaction rules as a card event reports them (UQPAY's `risk_control`, Y/N flags). */
export interface RiskControlMessage {
  allow3dsTransactions: boolean | null;
  allowOnlineTransactions: boolean | null;
  allowAtmTransactions: boolean | null;
  allowContactlessTransactions: boolean | null;
  allowInternationalTransactions: boolean | null;
}

export interface MerchantMessage {
  name: string | null;
  city: string | null;
  country: string | null;
  categoryCode: string | null;
}

/** What the receiver appends to the event log; what subscription and history resolvers read. */
export interface IssuingEventMessage {
  eventId: string;
  /** UQPAY `event_type`, e.g. `card.recharge.succeeded`. */
  type: string;
  /** Which allow-list the data went through: card, cardholder, transaction (and fee), or generic (ids only). */
  family: EventFamily;
  /** UQPAY `event_name` (`ISSUING`). */
  name: string;
  version: string | null;
  /** UQPAY `source_id`: the order, card, cardholder or transaction the event is about. */
  sourceId: string | null;
  /** The owning account when the sender says so (the emulator can; UQPAY's envelope does not). */
  accountId: string | null;
  /** RFC 3339: when the event says it happened (completion, update or transaction time), else when we received it. */
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
  /** Card events: the card's settings as reported. */
  productId: string | null;
  bin: string | null;
  scheme: string | null;
  mode: string | null;
  formFactor: string | null;
  cardLimit: string | null;
  spendingLimits: SpendingLimitMessage[] | null;
  riskControl: RiskControlMessage | null;
  /** Cardholder events: where the KYC stands. */
  idvStatus: string | null;
  reviewStatus: string | null;
  /** Transaction and fee events. */
  transactionType: string | null;
  transactionStatus: string | null;
  billingAmount: string | null;
  billingCurrency: string | null;
  fee: string | null;
  feeCurrency: string | null;
  merchant: MerchantMessage | null;
  description: string | null;
  /** The event's `data` reduced to its family's allow-list (card numbers masked, free text scrubbed). */
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
const upper = z
  .string()
  .min(1)
  .max(64)
  .transform((v) => v.toUpperCase());
const text = z.string().max(500);
const time = z.string().min(1).max(64);
const code = z.string().max(16);
const yesNo = z
  .string()
  .max(8)
  .transform((v) => (v.toUpperCase() === 'Y' ? true : v.toUpperCase() === 'N' ? false : null));
const spendingLimit = z.object({ amount: decimal, interval: upper });
const riskControl = z.looseObject({
  allow_3ds_transactions: yesNo.nullish(),
  allow_online_transactions: yesNo.nullish(),
  allow_atm_transactions: yesNo.nullish(),
  allow_contactless_transactions: yesNo.nullish(),
  allow_international_transactions: yesNo.nullish(),
});
// A field of the wrong shape is ignored rather than failing the whole event: UQPAY's data varies by event.
const lenient = <T extends z.ZodType>(schema: T) => schema.nullish().catch(null);

// Parsed from the ALLOW-LISTED data only: nothing below can see a key the allow-list dropped.
const CardData = z.looseObject({
  card_id: id,
  card_order_id: lenient(id),
  order_id: lenient(id),
  card_product_id: lenient(id),
  cardholder_id: lenient(id),
  cardholder: lenient(z.looseObject({ cardholder_id: lenient(id), cardholder_status: lenient(upper) })),
  amount: lenient(decimal),
  card_currency: lenient(code),
  card_limit: lenient(decimal),
  card_available_balance: lenient(decimal),
  available_balance: lenient(decimal),
  card_status: lenient(upper),
  order_status: lenient(upper),
  card_number: lenient(z.string()),
  card_bin: lenient(code),
  card_scheme: lenient(upper),
  form_factor: lenient(upper),
  mode_type: lenient(upper),
  update_reason: lenient(text),
  spending_limits: lenient(z.array(spendingLimit)),
  spending_controls: lenient(z.array(spendingLimit)),
  risk_control: lenient(riskControl),
  risk_controls: lenient(riskControl),
  complete_time: lenient(time),
  update_time: lenient(time),
});

const CardholderData = z.looseObject({
  cardholder_id: id,
  cardholder_status: lenient(upper),
  kyc_status: lenient(upper),
  idv_status: lenient(z.string().max(64)),
  review_status: lenient(z.string().max(64)),
  update_time: lenient(time),
});

// Fee events carry no transaction_id: their reference_id (also their source_id) names the ledger record.
const TransactionData = z
  .looseObject({
    transaction_id: lenient(id),
    reference_id: lenient(id),
    card_id: lenient(id),
    cardholder_id: lenient(id),
    transaction_type: lenient(upper),
    transaction_status: lenient(upper),
    transaction_amount: lenient(decimal),
    transaction_currency: lenient(code),
    billing_amount: lenient(decimal),
    billing_currency: lenient(code),
    transaction_fee: lenient(decimal),
    transaction_fee_currency: lenient(code),
    card_available_balance: lenient(decimal),
    card_number: lenient(z.string()),
    merchant_data: lenient(
      z.looseObject({ name: lenient(text), city: lenient(text), country: lenient(code), category_code: lenient(code) }),
    ),
    description: lenient(text),
    remark: lenient(text),
    transaction_time: lenient(time),
    posted_time: lenient(time),
  })
  .refine((d) => d.card_id || d.transaction_id || d.reference_id, {
    message: 'needs card_id, transaction_id or reference_id',
    path: ['card_id'],
  });

export class MalformedEventError extends Error {}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const asId = (v: unknown): string | null => (typeof v === 'string' && UUID_RE.test(v) ? v : null);

/**
 * Reduce `data` to its family's allow-list, validate what subscribers are routed by, and normalise. Throws
 * MalformedEventError when a card, cardholder or transaction event lacks it; unknown types become generic events
 * with only ids, type and time.
 */
export function toEventMessage(envelope: WebhookEnvelope, receivedAt: Date): IssuingEventMessage {
  const family = eventFamily(envelope.event_type);
  const data = allowListed(envelope.event_type, envelope.data);
  const base: IssuingEventMessage = {
    eventId: envelope.event_id,
    type: envelope.event_type,
    family,
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
    productId: null,
    bin: null,
    scheme: null,
    mode: null,
    formFactor: null,
    cardLimit: null,
    spendingLimits: null,
    riskControl: null,
    idvStatus: null,
    reviewStatus: null,
    transactionType: null,
    transactionStatus: null,
    billingAmount: null,
    billingCurrency: null,
    fee: null,
    feeCurrency: null,
    merchant: null,
    description: null,
    data,
  };
  // The event's own time, never an object's creation time (a cardholder event's create_time is the cardholder's).
  const occurred = (...times: (string | null | undefined)[]) => {
    for (const t of times) {
      const iso = t ? toRfc3339(t) : null;
      if (iso) return iso;
    }
    return base.occurredAt;
  };

  if (family === 'card') {
    const d = parseData(CardData, envelope, data);
    const risk = d.risk_control ?? d.risk_controls;
    return {
      ...base,
      cardId: d.card_id,
      cardholderId: d.cardholder_id ?? d.cardholder?.cardholder_id ?? null,
      cardholderStatus: d.cardholder?.cardholder_status ?? null,
      orderId: d.card_order_id ?? d.order_id ?? orderIdFromSource(envelope, d.card_id),
      amount: d.amount ?? null,
      currency: d.card_currency ?? null,
      cardAvailableBalance: d.card_available_balance ?? d.available_balance ?? null,
      cardStatus: d.card_status ?? null,
      orderStatus: d.order_status ?? null,
      updateReason: d.update_reason ?? null,
      maskedCardNumber: d.card_number ? maskPan(d.card_number) : null,
      productId: d.card_product_id ?? null,
      bin: d.card_bin ?? null,
      scheme: d.card_scheme ?? null,
      mode: d.mode_type ?? null,
      formFactor: d.form_factor ?? null,
      cardLimit: d.card_limit ?? null,
      spendingLimits: d.spending_limits ?? d.spending_controls ?? null,
      riskControl: risk
        ? {
            allow3dsTransactions: risk.allow_3ds_transactions ?? null,
            allowOnlineTransactions: risk.allow_online_transactions ?? null,
            allowAtmTransactions: risk.allow_atm_transactions ?? null,
            allowContactlessTransactions: risk.allow_contactless_transactions ?? null,
            allowInternationalTransactions: risk.allow_international_transactions ?? null,
          }
        : null,
      occurredAt: occurred(d.complete_time, d.update_time),
    };
  }
  if (family === 'cardholder') {
    const d = parseData(CardholderData, envelope, data);
    return {
      ...base,
      cardholderId: d.cardholder_id,
      cardholderStatus: d.cardholder_status ?? d.kyc_status ?? null,
      idvStatus: d.idv_status || null,
      reviewStatus: d.review_status || null,
      occurredAt: occurred(d.update_time),
    };
  }
  if (family === 'transaction') {
    const d = parseData(TransactionData, envelope, data);
    const m = d.merchant_data;
    return {
      ...base,
      transactionId: d.transaction_id ?? d.reference_id ?? asId(envelope.source_id),
      cardId: d.card_id ?? null,
      cardholderId: d.cardholder_id ?? null,
      amount: d.transaction_amount ?? d.billing_amount ?? null,
      currency: d.transaction_currency ?? d.billing_currency ?? null,
      cardAvailableBalance: d.card_available_balance ?? null,
      maskedCardNumber: d.card_number ? maskPan(d.card_number) : null,
      transactionType: d.transaction_type ?? null,
      transactionStatus: d.transaction_status ?? null,
      billingAmount: d.billing_amount ?? null,
      billingCurrency: d.billing_currency ?? null,
      fee: d.transaction_fee ?? null,
      feeCurrency: d.transaction_fee_currency ?? d.billing_currency ?? null,
      merchant: m
        ? {
            name: m.name ?? null,
            city: m.city ?? null,
            country: m.country ?? null,
            categoryCode: m.category_code ?? null,
          }
        : null,
      description: d.description ?? d.remark ?? null,
      occurredAt: occurred(d.transaction_time, d.posted_time),
    };
  }
  // Generic: an event type this gateway does not know. Only ids (to route it), type and time flow on.
  const raw = envelope.data;
  return {
    ...base,
    cardId: asId(raw['card_id']),
    cardholderId: asId(raw['cardholder_id']),
    transactionId: asId(raw['transaction_id']),
  };
}

function parseData<T extends z.ZodType>(
  schema: T,
  envelope: WebhookEnvelope,
  data: Record<string, unknown>,
): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ');
    throw new MalformedEventError(`${envelope.event_type} data invalid: ${where}`);
  }
  return parsed.data;
}

// UQPAY's source_id on card order events is the order; on other card events it is the card itself.
function orderIdFromSource(envelope: WebhookEnvelope, cardId: string): string | null {
  const src = envelope.source_id ?? null;
  return src && src !== cardId && /\.(recharge|withdraw|create|update|status\.update)\./.test(envelope.event_type)
    ? src
    : null;
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
  const candidate = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(trimmed)
    ? `${trimmed.replace(' ', 'T')}Z`
    : trimmed;
  const ms = Date.parse(candidate);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
