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
// The caller's signal: every call checks it before it starts, so nothing new goes out for an abandoned request. A
// scope that makes its signal lazily (the gateway's context: one AbortController per request, made on first read)
// can answer `aborted` without making it; the guard then never reads `signal`. In flight, the ticker looks at the
// caller only once the call is CALLER_POLL_AFTER_MS old: most calls end sooner, and polling every pending call on
// every tick costs more than a read finishing at most that much after its request was abandoned.
import { UpstreamUnavailableError } from './errors';

const DEADLINE = 'deadline';
const CALLER = 'aborted';
export type GuardReason = typeof DEADLINE | typeof CALLER;

/** The ticker's period: how late a deadline or a caller's abort may be noticed. */
export const TICK_MS = 10;
/** Age from which a call in flight watches its caller (the request timeout itself ticks every 100 ms). */
export const CALLER_POLL_AFTER_MS = 100;

/** Whatever carries the caller's signal (a RequestScope). */
export interface CallerScope {
  readonly signal?: AbortSignal;
  /** Whether `signal` has fired, answered without making it; when present, `signal` is never read here. */
  readonly aborted?: boolean;
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
  /** Epoch ms from which the ticker looks at the caller. */
  readonly pollFrom: number;
  private controller: AbortController | undefined;
  /** The caller's signal once read (null: none); stays undefined while the scope answers `aborted` itself. */
  private outer: AbortSignal | null | undefined;

  constructor(
    readonly deadline: number,
    private readonly caller?: CallerScope,
  ) {
    const now = Date.now();
    this.pollFrom = now + CALLER_POLL_AFTER_MS;
    if (deadline <= now) this.reason = DEADLINE;
    else if (this.callerAborted()) this.reason = CALLER;
    else {
      pending.add(this);
      ticker ??= setInterval(tick, TICK_MS).unref();
    }
  }

  /** Whether the caller has aborted: its `aborted` answer if it gives one, else its signal's (read once). */
  callerAborted(): boolean {
    const c = this.caller;
    if (c === undefined) return false;
    if (this.outer === undefined) {
      const answer = c.aborted;
      if (answer !== undefined) return answer;
      this.outer = c.signal ?? null;
    }
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
