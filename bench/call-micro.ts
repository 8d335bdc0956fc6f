// The gateway's CPU per UQPAY call, without GraphQL: the typed API (caller → call pipeline → undici) as the
// gateway wires it (metrics observer, logger, no economy middleware: coalescing off), against what the floor proxy
// does per call (pool.request + body.json + the amount reshape), in one process, alternating rounds. Each call gets
// a fresh request scope (S1: one call per request). The emulator
// runs in a child process, so this process's CPU is the call path's own.
//
//   npx tsx bench/call-micro.ts [--calls 20000] [--rounds 5] [--concurrency 16] [--list] [--side gateway|floor] [--scope-aborted]
//
// `--list` makes the S3 call instead (a page of cards of one cardholder) for both sides. Prints CPU µs per call
// per round and the medians, and their ratio (gateway ÷ floor).
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { createUqpayClient } from '../src/datasources/uqpay/client';
import { createLogger } from '../src/logger';
import { createMetrics, upstreamObserver } from '../src/observability/metrics';
import { ensureBenchData } from './bench-data';
import { startEmulatorProcess } from './processes';
import { EmulatorClient } from './upstream';

const { values: flags } = parseArgs({
  options: {
    calls: { type: 'string' },
    rounds: { type: 'string' },
    concurrency: { type: 'string' },
    list: { type: 'boolean' },
    side: { type: 'string' },
    'scope-aborted': { type: 'boolean' },
  },
});
const calls = Number(flags.calls ?? 20_000);
const rounds = Number(flags.rounds ?? 5);
const concurrency = Number(flags.concurrency ?? 16);

const emulator = await startEmulatorProcess();
const ids = await ensureBenchData(new EmulatorClient(emulator.url));

const client = createUqpayClient({
  config: {
    baseUrl: emulator.baseUrl,
    clientId: 'demo-client-id',
    apiKey: 'demo-api-key',
    connectTimeoutMs: 5_000,
    headersTimeoutMs: 15_000,
    bodyTimeoutMs: 15_000,
    requestDeadlineMs: 20_000,
    maxRetries: 2,
    maxConnections: 32,
    loaderConcurrency: 8,
    coalesce: false,
  },
  logger: createLogger({ level: 'info' }),
  observer: process.env.NO_OBS ? undefined : upstreamObserver(createMetrics()),
});
/**
 * A request's scope as the gateway's context makes it: its signal (an AbortController) is made on first read.
 * `--scope-aborted`: the scope also answers `aborted` without making the signal (RequestScope.aborted).
 */
function requestScope() {
  let controller: AbortController | undefined;
  const signal = () => (controller ??= new AbortController()).signal;
  if (!flags['scope-aborted']) {
    return {
      requestId: 'bench-request-id',
      get signal() {
        return signal();
      },
    };
  }
  return {
    requestId: 'bench-request-id',
    get signal() {
      return signal();
    },
    get aborted() {
      return controller?.signal.aborted ?? false;
    },
  };
}

const base = new URL(emulator.baseUrl);
const pool = new Pool(base.origin, { connections: 32, pipelining: 1 });
const { auth_token } = (await (
  await pool.request({
    method: 'POST',
    path: `${base.pathname}/v1/connect/token`,
    headers: { 'x-client-id': 'demo-client-id', 'x-api-key': 'demo-api-key' },
  })
).body.json()) as { auth_token: string };

const cardPath = `/v1/issuing/cards/${encodeURIComponent(ids.cardId)}`;
const listPath = `/v1/issuing/cards?cardholder_id=${encodeURIComponent(ids.cardholderId)}&page_number=1&page_size=10`;

interface WireCard {
  card_status: string;
  available_balance: string | number;
  card_currency: string;
}
const money = (amount: string | number, currency: string) => ({
  amount: typeof amount === 'number' ? amount.toFixed(2) : amount,
  currency,
});

async function floorCall(): Promise<unknown> {
  const res = await pool.request({
    method: 'GET',
    path: `${base.pathname}${flags.list ? listPath : cardPath}`,
    headers: { 'x-auth-token': `Bearer ${auth_token}` },
  });
  if (res.statusCode !== 200) throw new Error(`upstream ${res.statusCode}`);
  const json = (await res.body.json()) as WireCard & { data: WireCard[] };
  if (flags.list) return json.data.map((c) => c.card_status);
  return money(json.available_balance, json.card_currency);
}

async function gatewayCall(): Promise<unknown> {
  if (flags.list)
    return client.api.cards.list(requestScope(), { cardholder_id: ids.cardholderId, page_number: 1, page_size: 10 });
  return client.api.cards.retrieve(requestScope(), ids.cardId);
}

async function round(fn: () => Promise<unknown>): Promise<number> {
  let left = calls;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await fn();
    }),
  );
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = { gateway: [] as number[], floor: [] as number[] };
await round(gatewayCall); // warm-up: JIT, sockets, token
await round(floorCall);
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of r % 2
    ? ([
        ['floor', floorCall],
        ['gateway', gatewayCall],
      ] as const)
    : ([
        ['gateway', gatewayCall],
        ['floor', floorCall],
      ] as const)) {
    if (flags.side && flags.side !== name) continue; // profiling one side (`node --cpu-prof`)
    const us = await round(fn);
    results[name].push(us);
    process.stdout.write(`round ${r + 1} ${name.padEnd(7)} ${us.toFixed(1)} µs CPU/call\n`);
  }
}
if (flags.side) process.exit(0);
const g = median(results.gateway);
const f = median(results.floor);
process.stdout.write(`median: gateway ${g.toFixed(1)} µs, floor ${f.toFixed(1)} µs, ratio ${(g / f).toFixed(2)}×\n`);

await client.close();
await pool.close();
await emulator.stop();
