// Subscriptions fed by UQPAY webhooks, and their history: which events a subscriber sees, and how each payload
// field resolves. Every event comes from the event log (src/events/log.ts): a subscription follows it live and,
// given a cursor (`after`, or the `Last-Event-ID` an SSE client sends when it reconnects), first replays what it
// missed (src/events/feed.ts). Visibility: a subscriber sees only events about objects its acting account may
// read. UQPAY's envelope names no account, so the subject is read in the subscriber's account and the event is
// dropped unless UQPAY returns it; the audience (src/events/audience.ts) makes that one read per account, not
// per subscriber. A sender that does name the account (`account_id`, the emulator's optional extra) is trusted.
import type { GatewayContext } from '../context';
import { type Card, type Cardholder, UqpayError } from '../datasources/uqpay';
import { badUserInput, gatewayError } from '../errors/graphql';
import { decodeCursor, type LogPosition } from '../events/cursor';
import { openFeed } from '../events/feed';
import { CursorExpiredError, CursorInvalidError, type LoggedEvent } from '../events/log';
import type { IssuingEventMessage } from '../events/message';
import { expectCursors, lastEventId, noteCursor } from '../events/sse';
import { money } from './money';

export type EventFilter = (event: IssuingEventMessage) => boolean;

/** Card events (`card.*`) and the card's money events (`issuing.transaction.*`, `issuing.fee.*`). */
export const isCardEvent = (e: IssuingEventMessage) =>
  e.family === 'card' || (e.family === 'transaction' && e.cardId !== null);

export function cardEvents(
  _root: unknown,
  args: { cardId?: string | null; after?: string | null },
  ctx: GatewayContext,
) {
  const cardId = args.cardId?.toLowerCase();
  return eventStream(ctx, args.after, (e) => isCardEvent(e) && (!cardId || e.cardId?.toLowerCase() === cardId));
}

export function cardholderEvents(
  _root: unknown,
  args: { cardholderId?: string | null; after?: string | null },
  ctx: GatewayContext,
) {
  const cardholderId = args.cardholderId?.toLowerCase();
  return eventStream(
    ctx,
    args.after,
    (e) => e.family === 'cardholder' && (!cardholderId || e.cardholderId?.toLowerCase() === cardholderId),
  );
}

export function issuingEvents(
  _root: unknown,
  args: { types?: readonly string[] | null; after?: string | null },
  ctx: GatewayContext,
) {
  return eventStream(ctx, args.after, typeMatcher(args.types));
}

/** Exact event types, or prefixes ending in `*` (`card.*`); null or empty means every type. */
export function typeMatcher(types: readonly string[] | null | undefined): EventFilter {
  if (!types || types.length === 0) return () => true;
  const exact = new Set(types.filter((t) => !t.endsWith('*')));
  const prefixes = types.filter((t) => t.endsWith('*')).map((t) => t.slice(0, -1));
  return (e) => exact.has(e.type) || prefixes.some((p) => e.type.startsWith(p));
}

/** The request behind a context (graphql-yoga puts it there; a WebSocket transport may not). */
export const requestOf = (ctx: GatewayContext): Request | undefined => (ctx as { request?: Request }).request;

/** An event cursor from a client, or BAD_USER_INPUT. */
export function positionOf(cursor: string, what: string): LogPosition {
  const position = decodeCursor(cursor);
  if (!position) {
    throw badUserInput(`${what} is not an event cursor from this API; pass an event's \`cursor\` unchanged.`);
  }
  return position;
}

/** The event log's refusals as GraphQL errors; anything else means the log could not be read. */
export function logError(err: unknown): unknown {
  if (err instanceof CursorExpiredError) {
    return gatewayError(
      'CURSOR_EXPIRED',
      `The cursor is too old: ${err.message}. Read the current state (and \`events\` for what is still retained), ` +
        'then subscribe without a cursor or with a recent one.',
    );
  }
  if (err instanceof CursorInvalidError) return badUserInput(`The cursor is not one this API issued: ${err.message}.`);
  if (err instanceof Error && 'extensions' in err) return err; // already a GraphQL error
  return gatewayError('EVENT_LOG_UNAVAILABLE', 'The event log cannot be read right now; retry shortly.');
}

/** How long a new subscription waits for the event log to become readable before it is refused. */
const LOG_READY_TIMEOUT_MS = 5_000;

/**
 * The subscriber's stream: the log followed live from now (so nothing appended after the subscription starts is
 * missed), first replaying what the log retains after the resume cursor; filtered by `matches` and by visibility.
 * Each event's cursor is noted for the SSE writer's `id:`. Ending it (client gone) stops following the log.
 */
async function eventStream(
  ctx: GatewayContext,
  after: string | null | undefined,
  matches: EventFilter,
): Promise<AsyncIterableIterator<LoggedEvent>> {
  const request = requestOf(ctx);
  // A reconnecting EventSource sends the last id it saw; it is newer than the `after` it first subscribed with.
  const resume = lastEventId(request) ?? after ?? undefined;
  const position = resume === undefined ? null : positionOf(resume, lastEventId(request) ? 'Last-Event-ID' : '`after`');
  const feed = openFeed(ctx.eventLog, {
    after: position,
    accept: async (e) => matches(e) && (await visibleTo(ctx, e)),
    logger: ctx.logger,
  });
  try {
    await withTimeout(feed.start(), LOG_READY_TIMEOUT_MS);
  } catch (err) {
    await feed.return!();
    throw logError(err);
  }
  expectCursors(request);
  const iterator: AsyncIterableIterator<LoggedEvent> = {
    async next() {
      let r: IteratorResult<LoggedEvent>;
      try {
        r = await feed.next();
      } catch (err) {
        await feed.return!();
        throw logError(err);
      }
      if (!r.done) noteCursor(request, r.value.cursor);
      return r;
    },
    return: () => feed.return!(),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('event log not ready')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The acting account's UQPAY id: `x-on-behalf-of` (or a partner key's account), else the master account. */
export function actingAccountId(ctx: GatewayContext): Promise<string> {
  const view = ctx.account;
  if (view.accountId) return Promise.resolve(view.accountId);
  return view.once('events:masterAccountId', () => ctx.api.masterAccountId(view.scope));
}

/** The key the audience remembers answers under: the account a subscriber's reads act for. */
export const audienceAccount = (ctx: GatewayContext) => ctx.account.accountId ?? 'master';

/**
 * Reads for events go through the audience (one read per account, shared by its subscribers), with a scope of
 * their own: a shared read must not be aborted because the one subscriber that started it went away.
 */
function sharedScope(ctx: GatewayContext) {
  return { accountId: ctx.account.accountId, requestId: ctx.requestId };
}

type Subject = { key: string; read: () => Promise<unknown> };

export function subjectOf(ctx: GatewayContext, event: IssuingEventMessage): Subject | null {
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
