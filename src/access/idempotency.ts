// The gateway's own record of idempotency keys. UQPAY replays a key's first answer when the same key comes back
// with the same body on the same route template, so the same key on `rechargeCard` for card A and then card B
// (same amount: same body) would replay A's order and look like B's success. The gateway therefore keeps, per
// client and key, what the key was first used for (acting account, operation, and a keyed hash of the
// normalised input) for 24 h, and refuses a different request under it before any upstream call.
//
// Keys are scoped per API client: a client's key is recorded under its own name, and the key sent to UQPAY is
// derived from (client, key), so one client can neither probe another's keys nor collide with them upstream
// (UQPAY scopes keys by account only, and two clients may act for the same account).
import { createHash, createHmac } from 'node:crypto';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Records kept by the in-memory store (no REDIS_URL); the oldest go first beyond it. */
export const MEMORY_LEDGER_MAX = 50_000;

export interface IdempotencyRequest {
  /** The API client's name (`explorer` in open explorer mode). */
  caller: string;
  /** The account the request acts for (`master` for the master account). */
  account: string;
  /** The mutation, e.g. `rechargeCard`. */
  operation: string;
  /** The client's idempotencyKey. */
  key: string;
  /** The validated, normalised input without its idempotencyKey. */
  input: unknown;
}

export type IdempotencyClaim =
  /** First use (`new`) or a genuine replay (`replay`): send `upstreamKey` to UQPAY. */
  | { kind: 'new' | 'replay'; upstreamKey: string }
  /** The key was first used for a different request. */
  | { kind: 'reused'; first: { operation: string; account: string } };

/** Where records live: memory (one replica) or Redis (all replicas). */
export interface LedgerStore {
  readonly kind: 'memory' | 'redis';
  /** Stores `record` under `id` unless one is there; returns the record that was there, if any. */
  putIfAbsent(id: string, record: string, ttlMs: number): Promise<string | undefined>;
  close?(): Promise<void>;
}

export interface IdempotencyLedger {
  /** Money-moving mutations need a key (GATEWAY_REQUIRE_IDEMPOTENCY_KEY). */
  readonly required: boolean;
  readonly store: LedgerStore['kind'];
  claim(req: IdempotencyRequest): Promise<IdempotencyClaim>;
}

interface StoredRecord {
  caller: string;
  account: string;
  operation: string;
  /** HMAC of the normalised input: a card number in an input never reaches the store in a guessable form. */
  input: string;
}

/** Bounded, expiring records for one process: insertion-ordered, so the oldest are evicted first. */
export class MemoryLedgerStore implements LedgerStore {
  readonly kind = 'memory';
  private readonly records = new Map<string, { record: string; expiresAt: number }>();
  constructor(
    private readonly max = MEMORY_LEDGER_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  async putIfAbsent(id: string, record: string, ttlMs: number): Promise<string | undefined> {
    return this.putIfAbsentSync(id, record, ttlMs);
  }

  putIfAbsentSync(id: string, record: string, ttlMs: number): string | undefined {
    const now = this.now();
    const hit = this.records.get(id);
    if (hit && hit.expiresAt > now) return hit.record;
    if (hit) this.records.delete(id);
    this.records.set(id, { record, expiresAt: now + ttlMs });
    while (this.records.size > this.max) {
      const oldest = this.records.keys().next().value as string;
      this.records.delete(oldest);
    }
    return undefined;
  }

  get size(): number {
    return this.records.size;
  }
}

/** Key order never makes two identical inputs look different. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A UUID-shaped key from a hash (UQPAY takes any key up to 64 characters; a UUID suits every version). */
function uuidFrom(hex: string): string {
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${variant}${hex.slice(17, 32)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The key UQPAY sees for a client's key: derived from (client, key), so two clients sending the same key never meet
 * upstream, and deterministic, so every replica and every retry of the client sends the same one.
 */
export function upstreamIdempotencyKey(caller: string, key: string): string {
  return uuidFrom(
    createHash('sha256').update(`uqpay-gateway idempotency\n${caller}\n${key.toLowerCase()}`).digest('hex'),
  );
}

export interface LedgerOptions {
  required: boolean;
  store: LedgerStore;
  /** Keys the input hashes (see IdempotencyConfig.secret). */
  secret: string;
}

export function createIdempotencyLedger(opts: LedgerOptions): IdempotencyLedger {
  const hmac = (text: string) => createHmac('sha256', opts.secret).update(text).digest('hex');
  return {
    required: opts.required,
    store: opts.store.kind,
    async claim(req) {
      const scoped = `${req.caller}\n${req.key.toLowerCase()}`;
      const id = createHash('sha256').update(scoped).digest('hex');
      const upstreamKey = upstreamIdempotencyKey(req.caller, req.key);
      const mine: StoredRecord = {
        caller: req.caller,
        account: req.account,
        operation: req.operation,
        input: hmac(canonicalJson(req.input)),
      };
      const existing = await opts.store.putIfAbsent(id, JSON.stringify(mine), IDEMPOTENCY_TTL_MS);
      if (existing === undefined) return { kind: 'new', upstreamKey };
      let first: StoredRecord;
      try {
        first = JSON.parse(existing) as StoredRecord;
      } catch {
        return { kind: 'reused', first: { operation: 'unknown', account: 'unknown' } };
      }
      const same =
        first.caller === mine.caller &&
        first.account === mine.account &&
        first.operation === mine.operation &&
        first.input === mine.input;
      if (same) return { kind: 'replay', upstreamKey };
      return { kind: 'reused', first: { operation: first.operation, account: first.account } };
    },
  };
}

/** The secret for input hashes: the configured one, else one derived from the UQPAY API key (same on every replica). */
export function ledgerSecret(configured: string | undefined, uqpayApiKey: string): string {
  if (configured) return configured;
  return createHash('sha256').update(`uqpay-gateway idempotency fingerprints\n${uqpayApiKey}`).digest('hex');
}
