// One replica's live followers of the event log. The replica reads the log once (one XREAD loop, or the in-memory
// appends) and hands each entry to every open feed. A feed buffers what its reader has not taken yet, up to a
// bound; past it the feed is cleared and flagged, and its reader catches up from the log itself (./feed.ts), so a
// slow subscriber costs bounded memory and still loses nothing the log retains.
import type { Logger } from '../logger';
import type { LiveFeed, LoggedEvent, LogPosition } from './log';

export interface Fanout {
  /** Hands an entry (in log order) to every open feed, and remembers it as this replica's position. */
  push(event: LoggedEvent): void;
  /** Where this replica's reading of the log stands. */
  position: LogPosition | null;
  open(): LiveFeed;
  /** This replica may have missed entries (it lost its place in the log): every feed catches up from the log. */
  lostPlace(): void;
  count(): number;
  closeAll(): void;
}

export function createFanout(opts: { maxBuffered?: number; logger?: Logger } = {}): Fanout {
  const max = opts.maxBuffered ?? 1_000;
  const feeds = new Set<Feed>();
  const fanout: Fanout = {
    position: null,
    push(event) {
      fanout.position = { epoch: event.logEpoch, id: event.logId };
      for (const f of feeds) f.push(event);
    },
    open() {
      const feed = new Feed(fanout.position, max, () => feeds.delete(feed), opts.logger);
      feeds.add(feed);
      return feed;
    },
    lostPlace() {
      for (const f of feeds) f.overflow();
    },
    count: () => feeds.size,
    closeAll() {
      for (const f of [...feeds]) f.close();
    },
  };
  return fanout;
}

class Feed implements LiveFeed {
  private readonly queue: LoggedEvent[] = [];
  private head = 0;
  private waiting: ((e: LoggedEvent | undefined) => void) | undefined;
  private closed = false;
  private overflowed = false;

  constructor(
    readonly start: LogPosition | null,
    private readonly max: number,
    private readonly onClose: () => void,
    private readonly log: Logger | undefined,
  ) {}

  push(event: LoggedEvent): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(event);
      return;
    }
    if (this.queue.length - this.head >= this.max) {
      // Behind by more than the buffer: drop it all and let the reader catch up from the log.
      if (!this.overflowed) this.log?.warn({ buffered: this.max }, 'slow subscriber: catching up from the event log');
      this.overflow();
      return;
    }
    this.queue.push(event);
  }

  /** Drops what is buffered; the reader catches up from the log (and learns there if it is too late). */
  overflow(): void {
    this.overflowed = true;
    this.queue.length = 0;
    this.head = 0;
  }

  next(): Promise<LoggedEvent | undefined> {
    if (this.head < this.queue.length) {
      const event = this.queue[this.head++]!;
      if (this.head > 256 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      return Promise.resolve(event);
    }
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  takeOverflow(): boolean {
    const was = this.overflowed;
    this.overflowed = false;
    return was;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.head = 0;
    this.onClose();
    this.waiting?.(undefined);
    this.waiting = undefined;
  }
}
