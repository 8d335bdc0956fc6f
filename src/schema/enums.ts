// Enums mirror UQPAY's UPPER_CASE values (lower-case upstream variants are normalised in the resolvers).
import { builder } from './builder';

function enumOf<const K extends string>(name: string, description: string, values: Record<K, string>) {
  const config = {} as Record<K, { description: string }>;
  for (const key of Object.keys(values) as K[]) config[key] = { description: values[key] };
  return builder.enumType(name, { description, values: config });
}

export const CardholderStatusEnum = enumOf('CardholderStatus', 'Where a cardholder stands in onboarding (KYC).', {
  SUCCESS: 'Onboarded: cards can be issued.',
  PENDING: 'Under review.',
  INCOMPLETE: 'Waiting for the cardholder to finish identity verification.',
  FAILED: 'Rejected.',
});

export const GenderEnum = enumOf('Gender', 'Gender as recorded by UQPAY.', { MALE: 'Male.', FEMALE: 'Female.' });

export const IdentityTypeEnum = enumOf('IdentityType', 'Kind of identity document.', {
  ID_CARD: 'A national identity card.',
  PASSPORT: 'A passport.',
});

export const KycMethodEnum = enumOf('KycMethod', 'How an ENHANCED-KYC cardholder is verified.', {
  THIRD_PARTY: 'Already verified by a third party (give provider and referenceId).',
  SUMSUB_REDIRECT: 'The cardholder verifies at a Sumsub URL (see `idvVerificationUrl`).',
});

export const CardStatusEnum = enumOf('CardStatus', 'The state of a card.', {
  PENDING: 'Being issued.',
  ACTIVE: 'Usable.',
  FROZEN: 'Temporarily blocked by the issuer; can be reactivated.',
  BLOCKED: 'Blocked by UQPAY.',
  PRE_CANCEL: 'Being cancelled.',
  CANCELLED: 'Cancelled for good.',
  LOST: 'Reported lost.',
  STOLEN: 'Reported stolen.',
  FAILED: 'Issuing failed.',
});

export const CardStatusChangeEnum = enumOf('CardStatusChange', 'The states a card can be moved to with `setCardStatus`.', {
  ACTIVE: 'Unfreeze a FROZEN card.',
  FROZEN: 'Freeze an ACTIVE card.',
  CANCELLED: 'Cancel an ACTIVE or FROZEN card (terminal; a SINGLE card\'s funds return to the issuing balance).',
});

export const CardModeEnum = enumOf('CardMode', 'How a card is funded.', {
  SINGLE: 'Prepaid: funds move from the issuing balance onto the card.',
  SHARE: 'Shares the issuing balance, capped by the card\'s available balance.',
});

export const FormFactorEnum = enumOf('FormFactor', 'Virtual or physical card.', { VIRTUAL: 'A virtual card.', PHYSICAL: 'A physical card.' });

export const UsageTypeEnum = enumOf('CardUsageType', 'Whether a card can be used repeatedly.', {
  NORMAL: 'Reusable.',
  ONE_TIME: 'Single use.',
});

export const AutoCancelTriggerEnum = enumOf('AutoCancelTrigger', 'When a ONE_TIME card cancels itself.', {
  ON_AUTH: 'After its first authorization.',
  ON_CAPTURE: 'After its first capture (settlement).',
});

export const SpendingIntervalEnum = enumOf('SpendingInterval', 'The period a spending limit applies to.', {
  PER_TRANSACTION: 'Each transaction.',
  DAILY: 'Per calendar day.',
  WEEKLY: 'Per week.',
  MONTHLY: 'Per month.',
  YEARLY: 'Per year.',
  ALL_TIME: 'Over the card\'s life.',
});

export const OrderStatusEnum = enumOf('OrderStatus', 'Progress of an asynchronous card order.', {
  PENDING: 'Accepted, not started.',
  PROCESSING: 'In progress.',
  SUCCESS: 'Completed.',
  FAILED: 'Failed; nothing changed.',
});

export const CardOrderTypeEnum = enumOf('CardOrderType', 'What a card order does.', {
  CARD_CREATE: 'Issue a card.',
  CARD_UPDATE: 'Change a card (settings or status).',
  CARD_RECHARGE: 'Add funds to a card.',
  CARD_WITHDRAW: 'Take funds off a card.',
});

export const BalanceStatusEnum = enumOf('BalanceStatus', 'State of an issuing balance.', {
  ACTIVE: 'Usable.',
  PENDING: 'Being opened.',
  PROCESSING: 'Being changed.',
  CLOSED: 'Closed.',
});

export const TransferStatusEnum = enumOf('TransferStatus', 'Progress of a transfer between accounts.', {
  PENDING: 'Accepted, not yet settled.',
  COMPLETED: 'Settled.',
  FAILED: 'Failed; no money moved.',
});

export const TransactionStatusEnum = enumOf('TransactionStatus', 'Outcome of a card transaction.', {
  APPROVED: 'Approved.',
  DECLINED: 'Declined.',
  PENDING: 'Not yet decided or settled.',
});
