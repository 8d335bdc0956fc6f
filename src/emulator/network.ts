// The card network's side of a card: merchants asking to spend (authorizations, approved or declined), an
// approved spend given back (reversals), and UQPAY charging a fee. Each leaves a card transaction; money moves on
// the card and, for SHARE cards or a cancelled card's refund, on the account's issuing balance.
import { randomInt, randomUUID } from 'node:crypto';
import { badRequest, invalidField } from './errors';
import { findCard, findTransaction } from './lookups';
import type { Cents } from './money';
import { shortRef, type AccountStore, type Card, type CardTransaction, type EmulatorState } from './state';

export interface Merchant {
  name: string;
  mcc: string;
  city: string;
  country: string;
}

/** The card's per-transaction cap at `at`: its PER_TRANSACTION control, raised while an elevation lasts. */
function perTransactionCap(card: Card, at: number): Cents | undefined {
  const control = card.spending_controls.find((s) => s.interval === 'PER_TRANSACTION')?.amount;
  const elevated = card.elevated_limit && card.elevated_limit.until > at ? card.elevated_limit.amount : undefined;
  if (control === undefined || elevated === undefined) return control;
  return elevated > control ? elevated : control;
}

/** Why the network declines a spend, or null to approve it. */
export function declineReason(
  store: AccountStore,
  card: Card,
  amount: Cents,
  mcc: string,
  at = Date.now(),
): string | null {
  if (card.card_status !== 'ACTIVE') return `card is ${card.card_status}`;
  if (amount > card.available_balance) return 'insufficient card available balance';
  const cap = perTransactionCap(card, at);
  if (cap !== undefined && amount > cap) return 'exceeds PER_TRANSACTION spending control';
  const r = card.risk_controls;
  if (r.blocked_mcc?.includes(mcc) || (r.allowed_mcc?.length && !r.allowed_mcc.includes(mcc))) {
    return `merchant category ${mcc} not allowed`;
  }
  // A SHARE card spends the account's issuing balance directly.
  const issuing = store.balance(card.card_currency)?.available_balance ?? 0n;
  if (card.mode_type === 'SHARE' && issuing < amount) return 'insufficient issuing balance';
  return null;
}

/**
 * The card network asking to spend: approved authorizations debit the card (and, for SHARE cards, the
 * issuing balance); declines are recorded too, with nothing moved. The seed uses it for its history.
 */
export function authorize(
  state: EmulatorState,
  store: AccountStore,
  cardId: string,
  amount: Cents,
  currency: string,
  merchant: Merchant,
  at = Date.now(),
  id: string = randomUUID(),
): CardTransaction {
  const card = findCard(store, cardId);
  if (currency !== card.card_currency) {
    throw invalidField('transaction_currency', `must be the card currency ${card.card_currency}`);
  }
  const decline = declineReason(store, card, amount, merchant.mcc, at);
  if (!decline) {
    card.available_balance -= amount;
    card.consumed_amount += amount;
    if (card.mode_type === 'SHARE') {
      store.move(currency, -amount, 'ISSUING_AUTHORIZATION', `authorization ${id} at ${merchant.name}`, at);
    }
  }
  const tx: CardTransaction = {
    seq: state.nextSeq(),
    transaction_id: id,
    short_transaction_id: shortRef('A', id, at),
    original_transaction_id: null,
    card_id: card.card_id,
    cardholder_id: card.cardholder_id,
    transaction_type: 'AUTHORIZATION',
    transaction_fee: 0n,
    billing_amount: amount,
    billing_currency: currency,
    transaction_amount: amount,
    transaction_currency: currency,
    transaction_time: at,
    posted_time: decline ? null : at,
    merchant_data: { category_code: merchant.mcc, city: merchant.city, country: merchant.country, name: merchant.name },
    description: decline ? `declined: ${decline}` : `authorization at ${merchant.name}`,
    transaction_status: decline ? 'DECLINED' : 'APPROVED',
    card_available_balance: card.available_balance,
    authorization_code: decline ? null : String(randomInt(100000, 1000000)),
    reversed: false,
  };
  store.transactions.set(id, tx);
  return tx;
}

/** Gives an approved authorization back; a cancelled prepaid card's refund lands in the issuing balance. */
export function reverse(
  state: EmulatorState,
  store: AccountStore,
  transactionId: string,
  at = Date.now(),
  id: string = randomUUID(),
): CardTransaction {
  const original = findTransaction(store, transactionId);
  const approved = original.transaction_type === 'AUTHORIZATION' && original.transaction_status === 'APPROVED';
  if (!approved || original.reversed) {
    const why = 'transaction_id must be an approved, unreversed authorization';
    throw badRequest('invalid_request_error', 'transaction_not_reversible', why);
  }
  const card = findCard(store, original.card_id);
  const amount = original.billing_amount;
  original.reversed = true;
  card.consumed_amount -= amount;
  if (card.mode_type === 'SHARE') {
    store.move(card.card_currency, amount, 'ISSUING_REVERSAL', `reversal of ${original.transaction_id}`, at);
    card.available_balance += amount;
  } else if (card.card_status === 'CANCELLED') {
    const why = `reversal of ${original.transaction_id} (card cancelled)`;
    store.move(card.card_currency, amount, 'ISSUING_REVERSAL', why, at);
  } else {
    card.available_balance += amount;
  }
  const tx: CardTransaction = {
    ...original,
    seq: state.nextSeq(),
    transaction_id: id,
    short_transaction_id: shortRef('R', id, at),
    original_transaction_id: original.transaction_id,
    transaction_type: 'REVERSAL',
    transaction_status: 'REVERSED',
    transaction_time: at,
    posted_time: at,
    description: `reversal of ${original.short_transaction_id}`,
    card_available_balance: card.available_balance,
    reversed: false,
  };
  store.transactions.set(id, tx);
  return tx;
}

/**
 * UQPAY charging a card fee (e.g. a monthly maintenance fee): the card's available balance goes down (a SHARE
 * card's issuing balance too) and a FEE transaction is recorded; the caller sends `issuing.fee.card`. Driven by
 * POST /__emulator/cards/{id}/fee, since the public API has no such call.
 */
export function chargeFee(
  state: EmulatorState,
  store: AccountStore,
  cardId: string,
  amount: Cents,
  remark: string,
  at = Date.now(),
): CardTransaction {
  const card = findCard(store, cardId);
  if (amount > card.available_balance) {
    throw badRequest('card_error', 'insufficient_balance', "fee exceeds the card's available balance");
  }
  const id = randomUUID();
  if (card.mode_type === 'SHARE') {
    store.move(card.card_currency, -amount, 'CARD_FEE', `fee ${id} on card ${card.card_id}`, at);
  }
  card.available_balance -= amount;
  const tx: CardTransaction = {
    seq: state.nextSeq(),
    transaction_id: id,
    short_transaction_id: shortRef('CL', id, at),
    original_transaction_id: null,
    card_id: card.card_id,
    cardholder_id: card.cardholder_id,
    transaction_type: 'FEE',
    transaction_fee: 0n,
    billing_amount: amount,
    billing_currency: card.card_currency,
    transaction_amount: amount,
    transaction_currency: card.card_currency,
    transaction_time: at,
    posted_time: at,
    merchant_data: { category_code: '', city: '', country: '', name: 'UQPAY' },
    description: remark,
    transaction_status: 'APPROVED',
    card_available_balance: card.available_balance,
    authorization_code: null,
    reversed: false,
  };
  store.transactions.set(id, tx);
  return tx;
}
