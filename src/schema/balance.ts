import * as r from '../resolvers/balance';
import { builder } from './builder';
import { BalanceStatusEnum } from './enums';
import { BalanceRef, MoneyRef } from './refs';
import { uuidNodeId } from './node';

builder.node(BalanceRef, {
  description: "An issuing balance: the account's funds in one currency, from which SINGLE cards are funded.",
  id: uuidNodeId((b) => b.balance_id),
  loadWithoutCache: (id, ctx) => r.loadBalanceById(id, ctx),
  fields: (t) => ({
    balanceId: t.field({ type: 'UUID', description: "UQPAY's balance id.", resolve: (b) => b.balance_id }),
    currency: t.field({ type: 'CurrencyCode', description: 'Currency of the balance.', resolve: (b) => b.currency }),
    available: t.field({ type: MoneyRef, description: 'Funds available now.', resolve: r.balanceAvailable }),
    margin: t.field({ type: MoneyRef, nullable: true, description: 'Funds held as margin.', resolve: r.balanceMargin }),
    frozen: t.field({ type: MoneyRef, nullable: true, description: 'Funds frozen.', resolve: r.balanceFrozen }),
    status: t.field({
      type: BalanceStatusEnum,
      description: 'State of the balance.',
      resolve: (b) => b.balance_status,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the balance was opened.',
      resolve: (b) => b.create_time || null,
    }),
    lastTradeAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When funds last moved.',
      resolve: (b) => b.last_trade_time || null,
    }),
  }),
});

builder.queryFields((t) => ({
  balances: t.field({
    type: [BalanceRef],
    description: "The acting account's issuing balances, one per currency.",
    resolve: r.balances,
  }),
  balance: t.field({
    type: BalanceRef,
    nullable: true,
    description: "The acting account's issuing balance in one currency; null when it has none.",
    args: { currency: t.arg({ type: 'CurrencyCode', required: true, description: 'The currency.' }) },
    resolve: r.balance,
  }),
}));
