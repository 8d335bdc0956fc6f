// Error-shape parsing and redaction, as pure functions (the HTTP tests prove the same over real sockets).
import { describe, expect, it } from 'vitest';
import {
  UqpayAuthError,
  UqpayError,
  isNotFound,
  isRequestProcessing,
  isTokenExpired,
  parseUqpayError,
} from '../../src/datasources/uqpay/transport/errors';
import { backoffDelay, finalError, retryReason } from '../../src/datasources/uqpay/transport/retry';
import { UpstreamUnavailableError } from '../../src/datasources/uqpay/transport/errors';

const R = 'GET /v1/issuing/cards/{id}';
const KEY = 'sk_live_0123456789abcdef';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJhY2NvdW50X2lkIjoiYSJ9.c2lnbmF0dXJl';

describe('parseUqpayError', () => {
  it('parses {type, code, message}', () => {
    const e = parseUqpayError(400, '{"type":"card_error","code":"card_not_found","message":"card not found"}', R, []);
    expect(e).toBeInstanceOf(UqpayError);
    expect(e).toMatchObject({
      status: 400,
      type: 'card_error',
      code: 'card_not_found',
      message: 'card not found',
      route: R,
    });
    expect(isNotFound(e)).toBe(true);
  });
  it('parses the legacy flat {code:<int>, message}', () => {
    const e = parseUqpayError(400, '{"code":100023,"message":"parameter error"}', R, []);
    expect(e).toMatchObject({ status: 400, type: 'invalid_request_error', code: '100023', message: 'parameter error' });
  });
  it('parses the gateway 401 {"error": "..."} as an auth error', () => {
    const e = parseUqpayError(401, '{"error":"invalid credentials"}', R, []);
    expect(e).toBeInstanceOf(UqpayAuthError);
    expect(e).toMatchObject({
      status: 401,
      type: 'unauthorized_error',
      code: 'unauthorized',
      message: 'invalid credentials',
    });
  });
  it('an expired-token 401 is NOT an auth error: it is refreshed', () => {
    const e = parseUqpayError(
      401,
      '{"type":"unauthorized_error","code":"unauthorized","message":"jwt expired"}',
      R,
      [],
    );
    expect(e).not.toBeInstanceOf(UqpayAuthError);
    expect(isTokenExpired(e)).toBe(true);
    expect(retryReason(e)?.reason).toBe('token_expired');
    expect(finalError(e, R)).toBeInstanceOf(UqpayAuthError);
  });
  it('403, 429 without type, non-JSON bodies', () => {
    expect(
      parseUqpayError(403, '{"type":"unauthorized_error","code":"forbidden","message":"no"}', R, []),
    ).toBeInstanceOf(UqpayAuthError);
    const rl = parseUqpayError(429, '{"code":"too_many_requests","message":"slow down"}', R, [], 1500);
    expect(rl).toMatchObject({ type: 'rate_limit_error', code: 'too_many_requests', retryAfterMs: 1500 });
    expect(retryReason(rl)).toEqual({ reason: 'rate_limited', minDelayMs: 1500 });
    const html = parseUqpayError(502, '<html>bad gateway</html>', R, []);
    expect(html).toMatchObject({ status: 502, type: 'api_error', code: 'http_502' });
    expect(finalError(html, R)).toBeInstanceOf(UpstreamUnavailableError);
  });
  it('"request is processing" is retryable, business errors are not', () => {
    const p = parseUqpayError(
      400,
      '{"type":"idempotency_error","code":"request_processing","message":"the request is processing, retry later"}',
      R,
      [],
    );
    expect(isRequestProcessing(p)).toBe(true);
    expect(retryReason(p)?.reason).toBe('processing');
    const biz = parseUqpayError(400, '{"type":"card_error","code":"insufficient_balance","message":"no money"}', R, []);
    expect(retryReason(biz)).toBeUndefined();
    expect(
      isNotFound(parseUqpayError(400, '{"type":"account_error","code":"sub_account_not_found","message":"x"}', R, [])),
    ).toBe(false);
  });
  it('scrubs PANs, tokens and the API key from messages', () => {
    const e = parseUqpayError(
      400,
      JSON.stringify({
        type: 'card_error',
        code: 'invalid_number',
        message: `card 4111 1111 1111 1111 bad; key ${KEY}; token Bearer ${JWT}; raw ${JWT}`,
      }),
      R,
      [KEY, JWT],
    );
    expect(e.message).not.toMatch(/4111 1111 1111 1111|4111111111111111/);
    expect(e.message).toContain('1111');
    expect(e.message).not.toContain(KEY);
    expect(e.message).not.toContain(JWT);
  });
  it('keeps UUIDs (UQPAY ids) intact while masking PANs', () => {
    const e = parseUqpayError(
      400,
      '{"type":"card_error","code":"card_not_found","message":"card ca000000-0000-4000-8000-000000000001 not found"}',
      R,
      [],
    );
    expect(e.message).toBe('card ca000000-0000-4000-8000-000000000001 not found');
  });
  it('full-jitter backoff stays within its cap', () => {
    const p = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, { ...p, random: () => 0.999 })).toBeLessThan(100);
    expect(backoffDelay(3, { ...p, random: () => 0.999 })).toBeLessThan(400);
    expect(backoffDelay(10, { ...p, random: () => 0.999 })).toBeLessThan(1000);
    expect(backoffDelay(10, { ...p, random: () => 0 })).toBe(0);
  });
});
