import * as r from '../resolvers/card-order';
import { builder } from './builder';
import { CardOrderTypeEnum, OrderStatusEnum } from './enums';
import { CardOrderRef, CardRef, MoneyRef } from './refs';

CardOrderRef.implement({
  description: "UQPAY's record of an asynchronous card operation: creation, update, recharge or withdrawal.",
  fields: (t) => ({
    orderId: t.field({ type: 'UUID', description: "UQPAY's card order id.", resolve: (o) => o.card_order_id }),
    cardId: t.field({ type: 'UUID', description: 'The card the order is for.', resolve: (o) => o.card_id }),
    card: t.field({ type: CardRef, nullable: true, description: 'The card the order is for.', resolve: r.orderCard }),
    type: t.field({ type: CardOrderTypeEnum, description: 'What the order does.', resolve: (o) => o.order_type }),
    amount: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Amount moved (recharge, withdraw) or card limit (create).',
      resolve: r.orderAmount,
    }),
    status: t.field({
      type: OrderStatusEnum,
      description: 'Progress; webhooks report the final outcome.',
      resolve: (o) => o.order_status,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the order was placed.',
      resolve: (o) => o.create_time || null,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the order last changed.',
      resolve: (o) => o.update_time || null,
    }),
    completedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the order finished.',
      resolve: (o) => o.complete_time || null,
    }),
  }),
});

builder.queryField('cardOrder', (t) =>
  t.field({
    type: CardOrderRef,
    nullable: true,
    description: 'A card order by UQPAY id (e.g. to poll a recharge); null when it does not exist.',
    args: { orderId: t.arg({ type: 'UUID', required: true, description: "UQPAY's card order id." }) },
    resolve: r.cardOrder,
  }),
);
