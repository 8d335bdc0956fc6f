// What operators get over HTTP: /health, /ready, /metrics with non-zero series for GraphQL requests and errors,
// upstream calls, retries, token refreshes and loader batches; request ids; graceful shutdown.
import { createYoga, createSchema } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { createObservability } from '../../src/observability';
import { startHarness, type Harness } from '../harness';
import { post } from '../access/helpers';

/** The value of one series in Prometheus text, or 0 when absent. */
function series(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

describe('operator endpoints and metrics', () => {
  let h: Harness;
  let origin: string;
  beforeAll(async () => {
    h = await startHarness({ env: { UQPAY_MAX_RETRIES: '1' } });
    origin = new URL(h.gateway.url).origin;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers /health and /ready', async () => {
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    const ready = await fetch(`${origin}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('echoes a request id, or makes one', async () => {
    const given = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'ops-test-1' },
      body: '{"query":"{ __typename }"}',
    });
    expect(given.headers.get('x-request-id')).toBe('ops-test-1');
    const made = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes non-zero series for every family', async () => {
    const { cards } = DEMO_IDS;
    const ok = await post(h.gateway.url, {
      query: `query OpsCards { a: card(cardId: "${cards.sophiaUsdSingle}") { cardId } b: card(cardId: "${cards.liamSgdSingle}") { cardId } cards(first: 3) { totalCount } }`,
    });
    expect(ok.body.errors).toBeUndefined();

    // Products fail upstream: one retry, then a masked top-level error.
    await fetch(`${h.emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1, routes: ['GET /v1/issuing/products'] }),
    });
    const failed = await post(h.gateway.url, { query: 'query OpsProducts { cardProducts { productId } }' });
    await fetch(`${h.emulator.url}/__emulator/faults`, { method: 'DELETE' });
    expect(failed.body.errors?.length).toBeGreaterThan(0);

    const res = await fetch(`${origin}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(
      series(text, 'gateway_graphql_request_duration_seconds_count', { operation: 'OpsCards', type: 'query' }),
    ).toBe(1);
    expect(series(text, 'gateway_graphql_errors_total', { operation: 'OpsProducts' })).toBeGreaterThan(0);
    expect(
      series(text, 'gateway_upstream_requests_total', { route: 'GET /v1/issuing/cards/{id}', status: '200' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      series(text, 'gateway_upstream_request_duration_seconds_count', { route: 'GET /v1/issuing/cards' }),
    ).toBeGreaterThan(0);
    expect(series(text, 'gateway_upstream_retries_total')).toBeGreaterThan(0);
    expect(series(text, 'gateway_upstream_token_refreshes_total')).toBeGreaterThan(0);
    expect(series(text, 'gateway_loader_batch_size_sum', { loader: 'card' })).toBeGreaterThanOrEqual(2);
  });
});

describe('graceful shutdown', () => {
  it('finishes the request in flight, then refuses new connections', async () => {
    const h = await startHarness();
    try {
      await post(h.gateway.url, { query: '{ cards(first: 1) { totalCount } }' }); // token and pools warm
      await fetch(`${h.emulator.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: 400 }),
      });
      const inFlight = post(h.gateway.url, { query: '{ cards(first: 1) { totalCount } }' });
      await new Promise((r) => setTimeout(r, 100));
      const closing = h.gateway.close();
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(answered.body.data.cards.totalCount).toBeGreaterThan(0);
      await closing;
      await expect(fetch(h.gateway.url, { method: 'POST', body: '{}' })).rejects.toThrow();
    } finally {
      await h.close();
    }
  });

  it('turns /ready to 503 once draining', async () => {
    let draining = false;
    const obs = createObservability({
      logger: createLogger({ level: 'silent' }),
      ready: async () => {},
      draining: () => draining,
    });
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { a: String }' }),
      plugins: obs.plugins,
      logging: false,
    });
    expect((await yoga.fetch('http://gw/ready')).status).toBe(200);
    draining = true;
    const r = await yoga.fetch('http://gw/ready');
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({ status: 'draining' });
  });
});
