import { badRequest } from '../errors';
import type { RouteDef } from '../route';
import { page, paging } from '../validation';

// The token's account is the master: it lists its connected sub-accounts and x-on-behalf-of is ignored.
export const accountRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v1/accounts',
    onBehalf: false,
    handler: ({ core: c, query }) => page(c.state.subAccounts(), paging(query), (s) => c.views.account(s.account)),
  },
  {
    method: 'GET',
    path: '/v1/accounts/{id}',
    onBehalf: false,
    handler: ({ core: c, store, params }) => {
      const target = c.state.accounts.get(String(params.id).toLowerCase());
      if (!target || (target.id !== store.id && target.account.parent_id !== store.id)) {
        throw badRequest('account_error', 'sub_account_not_found', `account ${params.id} not found`);
      }
      return c.views.account(target.account);
    },
  },
];
