// Card products (BIN, scheme, mode, currencies, KYC level) the account can issue from.
import type { GatewayContext } from '../context';
import { type Product, fetchAll, type UpstreamValue, type FormFactor } from '../datasources/uqpay';
import { productFields, type CardProductField } from './card-product-fields';
import { money } from './money';

// UQPAY abbreviates form factors in products ("VIR", "PHY") but spells them out on cards.
const FORM_FACTOR: Record<string, FormFactor> = {
  VIR: 'VIRTUAL',
  VIRTUAL: 'VIRTUAL',
  PHY: 'PHYSICAL',
  PHYSICAL: 'PHYSICAL',
};

export async function cardProducts(_root: unknown, _args: unknown, ctx: GatewayContext): Promise<Product[]> {
  const view = ctx.account;
  return view.once('products', async () => {
    const all = await fetchAll((page) => ctx.api.products.list(view.scope, page));
    for (const p of all) view.loaders.product.prime(p.product_id, p);
    return all;
  });
}

export const cardProduct = (_root: unknown, args: { productId: string }, ctx: GatewayContext) =>
  ctx.account.loaders.product.load(args.productId);

// Other values pass through: the FormFactor enum's fallback leaves them out of the list (and logs them once).
export const productFormFactors = (p: Product): UpstreamValue<FormFactor>[] =>
  (p.card_form ?? []).map((f) => FORM_FACTOR[f.toUpperCase()] ?? f);
export const productNoPinPaymentAmounts = (p: Product) =>
  (p.no_pin_payment_amount ?? []).map((m) => money(m.amount, m.currency)).filter((m) => m !== null);

export const productRequiredFields = (p: Product): CardProductField[] => productFields(p.required_fields);
