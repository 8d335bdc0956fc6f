import { randomUUID } from 'node:crypto';
import { badRequest } from './errors';
import { formatCents as fmt, type Cents } from './money';

// Objects are stored in their UQPAY shape (snake_case) with money as Cents and times as epoch ms;
// views.ts turns them into wire JSON. `seq` gives every list a deterministic newest-first order.

export interface Account {
  account_id: string;
  short_reference_id: string;
  email: string;
  account_name: string;
  status: 'ACTIVE' | 'INACTIVE';
  verification_status: string;
  country: string;
  entity_type: string;
  /** undefined for the master account */
  parent_id?: string;
  create_time: number;
}

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

export type CardholderStatus = 'SUCCESS' | 'PENDING' | 'INCOMPLETE' | 'FAILED';
export const KYC_LEVELS = ['SIMPLIFIED', 'STANDARD', 'ENHANCED'] as const;
export type KycLevel = (typeof KYC_LEVELS)[number];

export interface Cardholder {
  seq: number;
  cardholder_id: string;
  email: string;
  first_name: string;
  last_name: string;
  create_time: number;
  cardholder_status: CardholderStatus;
  date_of_birth?: string;
  country_code: string;
  phone_number: string;
  gender?: 'MALE' | 'FEMALE';
  nationality?: string;
  residential_address?: Address;
  identity?: {
    type: 'ID_CARD' | 'PASSPORT';
    number: string;
    front_file: string;
    back_file?: string;
    hand_file?: string;
  };
  kyc_verification?: {
    method: 'THIRD_PARTY' | 'SUMSUB_REDIRECT';
    kyc_proof?: { provider: string; reference_id: string };
  };
  document_type?: string;
  review_status: string;
  idv_status: 'PENDING' | 'PASSED' | 'FAILED' | null;
  idv_verification_url: string | null;
  idv_url_expires_at: number | null;
}

export type CardStatus =
  'PENDING' | 'ACTIVE' | 'FROZEN' | 'BLOCKED' | 'PRE_CANCEL' | 'CANCELLED' | 'LOST' | 'STOLEN' | 'FAILED';
export type CardMode = 'SINGLE' | 'SHARE';
export const SPENDING_INTERVALS = ['PER_TRANSACTION', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ALL_TIME'] as const;
export type SpendingInterval = (typeof SPENDING_INTERVALS)[number];

export interface RiskControls {
  allow_3ds_transactions?: 'Y' | 'N';
  allowed_mcc?: string[];
  blocked_mcc?: string[];
}

export interface Card {
  seq: number;
  card_id: string;
  cardholder_id: string;
  card_product_id: string;
  card_bin: string;
  card_scheme: string;
  /** full PAN: never rendered, never logged */
  pan: string;
  form_factor: 'VIRTUAL' | 'PHYSICAL';
  mode_type: CardMode;
  card_limit: Cents;
  available_balance: Cents;
  consumed_amount: Cents;
  no_pin_payment_amount: Cents;
  card_status: CardStatus;
  card_currency: string;
  spending_controls: { amount: Cents; interval: SpendingInterval }[];
  risk_controls: RiskControls;
  metadata: Record<string, unknown>;
  update_reason: string | null;
  usage_type: 'NORMAL' | 'ONE_TIME';
  /** ONE_TIME cards only: when the card cancels itself (stored; the simulator does not act on it). */
  auto_cancel_trigger?: 'ON_AUTH' | 'ON_CAPTURE';
  /** A raised per-transaction limit (elevate_limit) and when it lapses (epoch ms); not part of the card's view. */
  elevated_limit?: { amount: Cents; until: number };
  create_time: number;
}

/** The four order types UQPAY documents (a status change is a CARD_UPDATE order). */
export type OrderType = 'CARD_CREATE' | 'CARD_UPDATE' | 'CARD_RECHARGE' | 'CARD_WITHDRAW';
export type OrderStatus = 'PENDING' | 'PROCESSING' | 'SUCCESS' | 'FAILED';

export interface CardOrder {
  seq: number;
  card_order_id: string;
  card_id: string;
  order_type: OrderType;
  amount: Cents | null;
  card_currency: string;
  create_time: number;
  update_time: number;
  complete_time: number | null;
  order_status: OrderStatus;
  update_reason?: string | null;
}

export interface Balance {
  balance_id: string;
  currency: string;
  available_balance: Cents;
  margin_balance: Cents;
  frozen_balance: Cents;
  create_time: number;
  last_trade_time: number | null;
  balance_status: 'ACTIVE' | 'PENDING' | 'PROCESSING' | 'CLOSED';
}

export type LedgerType =
  | 'DEPOSIT'
  | 'TRANSFER_IN'
  | 'TRANSFER_OUT'
  | 'CARD_RECHARGE'
  | 'CARD_WITHDRAW'
  | 'CARD_CREATE'
  | 'CARD_CANCEL_REFUND'
  | 'ISSUING_AUTHORIZATION'
  | 'ISSUING_REVERSAL'
  | 'CARD_FEE';

export interface LedgerEntry {
  seq: number;
  transaction_id: string;
  short_transaction_id: string;
  account_id: string;
  balance_id: string;
  transaction_type: LedgerType;
  currency: string;
  /** signed: credits positive, debits negative */
  amount: Cents;
  create_time: number;
  complete_time: number;
  transaction_status: 'COMPLETED';
  ending_balance: Cents;
  description: string;
}

export interface Transfer {
  seq: number;
  transfer_id: string;
  reference_id: string;
  source_account_id: string;
  destination_account_id: string;
  amount: Cents;
  fee_amount: Cents;
  currency: string;
  transfer_status: 'completed';
  create_time: number;
  complete_time: number;
  creator_id: string;
  remark: string | null;
}

export interface CardTransaction {
  seq: number;
  transaction_id: string;
  short_transaction_id: string;
  original_transaction_id: string | null;
  card_id: string;
  cardholder_id: string;
  transaction_type: 'AUTHORIZATION' | 'REVERSAL' | 'REFUND' | 'FEE';
  transaction_fee: Cents;
  billing_amount: Cents;
  billing_currency: string;
  transaction_amount: Cents;
  transaction_currency: string;
  transaction_time: number;
  posted_time: number | null;
  merchant_data: { category_code: string; city: string; country: string; name: string };
  description: string;
  /** A reversal's own record is REVERSED (Go webhook/issuing.go TransactionStatusReversed, Node simulator mock). */
  transaction_status: 'APPROVED' | 'DECLINED' | 'PENDING' | 'REVERSED';
  card_available_balance: Cents;
  authorization_code: string | null;
  reversed: boolean;
}

/** A cardholder field a product's KYC needs (Node SDK `ProductRequiredField`): nested for objects. */
export interface ProductRequiredField {
  name: string;
  type: 'string' | 'object';
  required: boolean;
  description?: string;
  fields?: ProductRequiredField[];
}

export interface Product {
  product_id: string;
  mode_type: CardMode;
  card_bin: string;
  card_form: ('VIR' | 'PHY')[];
  max_card_quota: number;
  card_scheme: string;
  card_currency: string[];
  product_status: 'ENABLED' | 'DISABLED';
  no_pin_payment_amount: { amount: Cents; currency: string }[];
  kyc_level: KycLevel;
  required_fields: ProductRequiredField[];
  create_time: number;
  update_time: number;
}

/** Everything one account owns; requests acting for the account see only this. */
export class AccountStore {
  readonly cardholders = new Map<string, Cardholder>();
  readonly cards = new Map<string, Card>();
  readonly orders = new Map<string, CardOrder>();
  readonly balances = new Map<string, Balance>();
  readonly ledger: LedgerEntry[] = [];
  readonly transactions = new Map<string, CardTransaction>();
  /**
   * The KYC level new cardholders of this account are onboarded at. UQPAY takes it from the card product, but
   * Create Cardholder names no product, so the emulator applies the account's configured level (the
   * `kycLevel` option, or POST /__emulator/kyc-level).
   */
  kycLevel: KycLevel = 'SIMPLIFIED';

  constructor(
    readonly account: Account,
    private readonly state: EmulatorState,
  ) {}

  get id(): string {
    return this.account.account_id;
  }

  balance(currency: string): Balance | undefined {
    return this.balances.get(currency);
  }

  openBalance(currency: string, balanceId: string = randomUUID(), at = Date.now()): Balance {
    const existing = this.balances.get(currency);
    if (existing) return existing;
    const b: Balance = {
      balance_id: balanceId,
      currency,
      available_balance: 0n,
      margin_balance: 0n,
      frozen_balance: 0n,
      create_time: at,
      last_trade_time: null,
      balance_status: 'ACTIVE',
    };
    this.balances.set(currency, b);
    return b;
  }

  /**
   * The one place an issuing balance changes; every change leaves a ledger entry. A debit that would go
   * below zero is refused before anything moves.
   */
  move(
    currency: string,
    delta: Cents,
    type: LedgerType,
    description: string,
    at = Date.now(),
    id: string = randomUUID(),
  ): LedgerEntry {
    const b = delta > 0n ? this.openBalance(currency, undefined, at) : this.balance(currency);
    if (!b || b.available_balance + delta < 0n) {
      throw badRequest(
        'account_error',
        'insufficient_balance',
        `insufficient ${currency} issuing balance: available ${b ? fmt(b.available_balance) : '0.00'}, needed ${fmt(-delta)}`,
      );
    }
    b.available_balance += delta;
    b.last_trade_time = at;
    const entry: LedgerEntry = {
      seq: this.state.nextSeq(),
      transaction_id: id,
      short_transaction_id: shortRef('L', id),
      account_id: this.id,
      balance_id: b.balance_id,
      transaction_type: type,
      currency,
      amount: delta,
      create_time: at,
      complete_time: at,
      transaction_status: 'COMPLETED',
      ending_balance: b.available_balance,
      description,
    };
    this.ledger.push(entry);
    return entry;
  }
}

/** UQPAY-style short references ("T250624-K0XMYZRF"): prefix, yymmdd, 8 chars derived from the id. */
export function shortRef(prefix: string, id: string, at = Date.now()): string {
  const d = new Date(at).toISOString();
  const tail = id.replace(/-/g, '').slice(-8).toUpperCase();
  return `${prefix}${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}-${tail}`;
}

export class EmulatorState {
  readonly accounts = new Map<string, AccountStore>();
  readonly transfers = new Map<string, Transfer>();
  /** the card product catalogue is UQPAY's, shared by every account */
  readonly products = new Map<string, Product>();
  /** provisioned physical card numbers (BIN 40963608) that Assign Card may hand out */
  readonly panPool = new Set<string>();
  /** every PAN in use, across accounts: a number can be assigned only once */
  readonly usedPans = new Set<string>();
  private seq = 0;

  constructor(readonly masterId: string) {}

  nextSeq(): number {
    return ++this.seq;
  }

  addAccount(account: Account): AccountStore {
    const store = new AccountStore(account, this);
    this.accounts.set(account.account_id, store);
    return store;
  }

  get master(): AccountStore {
    const m = this.accounts.get(this.masterId);
    if (!m) throw new Error('master account missing');
    return m;
  }

  subAccounts(): AccountStore[] {
    return [...this.accounts.values()].filter((s) => s.account.parent_id === this.masterId);
  }
}

export const newestFirst = <T extends { seq: number }>(items: Iterable<T>): T[] =>
  [...items].sort((a, b) => b.seq - a.seq);
