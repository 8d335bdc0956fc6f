// The call pipeline to UQPAY: the HTTP pool (http.ts) + tokens + retries + the middleware seams, wired into one
// handler for every call. The typed API (../resources) describes calls; ../client.ts puts the two together.
//
//   api method → caller (route, path, idempotency key) → [call middleware] → execute (deadline, retry loop)
//     → per attempt: token → [attempt middleware] → send (headers, undici, observer)
//
// Hot path per call: one CallGuard (a plain object; deadline.ts), one headers object, one JSON.stringify for the
// body, one dispatch handler, one JSON.parse for the answer, in-place amount normalisation. Retry state is built
// only once an attempt has failed.
import type { Redis } from 'ioredis';
import type { UqpayConfig } from '../../../config';
import type { Logger } from '../../../logger';
import { ScopedCircuit, transportFailureKind, type CircuitOptions } from './circuit';
import { CallGuard, abortable } from './deadline';
import {
  UpstreamOutcomeUnknownError,
  UpstreamUnavailableError,
  UqpayError,
  isRequestProcessing,
  parseUqpayError,
  type UnavailableReason,
} from './errors';
import {
  compose,
  type AttemptHandler,
  type AttemptMiddleware,
  type CallHandler,
  type CallMiddleware,
  type HttpMethod,
  type RawResponse,
  type RequestScope,
  type UqpayCall,
} from './pipeline';
import { DEFAULT_BACKOFF, retryFailed, type RetryContext, type RetryPolicy, type RetryReason } from './retry';
import { TOKEN_PATH, TOKEN_ROUTE, TokenManager, type Token, type TokenRefreshReason } from './token';
import { SharedTokenStore } from './token-redis';
import { createTransport } from './http';
import { redactText } from '../../../redact';
import { InexactNumberError } from './amounts';
import { encodeBody, parseExact, settleNumbers } from './wire-json';

/** Hooks for metrics. Called synchronously; keep them cheap and never throw. */
export interface UqpayObserver {
  /** Every HTTP exchange, retries and token calls included. */
  onCall?(e: {
    route: string;
    method: HttpMethod;
    status: number | 'network_error';
    durationMs: number;
    attempt: number;
  }): void;
  onRetry?(e: { route: string; reason: RetryReason; attempt: number; delayMs: number }): void;
  onTokenRefresh?(e: { reason: TokenRefreshReason }): void;
}

export interface UqpayClientOptions {
  config: UqpayConfig;
  logger?: Logger;
  /** With Redis, the token is shared by every replica (one token call for all of them). */
  redis?: Redis;
  /** Namespace for the shared token keys (default `uqpay:token:`). */
  redisKeyPrefix?: string;
  observer?: UqpayObserver;
  /** Wrap whole logical calls (coalescing, read cache). First = outermost. */
  callMiddleware?: readonly CallMiddleware[];
  /** Wrap every HTTP exchange (a rate-limit budget). First = outermost. */
  attemptMiddleware?: readonly AttemptMiddleware[];
  /** Backoff tuning (tests shorten it); the retry count comes from config.maxRetries. */
  backoff?: Partial<Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>>;
  /** Circuit breaker tuning: fail fast while UQPAY is down. */
  circuit?: CircuitOptions;
}

/** UQPAY as one handler for every call, with what the client around it needs. */
export interface Upstream {
  /** Runs one logical call: call middleware, deadline, retries, tokens, attempt middleware, one HTTP pool. */
  handle: CallHandler;
  /** The master account id, read from the token's JWT payload. */
  masterAccountId: () => Promise<string>;
  /** Obtains a token (for /ready): proves credentials and reachability. */
  ready: () => Promise<void>;
  close: () => Promise<void>;
}

const TIMEOUT_REASONS: Record<string, UnavailableReason> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect_timeout',
  UND_ERR_HEADERS_TIMEOUT: 'headers_timeout',
  UND_ERR_BODY_TIMEOUT: 'body_timeout',
};

export function createUpstream(opts: UqpayClientOptions): Upstream {
  const { config, observer, logger } = opts;
  const transport = createTransport(config);
  const policy: RetryPolicy = { maxRetries: config.maxRetries, ...DEFAULT_BACKOFF, ...opts.backoff };
  const credentials = { accept: 'application/json', 'x-client-id': config.clientId, 'x-api-key': config.apiKey };
  // Token-acquisition failures were already retried by the token call itself: never retry them again.
  const tokenFailures = new WeakSet<object>();
  const isFinal = (err: unknown) => tokenFailures.has(err as object);
  const circuit = new ScopedCircuit(opts.circuit);

  // Innermost attempt: headers, one HTTP exchange, observation, transport errors → UpstreamUnavailableError.
  const send: AttemptHandler = async (a) => {
    const call = a.call;
    let headers: Record<string, string>;
    if (a.authHeader === undefined) headers = credentials;
    else {
      headers = { accept: 'application/json', 'x-auth-token': a.authHeader };
      const s = call.scope;
      if (call.onBehalf && s.accountId) headers['x-on-behalf-of'] = s.accountId;
      if (call.idempotencyKey) headers['x-idempotency-key'] = call.idempotencyKey;
      if (s.requestId) headers['x-request-id'] = s.requestId;
      if (a.bodyText !== undefined) headers['content-type'] = 'application/json';
    }
    // Only a traced exchange has any (trace context); they never replace the gateway's own headers.
    if (a.headers !== undefined) headers = { ...a.headers, ...headers };
    circuit.enter(call.route);
    a.onSend?.();
    const started = performance.now();
    let res: RawResponse;
    try {
      res = await transport.send(call.method, call.path, headers, a.bodyText, a.guard);
    } catch (err) {
      circuit.failure(call.route, transportFailureKind(err));
      observer?.onCall?.({
        route: call.route,
        method: call.method,
        status: 'network_error',
        durationMs: performance.now() - started,
        attempt: a.n,
      });
      throw transportError(err, call.route);
    }
    if (res.status >= 500) circuit.failure(call.route, 'server');
    else circuit.success(call.route);
    observer?.onCall?.({
      route: call.route,
      method: call.method,
      status: res.status,
      durationMs: performance.now() - started,
      attempt: a.n,
    });
    return res;
  };
  const attempt = compose(send, opts.attemptMiddleware);

  const secrets = (): string[] => {
    const raw = tokens.currentRaw();
    return raw ? [config.apiKey, raw] : [config.apiKey];
  };

  // Per attempt: the token, the attempt middleware and the exchange, then the answer parsed (or the error made).
  // Defined once, not per call: the call's state travels in `run`.
  const attemptCall = async (run: CallRun, n: number): Promise<unknown> => {
    const { call, guard, write } = run;
    if (call.route !== TOKEN_ROUTE) {
      run.authHeader = tokens.headerIfFresh();
      if (run.authHeader === undefined) {
        try {
          run.authHeader = await abortable(tokens.header(), guard, () => guard.error(call.route));
        } catch (err) {
          if (err && typeof err === 'object') tokenFailures.add(err);
          throw err;
        }
      }
    }
    let res: RawResponse;
    run.sent = false;
    try {
      res = await attempt({
        call,
        n,
        deadline: guard.deadline,
        guard,
        authHeader: run.authHeader,
        bodyText: run.bodyText,
        onSend: write ? () => void (run.sent = true) : undefined,
      });
    } catch (err) {
      const e = guard.aborted ? guard.error(call.route, err) : err;
      if (run.sent && !neverSent(err)) write!.maybeApplied.add(e as object);
      throw e;
    }
    if (res.status >= 200 && res.status < 300) {
      try {
        return parseOk(res, call);
      } catch (err) {
        if (write) write.maybeApplied.add(err as object); // applied, but its answer is unreadable
        throw err;
      }
    }
    const err = parseUqpayError(res.status, res.body, call.route, secrets(), res.retryAfterMs);
    if (write && (res.status >= 500 || isRequestProcessing(err))) write.maybeApplied.add(err);
    throw err;
  };

  // Built only once the first attempt failed: a call that succeeds at once makes no retry state at all.
  const retryContext = (run: CallRun): RetryContext => {
    const { call, guard, write } = run;
    const isToken = call.route === TOKEN_ROUTE;
    const abortError = () => guard.error(call.route);
    return {
      route: call.route,
      retryable: isToken || call.method === 'GET' || !!call.idempotencyKey,
      deadline: guard.deadline,
      guard,
      policy,
      abortError,
      onRetry: (e) => {
        observer?.onRetry?.(e);
        logger?.warn({ ...e, requestId: call.scope.requestId }, 'uqpay call retried');
      },
      onTokenExpired: isToken
        ? undefined
        : async () => void (await abortable(tokens.refresh(run.authHeader), guard, abortError)),
      isFinal,
      write: write && {
        replay: write.replay,
        ambiguous: (err) => write.maybeApplied.has(err as object),
        unknown: (err) => outcomeUnknown(call, err),
      },
    };
  };

  const execute: CallHandler = async (call) => {
    const write = isWrite(call);
    const guard = new CallGuard(call.scope.deadline ?? Date.now() + config.requestDeadlineMs, call.scope);
    const run: CallRun = {
      call,
      guard,
      bodyText: call.body === undefined ? undefined : encodeBody(call.body, call.amounts),
      authHeader: undefined,
      write: write
        ? { replay: config.unknownOutcomePolicy !== 'never', maybeApplied: new WeakSet<object>() }
        : undefined,
      sent: false,
    };
    try {
      try {
        return await attemptCall(run, 1);
      } catch (err) {
        return await retryFailed(retryContext(run), (n) => attemptCall(run, n), err);
      }
    } finally {
      guard.dispose();
    }
  };
  const handle = compose(execute, opts.callMiddleware);

  const fetchToken = async (): Promise<Token> => {
    const t = (await handle({
      method: 'POST',
      route: TOKEN_ROUTE,
      path: TOKEN_PATH,
      onBehalf: false,
      scope: NO_SCOPE,
    })) as Token;
    if (!t || typeof t.auth_token !== 'string' || typeof t.expired_at !== 'number') {
      throw new UpstreamUnavailableError(
        'bad_response',
        TOKEN_ROUTE,
        'UQPAY token response has no auth_token/expired_at',
      );
    }
    return t;
  };
  const tokens = new TokenManager({
    fetchToken,
    shared: opts.redis
      ? new SharedTokenStore({
          redis: opts.redis,
          baseUrl: config.baseUrl,
          clientId: config.clientId,
          keyPrefix: opts.redisKeyPrefix,
        })
      : undefined,
    logger,
    onRefresh: observer?.onTokenRefresh ? (e) => observer.onTokenRefresh!(e) : undefined,
    fetchDeadlineMs: config.requestDeadlineMs,
  });

  return {
    handle,
    masterAccountId: () => tokens.masterAccountId(),
    ready: async () => {
      // While the circuit is not closed, a cached token proves nothing: probe UQPAY (fails fast while open).
      if (circuit.state() !== 'closed') await handle(READY_PROBE);
      await tokens.header();
    },
    close: () => transport.close(),
  };
}

const NO_SCOPE: RequestScope = Object.freeze({});
const READY_PROBE = Object.freeze({
  method: 'GET',
  route: 'GET /v1/issuing/products',
  path: '/v1/issuing/products?page_size=10',
  onBehalf: false,
  scope: NO_SCOPE,
  fresh: true,
} as const);

/** One logical call's state across its attempts. */
interface CallRun {
  readonly call: UqpayCall;
  readonly guard: CallGuard;
  /** The JSON body, stringified once for every attempt. */
  readonly bodyText: string | undefined;
  /** The token header the last attempt used (an expired-token refresh replaces exactly that one). */
  authHeader: string | undefined;
  /** Writes: which failed attempts may have been applied upstream (the request went out, nothing settled it). */
  readonly write: { replay: boolean; maybeApplied: WeakSet<object> } | undefined;
  /** The current attempt's request was handed to the socket. */
  sent: boolean;
}

function parseOk(res: RawResponse, call: UqpayCall): unknown {
  if (res.body === '') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(res.body);
  } catch (err) {
    throw new UpstreamUnavailableError(
      'bad_response',
      call.route,
      `UQPAY answered ${res.status} with a non-JSON body`,
      res.status,
      { cause: err },
    );
  }
  if (!call.normalise) return data;
  try {
    call.normalise(data);
  } catch (err) {
    if (!(err instanceof InexactNumberError)) throw err;
    // An amount came as a number a double may have rounded: read the literals from the text (rare, slower).
    data = parseExact(res.body);
    call.normalise(data);
    settleNumbers(data);
  }
  return data;
}

/** A POST that changes something (not the token call, not Retrieve Balance). */
function isWrite(call: UqpayCall): boolean {
  return call.method === 'POST' && call.route !== TOKEN_ROUTE && !call.readOnly;
}

/** Failures of the connect phase: the request never left this process, so nothing can have been applied. */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
function neverSent(err: unknown): boolean {
  const cause = err instanceof UpstreamUnavailableError ? err.cause : err;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NEVER_SENT_CODES.has(code);
}

function outcomeUnknown(call: UqpayCall, err: unknown): UpstreamOutcomeUnknownError {
  const why = err instanceof Error ? err.message : String(err);
  const status = err instanceof UpstreamUnavailableError || err instanceof UqpayError ? err.status : undefined;
  const message = `UQPAY may or may not have applied ${call.route} (${why}); retry with the same idempotency key`;
  const key = call.idempotencyKey ?? '';
  return new UpstreamOutcomeUnknownError(call.route, call.method, call.path, key, message, status, { cause: err });
}

/** undici/socket failures → UpstreamUnavailableError; anything else (a middleware's own error) passes through. */
function transportError(err: unknown, route: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err;
  const reason = TIMEOUT_REASONS[code] ?? 'network';
  const detail = redactText((err as Error).message || code);
  return new UpstreamUnavailableError(reason, route, `UQPAY unreachable (${route}): ${detail}`, undefined, {
    cause: err,
  });
}
