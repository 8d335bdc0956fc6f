// What tracing costs the gateway: the same gateway bundle (dist/main.js, `npm run build` first) with and without
// OTEL_EXPORTER_OTLP_ENDPOINT, side by side against one emulator, each driven in turn by autocannon on the bench's
// S1 query (one UQPAY call per request), with in-flight coalescing on (as shipped) and off (every request pays its
// call and attempt spans). The traced gateways export to a sink in this process that counts what arrives.
//
//   npx tsx bench/tracing-cost.ts [--rounds 3] [--duration 5] [--connections 8] [--coalescing on|off] [--cpu-prof]
//
// Prints CPU µs per request (utime+stime of the gateway process ÷ responses) per arm and round, the median, the
// spans exported per request, and idle and peak RSS.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { runLoad } from './load';
import { cpuMicros, memory, sampleRss } from './procstat';
import { startEmulatorProcess, startGatewayProcess, type GatewayProcess } from './processes';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    coalescing: { type: 'string' },
    'cpu-prof': { type: 'boolean' },
  },
});
const rounds = Number(flags.rounds ?? 3);
const durationS = Number(flags.duration ?? 5);
const connections = Number(flags.connections ?? 8);

const S1 =
  'query S1($cardId: UUID!) { card(cardId: $cardId) { status availableBalance { amount currency } ' +
  'cardholder { email } } }';
const CARD = 'ca000000-0000-4000-8000-000000000001';

let spans = 0;
const sink = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      resourceSpans: { scopeSpans: { spans: unknown[] }[] }[];
    };
    for (const rs of body.resourceSpans) for (const ss of rs.scopeSpans) spans += ss.spans.length;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

const emulator = await startEmulatorProcess();
const nodeArgs = ['--max-semi-space-size=8', '--heap-growing-percent=100'];
const arms: {
  name: string;
  traced: boolean;
  gateway: GatewayProcess;
  idleRssMb: number;
  cpu: number[];
  peak: number[];
}[] = [];
const profile = flags['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles'] : [];
for (const coalesce of flags.coalescing ? [flags.coalescing] : ['on', 'off']) {
  for (const traced of [false, true]) {
    const gateway = await startGatewayProcess({
      upstreamBaseUrl: emulator.baseUrl,
      script: 'dist/main.js',
      nodeArgs: [...nodeArgs, ...profile],
      env: {
        UQPAY_COALESCE: coalesce,
        ...(traced ? { OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl, OTEL_BSP_SCHEDULE_DELAY: '1000' } : {}),
      },
    });
    const name = `coalescing ${coalesce}, tracing ${traced ? 'on ' : 'off'}`;
    arms.push({ name, traced, gateway, idleRssMb: memory(gateway.pid).rssMb, cpu: [], peak: [] });
  }
}

const request = {
  method: 'POST' as const,
  path: '/graphql',
  body: JSON.stringify({ query: S1, variables: { cardId: CARD } }),
  isFailure: (body: string) => body.includes('"errors"') || !body.includes('"data"'),
};
let tracedResponses = 0;
for (let round = 0; round < rounds; round++) {
  for (const arm of arms) {
    await runLoad(arm.gateway.graphqlUrl, request, connections, 1); // warm-up
    const cpu0 = cpuMicros(arm.gateway.pid);
    const rss = sampleRss(arm.gateway.pid);
    const r = await runLoad(arm.gateway.graphqlUrl, request, connections, durationS);
    const cpu = (cpuMicros(arm.gateway.pid) - cpu0) / r.responses;
    arm.cpu.push(cpu);
    arm.peak.push(rss.stop());
    if (arm.traced) tracedResponses += r.responses;
    if (r.failed || r.errors || r.non2xx) console.error(`${arm.name}: ${r.failed} failed, ${r.errors} errors`);
    console.log(`round ${round + 1} ${arm.name}: ${Math.round(cpu)} µs/req, ${Math.round(r.reqPerSec)} req/s`);
  }
}
await new Promise((r) => setTimeout(r, 1_500)); // the last batches

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log('\n| arm | CPU µs/req per round | median | idle RSS MB | peak RSS MB |\n|---|---|---:|---:|---:|');
for (const a of arms) {
  console.log(
    `| ${a.name} | ${a.cpu.map(Math.round).join(', ')} | ${Math.round(median(a.cpu))} | ` +
      `${Math.round(a.idleRssMb)} | ${Math.round(Math.max(...a.peak))} |`,
  );
}
console.log(`\nspans exported: ${spans} for ~${tracedResponses} traced responses (warm-ups add some)`);

for (const a of arms) await a.gateway.stop();
await emulator.stop();
sink.close();
