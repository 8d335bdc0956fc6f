// Card orders: UQPAY's record of an asynchronous card operation (create, update, recharge, withdraw).
import type { GatewayContext } from '../context';
import { type CardOrder, isNotFound } from '../datasources/uqpay';
import { money } from './money';

export const cardOrder = (_root: unknown, args: { orderId: string }, ctx: GatewayContext) =>
  ctx.api.cards.order(ctx.account.scope, args.orderId).catch((err: unknown) => {
    if (isNotFound(err)) return null;
    throw err;
  });

export const orderAmount = (o: CardOrder) => money(o.amount, o.card_currency);
export const orderCard = (o: CardOrder, _args: unknown, ctx: GatewayContext) =>
  ctx.account.loaders.card.load(o.card_id);
