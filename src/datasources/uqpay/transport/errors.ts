// The three error classes resolvers see. Everything the upstream says is parsed into ONE UqpayError shape,
// whatever body UQPAY (or a gateway in front of it) sent; transport failures become UpstreamUnavailableError,
// so resolvers can tell "UQPAY said no" from "UQPAY could not be reached". Messages are scrubbed at
// construction time: no PAN, API key or token can leak through an error message or a log line.
import { redactText } from '../../../redact';

/** UQPAY's documented `type` values, plus the ones we infer for bodies that carry none. */
export type UqpayErrorType =
  | 'invalid_request_error'
  | 'card_error'
  | 'cardholder_error'
  | 'account_error'
  | 'idempotency_error'
  | 'unauthorized_error'
  | 'rate_limit_error'
  | 'not_found'
  | 'api_error'
  | (string & {});

export class UqpayError extends Error {
  override readonly name: string = 'UqpayError';
  constructor(
    readonly status: number,
    readonly type: UqpayErrorType,
    readonly code: string,
    message: string,
    /** Stats-style route key, e.g. `GET /v1/issuing/cards/{id}`. */
    readonly route: string,
    /** From a 429's `Retry-After`, in ms. */
    readonly retryAfterMs?: number,
    /** A KYC rejection's `missing_fields` (Node SDK src/error.ts): the cardholder fields still needed, nested. */
    readonly missingFields?: readonly unknown[],
  ) {
    super(message);
  }
}

/** 401/403 that is not an expired token (bad credentials, forbidden): never retried in a loop. */
export class UqpayAuthError extends UqpayError {
  override readonly name = 'UqpayAuthError';
}

export type UnavailableReason =
  | 'network' // refused, reset, DNS, socket closed
  | 'connect_timeout'
  | 'headers_timeout'
  | 'body_timeout'
  | 'deadline' // the call's overall deadline passed
  | 'aborted' // the caller's signal fired
  | 'server_error' // 5xx after retries
  | 'rate_limited' // 429 after retries
  | 'bad_response' // a 2xx whose body is not JSON
  | 'circuit_open' // repeated failures: calls fail fast until a probe succeeds (circuit.ts)
  | 'outcome_unknown'; // a write may or may not have been applied (UpstreamOutcomeUnknownError)

export class UpstreamUnavailableError extends Error {
  override readonly name: string = 'UpstreamUnavailableError';
  constructor(
    readonly reason: UnavailableReason,
    readonly route: string,
    message: string,
    /** Last HTTP status seen, if any answer arrived. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A write that may or may not have been applied upstream: the request went out and no answer settled it (the
 * connection dropped after sending, the answer was lost or unreadable, a 5xx, a timeout after sending, "request is
 * processing" until the deadline). UQPAY's CLI calls this reconcile_required. Retrying with `idempotencyKey` is the
 * safe next step: UQPAY replays the first result if it was applied and applies it once if it was not.
 */
export class UpstreamOutcomeUnknownError extends UpstreamUnavailableError {
  override readonly name = 'UpstreamOutcomeUnknownError';
  constructor(
    route: string,
    readonly method: string,
    readonly path: string,
    /** The x-idempotency-key every attempt carried; the GraphQL layer may report the client's own key instead. */
    readonly idempotencyKey: string,
    message: string,
    status?: number,
    options?: { cause?: unknown },
  ) {
    super('outcome_unknown', route, message, status, options);
  }

  /** The same error naming the key the client should retry with (its own, when the key sent was derived from it). */
  withKey(key: string): UpstreamOutcomeUnknownError {
    const { route, method, path, message, status, cause } = this;
    return new UpstreamOutcomeUnknownError(route, method, path, key, message, status, { cause });
  }
}

const TOKEN_EXPIRED = /token has expired|jwt expired|login expired|token expired/i;

/** The 401 that means "fetch a new token and retry once". */
export function isTokenExpired(err: unknown): boolean {
  return err instanceof UqpayError && err.status === 401 && TOKEN_EXPIRED.test(err.message);
}

/** UQPAY's "retry later" answer to a replay of an idempotency key whose first request is still running. */
export function isRequestProcessing(err: UqpayError): boolean {
  return err.status < 500 && err.status !== 429 && /request is processing/i.test(err.message);
}

/**
 * Not-found of the object asked for (→ null in loaders): HTTP 404 or `type: "not_found"` (UQPAY's current form: CLI
 * client tests, Go common/errors.go IsNotFound) or the older 400 `{type: card_error, code: card_not_found}`. An
 * unknown on-behalf-of account is NOT that.
 */
export function isNotFound(err: unknown): boolean {
  if (!(err instanceof UqpayError) || err.type === 'account_error') return false;
  return err.status === 404 || err.type === 'not_found' || err.code.endsWith('_not_found') || err.code === 'not_found';
}

function typeForStatus(status: number): string {
  if (status === 401 || status === 403) return 'unauthorized_error';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Parse any upstream error body: `{type, code, message}`, legacy flat `{code: <int>, message}`, the gateway's
 * `{"error": "..."}`, a 429 `{code, message}` without type, or non-JSON (an HTML error page from a proxy).
 */
export function parseUqpayError(
  status: number,
  body: string,
  route: string,
  secrets: readonly string[],
  retryAfterMs?: number,
): UqpayError {
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  let type: string | undefined;
  let code: string | undefined;
  let message: string | undefined;
  let missingFields: unknown[] | undefined;
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const o = parsed as Record<string, unknown>;
    if (Array.isArray(o.missing_fields)) missingFields = o.missing_fields.slice(0, 100);
    type = str(o.type);
    code = typeof o.code === 'number' ? String(o.code) : str(o.code);
    message = str(o.message) ?? str(o.error) ?? str(o.msg);
    if (!code && str(o.error)) code = status === 403 ? 'forbidden' : 'unauthorized';
  } else if (body) {
    message = body.length > 200 ? `${body.slice(0, 200)}…` : body;
  }
  type ??= typeForStatus(status);
  code ??= status === 403 ? 'forbidden' : `http_${status}`;
  message = redactText(message ?? `UQPAY answered HTTP ${status}`, secrets);
  const Cls = (status === 401 || status === 403) && !TOKEN_EXPIRED.test(message) ? UqpayAuthError : UqpayError;
  return new Cls(status, type, code, message, route, retryAfterMs, missingFields);
}
