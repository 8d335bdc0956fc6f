// Connected (sub-)accounts. These are master-level calls: UQPAY rejects them on behalf of a sub-account, so
// no `x-on-behalf-of` is sent whatever the request's account is.
import { qs, seg, type Caller } from './caller';
import type { RequestScope } from '../transport/pipeline';
import type { ConnectedAccount, Page, PageQuery } from './types';

export const ACCOUNT_ROUTES = {
  list: 'GET /v1/accounts',
  retrieve: 'GET /v1/accounts/{id}',
} as const;

/** Connected accounts are master-level: no on-behalf-of header is sent. */
export interface AccountsApi {
  list(scope: RequestScope, query?: PageQuery): Promise<Page<ConnectedAccount>>;
  retrieve(scope: RequestScope, accountId: string): Promise<ConnectedAccount>;
}

export function accountsApi(c: Caller): AccountsApi {
  return {
    list: (scope, query) => c.get(scope, ACCOUNT_ROUTES.list, `/v1/accounts${qs(query)}`, undefined, false),
    retrieve: (scope, id) => c.get(scope, ACCOUNT_ROUTES.retrieve, `/v1/accounts/${seg(id)}`, undefined, false),
  };
}
