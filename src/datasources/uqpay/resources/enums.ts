// UQPAY's enum values, each list written once. Everything else is derived from these lists: the wire types
// (types.ts: `CardStatus = (typeof CARD_STATUSES)[number]`), the GraphQL enums (schema/enums.ts, where a value
// without a description does not compile) and the input validation (the resolvers' `z.enum(...)`). A value UQPAY
// adds is added here, once. The emulator keeps its own copy on purpose: it is an independent check of this client.
//
// Values are UPPER_CASE as the schema shows them; where UQPAY's wire spelling differs (lower-case transfer statuses,
// "VIR"/"PHY" form factors on products), the reading side normalises to these.

/**
 * A UQPAY enum value as it arrives: one of the listed values, or one UQPAY added since (the schema's upstream
 * enums answer those with their fallback). `string & {}` keeps the known values visible to editors.
 */
export type UpstreamValue<K extends string> = K | (string & {});

/** Where a cardholder stands in onboarding (KYC). */
export const CARDHOLDER_STATUSES = ['SUCCESS', 'PENDING', 'INCOMPLETE', 'FAILED'] as const;

export const CARD_STATUSES = [
  'PENDING',
  'ACTIVE',
  'FROZEN',
  'BLOCKED',
  'PRE_CANCEL',
  'CANCELLED',
  'LOST',
  'STOLEN',
  'FAILED',
] as const;

type CardStatusValue = (typeof CARD_STATUSES)[number];

/** The statuses a card can be moved to (`POST /v1/issuing/cards/{id}/status`): a subset of CARD_STATUSES. */
export const CARD_STATUS_CHANGES = ['ACTIVE', 'FROZEN', 'CANCELLED'] as const satisfies readonly CardStatusValue[];

/** How a card is funded: SINGLE (prepaid from the issuing balance) or SHARE (draws on it). */
export const CARD_MODES = ['SINGLE', 'SHARE'] as const;

/** Progress of an asynchronous card order. */
export const ORDER_STATUSES = ['PENDING', 'PROCESSING', 'SUCCESS', 'FAILED'] as const;

export const CARD_ORDER_TYPES = ['CARD_RECHARGE', 'CARD_WITHDRAW', 'CARD_CREATE', 'CARD_UPDATE'] as const;

export const SPENDING_INTERVALS = ['PER_TRANSACTION', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ALL_TIME'] as const;

/** Spelled out on cards; products abbreviate them ("VIR", "PHY"). */
export const FORM_FACTORS = ['VIRTUAL', 'PHYSICAL'] as const;

/** `usage_type` of a new card. */
export const USAGE_TYPES = ['NORMAL', 'ONE_TIME'] as const;

/** `auto_cancel_trigger` of a ONE_TIME card. */
export const AUTO_CANCEL_TRIGGERS = ['ON_AUTH', 'ON_CAPTURE'] as const;

export const GENDERS = ['MALE', 'FEMALE'] as const;

/** `identity.type` of a cardholder's identity document. */
export const IDENTITY_TYPES = ['ID_CARD', 'PASSPORT'] as const;

/** `kyc_verification.method` for ENHANCED-KYC products. */
export const KYC_METHODS = ['THIRD_PARTY', 'SUMSUB_REDIRECT'] as const;

export const BALANCE_STATUSES = ['ACTIVE', 'PENDING', 'PROCESSING', 'CLOSED'] as const;

/** Upper-cased here; UQPAY answers them in either case ("completed", "COMPLETED"). */
export const TRANSFER_STATUSES = ['PENDING', 'COMPLETED', 'FAILED'] as const;

export const TRANSACTION_STATUSES = ['APPROVED', 'DECLINED', 'PENDING', 'REVERSED'] as const;
