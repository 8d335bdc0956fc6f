// The event log on Redis Streams, shared by every replica. One stream (`<prefix>events:log`) holds the entries,
// each with its epoch (`e`) and the event message as JSON (`m`); `<prefix>webhook:event:<event_id>` is the dedupe
// record (the entry id, 24 h); the hash `<prefix>events:meta` names the stream's current life (`epoch`) and the
// newest entry trimmed so far (`trimmed`).
//
// Appending is one Lua script: check the dedupe record, XADD, trim to the retention count and age, write the
// dedupe record. Redis runs a script whole or not at all, and its append-only file records the
// script's effects together, so no crash leaves a dedupe record without its entry (which would swallow UQPAY's
// redelivery) or an entry without its record. If the stream is gone (a Redis that lost its data) the next append
// starts a new epoch, and cursors from the old stream expire instead of silently skipping what was lost.
//
// Every replica reads the stream with XREAD BLOCK on a connection of its own and hands each entry to its local
// followers (./fanout.ts): no fire-and-forget channel, so an entry written while a replica was disconnected is
// read when it reconnects, from where it stopped.
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { luaScript, newRedis } from '../redis';
import { compareIds, encodeCursor, newEpoch, type LogPosition } from './cursor';
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

export interface RedisEventLogOptions {
  redisUrl: string;
  /** The command connection appends and reads go through (the gateway's); one is opened when absent. */
  redis?: Redis;
  /** Namespaces every key (`gateway:` by default); tests use a unique one. */
  keyPrefix?: string;
  retention?: Retention;
  dedupeTtlSeconds?: number;
  maxBufferedPerFollower?: number;
  /** Entries one XREAD hands over at most. */
  readBatch?: number;
  logger?: Logger;
}

// Entry ids compared in Lua (`<ms>-<seq>`; both parts fit a Lua number exactly).
const CMP = `
local function cmp(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  if am ~= bm then return am < bm and -1 or 1 end
  if as ~= bs then return as < bs and -1 or 1 end
  return 0
end
`;

// KEYS: dedupe record, stream, meta (hash: epoch, trimmed = the newest id trimmed so far).
// ARGV: dedupe TTL (s), max count, max age (ms), message JSON, a fresh epoch.
// Returns {1, id, epoch} when appended, {0, id} for a known event_id. Trimming is exact and recorded, since
// Redis' own max-deleted-entry-id does not count trimmed entries: a cursor before `trimmed` has lost successors.
const APPEND = `${CMP}
local known = redis.call('GET', KEYS[1])
if known then return {0, known} end
local epoch = false
if redis.call('EXISTS', KEYS[2]) == 1 then epoch = redis.call('HGET', KEYS[3], 'epoch') end
if not epoch then
  epoch = ARGV[5]
  redis.call('DEL', KEYS[3])
  redis.call('HSET', KEYS[3], 'epoch', epoch, 'trimmed', '0-0')
end
local id = redis.call('XADD', KEYS[2], '*', 'e', epoch, 'm', ARGV[4])
local cut = false
local over = redis.call('XLEN', KEYS[2]) - tonumber(ARGV[2])
if over > 0 then cut = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', over)[over][1] end
local t = redis.call('TIME')
local oldest = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[3])
if oldest > 0 then
  local old = redis.call('XREVRANGE', KEYS[2], '(' .. string.format('%d', oldest) .. '-0', '-', 'COUNT', 1)[1]
  if old and (not cut or cmp(old[1], cut) > 0) then cut = old[1] end
end
if cut then
  local ms, seq = string.match(cut, '^(%d+)-(%d+)$')
  redis.call('XTRIM', KEYS[2], 'MINID', ms .. '-' .. string.format('%d', tonumber(seq) + 1))
  redis.call('HSET', KEYS[3], 'trimmed', cut)
end
redis.call('SET', KEYS[1], id, 'EX', ARGV[1])
return {1, id, epoch}
`;

// KEYS: stream, meta. ARGV: the position's id ('' = from the start / the end), its epoch ('*': whichever, from
// the beginning), count, 'after' | 'before'.
// Returns {'ok', entries} or {'expired'} / {'invalid'}.
const READ = `${CMP}
local pos, posEpoch, count, dir = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('EXISTS', KEYS[1]) == 0 then
  if pos ~= '' and posEpoch ~= '*' then return {'expired'} end
  return {'ok', {}}
end
if pos ~= '' and posEpoch ~= '*' and redis.call('HGET', KEYS[2], 'epoch') ~= posEpoch then return {'expired'} end
if dir == 'before' then
  local hi = pos == '' and '+' or ('(' .. pos)
  return {'ok', redis.call('XREVRANGE', KEYS[1], hi, '-', 'COUNT', count)}
end
if pos ~= '' then
  local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
  if last and cmp(pos, last[1]) > 0 then return {'invalid'} end
  if cmp(pos, redis.call('HGET', KEYS[2], 'trimmed') or '0-0') < 0 then return {'expired'} end
end
local lo = pos == '' and '-' or ('(' .. pos)
return {'ok', redis.call('XRANGE', KEYS[1], lo, '+', 'COUNT', count)}
`;

type RawEntry = [id: string, fields: string[]];

export function createRedisEventLog(opts: RedisEventLogOptions): EventLog {
  const prefix = opts.keyPrefix ?? 'gateway:';
  const stream = `${prefix}events:log`;
  const metaKey = `${prefix}events:meta`;
  const dedupeKey = (eventId: string) => `${prefix}webhook:event:${eventId}`;
  const retention = opts.retention ?? DEFAULT_RETENTION;
  const ttl = opts.dedupeTtlSeconds ?? DEFAULT_DEDUPE_TTL_SECONDS;
  const batch = opts.readBatch ?? 1_000;
  const log = opts.logger;

  // Appends and reads: the gateway's command connection (fails fast when Redis is down) or one of our own.
  const own = opts.redis ? undefined : newRedis(opts.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 2_000 });
  own?.on('error', (err) => log?.warn({ err: err.message }, 'event log redis error'));
  const redis = opts.redis ?? own!;
  const append = luaScript(redis, APPEND);
  const read = luaScript(redis, READ);
  // XREAD BLOCK holds its connection: a connection of its own, which waits out outages rather than failing.
  const reader = newRedis(opts.redisUrl, { maxRetriesPerRequest: null });
  reader.on('error', (err) => log?.warn({ err: err.message }, 'event log reader redis error'));

  const fanout = createFanout({ maxBuffered: opts.maxBufferedPerFollower, logger: log });
  let closed = false;

  function toLogged(raw: RawEntry): { event: LoggedEvent; position: LogPosition } | undefined {
    const [id, fields] = raw;
    let epoch: string | undefined;
    let json: string | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === 'e') epoch = fields[i + 1];
      else if (fields[i] === 'm') json = fields[i + 1];
    }
    if (!epoch || !json) return undefined;
    const position = { epoch, id };
    try {
      const message = JSON.parse(json) as IssuingEventMessage;
      return { event: { ...message, logId: id, logEpoch: epoch, cursor: encodeCursor(position) }, position };
    } catch {
      log?.error({ id }, 'unreadable event log entry skipped');
      return undefined;
    }
  }

  async function readRange(position: LogPosition | null, count: number, dir: 'after' | 'before') {
    const result = (await read([stream, metaKey], [position?.id ?? '', position?.epoch ?? '', count, dir])) as [
      string,
      RawEntry[]?,
    ];
    if (result[0] === 'expired') {
      throw new CursorExpiredError(
        position && dir === 'after'
          ? 'events after the cursor are no longer retained'
          : 'the cursor belongs to an event log that no longer exists',
      );
    }
    if (result[0] === 'invalid') throw new CursorInvalidError('the cursor lies beyond the event log');
    return (result[1] ?? [])
      .map(toLogged)
      .filter((e) => e !== undefined)
      .map((e) => e.event);
  }

  // Where the stream ends now: this replica follows from there.
  async function tail(): Promise<string> {
    for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
      try {
        const last = (await reader.xrevrange(stream, '+', '-', 'COUNT', 1)) as RawEntry[];
        const entry = last[0] && toLogged(last[0]);
        if (entry) fanout.position = entry.position;
        return last[0]?.[0] ?? '0-0';
      } catch (err) {
        if (closed) return '0-0';
        log?.warn({ err: (err as Error).message }, 'event log: cannot read the stream end yet');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  void (async () => {
    let lastId = await tail();
    resolveReady();
    let delay = 100;
    let recovering = false;
    while (!closed) {
      try {
        if (recovering) {
          // Back after a failure: if entries this replica had not read yet were trimmed meanwhile (or the log was
          // lost), live followers must not skip them silently: they catch up from the log, which tells them.
          const [epoch, trimmed] = await reader.hmget(metaKey, 'epoch', 'trimmed');
          const known = fanout.position?.epoch;
          if (compareIds(trimmed ?? '0-0', lastId) > 0 || (known !== undefined && epoch !== known)) {
            log?.warn({ lastId, trimmed }, 'event log: entries were trimmed while this replica was away');
            fanout.lostPlace();
          }
          recovering = false;
        }
        const res = await reader.xread('COUNT', batch, 'BLOCK', 5_000, 'STREAMS', stream, lastId);
        delay = 100;
        for (const raw of res?.[0]?.[1] ?? []) {
          lastId = raw[0];
          const entry = toLogged(raw);
          if (entry) fanout.push(entry.event);
        }
      } catch (err) {
        if (closed) break;
        recovering = true;
        log?.warn({ err: (err as Error).message }, 'event log: reading the stream failed; retrying');
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 2_000);
      }
    }
  })().catch((err: unknown) => log?.error({ err }, 'event log reader stopped'));

  return {
    ready,
    async append(event) {
      if (closed) throw new Error('event log is closed');
      const res = (await append(
        [dedupeKey(event.eventId), stream, metaKey],
        [ttl, retention.maxCount, retention.maxAgeMs, JSON.stringify(event), newEpoch()],
      )) as [number, string, string?];
      return { appended: res[0] === 1, id: res[1] };
    },
    readAfter: (after, count) => readRange(after, count, 'after'),
    readBefore: (before, count) => readRange(before, count, 'before'),
    follow: () => fanout.open(),
    followers: () => fanout.count(),
    async close() {
      if (closed) return;
      closed = true;
      fanout.closeAll();
      reader.disconnect();
      if (own) await own.quit().catch(() => undefined);
    },
  };
}
