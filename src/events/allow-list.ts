// What of a webhook's `data` may leave the receiver. UQPAY's event data carries secrets and personal data: card
// events embed the cardholder (email, phone, date of birth), card.activation.code carries the activation code,
// transaction events carry card numbers (Go SDK webhook/issuing.go; Node SDK CardholderUpdatedPayload). So nothing
// is forwarded by default: each event family names the keys it keeps, nested shapes included, and everything
// else is dropped before the event reaches the log (and so Redis, and every subscriber). Kept values are bounded,
// card numbers re-masked, and free text (descriptions, remarks, reasons, merchant names) scrubbed: card numbers
// masked, and any run of 6 or more digits (a code, an OTP, a phone number) starred out.
import { maskPan, redactText } from '../redact';

/** A kept key: a plain value, a nested object with its own keys, or a list of such objects or values. */
type Keep = 'value' | 'card_number' | 'text' | { object: Shape } | { list: Shape | 'value' };
export type Shape = Readonly<Record<string, Keep>>;

export type EventFamily = 'card' | 'cardholder' | 'transaction' | 'generic';

const RISK_CONTROL: Shape = {
  allow_3ds_transactions: 'value',
  allow_online_transactions: 'value',
  allow_atm_transactions: 'value',
  allow_contactless_transactions: 'value',
  allow_international_transactions: 'value',
  allowed_mcc: { list: 'value' },
  blocked_mcc: { list: 'value' },
};

const SPENDING_LIMIT: Shape = { amount: 'value', interval: 'value' };

/** `card.*`: the card's state and settings. Never the cardholder's profile, the metadata or an activation code. */
const CARD: Shape = {
  card_id: 'value',
  card_order_id: 'value',
  order_id: 'value',
  card_product_id: 'value',
  cardholder_id: 'value',
  // The embedded cardholder keeps only who it is and where their KYC stands.
  cardholder: { object: { cardholder_id: 'value', cardholder_status: 'value' } },
  card_number: 'card_number',
  card_bin: 'value',
  card_scheme: 'value',
  card_status: 'value',
  card_currency: 'value',
  card_limit: 'value',
  card_available_balance: 'value',
  available_balance: 'value',
  amount: 'value',
  form_factor: 'value',
  mode_type: 'value',
  order_status: 'value',
  no_pin_payment_amount: 'value',
  update_reason: 'text',
  spending_limits: { list: SPENDING_LIMIT },
  spending_controls: { list: SPENDING_LIMIT },
  risk_control: { object: RISK_CONTROL },
  risk_controls: { object: RISK_CONTROL },
  complete_time: 'value',
  update_time: 'value',
};

/** `cardholder.*`: which cardholder and where their KYC stands. Never names, email, phone, birth date or address. */
const CARDHOLDER: Shape = {
  cardholder_id: 'value',
  cardholder_status: 'value',
  kyc_status: 'value',
  idv_status: 'value',
  review_status: 'value',
  idv_provider: 'value',
  update_time: 'value',
};

/** `issuing.transaction.*`, `issuing.fee.*`: the movement of money. Card numbers masked, free text scrubbed. */
const TRANSACTION: Shape = {
  transaction_id: 'value',
  reference_id: 'value',
  short_reference_id: 'value',
  short_transaction_id: 'value',
  original_transaction_id: 'value',
  card_id: 'value',
  cardholder_id: 'value',
  card_number: 'card_number',
  transaction_type: 'value',
  transaction_status: 'value',
  transaction_amount: 'value',
  transaction_currency: 'value',
  billing_amount: 'value',
  billing_currency: 'value',
  transaction_fee: 'value',
  transaction_fee_currency: 'value',
  card_available_balance: 'value',
  authorization_code: 'value',
  merchant_data: { object: { name: 'text', city: 'text', country: 'value', category_code: 'value' } },
  description: 'text',
  remark: 'text',
  failure_reason: 'text',
  wallet_type: 'value',
  transaction_time: 'value',
  posted_time: 'value',
};

const SHAPES: Record<EventFamily, Shape> = {
  card: CARD,
  cardholder: CARDHOLDER,
  transaction: TRANSACTION,
  generic: {},
};

export function eventFamily(type: string): EventFamily {
  if (type.startsWith('cardholder.')) return 'cardholder';
  if (type.startsWith('card.')) return 'card';
  if (type.startsWith('issuing.transaction.') || type.startsWith('issuing.fee.')) return 'transaction';
  return 'generic';
}

const MAX_TEXT = 500;
const MAX_VALUE = 200;
const MAX_LIST = 50;

function keepValue(v: unknown, max = MAX_VALUE): string | number | boolean | null | undefined {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  // A plain value that looks like a card number is one: mask it wherever it appears.
  if (typeof v === 'string') return redactText(v.length > max ? v.slice(0, max) : v);
  return undefined; // an object or list where a plain value belongs: not what the allow-list vouched for
}

const LONG_DIGIT_RUN = /\d{6,}/g;

function keepText(v: unknown): unknown {
  const kept = keepValue(v, MAX_TEXT);
  return typeof kept === 'string' ? kept.replace(LONG_DIGIT_RUN, (run) => '*'.repeat(run.length)) : kept;
}

function keep(rule: Keep, v: unknown): unknown {
  if (rule === 'value') return keepValue(v);
  if (rule === 'text') return keepText(v);
  if (rule === 'card_number') return typeof v === 'string' && v !== '' ? maskPan(v) : v === null ? null : undefined;
  if ('object' in rule)
    return v && typeof v === 'object' && !Array.isArray(v)
      ? project(v as Record<string, unknown>, rule.object)
      : undefined;
  if (!Array.isArray(v)) return undefined;
  const item = rule.list;
  return v
    .slice(0, MAX_LIST)
    .map((x) => (item === 'value' ? keepValue(x) : keep({ object: item }, x)))
    .filter((x) => x !== undefined);
}

/** `data` reduced to what `shape` names, recursively; unknown keys, and values of the wrong kind, dropped. */
export function project(data: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(shape)) {
    if (!Object.hasOwn(data, key)) continue;
    const kept = keep(rule, data[key]);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** The allow-listed view of an event's data for its family; a generic event keeps nothing. */
export function allowListed(type: string, data: Record<string, unknown>): Record<string, unknown> {
  return project(data, SHAPES[eventFamily(type)]);
}
