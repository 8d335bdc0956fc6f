// The server itself: GraphiQL's default query works under the default limits, and unexpected upstream
// failures come back masked with a stable code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../../src/edge';
import { startHarness, type Harness } from '../harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('server', () => {
  it('serves GraphiQL and its default query runs cleanly', async () => {
    const page = await fetch(h.gateway.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('GraphiQL');
    const r = await h.gql(DEFAULT_QUERY);
    expect(r.errors).toBeUndefined();
    expect(r.data.cardholders.edges.length).toBeGreaterThan(0);
    expect(r.data.account.balances.length).toBeGreaterThan(0);
  });

  it('an unreachable upstream is a masked UPSTREAM_UNAVAILABLE error, not a leak', async () => {
    const down = await startHarness({
      env: { UQPAY_BASE_URL: 'http://127.0.0.1:9/api', UQPAY_MAX_RETRIES: '0', UQPAY_REQUEST_DEADLINE_MS: '2000' },
    });
    try {
      const r = await down.gql(`{ cards(first: 1) { totalCount } }`);
      expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(JSON.stringify(r)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:9/);
    } finally {
      await down.close();
    }
  });
});
