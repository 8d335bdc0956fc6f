// Per-request, per-account DataLoaders. The caller creates one set per (request, account), so caches can never
// cross accounts or requests. UQPAY has no bulk endpoint: a batch fans out one GET per key, with bounded
// concurrency so one wide query cannot monopolise the connection pool. Products and balances are served from
// ONE list call per loaders instance (balances: the GET list, never the POST retrieve, which is a write).
import DataLoader from 'dataloader';
import type { RequestScope, UqpayApi } from './api';
import { isNotFound } from '../transport/errors';
import { fetchAll } from './paging';
import type { Balance, Card, Cardholder, Product, Transaction, Transfer } from './types';

export interface Loaders {
  readonly scope: RequestScope;
  cardholder: DataLoader<string, Cardholder | null>;
  card: DataLoader<string, Card | null>;
  transfer: DataLoader<string, Transfer | null>;
  transaction: DataLoader<string, Transaction | null>;
  /** By product id, from one products list per loaders instance. */
  product: DataLoader<string, Product | null>;
  /** By currency (case-insensitive), from one balances list per loaders instance. */
  balance: DataLoader<string, Balance | null>;
}

/** The name the schema side imports. */
export type UqpayLoaders = Loaders;

export const DEFAULT_LOADER_CONCURRENCY = 8;

/** A key's result as a batch reports it: not-found → null, other failures → an Error. */
const failed = (err: unknown): null | Error =>
  isNotFound(err) ? null : err instanceof Error ? err : new Error(String(err));

/** Run `fn` over `keys` with at most `limit` in flight; not-found → null, other failures → that key's Error. */
export async function mapBounded<V>(
  keys: readonly string[],
  limit: number,
  fn: (key: string) => Promise<V>,
): Promise<(V | null | Error)[]> {
  const out = new Array<V | null | Error>(keys.length);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const i = next++;
      try {
        out[i] = await fn(keys[i]!);
      } catch (err) {
        out[i] = failed(err);
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let w = Math.min(Math.max(1, limit), keys.length); w > 0; w--) workers.push(worker());
  await Promise.all(workers);
  return out;
}

export interface LoaderOptions {
  concurrency?: number;
  /** Each batch's size, by loader name (the gateway's loader batch-size metric). */
  onBatch?(loader: string, size: number): void;
}

/**
 * One GET per key. A batch of one key (the common case: one object per field per tick) is one call, without the
 * bounded fan-out's workers.
 */
function byId<V>(name: string, fetch: (id: string) => Promise<V>, opts: LoaderOptions, limit: number) {
  return new DataLoader<string, V | null>((ids) => {
    opts.onBatch?.(name, ids.length);
    if (ids.length === 1) {
      let call: Promise<V>;
      try {
        call = fetch(ids[0]!);
      } catch (err) {
        return Promise.resolve([failed(err)]);
      }
      return call.then(
        (v) => [v],
        (err: unknown) => [failed(err)],
      );
    }
    return mapBounded(ids, limit, fetch);
  });
}

/** One list call (all its pages) per loaders instance, shared by every key of every batch. */
function fromList<T>(
  name: string,
  list: () => Promise<T[]>,
  keyOf: (item: T) => string,
  norm: (k: string) => string,
  opts: LoaderOptions,
) {
  let all: Promise<Map<string, T>> | undefined;
  return new DataLoader<string, T | null>(
    async (keys) => {
      opts.onBatch?.(name, keys.length);
      all ??= list().then((items) => new Map(items.map((x) => [norm(keyOf(x)), x])));
      try {
        const map = await all;
        return keys.map((k) => map.get(k) ?? null);
      } catch (err) {
        all = undefined; // a failed list is not cached beyond this batch
        return keys.map(() => err as Error);
      }
    },
    { cacheKeyFn: norm },
  );
}

const same = (k: string) => k;
const upper = (k: string) => k.toUpperCase();
const productId = (p: Product) => p.product_id;
const currencyOf = (b: Balance) => b.currency;

/**
 * The loaders of one (request, account). Each DataLoader is created on first use: a request reads one or two
 * kinds of object, and six loaders (each with its cache Map) per request and account were most of a request
 * context's allocation.
 */
class RequestLoaders implements Loaders {
  private readonly limit: number;
  private _cardholder?: DataLoader<string, Cardholder | null>;
  private _card?: DataLoader<string, Card | null>;
  private _transfer?: DataLoader<string, Transfer | null>;
  private _transaction?: DataLoader<string, Transaction | null>;
  private _product?: DataLoader<string, Product | null>;
  private _balance?: DataLoader<string, Balance | null>;

  constructor(
    private readonly api: UqpayApi,
    readonly scope: RequestScope,
    private readonly opts: LoaderOptions,
  ) {
    this.limit = opts.concurrency || DEFAULT_LOADER_CONCURRENCY;
  }

  get cardholder(): DataLoader<string, Cardholder | null> {
    return (this._cardholder ??= byId(
      'cardholder',
      (id) => this.api.cardholders.retrieve(this.scope, id),
      this.opts,
      this.limit,
    ));
  }

  get card(): DataLoader<string, Card | null> {
    return (this._card ??= byId(
      'card',
      async (id) => {
        const c = await this.api.cards.retrieve(this.scope, id);
        // The card embeds its cardholder: `card { cardholder }` then costs no Retrieve Cardholder.
        if (c?.cardholder?.cardholder_id) this.cardholder.prime(c.cardholder.cardholder_id, c.cardholder);
        return c;
      },
      this.opts,
      this.limit,
    ));
  }

  get transfer(): DataLoader<string, Transfer | null> {
    return (this._transfer ??= byId(
      'transfer',
      (id) => this.api.transfers.retrieve(this.scope, id),
      this.opts,
      this.limit,
    ));
  }

  get transaction(): DataLoader<string, Transaction | null> {
    return (this._transaction ??= byId(
      'transaction',
      (id) => this.api.transactions.retrieve(this.scope, id),
      this.opts,
      this.limit,
    ));
  }

  get product(): DataLoader<string, Product | null> {
    return (this._product ??= fromList(
      'product',
      () => fetchAll((q) => this.api.products.list(this.scope, q)),
      productId,
      same,
      this.opts,
    ));
  }

  get balance(): DataLoader<string, Balance | null> {
    return (this._balance ??= fromList(
      'balance',
      () => fetchAll((q) => this.api.balances.list(this.scope, q)),
      currencyOf,
      upper,
      this.opts,
    ));
  }
}

export function createLoaders(api: UqpayApi, scope: RequestScope, opts: LoaderOptions = {}): Loaders {
  return new RequestLoaders(api, scope, opts);
}

/** Prime `card` and the embedded `cardholder` from a list result (or any cards UQPAY already returned). */
export function primeCards(loaders: Loaders, cards: readonly Card[]): void {
  for (const c of cards) {
    loaders.card.prime(c.card_id, c);
    if (c.cardholder?.cardholder_id) loaders.cardholder.prime(c.cardholder.cardholder_id, c.cardholder);
  }
}

export function primeCardholders(loaders: Loaders, cardholders: readonly Cardholder[]): void {
  for (const h of cardholders) loaders.cardholder.prime(h.cardholder_id, h);
}
