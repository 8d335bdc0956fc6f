import { createHash, randomInt } from 'node:crypto';

/** Appends the Luhn check digit, so every number the emulator hands out passes a real PAN check. */
export function withLuhn(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return partial + String((10 - (sum % 10)) % 10);
}

export function randomPan(bin: string): string {
  let digits = bin;
  while (digits.length < 15) digits += String(randomInt(10));
  return withLuhn(digits);
}

export const ASSIGN_BIN = '40963608';
/** the number UQPAY's Assign Card docs use; kept in the provisioned pool verbatim */
export const DOCS_ASSIGNABLE_PAN = '4096360800133951';

/** Physical cards provisioned to the program (BIN 40963608) that Assign Card may bind to a cardholder. */
export const ASSIGNABLE_PANS: readonly string[] = [
  DOCS_ASSIGNABLE_PAN,
  ...Array.from({ length: 9 }, (_, i) => withLuhn(`40963608001340${i}`)),
];

/**
 * The card's security code and expiry, derived from its number and creation time rather than stored: the emulator
 * needs them only for the PCI endpoints (`/secure`, the card-details page), and derived values need no migration.
 */
export function cvvOf(pan: string): string {
  const n = Number.parseInt(createHash('sha256').update(`cvv:${pan}`).digest('hex').slice(0, 8), 16);
  return String(n % 1000).padStart(3, '0');
}

/** MM/YY, three years after the card was created. */
export function expiryOf(createTime: number): string {
  const d = new Date(createTime);
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String((d.getUTCFullYear() + 3) % 100).padStart(2, '0')}`;
}
