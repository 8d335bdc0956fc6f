// JSON to and from UQPAY with amounts that never pass through a float.
//
// Out: every UQPAY SDK sends amounts as JSON numbers (Go float64, Node `number`, the CLI coerces them). Inside the
// gateway an amount is a decimal string ("500.10"); the request body marks which fields are amounts, and those
// strings are written as the same digits without quotes (`"amount":500.10`), via lossless-json's writer, so
// "1234567890123.45" arrives as 1234567890123.45 and never as the nearest double.
//
// In: answers are parsed with the native JSON.parse (the hot path). A JSON number only loses digits when its literal
// has more significant digits than a double keeps; amounts.ts flags every amount whose double could be such a case,
// and only then is the body parsed again, losslessly, so those literals reach the amount normaliser as text.
import {
  LosslessNumber,
  isLosslessNumber,
  parse as parseLossless,
  stringify as stringifyLossless,
} from 'lossless-json';
import { AmountFormatError, suspectDouble } from './amounts';

/** Where the amounts are in a request body: `{ amount: true }`, `{ spending_controls: { each: { amount: true } } }`. */
export interface AmountSpec {
  readonly [field: string]: true | AmountSpec | { readonly each: AmountSpec };
}

/** `['card_limit', 'spending_controls[].amount']` → an AmountSpec. Built once per route, at module load. */
export function amountSpec(paths: readonly string[]): AmountSpec {
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    let node = root;
    const parts = path.split('.');
    parts.forEach((part, i) => {
      const list = part.endsWith('[]');
      const name = list ? part.slice(0, -2) : part;
      if (i === parts.length - 1 && !list) {
        node[name] = true;
        return;
      }
      if (list) {
        const holder = (node[name] ??= { each: {} }) as { each: Record<string, unknown> };
        node = holder.each;
      } else node = (node[name] ??= {}) as Record<string, unknown>;
    });
  }
  return root as AmountSpec;
}

const PLAIN_DECIMAL = /^(-?)0*(\d+)(\.\d+)?$/;

/** A decimal string → the JSON number literal with exactly its digits ("007.50" → "7.50"). */
export function numberLiteral(decimal: string): string {
  const m = PLAIN_DECIMAL.exec(decimal);
  if (!m) throw new AmountFormatError(`not a plain decimal amount: ${JSON.stringify(decimal)}`);
  return `${m[1]}${m[2]}${m[3] ?? ''}`;
}

/** A copy of `value` with the amount strings `spec` names replaced by exact number literals (the rest shared). */
function withNumbers(value: unknown, spec: AmountSpec): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(spec)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || v === null) continue;
    const s = spec[key]!;
    let next: unknown;
    if (s === true) next = typeof v === 'string' ? new LosslessNumber(numberLiteral(v)) : v;
    else if ('each' in s) next = Array.isArray(v) ? v.map((item) => withNumbers(item, s.each as AmountSpec)) : v;
    else next = withNumbers(v, s);
    if (next !== v) (out ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return out ?? value;
}

/** The request body as UQPAY expects it: the amounts `spec` names as JSON numbers, written digit for digit. */
export function encodeBody(body: unknown, spec?: AmountSpec): string {
  return spec ? (stringifyLossless(withNumbers(body, spec)) ?? 'null') : JSON.stringify(body);
}

/** Literals a double cannot be trusted with stay text (LosslessNumber); the rest become plain numbers. */
const exactNumber = (literal: string): unknown => {
  const n = Number(literal);
  return suspectDouble(n) ? new LosslessNumber(literal) : n;
};

/** Parse an answer keeping every numeric literal a double could misread as its text (the rare, slow path). */
export function parseExact(text: string): unknown {
  return parseLossless(text, undefined, {
    parseNumber: exactNumber,
    // JSON.parse keeps the last of duplicate keys; do the same rather than throw.
    onDuplicateKey: ({ newValue }) => newValue,
  });
}

/** After the amounts took their text: any other long literal becomes a plain number, as JSON.parse makes it. */
export function settleNumbers(value: unknown): unknown {
  if (isLosslessNumber(value)) return Number(value.value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = settleNumbers(value[i]);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = settleNumbers(o[k]);
  }
  return value;
}
