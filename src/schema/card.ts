import type { UpstreamValue, SpendingInterval } from '../datasources/uqpay';
import { ensureMaskedPan } from '../redact';
import * as r from '../resolvers/card';
import type { Money } from '../resolvers/money';
import * as tx from '../resolvers/transaction';
import { builder, type PothosTypes } from './builder';
import {
  AutoCancelTriggerEnum,
  CardModeEnum,
  CardStatusChangeEnum,
  CardStatusEnum,
  FormFactorEnum,
  SpendingIntervalEnum,
  UsageTypeEnum,
} from './enums';
import { connectionArgs } from './pagination';
import { field, inputFromZod } from './input-from-zod';
import { idempotencyKey, payloadType } from './payload';
import {
  CardConnection,
  CardOrderRef,
  CardProductRef,
  CardRef,
  CardholderRef,
  MoneyRef,
  TransactionConnection,
} from './refs';
import { uuidNodeId } from './node';

export const SpendingControlRef = builder
  .objectRef<{ amount: Money; interval: UpstreamValue<SpendingInterval> }>('SpendingControl')
  .implement({
    description: 'A spending limit over a period.',
    fields: (t) => ({
      amount: t.field({
        type: MoneyRef,
        description: 'The most that can be spent in the period.',
        resolve: (s) => s.amount,
      }),
      interval: t.field({ type: SpendingIntervalEnum, description: 'The period.', resolve: (s) => s.interval }),
    }),
  });

const RiskControlsRef = builder
  .objectRef<{ allow3dsTransactions: boolean | null; allowedMcc: string[]; blockedMcc: string[] }>('RiskControls')
  .implement({
    description: 'Which transactions the card accepts.',
    fields: (t) => ({
      allow3dsTransactions: t.boolean({
        nullable: true,
        description: 'Whether 3-D Secure transactions are allowed.',
        resolve: (x) => x.allow3dsTransactions,
      }),
      allowedMcc: t.stringList({
        description: 'Merchant category codes allowed (empty: all not blocked).',
        resolve: (x) => x.allowedMcc,
      }),
      blockedMcc: t.stringList({ description: 'Merchant category codes refused.', resolve: (x) => x.blockedMcc }),
    }),
  });

builder.node(CardRef, {
  description: 'A virtual or physical payment card issued to a cardholder.',
  id: uuidNodeId((c) => c.card_id),
  loadWithoutCache: (id, ctx) => ctx.account.loaders.card.load(id),
  fields: (t) => ({
    cardId: t.field({ type: 'UUID', description: "UQPAY's card id.", resolve: (c) => c.card_id }),
    bin: t.exposeString('card_bin', { nullable: true, description: 'Bank identification number (first 6 digits).' }),
    scheme: t.exposeString('card_scheme', { nullable: true, description: 'Card scheme, e.g. VISA or MASTERCARD.' }),
    maskedNumber: t.string({
      nullable: true,
      description:
        'The card number with all but the last 4 digits masked (re-masked here should UQPAY ever send it whole).',
      resolve: (c) => ensureMaskedPan(c.card_number),
    }),
    formFactor: t.field({
      type: FormFactorEnum,
      nullable: true,
      description: 'Virtual or physical.',
      resolve: (c) => c.form_factor ?? null,
    }),
    mode: t.field({
      type: CardModeEnum,
      description: 'SINGLE (prepaid) or SHARE (draws on the issuing balance).',
      resolve: (c) => c.mode_type,
    }),
    status: t.field({ type: CardStatusEnum, description: 'Card state.', resolve: (c) => c.card_status }),
    currency: t.field({ type: 'CurrencyCode', description: 'Card currency.', resolve: (c) => c.card_currency }),
    cardLimit: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Spending limit of the card.',
      resolve: r.cardLimit,
    }),
    availableBalance: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'What can be spent now.',
      resolve: r.cardAvailableBalance,
    }),
    consumedAmount: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'What has been spent.',
      resolve: r.cardConsumedAmount,
    }),
    noPinPaymentAmount: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Largest payment accepted without PIN.',
      resolve: r.cardNoPinPaymentAmount,
    }),
    productId: t.field({
      type: 'UUID',
      nullable: true,
      description: "UQPAY's id of the card product.",
      resolve: (c) => c.card_product_id ?? null,
    }),
    product: t.field({
      type: CardProductRef,
      nullable: true,
      description: 'The card product the card was issued from.',
      resolve: r.cardProduct,
    }),
    spendingControls: t.field({
      type: [SpendingControlRef],
      description: 'Spending limits per period.',
      resolve: r.cardSpendingControls,
    }),
    riskControls: t.field({
      type: RiskControlsRef,
      nullable: true,
      description: '3-D Secure and merchant category rules.',
      resolve: r.cardRiskControls,
    }),
    metadata: t.field({
      type: 'JSONObject',
      nullable: true,
      description: 'Your own data stored with the card.',
      resolve: (c) => c.metadata ?? null,
    }),
    updateReason: t.exposeString('update_reason', {
      nullable: true,
      description: 'Reason given for the last status change.',
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the card was created.',
      resolve: (c) => c.create_time || null,
    }),
    cardholder: t.field({
      type: CardholderRef,
      description: 'Who the card belongs to (never changes).',
      resolve: r.cardCardholder,
    }),
    transactions: t.field({
      type: TransactionConnection,
      description: "The card's transactions, optionally within a time window of at most 90 days.",
      args: {
        ...connectionArgs(t.arg),
        from: t.arg({ type: 'DateTime', description: 'Only transactions at or after this time.' }),
        to: t.arg({ type: 'DateTime', description: 'Only transactions at or before this time.' }),
      },
      resolve: tx.cardTransactions,
    }),
  }),
});

builder.queryFields((t) => ({
  card: t.field({
    type: CardRef,
    nullable: true,
    description: 'A card by UQPAY id; null when it does not exist for the acting account.',
    args: { cardId: t.arg({ type: 'UUID', required: true, description: "UQPAY's card id." }) },
    resolve: r.card,
  }),
  cards: t.field({
    type: CardConnection,
    description: "The acting account's cards.",
    args: {
      ...connectionArgs(t.arg),
      status: t.arg({ type: CardStatusEnum, description: 'Only cards in this status.' }),
      cardholderId: t.arg({ type: 'UUID', description: "Only this cardholder's cards." }),
    },
    resolve: r.cards,
  }),
}));

const SpendingControlInput = inputFromZod('SpendingControlInput', r.SpendingControlInput, {
  description: 'A spending limit over a period.',
  fields: {
    amount: field('Decimal', 'The most that can be spent in the period (> 0), in the card currency.'),
    interval: field(SpendingIntervalEnum, 'The period.'),
  },
});

const RiskControlsInput = inputFromZod('RiskControlsInput', r.RiskControlsInput, {
  description: 'Which transactions the card accepts.',
  fields: {
    allow3dsTransactions: field('Boolean', 'Allow 3-D Secure transactions.'),
    allowedMcc: field(['String'], 'Only these 4-digit merchant category codes.'),
    blockedMcc: field(['String'], 'Refuse these 4-digit merchant category codes.'),
  },
});

const CreateCardInput = inputFromZod('CreateCardInput', r.CreateCardInput, {
  description: 'A new virtual card for a SUCCESS cardholder.',
  fields: {
    cardholderId: field('UUID', 'Who the card is for (status SUCCESS).'),
    productId: field('UUID', 'The card product (see `cardProducts`).'),
    currency: field('CurrencyCode', "Card currency, one of the product's currencies."),
    cardLimit: field(
      'Decimal',
      'Card limit (≥ 0). For SINGLE cards this amount moves from the issuing balance onto the card.',
    ),
    spendingControls: field([SpendingControlInput], 'Spending limits per period.'),
    riskControls: field(RiskControlsInput, '3-D Secure and merchant category rules.'),
    metadata: field('JSONObject', 'Your own data to store with the card (≤ 3200 bytes as JSON).'),
    usageType: field(UsageTypeEnum, 'Reusable (default) or single use.'),
    autoCancelTrigger: field(
      AutoCancelTriggerEnum,
      'When a ONE_TIME card cancels itself: required when usageType is ONE_TIME, refused otherwise.',
    ),
    idempotencyKey,
  },
});

const AssignCardInput = inputFromZod('AssignCardInput', r.AssignCardInput, {
  description:
    'Assign a provisioned (e.g. physical) card to a cardholder by its full card number. The number is never echoed' +
    ' back.',
  fields: {
    cardholderId: field('UUID', 'Who the card is for (status SUCCESS).'),
    cardNumber: field('String', 'The full card number (PAN). Never logged or returned.'),
    currency: field('CurrencyCode', 'Card currency.'),
    mode: field(CardModeEnum, 'SINGLE or SHARE.'),
    idempotencyKey,
  },
});

const UpdateCardInput = inputFromZod('UpdateCardInput', r.UpdateCardInput, {
  description: "Changes to a card's settings; omitted fields are left as they are.",
  fields: {
    cardId: field('UUID', 'The card to change.'),
    cardLimit: field('Decimal', 'New card limit (not for SINGLE cards: recharge or withdraw instead).'),
    noPinPaymentAmount: field('Decimal', 'New largest payment accepted without PIN, in the card currency.'),
    spendingControls: field([SpendingControlInput], 'New spending limits (replace the old ones).'),
    riskControls: field(RiskControlsInput, 'New 3-D Secure and merchant category rules.'),
    metadata: field('JSONObject', 'New metadata (≤ 3200 bytes as JSON).'),
    idempotencyKey,
  },
});

const SetCardStatusInput = inputFromZod('SetCardStatusInput', r.SetCardStatusInput, {
  description: 'Freeze, unfreeze or cancel a card. ACTIVE ⇄ FROZEN; ACTIVE or FROZEN → CANCELLED (final).',
  fields: {
    cardId: field('UUID', 'The card.'),
    status: field(CardStatusChangeEnum, 'The state to move to.'),
    reason: field('String', "Why (kept as the card's `updateReason`)."),
    idempotencyKey,
  },
});

const CardAmountInput = inputFromZod('CardAmountInput', r.CardAmountInput, {
  description: 'An amount to move onto (recharge) or off (withdraw) a card, in the card currency.',
  fields: {
    cardId: field('UUID', 'The card.'),
    amount: field('Decimal', 'Amount (> 0, at most 2 decimals) in the card currency.'),
    idempotencyKey,
  },
});

const ElevateCardLimitInput = inputFromZod('ElevateCardLimitInput', r.ElevateCardLimitInput, {
  description: "Raise a card's per-transaction limit for a number of days.",
  fields: {
    cardId: field('UUID', 'The card (of the acting account).'),
    limitAmount: field('Decimal', 'The raised per-transaction limit (> 0, at most 2 decimals), in the card currency.'),
    durationInDays: field('Int', `How many days the raised limit lasts (1–${r.MAX_ELEVATION_DAYS}).`),
    idempotencyKey,
  },
});

const cardField = (what: string) => (t: PothosSchemaTypes.ObjectFieldBuilder<PothosTypes, r.CardPayload>) =>
  t.field({
    type: CardRef,
    nullable: true,
    description:
      `The card ${what}, re-read; null when nothing was changed ` +
      '(userErrors, except CARDHOLDER_KYC_PENDING: the card exists and waits).',
    resolve: r.payloadCard,
  });
const orderField = (what: string) => (t: PothosSchemaTypes.ObjectFieldBuilder<PothosTypes, r.CardPayload>) =>
  t.field({ type: CardOrderRef, nullable: true, description: what, resolve: (p) => p.order ?? null });

const CreateCardPayload = payloadType<r.CardPayload>('CreateCardPayload', 'Result of createCard.', (t) => ({
  card: cardField('as issued')(t),
  order: orderField('The card creation order (UQPAY finishes issuing asynchronously).')(t),
}));
const AssignCardPayload = payloadType<r.CardPayload>('AssignCardPayload', 'Result of assignCard.', (t) => ({
  card: cardField('as assigned')(t),
  order: orderField('The card assignment order.')(t),
}));
const UpdateCardPayload = payloadType<r.CardPayload>('UpdateCardPayload', 'Result of updateCard.', (t) => ({
  card: cardField('after the change')(t),
}));
const SetCardStatusPayload = payloadType<r.CardPayload>('SetCardStatusPayload', 'Result of setCardStatus.', (t) => ({
  card: cardField('in its new state')(t),
  order: orderField('The status change order.')(t),
}));
const ElevateCardLimitPayload = payloadType<r.CardPayload>(
  'ElevateCardLimitPayload',
  'Result of elevateCardLimit.',
  (t) => ({
    card: cardField('whose limit was raised')(t),
    order: orderField(
      'The card update order UQPAY opened for the elevation, as UQPAY answered it (id, status); `cardOrder(orderId:)` ' +
        'reads the whole order.',
    )(t),
  }),
);
const CardOrderPayload = payloadType<r.CardPayload>(
  'CardOrderPayload',
  'Result of rechargeCard or withdrawCard.',
  (t) => ({
    order: orderField('The recharge or withdrawal order.')(t),
    card: cardField('with its new available balance')(t),
  }),
);

builder.mutationFields((t) => ({
  createCard: t.field({
    type: CreateCardPayload,
    description:
      'Issue a virtual card. Errors: CARDHOLDER_NOT_ELIGIBLE, KYC_INSUFFICIENT (one per field the product needs ' +
      'and the cardholder lacks, ' +
      'at ["input", "cardholderId"]), NOT_FOUND, INSUFFICIENT_BALANCE (SINGLE card limit), VALIDATION. ' +
      'CARDHOLDER_KYC_PENDING: the ' +
      "cardholder's KYC is under review, the card and its order are returned PENDING and the card is issued when " +
      'the review passes.',
    args: { input: t.arg({ type: CreateCardInput, required: true, description: 'The card.' }) },
    resolve: r.createCard,
  }),
  assignCard: t.field({
    type: AssignCardPayload,
    description:
      'Assign a provisioned card to a cardholder. Errors: INVALID_CARD_NUMBER, CARD_ALREADY_ASSIGNED, ' +
      'CARDHOLDER_NOT_ELIGIBLE.',
    args: { input: t.arg({ type: AssignCardInput, required: true, description: 'The card and cardholder.' }) },
    resolve: r.assignCard,
  }),
  updateCard: t.field({
    type: UpdateCardPayload,
    description: "Change a card's limits, controls or metadata.",
    args: { input: t.arg({ type: UpdateCardInput, required: true, description: 'The changes.' }) },
    resolve: r.updateCard,
  }),
  setCardStatus: t.field({
    type: SetCardStatusPayload,
    description: 'Freeze, unfreeze or cancel a card. A move UQPAY does not allow → INVALID_STATUS_TRANSITION.',
    args: { input: t.arg({ type: SetCardStatusInput, required: true, description: 'The card and its new state.' }) },
    resolve: r.setCardStatus,
  }),
  elevateCardLimit: t.field({
    type: ElevateCardLimitPayload,
    description:
      "Raise a card's per-transaction limit for a while (UQPAY's elevate_limit). Errors: NOT_FOUND (no such card " +
      'for the acting account), INVALID_CARD_STATUS, VALIDATION.',
    args: {
      input: t.arg({ type: ElevateCardLimitInput, required: true, description: 'The card, limit and duration.' }),
    },
    resolve: r.elevateCardLimit,
  }),
  rechargeCard: t.field({
    type: CardOrderPayload,
    description:
      'Add funds to a card (SINGLE: from the issuing balance). Errors: INSUFFICIENT_BALANCE, INVALID_CARD_STATUS.',
    args: { input: t.arg({ type: CardAmountInput, required: true, description: 'The card and amount.' }) },
    resolve: r.rechargeCard,
  }),
  withdrawCard: t.field({
    type: CardOrderPayload,
    description:
      'Take funds off a card (SINGLE: back to the issuing balance). Errors: INSUFFICIENT_BALANCE, ' +
      'INVALID_CARD_STATUS.',
    args: { input: t.arg({ type: CardAmountInput, required: true, description: 'The card and amount.' }) },
    resolve: r.withdrawCard,
  }),
}));
