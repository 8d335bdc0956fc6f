import { describe, expect, it } from 'vitest';
import { batchObserver, createMetrics, upstreamObserver } from '../../src/observability/metrics';
import { createManifest, extractDocumentId } from '../../src/access/persisted';

describe('metrics', () => {
  it('bounds operation-name labels', () => {
    const m = createMetrics({ maxOperationNames: 2 });
    expect(m.operationLabel(undefined)).toBe('anonymous');
    expect(m.operationLabel('a b')).toBe('invalid');
    expect(m.operationLabel('One')).toBe('One');
    expect(m.operationLabel('Two')).toBe('Two');
    expect(m.operationLabel('Three')).toBe('other');
    expect(m.operationLabel('One')).toBe('One');
  });

  it('records the datasource observer and loader batches', async () => {
    const m = createMetrics();
    const o = upstreamObserver(m);
    o.onCall?.({ route: 'GET /v1/issuing/cards/{id}', method: 'GET', status: 200, durationMs: 12, attempt: 1 });
    o.onCall?.({
      route: 'GET /v1/issuing/cards/{id}',
      method: 'GET',
      status: 'network_error',
      durationMs: 3,
      attempt: 2,
    });
    o.onRetry?.({ route: 'GET /v1/issuing/cards/{id}', reason: 'server_error', attempt: 1, delayMs: 50 });
    o.onTokenRefresh?.({ reason: 'initial' });
    batchObserver(m)('card', 7);
    const text = await m.registry.metrics();
    expect(text).toContain(
      'gateway_upstream_requests_total{route="GET /v1/issuing/cards/{id}",method="GET",status="network_error"} 1',
    );
    expect(text).toContain(
      'gateway_upstream_retries_total{route="GET /v1/issuing/cards/{id}",reason="server_error"} 1',
    );
    expect(text).toContain('gateway_upstream_token_refreshes_total{reason="initial"} 1');
    expect(text).toContain('gateway_loader_batch_size_sum{loader="card"} 7');
  });
});

describe('persisted document ids', () => {
  const hex = 'ab'.repeat(32);
  it('reads both forms, case-insensitively', () => {
    expect(extractDocumentId({ documentId: `sha256:${hex.toUpperCase()}` } as never)).toBe(hex);
    expect(extractDocumentId({ extensions: { persistedQuery: { version: 1, sha256Hash: hex } } } as never)).toBe(hex);
    expect(extractDocumentId({ query: '{ a }' } as never)).toBeNull();
  });
  it('loads manifests with or without the sha256: prefix and refuses junk ids', () => {
    const m = createManifest({ [`sha256:${hex}`]: '{ a }', ['cd'.repeat(32)]: '{ b }' });
    expect(m.get(hex)).toBe('{ a }');
    expect(m.get('cd'.repeat(32))).toBe('{ b }');
    expect(() => createManifest({ nope: '{ a }' })).toThrow(/not a sha256 id/);
  });
});
