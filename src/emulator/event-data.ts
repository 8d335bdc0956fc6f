// Webhook `data` as UQPAY sends it, which is not the REST shape: card events embed the cardholder's profile and
// name the limits `spending_limits` (create) or `spending_controls` (update) and the rules `risk_control`
// (Go SDK webhook/issuing.go CardData and its test samples); masked numbers look like `40963608****4306`;
// cardholder events carry the whole profile and only a `create_time` (Node SDK CardholderUpdatedPayload).
// That personal data is the point: a gateway's allow-list is tested against what UQPAY really sends.
import { randomInt } from 'node:crypto';
import type { AccountStore, Card, Cardholder, CardOrder, CardTransaction } from './state';
import type { Views } from './views';

/** The masked form webhooks use: first 8 digits, four stars, last 4. */
export const maskPanForEvent = (pan: string): string => `${pan.slice(0, 8)}****${pan.slice(-4)}`;

/** The cardholder as card events embed it. */
function embeddedCardholder(views: Views, store: AccountStore, ch: Cardholder | undefined) {
  if (!ch) return null;
  const full = views.cardholder(store, ch);
  return {
    cardholder_id: full.cardholder_id,
    cardholder_status: full.cardholder_status,
    first_name: full.first_name,
    last_name: full.last_name,
    email: full.email,
    phone_number: full.phone_number,
    country_code: full.country_code,
    date_of_birth: full.date_of_birth,
    number_of_cards: full.number_of_cards,
    create_time: full.create_time,
  };
}

/**
 * `risk_control` as card events report it. The emulator stores only 3-D Secure and MCC rules; the channel flags
 * UQPAY adds are reported with fixed values (online, contactless and international allowed; ATM not for virtual).
 */
function riskControl(card: Card) {
  return {
    allow_3ds_transactions: card.risk_controls.allow_3ds_transactions ?? 'Y',
    allow_online_transactions: 'Y',
    allow_atm_transactions: card.form_factor === 'PHYSICAL' ? 'Y' : 'N',
    allow_contactless_transactions: 'Y',
    allow_international_transactions: 'Y',
  };
}

function cardCore(views: Views, store: AccountStore, card: Card) {
  return {
    card_id: card.card_id,
    card_product_id: card.card_product_id,
    card_number: maskPanForEvent(card.pan),
    card_bin: card.card_bin,
    card_scheme: card.card_scheme,
    card_status: card.card_status,
    card_currency: card.card_currency,
    card_limit: views.amount(card.card_limit),
    form_factor: card.form_factor,
    mode_type: card.mode_type,
    cardholder: embeddedCardholder(views, store, store.cardholders.get(card.cardholder_id)),
    risk_control: riskControl(card),
    metadata: card.metadata,
  };
}

/** `card.create.succeeded|failed` (Go sample: `card_available_balance`, `spending_limits`). */
export function cardCreateData(views: Views, store: AccountStore, card: Card, order: CardOrder) {
  return {
    ...cardCore(views, store, card),
    card_order_id: order.card_order_id,
    order_status: order.order_status,
    card_available_balance: views.amount(card.available_balance),
    spending_limits: card.spending_controls.map((s) => ({ amount: views.amount(s.amount), interval: s.interval })),
  };
}

/** `card.update.succeeded|failed` (Go sample: `available_balance`, `spending_controls`, order status in lower case). */
export function cardUpdateData(views: Views, store: AccountStore, card: Card, order: CardOrder) {
  return {
    ...cardCore(views, store, card),
    card_order_id: order.card_order_id,
    order_status: order.order_status.toLowerCase(),
    available_balance: views.amount(card.available_balance),
    no_pin_payment_amount: card.card_currency,
    spending_controls: card.spending_controls.map((s) => ({ amount: views.amount(s.amount), interval: s.interval })),
  };
}

/** `card.recharge.succeeded` / `card.withdraw.succeeded`: the amount moved and what the card holds now. */
export function cardFundsData(views: Views, card: Card, order: CardOrder) {
  return {
    amount: order.amount === null ? null : views.amount(order.amount),
    card_available_balance: views.amount(card.available_balance),
    card_currency: card.card_currency,
    card_id: card.card_id,
    card_status: card.card_status,
    complete_time: views.time(order.complete_time),
    order_status: order.order_status,
    update_time: views.time(order.update_time),
  };
}

/** `card.status.update.succeeded`: the new status and why, stamped when the order completes. */
export function cardStatusData(views: Views, card: Card, reason: string | null) {
  return {
    card_id: card.card_id,
    card_number: maskPanForEvent(card.pan),
    card_status: card.card_status,
    update_reason: reason,
    update_time: views.time(Date.now()),
  };
}

/** `card.activation.code`: what a physical card's holder types to activate it (Go CardActivationCodeData). */
export function activationCodeData(card: Card) {
  return {
    card_id: card.card_id,
    card_number: maskPanForEvent(card.pan),
    activation_code: String(randomInt(10_000_000, 100_000_000)),
  };
}

/** `issuing.transaction.*`: the transaction as the REST API shows it, the card number masked the webhook way. */
export function transactionData(views: Views, store: AccountStore, tx: CardTransaction) {
  const card = store.cards.get(tx.card_id);
  return { ...views.transaction(store, tx), card_number: card ? maskPanForEvent(card.pan) : null };
}

/** `issuing.fee.card` (Go CardTransactionData sample): no transaction_id, the fee is named by its reference_id. */
export function feeData(views: Views, store: AccountStore, tx: CardTransaction, remark: string) {
  const card = store.cards.get(tx.card_id);
  return {
    billing_amount: views.amount(tx.billing_amount),
    billing_currency: tx.billing_currency,
    card_available_balance: views.amount(tx.card_available_balance),
    card_id: tx.card_id,
    card_number: card ? maskPanForEvent(card.pan) : null,
    cardholder_id: tx.cardholder_id,
    posted_time: views.time(tx.posted_time),
    reference_id: tx.transaction_id,
    remark,
    short_reference_id: tx.short_transaction_id,
    transaction_amount: views.amount(tx.transaction_amount),
    transaction_currency: tx.transaction_currency,
    transaction_status: tx.transaction_status,
    transaction_time: views.time(tx.transaction_time),
    transaction_type: tx.transaction_type,
  };
}

/** `cardholder.updated` / `cardholder.kyc.status_changed` (Node SDK payloads): the profile, and no event time. */
export function cardholderEventData(views: Views, store: AccountStore, ch: Cardholder) {
  const full = views.cardholder(store, ch);
  return {
    cardholder_id: full.cardholder_id,
    email: full.email,
    first_name: full.first_name,
    last_name: full.last_name,
    date_of_birth: full.date_of_birth ?? '',
    country_code: full.country_code,
    nationality: full.nationality ?? '',
    phone_number: full.phone_number,
    cardholder_status: full.cardholder_status,
    idv_status: full.idv_status ?? '',
    idv_provider: ch.kyc_verification?.method === 'SUMSUB_REDIRECT' ? 'SUMSUB' : '',
    create_time: full.create_time,
  };
}
