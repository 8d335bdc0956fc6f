import { MoneyRef } from './refs';

MoneyRef.implement({
  description: 'An exact amount of money in one currency.',
  fields: (t) => ({
    amount: t.field({
      type: 'Decimal',
      description: 'The amount as an exact decimal string, e.g. "2000.05".',
      resolve: (m) => m.amount,
    }),
    currency: t.field({
      type: 'CurrencyCode',
      description: 'The currency of `amount`, e.g. "USD" or "XUSD".',
      resolve: (m) => m.currency,
    }),
  }),
});
