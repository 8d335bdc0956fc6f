// Card orders: UQPAY accepts a card create, update, recharge or withdraw as an order that is PENDING at first and
// finishes SUCCESS (or FAILED) later, with its webhook. Money and status move when the order is accepted (see
// routes/cards.ts), so reads right after a recharge already see it; only order_status and the webhook lag behind.
import { randomUUID } from 'node:crypto';
import type { Cents } from './money';
import type { AccountStore, Card, CardOrder, OrderType } from './state';
import type { WebhookDispatcher } from './webhooks';

/** The webhook a finished order sends. */
export type OrderOutcome = (order: CardOrder) => { event: string; data: unknown };

export interface HoldOptions {
  /** Keep the order PENDING until this cardholder's KYC review finishes (a card for a holder under review). */
  holdForCardholder?: string;
  /** What a held order reports if the review fails. */
  onFailure?: OrderOutcome;
}

/** One emulator's open card orders: those finishing after the delay, and those held for a KYC review. */
export class CardOrders {
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Card orders waiting for their cardholder's KYC review, by cardholder id (see releaseHeld). */
  private readonly heldForKyc = new Map<string, { succeed: () => void; fail: () => void }[]>();

  constructor(
    /** PENDING → SUCCESS delay; 0 or less completes an order right after the response that accepted it. */
    private readonly delayMs: number,
    /** The current state's sequence (the state is replaced on reset). */
    private readonly nextSeq: () => number,
    private readonly webhooks: Pick<WebhookDispatcher, 'emit'>,
  ) {}

  /** Accepts an order PENDING; it finishes SUCCESS after the delay (or when held, with the review). */
  open(
    store: AccountStore,
    card: Card,
    type: OrderType,
    amount: Cents | null,
    onSuccess: OrderOutcome,
    opts: HoldOptions = {},
  ): CardOrder {
    const now = Date.now();
    const order: CardOrder = {
      seq: this.nextSeq(),
      card_order_id: randomUUID(),
      card_id: card.card_id,
      order_type: type,
      amount,
      card_currency: card.card_currency,
      create_time: now,
      update_time: now,
      complete_time: null,
      order_status: 'PENDING',
    };
    store.orders.set(order.card_order_id, order);
    const finish = (status: 'SUCCESS' | 'FAILED', outcome: OrderOutcome) => {
      const done = Date.now();
      order.order_status = status;
      order.update_time = done;
      order.complete_time = done;
      const { event, data } = outcome(order);
      // UQPAY's order events name the order as their source (Go SDK webhook/issuing_test.go samples).
      this.webhooks.emit(event, order.card_order_id, store.id, data);
    };
    const complete = () => finish('SUCCESS', onSuccess);
    if (opts.holdForCardholder) {
      // Issued only once the cardholder's KYC passes; failed if it does not (see releaseHeld).
      const held = this.heldForKyc.get(opts.holdForCardholder) ?? [];
      held.push({ succeed: complete, fail: () => finish('FAILED', opts.onFailure ?? onSuccess) });
      this.heldForKyc.set(opts.holdForCardholder, held);
      return order;
    }
    // With delay 0 the response (already rendered as PENDING) is followed at once by SUCCESS.
    if (this.delayMs <= 0) queueMicrotask(complete);
    else {
      const t = setTimeout(() => {
        this.timers.delete(t);
        complete();
      }, this.delayMs);
      this.timers.add(t);
    }
    return order;
  }

  /** A KYC review finished: the card orders held for that cardholder succeed or fail with it. */
  releaseHeld(cardholderId: string, outcome: 'SUCCESS' | 'FAILED'): void {
    const held = this.heldForKyc.get(cardholderId) ?? [];
    this.heldForKyc.delete(cardholderId);
    for (const h of held) (outcome === 'SUCCESS' ? h.succeed : h.fail)();
  }

  /** Forgets every open order: the timers are cancelled, held orders never finish. */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.heldForKyc.clear();
  }
}
