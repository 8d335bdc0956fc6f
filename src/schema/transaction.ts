import { ensureMaskedPan } from '../redact';
import * as r from '../resolvers/transaction';
import { builder } from './builder';
import { TransactionStatusEnum } from './enums';
import { connectionArgs } from './pagination';
import { CardRef, MoneyRef, TransactionConnection, TransactionRef } from './refs';
import { uuidNodeId } from './node';

export const MerchantRef = builder
  .objectRef<{ name: string | null; city: string | null; country: string | null; categoryCode: string | null }>(
    'Merchant',
  )
  .implement({
    description: 'Where a card transaction happened.',
    fields: (t) => ({
      name: t.string({ nullable: true, description: 'Merchant name.', resolve: (m) => m.name }),
      city: t.string({ nullable: true, description: 'Merchant city.', resolve: (m) => m.city }),
      country: t.string({ nullable: true, description: 'Merchant country.', resolve: (m) => m.country }),
      categoryCode: t.string({
        nullable: true,
        description: 'Merchant category code (MCC).',
        resolve: (m) => m.categoryCode,
      }),
    }),
  });

builder.node(TransactionRef, {
  description: 'A card transaction: an authorisation, refund, reversal, fee or settlement.',
  id: uuidNodeId((x) => x.transaction_id),
  loadWithoutCache: (id, ctx) => ctx.account.loaders.transaction.load(id),
  fields: (t) => ({
    transactionId: t.field({ type: 'UUID', description: "UQPAY's transaction id.", resolve: (x) => x.transaction_id }),
    shortTransactionId: t.exposeString('short_transaction_id', {
      nullable: true,
      description: "UQPAY's short reference.",
    }),
    originalTransactionId: t.field({
      type: 'UUID',
      nullable: true,
      description: 'The transaction this one reverses or refunds.',
      resolve: (x) => x.original_transaction_id || null,
    }),
    cardId: t.field({ type: 'UUID', description: 'The card used.', resolve: (x) => x.card_id }),
    card: t.field({ type: CardRef, nullable: true, description: 'The card used.', resolve: r.transactionCard }),
    cardholderId: t.field({
      type: 'UUID',
      nullable: true,
      description: 'The cardholder of the card.',
      resolve: (x) => x.cardholder_id || null,
    }),
    maskedCardNumber: t.string({
      nullable: true,
      description: 'The card number, masked.',
      resolve: (x) => ensureMaskedPan(x.card_number),
    }),
    type: t.exposeString('transaction_type', {
      description: 'AUTHORIZATION, REFUND, REVERSAL, FEE, … as UQPAY reports it.',
    }),
    status: t.field({ type: TransactionStatusEnum, description: 'Outcome.', resolve: (x) => x.transaction_status }),
    amount: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Amount in the transaction currency.',
      resolve: r.transactionAmount,
    }),
    billingAmount: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Amount in the card (billing) currency.',
      resolve: r.transactionBillingAmount,
    }),
    fee: t.field({ type: MoneyRef, nullable: true, description: 'Fee charged.', resolve: r.transactionFee }),
    cardAvailableBalance: t.field({
      type: MoneyRef,
      nullable: true,
      description: "The card's available balance after this transaction.",
      resolve: r.transactionCardAvailableBalance,
    }),
    merchant: t.field({
      type: MerchantRef,
      nullable: true,
      description: 'Where it happened.',
      resolve: r.transactionMerchant,
    }),
    description: t.exposeString('description', { nullable: true, description: "UQPAY's description." }),
    authorizationCode: t.exposeString('authorization_code', {
      nullable: true,
      description: 'Scheme authorisation code.',
    }),
    transactionTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it happened.',
      resolve: (x) => x.transaction_time || null,
    }),
    postedTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was posted.',
      resolve: (x) => x.posted_time || null,
    }),
  }),
});

builder.queryFields((t) => ({
  transactions: t.field({
    type: TransactionConnection,
    description:
      "The acting account's card transactions, optionally for one card and within a window of at most 90 days.",
    args: {
      cardId: t.arg({ type: 'UUID', description: "Only this card's transactions." }),
      from: t.arg({ type: 'DateTime', description: 'Only transactions at or after this time.' }),
      to: t.arg({ type: 'DateTime', description: 'Only transactions at or before this time.' }),
      ...connectionArgs(t.arg),
    },
    resolve: r.transactions,
  }),
  transaction: t.field({
    type: TransactionRef,
    nullable: true,
    description: 'A card transaction by UQPAY id; null when it does not exist for the acting account.',
    args: { transactionId: t.arg({ type: 'UUID', required: true, description: "UQPAY's transaction id." }) },
    resolve: r.transaction,
  }),
}));
