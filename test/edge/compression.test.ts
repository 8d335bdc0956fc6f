// Response compression: GraphiQL's 9 MB page and large GraphQL results go out br- or gzip-compressed when the
// client accepts it (`vary: accept-encoding` on every compressible response), small results and streams do not.
// Raw bytes are read with undici's `request` (it never decodes); undici's fetch stands for a real client (it
// decodes on its own).
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { DEFAULT_QUERY, negotiateEncoding } from '../../src/edge';
import { DEMO_IDS } from '../../src/emulator/seed';
import { createLogger } from '../../src/logger';
import { createGateway } from '../../src/server';
import { WEBHOOK_PATH } from '../../src/webhooks';
import { startHarness, type Harness } from '../harness';
import { deliver, rechargeEvent } from '../webhooks/helpers';
import { subscribe } from '../webhooks/sse';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const raw = async (headers: Record<string, string>, init: { method?: 'GET' | 'POST'; body?: string } = {}) => {
  const res = await request(h.gateway.url, { method: init.method ?? 'GET', headers, body: init.body });
  return { status: res.statusCode, headers: res.headers, bytes: Buffer.from(await res.body.arrayBuffer()) };
};
const page = (encoding: string) => raw({ accept: 'text/html', 'accept-encoding': encoding });

// Every demo card with its cardholder, twice over (aliases): ~6 KB, the size of the bench's S2 answer.
const CARDS =
  'cards(first: 50) { edges { node { cardId maskedNumber status mode cardholder { email firstName lastName } } } }';
const LARGE = `query Large { a: ${CARDS} b: ${CARDS} c: ${CARDS} d: ${CARDS} }`;
const post = (query: string, encoding: string) =>
  raw(
    { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'accept-encoding': encoding },
    { method: 'POST', body: JSON.stringify({ query }) },
  );

describe('GraphiQL', () => {
  it('is served br- and gzip-compressed, decoding to the same page, a fraction of its size', async () => {
    const plain = await page('identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(5_000_000);
    expect(plain.bytes.toString()).toContain('query Dashboard');

    const br = await page('gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.bytes.length);
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    expect(br.bytes.length / plain.bytes.length).toBeLessThan(0.25);

    const gz = await page('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
    // gzip cannot go much below ~27% on this bundle (base64 assets); brotli does the heavy lifting.
    expect(gz.bytes.length / plain.bytes.length).toBeLessThan(0.3);

    // Same security headers as before, on the compressed page too.
    expect(br.headers['x-frame-options']).toBe('DENY');
  });

  it('answers a reload with 304 when the ETag matches', async () => {
    const first = await page('br');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+-br"$/);
    const again = await raw({ accept: 'text/html', 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    // Another encoding is another representation: not a match.
    expect((await raw({ accept: 'text/html', 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200);
  });

  it('opens with a default query whose lines fit the editor', () => {
    const long = DEFAULT_QUERY.split('\n').filter((line) => line.length > 48);
    expect(long).toEqual([]);
  });
});

describe('GraphQL responses', () => {
  it('compresses a large result for a real client (undici fetch decodes it) and for raw br and gzip', async () => {
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: LARGE }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    const body = (await res.json()) as { data: Record<string, { edges: unknown[] }> };
    expect(body.data.d!.edges.length).toBeGreaterThan(3);

    const plain = await post(LARGE, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.bytes.length).toBeGreaterThan(4_000);
    const br = await post(LARGE, 'br;q=1, gzip;q=0.5');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.bytes).toString())).toEqual(JSON.parse(plain.bytes.toString()));
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);
    const gz = await post(LARGE, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.bytes).toString())).toEqual(JSON.parse(plain.bytes.toString()));
    // The request id survives the response being rebuilt.
    expect(gz.headers['x-request-id']).toBeTruthy();
  });

  it('compresses /metrics for a scraper that accepts gzip (Prometheus does)', async () => {
    const url = h.gateway.url.replace(/\/graphql$/, '/metrics');
    const res = await request(url, { headers: { 'accept-encoding': 'gzip' } });
    const bytes = Buffer.from(await res.body.arrayBuffer());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(bytes).toString()).toContain('gateway_graphql_request_duration_seconds');
  });

  it('sends a small result as it is', async () => {
    const small = await post('{ __typename }', 'gzip, br');
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(small.bytes.toString())).toEqual({ data: { __typename: 'Query' } });
  });

  it('never compresses a subscription stream: an event arrives while the stream is open', async () => {
    const query = 'subscription { issuingEvents { eventId type } }';
    const headers = { 'accept-encoding': 'gzip, br' };
    const s = await subscribe(h.gateway.url, query, {}, headers);
    try {
      expect(s.status).toBe(200);
      const event = rechargeEvent(DEMO_IDS.cards.liamSgdSingle);
      const url = h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH;
      expect((await deliver(url, h.emulator.webhookSecret, event)).status).toBe(200);
      await s.waitFor(1);
      expect((s.results[0]!.data as { issuingEvents: { eventId: string } }).issuingEvents.eventId).toBe(event.event_id);
    } finally {
      s.close();
    }
    const abort = new AbortController();
    const res = await request(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query }),
      signal: abort.signal,
    });
    expect(res.headers['content-type']).toMatch(/text\/event-stream/);
    // yoga marks streams `content-encoding: none` (so proxies do not buffer them either): never br or gzip.
    expect(res.headers['content-encoding'] ?? 'none').toBe('none');
    abort.abort();
    await res.body.dump().catch(() => undefined);
  });
});

describe('settings', () => {
  // In-process (yoga.fetch): the page and an introspection result (~30 KB, no upstream call) under other settings.
  const INTROSPECT = '{ __schema { types { name description fields { name description } } } }';
  async function answers(env: Record<string, string>) {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      UQPAY_BASE_URL: h.emulator.baseUrl,
      UQPAY_CLIENT_ID: h.emulator.clientId,
      UQPAY_API_KEY: h.emulator.apiKey,
      ...env,
    });
    const gateway = createGateway(config, { logger: createLogger({ level: 'silent' }) });
    try {
      const headers = { 'accept-encoding': 'br, gzip' };
      const page = await gateway.yoga.fetch('http://gw/graphql', { headers: { ...headers, accept: 'text/html' } });
      const result = await gateway.yoga.fetch('http://gw/graphql', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query: INTROSPECT }),
      });
      await Promise.all([page.arrayBuffer(), result.arrayBuffer()]);
      return { page: page.headers.get('content-encoding'), result: result.headers.get('content-encoding') };
    } finally {
      await gateway.close();
    }
  }

  it('GATEWAY_COMPRESSION=off compresses nothing; GATEWAY_COMPRESSION_MIN_BYTES moves the threshold', async () => {
    expect(await answers({})).toEqual({ page: 'br', result: 'br' });
    expect(await answers({ GATEWAY_COMPRESSION: 'off' })).toEqual({ page: null, result: null });
    expect(await answers({ GATEWAY_COMPRESSION_MIN_BYTES: '10000000' })).toEqual({ page: 'br', result: null });
  });
});

describe('negotiateEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['deflate', undefined],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['GZIP;Q=0.8', 'gzip'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});
