// The event log in this process's memory, for a gateway without REDIS_URL (one replica). Dedupe and append are
// one synchronous step, so nothing can come between them. Entries are kept as JSON text (about 1 KB each) and
// parsed when read back; the newest events also live in the followers' buffers as objects. Bounded by the
// retention count; a restart loses the log (and with it every cursor: a new epoch makes them expire cleanly).
import type { Logger } from '../logger';
import { ANY_EPOCH, compareIds, encodeCursor, newEpoch, type LogPosition } from './cursor';
import { createFanout } from './fanout';
import {
  CursorExpiredError,
  CursorInvalidError,
  DEFAULT_DEDUPE_TTL_SECONDS,
  DEFAULT_RETENTION,
  type EventLog,
  type LoggedEvent,
  type Retention,
} from './log';
import type { IssuingEventMessage } from './message';

export interface MemoryEventLogOptions {
  retention?: Retention;
  dedupeTtlSeconds?: number;
  /** Most event_ids remembered for dedupe (default: the retention count, at least 10,000). */
  maxDedupeEntries?: number;
  maxBufferedPerFollower?: number;
  logger?: Logger;
  now?: () => number;
}

interface Entry {
  id: string;
  at: number;
  json: string;
}

export function createMemoryEventLog(opts: MemoryEventLogOptions = {}): EventLog & { size(): number } {
  const retention = opts.retention ?? DEFAULT_RETENTION;
  const now = opts.now ?? Date.now;
  const epoch = newEpoch();
  const fanout = createFanout({ maxBuffered: opts.maxBufferedPerFollower, logger: opts.logger });
  const dedupe = createMemoryDedupe({
    ttlMs: (opts.dedupeTtlSeconds ?? DEFAULT_DEDUPE_TTL_SECONDS) * 1000,
    maxEntries: opts.maxDedupeEntries ?? Math.max(10_000, retention.maxCount),
    now,
  });
  const entries: Entry[] = [];
  let head = 0; // entries before head are trimmed
  let lastMs = 0;
  let lastSeq = 0;
  let maxDeleted = '0-0';
  let closed = false;

  const live = () => entries.length - head;
  const cursorOf = (id: string) => encodeCursor({ epoch, id });
  const revive = (e: Entry): LoggedEvent => ({
    ...(JSON.parse(e.json) as IssuingEventMessage),
    logId: e.id,
    logEpoch: epoch,
    cursor: cursorOf(e.id),
  });

  function nextId(): string {
    const ms = now();
    if (ms > lastMs) {
      lastMs = ms;
      lastSeq = 0;
    } else lastSeq++;
    return `${lastMs}-${lastSeq}`;
  }

  function trim(): void {
    const oldest = now() - retention.maxAgeMs;
    while (live() > 0 && (live() > retention.maxCount || entries[head]!.at < oldest)) {
      maxDeleted = entries[head]!.id;
      head++;
    }
    if (head > 1024 && head * 2 > entries.length) {
      entries.splice(0, head);
      head = 0;
    }
  }

  /** Index of the first live entry with an id greater than `id`. */
  function indexAfter(id: string): number {
    let lo = head;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(entries[mid]!.id, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function checkEpoch(position: LogPosition | null): void {
    if (position && position.epoch !== epoch && position.epoch !== ANY_EPOCH)
      throw new CursorExpiredError('the cursor belongs to an event log that no longer exists');
  }

  return {
    ready: Promise.resolve(),
    async append(event) {
      if (closed) throw new Error('event log is closed');
      const known = dedupe.get(event.eventId);
      if (known !== undefined) return { appended: false, id: known };
      const id = nextId();
      const at = now();
      entries.push({ id, at, json: JSON.stringify(event) });
      dedupe.set(event.eventId, id);
      trim();
      fanout.push({ ...event, logId: id, logEpoch: epoch, cursor: cursorOf(id) });
      return { appended: true, id };
    },
    async readAfter(after, count) {
      checkEpoch(after);
      if (after) {
        const last = entries.at(-1)?.id ?? `${lastMs}-${lastSeq}`;
        if (compareIds(after.id, last) > 0) throw new CursorInvalidError('the cursor lies beyond the event log');
        if (compareIds(after.id, maxDeleted) < 0)
          throw new CursorExpiredError('events after the cursor are no longer retained');
      }
      trim();
      const from = after ? indexAfter(after.id) : head;
      return entries.slice(from, from + count).map(revive);
    },
    async readBefore(before, count) {
      checkEpoch(before);
      trim();
      let end = entries.length;
      if (before) {
        let lo = head;
        let hi = entries.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (compareIds(entries[mid]!.id, before.id) < 0) lo = mid + 1;
          else hi = mid;
        }
        end = lo;
      }
      const out: LoggedEvent[] = [];
      for (let i = end - 1; i >= head && out.length < count; i--) out.push(revive(entries[i]!));
      return out;
    },
    follow: () => fanout.open(),
    followers: () => fanout.count(),
    size: live,
    async close() {
      closed = true;
      fanout.closeAll();
    },
  };
}

/** event_id → entry id, each for `ttlMs`, at most `maxEntries` (same TTL for all: insertion order is expiry order). */
function createMemoryDedupe(opts: { ttlMs: number; maxEntries: number; now: () => number }) {
  const ids = new Map<string, { id: string; expiresAt: number }>();
  return {
    get(eventId: string): string | undefined {
      const hit = ids.get(eventId);
      if (!hit) return undefined;
      if (hit.expiresAt > opts.now()) return hit.id;
      ids.delete(eventId);
      return undefined;
    },
    set(eventId: string, id: string): void {
      const at = opts.now();
      ids.set(eventId, { id, expiresAt: at + opts.ttlMs });
      for (const [key, value] of ids) {
        if (value.expiresAt > at && ids.size <= opts.maxEntries) break;
        ids.delete(key);
      }
    },
  };
}
