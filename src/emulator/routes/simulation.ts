import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { EmulatorCore } from '../core';
import { badRequest, invalidField, notFound } from '../errors';
import type { Cents } from '../money';
import { defineRoute } from '../router';
import { shortRef, type AccountStore, type Card, type CardTransaction, type EmulatorState } from '../state';
import { bodyObject } from '../validation';
import { transactionData } from '../event-data';
import { currencyField } from './balances';
import { findCard } from './cards';

export interface Merchant {
  name: string;
  mcc: string;
  city: string;
  country: string;
}

function declineReason(store: AccountStore, card: Card, amount: Cents, mcc: string): string | null {
  if (card.card_status !== 'ACTIVE') return `card is ${card.card_status}`;
  if (amount > card.available_balance) return 'insufficient card available balance';
  const perTx = card.spending_controls.find((s) => s.interval === 'PER_TRANSACTION');
  if (perTx && amount > perTx.amount) return 'exceeds PER_TRANSACTION spending control';
  const r = card.risk_controls;
  if (r.blocked_mcc?.includes(mcc) || (r.allowed_mcc?.length && !r.allowed_mcc.includes(mcc))) return `merchant category ${mcc} not allowed`;
  // A SHARE card spends the account's issuing balance directly.
  if (card.mode_type === 'SHARE' && (store.balance(card.card_currency)?.available_balance ?? 0n) < amount) return 'insufficient issuing balance';
  return null;
}

/**
 * The card network asking to spend: approved authorizations debit the card (and, for SHARE cards, the
 * issuing balance); declines are recorded too, with nothing moved. Exported for the seed.
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
  if (currency !== card.card_currency) throw invalidField('transaction_currency', `must be the card currency ${card.card_currency}`);
  const decline = declineReason(store, card, amount, merchant.mcc);
  if (!decline) {
    card.available_balance -= amount;
    card.consumed_amount += amount;
    if (card.mode_type === 'SHARE') store.move(currency, -amount, 'ISSUING_AUTHORIZATION', `authorization ${id} at ${merchant.name}`, at);
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
export function reverse(state: EmulatorState, store: AccountStore, transactionId: string, at = Date.now(), id: string = randomUUID()): CardTransaction {
  const original = store.transactions.get(transactionId.toLowerCase());
  if (!original) {
    throw notFound('invalid_request_error', 'transaction_not_found', `transaction ${transactionId} not found`);
  }
  if (original.transaction_type !== 'AUTHORIZATION' || original.transaction_status !== 'APPROVED' || original.reversed) {
    throw badRequest('invalid_request_error', 'transaction_not_reversible', 'transaction_id must be an approved, unreversed authorization');
  }
  const card = findCard(store, original.card_id);
  const amount = original.billing_amount;
  original.reversed = true;
  card.consumed_amount -= amount;
  if (card.mode_type === 'SHARE') {
    store.move(card.card_currency, amount, 'ISSUING_REVERSAL', `reversal of ${original.transaction_id}`, at);
    card.available_balance += amount;
  } else if (card.card_status === 'CANCELLED') {
    store.move(card.card_currency, amount, 'ISSUING_REVERSAL', `reversal of ${original.transaction_id} (card cancelled)`, at);
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
 * card's issuing balance too), a FEE transaction is recorded and `issuing.fee.card` is sent. Driven by
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
    throw badRequest('card_error', 'insufficient_balance', 'fee exceeds the card\'s available balance');
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

export function registerSimulation(app: FastifyInstance, core: EmulatorCore): void {
  defineRoute(app, core, {
    method: 'POST',
    path: '/v1/simulation/issuing/authorization',
    handler: ({ core: c, store, body }) => {
      const f = bodyObject(body, c.options.amountInput);
      const cardId = f.uuid('card_id', { required: true }) as string;
      const amount = f.amount('transaction_amount', { required: true }) as Cents;
      const currency = currencyField(f, 'transaction_currency', true) as string;
      const name = f.string('merchant_name', { required: true, max: 100 }) as string;
      const mcc = f.string('merchant_category_code', { required: true }) as string;
      if (!/^\d{4}$/.test(mcc)) throw invalidField('merchant_category_code', 'must be a 4-digit MCC');
      const city = f.string('merchant_city', { max: 100 }) ?? 'Singapore';
      const country = f.country('merchant_country') ?? 'SG';
      const tx = authorize(c.state, store, cardId, amount, currency, { name, mcc, city, country });
      const outcome = tx.transaction_status === 'APPROVED' ? 'approved' : 'declined';
      const data = transactionData(c.views, store, tx);
      c.webhooks.emit(`issuing.transaction.authorization.${outcome}`, tx.transaction_id, store.id, data);
      return c.views.transaction(store, tx);
    },
  });

  defineRoute(app, core, {
    method: 'POST',
    path: '/v1/simulation/issuing/reversal',
    handler: ({ core: c, store, body }) => {
      const id = bodyObject(body, c.options.amountInput).uuid('transaction_id', { required: true }) as string;
      const tx = reverse(c.state, store, id);
      const data = transactionData(c.views, store, tx);
      c.webhooks.emit('issuing.transaction.reversal.approved', tx.transaction_id, store.id, data);
      return c.views.transaction(store, tx);
    },
  });
}
