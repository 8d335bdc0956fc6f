import { TokenIssuer } from './auth';
import { CardDetailTokens } from './card-details';
import { Faults } from './faults';
import { IdempotencyStore } from './idempotency';
import type { ResolvedOptions } from './options';
import { CardOrders } from './orders';
import { SlidingWindowLimiter } from './ratelimit';
import { DEMO_CREDENTIALS, DEMO_IDS, seedState } from './seed';
import { EmulatorState } from './state';
import { Stats } from './stats';
import { Views } from './views';
import { WebhookDispatcher } from './webhooks';

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
  /** Card orders on their way from PENDING to SUCCESS, or held for a KYC review. */
  readonly orders: CardOrders;

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
    this.orders = new CardOrders(options.asyncDelayMs, () => this.state.nextSeq(), this.webhooks);
    this.views = new Views(options.amountFormat, options.cardholderTimeFormat);
    this.cardDetailTokens = new CardDetailTokens(options.cardDetailsTokenTtlMs);
    this.limiter = options.rateLimitPerMin ? new SlidingWindowLimiter(options.rateLimitPerMin) : undefined;
    this.tokenLimiter = options.tokenRateLimitPerMin
      ? new SlidingWindowLimiter(options.tokenRateLimitPerMin)
      : undefined;
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
    this.orders.clear();
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

  close(): void {
    this.orders.clear();
    this.webhooks.close();
  }
}
