// The upstream budget: a token bucket in front of every UQPAY exchange, so the gateway queues its own calls
// instead of provoking 429s. UQPAY counts per client id (200/min production, 500/min sandbox, 60/min on the
// token endpoint); every replica draws from ONE bucket through Redis (budget-redis.ts), or from an in-memory
// one without it.
//
// Sizing against a sliding one-minute window of L calls: a bucket of capacity C refilling at (L − C)/min can
// never put more than C + (L − C) = L calls into any 60 s window, so no window overflows. C defaults to one
// second's worth of calls (⌈L/60⌉): small bursts go out at once, a long burst flows at ≈ L/min.
//
// Waiting: callers queue with their call's deadline. POSTs (mutations) are served before GETs. A call whose
// turn would come after its deadline, or that finds the queue full, fails at once with
// UpstreamBudgetExhaustedError (GraphQL: `UPSTREAM_BUDGET_EXHAUSTED`) rather than timing out later.
//
// Hot path: with no limit configured (the emulator, any unknown host) no middleware is installed at all.
import { TOKEN_ROUTE } from '../transport/token';
import type { AttemptMiddleware } from '../transport/pipeline';

export const UQPAY_PRODUCTION_HOST = 'api.uqpay.com';
export const UQPAY_SANDBOX_HOST = 'api-sandbox.uqpaytech.com';
/** UQPAY's own limits per client id, per minute. */
export const UQPAY_HOST_LIMITS: Readonly<Record<string, number>> = {
  [UQPAY_PRODUCTION_HOST]: 200,
  [UQPAY_SANDBOX_HOST]: 500,
};
export const UQPAY_TOKEN_LIMIT_PER_MIN = 60;

/** The limit to apply when none is configured: UQPAY's published one for its hosts, none elsewhere. */
export function defaultRateLimitPerMin(baseUrl: string): number | undefined {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return UQPAY_HOST_LIMITS[host];
}

export type BudgetRejectReason = 'queue_full' | 'deadline';

export class UpstreamBudgetExhaustedError extends Error {
  override readonly name = 'UpstreamBudgetExhaustedError';
  constructor(
    readonly reason: BudgetRejectReason,
    readonly route: string,
    /** When a retry could be served, by this replica's estimate. */
    readonly retryAfterMs: number,
  ) {
    super(
      reason === 'queue_full'
        ? `UQPAY call budget exhausted: the queue is full (${route})`
        : `UQPAY call budget exhausted: no call slot before the deadline (${route})`,
    );
  }
}

/** Capacity and refill for a per-minute limit (see the sizing note at the top). */
export function bucketShape(limitPerMin: number, burst?: number): { capacity: number; refillPerMin: number } {
  const limit = Math.max(1, Math.floor(limitPerMin));
  if (limit === 1) return { capacity: 1, refillPerMin: 1 };
  const capacity = Math.max(1, Math.min(burst ?? Math.ceil(limit / 60), Math.floor(limit / 2)));
  return { capacity, refillPerMin: limit - capacity };
}

/** The bucket arithmetic, clock injected. Tokens are fractional; calls take whole ones. */
export class TokenBucket {
  readonly ratePerMs: number;
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    refillPerMin: number,
    now: number,
  ) {
    this.ratePerMs = refillPerMin / 60_000;
    this.tokens = capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.ratePerMs);
      this.updatedAt = now;
    }
  }

  /** Takes up to `want` whole tokens; returns what was granted, the ms until the next token, what is left. */
  take(want: number, now: number): TakeResult {
    this.refill(now);
    const granted = Math.max(0, Math.min(want, Math.floor(this.tokens)));
    this.tokens -= granted;
    return {
      granted,
      waitMs: granted < want ? Math.ceil((1 - this.tokens) / this.ratePerMs) : 0,
      available: this.tokens,
    };
  }

  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }
}

export interface TakeResult {
  granted: number;
  /** ms until the next whole token, when fewer than asked were granted. */
  waitMs: number;
  /** Tokens left (fractional). */
  available: number;
}

/** Where the tokens live: memory (one replica) or Redis (all replicas). */
export interface BucketStore {
  readonly kind: 'memory' | 'redis';
  take(want: number): TakeResult | Promise<TakeResult>;
}

export class MemoryBucketStore implements BucketStore {
  readonly kind = 'memory';
  private readonly bucket: TokenBucket;
  constructor(
    capacity: number,
    refillPerMin: number,
    private readonly now: () => number = Date.now,
  ) {
    this.bucket = new TokenBucket(capacity, refillPerMin, now());
  }
  take(want: number): TakeResult {
    return this.bucket.take(want, this.now());
  }
}

export interface BudgetObserver {
  onGrant?(bucket: string, waitedMs: number): void;
  onQueueDepth?(bucket: string, depth: number): void;
  onReject?(bucket: string, reason: BudgetRejectReason): void;
  onAvailable?(bucket: string, tokens: number): void;
}

export interface UpstreamBudgetOptions {
  /** Metrics label: `api` or `token`. */
  name: string;
  store: BucketStore;
  /** Refill per minute, for wait estimates. */
  refillPerMin: number;
  /** Waiting calls beyond which new ones are refused at once. */
  queueMax: number;
  now?: () => number;
  observer?: BudgetObserver;
}

export const HIGH = 0; // POST: mutations first
export const LOW = 1; // GET

interface Waiter {
  priority: number;
  deadline: number;
  enqueuedAt: number;
  route: string;
  resolve: () => void;
  reject: (err: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  done: boolean;
}

/** A FIFO with O(1) shift and lazy removal of finished waiters. */
class Lane {
  items: Waiter[] = [];
  head = 0;
  live = 0;
  push(w: Waiter) {
    this.items.push(w);
    this.live++;
  }
  shift(): Waiter | undefined {
    while (this.head < this.items.length) {
      const w = this.items[this.head++]!;
      if (!w.done) {
        this.live--;
        this.compact();
        return w;
      }
    }
    this.compact();
    return undefined;
  }
  /** The newest live waiter (evicted when a mutation finds the queue full). */
  pop(): Waiter | undefined {
    while (this.items.length > this.head) {
      const w = this.items.pop()!;
      if (!w.done) return w; // still counted live: the caller finish()es it
    }
    return undefined;
  }
  private compact() {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

export class UpstreamBudget {
  readonly name: string;
  private readonly store: BucketStore;
  private readonly ratePerMs: number;
  private readonly queueMax: number;
  private readonly now: () => number;
  private readonly observer: BudgetObserver | undefined;
  private readonly lanes = [new Lane(), new Lane()] as const;
  private pumping = false;
  /** Last known tokens left (from the latest take). */
  private available = Infinity;
  private lastRejectAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wake: (() => void) | undefined;

  constructor(opts: UpstreamBudgetOptions) {
    this.name = opts.name;
    this.store = opts.store;
    this.ratePerMs = opts.refillPerMin / 60_000;
    this.queueMax = opts.queueMax;
    this.now = opts.now ?? Date.now;
    this.observer = opts.observer;
  }

  depth(): number {
    return this.lanes[0].live + this.lanes[1].live;
  }

  /** Saturated: the queue is full, or a call was refused within the last `windowMs`. */
  saturated(windowMs = 1_000): boolean {
    return this.depth() >= this.queueMax || this.now() - this.lastRejectAt < windowMs;
  }

  /**
   * A call slot. Returns undefined when granted synchronously (memory bucket, nobody waiting), else a promise
   * that resolves when granted and rejects with UpstreamBudgetExhaustedError (or on `signal`). `signal` may be given
   * as a function: it is then asked for only if the call has to wait (a call's signal is made on first use).
   */
  acquire(
    priority: number,
    deadline: number,
    route: string,
    signalOf?: AbortSignal | (() => AbortSignal),
  ): Promise<void> | undefined {
    const now = this.now();
    if (this.depth() === 0 && this.store.kind === 'memory') {
      const r = this.store.take(1) as TakeResult;
      this.available = r.available;
      if (r.granted === 1) {
        this.observer?.onGrant?.(this.name, 0);
        return undefined;
      }
    }
    // Refuse at once when full: a mutation evicts the newest waiting read instead.
    if (this.depth() >= this.queueMax) {
      const evicted = priority === HIGH ? this.lanes[LOW].pop() : undefined;
      if (!evicted) return Promise.reject(this.refuse('queue_full', route, now));
      this.finish(evicted);
      evicted.reject(this.refuse('queue_full', evicted.route, now));
    }
    const ahead = priority === HIGH ? this.lanes[HIGH].live : this.depth();
    const eta = this.eta(ahead, now);
    if (eta >= deadline) return Promise.reject(this.refuse('deadline', route, now, eta - now));
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { priority, deadline, enqueuedAt: now, route, resolve, reject, done: false };
      const signal = typeof signalOf === 'function' ? signalOf() : signalOf;
      if (signal) {
        w.signal = signal;
        w.onAbort = () => {
          if (w.done) return;
          this.finish(w);
          // The client turns this into its own deadline/abort error (the signal fired).
          reject(new UpstreamBudgetExhaustedError('deadline', route, 0));
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.lanes[priority as 0 | 1].push(w);
      this.observer?.onQueueDepth?.(this.name, this.depth());
      this.schedule();
    });
  }

  /** Estimated grant time of the call with `ahead` calls before it, from the last known tokens. */
  private eta(ahead: number, now: number): number {
    // Unknown (a Redis bucket not sampled yet): assume the slot is there; the pump corrects it.
    if (this.available === Infinity) return now;
    const short = ahead + 1 - Math.max(0, this.available);
    return short <= 0 ? now : now + short / this.ratePerMs;
  }

  private refuse(
    reason: BudgetRejectReason,
    route: string,
    now: number,
    retryAfterMs?: number,
  ): UpstreamBudgetExhaustedError {
    this.lastRejectAt = now;
    this.observer?.onReject?.(this.name, reason);
    const wait = retryAfterMs ?? this.depth() / this.ratePerMs;
    return new UpstreamBudgetExhaustedError(reason, route, Math.max(0, Math.ceil(wait)));
  }

  private finish(w: Waiter): void {
    if (w.done) return;
    w.done = true;
    this.lanes[w.priority as 0 | 1].live--;
    if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
    this.observer?.onQueueDepth?.(this.name, this.depth());
  }

  private next(): Waiter | undefined {
    const w = this.lanes[HIGH].shift() ?? this.lanes[LOW].shift();
    if (w) {
      // shift() already counted it out of its lane.
      w.done = true;
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
    }
    return w;
  }

  private schedule(): void {
    if (this.pumping) return;
    this.pumping = true;
    // A microtask, so calls arriving in the same tick share one take (one Redis round trip).
    queueMicrotask(() => void this.pump());
  }

  private async pump(): Promise<void> {
    try {
      while (this.depth() > 0) {
        const r = await this.store.take(this.depth());
        this.available = r.available;
        this.observer?.onAvailable?.(this.name, r.available);
        const now = this.now();
        let granted = 0;
        for (; granted < r.granted; granted++) {
          const w = this.next();
          if (!w) break;
          this.observer?.onGrant?.(this.name, now - w.enqueuedAt);
          w.resolve();
        }
        // Tokens taken for waiters that left meanwhile are lost: at worst a few per abort, never an overrun.
        this.observer?.onQueueDepth?.(this.name, this.depth());
        if (this.depth() === 0) break;
        this.dropHopeless(now + r.waitMs);
        if (this.depth() === 0) break;
        await this.sleep(Math.max(1, r.waitMs));
      }
    } catch {
      // A failing store (budget-redis falls back to memory itself, so this is a bug): fail the waiters, never hang.
      const now = this.now();
      for (let w = this.next(); w; w = this.next()) w.reject(this.refuse('deadline', w.route, now));
    } finally {
      this.pumping = false;
      if (this.depth() > 0) this.schedule();
    }
  }

  /** Refuse, now, the waiters whose estimated turn falls after their deadline. */
  private dropHopeless(nextTokenAt: number): void {
    let i = 0;
    const now = this.now();
    for (const lane of this.lanes) {
      for (let k = lane.head; k < lane.items.length; k++) {
        const w = lane.items[k]!;
        if (w.done) continue;
        const eta = nextTokenAt + i / this.ratePerMs;
        if (eta >= w.deadline) {
          this.finish(w);
          w.reject(this.refuse('deadline', w.route, now, eta - now));
        } else i++;
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
      this.timer.unref?.();
    });
  }

  /** Refuse everything still waiting (shutdown). */
  close(): void {
    clearTimeout(this.timer);
    this.wake?.();
    const now = this.now();
    for (let w = this.next(); w; w = this.next()) w.reject(this.refuse('queue_full', w.route, now));
  }
}

/**
 * Attempt middleware: every HTTP exchange (retries included) takes a slot; the token call from its own bucket.
 * An API call made for a client with a share (`clients`, by the scope's client name) first takes a slot from
 * that client's bucket, then from the shared one.
 */
export function budgetMiddleware(
  api: UpstreamBudget | undefined,
  token: UpstreamBudget | undefined,
  clients?: ReadonlyMap<string, UpstreamBudget>,
): AttemptMiddleware {
  return (next) => (a) => {
    const call = a.call;
    const budget = call.route === TOKEN_ROUTE ? token : api;
    if (!budget) return next(a);
    const priority = call.method === 'POST' ? HIGH : LOW;
    const signal = () => a.guard.signal;
    const shared = () => {
      const wait = budget.acquire(priority, a.deadline, call.route, signal);
      return wait === undefined ? next(a) : wait.then(() => next(a));
    };
    const client = budget === api && call.scope.client !== undefined ? clients?.get(call.scope.client) : undefined;
    if (!client) return shared();
    const own = client.acquire(priority, a.deadline, call.route, signal);
    return own === undefined ? shared() : own.then(shared);
  };
}
