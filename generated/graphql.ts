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


export type CardDashboardQuery = { account: { accountId: string | null, name: string | null, balances: Array<{ id: string, currency: string, available: { amount: string, currency: string }, frozen: { amount: string, currency: string } | null }> }, cards: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, cardId: string, maskedNumber: string | null, status: CardStatus, mode: CardMode, currency: string, availableBalance: { amount: string, currency: string } | null, cardLimit: { amount: string, currency: string } | null, cardholder: { id: string, cardholderId: string, firstName: string, lastName: string, email: string }, product: { productId: string, scheme: string | null, bin: string | null } | null } }> } };

export type CardDetailQueryVariables = Exact<{
  cardId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CardDetailQuery = { card: { id: string, cardId: string, maskedNumber: string | null, status: CardStatus, mode: CardMode, currency: string, metadata: Record<string, unknown> | null, availableBalance: { amount: string, currency: string } | null, consumedAmount: { amount: string, currency: string } | null, noPinPaymentAmount: { amount: string, currency: string } | null, spendingControls: Array<{ interval: SpendingInterval, amount: { amount: string, currency: string } }>, riskControls: { allow3dsTransactions: boolean | null, allowedMcc: Array<string>, blockedMcc: Array<string> } | null, cardholder: { cardholderId: string, firstName: string, lastName: string }, transactions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { transactionId: string, type: string, status: TransactionStatus, transactionTime: string | null, amount: { amount: string, currency: string } | null, merchant: { name: string | null, categoryCode: string | null } | null } }> } } | null };

export type CreateCardDetailsTokenMutationVariables = Exact<{
  input: CardDetailsTokenInput;
}>;


export type CreateCardDetailsTokenMutation = { createCardDetailsToken: { token: string | null, expiresAt: string | null, expiresIn: number | null, userErrors: Array<{ code: string, message: string, field: Array<string> | null }> } };

export type CardProductsQueryVariables = Exact<{ [key: string]: never; }>;


export type CardProductsQuery = { cardProducts: Array<{ productId: string, mode: CardMode, scheme: string | null, bin: string | null, currencies: Array<string>, kycLevel: string | null, formFactors: Array<FormFactor>, status: string | null, requiredFields: Array<{ name: string, type: string, required: boolean, description: string | null, fields: Array<{ name: string, type: string, required: boolean, description: string | null }> }> }> };

export type CreateCardholderMutationVariables = Exact<{
  input: CreateCardholderInput;
}>;


export type CreateCardholderMutation = { createCardholder: { cardholder: { id: string, cardholderId: string, status: CardholderStatus, email: string, firstName: string, lastName: string, idvVerificationUrl: string | null } | null, userErrors: Array<{ code: string, message: string, field: Array<string> | null }> } };

export type UpdateCardholderMutationVariables = Exact<{
  input: UpdateCardholderInput;
}>;


export type UpdateCardholderMutation = { updateCardholder: { cardholder: { id: string, cardholderId: string, status: CardholderStatus, email: string, phoneNumber: string } | null, userErrors: Array<{ code: string, message: string, field: Array<string> | null }> } };

export type CreateCardMutationVariables = Exact<{
  input: CreateCardInput;
}>;


export type CreateCardMutation = { createCard: { card: { id: string, cardId: string, status: CardStatus, mode: CardMode, currency: string, maskedNumber: string | null, availableBalance: { amount: string, currency: string } | null } | null, order: { orderId: string, type: CardOrderType, status: OrderStatus } | null, userErrors: Array<{ code: string, message: string, field: Array<string> | null }> } };

export type CardholdersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: CardholderStatus | null | undefined;
}>;


export type CardholdersQuery = { cardholders: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, cardholderId: string, firstName: string, lastName: string, email: string, status: CardholderStatus, numberOfCards: number } }> } };

export type CardEventsSubscriptionVariables = Exact<{
  cardId?: string | null | undefined;
}>;


export type CardEventsSubscription = { cardEvents: { eventId: string, type: string, category: IssuingEventCategory, occurredAt: string, succeeded: boolean | null, cardId: string, orderStatus: OrderStatus | null, cardStatus: CardStatus | null, transactionType: string | null, maskedNumber: string | null, amount: { amount: string, currency: string } | null, card: { id: string, cardId: string, status: CardStatus, availableBalance: { amount: string, currency: string } | null } | null } };

export type CardholderEventsSubscriptionVariables = Exact<{
  cardholderId?: string | null | undefined;
}>;


export type CardholderEventsSubscription = { cardholderEvents: { eventId: string, type: string, occurredAt: string, cardholderId: string, cardholderStatus: CardholderStatus | null, cardholder: { id: string, cardholderId: string, status: CardholderStatus } | null } };

export type IssuingEventsSubscriptionVariables = Exact<{
  types?: Array<string> | string | null | undefined;
}>;


export type IssuingEventsSubscription = { issuingEvents: { eventId: string, type: string, occurredAt: string, cardId: string | null, cardholderId: string | null, transactionId: string | null, data: Record<string, unknown>, amount: { amount: string, currency: string } | null } };

export type RechargeCardMutationVariables = Exact<{
  input: CardAmountInput;
}>;


export type RechargeCardMutation = { rechargeCard: { order: { orderId: string, type: CardOrderType, status: OrderStatus, amount: { amount: string, currency: string } | null } | null, card: { id: string, cardId: string, availableBalance: { amount: string, currency: string } | null } | null, userErrors: Array<{ code: string, message: string, field: Array<string> | null }> } };

export type WithdrawCardMutationVariables = Exact<{
  input: CardAmountInput;
}>;


export type WithdrawCardMutation = { withdrawCard: { order: { orderId: string, type: CardOrderType, status: OrderStatus, amount: { amount: string, currency: string } | null } | null, card: { id: string, cardId: string, availableBalance: { amount: string, currency: string } | null } | null, userErrors: Array<{ code: string, message: string, field: Array<string> | null }> } };

export type SetCardStatusMutationVariables = Exact<{
  input: SetCardStatusInput;
}>;


export type SetCardStatusMutation = { setCardStatus: { card: { id: string, cardId: string, status: CardStatus, updateReason: string | null } | null, order: { orderId: string, status: OrderStatus } | null, userErrors: Array<{ code: string, message: string, field: Array<string> | null }> } };

export type ElevateCardLimitMutationVariables = Exact<{
  input: ElevateCardLimitInput;
}>;


export type ElevateCardLimitMutation = { elevateCardLimit: { card: { id: string, cardId: string, status: CardStatus } | null, order: { orderId: string, type: CardOrderType, status: OrderStatus } | null, userErrors: Array<{ code: string, message: string, field: Array<string> | null }> } };

export type CreateTransferMutationVariables = Exact<{
  input: CreateTransferInput;
}>;


export type CreateTransferMutation = { createTransfer: { transfer: { id: string, transferId: string, referenceId: string | null, status: TransferStatus, sourceAccountId: string, destinationAccountId: string, createdAt: string | null, amount: { amount: string, currency: string } } | null, userErrors: Array<{ code: string, message: string, field: Array<string> | null }> } };

export type ConnectedAccountBalancesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConnectedAccountBalancesQuery = { account: { accountId: string | null, balances: Array<{ currency: string, available: { amount: string, currency: string } }> }, connectedAccounts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, accountId: string | null, name: string | null, status: string | null, balances: Array<{ currency: string, available: { amount: string, currency: string } }> } }> } };

export type TransferQueryVariables = Exact<{
  transferId: string;
}>;


export type TransferQuery = { transfer: { id: string, transferId: string, referenceId: string | null, status: TransferStatus, completedAt: string | null, remark: string | null, amount: { amount: string, currency: string }, fee: { amount: string, currency: string } | null } | null };


export const CardDashboardDocument = {"__meta__":{"hash":"sha256:6b151897c60482c1c02b28a95c9d13882231d342c5ee240a41dc716f49532065"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CardDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CardStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"available"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"frozen"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cards"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"maskedNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cardLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cardholder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"scheme"}},{"kind":"Field","name":{"kind":"Name","value":"bin"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardDashboardQuery, CardDashboardQueryVariables>;
export const CardDetailDocument = {"__meta__":{"hash":"sha256:333f99de28414ae127142a826d91d3aa2a2466cf389479d40cba3d64faebd53e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CardDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cardId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"maskedNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consumedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"noPinPaymentAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interval"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"riskControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allow3dsTransactions"}},{"kind":"Field","name":{"kind":"Name","value":"allowedMcc"}},{"kind":"Field","name":{"kind":"Name","value":"blockedMcc"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"cardholder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transactionId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"merchant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transactionTime"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardDetailQuery, CardDetailQueryVariables>;
export const CreateCardDetailsTokenDocument = {"__meta__":{"hash":"sha256:92250ddf5b8968a15469d16c06a64c23e1efcb5bee62bd4edbae8c0d3b0a05a4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCardDetailsToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CardDetailsTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCardDetailsToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresIn"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCardDetailsTokenMutation, CreateCardDetailsTokenMutationVariables>;
export const CardProductsDocument = {"__meta__":{"hash":"sha256:dd1d74cf27bd7c373f534d039770c25f5843dc466d10988db33842f026cddcfa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CardProducts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardProducts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"scheme"}},{"kind":"Field","name":{"kind":"Name","value":"bin"}},{"kind":"Field","name":{"kind":"Name","value":"currencies"}},{"kind":"Field","name":{"kind":"Name","value":"kycLevel"}},{"kind":"Field","name":{"kind":"Name","value":"formFactors"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"requiredFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardProductsQuery, CardProductsQueryVariables>;
export const CreateCardholderDocument = {"__meta__":{"hash":"sha256:3127b685b0b105a1a8b9dab617e60a9a6aa652e6d6fc3b3ca6cc245c300321da"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCardholder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCardholderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCardholder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardholder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"idvVerificationUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCardholderMutation, CreateCardholderMutationVariables>;
export const UpdateCardholderDocument = {"__meta__":{"hash":"sha256:61de7d5c89585120b12edf6662a981d83efecca4fa1d0f787ebf0d6cf3abf85d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCardholder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCardholderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCardholder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardholder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateCardholderMutation, UpdateCardholderMutationVariables>;
export const CreateCardDocument = {"__meta__":{"hash":"sha256:7d12989ac7157a4c2e3d26145e3d3f244472f1462d47abadbfe3f7a15e99ea41"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"maskedNumber"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCardMutation, CreateCardMutationVariables>;
export const CardholdersDocument = {"__meta__":{"hash":"sha256:20aecd32ff87ea0d2951049668ef5ef4302dc695caffab8eca4cf3e5ee06d1eb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Cardholders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CardholderStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardholders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numberOfCards"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardholdersQuery, CardholdersQueryVariables>;
export const CardEventsDocument = {"__meta__":{"hash":"sha256:e3920b9edf17125a547a7e64a5d085c3c768527aa798904ed99dab6467561978"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CardEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cardId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"orderStatus"}},{"kind":"Field","name":{"kind":"Name","value":"cardStatus"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transactionType"}},{"kind":"Field","name":{"kind":"Name","value":"maskedNumber"}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardEventsSubscription, CardEventsSubscriptionVariables>;
export const CardholderEventsDocument = {"__meta__":{"hash":"sha256:cedd6a9789fc361e56aaf7ce4d8ae5cfd17734d5ee267694824dfaaaba8fa5a7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CardholderEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cardholderId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardholderEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cardholderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cardholderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderStatus"}},{"kind":"Field","name":{"kind":"Name","value":"cardholder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<CardholderEventsSubscription, CardholderEventsSubscriptionVariables>;
export const IssuingEventsDocument = {"__meta__":{"hash":"sha256:b8c643c11e3ee289d0fa8a96762e9c5f057510ed0dfc220e70cb701bd64aeef9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"IssuingEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuingEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"cardholderId"}},{"kind":"Field","name":{"kind":"Name","value":"transactionId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]} as unknown as DocumentNode<IssuingEventsSubscription, IssuingEventsSubscriptionVariables>;
export const RechargeCardDocument = {"__meta__":{"hash":"sha256:2557d745a6f4c32da9417ecad61fe5db90bd1b24cdb32bc2f166cfe51015a6d5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RechargeCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CardAmountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rechargeCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<RechargeCardMutation, RechargeCardMutationVariables>;
export const WithdrawCardDocument = {"__meta__":{"hash":"sha256:433a46471b1cd355e11a218a8fe78e6f90bf32cc03581d17df73d7f70fb1e87b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CardAmountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawCardMutation, WithdrawCardMutationVariables>;
export const SetCardStatusDocument = {"__meta__":{"hash":"sha256:c129e8fc3054260a6752b5bf0acbc866d8996137533c8e2cd2c700ca08303f96"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetCardStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetCardStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setCardStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updateReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SetCardStatusMutation, SetCardStatusMutationVariables>;
export const ElevateCardLimitDocument = {"__meta__":{"hash":"sha256:62729fdd52045ab0ad68085cba915f4d9486efae43b7a81ba84b4d677c3a757c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ElevateCardLimit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ElevateCardLimitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"elevateCardLimit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ElevateCardLimitMutation, ElevateCardLimitMutationVariables>;
export const CreateTransferDocument = {"__meta__":{"hash":"sha256:cd94f3d7eb25494040817e476b15d7e1f3741d0765f6422b535207ca711e6034"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTransfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTransferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTransfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"transferId"}},{"kind":"Field","name":{"kind":"Name","value":"referenceId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sourceAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"destinationAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateTransferMutation, CreateTransferMutationVariables>;
export const ConnectedAccountBalancesDocument = {"__meta__":{"hash":"sha256:7501e095a7081c84aa135218d48c8c99e562f7510473bfebb30c7dacb72156e5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConnectedAccountBalances"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"available"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectedAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"available"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConnectedAccountBalancesQuery, ConnectedAccountBalancesQueryVariables>;
export const TransferDocument = {"__meta__":{"hash":"sha256:57aa5fb2d6679a5fec4205cee7b1995a5545b5104d142500b64e290e22570f0a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Transfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"transferId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"transferId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"transferId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"transferId"}},{"kind":"Field","name":{"kind":"Name","value":"referenceId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"remark"}}]}}]}}]} as unknown as DocumentNode<TransferQuery, TransferQueryVariables>;