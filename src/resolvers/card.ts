// Cards: reads, relations (the cardholder comes embedded in the card: zero calls), and the card mutations.
// After any write the payload re-reads the card from a cleared loader, so balances and states are fresh.
import { z } from 'zod';
import type { AccountView, GatewayContext } from '../context';
import {
  type Card,
  type CardCreateResult,
  type CardOrder,
  type CardStatus,
  type CardStatusResult,
  type ElevateLimitResult,
  type RiskControls,
  type SpendingControl,
  type UpdateCardBody,
  UpstreamOutcomeUnknownError,
  primeCards,
  AUTO_CANCEL_TRIGGERS,
  CARD_MODES,
  CARD_STATUS_CHANGES,
  SPENDING_INTERVALS,
  USAGE_TYPES,
} from '../datasources/uqpay';
import { cardStatusReached } from './outcome';
import { listConnection, type ConnectionArgs } from './pagination';
import { isPositive, money, moneyFromSuffixed, sameAmount } from './money';
import { kycPendingUserErrors } from './card-kyc';
import { defineMutation, replayMismatch } from './mutation';
import type { Payload } from './user-errors';

export interface CardFilter {
  /** UNKNOWN never arrives: the schema's upstreamEnums plugin refuses it as an argument. */
  status?: CardStatus | 'UNKNOWN' | null;
  cardholderId?: string | null;
}

export async function card(_root: unknown, args: { cardId: string }, ctx: GatewayContext) {
  return ctx.account.loaders.card.load(args.cardId);
}

export function listCards(view: AccountView, args: ConnectionArgs, filter: CardFilter, ctx: GatewayContext) {
  return listConnection(
    args,
    (page) =>
      ctx.api.cards.list(view.scope, {
        ...page,
        ...(filter.status ? { card_status: filter.status as CardStatus } : {}),
        ...(filter.cardholderId ? { cardholder_id: filter.cardholderId } : {}),
      }),
    (items) => {
      primeCards(view.loaders, items);
      if (view !== ctx.account) for (const c of items) ctx.adopt(view, c);
    },
  );
}

export const cards = (_root: unknown, args: ConnectionArgs & CardFilter, ctx: GatewayContext) =>
  listCards(ctx.account, args, args, ctx);

/** The cardholder embedded in every UQPAY card object: no upstream call. */
export const cardCardholder = (c: Card, _args: unknown, ctx: GatewayContext) => ctx.adopt(ctx.viewOf(c), c.cardholder);

export async function cardProduct(c: Card, _args: unknown, ctx: GatewayContext) {
  return c.card_product_id ? ctx.viewOf(c).loaders.product.load(c.card_product_id) : null;
}

export const cardLimit = (c: Card) => money(c.card_limit, c.card_currency);
export const cardAvailableBalance = (c: Card) => money(c.available_balance, c.card_currency);
export const cardConsumedAmount = (c: Card) => money(c.consumed_amount, c.card_currency);
export const cardNoPinPaymentAmount = (c: Card) => moneyFromSuffixed(c.no_pin_payment_amount);
export const cardSpendingControls = (c: Card) =>
  (c.spending_controls ?? []).map((s) => ({ amount: money(s.amount, c.card_currency)!, interval: s.interval }));
export const cardRiskControls = (c: Card) => {
  const r = c.risk_controls;
  if (!r) return null;
  return {
    allow3dsTransactions: r.allow_3ds_transactions === undefined ? null : r.allow_3ds_transactions === 'Y',
    allowedMcc: r.allowed_mcc ?? [],
    blockedMcc: r.blocked_mcc ?? [],
  };
};

// ---- mutations ----------------------------------------------------------------------------------------------

// The inputs' one definition: schema/card.ts derives the GraphQL input types from these (input-from-zod.ts).

const amount = z.string().refine(isPositive, 'must be greater than 0');
const nonNegative = z.string().refine((v) => !v.startsWith('-'), 'must not be negative');
const mcc = z.string().regex(/^\d{4}$/, 'must be a 4-digit merchant category code');
const idempotencyKey = z.string().nullish();

export const SpendingControlInput = z.object({
  amount,
  interval: z.enum(SPENDING_INTERVALS),
});
export const RiskControlsInput = z.object({
  allow3dsTransactions: z.boolean().nullish(),
  allowedMcc: z.array(mcc).nullish(),
  blockedMcc: z.array(mcc).nullish(),
});
const metadata = z
  .record(z.string(), z.unknown())
  .refine((m) => Buffer.byteLength(JSON.stringify(m)) <= 3200, 'must be at most 3200 bytes as JSON');

export const CreateCardInput = z
  .object({
    cardholderId: z.string(),
    productId: z.string(),
    currency: z.string(),
    cardLimit: nonNegative.nullish(),
    spendingControls: z.array(SpendingControlInput).max(10, 'at most 10 spending controls').nullish(),
    riskControls: RiskControlsInput.nullish(),
    metadata: metadata.nullish(),
    usageType: z.enum(USAGE_TYPES).nullish(),
    autoCancelTrigger: z.enum(AUTO_CANCEL_TRIGGERS).nullish(),
    idempotencyKey,
  })
  .superRefine(oneTimeTrigger);

/** UQPAY requires auto_cancel_trigger exactly for ONE_TIME cards (Go issuing/cards.go CreateCardRequest). */
function oneTimeTrigger(i: { usageType?: string | null; autoCancelTrigger?: string | null }, ctx: z.RefinementCtx) {
  const oneTime = i.usageType === 'ONE_TIME';
  if (oneTime === (i.autoCancelTrigger != null)) return;
  ctx.addIssue({
    code: 'custom',
    path: ['autoCancelTrigger'],
    message: oneTime ? 'is required for a ONE_TIME card (ON_AUTH or ON_CAPTURE)' : 'applies only to ONE_TIME cards',
  });
}

export const AssignCardInput = z.object({
  cardholderId: z.string(),
  cardNumber: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    // Format only: UQPAY decides what is provisioned, and its own docs' number fails a Luhn check.
    .refine((s) => /^\d{13,19}$/.test(s), {
      message: 'is not a valid card number (13–19 digits)',
      params: { code: 'INVALID_CARD_NUMBER' },
    }),
  currency: z.string(),
  mode: z.enum(CARD_MODES),
  idempotencyKey,
});

export const UpdateCardInput = z
  .object({
    cardId: z.string(),
    cardLimit: nonNegative.nullish(),
    noPinPaymentAmount: nonNegative.nullish(),
    spendingControls: z.array(SpendingControlInput).max(10, 'at most 10 spending controls').nullish(),
    riskControls: RiskControlsInput.nullish(),
    metadata: metadata.nullish(),
    idempotencyKey,
  })
  .refine(
    (i) =>
      i.cardLimit != null ||
      i.noPinPaymentAmount != null ||
      i.spendingControls != null ||
      i.riskControls != null ||
      i.metadata != null,
    { message: 'Give at least one field to change.' },
  );

export const SetCardStatusInput = z.object({
  cardId: z.string(),
  status: z.enum(CARD_STATUS_CHANGES),
  reason: z.string().trim().max(255, 'must be at most 255 characters').nullish(),
  idempotencyKey,
});

export const CardAmountInput = z.object({ cardId: z.string(), amount, idempotencyKey });

/** The longest elevation accepted: UQPAY documents no bound, and a raised limit for more than a year is a new limit. */
export const MAX_ELEVATION_DAYS = 365;

export const ElevateCardLimitInput = z.object({
  cardId: z.string(),
  limitAmount: amount,
  durationInDays: z
    .number()
    .int()
    .min(1, 'must be at least 1 day')
    .max(MAX_ELEVATION_DAYS, `must be at most ${MAX_ELEVATION_DAYS} days`),
  idempotencyKey,
});

type SpendingIn = z.output<typeof SpendingControlInput>;
type RiskIn = z.output<typeof RiskControlsInput>;

const toSpending = (list: SpendingIn[]): SpendingControl[] =>
  list.map((s) => ({ amount: s.amount, interval: s.interval }));
function toRisk(r: RiskIn): RiskControls {
  const out: RiskControls = {};
  if (r.allow3dsTransactions != null) out.allow_3ds_transactions = r.allow3dsTransactions ? 'Y' : 'N';
  if (r.allowedMcc) out.allowed_mcc = r.allowedMcc;
  if (r.blockedMcc) out.blocked_mcc = r.blockedMcc;
  return out;
}

export interface CardPayload extends Partial<Payload> {
  cardId?: string;
  order?: CardOrder | null;
}

/** After a write the card is re-read: drop any copy this request already holds. */
function written(ctx: GatewayContext, cardId: string, order?: CardOrder | null): CardPayload {
  ctx.account.loaders.card.clear(cardId);
  return { cardId, order };
}

const opts = (key: string | undefined) => ({ idempotencyKey: key });
const same = (a: string | null | undefined, b: string) => !a || a.toLowerCase() === b.toLowerCase();

function creationOrder(r: CardCreateResult, currency: string, amount?: string | null): CardOrder {
  return {
    card_id: r.card_id,
    card_order_id: r.card_order_id,
    order_type: 'CARD_CREATE',
    order_status: r.order_status,
    create_time: r.create_time,
    card_currency: currency,
    amount: amount ?? null,
  };
}

/**
 * The card UQPAY says it issued, read fresh (the payload re-reads the same copy), checked against what was asked:
 * a replayed answer to another request under the same key names another cardholder or currency.
 */
async function issuedCard(
  ctx: GatewayContext,
  result: CardCreateResult,
  cardholderId: string,
  currency: string,
): Promise<Card | null> {
  ctx.account.loaders.card.clear(result.card_id);
  const issued = await ctx.account.loaders.card.load(result.card_id);
  if (issued && (!same(issued.cardholder?.cardholder_id, cardholderId) || !same(issued.card_currency, currency))) {
    throw replayMismatch(`card ${result.card_id} belongs to another cardholder or currency`);
  }
  return issued;
}

export const createCard = defineMutation({
  operation: 'createCard',
  input: CreateCardInput,
  moneyMoving: true,
  // A KYC rejection names the cardholder's missing fields: the input field to fix is the cardholder.
  missingFieldsAt: ['cardholderId'],
  async perform(i, ctx, key): Promise<CardPayload> {
    const result = await ctx.api.cards.create(
      ctx.account.scope,
      {
        card_currency: i.currency,
        cardholder_id: i.cardholderId,
        card_product_id: i.productId,
        ...(i.cardLimit != null ? { card_limit: i.cardLimit } : {}),
        ...(i.spendingControls ? { spending_controls: toSpending(i.spendingControls) } : {}),
        ...(i.riskControls ? { risk_controls: toRisk(i.riskControls) } : {}),
        ...(i.metadata ? { metadata: i.metadata } : {}),
        ...(i.usageType ? { usage_type: i.usageType } : {}),
        ...(i.autoCancelTrigger ? { auto_cancel_trigger: i.autoCancelTrigger } : {}),
      },
      opts(key),
    );
    await issuedCard(ctx, result, i.cardholderId, i.currency);
    return {
      cardId: result.card_id,
      order: creationOrder(result, i.currency, i.cardLimit),
      ...kycPendingUserErrors(result),
    };
  },
});

const panOf = (input: unknown) => {
  const pan = (input as { cardNumber?: unknown } | null)?.cardNumber;
  return typeof pan === 'string' ? [pan, pan.replace(/[\s-]/g, '')] : [];
};

export const assignCard = defineMutation({
  operation: 'assignCard',
  input: AssignCardInput,
  moneyMoving: true,
  missingFieldsAt: ['cardholderId'],
  // The full card number must never come back, not even inside an upstream error message.
  secrets: panOf,
  async perform(i, ctx, key): Promise<CardPayload> {
    const result = await ctx.api.cards.assign(
      ctx.account.scope,
      { cardholder_id: i.cardholderId, card_number: i.cardNumber, card_currency: i.currency, card_mode: i.mode },
      opts(key),
    );
    const card = await issuedCard(ctx, result, i.cardholderId, i.currency);
    if (card?.card_number && !card.card_number.endsWith(i.cardNumber.slice(-4))) {
      throw replayMismatch(`card ${result.card_id} has another card number`);
    }
    return {
      cardId: result.card_id,
      order: creationOrder(result, i.currency),
      ...kycPendingUserErrors(result, panOf(i)),
    };
  },
});

export const updateCard = defineMutation({
  operation: 'updateCard',
  input: UpdateCardInput,
  async perform(i, ctx, key): Promise<CardPayload> {
    const body: UpdateCardBody = {};
    if (i.cardLimit != null) body.card_limit = i.cardLimit;
    if (i.noPinPaymentAmount != null) body.no_pin_payment_amount = i.noPinPaymentAmount;
    if (i.spendingControls) body.spending_controls = toSpending(i.spendingControls);
    if (i.riskControls) body.risk_controls = toRisk(i.riskControls);
    if (i.metadata) body.metadata = i.metadata;
    const updated = (await ctx.api.cards.update(ctx.account.scope, i.cardId, body, opts(key))) as
      { card_id?: string } | undefined;
    if (!same(updated?.card_id, i.cardId)) {
      throw replayMismatch(`card ${updated?.card_id} was changed, not ${i.cardId}`);
    }
    return written(ctx, i.cardId);
  },
});

export const setCardStatus = defineMutation({
  operation: 'setCardStatus',
  input: SetCardStatusInput,
  async perform(i, ctx, key): Promise<CardPayload> {
    // UQPAY answers a status change with a card order; fetching the order itself is left to the `order` field.
    let result: CardStatusResult;
    try {
      result = await ctx.api.cards.setStatus(
        ctx.account.scope,
        i.cardId,
        { card_status: i.status, ...(i.reason ? { update_reason: i.reason } : {}) },
        opts(key),
      );
    } catch (err) {
      // Outcome unknown: the card's state is the answer when it shows the change (the order stays unknown).
      if (err instanceof UpstreamOutcomeUnknownError && (await cardStatusReached(ctx, i.cardId, i.status))) {
        return written(ctx, i.cardId, null);
      }
      throw err;
    }
    if (!same(result.card_id ?? i.cardId, i.cardId)) {
      throw replayMismatch(`card ${result.card_id} was changed, not ${i.cardId}`);
    }
    return written(ctx, i.cardId, {
      card_id: i.cardId,
      card_order_id: result.card_order_id,
      order_type: 'CARD_UPDATE',
      order_status: result.order_status,
    });
  },
});

export const elevateCardLimit = defineMutation({
  operation: 'elevateCardLimit',
  input: ElevateCardLimitInput,
  async perform(i, ctx, key): Promise<CardPayload> {
    const body = { limit_amount: i.limitAmount, duration_in_days: i.durationInDays };
    const result: ElevateLimitResult = await ctx.api.cards.elevateLimit(ctx.account.scope, i.cardId, body, opts(key));
    if (!same(result.card_id ?? i.cardId, i.cardId)) {
      throw replayMismatch(`card ${result.card_id} was changed, not ${i.cardId}`);
    }
    // UQPAY answers with a card order (an update of the card); fetching the order itself is left to `order`.
    return written(ctx, i.cardId, {
      card_id: i.cardId,
      card_order_id: result.card_order_id,
      order_type: 'CARD_UPDATE',
      order_status: result.order_status,
    });
  },
});

function moveFunds(direction: 'recharge' | 'withdraw') {
  return defineMutation({
    operation: `${direction}Card`,
    input: CardAmountInput,
    moneyMoving: true,
    async perform(i, ctx, key): Promise<CardPayload> {
      const order = await ctx.api.cards[direction](ctx.account.scope, i.cardId, { amount: i.amount }, opts(key));
      // UQPAY replays a key's first order for the same route and body: the same amount on another card comes
      // back as that card's order. Only this card's order, of this amount, is this request's success.
      if (!same(order.card_id, i.cardId) || !sameAmount(order.amount, i.amount)) {
        throw replayMismatch(`order ${order.card_order_id} moved ${order.amount ?? '?'} on card ${order.card_id}`);
      }
      return written(ctx, i.cardId, order);
    },
  });
}

export const rechargeCard = moveFunds('recharge');
export const withdrawCard = moveFunds('withdraw');

export function payloadCard(payload: CardPayload, _args: unknown, ctx: GatewayContext) {
  return payload.cardId ? ctx.account.loaders.card.load(payload.cardId) : null;
}
