// Card transactions (authorisations, refunds, reversals, fees), with their money fields normalised.
import { normaliseAmounts } from '../transport/amounts';
import { pageOf, qs, seg, type Caller } from './caller';
import type { RequestScope } from '../transport/pipeline';
import type { ListTransactionsQuery, Page, Transaction } from './types';

export const TRANSACTION_ROUTES = {
  list: 'GET /v1/issuing/transactions',
  retrieve: 'GET /v1/issuing/transactions/{id}',
} as const;

const TRANSACTION_AMOUNTS = [
  'transaction_fee',
  'billing_amount',
  'transaction_amount',
  'card_available_balance',
] as const;
export const normaliseTransaction = (t: unknown): void => void normaliseAmounts(t, TRANSACTION_AMOUNTS);
const normaliseTransactionPage = pageOf(normaliseTransaction);

export interface TransactionsApi {
  list(scope: RequestScope, query?: ListTransactionsQuery): Promise<Page<Transaction>>;
  retrieve(scope: RequestScope, transactionId: string): Promise<Transaction>;
}

export function transactionsApi(c: Caller): TransactionsApi {
  const R = TRANSACTION_ROUTES;
  return {
    list: (scope, query) => c.get(scope, R.list, `/v1/issuing/transactions${qs(query)}`, normaliseTransactionPage),
    retrieve: (scope, id) => c.get(scope, R.retrieve, `/v1/issuing/transactions/${seg(id)}`, normaliseTransaction),
  };
}
