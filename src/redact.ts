// Secrets never leave the process: card numbers, API keys, tokens and webhook secrets are scrubbed from any
// text (error messages, logged upstream bodies) and from structured log fields.

// 13–19 digit runs, optionally grouped by spaces or dashes: PAN-shaped. Keep the last four for support work.
// Bounded by "no digit" rather than a word boundary, so a PAN glued to letters (`Q4096…`, `card_4096…`) is
// caught too.
const PAN = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g;
// UUIDs (every UQPAY id) can hold dash-grouped digit runs that look PAN-shaped ("…-4000-8000-000000000001"):
// matched first, as a whole, and left alone.
const UUID_OR_PAN = new RegExp(
  `(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])|${PAN.source}`,
  'gi',
);
const isUuid = (m: string) => m.length === 36 && m[8] === '-' && m[13] === '-';
// JWTs (three base64url segments) and `Bearer <token>` values.
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const BEARER = /\b(Bearer\s+)[\w.~+/=-]+/gi;

export function maskPan(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 4 ? `************${digits.slice(-4)}` : '****';
}

/** PAN-shaped digit runs masked (last four kept); UUIDs untouched. */
export function maskPans(text: string): string {
  return text.replace(UUID_OR_PAN, (m) => (isUuid(m) ? m : maskPan(m)));
}

/** Whether the text holds a PAN-shaped digit run (a UUID's digits do not count). */
export function containsPan(text: string): boolean {
  return maskPans(text) !== text;
}

/**
 * A card number as UQPAY masks it (`************5668`, `40963608****4306`), re-masked if it is not: 13 or more
 * digits showing is a full number, whatever the upstream sent, and is never passed on.
 */
export function ensureMaskedPan(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return (value.match(/\d/g)?.length ?? 0) >= 13 ? maskPan(value) : value;
}

/** Scrub PAN-shaped numbers, JWTs and bearer credentials, plus any known secret values, from free text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = maskPans(text.replace(JWT, '[REDACTED_TOKEN]').replace(BEARER, '$1[REDACTED]'));
  for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join('[REDACTED]');
  return out;
}

// Error messages quote what the client sent ("got invalid value …", "Value is not a valid UUID: …"). A quoted
// string or a bare run longer than QUOTE_MAX keeps its first QUOTE_KEEP characters; the whole message is capped.
const QUOTE_MAX = 48;
const QUOTE_KEEP = 24;
const MESSAGE_MAX = 300;
// Every quoted string, in order (so a closing quote is never taken for an opening one); only long ones change.
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;
const LONG_RUN = new RegExp(`[^\\s"]{${QUOTE_MAX + 1},}`, 'g');
const DIGITS_13 = /\d(?:[ -]?\d){12}/;

/**
 * An error message safe to return: card numbers masked, tokens removed, long echoes of the input shortened.
 * Messages the gateway wrote itself pass unchanged (short, no long quotes, no PAN-shaped runs).
 */
export function redactErrorMessage(message: string): string {
  if (message.length <= QUOTE_MAX && !DIGITS_13.test(message)) return message;
  let out = redactText(message);
  if (out.length <= QUOTE_MAX) return out;
  out = out
    .replace(QUOTED, (m, inner: string) => (inner.length > QUOTE_MAX ? `"${inner.slice(0, QUOTE_KEEP)}…"` : m))
    .replace(LONG_RUN, (run) => `${run.slice(0, QUOTE_KEEP)}…`);
  return out.length > MESSAGE_MAX ? `${out.slice(0, MESSAGE_MAX)}…` : out;
}

/** Structured log paths pino must censor (headers and bodies that can carry secrets). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-auth-token"]',
  'req.headers["x-wk-signature"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-auth-token"]',
  '*.card_number',
  '*.cardNumber',
  'card_number',
  'cardNumber',
  '*.auth_token',
  'auth_token',
  // Card-details tokens (single use, 60 s) open the card's number and CVV: never logged either.
  '*.token',
  'token',
  '*.apiKey',
  'apiKey',
  '*.secret',
  'secret',
  'webhookSecret',
  '*.webhookSecret',
];
