// Redis killed under webhook load: does any webhook the gateway acknowledged (2xx) go missing? The emulator sends
// `issuing.fee.card` webhooks at a steady rate (its own redelivery on anything but 2xx, as UQPAY does) to a gateway
// on a redis-server of our own; mid-run Redis is SIGKILLed, then restarted. A subscriber connected throughout
// (graphql-sse) counts what it received. Lost = events the emulator saw acknowledged with 2xx that the subscriber
// never got. `npm run bench:events -- --outage` prints the counts.
import { createClient } from 'graphql-sse';
import { loadConfig } from '../src/config';
import { startEmulator } from '../src/emulator';
import { DEMO_IDS } from '../src/emulator/seed';
import { createLogger } from '../src/logger';
import { startGateway } from '../src/server';
import { startOwnRedis } from './redis-server';

export interface OutageResult {
  sent: number;
  /** Events the emulator logged as delivered with a 2xx. */
  acknowledged: number;
  /** Deliveries (first attempts and redeliveries) the gateway answered with something other than 2xx. */
  refusedAttempts: number;
  received: number;
  /** Acknowledged, never received by the subscriber. */
  lost: number;
  /** Received more than once. */
  duplicates: number;
  redisDownMs: number;
}

interface Delivery {
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_status: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runWebhookOutage(
  opts: { events?: number; perSecond?: number; downMs?: number } = {},
): Promise<OutageResult> {
  const total = opts.events ?? 300;
  const perSecond = opts.perSecond ?? 100;
  const downMs = opts.downMs ?? 1_500;
  const redis = await startOwnRedis();
  const emulator = await startEmulator({
    port: 0,
    seed: true,
    asyncDelayMs: 0,
    webhookMaxAttempts: 8,
    webhookBackoffMs: 250,
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    UQPAY_BASE_URL: emulator.baseUrl,
    UQPAY_CLIENT_ID: emulator.clientId,
    UQPAY_API_KEY: emulator.apiKey,
    UQPAY_WEBHOOK_SECRET: emulator.webhookSecret,
    REDIS_URL: redis.url,
  });
  const gateway = await startGateway(config, { logger: createLogger({ level: 'silent' }) });
  emulator.setWebhookUrl(gateway.url.replace(/\/graphql$/, '/webhooks/uqpay'));

  const received = new Map<string, number>();
  const client = createClient({ url: gateway.url, singleConnection: false, retryAttempts: 50 });
  const stop = client.subscribe<{ issuingEvents: { eventId: string } }>(
    { query: 'subscription { issuingEvents(types: ["issuing.fee.*"]) { eventId } }' },
    {
      next: (r) => {
        const id = r.data?.issuingEvents.eventId;
        if (id) received.set(id, (received.get(id) ?? 0) + 1);
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  // A first event proves the subscription live before the load starts.
  const cards = [DEMO_IDS.cards.sophiaUsdSingle, DEMO_IDS.cards.liamSgdSingle];
  const fee = (i: number) =>
    fetch(`${emulator.url}/__emulator/cards/${cards[i % cards.length]}/fee`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 0.01 }),
    }).then((r) => r.arrayBuffer());
  await fee(0);
  for (let i = 0; i < 100 && received.size === 0; i++) await sleep(50);

  let downAt = 0;
  let upAt = 0;
  const outage = (async () => {
    await sleep(((total / perSecond) * 1000) / 3);
    downAt = Date.now();
    await redis.kill();
    await sleep(downMs);
    await redis.start();
    upAt = Date.now();
  })();
  for (let i = 1; i <= total; i++) {
    void fee(i);
    await sleep(1000 / perSecond);
  }
  await outage;

  // Wait until the emulator has settled every delivery (delivered, or out of attempts).
  const deliveries = async () => {
    const body = (await (await fetch(`${emulator.url}/__emulator/webhooks`)).json()) as
      Delivery[] | { deliveries: Delivery[] };
    return (Array.isArray(body) ? body : body.deliveries).filter((d) => d.event_type === 'issuing.fee.card');
  };
  let log = await deliveries();
  for (let i = 0; i < 600 && log.some((d) => d.status === 'pending'); i++) {
    await sleep(100);
    log = await deliveries();
  }
  await sleep(1_000); // the last acknowledged events reach the subscriber
  const acked = log.filter((d) => d.status === 'delivered');
  const result: OutageResult = {
    sent: log.length,
    acknowledged: acked.length,
    refusedAttempts: log.reduce((n, d) => n + d.attempts - (d.status === 'delivered' ? 1 : 0), 0),
    received: received.size,
    lost: acked.filter((d) => !received.has(d.event_id)).length,
    duplicates: [...received.values()].filter((n) => n > 1).length,
    redisDownMs: upAt - downAt,
  };
  stop();
  client.dispose();
  await gateway.close();
  await emulator.close();
  await redis.close();
  return result;
}

if (process.argv[1]?.endsWith('events-outage.ts')) {
  runWebhookOutage().then(
    (r) => console.log(JSON.stringify(r)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
