// Issuing balances: one per currency per account. UQPAY retrieves one balance by currency (a POST), and lists
// them all; a request reads the list at most once per account.
import type { AccountView, GatewayContext } from '../context';
import { type Balance, fetchAll } from '../datasources/uqpay';
import { money } from './money';

/** Every balance of the account (a handful per account; every page is read). */
export function listBalances(view: AccountView, ctx: GatewayContext): Promise<Balance[]> {
  return view.once('balances', async () => {
    const all = await fetchAll((page) => ctx.api.balances.list(view.scope, page));
    for (const b of all) view.loaders.balance.prime(b.currency.toUpperCase(), b);
    return all;
  });
}

export const balances = (_root: unknown, _args: unknown, ctx: GatewayContext) => listBalances(ctx.account, ctx);

export async function balance(
  _root: unknown,
  args: { currency: string },
  ctx: GatewayContext,
): Promise<Balance | null> {
  return ctx.account.loaders.balance.load(args.currency);
}

export async function loadBalanceById(balanceId: string, ctx: GatewayContext): Promise<Balance | null> {
  const all = await listBalances(ctx.account, ctx);
  return all.find((b) => b.balance_id.toLowerCase() === balanceId.toLowerCase()) ?? null;
}

export const balanceAvailable = (b: Balance) =>
  money(b.available_balance, b.currency) ?? { amount: '0', currency: b.currency };
export const balanceMargin = (b: Balance) => money(b.margin_balance, b.currency);
export const balanceFrozen = (b: Balance) => money(b.frozen_balance, b.currency);
