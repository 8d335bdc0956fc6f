// Who may see a webhook event, when UQPAY's envelope does not say whose it is (it names no account). The subject
// (card, cardholder, transaction) is read in the subscriber's account: found = visible. Two facts make that cheap:
//   - ownership never changes (an object lives in one account for good), so one answer per (account, subject)
//     serves every later event and every subscriber of that account;
//   - the fresh object one event shows (`card { … }`) is the same for every subscriber of one account, so it is
//     read once per (event, account), and the read that answered ownership doubles as that event's fresh copy.
// Concurrent asks share one read; the memory is bounded (oldest dropped first) and answers expire.

export interface EventAudienceOptions {
  /** Most (account, subject) answers and per-event reads kept; the oldest go first. */
  maxEntries?: number;
  /** How long "this account owns it" is trusted. */
  ownedTtlMs?: number;
  /** How long "this account does not own it" is trusted (shorter: cheap insurance against a read racing creation). */
  notOwnedTtlMs?: number;
  /** How long one event's fresh read is shared among its subscribers. */
  eventReadTtlMs?: number;
  now?: () => number;
}

export interface EventAudience {
  /**
   * Whether `account` owns `subject` (`card:<id>`, …). `read` fetches it in that account (null = not visible);
   * it runs at most once per (account, subject) while the answer is fresh, however many subscribers ask.
   * A found object is remembered as `eventId`'s fresh copy for that account.
   */
  owns<T>(account: string, subject: string, eventId: string, read: () => Promise<T | null>): Promise<boolean>;
  /** What `owns` would answer without a read: the remembered answer, or undefined when there is none yet. */
  known(account: string, subject: string): boolean | undefined;
  /** The subject as one event shows it to `account`'s subscribers: read once, shared by all of them. */
  freshFor<T>(account: string, subject: string, eventId: string, read: () => Promise<T | null>): Promise<T | null>;
  size(): number;
}

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
  /** The value once the read settled successfully. */
  settled?: { value: unknown };
}

export function createEventAudience(opts: EventAudienceOptions = {}): EventAudience {
  const max = opts.maxEntries ?? 10_000;
  const ownedTtl = opts.ownedTtlMs ?? 60 * 60_000;
  const notOwnedTtl = opts.notOwnedTtlMs ?? 5 * 60_000;
  const eventTtl = opts.eventReadTtlMs ?? 30_000;
  const now = opts.now ?? Date.now;
  // Insertion order is age order: the first keys are the oldest.
  const entries = new Map<string, Entry>();

  function get(key: string): Promise<unknown> | undefined {
    const e = entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  function put(key: string, value: Promise<unknown>, ttlMs: number): void {
    entries.delete(key);
    entries.set(key, { value, expiresAt: now() + ttlMs });
    while (entries.size > max) entries.delete(entries.keys().next().value as string);
  }

  /** Shares one in-flight read; a failed read is forgotten so the next ask retries it. */
  function share<T>(key: string, ttlMs: number, read: () => Promise<T>): Promise<T> {
    const hit = get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const value = read();
    put(key, value, ttlMs);
    value.then(
      (v) => {
        const e = entries.get(key);
        if (e?.value === value) e.settled = { value: v };
      },
      () => {
        if (entries.get(key)?.value === value) entries.delete(key);
      },
    );
    return value;
  }

  const ownKey = (account: string, subject: string) => `own|${account}|${subject}`;
  const eventKey = (account: string, subject: string, eventId: string) => `event|${eventId}|${account}|${subject}`;

  return {
    owns(account, subject, eventId, read) {
      return share(ownKey(account, subject), ownedTtl, async () => {
        const found = share(eventKey(account, subject, eventId), eventTtl, read);
        const owned = (await found) !== null;
        // Not owned: keep the answer for less time than a positive one.
        if (!owned) {
          const e = entries.get(ownKey(account, subject));
          if (e) e.expiresAt = Math.min(e.expiresAt, now() + notOwnedTtl);
        }
        return owned;
      });
    },
    known(account, subject) {
      const key = ownKey(account, subject);
      if (!get(key)) return undefined;
      const settled = entries.get(key)?.settled;
      return settled ? (settled.value as boolean) : undefined;
    },
    freshFor(account, subject, eventId, read) {
      return share(eventKey(account, subject, eventId), eventTtl, read);
    },
    size: () => entries.size,
  };
}
