// The acting account and connected accounts. An Account carries its own AccountView: every field under it
// reads on behalf of THAT account, with that account's loaders.
import type { AccountView, GatewayContext } from '../context';
import { type Balance, type ConnectedAccount, UqpayError } from '../datasources/uqpay';
import { listConnection, toConnection, windowOf, type ConnectionArgs } from './pagination';
import { listCardholders } from './cardholder';
import { listCards, type CardFilter } from './card';
import { listBalances } from './balance';

export interface AccountShape {
  view: AccountView;
  /** Present when read from the accounts list; fetched lazily otherwise. */
  info?: ConnectedAccount | null;
}

export const actingAccount = (_root: unknown, _args: unknown, ctx: GatewayContext): AccountShape => ({
  view: ctx.account,
});

export async function connectedAccounts(_root: unknown, args: ConnectionArgs, ctx: GatewayContext) {
  // Connected accounts belong to the master: a request acting for a connected account sees none of its siblings.
  if (ctx.account.accountId !== undefined) {
    windowOf(args);
    return toConnection<AccountShape>([], 0, 0);
  }
  return listConnection(
    args,
    (p) => ctx.api.accounts.list(ctx.masterScope, p),
    undefined,
    (info): AccountShape => ({ view: ctx.forAccount(info.account_id.toLowerCase()), info }),
  );
}

export async function accountId(account: AccountShape, _args: unknown, ctx: GatewayContext): Promise<string> {
  return account.view.accountId ?? ctx.api.masterAccountId(account.view.scope);
}

/** UQPAY's record of a connected account; the master account has none (null). */
export function accountInfo(account: AccountShape, ctx: GatewayContext): Promise<ConnectedAccount | null> {
  if (account.info !== undefined) return Promise.resolve(account.info);
  const id = account.view.accountId;
  if (id === undefined) return Promise.resolve(null);
  return account.view.once('account', () => ctx.api.accounts.retrieve(ctx.masterScope, id));
}

export const accountField =
  (key: keyof ConnectedAccount) =>
  async (a: AccountShape, _args: unknown, ctx: GatewayContext): Promise<string | null> =>
    (await accountInfo(a, ctx))?.[key] ?? null;

export const accountBalances = (a: AccountShape, _args: unknown, ctx: GatewayContext): Promise<Balance[]> =>
  listBalances(a.view, ctx);
export const accountCardholders = (a: AccountShape, args: ConnectionArgs, ctx: GatewayContext) =>
  listCardholders(a.view, args, {}, ctx);
export const accountCards = (a: AccountShape, args: ConnectionArgs & CardFilter, ctx: GatewayContext) =>
  listCards(a.view, args, args, ctx);

/** node(id) for an Account: the acting account, the master, or a connected account visible to the master. */
export async function loadAccount(id: string, ctx: GatewayContext): Promise<AccountShape | null> {
  if (id === ctx.account.accountId) return { view: ctx.account };
  if (ctx.account.accountId !== undefined) return null;
  if (id === (await ctx.api.masterAccountId(ctx.account.scope)).toLowerCase()) return { view: ctx.account };
  const view = ctx.forAccount(id);
  const info = await accountInfo({ view }, ctx).catch((err: unknown) => {
    if (err instanceof UqpayError && err.status < 500 && err.status !== 429) return null;
    throw err;
  });
  return info ? { view, info } : null;
}
