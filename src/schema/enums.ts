// Enums mirror UQPAY's UPPER_CASE values. Each enum's values are the datasource's list
// (datasources/uqpay/resources/enums.ts), never retyped here: the descriptions are a `Record` over that list, so
// a value without a description, or a description for a value UQPAY does not have, does not compile. Those UQPAY
// answers with are `upstreamEnum`s: a value the schema does not list degrades to a documented fallback instead of
// failing the field (see upstream-enums.ts); lower-case upstream variants ("completed") are normalised on the way.
import {
  AUTO_CANCEL_TRIGGERS,
  BALANCE_STATUSES,
  CARD_MODES,
  CARD_ORDER_TYPES,
  CARD_STATUSES,
  CARD_STATUS_CHANGES,
  CARDHOLDER_STATUSES,
  FORM_FACTORS,
  GENDERS,
  IDENTITY_TYPES,
  KYC_METHODS,
  ORDER_STATUSES,
  SPENDING_INTERVALS,
  TRANSACTION_STATUSES,
  TRANSFER_STATUSES,
  USAGE_TYPES,
  type UpstreamValue,
} from '../datasources/uqpay';
import { builder, type PothosTypes } from './builder';
import { registerUpstreamEnum, UNKNOWN } from './upstream-enums';

type Descriptions<V extends readonly string[]> = Record<V[number], string>;

/** An enum clients send (inputs only): exactly the listed values, each with its description. */
function enumOf<const V extends readonly string[]>(
  name: string,
  description: string,
  values: V,
  descriptions: Descriptions<V>,
) {
  const config = {} as Record<V[number], { description: string }>;
  for (const value of values as readonly V[number][]) config[value] = { description: descriptions[value] };
  return builder.enumType(name, { description, values: config });
}

const UNKNOWN_DESCRIPTION =
  'A value UQPAY sent that this API does not know yet (the gateway logs it once). Never a filter: as an argument ' +
  'it is refused.';

/**
 * An enum UQPAY answers with. `fallback: 'UNKNOWN'` adds an UNKNOWN value, answered for values not listed here
 * (for enums in non-null fields); `fallback: null` answers null and drops unknown list items (nullable fields only).
 * Its fields resolve to what UQPAY sent (`UpstreamValue`): the upstreamEnums plugin maps that onto the listed
 * values or the fallback, so no resolver narrows an upstream string itself. As an input it takes the listed
 * values (and UNKNOWN, which the plugin refuses as an argument).
 */
function upstreamEnum<const V extends readonly string[]>(
  name: string,
  description: string,
  values: V,
  descriptions: Descriptions<V>,
  fallback: null,
): PothosSchemaTypes.EnumRef<PothosTypes, UpstreamValue<V[number]>, V[number]>;
function upstreamEnum<const V extends readonly string[]>(
  name: string,
  description: string,
  values: V,
  descriptions: Descriptions<V>,
  fallback: typeof UNKNOWN,
): PothosSchemaTypes.EnumRef<PothosTypes, UpstreamValue<V[number]>, V[number] | typeof UNKNOWN>;
function upstreamEnum<const V extends readonly string[]>(
  name: string,
  description: string,
  values: V,
  descriptions: Descriptions<V>,
  fallback: typeof UNKNOWN | null,
) {
  registerUpstreamEnum(name, values, fallback);
  if (fallback === null) {
    const suffix =
      ' A value UQPAY adds later is answered as null, or left out of a list (and logged once by the gateway).';
    return enumOf(name, description + suffix, values, descriptions);
  }
  const suffix = ' A value UQPAY adds later is answered as UNKNOWN (and logged once by the gateway).';
  const withUnknown = [...values, UNKNOWN] as const;
  return enumOf(name, description + suffix, withUnknown, { ...descriptions, [UNKNOWN]: UNKNOWN_DESCRIPTION });
}

export const CardholderStatusEnum = upstreamEnum(
  'CardholderStatus',
  'Where a cardholder stands in onboarding (KYC).',
  CARDHOLDER_STATUSES,
  {
    SUCCESS: 'Onboarded: cards can be issued.',
    PENDING: 'Under review.',
    INCOMPLETE: 'Waiting for the cardholder to finish identity verification.',
    FAILED: 'Rejected.',
  },
  UNKNOWN,
);

export const GenderEnum = upstreamEnum(
  'Gender',
  'Gender as recorded by UQPAY.',
  GENDERS,
  { MALE: 'Male.', FEMALE: 'Female.' },
  null,
);

export const IdentityTypeEnum = enumOf('IdentityType', 'Kind of identity document.', IDENTITY_TYPES, {
  ID_CARD: 'A national identity card.',
  PASSPORT: 'A passport.',
});

export const KycMethodEnum = enumOf('KycMethod', 'How an ENHANCED-KYC cardholder is verified.', KYC_METHODS, {
  THIRD_PARTY: 'Already verified by a third party (give provider and referenceId).',
  SUMSUB_REDIRECT: 'The cardholder verifies at a Sumsub URL (see `idvVerificationUrl`).',
});

export const CardStatusEnum = upstreamEnum(
  'CardStatus',
  'The state of a card.',
  CARD_STATUSES,
  {
    PENDING: 'Being issued.',
    ACTIVE: 'Usable.',
    FROZEN: 'Temporarily blocked by the issuer; can be reactivated.',
    BLOCKED: 'Blocked by UQPAY.',
    PRE_CANCEL: 'Being cancelled.',
    CANCELLED: 'Cancelled for good.',
    LOST: 'Reported lost.',
    STOLEN: 'Reported stolen.',
    FAILED: 'Issuing failed.',
  },
  UNKNOWN,
);

export const CardStatusChangeEnum = enumOf(
  'CardStatusChange',
  'The states a card can be moved to with `setCardStatus`.',
  CARD_STATUS_CHANGES,
  {
    ACTIVE: 'Unfreeze a FROZEN card.',
    FROZEN: 'Freeze an ACTIVE card.',
    CANCELLED: "Cancel an ACTIVE or FROZEN card (terminal; a SINGLE card's funds return to the issuing balance).",
  },
);

export const CardModeEnum = upstreamEnum(
  'CardMode',
  'How a card is funded.',
  CARD_MODES,
  {
    SINGLE: 'Prepaid: funds move from the issuing balance onto the card.',
    SHARE: "Shares the issuing balance, capped by the card's available balance.",
  },
  UNKNOWN,
);

export const FormFactorEnum = upstreamEnum(
  'FormFactor',
  'Virtual or physical card.',
  FORM_FACTORS,
  { VIRTUAL: 'A virtual card.', PHYSICAL: 'A physical card.' },
  null,
);

export const UsageTypeEnum = enumOf('CardUsageType', 'Whether a card can be used repeatedly.', USAGE_TYPES, {
  NORMAL: 'Reusable.',
  ONE_TIME: 'Single use.',
});

export const AutoCancelTriggerEnum = enumOf(
  'AutoCancelTrigger',
  'When a ONE_TIME card cancels itself.',
  AUTO_CANCEL_TRIGGERS,
  {
    ON_AUTH: 'After its first authorization.',
    ON_CAPTURE: 'After its first capture (settlement).',
  },
);

export const SpendingIntervalEnum = upstreamEnum(
  'SpendingInterval',
  'The period a spending limit applies to.',
  SPENDING_INTERVALS,
  {
    PER_TRANSACTION: 'Each transaction.',
    DAILY: 'Per calendar day.',
    WEEKLY: 'Per week.',
    MONTHLY: 'Per month.',
    YEARLY: 'Per year.',
    ALL_TIME: "Over the card's life.",
  },
  UNKNOWN,
);

export const OrderStatusEnum = upstreamEnum(
  'OrderStatus',
  'Progress of an asynchronous card order.',
  ORDER_STATUSES,
  {
    PENDING: 'Accepted, not started.',
    PROCESSING: 'In progress.',
    SUCCESS: 'Completed.',
    FAILED: 'Failed; nothing changed.',
  },
  UNKNOWN,
);

export const CardOrderTypeEnum = upstreamEnum(
  'CardOrderType',
  'What a card order does.',
  CARD_ORDER_TYPES,
  {
    CARD_CREATE: 'Issue a card.',
    CARD_UPDATE: 'Change a card (settings or status).',
    CARD_RECHARGE: 'Add funds to a card.',
    CARD_WITHDRAW: 'Take funds off a card.',
  },
  UNKNOWN,
);

export const BalanceStatusEnum = upstreamEnum(
  'BalanceStatus',
  'State of an issuing balance.',
  BALANCE_STATUSES,
  {
    ACTIVE: 'Usable.',
    PENDING: 'Being opened.',
    PROCESSING: 'Being changed.',
    CLOSED: 'Closed.',
  },
  UNKNOWN,
);

export const TransferStatusEnum = upstreamEnum(
  'TransferStatus',
  'Progress of a transfer between accounts.',
  TRANSFER_STATUSES,
  {
    PENDING: 'Accepted, not yet settled.',
    COMPLETED: 'Settled.',
    FAILED: 'Failed; no money moved.',
  },
  UNKNOWN,
);

export const TransactionStatusEnum = upstreamEnum(
  'TransactionStatus',
  'Outcome of a card transaction.',
  TRANSACTION_STATUSES,
  {
    APPROVED: 'Approved.',
    DECLINED: 'Declined.',
    PENDING: 'Not yet decided or settled.',
    REVERSED: 'Reversed: the amount went back to the card.',
  },
  UNKNOWN,
);
