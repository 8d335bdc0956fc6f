// Money as the schema shows it: {amount, currency}, built from UQPAY's separate amount and currency fields.
export interface Money {
  amount: string;
  currency: string;
}

export function money(amount: string | number | null | undefined, currency: string | null | undefined): Money | null {
  if (amount === null || amount === undefined || amount === '' || !currency) return null;
  return { amount: String(amount), currency: currency.toUpperCase() };
}

/** UQPAY's `no_pin_payment_amount` packs both into one string: "2000USD" (or "2000.50 USD"). */
export function moneyFromSuffixed(value: string | null | undefined): Money | null {
  if (!value) return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z]{3,4})\s*$/.exec(value);
  return m ? { amount: m[1]!, currency: m[2]!.toUpperCase() } : null;
}

/** A decimal string is > 0 (inputs are already plain decimals, checked by the Decimal scalar). */
export const isPositive = (value: string): boolean => !value.startsWith('-') && /[1-9]/.test(value);

/** Two decimal amounts are the same number ("25.50" and "25.5"); absent on either side counts as the same. */
export function sameAmount(a: string | number | null | undefined, b: string | number | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return true;
  const canonical = (v: string | number) => {
    let s = String(v).trim();
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
    return s.replace(/^(-?)0+(?=\d)/, '$1');
  };
  return canonical(a) === canonical(b);
}
