// One overall deadline per logical call, plus the caller's signal: when either fires, the exchange in flight is
// cancelled (undici's dispatch abort), and whatever waits for the call (a token fetch, a backoff, the budget queue)
// is woken through an AbortSignal — so a hung upstream cannot outlive the call even when its socket timeouts are
// generous.
//
// Cost per call: a call's guard is a plain object in one Set. ONE coarse ticker, shared by every pending call and
// running only while there are some, fires the guards whose deadline passed or whose caller aborted, so a deadline
// fires up to TICK_MS late. No AbortController, timer or event listener is made per call: the AbortSignal exists
// only once something asks for it (a wait), and the caller's signal is polled rather than listened to.
//
// The caller's signal (RequestScope's, made on first read for the whole request) is not even read for a read call
// younger than CALLER_POLL_AFTER_MS: most calls end sooner, and a read that outlives an abandoned request by that
// long only wastes a GET. A write checks it before it starts and from its first tick, as it may apply something.
import { UpstreamUnavailableError } from './errors';

const DEADLINE = 'deadline';
const CALLER = 'aborted';
export type GuardReason = typeof DEADLINE | typeof CALLER;

/** The ticker's period: how late a deadline or a caller's abort may be noticed. */
export const TICK_MS = 10;
/** Age at which a read call starts watching its caller's signal (the request timeout itself ticks every 100 ms). */
export const CALLER_POLL_AFTER_MS = 100;

/** Whatever carries the caller's signal (a RequestScope); read only when the signal is needed. */
export interface CallerScope {
  readonly signal?: AbortSignal;
}

/** What the transport registers while an exchange is in flight. */
export interface Inflight {
  /** Fail the exchange with `reason` and abort its request. */
  cancel(reason: GuardReason): void;
}

const pending = new Set<CallGuard>();
let ticker: NodeJS.Timeout | undefined;

function tick(): void {
  const now = Date.now();
  for (const g of pending) {
    if (g.deadline <= now) g.fire(DEADLINE);
    else if (g.pollFrom <= now && g.callerAborted()) g.fire(CALLER);
  }
  if (pending.size === 0 && ticker) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

export class CallGuard {
  /** Why the guard fired, or undefined while the call may go on. */
  reason: GuardReason | undefined;
  /** The exchange in flight (set by the transport while one is): cancelled when the guard fires. */
  inflight: Inflight | undefined;
  /** Epoch ms from which the ticker looks at the caller's signal. */
  readonly pollFrom: number;
  private controller: AbortController | undefined;
  /** The caller's signal once read (null: it has none). */
  private outer: AbortSignal | null | undefined;

  /** `watchCallerNow`: check the caller's signal before the call starts and on every tick (writes). */
  constructor(
    readonly deadline: number,
    private readonly caller?: CallerScope,
    watchCallerNow = false,
  ) {
    const now = Date.now();
    this.pollFrom = watchCallerNow ? now : now + CALLER_POLL_AFTER_MS;
    if (deadline <= now) this.reason = DEADLINE;
    else if (watchCallerNow && this.callerAborted()) this.reason = CALLER;
    else {
      pending.add(this);
      ticker ??= setInterval(tick, TICK_MS).unref();
    }
  }

  /** Whether the caller's signal has fired (reads it on first use). */
  callerAborted(): boolean {
    if (this.outer === undefined) this.outer = this.caller?.signal ?? null;
    return this.outer !== null && this.outer.aborted;
  }

  get aborted(): boolean {
    return this.reason !== undefined;
  }

  /** Fires when the guard does; made on first use (only calls that wait for something ask). */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.reason !== undefined) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** Ends the call now: the exchange in flight is cancelled and waiters wake. */
  fire(reason: GuardReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    pending.delete(this);
    const inflight = this.inflight;
    this.inflight = undefined;
    inflight?.cancel(reason);
    this.controller?.abort(reason);
  }

  /** The error to throw once the guard has fired. */
  error(route: string, cause?: unknown): UpstreamUnavailableError {
    return this.reason === CALLER
      ? new UpstreamUnavailableError('aborted', route, `UQPAY call aborted by the caller (${route})`, undefined, {
          cause,
        })
      : new UpstreamUnavailableError('deadline', route, `UQPAY call exceeded its deadline (${route})`, undefined, {
          cause,
        });
  }

  dispose(): void {
    pending.delete(this);
    this.inflight = undefined;
  }
}

/** Wait for a shared promise (a token fetch) but give up when this call's guard fires. */
export function abortable<T>(promise: Promise<T>, guard: CallGuard, onAbort: () => Error): Promise<T> {
  if (guard.aborted) return Promise.reject(onAbort());
  const signal = guard.signal;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e);
      },
    );
  });
}
