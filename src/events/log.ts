// The event log: every verified, deduplicated, allow-listed UQPAY event, in the order it was accepted, kept for a
// while (retention by age and by count). The webhook receiver appends to it before it acknowledges a delivery;
// subscriptions follow it live and replay it from a cursor; the `events` query pages through it. Two stores share
// this interface: Redis Streams (./log-redis.ts, every replica appends to and reads the same stream) and a bounded
// in-memory log (./log-memory.ts, one replica).
//
// One log for every account, not one per account: UQPAY's webhooks name no account, and finding the owner of an
// event's card at append time would cost a read per connected account before the webhook could be acknowledged.
// Who may see an entry is decided when it is read (../resolvers/events.ts, the same rule live and replayed), and
// the log's global order is in particular an order within each account.
import type { LogPosition } from './cursor';
import type { IssuingEventMessage } from './message';

export type { LogPosition } from './cursor';

/** An event as the log holds it: the message, its entry id and the opaque cursor naming its position. */
export interface LoggedEvent extends IssuingEventMessage {
  /** The entry id, `<ms>-<seq>`. */
  readonly logId: string;
  /** Which life of the log the entry belongs to (see ./cursor.ts). */
  readonly logEpoch: string;
  /** Opaque, ordered: `encodeCursor({ epoch: logEpoch, id: logId })`. */
  readonly cursor: string;
}

export interface AppendResult {
  /** False: this event_id was already in the log (a redelivery); nothing was added. */
  appended: boolean;
  /** The entry id of the event (the existing one for a redelivery, when the store still knows it). */
  id: string | null;
}

/** Events after the position are no longer retained (trimmed by age or count), or the log was lost and restarted. */
export class CursorExpiredError extends Error {}
/** The position lies beyond the end of the log: no cursor this log issued. */
export class CursorInvalidError extends Error {}

export interface Retention {
  /** Entries older than this are trimmed. */
  maxAgeMs: number;
  /** At most this many entries are kept (all accounts together); the oldest go first. */
  maxCount: number;
}

export const DEFAULT_RETENTION: Retention = { maxAgeMs: 24 * 60 * 60_000, maxCount: 10_000 };
/** A redelivered event_id is recognised for this long (UQPAY's redelivery schedule is far shorter). */
export const DEFAULT_DEDUPE_TTL_SECONDS = 24 * 60 * 60;

/** Events this replica reads from the log from the moment it was opened, in log order. */
export interface LiveFeed {
  /** What this replica had read up to when the feed opened (null: the log was empty or not read yet). */
  readonly start: LogPosition | null;
  /** The next event, waiting for one; undefined once closed. */
  next(): Promise<LoggedEvent | undefined>;
  /**
   * True (once) when events were dropped from this feed because its reader fell more than the buffer behind:
   * the caller catches up from the log instead.
   */
  takeOverflow(): boolean;
  close(): void;
}

export interface EventLog {
  /** Resolves once this replica reads the log (Redis: its position at the end of the stream is known). */
  readonly ready: Promise<void>;
  /**
   * Appends the event unless its event_id is already there; both in one step, so a crash cannot separate the
   * dedupe record from the entry. Rejects when the event could not be stored: the webhook must not be acknowledged.
   */
  append(event: IssuingEventMessage): Promise<AppendResult>;
  /**
   * Up to `count` entries after `after` (null: from the oldest retained), oldest first. Throws CursorExpiredError
   * when entries after `after` were trimmed (or `after` belongs to a lost log), CursorInvalidError when `after`
   * lies beyond the end of the log.
   */
  readAfter(after: LogPosition | null, count: number): Promise<LoggedEvent[]>;
  /**
   * Up to `count` entries before `before` (null: from the newest), newest first. Throws CursorExpiredError when
   * `before` belongs to another (lost) log.
   */
  readBefore(before: LogPosition | null, count: number): Promise<LoggedEvent[]>;
  /** A live feed of what this replica reads from the log from now on. */
  follow(): LiveFeed;
  /** Live feeds open on this replica (metrics, tests). */
  followers(): number;
  close(): Promise<void>;
}
