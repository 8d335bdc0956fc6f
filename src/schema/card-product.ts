import * as r from '../resolvers/card-product';
import { builder } from './builder';
import { CardModeEnum, FormFactorEnum } from './enums';
import { CardProductRef, MoneyRef } from './refs';
import type { CardProductField } from '../resolvers/card-product-fields';

const CardProductFieldRef = builder.objectRef<CardProductField>('CardProductField');
CardProductFieldRef.implement({
  description:
    "A cardholder field a card product's KYC needs before cards can be issued from it (UQPAY's `required_fields`). " +
    "Names are UQPAY's (snake_case, e.g. `residential_address`); the matching cardholder input is its camelCase form.",
  fields: (t) => ({
    name: t.exposeString('name', {
      description: "UQPAY's name of the field, e.g. `date_of_birth` or `residential_address`.",
    }),
    type: t.exposeString('type', {
      description: '`string` for a single value, `object` for a group of fields (listed in `fields`).',
    }),
    required: t.exposeBoolean('required', { description: 'Whether the product refuses a cardholder without it.' }),
    description: t.exposeString('description', { nullable: true, description: "UQPAY's explanation, when given." }),
    fields: t.field({
      type: [CardProductFieldRef],
      description: "The parts of an `object` field (e.g. an address's city); empty for a `string` field.",
      resolve: (f) => f.fields,
    }),
  }),
});

CardProductRef.implement({
  description: 'A card program the account can issue from: BIN, scheme, mode, currencies and the KYC it needs.',
  fields: (t) => ({
    productId: t.field({
      type: 'UUID',
      description: "UQPAY's product id (use it in createCard).",
      resolve: (p) => p.product_id,
    }),
    mode: t.field({ type: CardModeEnum, description: 'SINGLE (prepaid) or SHARE.', resolve: (p) => p.mode_type }),
    bin: t.exposeString('card_bin', { nullable: true, description: 'Bank identification number of its cards.' }),
    scheme: t.exposeString('card_scheme', { nullable: true, description: 'Card scheme, e.g. VISA.' }),
    formFactors: t.field({
      type: [FormFactorEnum],
      description: 'Virtual and/or physical.',
      resolve: r.productFormFactors,
    }),
    currencies: t.field({
      type: ['CurrencyCode'],
      description: 'Currencies its cards can have.',
      resolve: (p) => p.card_currency ?? [],
    }),
    status: t.exposeString('product_status', { nullable: true, description: 'ENABLED or DISABLED.' }),
    kycLevel: t.exposeString('kyc_level', {
      nullable: true,
      description: 'KYC its cardholders need: SIMPLIFIED, STANDARD or ENHANCED.',
    }),
    maxCardQuota: t.exposeInt('max_card_quota', {
      nullable: true,
      description: 'Most cards that can be issued from it.',
    }),
    requiredFields: t.field({
      type: [CardProductFieldRef],
      description: 'Cardholder fields its KYC level requires, with the parts of grouped fields such as the address.',
      resolve: r.productRequiredFields,
    }),
    noPinPaymentAmounts: t.field({
      type: [MoneyRef],
      description: 'Largest no-PIN payment, per currency.',
      resolve: r.productNoPinPaymentAmounts,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the product was created.',
      resolve: (p) => p.create_time || null,
    }),
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
    args: { productId: t.arg({ type: 'UUID', required: true, description: "UQPAY's product id." }) },
    resolve: r.cardProduct,
  }),
}));
