// Subscriptions fed by UQPAY webhooks: which events a subscriber sees, and how each payload field resolves.
// Visibility: a subscriber sees only events about objects its acting account may read. The emulator tells us the
// owning account (`account_id`); when a sender does not, the subject is read in the subscriber's account and the
// event is dropped unless UQPAY returns it.
import type { GatewayContext } from '../context';
import type { Card, Cardholder } from '../datasources/uqpay/types';
import { UqpayError } from '../datasources/uqpay/errors';
import { eventCategory, type IssuingEventMessage } from '../webhooks/events';
import { money } from './money';

export type EventFilter = (event: IssuingEventMessage) => boolean;

export function cardEvents(_root: unknown, args: { cardId?: string | null }, ctx: GatewayContext) {
  const cardId = args.cardId?.toLowerCase();
  return eventStream(ctx, (e) => eventCategory(e.type) === 'card' && (!cardId || e.cardId?.toLowerCase() === cardId));
}

export function cardholderEvents(_root: unknown, args: { cardholderId?: string | null }, ctx: GatewayContext) {
  const cardholderId = args.cardholderId?.toLowerCase();
  return eventStream(
    ctx,
    (e) => eventCategory(e.type) === 'cardholder' && (!cardholderId || e.cardholderId?.toLowerCase() === cardholderId),
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

export async function visibleTo(ctx: GatewayContext, event: IssuingEventMessage): Promise<boolean> {
  try {
    if (event.accountId) return event.accountId.toLowerCase() === (await actingAccountId(ctx)).toLowerCase();
    if (event.cardId) return (await freshCard(ctx, event.cardId)) !== null;
    if (event.cardholderId) return (await freshCardholder(ctx, event.cardholderId)) !== null;
    if (event.transactionId) return (await readOrNull(() => ctx.account.loaders.transaction.load(event.transactionId!))) !== null;
    return false; // nothing to check ownership against: never broadcast it
  } catch (err) {
    ctx.logger.warn({ err, eventId: event.eventId }, 'could not check event visibility; event not delivered');
    return false;
  }
}

/** Read past the request's cache: a subscription's context lives for many events, and each must see the new state. */
export function freshCard(ctx: GatewayContext, cardId: string): Promise<Card | null> {
  const loader = ctx.account.loaders.card;
  loader.clear(cardId);
  return readOrNull(() => loader.load(cardId));
}

export function freshCardholder(ctx: GatewayContext, cardholderId: string): Promise<Cardholder | null> {
  const loader = ctx.account.loaders.cardholder;
  loader.clear(cardholderId);
  return readOrNull(() => loader.load(cardholderId));
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

// ---- payload fields ------------------------------------------------------------------------------------------

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const eventOrderId = (e: IssuingEventMessage) => (e.orderId && UUID_RE.test(e.orderId) ? e.orderId : null);
export const eventAmount = (e: IssuingEventMessage) => money(e.amount, e.currency);
export const eventCardAvailableBalance = (e: IssuingEventMessage) => money(e.cardAvailableBalance, e.currency);
export const eventSucceeded = (e: IssuingEventMessage) =>
  e.type.endsWith('.succeeded') ? true : e.type.endsWith('.failed') ? false : null;
export const eventCard = (e: IssuingEventMessage, _args: unknown, ctx: GatewayContext) =>
  e.cardId ? freshCard(ctx, e.cardId) : null;
export const eventCardholder = (e: IssuingEventMessage, _args: unknown, ctx: GatewayContext) =>
  e.cardholderId ? freshCardholder(ctx, e.cardholderId) : null;
