import { badRequest } from '../errors';
import type { RouteDef } from '../route';
import { newestFirst } from '../state';
import { bodyObject, Fields, page, paging } from '../validation';

const LEDGER_TYPES = [
  'DEPOSIT',
  'TRANSFER_IN',
  'TRANSFER_OUT',
  'CARD_RECHARGE',
  'CARD_WITHDRAW',
  'CARD_CREATE',
  'CARD_CANCEL_REFUND',
  'ISSUING_AUTHORIZATION',
  'ISSUING_REVERSAL',
] as const;

export const balanceRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v1/issuing/balances',
    handler: ({ core: c, store, query }) => {
      const list = [...store.balances.values()].sort((a, b) => a.currency.localeCompare(b.currency));
      return page(list, paging(query), (b) => c.views.balance(b));
    },
  },

  // UQPAY retrieves one balance with a POST (so it carries an idempotency key like every POST).
  {
    method: 'POST',
    path: '/v1/issuing/balances',
    handler: ({ core: c, store, body }) => {
      const currency = bodyObject(body, c.options.amountInput).currency('currency', { required: true }) as string;
      const b = store.balance(currency);
      if (!b) throw badRequest('invalid_request_error', 'balance_not_found', `no ${currency} issuing balance`);
      return c.views.balance(b);
    },
  },

  {
    method: 'GET',
    path: '/v1/issuing/balances/transactions',
    handler: ({ core: c, store, query }) => {
      const q = new Fields(query);
      const currency = q.currency('currency');
      const type = q.enum('transaction_type', LEDGER_TYPES);
      const p = paging(query);
      const list = newestFirst(store.ledger).filter(
        (e) => (!currency || e.currency === currency) && (!type || e.transaction_type === type),
      );
      return page(list, p, (e) => c.views.ledger(e));
    },
  },
];
