// Finding a stored object by the id a request names, for the acting account only: an id the account does not own
// is answered exactly like one that does not exist.
import { notFound } from './errors';
import type { AccountStore, Card, Cardholder, CardOrder, CardTransaction } from './state';

export function findCardholder(store: AccountStore, id: string): Cardholder {
  const ch = store.cardholders.get(id.toLowerCase());
  if (!ch) throw notFound('cardholder_error', 'cardholder_not_found', `cardholder ${id} not found`);
  return ch;
}

export function findCard(store: AccountStore, id: string): Card {
  const card = store.cards.get(id.toLowerCase());
  if (!card) throw notFound('card_error', 'card_not_found', `card ${id} not found`);
  return card;
}

export function findCardOrder(store: AccountStore, id: string): CardOrder {
  const order = store.orders.get(id.toLowerCase());
  if (!order) throw notFound('card_error', 'card_order_not_found', `card order ${id} not found`);
  return order;
}

export function findTransaction(store: AccountStore, id: string): CardTransaction {
  const tx = store.transactions.get(id.toLowerCase());
  if (!tx) throw notFound('invalid_request_error', 'transaction_not_found', `transaction ${id} not found`);
  return tx;
}
