// Issuing balances and their ledger. Note `retrieve` is a POST (UQPAY's design) and so carries an idempotency
// key; loaders read balances from the GET list instead.
import { normaliseAmounts } from '../transport/amounts';
import { pageOf, qs, type Caller, type WriteOptions } from './caller';
import type { RequestScope } from '../transport/pipeline';
import type { Balance, LedgerEntry, Page, PageQuery } from './types';

export const BALANCE_ROUTES = {
  list: 'GET /v1/issuing/balances',
  retrieve: 'POST /v1/issuing/balances',
  ledger: 'GET /v1/issuing/balances/transactions',
} as const;

const BALANCE_AMOUNTS = ['available_balance', 'margin_balance', 'frozen_balance'] as const;
const LEDGER_AMOUNTS = ['amount', 'ending_balance'] as const;

export const normaliseBalance = (b: unknown): void => void normaliseAmounts(b, BALANCE_AMOUNTS);
export const normaliseLedgerEntry = (e: unknown): void => void normaliseAmounts(e, LEDGER_AMOUNTS);
const normaliseBalancePage = pageOf(normaliseBalance);
const normaliseLedgerPage = pageOf(normaliseLedgerEntry);

/** Retrieve Balance is a POST that changes nothing: retried like a read, never an unknown-outcome write. */
const READ_ONLY = { readOnly: true };

export interface BalancesApi {
  list(scope: RequestScope, query?: PageQuery): Promise<Page<Balance>>;
  retrieve(scope: RequestScope, currency: string, opts?: WriteOptions): Promise<Balance>;
  ledger(scope: RequestScope, query?: PageQuery & { currency?: string }): Promise<Page<LedgerEntry>>;
}

export function balancesApi(c: Caller): BalancesApi {
  const R = BALANCE_ROUTES;
  return {
    list: (scope, query) => c.get(scope, R.list, `/v1/issuing/balances${qs(query)}`, normaliseBalancePage),
    retrieve: (scope, currency, opts) =>
      c.post(scope, R.retrieve, '/v1/issuing/balances', { currency }, opts, normaliseBalance, READ_ONLY),
    ledger: (scope, query) =>
      c.get(scope, R.ledger, `/v1/issuing/balances/transactions${qs(query)}`, normaliseLedgerPage),
  };
}
