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
        out[i] = isNotFound(err) ? null : err instanceof Error ? err : new Error(String(err));
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

export function createLoaders(api: UqpayApi, scope: RequestScope, opts: LoaderOptions = {}): Loaders {
  const limit = opts.concurrency || DEFAULT_LOADER_CONCURRENCY;
  const byId = <V>(name: string, fetch: (id: string) => Promise<V>) =>
    new DataLoader<string, V | null>((ids) => {
      opts.onBatch?.(name, ids.length);
      return mapBounded(ids, limit, fetch);
    });

  const cardholder = byId('cardholder', (id) => api.cardholders.retrieve(scope, id));
  const card = byId('card', async (id) => {
    const c = await api.cards.retrieve(scope, id);
    // The card embeds its cardholder: `card { cardholder }` then costs no Retrieve Cardholder.
    if (c?.cardholder?.cardholder_id) cardholder.prime(c.cardholder.cardholder_id, c.cardholder);
    return c;
  });

  // One list call (all its pages) per loaders instance, shared by every key of every batch.
  const fromList = <T>(
    name: string,
    list: () => Promise<T[]>,
    keyOf: (item: T) => string,
    norm: (k: string) => string,
  ) => {
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
  };
  const same = (k: string) => k;
  const upper = (k: string) => k.toUpperCase();

  return {
    scope,
    cardholder,
    card,
    transfer: byId('transfer', (id) => api.transfers.retrieve(scope, id)),
    transaction: byId('transaction', (id) => api.transactions.retrieve(scope, id)),
    product: fromList(
      'product',
      () => fetchAll((q) => api.products.list(scope, q)),
      (p) => p.product_id,
      same,
    ),
    balance: fromList(
      'balance',
      () => fetchAll((q) => api.balances.list(scope, q)),
      (b) => b.currency,
      upper,
    ),
  };
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
