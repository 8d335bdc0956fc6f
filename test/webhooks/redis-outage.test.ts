// Redis killed under webhook load (a redis-server of our own, never the shared one; append-only file with fsync on
// every write, as production should run it): no webhook is acknowledged without being stored, the emulator's
// redeliveries after Redis returns are stored once, and a subscriber that reconnects with its last cursor gets
// everything it missed, each event once. `npm run bench:events -- --outage` runs the longer version.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnRedis, type OwnRedis } from '../../bench/redis-server';
import { compareIds, decodeCursor } from '../../src/events/cursor';
import { DEMO_IDS } from '../../src/emulator/seed';
import { WEBHOOK_PATH } from '../../src/webhooks';
import { startHarness, type Harness } from '../harness';
import { sleep } from './helpers';
import { follow } from './sse-client';

const SUBSCRIPTION =
  'subscription ($after: String) { issuingEvents(types: ["issuing.fee.*"], after: $after) { eventId cursor } }';
type FeeEvent = { issuingEvents: { eventId: string; cursor: string } };
interface Delivery {
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
}

describe('Redis killed under webhook load', () => {
  let redis: OwnRedis;
  let h: Harness;
  beforeAll(async () => {
    redis = await startOwnRedis();
    h = await startHarness({
      env: { REDIS_URL: redis.url },
      emulator: { webhookMaxAttempts: 8, webhookBackoffMs: 200 },
    });
    h.emulator.setWebhookUrl(h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH);
  });
  afterAll(async () => {
    await h?.close();
    await redis?.close();
  });

  const deliveries = async () => {
    const body = (await (await fetch(`${h.emulator.url}/__emulator/webhooks`)).json()) as
      Delivery[] | { deliveries: Delivery[] };
    return (Array.isArray(body) ? body : body.deliveries).filter((d) => d.event_type === 'issuing.fee.card');
  };
  const fee = (i: number) =>
    fetch(
      `${h.emulator.url}/__emulator/cards/${i % 2 ? DEMO_IDS.cards.sophiaUsdSingle : DEMO_IDS.cards.liamSgdSingle}/fee`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 0.01 }),
      },
    ).then((r) => r.arrayBuffer());

  it('acknowledges only what it stored; redeliveries stored once; a resumed subscriber misses nothing', async () => {
    const before = follow<FeeEvent>(h.gateway.url, SUBSCRIPTION);
    await sleep(100);
    await fee(0);
    await before.waitFor(1);

    // 120 fee webhooks over ~2 s; Redis is SIGKILLed a third of the way in and back 1 s later. The subscriber
    // drops its connection when Redis goes (a phone changing networks) and comes back after.
    const load = (async () => {
      for (let i = 1; i <= 120; i++) {
        void fee(i);
        await sleep(16);
      }
    })();
    await sleep(600);
    await redis.kill();
    const last = before.results.at(-1)!.data!.issuingEvents.cursor;
    const seenBefore = before.results.map((r) => r.data!.issuingEvents.eventId);
    before.close();
    await sleep(1_000);
    await redis.start();
    await load;

    let log = await deliveries();
    for (let i = 0; i < 300 && log.some((d) => d.status === 'pending'); i++) {
      await sleep(100);
      log = await deliveries();
    }
    const acked = log.filter((d) => d.status === 'delivered').map((d) => d.event_id);
    expect(log.filter((d) => d.status !== 'delivered')).toEqual([]);
    expect(acked).toHaveLength(121);
    // The outage was real: deliveries were refused (503) and redelivered.
    expect(log.reduce((n, d) => n + d.attempts, 0)).toBeGreaterThan(121);

    // Every acknowledged event is in the log, once.
    const raw = new Redis(redis.url);
    const entries = (await raw.xrange('gateway:events:log', '-', '+')) as [string, string[]][];
    await raw.quit();
    const stored = entries.map(([, f]) => (JSON.parse(f[f.indexOf('m') + 1]!) as { eventId: string }).eventId);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.filter((id) => acked.includes(id)).sort()).toEqual([...acked].sort());

    // The subscriber resumes with the last cursor it had: everything it missed, in order, each once.
    const after = follow<FeeEvent>(h.gateway.url, SUBSCRIPTION, { after: last });
    const missing = acked.filter((id) => !seenBefore.includes(id));
    await after.waitFor(missing.length, 15_000);
    await sleep(300);
    const resumed = after.results.map((r) => r.data!.issuingEvents);
    after.close();
    expect(resumed.map((e) => e.eventId).sort()).toEqual([...missing].sort());
    const cursors = [last, ...resumed.map((e) => e.cursor)].map((c) => decodeCursor(c)!.id);
    expect(cursors.every((id, i) => i === 0 || compareIds(cursors[i - 1]!, id) < 0)).toBe(true);
  });
});
