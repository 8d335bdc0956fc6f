// Card transactions (authorisations, refunds, reversals, fees). UQPAY filters by card and by a time window of
// at most 90 days; a wider window is refused here, before any upstream call.
import type { AccountView, GatewayContext } from '../context';
import type { Card, Transaction } from '../datasources/uqpay';
import { badUserInput } from '../errors/graphql';
import { listConnection, type ConnectionArgs } from './pagination';
import { money } from './money';

const MAX_WINDOW_MS = 90 * 24 * 3600 * 1000;

export interface TransactionFilter {
  cardId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function timeWindow(filter: TransactionFilter): { start_time?: string; end_time?: string } {
  const { from, to } = filter;
  if (from && to && from.getTime() > to.getTime()) throw badUserInput('`from` must not be after `to`.');
  if (from && to && to.getTime() - from.getTime() > MAX_WINDOW_MS) {
    throw badUserInput('UQPAY searches transactions in windows of at most 90 days: narrow `from`/`to`.');
  }
  return { ...(from ? { start_time: from.toISOString() } : {}), ...(to ? { end_time: to.toISOString() } : {}) };
}

export const transactions = (_root: unknown, args: ConnectionArgs & TransactionFilter, ctx: GatewayContext) =>
  listTransactions(ctx.account, args, ctx);

function listTransactions(view: AccountView, args: ConnectionArgs & TransactionFilter, ctx: GatewayContext) {
  const window = timeWindow(args);
  return listConnection(
    args,
    (page) =>
      ctx.api.transactions.list(view.scope, { ...page, ...(args.cardId ? { card_id: args.cardId } : {}), ...window }),
    (items) => {
      for (const t of items) {
        view.loaders.transaction.prime(t.transaction_id, t);
        if (view !== ctx.account) ctx.adopt(view, t);
      }
    },
  );
}

export const cardTransactions = (c: Card, args: ConnectionArgs & TransactionFilter, ctx: GatewayContext) =>
  listTransactions(ctx.viewOf(c), { ...args, cardId: c.card_id }, ctx);

export const transaction = (_root: unknown, args: { transactionId: string }, ctx: GatewayContext) =>
  ctx.account.loaders.transaction.load(args.transactionId);

export const transactionCard = (t: Transaction, _args: unknown, ctx: GatewayContext) =>
  ctx.viewOf(t).loaders.card.load(t.card_id);
export const transactionAmount = (t: Transaction) => money(t.transaction_amount, t.transaction_currency);
export const transactionBillingAmount = (t: Transaction) => money(t.billing_amount, t.billing_currency);
export const transactionFee = (t: Transaction) =>
  money(t.transaction_fee, t.transaction_fee_currency ?? t.billing_currency);
export const transactionCardAvailableBalance = (t: Transaction) => money(t.card_available_balance, t.billing_currency);
export const transactionMerchant = (t: Transaction) =>
  t.merchant_data
    ? {
        name: t.merchant_data.name ?? null,
        city: t.merchant_data.city ?? null,
        country: t.merchant_data.country ?? null,
        categoryCode: t.merchant_data.category_code ?? null,
      }
    : null;
