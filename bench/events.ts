// The event log under load: signed webhooks appended by a gateway process and delivered over SSE to 1,000
// concurrent subscribers. Measures events appended per second (webhooks answered 2xx), deliveries per second,
// delivery latency (webhook sent → subscriber received, p50/p99), the gateway's RSS and CPU, and Redis' memory.
//
//   npm run bench:events                          # both logs: in memory, and Redis Streams (own redis-server)
//   npm run bench:events -- --log redis --events 1000 --subscribers 1000 --rate 100
//   npm run bench:events -- --outage              # Redis killed under webhook load (bench/events-outage.ts)
//
// The emulator answers the one ownership read per card; the bench sends the webhooks itself (signed like UQPAY)
// so it knows when each was sent. Redis runs with an append-only file fsynced on every write, the setting the
// README recommends for a log that must not lose an acknowledged event.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { Agent, fetch as undiciFetch } from 'undici';
import { DEMO_IDS } from '../src/emulator/seed';
import { computeSignature } from '../src/webhooks/signature';
import { runWebhookOutage } from './events-outage';
import { startEmulatorProcess, startGatewayProcess } from './processes';
import { cpuMicros, memory, sampleRss } from './procstat';
import { startOwnRedis, type OwnRedis } from './redis-server';

export interface EventsBenchResult {
  log: 'memory' | 'redis';
  subscribers: number;
  events: number;
  /** Target send rate (events/s); 0 = as fast as the webhooks are answered. */
  rate: number;
  appendedPerSec: number;
  /** Webhooks not answered 200 (none expected). */
  refused: number;
  deliveredPerSec: number;
  deliveries: number;
  missing: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  gatewayRssIdleMb: number;
  gatewayRssPeakMb: number;
  gatewayCpuSec: number;
  /** Gateway CPU per delivery: what one subscriber's copy of one event costs, whatever the box's load. */
  gatewayCpuUsPerDelivery: number;
  redisUsedMb?: number;
  streamMb?: number;
  load: string;
}

const SECRET = 'bench-webhook-secret';
const CARD = DEMO_IDS.cards.sophiaUsdSingle;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

export async function runEventsBench(opts: {
  log: 'memory' | 'redis';
  subscribers?: number;
  events?: number;
  rate?: number;
}): Promise<EventsBenchResult> {
  const subscribers = opts.subscribers ?? 1_000;
  const total = opts.events ?? 500;
  const rate = opts.rate ?? 50;
  let redis: OwnRedis | undefined;
  if (opts.log === 'redis') redis = await startOwnRedis();
  const emulator = await startEmulatorProcess();
  const gateway = await startGatewayProcess({
    upstreamBaseUrl: emulator.baseUrl,
    env: {
      UQPAY_WEBHOOK_SECRET: SECRET,
      GATEWAY_MAX_SUBSCRIPTIONS_PER_CLIENT: String(subscribers + 10),
      GATEWAY_EVENT_RETENTION_COUNT: String(Math.max(10_000, total)),
      ...(redis ? { REDIS_URL: redis.url } : {}),
    },
  });
  // One connection per subscriber, as 1,000 browsers would hold.
  const dispatcher = new Agent({ connections: subscribers + 50, pipelining: 0 });
  const webhookUrl = `${gateway.url}/webhooks/uqpay`;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const perEvent = new Map<string, number>();
  let lastReceipt = 0;
  const aborts: AbortController[] = [];
  let refused = 0;

  try {
    // The subscribers: raw SSE over fetch, each reading event ids off its stream.
    const query = 'subscription { issuingEvents(types: ["card.recharge.*"]) { eventId } }';
    let open = 0;
    await Promise.all(
      Array.from({ length: subscribers }, async () => {
        const abort = new AbortController();
        aborts.push(abort);
        const res = await undiciFetch(gateway.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ query }),
          signal: abort.signal,
          dispatcher,
        });
        if (res.status !== 200 || !res.body) throw new Error(`subscription refused: ${res.status}`);
        open++;
        void (async () => {
          const decoder = new TextDecoder();
          let buffer = '';
          try {
            for await (const chunk of res.body!) {
              buffer += decoder.decode(chunk as Uint8Array, { stream: true });
              let at: number;
              while ((at = buffer.indexOf('"eventId":"')) >= 0) {
                const end = buffer.indexOf('"', at + 11);
                if (end < 0) break;
                const id = buffer.slice(at + 11, end);
                buffer = buffer.slice(end);
                const now = performance.now();
                const sent = sentAt.get(id);
                if (sent !== undefined) latencies.push(now - sent);
                perEvent.set(id, (perEvent.get(id) ?? 0) + 1);
                lastReceipt = now;
              }
              if (buffer.length > 4096) buffer = buffer.slice(-256);
            }
          } catch {
            // aborted at the end
          }
        })();
      }),
    );
    if (open !== subscribers) throw new Error(`${open}/${subscribers} subscriptions open`);

    // A first event warms the ownership read (one per card and account, then remembered).
    const send = async () => {
      const id = crypto.randomUUID();
      const body = JSON.stringify({
        version: 'V1.6.0',
        event_name: 'ISSUING',
        event_type: 'card.recharge.succeeded',
        event_id: id,
        source_id: crypto.randomUUID(),
        data: { card_id: CARD, amount: '1.00', card_currency: 'USD', card_status: 'ACTIVE', order_status: 'SUCCESS' },
      });
      const timestamp = String(Date.now());
      sentAt.set(id, performance.now());
      const res = await undiciFetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-wk-timestamp': timestamp,
          'x-wk-signature': computeSignature(SECRET, body, timestamp),
        },
        body,
      });
      await res.arrayBuffer();
      if (res.status !== 200) {
        refused++;
        sentAt.delete(id);
      }
      return id;
    };
    const warm = await send();
    for (let i = 0; i < 400 && subscribers > 0 && (perEvent.get(warm) ?? 0) < subscribers; i++) await sleep(25);
    sentAt.clear();
    perEvent.clear();
    latencies.length = 0;
    await sleep(500);

    const idleRss = memory(gateway.pid).rssMb;
    const rss = sampleRss(gateway.pid, 100);
    const cpu0 = cpuMicros(gateway.pid);
    const start = performance.now();
    let appended = 0;
    let lastAck = start;
    const inflight = new Set<Promise<void>>();
    for (let i = 0; i < total; i++) {
      const p = send().then(
        () => {
          appended++;
          lastAck = performance.now();
        },
        () => void refused++,
      );
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      if (rate > 0) {
        const due = start + ((i + 1) * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      } else if (inflight.size >= 32) await Promise.race(inflight);
    }
    await Promise.all(inflight);
    const expected = (total - refused) * subscribers;
    const deadline = performance.now() + 60_000;
    while (latencies.length < expected && performance.now() < deadline) await sleep(50);
    const cpuSec = (cpuMicros(gateway.pid) - cpu0) / 1e6;
    const peak = rss.stop();

    let redisUsedMb: number | undefined;
    let streamMb: number | undefined;
    if (redis) {
      const client = new Redis(redis.url);
      const info = await client.info('memory');
      redisUsedMb = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 1024 / 1024;
      streamMb = Number((await client.memory('USAGE', 'gateway:events:log', 'SAMPLES', '0')) ?? 0) / 1024 / 1024;
      await client.quit();
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
    return {
      log: opts.log,
      subscribers,
      events: total,
      rate,
      appendedPerSec: round((appended / (lastAck - start)) * 1000, 0),
      refused,
      deliveredPerSec: latencies.length ? round((latencies.length / (lastReceipt - start)) * 1000, 0) : 0,
      deliveries: latencies.length,
      missing: expected - latencies.length,
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted.at(-1) ?? NaN),
      gatewayRssIdleMb: round(idleRss, 0),
      gatewayRssPeakMb: round(peak, 0),
      gatewayCpuSec: round(cpuSec),
      gatewayCpuUsPerDelivery: latencies.length ? round((cpuSec * 1e6) / latencies.length, 0) : 0,
      ...(redisUsedMb !== undefined ? { redisUsedMb: round(redisUsedMb), streamMb: round(streamMb ?? 0, 2) } : {}),
      load: loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
    };
  } finally {
    for (const a of aborts) a.abort();
    await dispatcher.close().catch(() => undefined);
    await gateway.stop();
    await emulator.stop();
    await redis?.close();
  }
}

function line(r: EventsBenchResult): string {
  const redis = r.redisUsedMb !== undefined ? `, Redis ${r.redisUsedMb} MB used (stream ${r.streamMb} MB)` : '';
  return (
    `${r.log}: ${r.events} events at ${r.rate || 'max'}/s to ${r.subscribers} subscribers — appended ` +
    `${r.appendedPerSec}/s (${r.refused} refused), delivered ${r.deliveredPerSec}/s (${r.deliveries} deliveries, ` +
    `${r.missing} missing), latency p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms max ${r.maxMs} ms; gateway RSS ` +
    `${r.gatewayRssIdleMb} MB with the subscribers idle, ${r.gatewayRssPeakMb} MB peak, ${r.gatewayCpuSec} s CPU ` +
    `(${r.gatewayCpuUsPerDelivery} µs per delivery)${redis}; load ${r.load}`
  );
}

if (process.argv[1]?.endsWith('events.ts')) {
  const { values } = parseArgs({
    options: {
      log: { type: 'string' },
      events: { type: 'string' },
      subscribers: { type: 'string' },
      rate: { type: 'string' },
      outage: { type: 'boolean' },
    },
  });
  void (async () => {
    if (values.outage) {
      const r = await runWebhookOutage();
      console.log(JSON.stringify(r));
      console.log(
        `Redis killed for ${r.redisDownMs} ms under ${r.sent} webhooks: ${r.acknowledged} acknowledged, ` +
          `${r.refusedAttempts} deliveries refused and redelivered, ${r.received} received by a subscriber, ` +
          `${r.lost} acknowledged and lost, ${r.duplicates} received twice`,
      );
      return;
    }
    const logs = values.log ? [values.log as 'memory' | 'redis'] : (['memory', 'redis'] as const);
    for (const log of logs) {
      const r = await runEventsBench({
        log,
        events: values.events ? Number(values.events) : undefined,
        subscribers: values.subscribers ? Number(values.subscribers) : undefined,
        rate: values.rate !== undefined ? Number(values.rate) : undefined,
      });
      console.log(JSON.stringify(r));
      console.log(line(r));
    }
  })().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
