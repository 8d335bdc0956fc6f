// UQPAY's sandbox simulations: the card network authorizing a spend or reversing one (see network.ts).
import { invalidField } from '../errors';
import { transactionData } from '../event-data';
import type { Cents } from '../money';
import { authorize, reverse } from '../network';
import type { RouteDef } from '../route';
import { bodyObject } from '../validation';

export const simulationRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/v1/simulation/issuing/authorization',
    handler: ({ core: c, store, body }) => {
      const f = bodyObject(body, c.options.amountInput);
      const cardId = f.uuid('card_id', { required: true }) as string;
      const amount = f.amount('transaction_amount', { required: true }) as Cents;
      const currency = f.currency('transaction_currency', { required: true }) as string;
      const name = f.string('merchant_name', { required: true, max: 100 }) as string;
      const mcc = f.string('merchant_category_code', { required: true }) as string;
      if (!/^\d{4}$/.test(mcc)) throw invalidField('merchant_category_code', 'must be a 4-digit MCC');
      const city = f.string('merchant_city', { max: 100 }) ?? 'Singapore';
      const country = f.country('merchant_country') ?? 'SG';
      const tx = authorize(c.state, store, cardId, amount, currency, { name, mcc, city, country });
      const outcome = tx.transaction_status === 'APPROVED' ? 'approved' : 'declined';
      const data = transactionData(c.views, store, tx);
      c.webhooks.emit(`issuing.transaction.authorization.${outcome}`, tx.transaction_id, store.id, data);
      return c.views.transaction(store, tx);
    },
  },

  {
    method: 'POST',
    path: '/v1/simulation/issuing/reversal',
    handler: ({ core: c, store, body }) => {
      const id = bodyObject(body, c.options.amountInput).uuid('transaction_id', { required: true }) as string;
      const tx = reverse(c.state, store, id);
      const data = transactionData(c.views, store, tx);
      c.webhooks.emit('issuing.transaction.reversal.approved', tx.transaction_id, store.id, data);
      return c.views.transaction(store, tx);
    },
  },
];
