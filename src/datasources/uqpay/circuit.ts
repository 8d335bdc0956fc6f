// A circuit breaker on every HTTP exchange with UQPAY. When UQPAY is down, each GraphQL request would otherwise
// spend its whole deadline on connection attempts and retries; after `threshold` consecutive failures (no
// connection, or a 5xx) the circuit opens and calls fail at once with UPSTREAM_UNAVAILABLE. After a cool-down
// one probe is let through (half-open): success closes the circuit, failure reopens it with a longer cool-down.
// Any answer below 500 (a 4xx, a 429) proves UQPAY reachable and resets the count.
import { UpstreamUnavailableError } from './errors';

export interface CircuitOptions {
  /** Consecutive failed exchanges that open the circuit. */
  threshold?: number;
  /** First cool-down; doubles on each failed probe up to `maxCooldownMs`. */
  cooldownMs?: number;
  maxCooldownMs?: number;
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export class CircuitOpenError extends UpstreamUnavailableError {
  constructor(route: string) {
    super('circuit_open', route, `UQPAY unreachable (${route}): circuit open after repeated failures`);
  }
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private cooldown: number;
  private probing = false;
  private opened = false;
  private readonly threshold: number;
  private readonly baseCooldown: number;
  private readonly maxCooldown: number;
  private readonly now: () => number;

  constructor(opts: CircuitOptions = {}) {
    this.threshold = opts.threshold ?? 8;
    this.baseCooldown = opts.cooldownMs ?? 1_000;
    this.maxCooldown = opts.maxCooldownMs ?? 15_000;
    this.cooldown = this.baseCooldown;
    this.now = opts.now ?? Date.now;
  }

  state(): CircuitState {
    if (!this.opened) return 'closed';
    return this.now() - this.openedAt >= this.cooldown ? 'half-open' : 'open';
  }

  /** Before an exchange: throws CircuitOpenError while open; lets exactly one probe through when half-open. */
  enter(route: string): void {
    if (!this.opened) return;
    if (this.probing || this.now() - this.openedAt < this.cooldown) throw new CircuitOpenError(route);
    this.probing = true;
  }

  /** After an exchange that got an answer below 500. */
  success(): void {
    this.failures = 0;
    this.probing = false;
    this.opened = false;
    this.cooldown = this.baseCooldown;
  }

  /** After an exchange that failed: no connection, a timeout, or a 5xx. */
  failure(): void {
    if (this.opened) {
      if (!this.probing) return; // a straggler from before the circuit opened
      this.probing = false;
      this.openedAt = this.now();
      this.cooldown = Math.min(this.cooldown * 2, this.maxCooldown);
      return;
    }
    if (++this.failures >= this.threshold) {
      this.opened = true;
      this.openedAt = this.now();
    }
  }
}
