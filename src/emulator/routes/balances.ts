import type { FastifyInstance } from 'fastify';
import type { EmulatorCore } from '../core';
import { badRequest, invalidField } from '../errors';
import { defineRoute } from '../router';
import { newestFirst } from '../state';
import { bodyObject, Fields, page, paging } from '../validation';

const CURRENCY = /^[A-Z]{3,4}$/;
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

/** 3–4 upper-case letters: UQPAY's XUSD is not ISO 4217 but is a currency here. */
export function currencyField(f: Fields, key: string, required: boolean): string | undefined {
  const v = f.string(key, { required });
  if (v !== undefined && !CURRENCY.test(v)) throw invalidField(f.path(key), 'must be a 3-4 letter upper-case currency code');
  return v;
}

export function registerBalances(app: FastifyInstance, core: EmulatorCore): void {
  defineRoute(app, core, {
    method: 'GET',
    path: '/v1/issuing/balances',
    handler: ({ core: c, store, query }) => {
      const list = [...store.balances.values()].sort((a, b) => a.currency.localeCompare(b.currency));
      return page(list, paging(query), (b) => c.views.balance(b));
    },
  });

  // UQPAY retrieves one balance with a POST (so it carries an idempotency key like every POST).
  defineRoute(app, core, {
    method: 'POST',
    path: '/v1/issuing/balances',
    handler: ({ core: c, store, body }) => {
      const currency = currencyField(bodyObject(body, c.options.amountInput), 'currency', true) as string;
      const b = store.balance(currency);
      if (!b) throw badRequest('invalid_request_error', 'balance_not_found', `no ${currency} issuing balance`);
      return c.views.balance(b);
    },
  });

  defineRoute(app, core, {
    method: 'GET',
    path: '/v1/issuing/balances/transactions',
    handler: ({ core: c, store, query }) => {
      const q = new Fields(query);
      const currency = currencyField(q, 'currency', false);
      const type = q.enum('transaction_type', LEDGER_TYPES);
      const p = paging(query);
      const list = newestFirst(store.ledger).filter((e) => (!currency || e.currency === currency) && (!type || e.transaction_type === type));
      return page(list, p, (e) => c.views.ledger(e));
    },
  });
}
