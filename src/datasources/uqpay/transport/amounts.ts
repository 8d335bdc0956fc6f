// Money never touches float arithmetic. UQPAY sends amounts as decimal strings ("2000.05") or, per its docs,
// as JSON numbers; both become exact decimal strings here. A JSON number parsed by JSON.parse is a double: its
// shortest round-trip repr (String(n)) equals the wire literal whenever the literal has at most 15 significant
// digits. A double that could stand for a longer literal (more than 15 digits in its repr, or ≥ 10^13, where a
// longer literal can collapse to a short repr) is not guessed at: InexactNumberError sends the client back to
// parse that answer losslessly (wire-json.ts), and the literal then arrives here as text (a LosslessNumber).
import { isLosslessNumber } from 'lossless-json';

/** An exact decimal amount as text ("2000.05"): how the gateway holds money, never a float. */
export type Decimal = string;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export class AmountFormatError extends TypeError {
  override readonly name: string = 'AmountFormatError';
}

/** A JSON number whose double may not be its literal: the caller must re-parse the answer losslessly. */
export class InexactNumberError extends AmountFormatError {
  override readonly name = 'InexactNumberError';
}

/** Below 10^13 a literal with ≤ 2 decimals has ≤ 15 significant digits, which a double always round-trips. */
const EXACT_BELOW = 1e13;

/** True when the double `n` might not be the literal it was parsed from. */
export function suspectDouble(n: number): boolean {
  return !(Math.abs(n) < EXACT_BELOW) || significantDigits(String(n)) > 15;
}

/** Expand a (possibly exponent-form) decimal literal into plain "-123.45" form, exactly, by string shifting. */
function canonical(text: string, original: unknown): Decimal {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === ''))
    throw new AmountFormatError(`not a decimal amount: ${String(original)}`);
  const sign = m[1] === '-' ? '-' : '';
  let intPart = m[2] ?? '';
  let frac = m[3] ?? '';
  const exp = m[4] ? Number(m[4]) : 0;
  if (exp > 0) {
    frac = frac.padEnd(exp, '0');
    intPart += frac.slice(0, exp);
    frac = frac.slice(exp);
  } else if (exp < 0) {
    intPart = intPart.padStart(-exp, '0');
    frac = intPart.slice(intPart.length + exp) + frac;
    intPart = intPart.slice(0, intPart.length + exp);
  }
  intPart = intPart.replace(/^0+(?=\d)/, '') || '0';
  const out = frac ? `${intPart}.${frac}` : intPart;
  return sign && /[1-9]/.test(out) ? `-${out}` : out;
}

function significantDigits(repr: string): number {
  const mantissa = repr
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '');
  return mantissa.replace(/^0+/, '').length;
}

/** One amount from the wire → exact decimal string. null/undefined/"" pass through as null/undefined. */
export function toDecimal(value: unknown): Decimal {
  if (typeof value === 'string') {
    // Fast path: what the sandbox sends.
    if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(value)) return value;
    return canonical(value.trim(), value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AmountFormatError(`not a finite amount: ${value}`);
    if (suspectDouble(value)) throw new InexactNumberError(`amount ${value} may have lost digits as a double`);
    return canonical(String(value), value);
  }
  if (typeof value === 'bigint') return value.toString();
  // A literal kept as text by the lossless parse (lossless-json's LosslessNumber).
  if (isLosslessNumber(value)) return canonical(value.value, value.value);
  throw new AmountFormatError(`not an amount: ${typeof value}`);
}

/** Normalise the named amount fields of a freshly parsed object, in place (no copies on the hot path). */
export function normaliseAmounts<T>(obj: T, fields: readonly string[]): T {
  if (obj === null || typeof obj !== 'object') return obj;
  const o = obj as Record<string, unknown>;
  for (const f of fields) {
    const v = o[f];
    if (v !== undefined && v !== null && v !== '') o[f] = toDecimal(v);
  }
  return obj;
}

/** Normalise `amount` inside each element of an array field (spending_controls, no_pin_payment_amount). */
export function normaliseAmountList(obj: unknown, field: string): void {
  if (obj === null || typeof obj !== 'object') return;
  const list = (obj as Record<string, unknown>)[field];
  if (Array.isArray(list)) for (const item of list) normaliseAmounts(item, AMOUNT);
}

const AMOUNT = ['amount'] as const;
