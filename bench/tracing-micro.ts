// Tracing's own CPU, without the rest of the gateway: the yoga plugin's request span, the call and attempt
// middleware and the exporter, driven in a loop with stand-ins for yoga and the HTTP exchange, against the same loop
// with tracing absent (what an untraced gateway runs). The OTLP sink runs in a child process, so this process's CPU
// is tracing's: span creation, context propagation, traceparent injection, batching, JSON serialisation, export.
//
//   npx tsx bench/tracing-micro.ts [--requests 20000] [--calls 1] [--rounds 5]
//
// Prints CPU µs per request (each request makes --calls UQPAY calls of one attempt each) per round and the medians.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Request } from '@whatwg-node/fetch';
import { parse } from 'graphql';
import {
  compose,
  type AttemptHandler,
  type CallHandler,
  type UqpayCall,
} from '../src/datasources/uqpay/transport/pipeline';
import { CallGuard } from '../src/datasources/uqpay/transport/deadline';
import { createLogger } from '../src/logger';
import { startTracing, type Tracing } from '../src/observability/tracing';

const { values: flags } = parseArgs({
  options: { requests: { type: 'string' }, calls: { type: 'string' }, rounds: { type: 'string' } },
});
const requests = Number(flags.requests ?? 20_000);
const calls = Number(flags.calls ?? 1);
const rounds = Number(flags.rounds ?? 5);

// The sink: a child process that answers OTLP POSTs and counts spans.
const SINK = `
  const { createServer } = require('node:http');
  let spans = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      for (const rs of JSON.parse(Buffer.concat(chunks)).resourceSpans)
        for (const ss of rs.scopeSpans) spans += ss.spans.length;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', () => process.send({ spans }));
`;
const sink = spawn(process.execPath, ['-e', SINK], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const port = await new Promise<number>((resolve) => sink.once('message', (m: { port: number }) => resolve(m.port)));

process.env.OTEL_BSP_SCHEDULE_DELAY ??= '1000';
const tracing = await startTracing(
  { tracesUrl: `http://127.0.0.1:${port}/v1/traces` },
  { logger: createLogger({ level: 'warn' }), graphqlPath: '/graphql', upstreamBaseUrl: 'http://127.0.0.1:9/api' },
);

const QUERY = 'query S1($cardId: UUID!) { card(cardId: $cardId) { status cardholder { email } } }';
const DOCUMENT = parse(QUERY);
const call: UqpayCall = {
  method: 'GET',
  route: 'GET /v1/issuing/cards/{id}',
  path: '/v1/issuing/cards/ca000000-0000-4000-8000-000000000001',
  onBehalf: true,
  scope: { requestId: 'bench' },
};
// One guard with a far deadline for every call (the stand-in exchange never waits on it).
const guard = new CallGuard(Date.now() + 3_600_000);

/** One "request": the plugin's hooks in yoga's order around `calls` UQPAY calls through the pipeline. */
function pipeline(t: Tracing | undefined) {
  const send: AttemptHandler = async (a) => {
    a.onSend?.();
    if (a.headers !== undefined && !a.headers.traceparent) throw new Error('no traceparent');
    return { status: 200, body: '{}' };
  };
  const attempt = compose(send, t ? [t.attemptMiddleware] : undefined);
  const execute: CallHandler = (c) =>
    attempt({ call: c, n: 1, deadline: guard.deadline, guard, authHeader: 'Bearer x' });
  const handle = compose(execute, t ? [t.callMiddleware] : undefined);
  const p = t?.plugin;
  return async (i: number) => {
    const request = new Request('http://127.0.0.1:4000/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${'0'.repeat(31)}1-${'0'.repeat(15)}1-01` },
    });
    const body = async () => {
      (p?.onParams as ((x: unknown) => void) | undefined)?.({ request, params: { query: QUERY } });
      const contextValue = { request };
      (p?.onExecute as ((x: unknown) => void) | undefined)?.({ args: { document: DOCUMENT, contextValue } });
      for (let c = 0; c < calls; c++) await handle({ ...call, path: `${call.path}?${i}` });
      (p?.onResponse as ((x: unknown) => void) | undefined)?.({ request, response: { status: 200 } });
    };
    const wrap = p?.instrumentation?.request;
    await (wrap ? wrap({ request }, body) : body());
  };
}

/** CPU per request; `settle` (the traced run's flush: serialising and sending its spans) inside the window. */
async function measure(run: (i: number) => Promise<void>, settle?: () => Promise<void>): Promise<number> {
  const cpu = process.cpuUsage();
  for (let i = 0; i < requests; i++) {
    await run(i);
    // A turn of the event loop now and then, as a server has: the exporter's batches go out (no span dropped).
    if (i % 64 === 63) await new Promise(setImmediate);
  }
  await settle?.();
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / requests;
}

const off = pipeline(undefined);
const on = pipeline(tracing);
const flush = () => tracing.forceFlush();
await measure(off); // warm-up
await measure(on, flush);
const results = { off: [] as number[], on: [] as number[] };
for (let r = 0; r < rounds; r++) {
  results.off.push(await measure(off));
  results.on.push(await measure(on, flush));
}
await tracing.shutdown();
const spans = await new Promise<number>((resolve) => {
  sink.once('message', (m: { spans: number }) => resolve(m.spans));
  sink.send('count');
});
sink.kill();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
console.log(`${requests} requests × ${rounds} rounds, ${calls} UQPAY call(s) of 1 attempt each per request`);
console.log(`tracing absent: ${fmt(results.off)} µs/req (median ${median(results.off).toFixed(1)})`);
console.log(`tracing on:     ${fmt(results.on)} µs/req (median ${median(results.on).toFixed(1)})`);
console.log(`spans exported: ${spans} (${(spans / ((rounds + 1) * requests)).toFixed(2)} per traced request)`);
