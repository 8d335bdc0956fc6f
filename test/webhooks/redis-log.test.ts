// The event log on the local Redis, across two "replicas": one append read by both, exactly once and in order;
// dedupe and append in one step; replay after a cursor; cursors that are too old, from a lost log, or beyond the
// end. Redis must be answering on 127.0.0.1:6379: these tests fail rather than skip.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCursor } from '../../src/events/cursor';
import { CursorExpiredError, CursorInvalidError, type EventLog, type LiveFeed } from '../../src/events/log';
import { createRedisEventLog } from '../../src/events/log-redis';
import { toEventMessage, WebhookEnvelope } from '../../src/events/message';
import { createLogger } from '../../src/logger';
import { createGatewayEvents } from '../../src/webhooks';
import { deliver, rechargeEvent, REDIS_URL, testRedisPrefix } from './helpers';

const logger = createLogger({ level: 'silent' });
const CARD = '0f6d3b8e-5f67-4a0e-9a53-0d1f3c7b2a11';
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

const message = () => toEventMessage(WebhookEnvelope.parse(rechargeEvent(CARD, 'acct')), new Date());

async function openLog(prefix: string, retention?: { maxAgeMs: number; maxCount: number }): Promise<EventLog> {
  const log = createRedisEventLog({ redisUrl: REDIS_URL, keyPrefix: prefix, retention, logger });
  cleanup.push(() => log.close());
  await log.ready;
  return log;
}

/** What a live feed yields within `ms` (stops at `count`). */
async function take(feed: LiveFeed, count: number, ms = 1_000): Promise<string[]> {
  const out: string[] = [];
  const deadline = Date.now() + ms;
  while (out.length < count && Date.now() < deadline) {
    const e = await Promise.race([feed.next(), new Promise<undefined>((r) => setTimeout(r, deadline - Date.now()))]);
    if (e) out.push(e.eventId);
  }
  return out;
}

describe('event log on Redis Streams', () => {
  it('one replica appends; followers on both read each event once, in order; another prefix sees none', async () => {
    const prefix = testRedisPrefix('log');
    const [a, b, other] = await Promise.all([openLog(prefix), openLog(prefix), openLog(testRedisPrefix('other'))]);
    const onA = a.follow();
    const onB = b.follow();
    const onOther = other.follow();
    const events = [message(), message(), message()];
    for (const e of events) await a.append(e);
    const ids = events.map((e) => e.eventId);
    expect(await take(onA, 3)).toEqual(ids);
    expect(await take(onB, 3)).toEqual(ids);
    expect(await take(onOther, 1, 300)).toEqual([]);
    expect(await take(onB, 1, 300)).toEqual([]);
    onB.close();
    expect(b.followers()).toBe(0);
  });

  it('dedupes by event_id in the same step as the append; replays after a cursor, and pages backwards', async () => {
    const prefix = testRedisPrefix('dedupe');
    const log = await openLog(prefix);
    const first = message();
    const stored = await log.append(first);
    expect(stored.appended).toBe(true);
    expect(await log.append(first)).toEqual({ appended: false, id: stored.id });
    const more = [message(), message(), message()];
    for (const e of more) await log.append(e);

    const all = await log.readAfter(null, 100);
    expect(all.map((e) => e.eventId)).toEqual([first, ...more].map((e) => e.eventId));
    const from = decodeCursor(all[1]!.cursor)!;
    expect((await log.readAfter(from, 100)).map((e) => e.eventId)).toEqual(more.slice(1).map((e) => e.eventId));
    expect((await log.readBefore(from, 100)).map((e) => e.eventId)).toEqual([first.eventId]);
    expect((await log.readBefore(null, 2)).map((e) => e.eventId)).toEqual([more[2]!.eventId, more[1]!.eventId]);

    const redis = new Redis(REDIS_URL);
    cleanup.push(() => redis.quit());
    expect(await redis.get(`${prefix}webhook:event:${first.eventId}`)).toBe(stored.id);
    expect(await redis.ttl(`${prefix}webhook:event:${first.eventId}`)).toBeGreaterThan(86_000);
  });

  it('refuses a cursor whose successors were trimmed, one from a lost log, and one beyond the end', async () => {
    const prefix = testRedisPrefix('expiry');
    const log = await openLog(prefix, { maxAgeMs: 60_000, maxCount: 3 });
    for (let i = 0; i < 3; i++) await log.append(message());
    const [oldest, middle] = (await log.readAfter(null, 10)).map((e) => decodeCursor(e.cursor)!);
    await log.append(message()); // trims `oldest`: nothing after it is missing yet
    expect(await log.readAfter(oldest!, 10)).toHaveLength(3);
    await log.append(message()); // trims `middle`: the entry after `oldest` is gone
    expect(await log.readAfter(middle!, 10)).toHaveLength(3);
    await expect(log.readAfter(oldest!, 10)).rejects.toBeInstanceOf(CursorExpiredError);

    const beyond = { epoch: oldest!.epoch, id: `${Date.now() + 86_400_000}-0` };
    await expect(log.readAfter(beyond, 10)).rejects.toBeInstanceOf(CursorInvalidError);

    // Redis lost the data: the next append starts a new epoch, and old cursors expire instead of skipping.
    const redis = new Redis(REDIS_URL);
    cleanup.push(() => redis.quit());
    await redis.del(`${prefix}events:log`, `${prefix}events:meta`);
    await log.append(message());
    await expect(log.readAfter(middle!, 10)).rejects.toBeInstanceOf(CursorExpiredError);
    const [fresh] = await log.readAfter(null, 10);
    expect(decodeCursor(fresh!.cursor)!.epoch).not.toBe(middle!.epoch);
  });
});

describe('event log retention by age on Redis', () => {
  it('trims entries older than the retention at the next append; a cursor before them expires', async () => {
    const log = await openLog(testRedisPrefix('age'), { maxAgeMs: 300, maxCount: 100 });
    await log.append(message());
    await log.append(message());
    const [first] = await log.readAfter(null, 10);
    await new Promise((r) => setTimeout(r, 350));
    const last = message();
    await log.append(last);
    expect((await log.readAfter(null, 10)).map((e) => e.eventId)).toEqual([last.eventId]);
    await expect(log.readAfter(decodeCursor(first!.cursor), 10)).rejects.toBeInstanceOf(CursorExpiredError);
  });
});

describe('two receivers sharing Redis', () => {
  async function replica(prefix: string, secret: string) {
    const events = createGatewayEvents({ webhookSecret: secret, redisUrl: REDIS_URL, redisPrefix: prefix, logger });
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
      plugins: events.plugins,
      logging: false,
    });
    const server: Server = createServer((req, res) => void yoga(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await events.log.ready;
    cleanup.push(
      () => events.close(),
      () => new Promise((resolve) => server.close(resolve)),
    );
    return { events, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/uqpay` };
  }

  it('stores a redelivered event once, whichever replica each delivery hits', async () => {
    const prefix = testRedisPrefix('dedupe-http');
    const secret = `shared-secret-${randomUUID()}`;
    const [a, b] = await Promise.all([replica(prefix, secret), replica(prefix, secret)]);
    const followA = a.events.log.follow();
    const followB = b.events.log.follow();
    const event = rechargeEvent(CARD, 'acct');
    const statuses = await Promise.all([
      deliver(a.url, secret, event),
      deliver(b.url, secret, event),
      deliver(a.url, secret, event),
    ]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await a.events.log.readAfter(null, 10)).map((e) => e.eventId)).toEqual([event.event_id]);
    expect(await take(followA, 2, 400)).toEqual([event.event_id]);
    expect(await take(followB, 2, 400)).toEqual([event.event_id]);
  });
});
