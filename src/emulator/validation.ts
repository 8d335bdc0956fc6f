import { isLosslessNumber } from 'lossless-json';
import { COUNTRY_CODES } from './countries';
import { badRequest, invalidField, missingField } from './errors';
import { parseCents, type Cents } from './money';

type Obj = Record<string, unknown>;

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** 3–4 upper-case letters: UQPAY's XUSD is not ISO 4217 but is a currency here. */
const CURRENCY_RE = /^[A-Z]{3,4}$/;

const isObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isLosslessNumber(v);

/** 'strict': request amounts must be JSON numbers (every UQPAY SDK sends them so); 'lenient': numbers or strings. */
export type AmountInput = 'strict' | 'lenient';

/**
 * The body must be a JSON object; an absent body reads as {} so "field is required" names the field. UQPAY routes
 * pass the emulator's amountInput; the /__emulator controls keep accepting decimal strings.
 */
export function bodyObject(body: unknown, amountInput: AmountInput = 'lenient'): Fields {
  if (body === undefined || body === null) return new Fields({}, '', amountInput);
  if (!isObject(body)) throw badRequest('invalid_request_error', 'invalid_parameter', 'body must be a JSON object');
  return new Fields(body, '', amountInput);
}

interface Req {
  required?: boolean;
}

/**
 * Reads one JSON object field by field; every error message starts with the dotted field path so callers
 * (and the gateway's userErrors) can point at the field. Absent and null both count as "not given".
 */
export class Fields {
  constructor(
    readonly raw: Obj,
    private readonly prefix = '',
    private readonly amountInput: AmountInput = 'lenient',
  ) {}

  path(key: string): string {
    return this.prefix ? `${this.prefix}.${key}` : key;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  private present(key: string, opts: Req): unknown {
    const v = this.raw[key];
    if (v === undefined || v === null) {
      if (opts.required) throw missingField(this.path(key));
      return undefined;
    }
    return v;
  }

  string(key: string, opts: Req & { min?: number; max?: number } = {}): string | undefined {
    const v = this.present(key, opts);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw invalidField(this.path(key), 'must be a string');
    const min = opts.min ?? (opts.required ? 1 : 0);
    if (v.length < min)
      throw opts.required && v.length === 0
        ? missingField(this.path(key))
        : invalidField(this.path(key), `must be at least ${min} characters`);
    if (opts.max !== undefined && v.length > opts.max)
      throw invalidField(this.path(key), `must be at most ${opts.max} characters`);
    return v;
  }

  enum<T extends string>(key: string, values: readonly T[], opts: Req = {}): T | undefined {
    const v = this.present(key, opts);
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      throw invalidField(this.path(key), `must be one of ${values.join(', ')}`);
    }
    return v as T;
  }

  /**
   * Amounts: a JSON number (read from its literal, see server.ts) or, when lenient, a decimal string; at most two
   * decimals; > 0 unless allowZero.
   */
  amount(key: string, opts: Req & { allowZero?: boolean } = {}): Cents | undefined {
    const v = this.present(key, opts);
    if (v === undefined) return undefined;
    if (typeof v === 'string' && this.amountInput === 'strict') {
      throw invalidField(this.path(key), 'must be a JSON number (e.g. 500.10), not a string');
    }
    const cents = parseCents(isLosslessNumber(v) ? v.value : v);
    if (cents === null)
      throw invalidField(this.path(key), 'must be a non-negative decimal amount with at most 2 decimal places');
    if (cents === 0n && !opts.allowZero) throw invalidField(this.path(key), 'must be greater than 0');
    return cents;
  }

  uuid(key: string, opts: Req = {}): string | undefined {
    const v = this.string(key, opts);
    if (v !== undefined && !UUID_RE.test(v)) throw invalidField(this.path(key), 'must be a UUID');
    return v?.toLowerCase();
  }

  country(key: string, opts: Req = {}): string | undefined {
    const v = this.string(key, opts);
    if (v !== undefined && !COUNTRY_CODES.has(v))
      throw invalidField(this.path(key), 'must be an ISO 3166-1 alpha-2 country code');
    return v;
  }

  /** A currency code (see CURRENCY_RE). */
  currency(key: string, opts: Req = {}): string | undefined {
    const v = this.string(key, opts);
    if (v !== undefined && !CURRENCY_RE.test(v)) {
      throw invalidField(this.path(key), 'must be a 3-4 letter upper-case currency code');
    }
    return v;
  }

  email(key: string, opts: Req = {}): string | undefined {
    const v = this.string(key, { ...opts, max: 100 });
    if (v !== undefined && !EMAIL_RE.test(v)) throw invalidField(this.path(key), 'must be a valid email address');
    return v;
  }

  /** yyyy-mm-dd that exists on the calendar and is not in the future. */
  date(key: string, opts: Req = {}): string | undefined {
    const v = this.string(key, opts);
    if (v === undefined) return undefined;
    const m = DATE_RE.exec(v);
    const d = new Date(`${v}T00:00:00Z`);
    if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
      throw invalidField(this.path(key), 'must be a date in yyyy-mm-dd format');
    }
    if (d.getTime() > Date.now()) throw invalidField(this.path(key), 'must not be in the future');
    return v;
  }

  /** An ISO 8601 / RFC 3339 timestamp → epoch ms. */
  timestamp(key: string, opts: Req = {}): number | undefined {
    const v = this.string(key, opts);
    if (v === undefined) return undefined;
    const ms = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)
      ? Date.parse(v)
      : NaN;
    if (Number.isNaN(ms)) throw invalidField(this.path(key), 'must be an ISO 8601 timestamp');
    return ms;
  }

  boolean(key: string, opts: Req = {}): boolean | undefined {
    const v = this.present(key, opts);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw invalidField(this.path(key), 'must be a boolean');
    return v;
  }

  integer(key: string, opts: Req & { min?: number; max?: number } = {}): number | undefined {
    const v = this.present(key, opts);
    if (v === undefined) return undefined;
    const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidField(this.path(key), 'must be an integer');
    if (opts.min !== undefined && n < opts.min) throw invalidField(this.path(key), `must be at least ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) throw invalidField(this.path(key), `must be at most ${opts.max}`);
    return n;
  }

  object(key: string, opts: Req = {}): Fields | undefined {
    const v = this.present(key, opts);
    if (v === undefined) return undefined;
    if (!isObject(v)) throw invalidField(this.path(key), 'must be an object');
    return new Fields(v, this.path(key), this.amountInput);
  }

  array(key: string, opts: Req = {}): Fields[] | undefined {
    const v = this.present(key, opts);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw invalidField(this.path(key), 'must be an array');
    return v.map((item, i) => {
      if (!isObject(item)) throw invalidField(`${this.path(key)}[${i}]`, 'must be an object');
      return new Fields(item, `${this.path(key)}[${i}]`, this.amountInput);
    });
  }

  stringArray(key: string, opts: Req & { pattern?: RegExp; what?: string } = {}): string[] | undefined {
    const v = this.present(key, opts);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw invalidField(this.path(key), 'must be an array of strings');
    return v.map((item, i) => {
      if (typeof item !== 'string' || (opts.pattern && !opts.pattern.test(item))) {
        throw invalidField(`${this.path(key)}[${i}]`, `must be ${opts.what ?? 'a string'}`);
      }
      return item;
    });
  }

  /** Free-form JSON object limited to `maxBytes` of UTF-8 when serialised (UQPAY: metadata ≤ 3200 bytes). */
  jsonObject(key: string, maxBytes: number): Obj | undefined {
    const v = this.present(key, {});
    if (v === undefined) return undefined;
    if (!isObject(v)) throw invalidField(this.path(key), 'must be a JSON object');
    // Numbers kept as literals by the exact parse are stored as JSON numbers, as any JSON store would.
    const plain = JSON.parse(JSON.stringify(v, (_k, x: unknown) => (isLosslessNumber(x) ? Number(x.value) : x))) as Obj;
    if (Buffer.byteLength(JSON.stringify(plain), 'utf8') > maxBytes) {
      throw invalidField(this.path(key), `must be at most ${maxBytes} bytes`);
    }
    return plain;
  }
}

export interface Paging {
  pageNumber: number;
  pageSize: number;
}

export function paging(query: Obj): Paging {
  const q = new Fields(query);
  return {
    pageNumber: q.integer('page_number', { min: 1 }) ?? 1,
    pageSize: q.integer('page_size', { min: 10, max: 100 }) ?? 10,
  };
}

export interface Page<T> {
  total_pages: number;
  total_items: number;
  data: T[];
}

export function page<T, U>(items: readonly T[], p: Paging, view: (item: T) => U): Page<U> {
  const start = (p.pageNumber - 1) * p.pageSize;
  return {
    total_pages: Math.ceil(items.length / p.pageSize),
    total_items: items.length,
    data: items.slice(start, start + p.pageSize).map(view),
  };
}
