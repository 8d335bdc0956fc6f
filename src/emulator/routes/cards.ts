import { secureCardInfo } from '../card-details';
import { ASSIGN_BIN } from '../cardnumbers';
import { badRequest, invalidField } from '../errors';
import { cardFundsData, cardStatusData, cardUpdateData } from '../event-data';
import { assertKycFields, assertMayHoldCard, issueCard, newCard, uniquePan } from '../issuance';
import { findCard, findCardholder, findCardOrder } from '../lookups';
import type { Cents } from '../money';
import type { RouteDef } from '../route';
import {
  newestFirst,
  SPENDING_INTERVALS,
  type Card,
  type CardMode,
  type CardOrder,
  type CardStatus,
  type RiskControls,
} from '../state';
import { bodyObject, Fields, page, paging } from '../validation';

// Money and status change when an order is ACCEPTED (request time), and the order then goes
// PENDING → SUCCESS after asyncDelayMs with its webhook. This keeps "recharge, then read the balance"
// consistent and makes insufficient funds a synchronous 400, as UQPAY answers it.

const CARD_CURRENCIES = ['SGD', 'USD'] as const;
const CARD_STATUSES = [
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
/** BINs whose products require a card_limit ≥ 0.01 */
const LIMIT_REQUIRED_BINS = ['527735', '555071', '555243'];
const METADATA_MAX_BYTES = 3200;
const AUTO_CANCEL_TRIGGERS = ['ON_AUTH', 'ON_CAPTURE'] as const;
const MCC = /^\d{4}$/;
/** statuses in which a card's details may be shown to its holder */
const DETAILS_VIEWABLE: readonly CardStatus[] = ['ACTIVE', 'FROZEN', 'PENDING'];
/** statuses in which funds may still move on the card */
const FUNDABLE: readonly CardStatus[] = ['ACTIVE', 'FROZEN', 'PENDING'];
/** statuses in which a card's per-transaction limit may be raised */
const ELEVATABLE: readonly CardStatus[] = ['ACTIVE', 'FROZEN'];
/** elevate_limit's duration_in_days: UQPAY's bounds and default are not public (guesses, see the README) */
const ELEVATION_DAYS = { min: 1, max: 365, default: 1 } as const;
const DAY_MS = 86_400_000;

function spendingControls(f: Fields) {
  return f.array('spending_controls')?.map((s) => ({
    amount: s.amount('amount', { required: true }) as Cents,
    interval: s.enum('interval', SPENDING_INTERVALS, {
      required: true,
    }) as Card['spending_controls'][number]['interval'],
  }));
}

function riskControls(f: Fields): RiskControls | undefined {
  const r = f.object('risk_controls');
  if (!r) return undefined;
  const out: RiskControls = {};
  const threeDs = r.enum('allow_3ds_transactions', ['Y', 'N'] as const);
  if (threeDs) out.allow_3ds_transactions = threeDs;
  const allowed = r.stringArray('allowed_mcc', { pattern: MCC, what: 'a 4-digit MCC' });
  if (allowed) out.allowed_mcc = allowed;
  const blocked = r.stringArray('blocked_mcc', { pattern: MCC, what: 'a 4-digit MCC' });
  if (blocked) out.blocked_mcc = blocked;
  return out;
}

function assertFundable(card: Card): void {
  if (!FUNDABLE.includes(card.card_status)) {
    throw badRequest('card_error', 'invalid_card_status', `card is ${card.card_status}: funds cannot move`);
  }
}

const TRANSITIONS: Partial<Record<CardStatus, readonly CardStatus[]>> = {
  ACTIVE: ['FROZEN', 'CANCELLED'],
  FROZEN: ['ACTIVE', 'CANCELLED'],
};

export const cardRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/v1/issuing/cards',
    handler: ({ core: c, store, body }) => {
      const f = bodyObject(body, c.options.amountInput);
      const currency = f.enum('card_currency', CARD_CURRENCIES, { required: true }) as string;
      const holder = findCardholder(store, f.uuid('cardholder_id', { required: true }) as string);
      const productId = f.uuid('card_product_id', { required: true }) as string;
      const product = c.state.products.get(productId);
      if (!product || product.product_status !== 'ENABLED' || !product.card_form.includes('VIR')) {
        throw badRequest(
          'card_error',
          'card_product_not_found',
          `card_product_id ${productId} is not an enabled virtual card product`,
        );
      }
      if (!product.card_currency.includes(currency))
        throw invalidField('card_currency', `must be one of ${product.card_currency.join(', ')} for this product`);
      const limitRequired = LIMIT_REQUIRED_BINS.includes(product.card_bin);
      const limit = f.amount('card_limit', { required: limitRequired, allowZero: !limitRequired }) ?? 0n;
      const controls = spendingControls(f) ?? [];
      const risk = riskControls(f) ?? {};
      const metadata = f.jsonObject('metadata', METADATA_MAX_BYTES) ?? {};
      const usage = f.enum('usage_type', ['NORMAL', 'ONE_TIME'] as const) ?? 'NORMAL';
      // A single-use card says when it cancels itself (Go CreateCardRequest: required when usage_type=ONE_TIME).
      const autoCancel = f.enum('auto_cancel_trigger', AUTO_CANCEL_TRIGGERS, { required: usage === 'ONE_TIME' });
      assertMayHoldCard(holder);
      assertKycFields(product, holder);
      const card = newCard(c, {
        cardholder_id: holder.cardholder_id,
        card_product_id: product.product_id,
        card_bin: product.card_bin,
        card_scheme: product.card_scheme,
        pan: uniquePan(c, product.card_bin),
        form_factor: 'VIRTUAL',
        mode_type: product.mode_type,
        card_limit: limit,
        available_balance: limit,
        no_pin_payment_amount: product.no_pin_payment_amount.find((n) => n.currency === currency)?.amount ?? 0n,
        card_currency: currency,
        spending_controls: controls,
        risk_controls: risk,
        metadata,
        usage_type: usage,
        ...(autoCancel ? { auto_cancel_trigger: autoCancel } : {}),
      });
      // A prepaid card carries its card_limit from the issuing balance; refused whole if short.
      if (card.mode_type === 'SINGLE' && limit > 0n)
        store.move(currency, -limit, 'CARD_CREATE', `fund card ${card.card_id}`);
      return issueCard(c, store, card, holder);
    },
  },

  {
    method: 'POST',
    path: '/v1/issuing/cards/assign',
    handler: ({ core: c, store, body }) => {
      const f = bodyObject(body, c.options.amountInput);
      const holder = findCardholder(store, f.uuid('cardholder_id', { required: true }) as string);
      const pan = f.string('card_number', { required: true }) as string;
      if (!/^\d{16}$/.test(pan)) throw invalidField('card_number', 'must be 16 digits');
      const currency = f.enum('card_currency', CARD_CURRENCIES, { required: true }) as string;
      const mode = f.enum('card_mode', ['SINGLE', 'SHARE'] as const, { required: true }) as CardMode;
      if (!c.state.panPool.has(pan))
        throw badRequest('card_error', 'invalid_number', 'card_number is not a provisioned card of this program');
      if (c.state.usedPans.has(pan))
        throw badRequest('card_error', 'card_already_assigned', 'card_number is already assigned to a cardholder');
      assertMayHoldCard(holder);
      const product = [...c.state.products.values()].find(
        (p) => p.card_bin === ASSIGN_BIN && p.mode_type === mode && p.product_status === 'ENABLED',
      );
      if (!product) throw badRequest('card_error', 'insufficient_sub_bin', `no ${mode} product on BIN ${ASSIGN_BIN}`);
      assertKycFields(product, holder);
      const card = newCard(c, {
        cardholder_id: holder.cardholder_id,
        card_product_id: product.product_id,
        card_bin: ASSIGN_BIN,
        card_scheme: product.card_scheme,
        pan,
        form_factor: 'PHYSICAL',
        mode_type: mode,
        card_limit: 0n,
        available_balance: 0n,
        no_pin_payment_amount: product.no_pin_payment_amount.find((n) => n.currency === currency)?.amount ?? 0n,
        card_currency: currency,
        spending_controls: [],
        risk_controls: {},
        metadata: {},
        usage_type: 'NORMAL',
      });
      return issueCard(c, store, card, holder);
    },
  },

  {
    method: 'GET',
    path: '/v1/issuing/cards',
    handler: ({ core: c, store, query }) => {
      const q = new Fields(query);
      const number = q.string('card_number');
      if (number !== undefined && !/^\d{4}$|^\d{16}$/.test(number))
        throw invalidField('card_number', 'must be the full 16-digit number or its last 4 digits');
      const status = q.enum('card_status', CARD_STATUSES);
      const holderId = q.uuid('cardholder_id');
      const p = paging(query);
      const list = newestFirst(store.cards.values()).filter(
        (card) =>
          (!number || (number.length === 4 ? card.pan.endsWith(number) : card.pan === number)) &&
          (!status || card.card_status === status) &&
          (!holderId || card.cardholder_id === holderId),
      );
      return page(list, p, (card) => c.views.card(store, card));
    },
  },

  {
    method: 'GET',
    path: '/v1/issuing/cards/{id}',
    handler: ({ core: c, store, params }) => c.views.card(store, findCard(store, String(params.id))),
  },

  {
    method: 'POST',
    path: '/v1/issuing/cards/{id}',
    handler: ({ core: c, store, body, params }) => {
      const card = findCard(store, String(params.id));
      const f = bodyObject(body, c.options.amountInput);
      const limit = f.amount('card_limit', { allowZero: true });
      if (limit !== undefined && card.mode_type === 'SINGLE') {
        throw badRequest(
          'card_error',
          'card_limit_not_updatable',
          'card_limit cannot be updated on a SINGLE card: use recharge or withdraw',
        );
      }
      const noPin = f.amount('no_pin_payment_amount', { allowZero: true });
      const controls = spendingControls(f);
      const risk = riskControls(f);
      const metadata = f.jsonObject('metadata', METADATA_MAX_BYTES);
      if (card.card_status === 'CANCELLED') throw badRequest('card_error', 'invalid_card_status', 'card is CANCELLED');
      if (limit !== undefined) {
        const next = card.available_balance + (limit - card.card_limit);
        card.available_balance = next < 0n ? 0n : next;
        card.card_limit = limit;
      }
      if (noPin !== undefined) card.no_pin_payment_amount = noPin;
      if (controls) card.spending_controls = controls;
      if (risk) card.risk_controls = risk;
      if (metadata) card.metadata = metadata;
      const order = c.orders.open(store, card, 'CARD_UPDATE', limit ?? null, (o) => ({
        event: 'card.update.succeeded',
        data: cardUpdateData(c.views, store, card, o),
      }));
      return { card_id: card.card_id, card_order_id: order.card_order_id, order_status: order.order_status };
    },
  },

  {
    method: 'POST',
    path: '/v1/issuing/cards/{id}/status',
    handler: ({ core: c, store, body, params }) => {
      const card = findCard(store, String(params.id));
      const f = bodyObject(body, c.options.amountInput);
      const target = f.enum('card_status', ['ACTIVE', 'FROZEN', 'CANCELLED'] as const, {
        required: true,
      }) as CardStatus;
      const reason = f.string('update_reason', { max: 200 }) ?? null;
      if (!TRANSITIONS[card.card_status]?.includes(target)) {
        throw badRequest(
          'card_error',
          'invalid_card_status_transition',
          `card_status cannot change from ${card.card_status} to ${target}`,
        );
      }
      card.card_status = target;
      card.update_reason = reason;
      // A cancelled prepaid card's remaining funds go back to the issuing balance.
      if (target === 'CANCELLED' && card.mode_type === 'SINGLE' && card.available_balance > 0n) {
        store.move(
          card.card_currency,
          card.available_balance,
          'CARD_CANCEL_REFUND',
          `refund of cancelled card ${card.card_id}`,
        );
        card.available_balance = 0n;
      }
      // UQPAY answers a status change with a card order of type CARD_UPDATE (one of its four order types).
      const order = c.orders.open(store, card, 'CARD_UPDATE', null, () => ({
        event: 'card.status.update.succeeded',
        data: cardStatusData(c.views, card, reason),
      }));
      order.update_reason = reason;
      return {
        card_id: card.card_id,
        card_order_id: order.card_order_id,
        order_status: order.order_status,
        update_reason: reason,
      };
    },
  },

  {
    method: 'POST',
    path: '/v1/issuing/cards/{id}/recharge',
    handler: ({ core: c, store, body, params }) => {
      const card = findCard(store, String(params.id));
      const amount = bodyObject(body, c.options.amountInput).amount('amount', { required: true }) as Cents;
      assertFundable(card);
      if (card.mode_type === 'SINGLE')
        store.move(card.card_currency, -amount, 'CARD_RECHARGE', `recharge card ${card.card_id}`);
      else if (!c.options.shareRecharge)
        throw badRequest('card_error', 'recharge_not_supported', 'SHARE cards cannot be recharged');
      card.available_balance += amount;
      const done = (o: CardOrder) => ({ event: 'card.recharge.succeeded', data: cardFundsData(c.views, card, o) });
      const order = c.orders.open(store, card, 'CARD_RECHARGE', amount, done);
      return c.views.order(order);
    },
  },

  {
    method: 'POST',
    path: '/v1/issuing/cards/{id}/withdraw',
    handler: ({ core: c, store, body, params }) => {
      const card = findCard(store, String(params.id));
      const amount = bodyObject(body, c.options.amountInput).amount('amount', { required: true }) as Cents;
      assertFundable(card);
      if (card.mode_type === 'SHARE' && !c.options.shareRecharge)
        throw badRequest('card_error', 'withdraw_not_supported', 'SHARE cards cannot be withdrawn from');
      if (amount > card.available_balance) {
        throw badRequest('card_error', 'insufficient_balance', `amount exceeds the card's available balance`);
      }
      card.available_balance -= amount;
      if (card.mode_type === 'SINGLE')
        store.move(card.card_currency, amount, 'CARD_WITHDRAW', `withdraw from card ${card.card_id}`);
      const done = (o: CardOrder) => ({ event: 'card.withdraw.succeeded', data: cardFundsData(c.views, card, o) });
      const order = c.orders.open(store, card, 'CARD_WITHDRAW', amount, done);
      return c.views.order(order);
    },
  },

  // Raises the card's per-transaction limit for duration_in_days (Go SDK ElevateLimit); answered with a card order.
  {
    method: 'POST',
    path: '/v1/issuing/cards/{id}/elevate_limit',
    handler: ({ core: c, store, body, params }) => {
      const card = findCard(store, String(params.id));
      const f = bodyObject(body, c.options.amountInput);
      const limit = f.amount('limit_amount', { required: true }) as Cents;
      const days = f.integer('duration_in_days', ELEVATION_DAYS) ?? ELEVATION_DAYS.default;
      if (!ELEVATABLE.includes(card.card_status)) {
        const why = `card is ${card.card_status}: its limit cannot be raised`;
        throw badRequest('card_error', 'invalid_card_status', why);
      }
      card.elevated_limit = { amount: limit, until: Date.now() + days * DAY_MS };
      const order = c.orders.open(store, card, 'CARD_UPDATE', limit, (o) => ({
        event: 'card.update.succeeded',
        data: cardUpdateData(c.views, store, card, o),
      }));
      return { card_id: card.card_id, card_order_id: order.card_order_id, order_status: order.order_status };
    },
  },

  // A single-use token for UQPAY's secure card-details iframe (Go SDK CreatePANToken): 60 s, one view.
  {
    method: 'POST',
    path: '/v1/issuing/cards/{id}/token',
    handler: ({ core: c, store, params }) => {
      const card = findCard(store, String(params.id));
      if (!DETAILS_VIEWABLE.includes(card.card_status)) {
        const why = `card is ${card.card_status}: its details cannot be shown`;
        throw badRequest('card_error', 'invalid_card_status', why);
      }
      const t = c.cardDetailTokens.issue(store.id, card.card_id);
      return { token: t.token, expires_in: t.expiresIn, expires_at: c.views.time(t.expiresAt) };
    },
  },

  // The full number, CVV and expiry (Go SDK GetSecure): PCI data. A gateway must never call this.
  {
    method: 'GET',
    path: '/v1/issuing/cards/{id}/secure',
    handler: ({ store, params }) => secureCardInfo(findCard(store, String(params.id))),
  },

  {
    method: 'GET',
    path: '/v1/issuing/cards/{card_order_id}/order',
    handler: ({ core: c, store, params }) => c.views.order(findCardOrder(store, String(params.card_order_id))),
  },
];
