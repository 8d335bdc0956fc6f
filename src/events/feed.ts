// One subscriber's view of the event log: what it missed since a cursor, then live, with no gap and no duplicate
// at the seam. The order matters:
//   1. follow the log live first (events read from now on are buffered),
//   2. read the retained entries after the cursor, page by page, until none are left,
//   3. then take the buffered live events, skipping every entry at or before the last one delivered.
// Anything appended before step 2 finished is in the log, anything read after step 1 began is buffered: together
// they cover everything, and the position check removes what both hold. The same catch-up runs whenever the live
// buffer overflows (a slow subscriber), so a subscriber loses nothing the log still retains; a subscriber that
// falls behind the retention gets CursorExpiredError instead of a silent gap.
import type { Logger } from '../logger';
import { compareIds, LOG_START, type LogPosition } from './cursor';
import { CursorExpiredError, CursorInvalidError, type EventLog, type LiveFeed, type LoggedEvent } from './log';

export interface FeedOptions {
  /** Replay what the log retains after this position first; null: only what is appended from now on. */
  after: LogPosition | null;
  /** Whether the subscriber gets this event (filters, visibility). Events it does not get still move it on. */
  accept(event: LoggedEvent): boolean | Promise<boolean>;
  /** Entries read from the log at a time while catching up. */
  pageSize?: number;
  logger?: Logger;
}

export interface EventFeed extends AsyncIterableIterator<LoggedEvent> {
  /**
   * Follows the log and makes the first catch-up read, so that a malformed or expired cursor, or an unreadable
   * log, fails the subscription before it starts rather than mid-stream.
   */
  start(): Promise<void>;
}

const RETRY_MS = { first: 100, max: 2_000 };

export function openFeed(log: EventLog, opts: FeedOptions): EventFeed {
  const pageSize = opts.pageSize ?? 200;
  let live: LiveFeed | undefined;
  let position: LogPosition | null = opts.after;
  let catchingUp = opts.after !== null;
  let page: LoggedEvent[] = [];
  let at = 0;
  let done = false;

  async function readPage(): Promise<void> {
    page = await log.readAfter(position, pageSize);
    at = 0;
    if (page.length === 0) catchingUp = false;
  }

  /** A catch-up read that waits out an unreachable log (the subscription pauses); cursor errors end it. */
  async function readPageRetrying(): Promise<void> {
    for (let delay = RETRY_MS.first; ; delay = Math.min(delay * 2, RETRY_MS.max)) {
      try {
        return await readPage();
      } catch (err) {
        if (err instanceof CursorExpiredError || err instanceof CursorInvalidError || done) throw err;
        opts.logger?.warn({ err: (err as Error).message }, 'event log unreadable; subscriber catch-up retrying');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  async function nextEntry(): Promise<LoggedEvent | undefined> {
    for (;;) {
      if (done || !live) return undefined;
      if (at < page.length) return page[at++];
      if (catchingUp) {
        await readPageRetrying();
        continue;
      }
      if (live.takeOverflow()) {
        catchingUp = true;
        continue;
      }
      return live.next();
    }
  }

  /** Already delivered (or passed over): at or before the position, in the same log. */
  const seen = (e: LoggedEvent) =>
    position !== null && position.epoch === e.logEpoch && compareIds(e.logId, position.id) <= 0;

  const feed: EventFeed = {
    async start() {
      await log.ready;
      if (done) return; // given up on (the caller timed out waiting for the log): follow nothing
      live = log.follow();
      // Without a cursor: from where this replica's reading of the log stands (so an overflow can catch up), or
      // from the beginning of a log that was empty: then everything in it came after this subscription.
      position ??= live.start ?? LOG_START;
      if (catchingUp) await readPage();
    },
    async next() {
      for (;;) {
        const e = await nextEntry();
        if (!e) return feed.return!();
        if (seen(e)) continue;
        position = { epoch: e.logEpoch, id: e.logId };
        if (await opts.accept(e)) return { value: e, done: false };
      }
    },
    return() {
      done = true;
      live?.close();
      page = [];
      return Promise.resolve({ value: undefined, done: true as const });
    },
    [Symbol.asyncIterator]() {
      return feed;
    },
  };
  return feed;
}
