// The resume algorithm on its own, on both logs: replay after a cursor while events keep arriving, then live,
// with nothing missing and nothing twice at the seam; a subscriber too slow for its buffer catches up from the
// log instead of losing events; one that falls behind the retention is told so.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCursor } from '../../src/events/cursor';
import { openFeed } from '../../src/events/feed';
import { CursorExpiredError, type EventLog, type Retention } from '../../src/events/log';
import { createMemoryEventLog } from '../../src/events/log-memory';
import { createRedisEventLog } from '../../src/events/log-redis';
import { toEventMessage, WebhookEnvelope } from '../../src/events/message';
import { createLogger } from '../../src/logger';
import { rechargeEvent, REDIS_URL, sleep, testRedisPrefix } from './helpers';

const logger = createLogger({ level: 'silent' });
const CARD = '0f6d3b8e-5f67-4a0e-9a53-0d1f3c7b2a11';
const logs: EventLog[] = [];
afterAll(async () => {
  for (const log of logs) await log.close();
});

const message = (n: number) =>
  toEventMessage(WebhookEnvelope.parse({ ...rechargeEvent(CARD), event_id: `e${n}-${randomUUID()}` }), new Date());
const seq = (eventId: string) => Number(eventId.slice(1, eventId.indexOf('-')));

const stores: [string, (retention?: Retention) => Promise<EventLog>][] = [
  ['memory', async (retention) => createMemoryEventLog({ retention, maxBufferedPerFollower: 8, logger })],
  [
    'redis',
    async (retention) => {
      const log = createRedisEventLog({
        redisUrl: REDIS_URL,
        keyPrefix: testRedisPrefix('feed'),
        retention,
        maxBufferedPerFollower: 8,
        logger,
      });
      await log.ready;
      return log;
    },
  ],
];

describe.each(stores)('feed over the %s log', (_name, open) => {
  it('replays after a cursor while appends continue, then goes live: each event once, in order', async () => {
    const log = await open();
    logs.push(log);
    for (let n = 1; n <= 100; n++) await log.append(message(n));
    const [, tenth] = [0, (await log.readAfter(null, 10)).at(-1)!];
    const feed = openFeed(log, { after: decodeCursor(tenth.cursor), accept: () => true, pageSize: 7 });
    // Appends race the replay: some land before the first page, some between pages, some after it caught up.
    const appending = (async () => {
      for (let n = 101; n <= 200; n++) {
        await log.append(message(n));
        if (n % 10 === 0) await sleep(2);
      }
    })();
    await feed.start();
    const got: number[] = [];
    while (got.length < 190) {
      const r = await feed.next();
      if (r.done) break;
      got.push(seq(r.value.eventId));
    }
    await appending;
    expect(got).toEqual(Array.from({ length: 190 }, (_, i) => i + 11));
    await feed.return!();
  });

  it('a subscriber slower than its buffer catches up from the log: nothing lost, nothing twice', async () => {
    const log = await open();
    logs.push(log);
    const feed = openFeed(log, { after: null, accept: (e) => seq(e.eventId) % 2 === 0 });
    await feed.start();
    // 60 events while nobody reads: the live buffer (8) overflows long before.
    for (let n = 1; n <= 60; n++) await log.append(message(n));
    await sleep(50);
    const got: number[] = [];
    while (got.length < 30) {
      const r = await feed.next();
      if (r.done) break;
      got.push(seq(r.value.eventId));
      await sleep(1); // a slow reader
    }
    expect(got).toEqual(Array.from({ length: 30 }, (_, i) => 2 * (i + 1)));
    await feed.return!();
  });

  it('a subscriber that fell behind the retention ends with CursorExpiredError, not a gap', async () => {
    const log = await open({ maxAgeMs: 60_000, maxCount: 5 });
    logs.push(log);
    const feed = openFeed(log, { after: null, accept: () => true });
    await feed.start();
    for (let n = 1; n <= 30; n++) await log.append(message(n));
    await sleep(50);
    await expect(feed.next()).rejects.toBeInstanceOf(CursorExpiredError);
    await feed.return!();
  });
});
