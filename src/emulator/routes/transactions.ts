import { invalidField } from '../errors';
import { findTransaction } from '../lookups';
import type { RouteDef } from '../route';
import { Fields, page, paging } from '../validation';

const MAX_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;

export const transactionRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v1/issuing/transactions',
    handler: ({ core: c, store, query }) => {
      const q = new Fields(query);
      const cardId = q.uuid('card_id');
      const start = q.timestamp('start_time');
      const end = q.timestamp('end_time');
      if (start !== undefined && end !== undefined) {
        if (end < start) throw invalidField('end_time', 'must not be before start_time');
        if (end - start > MAX_WINDOW_MS) throw invalidField('end_time', 'must be within 90 days of start_time');
      }
      const p = paging(query);
      const list = [...store.transactions.values()]
        .filter(
          (t) =>
            (!cardId || t.card_id === cardId) &&
            (start === undefined || t.transaction_time >= start) &&
            (end === undefined || t.transaction_time <= end),
        )
        .sort((a, b) => b.transaction_time - a.transaction_time || b.seq - a.seq);
      return page(list, p, (t) => c.views.transaction(store, t));
    },
  },

  {
    method: 'GET',
    path: '/v1/issuing/transactions/{id}',
    handler: ({ core: c, store, params }) => c.views.transaction(store, findTransaction(store, String(params.id))),
  },
];
