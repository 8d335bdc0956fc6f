// Upstream economy bench: UQPAY calls per minute for one mixed GraphQL workload, offered at a fixed
// rate, through three gateway configurations: nothing, in-flight coalescing, coalescing + read cache.
//
//   npx tsx bench/economy.ts                       # 200 ops/s, 15 s per configuration, 50 ms upstream latency
//   ECONOMY_RATE=400 ECONOMY_SECONDS=30 ECONOMY_LATENCY_MS=100 npx tsx bench/economy.ts
//
// The mix (per operation): 45% card dashboard of one of 5 hot cards, 20% cardholder of one of 5 hot cardholders,
// 10% card products, 10% cardholders page, 10% transactions of a hot card, 4% recharge of a hot card,
// 1% updateCardholder (invalidates the cached cardholders). Everything runs in this process against the emulator,
// whose own counters give the upstream calls. The numbers depend on rate and latency: overlap is what coalescing
// saves, so a slower upstream (UQPAY answers in 100–300 ms) saves more.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config';
import { DEMO_IDS, startEmulator } from '../src/emulator';
import { createLogger } from '../src/logger';
import { startGateway } from '../src/server';
import { createRng } from './prng';

const RATE = Number(process.env.ECONOMY_RATE ?? 200);
const SECONDS = Number(process.env.ECONOMY_SECONDS ?? 15);
const LATENCY_MS = Number(process.env.ECONOMY_LATENCY_MS ?? 50);
const CACHE_TTL_MS = Number(process.env.ECONOMY_CACHE_TTL_MS ?? 5_000);

const CARD =
  'query($id: UUID!) { card(cardId: $id) { status availableBalance { amount currency } cardholder { email } } }';
const HOLDER = 'query($id: UUID!) { cardholder(cardholderId: $id) { email status numberOfCards } }';
const PRODUCTS = '{ cardProducts { productId scheme } }';
const HOLDERS = '{ cardholders(first: 10) { totalCount edges { node { cardholderId email } } } }';
const TXS = 'query($id: UUID!) { transactions(cardId: $id, first: 10) { totalCount } }';
const RECHARGE = 'mutation($input: CardAmountInput!) { rechargeCard(input: $input) { userErrors { code } } }';
const UPDATE = 'mutation($input: UpdateCardholderInput!) { updateCardholder(input: $input) { userErrors { code } } }';

interface Config {
  name: string;
  env: Record<string, string>;
}

const CONFIGS: Config[] = [
  { name: 'no coalescing, no cache', env: { UQPAY_COALESCE: 'false' } },
  { name: 'coalescing', env: { UQPAY_COALESCE: 'true' } },
  {
    name: `coalescing + read cache (${CACHE_TTL_MS / 1000} s)`,
    env: { UQPAY_COALESCE: 'true', UQPAY_READ_CACHE_TTL_MS: String(CACHE_TTL_MS) },
  },
];

interface Result {
  name: string;
  ops: number;
  errors: number;
  seconds: number;
  upstream: number;
  perMinute: number;
  per1000Ops: number;
  p50Ms: number;
  p99Ms: number;
}

async function runOne(c: Config): Promise<Result> {
  const emulator = await startEmulator({ port: 0, seed: true, asyncDelayMs: 0 });
  const ctl = (path: string, init?: RequestInit) => fetch(`${emulator.url}/__emulator${path}`, init);
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    LOG_LEVEL: 'silent',
    UQPAY_BASE_URL: emulator.baseUrl,
    UQPAY_CLIENT_ID: emulator.clientId,
    UQPAY_API_KEY: emulator.apiKey,
    UQPAY_WEBHOOK_SECRET: emulator.webhookSecret,
    ...(process.env.REDIS_URL
      ? { REDIS_URL: process.env.REDIS_URL, UQPAY_REDIS_KEY_PREFIX: `bench:economy:${Date.now()}:` }
      : {}),
    ...c.env,
  });
  const gateway = await startGateway(config, { logger: createLogger({ level: 'silent' }) });
  const headers = { 'content-type': 'application/json' };
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { errors?: unknown[] };
    return !body.errors;
  };

  // Hot objects: the seeded USD cards and their cardholders, plus whatever else the seed holds.
  const cards = [
    DEMO_IDS.cards.sophiaUsdSingle,
    ...Object.values(DEMO_IDS.cards).filter((id) => id !== DEMO_IDS.cards.sophiaUsdSingle),
  ].slice(0, 5);
  const holders = Object.values(DEMO_IDS.cardholders).slice(0, 5);
  await gql(PRODUCTS); // token outside the measurement
  await ctl('/faults', { method: 'POST', headers, body: JSON.stringify({ latencyMs: LATENCY_MS }) });
  await ctl('/stats/reset', { method: 'POST' });

  const rng = createRng(42);
  const rnd = rng.next;
  const pick = rng.pick;
  const op = (): Promise<boolean> => {
    const r = rnd();
    if (r < 0.45) return gql(CARD, { id: pick(cards) });
    if (r < 0.65) return gql(HOLDER, { id: pick(holders) });
    if (r < 0.75) return gql(PRODUCTS);
    if (r < 0.85) return gql(HOLDERS);
    if (r < 0.95) return gql(TXS, { id: pick(cards) });
    if (r < 0.99)
      return gql(RECHARGE, {
        input: { cardId: DEMO_IDS.cards.sophiaUsdSingle, amount: '0.01', idempotencyKey: randomUUID() },
      });
    return gql(UPDATE, {
      input: { cardholderId: DEMO_IDS.cardholders.sophiaTan, email: `sophia.${Math.floor(rnd() * 1e9)}@example.com` },
    });
  };

  const latencies: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  const total = RATE * SECONDS;
  // Open model: operations start on schedule whatever the answers' speed, as independent clients would.
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const start = performance.now();
    pending.push(
      op().then(
        (ok) => {
          latencies.push(performance.now() - start);
          if (!ok) errors++;
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  const stats = (await (await ctl('/stats')).json()) as { requests: Record<string, number> };
  const upstream = Object.entries(stats.requests)
    .filter(([k]) => !k.includes('/connect/token'))
    .reduce((a, [, n]) => a + n, 0);
  await gateway.close();
  await emulator.close();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    name: c.name,
    ops: total,
    errors,
    seconds,
    upstream,
    perMinute: (upstream / seconds) * 60,
    per1000Ops: (upstream / total) * 1000,
    p50Ms: q(0.5),
    p99Ms: q(0.99),
  };
}

async function main() {
  console.log(`economy bench: ${RATE} ops/s for ${SECONDS} s per configuration, upstream latency ${LATENCY_MS} ms`);
  const results: Result[] = [];
  for (const c of CONFIGS) results.push(await runOne(c));
  const base = results[0]!.upstream;
  console.log('');
  console.log(
    '| configuration | GraphQL ops/min | UQPAY calls/min | calls per 1,000 ops | vs none | errors | p50 ms | p99 ms |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const saved = base ? `${Math.round((1 - r.upstream / base) * 100)}% fewer` : '—';
    console.log(
      `| ${r.name} | ${Math.round((r.ops / r.seconds) * 60)} | ${Math.round(r.perMinute)} | ${Math.round(r.per1000Ops)} | ${r === results[0] ? '—' : saved} | ${r.errors} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} |`,
    );
  }
  console.log('');
  console.log(JSON.stringify({ rate: RATE, seconds: SECONDS, latencyMs: LATENCY_MS, results }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
