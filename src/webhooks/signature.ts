// UQPAY webhook authentication: `x-wk-signature` = hex(HMAC-SHA512(secret, rawBody + x-wk-timestamp)).
// The HMAC is computed over the bytes as received: re-serialising parsed JSON would change key order or spacing
// and break the signature, so callers must pass the raw body. Likewise the timestamp is hashed exactly as the
// header carried it (milliseconds from UQPAY's Webhook Hub, seconds from older senders), never re-formatted.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** UQPAY rejects nothing older than this on its side; we refuse replays older (or further in the future) than it. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

const SHA512_HEX = /^[0-9a-fA-F]{128}$/;
const UNIX_INTEGER = /^\d{1,16}$/;
/** From here on a stamp is Unix milliseconds (UQPAY's Webhook Hub); below it, Unix seconds (older senders). */
const FIRST_MILLISECOND_STAMP = 1_000_000_000_000;

export function computeSignature(secret: string, rawBody: Uint8Array | string, timestamp: string): string {
  return createHmac('sha512', secret).update(rawBody).update(timestamp).digest('hex');
}

/** Constant-time comparison of the given hex signature against the expected one. */
export function signatureMatches(secret: string, rawBody: Uint8Array, timestamp: string, signature: string): boolean {
  // A malformed signature can be rejected early: its shape is public, only its value is secret.
  if (!SHA512_HEX.test(signature)) return false;
  const expected = createHmac('sha512', secret).update(rawBody).update(timestamp).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** `x-wk-timestamp` as epoch milliseconds: Unix milliseconds pass through, Unix seconds are scaled; else null. */
export function timestampMs(timestamp: string): number | null {
  if (!UNIX_INTEGER.test(timestamp)) return null;
  const value = Number(timestamp);
  return value >= FIRST_MILLISECOND_STAMP ? value : value * 1000;
}

/**
 * True when `timestamp` (Unix seconds or milliseconds, as UQPAY's SDKs accept both) is within `toleranceSeconds`
 * of `nowMs`, in both directions: clocks drift.
 */
export function timestampIsFresh(
  timestamp: string,
  nowMs: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  const at = timestampMs(timestamp);
  return at !== null && Math.abs(nowMs - at) <= toleranceSeconds * 1000;
}

export type VerifyResult =
  { ok: true } | { ok: false; reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' };

export function verifyWebhook(opts: {
  secret: string;
  rawBody: Uint8Array;
  timestamp: string | null;
  signature: string | null;
  nowMs: number;
  toleranceSeconds?: number;
}): VerifyResult {
  const { timestamp, signature } = opts;
  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  // Check the signature before freshness so a forged request learns nothing about our clock.
  if (!signatureMatches(opts.secret, opts.rawBody, timestamp, signature.trim()))
    return { ok: false, reason: 'bad_signature' };
  if (!timestampIsFresh(timestamp, opts.nowMs, opts.toleranceSeconds)) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}
