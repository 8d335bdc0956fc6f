// Connected (sub-)accounts. These are master-level calls: UQPAY rejects them on behalf of a sub-account, so
// no `x-on-behalf-of` is sent whatever the request's account is.
import type { UqpayApi } from './api';
import { qs, seg, type Caller } from './caller';

export const ACCOUNT_ROUTES = {
  list: 'GET /v1/accounts',
  retrieve: 'GET /v1/accounts/{id}',
} as const;

export function accountsApi(c: Caller): UqpayApi['accounts'] {
  return {
    list: (scope, query) => c.get(scope, ACCOUNT_ROUTES.list, `/v1/accounts${qs(query)}`, undefined, false),
    retrieve: (scope, id) => c.get(scope, ACCOUNT_ROUTES.retrieve, `/v1/accounts/${seg(id)}`, undefined, false),
  };
}
