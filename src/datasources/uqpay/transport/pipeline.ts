// The request pipeline's vocabulary. A *call* is one logical UQPAY operation (what a resolver asked for);
// an *attempt* is one HTTP exchange of it (retries make several). Cross-cutting concerns plug in as
// middleware at the level they belong to, without touching the client:
//   - call middleware wraps a whole logical call: in-flight GET coalescing, a read cache;
//   - attempt middleware wraps every HTTP exchange (token calls and retries included): a rate-limit budget.
import type { CallGuard } from './deadline';
import type { AmountSpec } from './wire-json';

export type HttpMethod = 'GET' | 'POST';

/** What every call carries from the request that made it: the acting account, ids, deadline, limits. */
export interface RequestScope {
  /** `x-on-behalf-of`: a connected account's UUID; undefined acts as the master account. */
  accountId?: string;
  /** Propagated to upstream calls and logs. */
  requestId?: string;
  /** Epoch ms after which no retry starts and in-flight calls are aborted. */
  deadline?: number;
  signal?: AbortSignal;
  /**
   * Whether `signal` has fired, answered without making it. A scope whose signal is made on first read (one
   * AbortController per request) should give this: calls then never read `signal` unless they wait for something.
   */
  readonly aborted?: boolean;
  /** Counts the operation's upstream calls; throws (and the call is not made) past its limit. */
  meter?: { charge(route: string): void };
  /** The API client the call is made for: it draws on that client's share of the upstream budget. */
  client?: string;
}

export interface UqpayCall {
  readonly method: HttpMethod;
  /** Stats key: method + path template, e.g. `GET /v1/issuing/cards/{id}`. Constant strings, no allocation. */
  readonly route: string;
  /** Path below the base URL, query string included, e.g. `/v1/issuing/cards/abc?x=1`. */
  readonly path: string;
  /** JSON body (POST); stringified once per logical call, not per attempt. */
  readonly body?: unknown;
  /** Which body fields are amounts: written as exact JSON number literals (wire-json.ts). */
  readonly amounts?: AmountSpec;
  /** A POST that only reads (Retrieve Balance): repeatable, never an unknown-outcome write. */
  readonly readOnly?: boolean;
  /** Send `x-on-behalf-of` (false for the token and connected-accounts calls). */
  readonly onBehalf: boolean;
  readonly scope: RequestScope;
  /** POSTs: the caller's key or one UUID generated per logical call; every retry reuses it. */
  readonly idempotencyKey?: string;
  /** In-place normalisation of the parsed 2xx body (amounts → decimal strings). Idempotent. */
  readonly normalise?: (data: unknown) => void;
  /** Never answer from a read cache (the /ready probe must reach UQPAY). */
  readonly fresh?: boolean;
}

export interface RawResponse {
  status: number;
  /** Raw body text; parsed once by the client. */
  body: string;
  /** Parsed `Retry-After`, in ms, when the upstream sent one. */
  retryAfterMs?: number;
}

export interface Attempt {
  readonly call: UqpayCall;
  /** 1-based attempt number within the logical call. */
  readonly n: number;
  /** Epoch ms: the logical call's overall deadline. */
  readonly deadline: number;
  /**
   * The logical call's deadline and cancellation: the transport hands it the exchange to cancel, and anything
   * that waits listens to `guard.signal` (fires on the deadline or the caller's abort; made on first read).
   */
  readonly guard: CallGuard;
  /** `Bearer <token>` for this attempt; undefined only for the token call itself. */
  readonly authHeader?: string;
  /** The call's JSON body, stringified once for all attempts. */
  readonly bodyText?: string;
  /** Called by the innermost handler just before the request is handed to the socket (it may reach UQPAY). */
  readonly onSend?: () => void;
  /** Extra request headers for this exchange (an attempt middleware's: the trace context, `traceparent`). */
  readonly headers?: Readonly<Record<string, string>>;
}

export type CallHandler = (call: UqpayCall) => Promise<unknown>;
export type CallMiddleware = (next: CallHandler) => CallHandler;
export type AttemptHandler = (attempt: Attempt) => Promise<RawResponse>;
export type AttemptMiddleware = (next: AttemptHandler) => AttemptHandler;

/** `[a, b]` → a(b(inner)): the first middleware is the outermost. */
export function compose<H>(inner: H, middleware: readonly ((next: H) => H)[] | undefined): H {
  if (!middleware) return inner;
  let h = inner;
  for (let i = middleware.length - 1; i >= 0; i--) h = middleware[i]!(h);
  return h;
}
