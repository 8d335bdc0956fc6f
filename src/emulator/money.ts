// Money is integer cents in BigInt everywhere inside the emulator: UQPAY amounts carry two decimals and
// the ledger invariants (balances + card funds conserved) must hold exactly, which floats cannot promise.
export type Cents = bigint;

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

/** A non-negative decimal with at most two fraction digits, given as a JSON string or number; null if not. */
export function parseCents(value: unknown): Cents | null {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  // String(n) of a JSON number gives its shortest round-trip form, so 0.1 stays "0.1" and 1e-7 is refused.
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return null;
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const whole = BigInt(m[1] ?? '0');
  const frac = BigInt((m[2] ?? '').padEnd(2, '0') || '0');
  return whole * 100n + frac;
}

export function formatCents(c: Cents): string {
  const sign = c < 0n ? '-' : '';
  const abs = c < 0n ? -c : c;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export type AmountFormat = 'string' | 'number';

/** UQPAY's docs show numbers while the sandbox sends decimal strings; the emulator speaks either. */
export function amountOnWire(c: Cents, format: AmountFormat): string | number {
  return format === 'number' ? Number(formatCents(c)) : formatCents(c);
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}
