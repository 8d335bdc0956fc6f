// The typed surface of UQPAY's Card Issuance API that resolvers use: one interface per resource, each declared
// beside its implementation (cards.ts, …), composed here. Implemented by `createUqpayApi` (transport/ does the
// wire, tokens, retries). Every method takes the request's scope, so the on-behalf-of account, request id and
// deadline reach every upstream call.
import type { RequestScope } from '../transport/pipeline';
import type { AccountsApi } from './accounts';
import type { BalancesApi } from './balances';
import type { CardholdersApi } from './cardholders';
import type { CardsApi } from './cards';
import type { ProductsApi } from './products';
import type { SimulationApi } from './simulation';
import type { TransactionsApi } from './transactions';
import type { TransfersApi } from './transfers';

export type { RequestScope };
export type { WriteOptions } from './caller';

export interface UqpayApi {
  /** The master account id, read from the token's JWT payload (`entity_id`, else `account_id`). */
  masterAccountId(scope?: RequestScope): Promise<string>;
  cardholders: CardholdersApi;
  cards: CardsApi;
  products: ProductsApi;
  balances: BalancesApi;
  transfers: TransfersApi;
  transactions: TransactionsApi;
  accounts: AccountsApi;
  simulation: SimulationApi;
}
