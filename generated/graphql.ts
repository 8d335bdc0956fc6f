/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A postal address. */
export type AddressInput = {
  /** City. */
  city: string;
  /** ISO 3166-1 alpha-2 country. */
  country: string;
  /** District. */
  district?: string | null | undefined;
  /** First address line. */
  line1: string;
  /** Second address line. */
  line2?: string | null | undefined;
  /** The address in English, when line1/line2 are not. */
  lineEn?: string | null | undefined;
  /** Postal code. */
  postalCode?: string | null | undefined;
  /** State or province. */
  state?: string | null | undefined;
};

/** When a ONE_TIME card cancels itself. */
export type AutoCancelTrigger =
  /** After its first authorization. */
  | 'ON_AUTH'
  /** After its first capture (settlement). */
  | 'ON_CAPTURE';

/** An amount to move onto (recharge) or off (withdraw) a card, in the card currency. */
export type CardAmountInput = {
  /** Amount (> 0, at most 2 decimals) in the card currency. */
  amount: string;
  /** The card. */
  cardId: string;
  /** Retrying with the same key (and the same input) never applies the change twice; keys are kept 24 hours, per API client. Required on the mutations that move money (IDEMPOTENCY_KEY_REQUIRED without one); the same key for a different request → IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey?: string | null | undefined;
};

/** The card whose details the cardholder wants to see. */
export type CardDetailsTokenInput = {
  /** The card (ACTIVE, FROZEN or PENDING). */
  cardId: string;
  /** Retrying with the same key (and the same input) never applies the change twice; keys are kept 24 hours, per API client. Required on the mutations that move money (IDEMPOTENCY_KEY_REQUIRED without one); the same key for a different request → IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey?: string | null | undefined;
};

/** How a card is funded. A value UQPAY adds later is answered as UNKNOWN (and logged once by the gateway). */
export type CardMode =
  /** Shares the issuing balance, capped by the card's available balance. */
  | 'SHARE'
  /** Prepaid: funds move from the issuing balance onto the card. */
  | 'SINGLE'
  /** A value UQPAY sent that this API does not know yet (the gateway logs it once). Never a filter: as an argument it is refused. */
  | 'UNKNOWN';

/** What a card order does. A value UQPAY adds later is answered as UNKNOWN (and logged once by the gateway). */
export type CardOrderType =
  /** Issue a card. */
  | 'CARD_CREATE'
  /** Add funds to a card. */
  | 'CARD_RECHARGE'
  /** Change a card (settings or status). */
  | 'CARD_UPDATE'
  /** Take funds off a card. */
  | 'CARD_WITHDRAW'
  /** A value UQPAY sent that this API does not know yet (the gateway logs it once). Never a filter: as an argument it is refused. */
  | 'UNKNOWN';

/** The state of a card. A value UQPAY adds later is answered as UNKNOWN (and logged once by the gateway). */
export type CardStatus =
  /** Usable. */
  | 'ACTIVE'
  /** Blocked by UQPAY. */
  | 'BLOCKED'
  /** Cancelled for good. */
  | 'CANCELLED'
  /** Issuing failed. */
  | 'FAILED'
  /** Temporarily blocked by the issuer; can be reactivated. */
  | 'FROZEN'
  /** Reported lost. */
  | 'LOST'
  /** Being issued. */
  | 'PENDING'
  /** Being cancelled. */
  | 'PRE_CANCEL'
  /** Reported stolen. */
  | 'STOLEN'
  /** A value UQPAY sent that this API does not know yet (the gateway logs it once). Never a filter: as an argument it is refused. */
  | 'UNKNOWN';

/** The states a card can be moved to with `setCardStatus`. */
export type CardStatusChange =
  /** Unfreeze a FROZEN card. */
  | 'ACTIVE'
  /** Cancel an ACTIVE or FROZEN card (terminal; a SINGLE card's funds return to the issuing balance). */
  | 'CANCELLED'
  /** Freeze an ACTIVE card. */
  | 'FROZEN';

/** Whether a card can be used repeatedly. */
export type CardUsageType =
  /** Reusable. */
  | 'NORMAL'
  /** Single use. */
  | 'ONE_TIME';

/** Where a cardholder stands in onboarding (KYC). A value UQPAY adds later is answered as UNKNOWN (and logged once by the gateway). */
export type CardholderStatus =
  /** Rejected. */
  | 'FAILED'
  /** Waiting for the cardholder to finish identity verification. */
  | 'INCOMPLETE'
  /** Under review. */
  | 'PENDING'
  /** Onboarded: cards can be issued. */
  | 'SUCCESS'
  /** A value UQPAY sent that this API does not know yet (the gateway logs it once). Never a filter: as an argument it is refused. */
  | 'UNKNOWN';

/** A new virtual card for a SUCCESS cardholder. */
export type CreateCardInput = {
  /** When a ONE_TIME card cancels itself: required when usageType is ONE_TIME, refused otherwise. */
  autoCancelTrigger?: AutoCancelTrigger | null | undefined;
  /** Card limit (≥ 0). For SINGLE cards this amount moves from the issuing balance onto the card. */
  cardLimit?: string | null | undefined;
  /** Who the card is for (status SUCCESS). */
  cardholderId: string;
  /** Card currency, one of the product's currencies. */
  currency: string;
  /** Retrying with the same key (and the same input) never applies the change twice; keys are kept 24 hours, per API client. Required on the mutations that move money (IDEMPOTENCY_KEY_REQUIRED without one); the same key for a different request → IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey?: string | null | undefined;
  /** Your own data to store with the card (≤ 3200 bytes as JSON). */
  metadata?: Record<string, unknown> | null | undefined;
  /** The card product (see `cardProducts`). */
  productId: string;
  /** 3-D Secure and merchant category rules. */
  riskControls?: RiskControlsInput | null | undefined;
  /** Spending limits per period. */
  spendingControls?: Array<SpendingControlInput> | null | undefined;
  /** Reusable (default) or single use. */
  usageType?: CardUsageType | null | undefined;
};

/** A new cardholder. Which optional fields are needed depends on the KYC level of the products you will issue. */
export type CreateCardholderInput = {
  /** Country of the phone number. */
  countryCode: string;
  /** Date of birth. */
  dateOfBirth?: string | null | undefined;
  /** Email, unique among the account's cardholders. */
  email: string;
  /** First name: 1–40 letters, spaces between words. */
  firstName: string;
  /** Gender. */
  gender?: Gender | null | undefined;
  /** Retrying with the same key (and the same input) never applies the change twice; keys are kept 24 hours, per API client. Required on the mutations that move money (IDEMPOTENCY_KEY_REQUIRED without one); the same key for a different request → IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey?: string | null | undefined;
  /** Identity document. */
  identity?: IdentityInput | null | undefined;
  /** Verification for ENHANCED-KYC products. */
  kycVerification?: KycVerificationInput | null | undefined;
  /** Last name: 1–40 letters, spaces between words. */
  lastName: string;
  /** Nationality. */
  nationality?: string | null | undefined;
  /** Phone number without country prefix (digits only), unique among the account's cardholders. */
  phoneNumber: string;
  /** Residential address. */
  residentialAddress?: AddressInput | null | undefined;
};

/** Move funds between the master account and a connected account (either direction). */
export type CreateTransferInput = {
  /** Amount (> 0, at most 2 decimals). */
  amount: string;
  /** Currency of the issuing balances involved. */
  currency: string;
  /** Account to move it to (not the source). */
  destinationAccountId: string;
  /** Retrying with the same key (and the same input) never applies the change twice; keys are kept 24 hours, per API client. Required on the mutations that move money (IDEMPOTENCY_KEY_REQUIRED without one); the same key for a different request → IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey?: string | null | undefined;
  /** Free-text note (≤ 255 characters). */
  remark?: string | null | undefined;
  /** Account to take the money from. */
  sourceAccountId: string;
};

/** Raise a card's per-transaction limit for a number of days. */
export type ElevateCardLimitInput = {
  /** The card (of the acting account). */
  cardId: string;
  /** How many days the raised limit lasts (1–365). */
  durationInDays: number;
  /** Retrying with the same key (and the same input) never applies the change twice; keys are kept 24 hours, per API client. Required on the mutations that move money (IDEMPOTENCY_KEY_REQUIRED without one); the same key for a different request → IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey?: string | null | undefined;
  /** The raised per-transaction limit (> 0, at most 2 decimals), in the card currency. */
  limitAmount: string;
};

/** Virtual or physical card. A value UQPAY adds later is answered as null, or left out of a list (and logged once by the gateway). */
export type FormFactor =
  /** A physical card. */
  | 'PHYSICAL'
  /** A virtual card. */
  | 'VIRTUAL';

/** Gender as recorded by UQPAY. A value UQPAY adds later is answered as null, or left out of a list (and logged once by the gateway). */
export type Gender =
  /** Female. */
  | 'FEMALE'
  /** Male. */
  | 'MALE';

/** An identity document (STANDARD KYC products). */
export type IdentityInput = {
  /** Back image, base64. */
  backFile?: string | null | undefined;
  /** Front image, base64. */
  frontFile: string;
  /** Selfie holding the document, base64. */
  handFile?: string | null | undefined;
  /** Document number. */
  number: string;
  /** Kind of document. */
  type: IdentityType;
};

/** Kind of identity document. */
export type IdentityType =
  /** A national identity card. */
  | 'ID_CARD'
  /** A passport. */
  | 'PASSPORT';

/** Which kind of event this is, and so which of UQPAY's data it carries. Every kind is allow-listed: no activation code, OTP, full card number or cardholder personal data (name, email, phone, date of birth, address) is ever forwarded. */
export type IssuingEventCategory =
  /** `card.*`: the card's state and settings (no cardholder profile, no activation code). */
  | 'CARD'
  /** `cardholder.*`: the cardholder's id and KYC status only. */
  | 'CARDHOLDER'
  /** An event type this API does not know yet: only its ids, type and time. */
  | 'GENERIC'
  /** `issuing.transaction.*` and `issuing.fee.*`: the money movement, card number masked. */
  | 'TRANSACTION';

/** How an ENHANCED-KYC cardholder is verified. */
export type KycMethod =
  /** The cardholder verifies at a Sumsub URL (see `idvVerificationUrl`). */
  | 'SUMSUB_REDIRECT'
  /** Already verified by a third party (give provider and referenceId). */
  | 'THIRD_PARTY';

/** How an ENHANCED-KYC cardholder is verified. */
export type KycVerificationInput = {
  /** Verification method. */
  method: KycMethod;
  /** THIRD_PARTY: who verified the cardholder. */
  provider?: string | null | undefined;
  /** THIRD_PARTY: the provider's reference for the verification. */
  referenceId?: string | null | undefined;
};

/** Progress of an asynchronous card order. A value UQPAY adds later is answered as UNKNOWN (and logged once by the gateway). */
export type OrderStatus =
  /** Failed; nothing changed. */
  | 'FAILED'
  /** Accepted, not started. */
  | 'PENDING'
  /** In progress. */
  | 'PROCESSING'
  /** Completed. */
  | 'SUCCESS'
  /** A value UQPAY sent that this API does not know yet (the gateway logs it once). Never a filter: as an argument it is refused. */
  | 'UNKNOWN';

/** Which transactions the card accepts. */
export type RiskControlsInput = {
  /** Allow 3-D Secure transactions. */
  allow3dsTransactions?: boolean | null | undefined;
  /** Only these 4-digit merchant category codes. */
  allowedMcc?: Array<string> | null | undefined;
  /** Refuse these 4-digit merchant category codes. */
  blockedMcc?: Array<string> | null | undefined;
};

/** Freeze, unfreeze or cancel a card. ACTIVE ⇄ FROZEN; ACTIVE or FROZEN → CANCELLED (final). */
export type SetCardStatusInput = {
  /** The card. */
  cardId: string;
  /** Retrying with the same key (and the same input) never applies the change twice; keys are kept 24 hours, per API client. Required on the mutations that move money (IDEMPOTENCY_KEY_REQUIRED without one); the same key for a different request → IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey?: string | null | undefined;
  /** Why (kept as the card's `updateReason`). */
  reason?: string | null | undefined;
  /** The state to move to. */
  status: CardStatusChange;
};

/** A spending limit over a period. */
export type SpendingControlInput = {
  /** The most that can be spent in the period (> 0), in the card currency. */
  amount: string;
  /** The period. */
  interval: SpendingInterval;
};

/** The period a spending limit applies to. A value UQPAY adds later is answered as UNKNOWN (and logged once by the gateway). */
export type SpendingInterval =
  /** Over the card's life. */
  | 'ALL_TIME'
  /** Per calendar day. */
  | 'DAILY'
  /** Per month. */
  | 'MONTHLY'
  /** Each transaction. */
  | 'PER_TRANSACTION'
  /** A value UQPAY sent that this API does not know yet (the gateway logs it once). Never a filter: as an argument it is refused. */
  | 'UNKNOWN'
  /** Per week. */
  | 'WEEKLY'
  /** Per year. */
  | 'YEARLY';

/** Outcome of a card transaction. A value UQPAY adds later is answered as UNKNOWN (and logged once by the gateway). */
export type TransactionStatus =
  /** Approved. */
  | 'APPROVED'
  /** Declined. */
  | 'DECLINED'
  /** Not yet decided or settled. */
  | 'PENDING'
  /** Reversed: the amount went back to the card. */
  | 'REVERSED'
  /** A value UQPAY sent that this API does not know yet (the gateway logs it once). Never a filter: as an argument it is refused. */
  | 'UNKNOWN';

/** Progress of a transfer between accounts. A value UQPAY adds later is answered as UNKNOWN (and logged once by the gateway). */
export type TransferStatus =
  /** Settled. */
  | 'COMPLETED'
  /** Failed; no money moved. */
  | 'FAILED'
  /** Accepted, not yet settled. */
  | 'PENDING'
  /** A value UQPAY sent that this API does not know yet (the gateway logs it once). Never a filter: as an argument it is refused. */
  | 'UNKNOWN';

/** Changes to a cardholder; omitted fields are left as they are. Names cannot be changed. */
export type UpdateCardholderInput = {
  /** The cardholder to change. */
  cardholderId: string;
  /** New country of the phone number. */
  countryCode?: string | null | undefined;
  /** New date of birth. */
  dateOfBirth?: string | null | undefined;
  /** New email. */
  email?: string | null | undefined;
  /** New gender. */
  gender?: Gender | null | undefined;
  /** Retrying with the same key (and the same input) never applies the change twice; keys are kept 24 hours, per API client. Required on the mutations that move money (IDEMPOTENCY_KEY_REQUIRED without one); the same key for a different request → IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey?: string | null | undefined;
  /** New identity document. */
  identity?: IdentityInput | null | undefined;
  /** Verification for ENHANCED-KYC products. */
  kycVerification?: KycVerificationInput | null | undefined;
  /** New nationality. */
  nationality?: string | null | undefined;
  /** New phone number (digits, no country prefix). */
  phoneNumber?: string | null | undefined;
  /** New residential address. */
  residentialAddress?: AddressInput | null | undefined;
};

export type CardDashboardQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: CardStatus | null | undefined;
}>;


export type CardDashboardQuery = { __typename: 'Query', account: { __typename: 'Account', accountId: string | null, name: string | null, balances: Array<{ __typename: 'Balance', id: string, currency: string, available: { __typename: 'Money', amount: string, currency: string }, frozen: { __typename: 'Money', amount: string, currency: string } | null }> }, cards: { __typename: 'CardConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'CardEdge', cursor: string, node: { __typename: 'Card', id: string, cardId: string, maskedNumber: string | null, status: CardStatus, mode: CardMode, currency: string, availableBalance: { __typename: 'Money', amount: string, currency: string } | null, cardLimit: { __typename: 'Money', amount: string, currency: string } | null, cardholder: { __typename: 'Cardholder', id: string, cardholderId: string, firstName: string, lastName: string, email: string }, product: { __typename: 'CardProduct', productId: string, scheme: string | null, bin: string | null } | null } }> } };

export type CardDetailQueryVariables = Exact<{
  cardId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CardDetailQuery = { __typename: 'Query', card: { __typename: 'Card', id: string, cardId: string, maskedNumber: string | null, status: CardStatus, mode: CardMode, currency: string, metadata: Record<string, unknown> | null, availableBalance: { __typename: 'Money', amount: string, currency: string } | null, consumedAmount: { __typename: 'Money', amount: string, currency: string } | null, noPinPaymentAmount: { __typename: 'Money', amount: string, currency: string } | null, spendingControls: Array<{ __typename: 'SpendingControl', interval: SpendingInterval, amount: { __typename: 'Money', amount: string, currency: string } }>, riskControls: { __typename: 'RiskControls', allow3dsTransactions: boolean | null, allowedMcc: Array<string>, blockedMcc: Array<string> } | null, cardholder: { __typename: 'Cardholder', cardholderId: string, firstName: string, lastName: string }, transactions: { __typename: 'TransactionConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'TransactionEdge', node: { __typename: 'Transaction', transactionId: string, type: string, status: TransactionStatus, transactionTime: string | null, amount: { __typename: 'Money', amount: string, currency: string } | null, merchant: { __typename: 'Merchant', name: string | null, categoryCode: string | null } | null } }> } } | null };

export type CreateCardDetailsTokenMutationVariables = Exact<{
  input: CardDetailsTokenInput;
}>;


export type CreateCardDetailsTokenMutation = { __typename: 'Mutation', createCardDetailsToken: { __typename: 'CardDetailsTokenPayload', token: string | null, expiresAt: string | null, expiresIn: number | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type CardProductsQueryVariables = Exact<{ [key: string]: never; }>;


export type CardProductsQuery = { __typename: 'Query', cardProducts: Array<{ __typename: 'CardProduct', productId: string, mode: CardMode, scheme: string | null, bin: string | null, currencies: Array<string>, kycLevel: string | null, formFactors: Array<FormFactor>, status: string | null, requiredFields: Array<{ __typename: 'CardProductField', name: string, type: string, required: boolean, description: string | null, fields: Array<{ __typename: 'CardProductField', name: string, type: string, required: boolean, description: string | null }> }> }> };

export type CreateCardholderMutationVariables = Exact<{
  input: CreateCardholderInput;
}>;


export type CreateCardholderMutation = { __typename: 'Mutation', createCardholder: { __typename: 'CreateCardholderPayload', cardholder: { __typename: 'Cardholder', id: string, cardholderId: string, status: CardholderStatus, email: string, firstName: string, lastName: string, idvVerificationUrl: string | null } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type UpdateCardholderMutationVariables = Exact<{
  input: UpdateCardholderInput;
}>;


export type UpdateCardholderMutation = { __typename: 'Mutation', updateCardholder: { __typename: 'UpdateCardholderPayload', cardholder: { __typename: 'Cardholder', id: string, cardholderId: string, status: CardholderStatus, email: string, phoneNumber: string } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type CreateCardMutationVariables = Exact<{
  input: CreateCardInput;
}>;


export type CreateCardMutation = { __typename: 'Mutation', createCard: { __typename: 'CreateCardPayload', card: { __typename: 'Card', id: string, cardId: string, status: CardStatus, mode: CardMode, currency: string, maskedNumber: string | null, availableBalance: { __typename: 'Money', amount: string, currency: string } | null } | null, order: { __typename: 'CardOrder', orderId: string, type: CardOrderType, status: OrderStatus } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type CardholdersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: CardholderStatus | null | undefined;
}>;


export type CardholdersQuery = { __typename: 'Query', cardholders: { __typename: 'CardholderConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'CardholderEdge', node: { __typename: 'Cardholder', id: string, cardholderId: string, firstName: string, lastName: string, email: string, status: CardholderStatus, numberOfCards: number } }> } };

export type CardEventsSubscriptionVariables = Exact<{
  cardId?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type CardEventsSubscription = { cardEvents: { __typename: 'CardEvent', eventId: string, cursor: string, type: string, category: IssuingEventCategory, occurredAt: string, succeeded: boolean | null, cardId: string, orderStatus: OrderStatus | null, cardStatus: CardStatus | null, transactionType: string | null, maskedNumber: string | null, amount: { __typename: 'Money', amount: string, currency: string } | null, card: { __typename: 'Card', id: string, cardId: string, status: CardStatus, availableBalance: { __typename: 'Money', amount: string, currency: string } | null } | null } };

export type CardholderEventsSubscriptionVariables = Exact<{
  cardholderId?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type CardholderEventsSubscription = { cardholderEvents: { __typename: 'CardholderEvent', eventId: string, cursor: string, type: string, occurredAt: string, cardholderId: string, cardholderStatus: CardholderStatus | null, cardholder: { __typename: 'Cardholder', id: string, cardholderId: string, status: CardholderStatus } | null } };

export type IssuingEventsSubscriptionVariables = Exact<{
  types?: Array<string> | string | null | undefined;
  after?: string | null | undefined;
}>;


export type IssuingEventsSubscription = { issuingEvents: { __typename: 'IssuingEvent', eventId: string, cursor: string, type: string, occurredAt: string, cardId: string | null, cardholderId: string | null, transactionId: string | null, data: Record<string, unknown>, amount: { __typename: 'Money', amount: string, currency: string } | null } };

export type EventHistoryQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  types?: Array<string> | string | null | undefined;
  cardId?: string | null | undefined;
}>;


export type EventHistoryQuery = { __typename: 'Query', events: { __typename: 'IssuingEventConnection', edges: Array<{ __typename: 'IssuingEventEdge', cursor: string, node: { __typename: 'IssuingEvent', eventId: string, type: string, category: IssuingEventCategory, occurredAt: string, cardId: string | null, cardholderId: string | null, transactionId: string | null, data: Record<string, unknown>, amount: { __typename: 'Money', amount: string, currency: string } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type RechargeCardMutationVariables = Exact<{
  input: CardAmountInput;
}>;


export type RechargeCardMutation = { __typename: 'Mutation', rechargeCard: { __typename: 'CardOrderPayload', order: { __typename: 'CardOrder', orderId: string, type: CardOrderType, status: OrderStatus, amount: { __typename: 'Money', amount: string, currency: string } | null } | null, card: { __typename: 'Card', id: string, cardId: string, availableBalance: { __typename: 'Money', amount: string, currency: string } | null } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type WithdrawCardMutationVariables = Exact<{
  input: CardAmountInput;
}>;


export type WithdrawCardMutation = { __typename: 'Mutation', withdrawCard: { __typename: 'CardOrderPayload', order: { __typename: 'CardOrder', orderId: string, type: CardOrderType, status: OrderStatus, amount: { __typename: 'Money', amount: string, currency: string } | null } | null, card: { __typename: 'Card', id: string, cardId: string, availableBalance: { __typename: 'Money', amount: string, currency: string } | null } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type SetCardStatusMutationVariables = Exact<{
  input: SetCardStatusInput;
}>;


export type SetCardStatusMutation = { __typename: 'Mutation', setCardStatus: { __typename: 'SetCardStatusPayload', card: { __typename: 'Card', id: string, cardId: string, status: CardStatus, updateReason: string | null } | null, order: { __typename: 'CardOrder', orderId: string, status: OrderStatus } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type ElevateCardLimitMutationVariables = Exact<{
  input: ElevateCardLimitInput;
}>;


export type ElevateCardLimitMutation = { __typename: 'Mutation', elevateCardLimit: { __typename: 'ElevateCardLimitPayload', card: { __typename: 'Card', id: string, cardId: string, status: CardStatus } | null, order: { __typename: 'CardOrder', orderId: string, type: CardOrderType, status: OrderStatus } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type CreateTransferMutationVariables = Exact<{
  input: CreateTransferInput;
}>;


export type CreateTransferMutation = { __typename: 'Mutation', createTransfer: { __typename: 'CreateTransferPayload', transfer: { __typename: 'Transfer', id: string, transferId: string, referenceId: string | null, status: TransferStatus, sourceAccountId: string, destinationAccountId: string, createdAt: string | null, amount: { __typename: 'Money', amount: string, currency: string } } | null, userErrors: Array<{ __typename: 'UserError', code: string, message: string, field: Array<string> | null }> } };

export type ConnectedAccountBalancesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConnectedAccountBalancesQuery = { __typename: 'Query', account: { __typename: 'Account', accountId: string | null, balances: Array<{ __typename: 'Balance', currency: string, available: { __typename: 'Money', amount: string, currency: string } }> }, connectedAccounts: { __typename: 'AccountConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'AccountEdge', node: { __typename: 'Account', id: string, accountId: string | null, name: string | null, status: string | null, balances: Array<{ __typename: 'Balance', currency: string, available: { __typename: 'Money', amount: string, currency: string } }> } }> } };

export type TransferQueryVariables = Exact<{
  transferId: string;
}>;


export type TransferQuery = { __typename: 'Query', transfer: { __typename: 'Transfer', id: string, transferId: string, referenceId: string | null, status: TransferStatus, completedAt: string | null, remark: string | null, amount: { __typename: 'Money', amount: string, currency: string }, fee: { __typename: 'Money', amount: string, currency: string } | null } | null };


export const CardDashboardDocument = {"__meta__":{"hash":"sha256:26e33edab76e332732bec47472ff655ecefbfaa50924ef678e0a4812d3591a5f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CardDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CardStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"available"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"frozen"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cards"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"maskedNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cardLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cardholder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"scheme"}},{"kind":"Field","name":{"kind":"Name","value":"bin"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardDashboardQuery, CardDashboardQueryVariables>;
export const CardDetailDocument = {"__meta__":{"hash":"sha256:f029c4f13d6b01c6a5e6e17d36b65db1cb33138ab0a3bc82fcdecb09af46de37"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CardDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"card"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cardId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"maskedNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consumedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"noPinPaymentAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"riskControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"allow3dsTransactions"}},{"kind":"Field","name":{"kind":"Name","value":"allowedMcc"}},{"kind":"Field","name":{"kind":"Name","value":"blockedMcc"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"cardholder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"transactionId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"merchant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transactionTime"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardDetailQuery, CardDetailQueryVariables>;
export const CreateCardDetailsTokenDocument = {"__meta__":{"hash":"sha256:f35761aa105f888a598e48111458e37b4aed50e5631f3cb0913de3efdffbb3c7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCardDetailsToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CardDetailsTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createCardDetailsToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresIn"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCardDetailsTokenMutation, CreateCardDetailsTokenMutationVariables>;
export const CardProductsDocument = {"__meta__":{"hash":"sha256:e638b5d0d6e3feb7d91c73ae5a972f41a4fa15b2bffc906b23c0350ac40ed57a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CardProducts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cardProducts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"scheme"}},{"kind":"Field","name":{"kind":"Name","value":"bin"}},{"kind":"Field","name":{"kind":"Name","value":"currencies"}},{"kind":"Field","name":{"kind":"Name","value":"kycLevel"}},{"kind":"Field","name":{"kind":"Name","value":"formFactors"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"requiredFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardProductsQuery, CardProductsQueryVariables>;
export const CreateCardholderDocument = {"__meta__":{"hash":"sha256:7ed4fe6d7c232cd5be633a0d550bd05b5cc88433267e50e210aedacca6d0a038"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCardholder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCardholderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createCardholder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cardholder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"idvVerificationUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCardholderMutation, CreateCardholderMutationVariables>;
export const UpdateCardholderDocument = {"__meta__":{"hash":"sha256:793d6b1fdeddf9c85480d28c2be5fc8007790e9b99b11d4a1c60537e44a3bc6f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCardholder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCardholderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"updateCardholder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cardholder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateCardholderMutation, UpdateCardholderMutationVariables>;
export const CreateCardDocument = {"__meta__":{"hash":"sha256:db8f603e65a155a775b5aa67fb5462441df7931928186e63c3305b02b0da3cf0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"maskedNumber"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCardMutation, CreateCardMutationVariables>;
export const CardholdersDocument = {"__meta__":{"hash":"sha256:2e036d5d9a4f164fe85eb2d057fbaf8dcead88e33805ec57657e3ec019cdd61c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Cardholders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CardholderStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cardholders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numberOfCards"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardholdersQuery, CardholdersQueryVariables>;
export const CardEventsDocument = {"__meta__":{"hash":"sha256:f8946196e61db8d60d9e944905d676b0657fffba0debf60655e682c0c16ba90e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CardEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cardId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"orderStatus"}},{"kind":"Field","name":{"kind":"Name","value":"cardStatus"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transactionType"}},{"kind":"Field","name":{"kind":"Name","value":"maskedNumber"}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardEventsSubscription, CardEventsSubscriptionVariables>;
export const CardholderEventsDocument = {"__meta__":{"hash":"sha256:4d24eb193393b06a942d6468bc5084a2aece850ca7574c2da9b44e78b3eccfbe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CardholderEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cardholderId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardholderEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cardholderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cardholderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderStatus"}},{"kind":"Field","name":{"kind":"Name","value":"cardholder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<CardholderEventsSubscription, CardholderEventsSubscriptionVariables>;
export const IssuingEventsDocument = {"__meta__":{"hash":"sha256:e8c28c2fe318cb8778d75cd50db5856c4521f38e4366d39614aaa8ccdad521ed"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"IssuingEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuingEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"transactionId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]} as unknown as DocumentNode<IssuingEventsSubscription, IssuingEventsSubscriptionVariables>;
export const EventHistoryDocument = {"__meta__":{"hash":"sha256:0d4fc7c88e39e252559a22d38755b0fb5e59cf96f6bfab2c3da93587cb019a26"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}},{"kind":"Argument","name":{"kind":"Name","value":"cardId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"transactionId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<EventHistoryQuery, EventHistoryQueryVariables>;
export const RechargeCardDocument = {"__meta__":{"hash":"sha256:8df593e76f7b17c4c80056e4f8b57ad88b7ea528f12fed661dc76c76848a8fe6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RechargeCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CardAmountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"rechargeCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<RechargeCardMutation, RechargeCardMutationVariables>;
export const WithdrawCardDocument = {"__meta__":{"hash":"sha256:1c5898e74c46d7e2860b9147dafcd948749338993d831074cced83d80a701c14"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CardAmountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawCardMutation, WithdrawCardMutationVariables>;
export const SetCardStatusDocument = {"__meta__":{"hash":"sha256:5e32322c564b3f779f2ccb7bad351a8e86db6be5d015b7c06efd67efdd74bbe8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetCardStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetCardStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"setCardStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updateReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SetCardStatusMutation, SetCardStatusMutationVariables>;
export const ElevateCardLimitDocument = {"__meta__":{"hash":"sha256:1415af0cfc822ab9c4af8ed758fd77d4683d2753bd60da07adfefea0207ecf59"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ElevateCardLimit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ElevateCardLimitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"elevateCardLimit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ElevateCardLimitMutation, ElevateCardLimitMutationVariables>;
export const CreateTransferDocument = {"__meta__":{"hash":"sha256:b71cd2fbcb30abcf9391f531452444d75d6fb8b85a0839877f5d5affcdcf51f1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTransfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTransferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createTransfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"transferId"}},{"kind":"Field","name":{"kind":"Name","value":"referenceId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sourceAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"destinationAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateTransferMutation, CreateTransferMutationVariables>;
export const ConnectedAccountBalancesDocument = {"__meta__":{"hash":"sha256:86c1477e01a2c676fd29c6f387ba0e0b1ec209cf70e58185b6b819acd5d0542d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConnectedAccountBalances"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"available"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectedAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"available"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConnectedAccountBalancesQuery, ConnectedAccountBalancesQueryVariables>;
export const TransferDocument = {"__meta__":{"hash":"sha256:cbe5596016f782256a6303f6beb6048145b815c5ba37e6a31cf461045ae18db4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Transfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"transferId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"transfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"transferId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"transferId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"transferId"}},{"kind":"Field","name":{"kind":"Name","value":"referenceId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"remark"}}]}}]}}]} as unknown as DocumentNode<TransferQuery, TransferQueryVariables>;