// `events(first, after, types, cardId)`: the acting account's retained events, newest first, as a Relay
// connection. The log holds every account's events (UQPAY names none), so a page is found by reading the log
// backwards and keeping what the acting account may see, by the same rule as the subscriptions: the event's
// subject read in the caller's account, the answer remembered per (account, subject) by the audience.
//
// What one page may cost is bounded: at most `first` ownership reads (subjects nobody asked about yet; what the
// per-operation upstream estimate counts for this field) and at most MAX_SCANNED log entries. A page that reaches
// either bound ends early, with `hasNextPage` true and `endCursor` where the next page continues: the caller
// pages on, nothing is skipped. Edges' cursors are event cursors: the newest edge's is the `after` for a
// subscription that continues from this history with no gap.
import type { GatewayContext } from '../context';
import { badUserInput } from '../errors/graphql';
import type { LoggedEvent } from '../events/log';
import { actingAccountId, audienceAccount, isCardEvent, logError, positionOf, subjectOf, typeMatcher } from './events';
import { DEFAULT_PAGE_SIZE, MAX_FIRST } from './pagination';

export interface EventHistoryArgs {
  first?: number | null;
  after?: string | null;
  types?: readonly string[] | null;
  cardId?: string | null;
}

export interface EventConnection {
  edges: { cursor: string; node: LoggedEvent }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Log entries read at a time. */
const CHUNK = 200;
/** Log entries one page may examine. */
export const MAX_SCANNED = 5_000;

export async function eventHistory(
  _root: unknown,
  args: EventHistoryArgs,
  ctx: GatewayContext,
): Promise<EventConnection> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_FIRST}; got ${first}.`);
  }
  let before = args.after ? positionOf(args.after, '`after`') : null;
  const ofType = typeMatcher(args.types);
  const cardId = args.cardId?.toLowerCase();
  const matches = (e: LoggedEvent) => ofType(e) && (!cardId || (isCardEvent(e) && e.cardId?.toLowerCase() === cardId));
  const visibility = createVisibility(ctx, first);

  // One more than the page: whether another visible event follows decides hasNextPage exactly.
  const found: LoggedEvent[] = [];
  let lastExamined: LoggedEvent | undefined;
  let endOfLog = false;
  let stoppedEarly = false;
  let scanned = 0;
  scan: while (found.length <= first) {
    let chunk: LoggedEvent[];
    try {
      chunk = await ctx.eventLog.readBefore(before, CHUNK);
    } catch (err) {
      throw logError(err);
    }
    const verdicts = await visibility.decide(chunk.filter(matches));
    for (const e of chunk) {
      if (matches(e)) {
        const visible = verdicts.get(e);
        if (visible === undefined) {
          stoppedEarly = true; // out of ownership reads: the next page starts here
          break scan;
        }
        if (visible) found.push(e);
      }
      lastExamined = e;
      before = { epoch: e.logEpoch, id: e.logId };
      if (found.length > first) break scan;
    }
    scanned += chunk.length;
    if (chunk.length < CHUNK) {
      endOfLog = true;
      break;
    }
    if (scanned >= MAX_SCANNED) {
      stoppedEarly = true;
      break;
    }
  }

  const page = found.slice(0, first);
  const edges = page.map((node) => ({ cursor: node.cursor, node }));
  const full = page.length === first;
  const hasNextPage = found.length > first || (!endOfLog && (stoppedEarly || !full));
  // A full page continues after its last edge; a page cut short continues after the last entry it examined.
  const endCursor = full ? page[first - 1]!.cursor : hasNextPage ? (lastExamined?.cursor ?? null) : null;
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: endCursor ?? edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * Decides which events the caller may see: from what is already known (the sender named the account, the
 * audience remembers the subject), else by reading the subject in the caller's account while `reads` last.
 * Undefined: not decided (the reads ran out before this event's subject).
 */
function createVisibility(ctx: GatewayContext, reads: number) {
  let left = reads;
  let acting: Promise<string> | undefined;
  return {
    async decide(events: LoggedEvent[]): Promise<Map<LoggedEvent, boolean | undefined>> {
      const account = audienceAccount(ctx);
      const verdicts = new Map<LoggedEvent, boolean | undefined>();
      const asked = new Map<string, Promise<boolean>>();
      const pending: [LoggedEvent, Promise<boolean>][] = [];
      for (const e of events) {
        if (e.accountId) {
          acting ??= actingAccountId(ctx).then((id) => id.toLowerCase());
          const sender = e.accountId.toLowerCase();
          pending.push([e, acting.then((id) => id === sender)]);
          continue;
        }
        const subject = subjectOf(ctx, e);
        if (!subject) {
          verdicts.set(e, false); // nothing to check ownership against: never shown
          continue;
        }
        const known = ctx.audience.known(account, subject.key);
        if (known !== undefined) {
          verdicts.set(e, known);
          continue;
        }
        let answer = asked.get(subject.key);
        if (!answer && left > 0) {
          left--;
          answer = ctx.audience.owns(account, subject.key, e.eventId, subject.read);
          asked.set(subject.key, answer);
        }
        if (answer) pending.push([e, answer]);
        else verdicts.set(e, undefined);
      }
      const settled = await Promise.all(pending.map(([, p]) => p));
      pending.forEach(([e], i) => verdicts.set(e, settled[i]));
      return verdicts;
    },
  };
}
