// UQPAY Card Issuance API v1.6 wire types, as the datasource hands them to resolvers.
// Amounts are always normalised to exact decimal strings ("2000.05") by the client, whatever the wire carried.
import type { Decimal } from '../transport/amounts';
import type {
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
  UpstreamValue,
  USAGE_TYPES,
} from './enums';

export type { Decimal };

export interface Page<T> {
  total_pages: number;
  total_items: number;
  data: T[];
}

export interface PageQuery {
  page_number?: number;
  page_size?: number;
}

// Enum types are derived from the value lists in enums.ts (one source per UQPAY enum).
export type CardholderStatus = (typeof CARDHOLDER_STATUSES)[number];
export type CardStatus = (typeof CARD_STATUSES)[number];
export type CardStatusChange = (typeof CARD_STATUS_CHANGES)[number];
export type CardMode = (typeof CARD_MODES)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type CardOrderType = (typeof CARD_ORDER_TYPES)[number];
export type SpendingInterval = (typeof SPENDING_INTERVALS)[number];
export type FormFactor = (typeof FORM_FACTORS)[number];
export type UsageType = (typeof USAGE_TYPES)[number];
export type AutoCancelTrigger = (typeof AUTO_CANCEL_TRIGGERS)[number];
export type Gender = (typeof GENDERS)[number];
export type IdentityType = (typeof IDENTITY_TYPES)[number];
export type KycMethod = (typeof KYC_METHODS)[number];
export type BalanceStatus = (typeof BALANCE_STATUSES)[number];
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export interface Address {
  country: string;
  state?: string;
  city: string;
  district?: string;
  line1: string;
  line2?: string;
  line_en?: string;
  postal_code?: string;
}

export interface Identity {
  type: IdentityType;
  number: string;
  front_file: string;
  back_file?: string;
  hand_file?: string;
}

export interface KycVerification {
  method: KycMethod;
  kyc_proof?: { provider: string; reference_id: string };
}

export interface Cardholder {
  cardholder_id: string;
  email: string;
  number_of_cards: number;
  first_name: string;
  last_name: string;
  create_time?: string;
  cardholder_status: CardholderStatus;
  date_of_birth?: string | null;
  country_code: string;
  phone_number: string;
  gender?: Gender | null;
  nationality?: string | null;
  residential_address?: Address | null;
  review_status?: string | null;
  idv_status?: string | null;
  idv_verification_url?: string | null;
  idv_url_expires_at?: string | null;
}

export interface CreateCardholderBody {
  email: string;
  first_name: string;
  last_name: string;
  country_code: string;
  phone_number: string;
  date_of_birth?: string;
  gender?: Gender;
  nationality?: string;
  residential_address?: Address;
  identity?: Identity;
  kyc_verification?: KycVerification;
  document_type?: 'pdf' | 'png' | 'jpg' | 'jpeg';
  document?: string;
}

export type UpdateCardholderBody = Partial<Omit<CreateCardholderBody, 'first_name' | 'last_name'>>;

export interface CardholderResult {
  cardholder_id: string;
  cardholder_status: CardholderStatus;
  idv_verification_url?: string;
  idv_url_expires_at?: string;
}

export interface SpendingControl {
  amount: Decimal;
  interval: SpendingInterval;
}

export interface RiskControls {
  allow_3ds_transactions?: 'Y' | 'N';
  allowed_mcc?: string[];
  blocked_mcc?: string[];
}

export interface Card {
  card_id: string;
  card_bin?: string;
  card_scheme?: string;
  card_number?: string; // always masked by UQPAY on reads
  form_factor?: FormFactor;
  mode_type: CardMode;
  card_limit?: Decimal | null;
  available_balance?: Decimal | null;
  cardholder: Cardholder;
  no_pin_payment_amount?: string | null; // "2000USD"
  card_status: CardStatus;
  card_currency: string;
  card_product_id?: string;
  spending_controls?: SpendingControl[] | null;
  risk_controls?: RiskControls | null;
  metadata?: Record<string, unknown> | null;
  update_reason?: string | null;
  consumed_amount?: Decimal | null;
  create_time?: string;
}

export interface CreateCardBody {
  card_currency: string;
  cardholder_id: string;
  card_product_id: string;
  card_limit?: Decimal;
  spending_controls?: SpendingControl[];
  risk_controls?: RiskControls;
  metadata?: Record<string, unknown>;
  usage_type?: UsageType;
  /** Required when usage_type is ONE_TIME. */
  auto_cancel_trigger?: AutoCancelTrigger;
}

export interface AssignCardBody {
  cardholder_id: string;
  card_number: string; // full PAN: never log it
  card_currency: string;
  card_mode: CardMode;
}

export interface UpdateCardBody {
  card_limit?: Decimal;
  no_pin_payment_amount?: Decimal;
  spending_controls?: SpendingControl[];
  risk_controls?: RiskControls;
  metadata?: Record<string, unknown>;
}

export interface CardCreateResult {
  card_id: string;
  card_order_id: string;
  create_time?: string;
  card_status: CardStatus;
  order_status: OrderStatus;
  /** Present when the cardholder's KYC is not done: the card waits for it (Go SDK CardCreationResponse). */
  cardholder_status?: CardholderStatus | null;
  message?: string | null;
}

/** `POST /v1/issuing/cards/{id}/token` (Go SDK PANTokenResponse): single use, valid `expires_in` seconds. A secret. */
export interface CardDetailsToken {
  token: string;
  expires_in?: number | null;
  expires_at?: string | null;
}

export interface CardStatusBody {
  card_status: CardStatusChange;
  update_reason?: string;
}

export interface CardStatusResult {
  card_id: string;
  card_order_id: string;
  order_status: OrderStatus;
  update_reason?: string | null;
}

/** `POST /v1/issuing/cards/{id}/elevate_limit` (Go SDK ElevateLimitRequest): the card's per-transaction limit, raised. */
export interface ElevateLimitBody {
  /** The raised limit; sent as a JSON number written from the decimal string's own digits. */
  limit_amount: Decimal;
  /** How long the raised limit lasts; optional upstream (UQPAY's default is not documented). */
  duration_in_days?: number;
}

/** UQPAY answers an elevation with a card order (Go SDK ElevateLimitResponse). */
export interface ElevateLimitResult {
  card_id: string;
  card_order_id: string;
  order_status: OrderStatus;
}

export interface CardOrder {
  card_id: string;
  card_order_id: string;
  order_type: CardOrderType;
  amount?: Decimal | null;
  card_currency?: string;
  create_time?: string;
  update_time?: string | null;
  complete_time?: string | null;
  order_status: OrderStatus;
}

export interface ListCardsQuery extends PageQuery {
  card_number?: string;
  card_status?: CardStatus;
  cardholder_id?: string;
}

export interface ListCardholdersQuery extends PageQuery {
  cardholder_status?: CardholderStatus;
}

/** A cardholder field a product's KYC needs; `fields` for an object's parts. */
export interface ProductRequiredField {
  name?: string;
  type?: string;
  required?: boolean;
  description?: string | null;
  fields?: unknown[] | null;
}

export interface Product {
  product_id: string;
  mode_type: CardMode;
  card_bin?: string;
  card_form?: string[]; // ["VIR","PHY"]
  max_card_quota?: number;
  card_scheme?: string;
  card_currency?: string[];
  product_status?: string; // ENABLED or DISABLED as documented; kept open for values UQPAY adds
  no_pin_payment_amount?: { amount: Decimal; currency: string }[];
  kyc_level?: string;
  /** Objects (Node SDK `ProductRequiredField`); older docs showed plain names. */
  required_fields?: (ProductRequiredField | string)[];
  create_time?: string;
  update_time?: string;
}

export interface Balance {
  balance_id: string;
  currency: string;
  available_balance: Decimal;
  margin_balance?: Decimal | null;
  frozen_balance?: Decimal | null;
  create_time?: string;
  last_trade_time?: string | null;
  balance_status: UpstreamValue<BalanceStatus>;
}

export interface LedgerEntry {
  transaction_id: string;
  short_transaction_id?: string;
  account_id?: string;
  balance_id?: string;
  transaction_type: string;
  currency: string;
  amount: Decimal;
  create_time?: string;
  complete_time?: string | null;
  transaction_status: string;
  ending_balance?: Decimal;
  description?: string;
}

export interface CreateTransferBody {
  source_account_id: string;
  destination_account_id: string;
  currency: string;
  amount: Decimal;
  remark?: string;
}

export interface Transfer {
  transfer_id: string;
  reference_id?: string;
  source_account_id: string;
  destination_account_id: string;
  amount: Decimal;
  fee_amount?: Decimal | null;
  currency: string;
  transfer_status: UpstreamValue<TransferStatus | Lowercase<TransferStatus>>; // case varies
  create_time?: string;
  complete_time?: string | null;
  creator_id?: string;
  remark?: string | null;
}

export interface ListTransactionsQuery extends PageQuery {
  card_id?: string;
  start_time?: string;
  end_time?: string;
}

export interface Transaction {
  card_id: string;
  card_number?: string;
  cardholder_id?: string;
  transaction_id: string;
  short_transaction_id?: string;
  original_transaction_id?: string | null;
  transaction_type: string;
  transaction_fee?: Decimal | null;
  transaction_fee_currency?: string | null;
  billing_amount?: Decimal | null;
  billing_currency?: string | null;
  transaction_amount?: Decimal | null;
  transaction_currency?: string | null;
  transaction_time?: string;
  posted_time?: string | null;
  merchant_data?: { category_code?: string; city?: string; country?: string; name?: string } | null;
  description?: string | null;
  transaction_status: UpstreamValue<TransactionStatus>;
  card_available_balance?: Decimal | null;
  authorization_code?: string | null;
}

export interface ConnectedAccount {
  account_id: string;
  short_reference_id?: string;
  email?: string;
  account_name?: string;
  status?: string;
  verification_status?: string;
  country?: string;
  entity_type?: string;
}

export interface SimulateAuthorizationBody {
  card_id: string;
  transaction_amount: Decimal;
  transaction_currency: string;
  merchant_name: string;
  merchant_category_code: string;
}
