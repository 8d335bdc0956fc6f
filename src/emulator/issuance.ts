// Issuing a card, for Create Card and Assign Card alike: a new card record with a number no other card has, its
// CARD_CREATE order, and the hold for a cardholder whose KYC is still under review.
import { randomUUID } from 'node:crypto';
import { randomPan } from './cardnumbers';
import { badRequest, kycInsufficient } from './errors';
import { activationCodeData, cardCreateData } from './event-data';
import { cardholderFields, describeMissing, missingFields } from './kyc';
import type { CardOrders } from './orders';
import type { AccountStore, Card, Cardholder, EmulatorState, Product } from './state';
import type { Views } from './views';
import type { WebhookDispatcher } from './webhooks';

/** What issuing a card needs of the running emulator. */
export interface IssuingParts {
  state: EmulatorState;
  orders: Pick<CardOrders, 'open'>;
  webhooks: Pick<WebhookDispatcher, 'emit'>;
  views: Views;
}

/** A new card's fields that come from the request and the product; newCard sets the rest. */
type CardFields = Omit<Card, 'seq' | 'card_id' | 'consumed_amount' | 'card_status' | 'update_reason' | 'create_time'>;

/** A fresh number on `bin` that is neither in use nor in the pool of provisioned physical cards. */
export function uniquePan(emu: IssuingParts, bin: string): string {
  for (;;) {
    const pan = randomPan(bin);
    if (!emu.state.usedPans.has(pan) && !emu.state.panPool.has(pan)) return pan;
  }
}

/** A PENDING card that has spent nothing yet. */
export function newCard(emu: IssuingParts, fields: CardFields): Card {
  return {
    ...fields,
    seq: emu.state.nextSeq(),
    card_id: randomUUID(),
    consumed_amount: 0n,
    card_status: 'PENDING',
    update_reason: null,
    create_time: Date.now(),
  };
}

/**
 * Both Create and Assign answer the same way and finish with card.create.succeeded. A card for a cardholder whose
 * KYC is still under review (PENDING/INCOMPLETE) is accepted but held: the answer adds `cardholder_status` and a
 * `message` (Go SDK issuing/cards.go CardCreationResponse), and the card is issued when the review passes, or
 * fails (card.create.failed, a prepaid card's limit back on the issuing balance) when it does not.
 */
export function issueCard(emu: IssuingParts, store: AccountStore, card: Card, holder: Cardholder) {
  store.cards.set(card.card_id, card);
  emu.state.usedPans.add(card.pan);
  const underReview = holder.cardholder_status === 'PENDING' || holder.cardholder_status === 'INCOMPLETE';
  const funded = card.mode_type === 'SINGLE' ? card.available_balance : null;
  const order = emu.orders.open(
    store,
    card,
    'CARD_CREATE',
    funded,
    (o) => {
      if (card.card_status === 'PENDING') card.card_status = 'ACTIVE';
      // A physical card is mailed with an activation code; UQPAY sends it by webhook once the card exists.
      if (card.form_factor === 'PHYSICAL') {
        const code = activationCodeData(card);
        queueMicrotask(() => emu.webhooks.emit('card.activation.code', card.card_id, store.id, code));
      }
      return { event: 'card.create.succeeded', data: cardCreateData(emu.views, store, card, o) };
    },
    underReview
      ? {
          holdForCardholder: holder.cardholder_id,
          onFailure: (o) => {
            card.card_status = 'FAILED';
            card.update_reason = 'cardholder KYC failed';
            if (funded !== null && card.available_balance > 0n) {
              const why = `refund of failed card ${card.card_id}`;
              store.move(card.card_currency, card.available_balance, 'CARD_CANCEL_REFUND', why);
              card.available_balance = 0n;
            }
            return { event: 'card.create.failed', data: cardCreateData(emu.views, store, card, o) };
          },
        }
      : {},
  );
  return {
    card_id: card.card_id,
    card_order_id: order.card_order_id,
    create_time: emu.views.time(card.create_time),
    card_status: card.card_status,
    order_status: order.order_status,
    ...(underReview
      ? {
          cardholder_status: holder.cardholder_status,
          message: `cardholder KYC is ${holder.cardholder_status}: the card is issued once the review passes`,
        }
      : {}),
  };
}

/** Cardholders whose KYC allows a card: done, or still under review (the card then waits for it). */
export function assertMayHoldCard(holder: Cardholder): void {
  if (holder.cardholder_status === 'FAILED') {
    throw badRequest('cardholder_error', 'invalid_cardholder_status', 'cardholder is FAILED: cards cannot be issued');
  }
}

/** The product's required_fields the cardholder lacks → kyc_insufficient, every missing field at once. */
export function assertKycFields(product: Product, holder: Cardholder): void {
  const missing = missingFields(product.required_fields, cardholderFields(holder));
  if (missing.length > 0) {
    const names = describeMissing(missing).join(', ');
    throw kycInsufficient(`cardholder lacks what card product ${product.product_id} requires: ${names}`, missing);
  }
}
