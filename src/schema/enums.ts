// Enums mirror UQPAY's UPPER_CASE values. Those UQPAY answers with are `upstreamEnum`s: a value the schema does
// not list degrades to a documented fallback instead of failing the field (see upstream-enums.ts); lower-case
// upstream variants ("completed") are normalised on the way.
import { builder } from './builder';
import { registerUpstreamEnum, UNKNOWN } from './upstream-enums';

/** An enum clients send (inputs only): exactly these values. */
function enumOf<const K extends string>(name: string, description: string, values: Record<K, string>) {
  const config = {} as Record<K, { description: string }>;
  for (const key of Object.keys(values) as K[]) config[key] = { description: values[key] };
  return builder.enumType(name, { description, values: config });
}

const UNKNOWN_DESCRIPTION =
  'A value UQPAY sent that this API does not know yet (the gateway logs it once). Never a filter: as an argument ' +
  'it is refused.';

/**
 * An enum UQPAY answers with. `fallback: 'UNKNOWN'` adds an UNKNOWN value, answered for values not listed here
 * (for enums in non-null fields); `fallback: null` answers null and drops unknown list items (nullable fields only).
 */
function upstreamEnum<const K extends string>(
  name: string,
  description: string,
  values: Record<K, string>,
  fallback: null,
): ReturnType<typeof enumOf<K>>;
function upstreamEnum<const K extends string>(
  name: string,
  description: string,
  values: Record<K, string>,
  fallback: typeof UNKNOWN,
): ReturnType<typeof enumOf<K | typeof UNKNOWN>>;
function upstreamEnum<const K extends string>(
  name: string,
  description: string,
  values: Record<K, string>,
  fallback: typeof UNKNOWN | null,
) {
  registerUpstreamEnum(name, Object.keys(values), fallback);
  if (fallback === null) {
    const suffix =
      ' A value UQPAY adds later is answered as null, or left out of a list (and logged once by the gateway).';
    return enumOf(name, description + suffix, values);
  }
  const suffix = ' A value UQPAY adds later is answered as UNKNOWN (and logged once by the gateway).';
  const withUnknown = { ...values, [UNKNOWN]: UNKNOWN_DESCRIPTION } as Record<K | typeof UNKNOWN, string>;
  return enumOf(name, description + suffix, withUnknown);
}

export const CardholderStatusEnum = upstreamEnum('CardholderStatus', 'Where a cardholder stands in onboarding (KYC).', {
  SUCCESS: 'Onboarded: cards can be issued.',
  PENDING: 'Under review.',
  INCOMPLETE: 'Waiting for the cardholder to finish identity verification.',
  FAILED: 'Rejected.',
}, UNKNOWN);

export const GenderEnum = upstreamEnum(
  'Gender',
  'Gender as recorded by UQPAY.',
  { MALE: 'Male.', FEMALE: 'Female.' },
  null,
);

export const IdentityTypeEnum = enumOf('IdentityType', 'Kind of identity document.', {
  ID_CARD: 'A national identity card.',
  PASSPORT: 'A passport.',
});

export const KycMethodEnum = enumOf('KycMethod', 'How an ENHANCED-KYC cardholder is verified.', {
  THIRD_PARTY: 'Already verified by a third party (give provider and referenceId).',
  SUMSUB_REDIRECT: 'The cardholder verifies at a Sumsub URL (see `idvVerificationUrl`).',
});

export const CardStatusEnum = upstreamEnum('CardStatus', 'The state of a card.', {
  PENDING: 'Being issued.',
  ACTIVE: 'Usable.',
  FROZEN: 'Temporarily blocked by the issuer; can be reactivated.',
  BLOCKED: 'Blocked by UQPAY.',
  PRE_CANCEL: 'Being cancelled.',
  CANCELLED: 'Cancelled for good.',
  LOST: 'Reported lost.',
  STOLEN: 'Reported stolen.',
  FAILED: 'Issuing failed.',
}, UNKNOWN);

export const CardStatusChangeEnum = enumOf('CardStatusChange', 'The states a card can be moved to with `setCardStatus`.', {
  ACTIVE: 'Unfreeze a FROZEN card.',
  FROZEN: 'Freeze an ACTIVE card.',
  CANCELLED: 'Cancel an ACTIVE or FROZEN card (terminal; a SINGLE card\'s funds return to the issuing balance).',
});

export const CardModeEnum = upstreamEnum('CardMode', 'How a card is funded.', {
  SINGLE: 'Prepaid: funds move from the issuing balance onto the card.',
  SHARE: 'Shares the issuing balance, capped by the card\'s available balance.',
}, UNKNOWN);

export const FormFactorEnum = upstreamEnum(
  'FormFactor',
  'Virtual or physical card.',
  { VIRTUAL: 'A virtual card.', PHYSICAL: 'A physical card.' },
  null,
);

export const UsageTypeEnum = enumOf('CardUsageType', 'Whether a card can be used repeatedly.', {
  NORMAL: 'Reusable.',
  ONE_TIME: 'Single use.',
});

export const AutoCancelTriggerEnum = enumOf('AutoCancelTrigger', 'When a ONE_TIME card cancels itself.', {
  ON_AUTH: 'After its first authorization.',
  ON_CAPTURE: 'After its first capture (settlement).',
});

export const SpendingIntervalEnum = upstreamEnum('SpendingInterval', 'The period a spending limit applies to.', {
  PER_TRANSACTION: 'Each transaction.',
  DAILY: 'Per calendar day.',
  WEEKLY: 'Per week.',
  MONTHLY: 'Per month.',
  YEARLY: 'Per year.',
  ALL_TIME: 'Over the card\'s life.',
}, UNKNOWN);

export const OrderStatusEnum = upstreamEnum('OrderStatus', 'Progress of an asynchronous card order.', {
  PENDING: 'Accepted, not started.',
  PROCESSING: 'In progress.',
  SUCCESS: 'Completed.',
  FAILED: 'Failed; nothing changed.',
}, UNKNOWN);

export const CardOrderTypeEnum = upstreamEnum('CardOrderType', 'What a card order does.', {
  CARD_CREATE: 'Issue a card.',
  CARD_UPDATE: 'Change a card (settings or status).',
  CARD_RECHARGE: 'Add funds to a card.',
  CARD_WITHDRAW: 'Take funds off a card.',
}, UNKNOWN);

export const BalanceStatusEnum = upstreamEnum('BalanceStatus', 'State of an issuing balance.', {
  ACTIVE: 'Usable.',
  PENDING: 'Being opened.',
  PROCESSING: 'Being changed.',
  CLOSED: 'Closed.',
}, UNKNOWN);

export const TransferStatusEnum = upstreamEnum('TransferStatus', 'Progress of a transfer between accounts.', {
  PENDING: 'Accepted, not yet settled.',
  COMPLETED: 'Settled.',
  FAILED: 'Failed; no money moved.',
}, UNKNOWN);

export const TransactionStatusEnum = upstreamEnum('TransactionStatus', 'Outcome of a card transaction.', {
  APPROVED: 'Approved.',
  DECLINED: 'Declined.',
  PENDING: 'Not yet decided or settled.',
  REVERSED: 'Reversed: the amount went back to the card.',
}, UNKNOWN);
