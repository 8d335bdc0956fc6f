// Subscriptions fed by UQPAY webhooks: which events a subscriber sees, and how each payload field resolves.
// Visibility: a subscriber sees only events about objects its acting account may read. UQPAY's envelope names no
// account, so the subject is read in the subscriber's account and the event is dropped unless UQPAY returns it;
// the audience (src/events/audience.ts) makes that one read per account, not per subscriber. A sender that does
// name the account (`account_id`, the emulator's optional extra) is trusted instead.
import type { GatewayContext } from '../context';
import { type Card, type Cardholder, UqpayError } from '../datasources/uqpay';
import type { IssuingEventMessage } from '../events/message';
import { money } from './money';

export type EventFilter = (event: IssuingEventMessage) => boolean;

/** Card events (`card.*`) and the card's money events (`issuing.transaction.*`, `issuing.fee.*`). */
export const isCardEvent = (e: IssuingEventMessage) =>
  e.family === 'card' || (e.family === 'transaction' && e.cardId !== null);

export function cardEvents(_root: unknown, args: { cardId?: string | null }, ctx: GatewayContext) {
  const cardId = args.cardId?.toLowerCase();
  return eventStream(ctx, (e) => isCardEvent(e) && (!cardId || e.cardId?.toLowerCase() === cardId));
}

export function cardholderEvents(_root: unknown, args: { cardholderId?: string | null }, ctx: GatewayContext) {
  const cardholderId = args.cardholderId?.toLowerCase();
  return eventStream(
    ctx,
    (e) => e.family === 'cardholder' && (!cardholderId || e.cardholderId?.toLowerCase() === cardholderId),
  );
}

export function issuingEvents(_root: unknown, args: { types?: readonly string[] | null }, ctx: GatewayContext) {
  return eventStream(ctx, typeMatcher(args.types));
}

/** Exact event types, or prefixes ending in `*` (`card.*`); null or empty means every type. */
export function typeMatcher(types: readonly string[] | null | undefined): EventFilter {
  if (!types || types.length === 0) return () => true;
  const exact = new Set(types.filter((t) => !t.endsWith('*')));
  const prefixes = types.filter((t) => t.endsWith('*')).map((t) => t.slice(0, -1));
  return (e) => exact.has(e.type) || prefixes.some((p) => e.type.startsWith(p));
}

/**
 * The subscriber's stream: attached to the bus now (so nothing published after the subscription starts is
 * missed), filtered by `matches` and by visibility. Ending it (client gone) detaches from the bus.
 */
function eventStream(ctx: GatewayContext, matches: EventFilter): AsyncIterableIterator<IssuingEventMessage> {
  const source = ctx.pubsub.subscribe();
  const iterator: AsyncIterableIterator<IssuingEventMessage> = {
    async next() {
      for (;;) {
        const r = await source.next();
        if (r.done) return r;
        if (matches(r.value) && (await visibleTo(ctx, r.value))) return r;
      }
    },
    return: () => source.return(),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** The acting account's UQPAY id: `x-on-behalf-of` (or a partner key's account), else the master account. */
function actingAccountId(ctx: GatewayContext): Promise<string> {
  const view = ctx.account;
  if (view.accountId) return Promise.resolve(view.accountId);
  return view.once('events:masterAccountId', () => ctx.api.masterAccountId(view.scope));
}

/** The key the audience remembers answers under: the account a subscriber's reads act for. */
const audienceAccount = (ctx: GatewayContext) => ctx.account.accountId ?? 'master';

/**
 * Reads for events go through the audience (one read per account, shared by its subscribers), with a scope of
 * their own: a shared read must not be aborted because the one subscriber that started it went away.
 */
function sharedScope(ctx: GatewayContext) {
  return { accountId: ctx.account.accountId, requestId: ctx.requestId };
}

type Subject = { key: string; read: () => Promise<unknown> };

function subjectOf(ctx: GatewayContext, event: IssuingEventMessage): Subject | null {
  const scope = sharedScope(ctx);
  if (event.cardId) {
    const id = event.cardId;
    return { key: `card:${id.toLowerCase()}`, read: () => readOrNull(() => ctx.api.cards.retrieve(scope, id)) };
  }
  if (event.cardholderId) {
    const id = event.cardholderId;
    return {
      key: `cardholder:${id.toLowerCase()}`,
      read: () => readOrNull(() => ctx.api.cardholders.retrieve(scope, id)),
    };
  }
  if (event.transactionId) {
    const id = event.transactionId;
    return {
      key: `transaction:${id.toLowerCase()}`,
      read: () => readOrNull(() => ctx.api.transactions.retrieve(scope, id)),
    };
  }
  return null;
}

export async function visibleTo(ctx: GatewayContext, event: IssuingEventMessage): Promise<boolean> {
  try {
    if (event.accountId) return event.accountId.toLowerCase() === (await actingAccountId(ctx)).toLowerCase();
    const subject = subjectOf(ctx, event);
    if (!subject) return false; // nothing to check ownership against: never broadcast it
    return await ctx.audience.owns(audienceAccount(ctx), subject.key, event.eventId, subject.read);
  } catch (err) {
    ctx.logger.warn({ err, eventId: event.eventId }, 'could not check event visibility; event not delivered');
    return false;
  }
}

/** Not found, or not this account's (UQPAY answers 4xx): null. Outages still throw. */
async function readOrNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof UqpayError && err.status >= 400 && err.status < 500 && err.status !== 429) return null;
    throw err;
  }
}

/**
 * The event's card as it is now, read once per event for every subscriber of the account (a subscription's
 * context lives for many events, so this never comes from its request cache).
 */
export function freshCard(ctx: GatewayContext, cardId: string, eventId: string): Promise<Card | null> {
  const scope = sharedScope(ctx);
  return ctx.audience.freshFor(audienceAccount(ctx), `card:${cardId.toLowerCase()}`, eventId, () =>
    readOrNull(() => ctx.api.cards.retrieve(scope, cardId)),
  );
}

export function freshCardholder(
  ctx: GatewayContext,
  cardholderId: string,
  eventId: string,
): Promise<Cardholder | null> {
  const scope = sharedScope(ctx);
  return ctx.audience.freshFor(audienceAccount(ctx), `cardholder:${cardholderId.toLowerCase()}`, eventId, () =>
    readOrNull(() => ctx.api.cardholders.retrieve(scope, cardholderId)),
  );
}

// ---- payload fields ------------------------------------------------------------------------------------------

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const eventOrderId = (e: IssuingEventMessage) => (e.orderId && UUID_RE.test(e.orderId) ? e.orderId : null);
export const eventAmount = (e: IssuingEventMessage) => money(e.amount, e.currency);
export const eventCardAvailableBalance = (e: IssuingEventMessage) =>
  money(e.cardAvailableBalance, e.billingCurrency ?? e.currency);
export const eventSucceeded = (e: IssuingEventMessage) =>
  e.type.endsWith('.succeeded') ? true : e.type.endsWith('.failed') ? false : null;
const CATEGORY = { card: 'CARD', cardholder: 'CARDHOLDER', transaction: 'TRANSACTION', generic: 'GENERIC' } as const;
export const eventCategory = (e: IssuingEventMessage) => CATEGORY[e.family];
export const eventCardholderId = (e: IssuingEventMessage) =>
  e.cardholderId && UUID_RE.test(e.cardholderId) ? e.cardholderId : null;
export const eventCardLimit = (e: IssuingEventMessage) => money(e.cardLimit, e.currency);
export const eventBillingAmount = (e: IssuingEventMessage) => money(e.billingAmount, e.billingCurrency);
export const eventFee = (e: IssuingEventMessage) => money(e.fee, e.feeCurrency);
/** Spending limits need the card's currency to be Money; without it, null (the fresh `card` has them). */
export const eventSpendingLimits = (e: IssuingEventMessage) =>
  e.spendingLimits && e.currency
    ? e.spendingLimits.map((l) => ({ amount: money(l.amount, e.currency)!, interval: l.interval }))
    : null;
export const eventCard = (e: IssuingEventMessage, _args: unknown, ctx: GatewayContext) =>
  e.cardId ? freshCard(ctx, e.cardId, e.eventId) : null;
export const eventCardholder = (e: IssuingEventMessage, _args: unknown, ctx: GatewayContext) =>
  e.cardholderId ? freshCardholder(ctx, e.cardholderId, e.eventId) : null;
