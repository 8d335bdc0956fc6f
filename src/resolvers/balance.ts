// Issuing balances: one per currency per account. UQPAY retrieves one balance by currency (a POST), and lists
// them all; a request reads the list at most once per account.
import type { AccountView, GatewayContext } from '../context';
import type { Balance } from '../datasources/uqpay/types';
import { MAX_PAGE_SIZE } from '../datasources/uqpay/paging';
import { money } from './money';

/** Every balance of the account (UQPAY has a handful per account; pages are followed if there are more). */
export function listBalances(view: AccountView, ctx: GatewayContext): Promise<Balance[]> {
  return view.once('balances', async () => {
    const first = await ctx.api.balances.list(view.scope, { page_number: 1, page_size: MAX_PAGE_SIZE });
    const rest: Promise<{ data: Balance[] }>[] = [];
    for (let p = 2; p <= first.total_pages; p++) rest.push(ctx.api.balances.list(view.scope, { page_number: p, page_size: MAX_PAGE_SIZE }));
    const all = [...first.data, ...(await Promise.all(rest)).flatMap((page) => page.data)];
    for (const b of all) view.loaders.balance.prime(b.currency.toUpperCase(), b);
    return all;
  });
}

export const balances = (_root: unknown, _args: unknown, ctx: GatewayContext) => listBalances(ctx.account, ctx);

export async function balance(_root: unknown, args: { currency: string }, ctx: GatewayContext): Promise<Balance | null> {
  return ctx.account.loaders.balance.load(args.currency);
}

export async function loadBalanceById(balanceId: string, ctx: GatewayContext): Promise<Balance | null> {
  const all = await listBalances(ctx.account, ctx);
  return all.find((b) => b.balance_id.toLowerCase() === balanceId.toLowerCase()) ?? null;
}

export const balanceAvailable = (b: Balance) => money(b.available_balance, b.currency) ?? { amount: '0', currency: b.currency };
export const balanceMargin = (b: Balance) => money(b.margin_balance, b.currency);
export const balanceFrozen = (b: Balance) => money(b.frozen_balance, b.currency);
