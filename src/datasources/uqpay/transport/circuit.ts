// Circuit breakers on every HTTP exchange with UQPAY. When UQPAY is down, each GraphQL request would otherwise
// spend its whole deadline on connection attempts and retries; after `threshold` consecutive failures the
// circuit opens and calls fail at once with UPSTREAM_UNAVAILABLE. After a cool-down one probe is let through
// (half-open): success closes the circuit, failure reopens it with a longer cool-down.
//
// Scope (ScopedCircuit): one breaker per route (method + path template) and one for the host. A route that keeps
// failing (5xx, timeouts, broken connections) opens its own circuit only: a failing recharge never fails card
// reads. The host's circuit, which fails every route fast, opens only on what says UQPAY itself is unreachable:
// connections refused (or not made at all: connect timeout, DNS), or connections breaking on two or more routes
// in a row. Any HTTP answer, even a 5xx, proves the host reachable and resets its count.
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

  /** Whether an exchange may start now (`probe`: as the one half-open probe), without changing anything. */
  admits(): 'yes' | 'probe' | 'no' {
    if (!this.opened) return 'yes';
    return this.probing || this.now() - this.openedAt < this.cooldown ? 'no' : 'probe';
  }

  /** Before an exchange: throws CircuitOpenError while open; lets exactly one probe through when half-open. */
  enter(route: string): void {
    const admitted = this.admits();
    if (admitted === 'no') throw new CircuitOpenError(route);
    if (admitted === 'probe') this.probing = true;
  }

  /** Open (or half-open): a failure now reopens it, a success closes it. */
  get isOpen(): boolean {
    return this.opened;
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

/**
 * How an exchange failed: `unreachable` (no connection was made: refused, connect timeout, DNS, no route),
 * `broken` (the connection broke or went silent before an answer: reset, closed, headers/body timeout, abort),
 * `server` (UQPAY answered 5xx: reachable, but this route is failing).
 */
export type FailureKind = 'unreachable' | 'broken' | 'server';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

/** The kind of a transport error (undici or socket), for ScopedCircuit.failure. */
export function transportFailureKind(err: unknown): FailureKind {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNREACHABLE_CODES.has(code) ? 'unreachable' : 'broken';
}

/** A breaker per route plus one for the host (see the top of this file). */
export class ScopedCircuit {
  private readonly host: CircuitBreaker;
  private readonly routes = new Map<string, CircuitBreaker>();
  /** Broken connections since the host last answered, and the routes they were on. */
  private brokenRun = 0;
  private readonly brokenRoutes = new Set<string>();

  constructor(private readonly opts: CircuitOptions = {}) {
    this.host = new CircuitBreaker(opts);
  }

  /** The host's state: not closed while UQPAY is unreachable (for /ready). */
  state(): CircuitState {
    return this.host.state();
  }

  /** The breaker of one route; created on first use (routes are a fixed set of templates). */
  route(route: string): CircuitBreaker {
    let b = this.routes.get(route);
    if (!b) this.routes.set(route, (b = new CircuitBreaker(this.opts)));
    return b;
  }

  /** Before an exchange: throws CircuitOpenError while the host's or the route's circuit is open. */
  enter(route: string): void {
    const r = this.route(route);
    const host = this.host.admits();
    const own = r.admits();
    if (host === 'no' || own === 'no') throw new CircuitOpenError(route);
    // Both admit: take the probe slots only now, so a refusal by one never holds the other's slot.
    if (host === 'probe') this.host.enter(route);
    if (own === 'probe') r.enter(route);
  }

  /** After an exchange that got an answer below 500. */
  success(route: string): void {
    this.reachable();
    this.route(route).success();
  }

  /** After an exchange that failed. */
  failure(route: string, kind: FailureKind): void {
    this.route(route).failure();
    if (kind === 'server') {
      this.reachable();
      return;
    }
    if (kind === 'unreachable' || this.host.isOpen) {
      this.host.failure();
      return;
    }
    // A broken connection on one route may be that route's problem; on several in a row, UQPAY's.
    this.brokenRun++;
    this.brokenRoutes.add(route);
    if (this.brokenRoutes.size < 2) return;
    for (; this.brokenRun > 0; this.brokenRun--) this.host.failure();
  }

  private reachable(): void {
    this.host.success();
    this.brokenRun = 0;
    // Only when there is something to clear: clear() gives the Set a new table, one per call for nothing.
    if (this.brokenRoutes.size > 0) this.brokenRoutes.clear();
  }
}
