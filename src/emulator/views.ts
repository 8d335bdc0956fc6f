import { amountOnWire, formatCents, type AmountFormat, type Cents } from './money';
import type {
  Account,
  AccountStore,
  Balance,
  Card,
  Cardholder,
  CardOrder,
  CardTransaction,
  LedgerEntry,
  Product,
  Transfer,
} from './state';

// UQPAY is Singapore-based; its timestamps carry +08:00.
const OFFSET_MS = 8 * 60 * 60 * 1000;

export function rfc3339(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

export function legacyTime(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export const maskPan = (pan: string): string => `************${pan.slice(-4)}`;

/** Stored objects → UQPAY wire JSON; the only place amounts and times are formatted. */
export class Views {
  constructor(
    private readonly amountFormat: AmountFormat,
    private readonly cardholderTimeFormat: 'rfc3339' | 'legacy',
  ) {}

  amount(c: Cents): string | number {
    return amountOnWire(c, this.amountFormat);
  }

  time(ms: number | null): string | null {
    return ms === null ? null : rfc3339(ms);
  }

  cardholder(store: AccountStore, ch: Cardholder) {
    let cards = 0;
    for (const c of store.cards.values()) if (c.cardholder_id === ch.cardholder_id) cards++;
    return {
      cardholder_id: ch.cardholder_id,
      email: ch.email,
      number_of_cards: cards,
      first_name: ch.first_name,
      last_name: ch.last_name,
      create_time: this.cardholderTimeFormat === 'legacy' ? legacyTime(ch.create_time) : rfc3339(ch.create_time),
      cardholder_status: ch.cardholder_status,
      date_of_birth: ch.date_of_birth ?? null,
      country_code: ch.country_code,
      phone_number: ch.phone_number,
      gender: ch.gender ?? null,
      nationality: ch.nationality ?? null,
      residential_address: ch.residential_address ?? null,
      review_status: ch.review_status,
      idv_status: ch.idv_status,
      idv_verification_url: ch.idv_verification_url,
      idv_url_expires_at: this.time(ch.idv_url_expires_at),
    };
  }

  card(store: AccountStore, card: Card) {
    const holder = store.cardholders.get(card.cardholder_id);
    return {
      card_id: card.card_id,
      card_bin: card.card_bin,
      card_scheme: card.card_scheme,
      card_number: maskPan(card.pan),
      form_factor: card.form_factor,
      mode_type: card.mode_type,
      card_limit: this.amount(card.card_limit),
      available_balance: this.amount(card.available_balance),
      cardholder: holder ? this.cardholder(store, holder) : null,
      no_pin_payment_amount: `${formatCents(card.no_pin_payment_amount).replace(/\.00$/, '')}${card.card_currency}`,
      card_status: card.card_status,
      card_currency: card.card_currency,
      card_product_id: card.card_product_id,
      spending_controls: card.spending_controls.map((s) => ({ amount: this.amount(s.amount), interval: s.interval })),
      risk_controls: card.risk_controls,
      metadata: card.metadata,
      update_reason: card.update_reason,
      usage_type: card.usage_type,
      consumed_amount: this.amount(card.consumed_amount),
      create_time: rfc3339(card.create_time),
    };
  }

  order(o: CardOrder) {
    return {
      card_id: o.card_id,
      card_order_id: o.card_order_id,
      order_type: o.order_type,
      amount: o.amount === null ? null : this.amount(o.amount),
      card_currency: o.card_currency,
      create_time: rfc3339(o.create_time),
      update_time: rfc3339(o.update_time),
      complete_time: this.time(o.complete_time),
      order_status: o.order_status,
    };
  }

  balance(b: Balance) {
    return {
      balance_id: b.balance_id,
      currency: b.currency,
      available_balance: this.amount(b.available_balance),
      margin_balance: this.amount(b.margin_balance),
      frozen_balance: this.amount(b.frozen_balance),
      create_time: rfc3339(b.create_time),
      last_trade_time: this.time(b.last_trade_time),
      balance_status: b.balance_status,
    };
  }

  ledger(e: LedgerEntry) {
    return {
      transaction_id: e.transaction_id,
      short_transaction_id: e.short_transaction_id,
      account_id: e.account_id,
      balance_id: e.balance_id,
      transaction_type: e.transaction_type,
      currency: e.currency,
      // UQPAY reports the magnitude; the type says which way it went.
      amount: this.amount(e.amount < 0n ? -e.amount : e.amount),
      create_time: rfc3339(e.create_time),
      complete_time: rfc3339(e.complete_time),
      transaction_status: e.transaction_status,
      ending_balance: this.amount(e.ending_balance),
      description: e.description,
    };
  }

  transfer(t: Transfer) {
    return {
      transfer_id: t.transfer_id,
      reference_id: t.reference_id,
      source_account_id: t.source_account_id,
      destination_account_id: t.destination_account_id,
      amount: this.amount(t.amount),
      fee_amount: this.amount(t.fee_amount),
      currency: t.currency,
      transfer_status: t.transfer_status,
      create_time: rfc3339(t.create_time),
      complete_time: rfc3339(t.complete_time),
      creator_id: t.creator_id,
      remark: t.remark,
    };
  }

  transaction(store: AccountStore, t: CardTransaction) {
    const card = store.cards.get(t.card_id);
    return {
      card_id: t.card_id,
      card_number: card ? maskPan(card.pan) : null,
      cardholder_id: t.cardholder_id,
      transaction_id: t.transaction_id,
      short_transaction_id: t.short_transaction_id,
      original_transaction_id: t.original_transaction_id,
      transaction_type: t.transaction_type,
      transaction_fee: this.amount(t.transaction_fee),
      transaction_fee_currency: t.billing_currency,
      billing_amount: this.amount(t.billing_amount),
      billing_currency: t.billing_currency,
      transaction_amount: this.amount(t.transaction_amount),
      transaction_currency: t.transaction_currency,
      transaction_time: rfc3339(t.transaction_time),
      posted_time: this.time(t.posted_time),
      merchant_data: t.merchant_data,
      description: t.description,
      transaction_status: t.transaction_status,
      card_available_balance: this.amount(t.card_available_balance),
      authorization_code: t.authorization_code,
    };
  }

  product(p: Product) {
    return {
      product_id: p.product_id,
      mode_type: p.mode_type,
      card_bin: p.card_bin,
      card_form: p.card_form,
      max_card_quota: p.max_card_quota,
      card_scheme: p.card_scheme,
      card_currency: p.card_currency,
      product_status: p.product_status,
      no_pin_payment_amount: p.no_pin_payment_amount.map((n) => ({
        amount: this.amount(n.amount),
        currency: n.currency,
      })),
      kyc_level: p.kyc_level,
      required_fields: p.required_fields,
      create_time: rfc3339(p.create_time),
      update_time: rfc3339(p.update_time),
    };
  }

  account(a: Account) {
    return {
      account_id: a.account_id,
      short_reference_id: a.short_reference_id,
      email: a.email,
      account_name: a.account_name,
      status: a.status,
      verification_status: a.verification_status,
      country: a.country,
      entity_type: a.entity_type,
    };
  }
}
