// Tracing end to end: a caller's `traceparent` → the gateway's GraphQL span (its child) → a span per UQPAY call and
// per HTTP attempt → the `traceparent` UQPAY receives (read at a recording proxy in front of the emulator), and the
// spans exported over OTLP/HTTP to a receiver started here (JSON encoding: asserted as sent). Nothing secret in
// any exported byte: PANs (in variables and inline), the UQPAY API key, tokens, the caller's key, idempotency keys.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { DEMO_IDS, startEmulator, type RunningEmulator } from '../../src/emulator';
import { ASSIGNABLE_PANS } from '../../src/emulator/cardnumbers';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import { WEBHOOK_PATH } from '../../src/webhooks';
import { accessFiles, bearer, FRONTEND_KEY } from '../access/helpers';
import { header, startRecordingProxy, type RecordingProxy } from '../conformance/recording-proxy';
import { deliver, rechargeEvent } from '../webhooks/helpers';
import { subscribe } from '../webhooks/sse';

// --- an OTLP/HTTP receiver: POST /v1/traces, JSON ------------------------------------------------------------------

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values?: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: OtlpValue }[];
  status?: { code?: number; message?: string };
}
interface Receiver {
  url: string;
  /** Every body received, as text. */
  bodies: string[];
  spans: OtlpSpan[];
  resources: Record<string, unknown>[];
  contentTypes: string[];
  close(): Promise<void>;
}

const value = (v: OtlpValue): unknown =>
  v.stringValue ??
  (v.intValue !== undefined ? Number(v.intValue) : undefined) ??
  v.boolValue ??
  v.doubleValue ??
  v.arrayValue?.values?.map(value);
const attrs = (list: { key: string; value: OtlpValue }[] = []) =>
  Object.fromEntries(list.map((a) => [a.key, value(a.value)]));

async function startReceiver(): Promise<Receiver> {
  const r: Omit<Receiver, 'url' | 'close'> = { bodies: [], spans: [], resources: [], contentTypes: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      r.bodies.push(text);
      r.contentTypes.push(req.headers['content-type'] ?? '');
      const body = JSON.parse(text) as {
        resourceSpans: { resource?: { attributes?: never[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const rs of body.resourceSpans) {
        r.resources.push(attrs(rs.resource?.attributes));
        for (const ss of rs.scopeSpans) r.spans.push(...ss.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...r,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// --- the stack: emulator → recording proxy → gateway (tracing on) ---------------------------------------------------

const SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;
const STATUS_ERROR = 2;
const PAN = ASSIGNABLE_PANS[2]!;
const INLINE_PAN = ASSIGNABLE_PANS[3]!;
const CARD = DEMO_IDS.cards.sophiaUsdSingle;
const LIAM = DEMO_IDS.cardholders.liamWong;

let receiver: Receiver;
let emulator: RunningEmulator;
let proxy: RecordingProxy;
let gateway: RunningGateway;
const logLines: string[] = [];

beforeAll(async () => {
  // The batch processor reads this (the SDK, from the environment): spans reach the receiver within ~20 ms.
  process.env.OTEL_BSP_SCHEDULE_DELAY = '20';
  receiver = await startReceiver();
  emulator = await startEmulator({ port: 0, seed: true, asyncDelayMs: 0 });
  proxy = await startRecordingProxy(emulator.url);
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    UQPAY_BASE_URL: proxy.baseUrl,
    UQPAY_CLIENT_ID: emulator.clientId,
    UQPAY_API_KEY: emulator.apiKey,
    UQPAY_WEBHOOK_SECRET: emulator.webhookSecret,
    UQPAY_MAX_RETRIES: '1',
    GATEWAY_KEYS_FILE: accessFiles().keysFile,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
  });
  const logger = createLogger({ level: 'debug', destination: sink, secrets: [emulator.apiKey] });
  gateway = await startGateway(config, { logger });
});
afterAll(async () => {
  await gateway?.close();
  await proxy?.close();
  await emulator?.close();
  await receiver?.close();
  delete process.env.OTEL_BSP_SCHEDULE_DELAY;
});

const newTraceparent = () => {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { traceId, parentId, traceparent: `00-${traceId}-${parentId}-01` };
};

async function gql(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(FRONTEND_KEY), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

/** The trace's spans once `done` says they are all there (the exporter sends batches every ~20 ms). */
async function spansOf(traceId: string, done: (spans: OtlpSpan[]) => boolean): Promise<OtlpSpan[]> {
  const until = Date.now() + 5_000;
  for (;;) {
    const spans = receiver.spans.filter((s) => s.traceId === traceId);
    if (done(spans)) return spans;
    if (Date.now() > until) throw new Error(`spans of ${traceId} incomplete: ${JSON.stringify(spans.map(brief))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const brief = (s: OtlpSpan) => ({
  name: s.name,
  kind: s.kind,
  id: s.spanId,
  parent: s.parentSpanId,
  ...attrs(s.attributes),
});
const serverSpan = (spans: OtlpSpan[]) => spans.find((s) => s.kind === SPAN_KIND.SERVER);
const ended = (name: string) => (spans: OtlpSpan[]) => serverSpan(spans)?.name === name;

describe('tracing', () => {
  it("continues the caller's trace: GraphQL span → UQPAY call and attempt spans → traceparent at UQPAY", async () => {
    const { traceId, parentId, traceparent } = newTraceparent();
    const query =
      `query CardView { card(cardId: "${CARD}") { cardId maskedNumber } ` +
      `cardholder(cardholderId: "${LIAM}") { email } }`;
    proxy.clear();
    const res = await gql(query, undefined, { traceparent, tracestate: 'vendor=abc' });
    expect(res.errors).toBeUndefined();

    const spans = await spansOf(traceId, (s) => ended('query CardView')(s) && s.length >= 5);
    const op = serverSpan(spans)!;
    expect(op.parentSpanId).toBe(parentId);
    const opAttrs = attrs(op.attributes);
    expect(opAttrs).toMatchObject({
      'graphql.operation.name': 'CardView',
      'graphql.operation.type': 'query',
      'graphql.document.hash': createHash('sha256').update(query).digest('hex'),
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
      'gateway.client': 'web-dashboard',
    });
    expect(opAttrs['gateway.request_id']).toMatch(/^[\w-]{8,}$/);

    // The UQPAY calls: children of the operation, named by route template; their attempts are their children.
    const calls = spans.filter((s) => s.kind === SPAN_KIND.INTERNAL && s.parentSpanId === op.spanId);
    expect(calls.map((s) => s.name).sort()).toEqual(['GET /v1/issuing/cardholders/{id}', 'GET /v1/issuing/cards/{id}']);
    for (const call of calls) {
      expect(attrs(call.attributes)).toMatchObject({
        'uqpay.outcome': 'ok',
        'uqpay.attempts': 1,
        'uqpay.route': call.name,
      });
      const attempts = spans.filter((s) => s.parentSpanId === call.spanId && s.kind === SPAN_KIND.CLIENT);
      expect(attempts).toHaveLength(1);
      expect(attrs(attempts[0]!.attributes)).toMatchObject({
        'http.request.method': 'GET',
        'http.response.status_code': 200,
        'url.template': `/api${call.name.slice(4)}`,
        'uqpay.attempt': 1,
      });
      expect(attrs(attempts[0]!.attributes)['uqpay.budget.wait_ms']).toBeGreaterThanOrEqual(0);
    }

    // What UQPAY received: every request of this trace carries a traceparent naming the attempt that sent it.
    const clientIds = new Set(spans.filter((s) => s.kind === SPAN_KIND.CLIENT).map((s) => s.spanId));
    const received = proxy.requests.filter((r) => !r.route.includes('/connect/token'));
    expect(received.length).toBe(2);
    for (const r of received) {
      const tp = header(r, 'traceparent');
      expect(tp).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      const [, tid, sid] = tp!.split('-');
      expect(tid).toBe(traceId);
      expect(clientIds.has(sid!)).toBe(true);
      expect(header(r, 'tracestate')).toBe('vendor=abc');
    }

    // Exported as OTLP/HTTP JSON, with the service's name on the resource.
    expect(receiver.contentTypes.every((t) => t.startsWith('application/json'))).toBe(true);
    expect(receiver.resources.at(-1)).toMatchObject({ 'service.name': 'uqpay-graphql-gateway' });

    // The request's log line carries the trace id.
    const line = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.trace_id === traceId);
    expect(line, 'a log line with the trace id').toBeDefined();
    expect(logLines.some((l) => l.includes(`"trace_id":"${traceId}"`) && l.includes('"msg":"request"'))).toBe(true);
  });

  it("shows a retried call's attempts: an expired token (refreshed in a span of its own) and a 5xx", async () => {
    const { traceId, traceparent } = newTraceparent();
    await fetch(`${emulator.url}/__emulator/expire-tokens`, { method: 'POST' });
    const res = await gql(`query Expired { card(cardId: "${CARD}") { cardId } }`, undefined, { traceparent });
    expect(res.errors).toBeUndefined();
    const spans = await spansOf(traceId, (s) => ended('query Expired')(s) && s.length >= 5);
    const call = spans.find((s) => s.kind === SPAN_KIND.INTERNAL && s.name === 'GET /v1/issuing/cards/{id}')!;
    expect(attrs(call.attributes)).toMatchObject({ 'uqpay.attempts': 2, 'uqpay.outcome': 'ok' });
    const attempts = spans
      .filter((s) => s.parentSpanId === call.spanId && s.kind === SPAN_KIND.CLIENT)
      .map((s) => attrs(s.attributes));
    expect(attempts.map((a) => [a['uqpay.attempt'], a['http.response.status_code']])).toEqual([
      [1, 401],
      [2, 200],
    ]);
    expect(attempts[1]!['http.request.resend_count']).toBe(1);
    const token = spans.find((s) => s.name === 'POST /v1/connect/token' && s.kind === SPAN_KIND.INTERNAL);
    expect(token?.parentSpanId).toBe(call.spanId);

    // UQPAY failing: both attempts (UQPAY_MAX_RETRIES=1) answered 500, the call gives up as unavailable.
    const failing = newTraceparent();
    await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    try {
      const down = await gql(`query Down { card(cardId: "${CARD}") { cardId } }`, undefined, {
        traceparent: failing.traceparent,
      });
      expect(down.errors?.length).toBeGreaterThan(0);
    } finally {
      await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
    }
    const downSpans = await spansOf(failing.traceId, (s) => ended('query Down')(s) && s.length >= 4);
    const downCall = downSpans.find((s) => s.kind === SPAN_KIND.INTERNAL)!;
    expect(attrs(downCall.attributes)).toMatchObject({
      'uqpay.attempts': 2,
      'uqpay.outcome': 'unavailable',
      'error.type': 'server_error',
    });
    expect(downCall.status?.code).toBe(STATUS_ERROR);
    const downAttempts = downSpans.filter((s) => s.parentSpanId === downCall.spanId).map((s) => attrs(s.attributes));
    expect(downAttempts.map((a) => a['http.response.status_code'])).toEqual([500, 500]);
    const op = serverSpan(downSpans)!;
    expect(op.status?.code).toBe(STATUS_ERROR);
    expect(attrs(op.attributes)['graphql.error.codes']).toEqual([expect.stringMatching(/^UPSTREAM_/)]);
  });

  it('starts a new trace without a traceparent, and exports nothing secret', async () => {
    const assign =
      'mutation Assign($input: AssignCardInput!) { assignCard(input: $input) { card { cardId } userErrors { code } } }';
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    proxy.clear();
    const before = receiver.spans.length;
    const assigned = await gql(assign, {
      input: {
        cardholderId: DEMO_IDS.cardholders.sophiaTan,
        cardNumber: PAN,
        currency: 'USD',
        mode: 'SHARE',
        idempotencyKey: keys[0],
      },
    });
    expect(assigned.data?.assignCard?.card?.cardId, JSON.stringify(assigned)).toBeTruthy();
    // Inline in the document, where a span that recorded the document would show it.
    await gql(
      `mutation AssignInline { assignCard(input: { cardholderId: "${DEMO_IDS.cardholders.liamWong}",
        cardNumber: "${INLINE_PAN}", currency: "USD", mode: SHARE, idempotencyKey: "${keys[1]}" }) {
        userErrors { code } } }`,
    );
    const recharge =
      'mutation Recharge($input: CardAmountInput!) { rechargeCard(input: $input) { userErrors { code } } }';
    const recharged = await gql(recharge, { input: { cardId: CARD, amount: '1.00', idempotencyKey: keys[2] } });
    expect(recharged.data?.rechargeCard?.userErrors).toEqual([]);

    // Root spans (no parent) for these requests; their UQPAY calls carried the new traces' ids.
    const roots = await (async () => {
      const until = Date.now() + 5_000;
      for (;;) {
        const spans = receiver.spans.slice(before).filter((s) => s.kind === SPAN_KIND.SERVER);
        if (spans.length >= 3 || Date.now() > until) return spans;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    expect(roots.map((s) => s.name).sort()).toEqual(['mutation Assign', 'mutation AssignInline', 'mutation Recharge']);
    expect(roots.every((s) => !s.parentSpanId)).toBe(true);
    const recharges = proxy.requests.filter((r) => r.route.endsWith('/recharge'));
    expect(recharges).toHaveLength(1);
    const rechargeTrace = roots.find((s) => s.name === 'mutation Recharge')!.traceId;
    expect(header(recharges[0]!, 'traceparent')?.split('-')[1]).toBe(rechargeTrace);
    const rechargeCall = await spansOf(rechargeTrace, (s) =>
      s.some((x) => x.name === 'POST /v1/issuing/cards/{id}/recharge' && x.kind === SPAN_KIND.INTERNAL),
    );
    const rc = rechargeCall.find((x) => x.name.endsWith('/recharge') && x.kind === SPAN_KIND.INTERNAL)!;
    expect(attrs(rc.attributes)).toMatchObject({ 'http.request.method': 'POST', 'uqpay.outcome': 'ok' });

    await new Promise((r) => setTimeout(r, 100)); // the last batch
    const exported = receiver.bodies.join('\n');
    const sentKeys = proxy.requests.map((r) => header(r, 'x-idempotency-key')).filter(Boolean) as string[];
    const tokens = proxy.requests.map((r) => header(r, 'x-auth-token')).filter(Boolean) as string[];
    expect(sentKeys.length).toBeGreaterThan(0);
    expect(tokens.length).toBeGreaterThan(0);
    const secrets = [PAN, INLINE_PAN, emulator.apiKey, FRONTEND_KEY, ...keys, ...sentKeys, ...tokens];
    for (const secret of secrets) expect(exported).not.toContain(secret);
    for (const pan of [PAN, INLINE_PAN]) expect(exported).not.toContain(pan.slice(0, 12));
    expect(exported).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });

  it("names the acting account on its UQPAY calls (a connected account's UUID)", async () => {
    const { traceId, traceparent } = newTraceparent();
    const acme = DEMO_IDS.accounts.acmeTravel;
    const res = await gql('query Acme { cardholders(first: 1) { totalCount } }', undefined, {
      traceparent,
      'x-on-behalf-of': acme,
    });
    expect(res.errors).toBeUndefined();
    const spans = await spansOf(
      traceId,
      (s) => ended('query Acme')(s) && s.some((x) => x.name.includes('cardholders')),
    );
    const list = spans.find((s) => s.kind === SPAN_KIND.INTERNAL && s.name === 'GET /v1/issuing/cardholders')!;
    expect(attrs(list.attributes)['uqpay.account_id']).toBe(acme);
  });

  it("traces a subscription's setup; the UQPAY calls of each event join its trace", async () => {
    const { traceId, parentId, traceparent } = newTraceparent();
    const query = `subscription Watch { cardEvents(cardId: "${CARD}") { type card { cardId } } }`;
    const s = await subscribe(gateway.url, query, {}, { ...bearer(FRONTEND_KEY), traceparent });
    try {
      expect(s.status).toBe(200);
      const webhook = gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH;
      expect((await deliver(webhook, emulator.webhookSecret, rechargeEvent(CARD))).status).toBe(200);
      await s.waitFor(1);
    } finally {
      s.close();
    }
    const spans = await spansOf(
      traceId,
      (x) => ended('subscription Watch')(x) && x.some((y) => y.name === 'GET /v1/issuing/cards/{id}'),
    );
    const op = serverSpan(spans)!;
    expect(op.parentSpanId).toBe(parentId);
    const call = spans.find((y) => y.name === 'GET /v1/issuing/cards/{id}' && y.kind === SPAN_KIND.INTERNAL)!;
    expect(call.parentSpanId).toBe(op.spanId);
  });

  it('is not loaded unless configured: only otel.ts imports the SDK, and tracing.ts only dynamically', () => {
    const src = join(import.meta.dirname, '../../src');
    const importers = readdirSync(src, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.ts'))
      .map((d) => join(d.parentPath, d.name))
      .filter((f) => /from '@opentelemetry\//.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(src.length + 1));
    expect(importers).toEqual(['observability/otel.ts']);
    const seam = readFileSync(join(src, 'observability/tracing.ts'), 'utf8');
    expect(seam).toMatch(/await import\('\.\/otel'\)/);
    expect(seam).not.toMatch(/^import (?!type).*'\.\/otel'/m);
  });
});
