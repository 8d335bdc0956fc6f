import * as r from '../resolvers/card-product';
import { builder } from './builder';
import { CardModeEnum, FormFactorEnum } from './enums';
import { CardProductRef, MoneyRef } from './refs';

CardProductRef.implement({
  description: 'A card program the account can issue from: BIN, scheme, mode, currencies and the KYC it needs.',
  fields: (t) => ({
    productId: t.field({ type: 'UUID', description: 'UQPAY\'s product id (use it in createCard).', resolve: (p) => p.product_id }),
    mode: t.field({ type: CardModeEnum, description: 'SINGLE (prepaid) or SHARE.', resolve: (p) => p.mode_type }),
    bin: t.exposeString('card_bin', { nullable: true, description: 'Bank identification number of its cards.' }),
    scheme: t.exposeString('card_scheme', { nullable: true, description: 'Card scheme, e.g. VISA.' }),
    formFactors: t.field({ type: [FormFactorEnum], description: 'Virtual and/or physical.', resolve: r.productFormFactors }),
    currencies: t.field({ type: ['CurrencyCode'], description: 'Currencies its cards can have.', resolve: (p) => p.card_currency ?? [] }),
    status: t.exposeString('product_status', { nullable: true, description: 'ENABLED or DISABLED.' }),
    kycLevel: t.exposeString('kyc_level', { nullable: true, description: 'KYC its cardholders need: SIMPLIFIED, STANDARD or ENHANCED.' }),
    maxCardQuota: t.exposeInt('max_card_quota', { nullable: true, description: 'Most cards that can be issued from it.' }),
    requiredFields: t.stringList({ description: 'Cardholder fields its KYC level requires.', resolve: (p) => p.required_fields ?? [] }),
    noPinPaymentAmounts: t.field({ type: [MoneyRef], description: 'Largest no-PIN payment, per currency.', resolve: r.productNoPinPaymentAmounts }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When the product was created.', resolve: (p) => p.create_time || null }),
  }),
});

builder.queryFields((t) => ({
  cardProducts: t.field({
    type: [CardProductRef],
    description: 'The card products the acting account can issue from.',
    resolve: r.cardProducts,
  }),
  cardProduct: t.field({
    type: CardProductRef,
    nullable: true,
    description: 'One card product by UQPAY id; null when the account has no such product.',
    args: { productId: t.arg({ type: 'UUID', required: true, description: 'UQPAY\'s product id.' }) },
    resolve: r.cardProduct,
  }),
}));
