// Card products (BIN, scheme, mode, currencies, KYC level) the account can issue from.
import type { GatewayContext } from '../context';
import type { Product } from '../datasources/uqpay/types';
import { MAX_PAGE_SIZE } from '../datasources/uqpay/paging';
import { money } from './money';

// UQPAY abbreviates form factors in products ("VIR", "PHY") but spells them out on cards.
const FORM_FACTOR: Record<string, 'VIRTUAL' | 'PHYSICAL'> = { VIR: 'VIRTUAL', VIRTUAL: 'VIRTUAL', PHY: 'PHYSICAL', PHYSICAL: 'PHYSICAL' };

export async function cardProducts(_root: unknown, _args: unknown, ctx: GatewayContext): Promise<Product[]> {
  const view = ctx.account;
  return view.once('products', async () => {
    const first = await ctx.api.products.list(view.scope, { page_number: 1, page_size: MAX_PAGE_SIZE });
    const rest: Promise<{ data: Product[] }>[] = [];
    for (let p = 2; p <= first.total_pages; p++) rest.push(ctx.api.products.list(view.scope, { page_number: p, page_size: MAX_PAGE_SIZE }));
    const all = [...first.data, ...(await Promise.all(rest)).flatMap((page) => page.data)];
    for (const p of all) view.loaders.product.prime(p.product_id, p);
    return all;
  });
}

export const cardProduct = (_root: unknown, args: { productId: string }, ctx: GatewayContext) =>
  ctx.account.loaders.product.load(args.productId);

export const productFormFactors = (p: Product) =>
  (p.card_form ?? []).map((f) => FORM_FACTOR[f.toUpperCase()]).filter((f): f is 'VIRTUAL' | 'PHYSICAL' => f !== undefined);
export const productNoPinPaymentAmounts = (p: Product) =>
  (p.no_pin_payment_amount ?? []).map((m) => money(m.amount, m.currency)).filter((m) => m !== null);
