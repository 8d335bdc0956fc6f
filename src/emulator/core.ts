import { randomUUID } from 'node:crypto';
import { TokenIssuer } from './auth';
import { CardDetailTokens } from './card-details';
import { Faults } from './faults';
import { IdempotencyStore } from './idempotency';
import type { Cents } from './money';
import type { ResolvedOptions } from './options';
import { SlidingWindowLimiter } from './ratelimit';
import { DEMO_CREDENTIALS, DEMO_IDS, seedState } from './seed';
import { EmulatorState, type AccountStore, type Card, type CardOrder, type OrderType } from './state';
import { Stats } from './stats';
import { Views } from './views';
import { WebhookDispatcher } from './webhooks';

export interface HoldOptions {
  /** Keep the order PENDING until this cardholder's KYC review finishes (a card for a holder under review). */
  holdForCardholder?: string;
  /** What a held order reports if the review fails. */
  onFailure?: (order: CardOrder) => { event: string; data: unknown };
}

/** Everything one running emulator holds; routes and controls receive it. */
export class EmulatorCore {
  state: EmulatorState;
  readonly tokens: TokenIssuer;
  readonly idempotency = new IdempotencyStore();
  readonly faults = new Faults();
  readonly stats = new Stats();
  readonly webhooks: WebhookDispatcher;
  /** Single-use card-details tokens (POST /v1/issuing/cards/{id}/token → GET /card-details). */
  readonly cardDetailTokens: CardDetailTokens;
  readonly views: Views;
  readonly limiter: SlidingWindowLimiter | undefined;
  readonly tokenLimiter: SlidingWindowLimiter | undefined;
  private readonly orderTimers = new Set<NodeJS.Timeout>();
  /** Card orders waiting for their cardholder's KYC review, by cardholder id (see holdUntilKyc). */
  private heldForKyc = new Map<string, { succeed: () => void; fail: () => void }[]>();

  constructor(readonly options: ResolvedOptions) {
    this.state = this.freshState();
    this.tokens = new TokenIssuer(
      [{ ...DEMO_CREDENTIALS, accountId: DEMO_IDS.masterAccountId }],
      options.tokenTtlSeconds,
      options.invalidateOldTokens,
      options.tokenClaims,
      (id) => this.state.accounts.get(id)?.account,
    );
    this.webhooks = new WebhookDispatcher(
      options.webhookUrl,
      options.webhookSecret,
      options.webhookMaxAttempts,
      options.webhookBackoffMs,
      this.webhookFormat(),
    );
    this.views = new Views(options.amountFormat, options.cardholderTimeFormat);
    this.cardDetailTokens = new CardDetailTokens(options.cardDetailsTokenTtlMs);
    this.limiter = options.rateLimitPerMin ? new SlidingWindowLimiter(options.rateLimitPerMin) : undefined;
    this.tokenLimiter = options.tokenRateLimitPerMin ? new SlidingWindowLimiter(options.tokenRateLimitPerMin) : undefined;
  }

  private webhookFormat() {
    return { timestamp: this.options.webhookTimestamp, accountId: this.options.webhookAccountId };
  }

  private freshState(): EmulatorState {
    const state = new EmulatorState(DEMO_IDS.masterAccountId);
    seedState(state, this.options.seed);
    for (const store of state.accounts.values()) store.kycLevel = this.options.kycLevel;
    return state;
  }

  /**
   * back to the seed: data, idempotency records, stats, faults, rate windows, webhook log and format, pending and
   * held orders, card-details tokens
   */
  reset(): void {
    this.cancelOrders();
    this.heldForKyc.clear();
    this.cardDetailTokens.clear();
    this.state = this.freshState();
    this.idempotency.clear();
    this.stats.reset();
    this.faults.clear();
    this.limiter?.clear();
    this.tokenLimiter?.clear();
    this.webhooks.clear();
    this.webhooks.format = this.webhookFormat();
  }

  /**
   * Card orders are accepted PENDING and finish SUCCESS after asyncDelayMs, then their webhook goes out.
   * Money and status move when the order is accepted (see routes/cards.ts), so reads right after a recharge
   * already see it; only order_status and the webhook lag behind, as with UQPAY.
   */
  openOrder(
    store: AccountStore,
    card: Card,
    type: OrderType,
    amount: Cents | null,
    onSuccess: (order: CardOrder) => { event: string; data: unknown },
    opts: HoldOptions = {},
  ): CardOrder {
    const now = Date.now();
    const order: CardOrder = {
      seq: this.state.nextSeq(),
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
    const finish = (status: 'SUCCESS' | 'FAILED', outcome: (o: CardOrder) => { event: string; data: unknown }) => {
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
      // Issued only once the cardholder's KYC passes; failed if it does not (see releaseHeldOrders).
      const held = this.heldForKyc.get(opts.holdForCardholder) ?? [];
      held.push({ succeed: complete, fail: () => finish('FAILED', opts.onFailure ?? onSuccess) });
      this.heldForKyc.set(opts.holdForCardholder, held);
      return order;
    }
    // With delay 0 the response (already rendered as PENDING) is followed at once by SUCCESS.
    if (this.options.asyncDelayMs <= 0) queueMicrotask(complete);
    else {
      const t = setTimeout(() => {
        this.orderTimers.delete(t);
        complete();
      }, this.options.asyncDelayMs);
      this.orderTimers.add(t);
    }
    return order;
  }

  /** A KYC review finished: the card orders held for that cardholder succeed or fail with it. */
  releaseHeldOrders(cardholderId: string, outcome: 'SUCCESS' | 'FAILED'): void {
    const held = this.heldForKyc.get(cardholderId) ?? [];
    this.heldForKyc.delete(cardholderId);
    for (const h of held) (outcome === 'SUCCESS' ? h.succeed : h.fail)();
  }

  private cancelOrders(): void {
    for (const t of this.orderTimers) clearTimeout(t);
    this.orderTimers.clear();
  }

  close(): void {
    this.cancelOrders();
    this.webhooks.close();
  }
}
