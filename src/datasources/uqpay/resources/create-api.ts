// Composes the per-resource modules into the UqpayApi that resolvers use. Transport, tokens and retries
// live behind `handle` (../transport/client.ts); each resource only knows its routes, paths and amount fields.
import type { UqpayApi } from './api';
import { accountsApi } from './accounts';
import { balancesApi } from './balances';
import { createCaller } from './caller';
import { cardholdersApi } from './cardholders';
import { cardsApi } from './cards';
import type { CallHandler } from '../transport/pipeline';
import { productsApi } from './products';
import { simulationApi } from './simulation';
import { transactionsApi } from './transactions';
import { transfersApi } from './transfers';

export function createUqpayApi(handle: CallHandler, masterAccountId: UqpayApi['masterAccountId']): UqpayApi {
  const c = createCaller(handle);
  return {
    masterAccountId,
    cardholders: cardholdersApi(c),
    cards: cardsApi(c),
    products: productsApi(c),
    balances: balancesApi(c),
    transfers: transfersApi(c),
    transactions: transactionsApi(c),
    accounts: accountsApi(c),
    simulation: simulationApi(c),
  };
}
