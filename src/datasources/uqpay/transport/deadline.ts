// One overall deadline per logical call: a single AbortController (not one per attempt) that fires when the
// deadline passes or the caller's own signal aborts. undici aborts the in-flight exchange on it, so a hung
// upstream cannot outlive the call even when its socket timeouts are generous.
import { UpstreamUnavailableError } from './errors';

const DEADLINE = 'deadline';
const CALLER = 'aborted';

export class CallGuard {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly outer: AbortSignal | undefined;
  private readonly onOuterAbort: (() => void) | undefined;

  constructor(
    readonly deadline: number,
    outer?: AbortSignal,
  ) {
    const ms = deadline - Date.now();
    if (ms <= 0) this.controller.abort(DEADLINE);
    this.timer = setTimeout(() => this.controller.abort(DEADLINE), Math.max(0, ms));
    if (outer) {
      this.outer = outer;
      if (outer.aborted) this.controller.abort(CALLER);
      else {
        this.onOuterAbort = () => this.controller.abort(CALLER);
        outer.addEventListener('abort', this.onOuterAbort, { once: true });
      }
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The error to throw once the signal has fired. */
  error(route: string, cause?: unknown): UpstreamUnavailableError {
    return this.controller.signal.reason === CALLER
      ? new UpstreamUnavailableError('aborted', route, `UQPAY call aborted by the caller (${route})`, undefined, {
          cause,
        })
      : new UpstreamUnavailableError('deadline', route, `UQPAY call exceeded its deadline (${route})`, undefined, {
          cause,
        });
  }

  dispose(): void {
    clearTimeout(this.timer);
    if (this.outer && this.onOuterAbort) this.outer.removeEventListener('abort', this.onOuterAbort);
  }
}

/** Wait for a shared promise (a token fetch) but give up when this call's signal fires. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
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
