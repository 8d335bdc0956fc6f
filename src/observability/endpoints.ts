// Operator endpoints served beside /graphql: /health (the process answers), /ready (a UQPAY token can be
// obtained and we are not draining), /metrics (Prometheus text format).
import type { Plugin } from 'graphql-yoga';
import { redactText } from '../redact';
import type { GatewayMetrics } from './metrics';

export interface OperatorEndpointsOptions {
  metrics: GatewayMetrics;
  /** Resolves when the gateway can serve: the datasource's `client.ready()` (obtains a token). */
  ready(): Promise<void>;
  /** True once shutdown began: /ready turns 503 so load balancers stop sending traffic. */
  draining?(): boolean;
  readyTimeoutMs?: number;
}

type FetchResponse = typeof Response;

const json = (R: FetchResponse, body: unknown, status: number): Response =>
  new R(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

async function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function useOperatorEndpoints(opts: OperatorEndpointsOptions): Plugin {
  const readyTimeoutMs = opts.readyTimeoutMs ?? 5_000;
  return {
    onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      const endResponse = (response: Response) => payload.endResponse(response);
      const R = fetchAPI.Response;
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      switch (url.pathname) {
        case '/health':
          endResponse(json(R, { status: 'ok' }, 200));
          return;
        case '/ready':
          if (opts.draining?.()) {
            endResponse(json(R, { status: 'draining' }, 503));
            return;
          }
          return withTimeout(opts.ready(), readyTimeoutMs).then(
            () => endResponse(json(R, { status: 'ready' }, 200)),
            // The reason helps operators; scrub it anyway, upstream messages can echo anything.
            (err: unknown) =>
              endResponse(
                json(R, { status: 'unavailable', reason: redactText(String((err as Error)?.message ?? err)) }, 503),
              ),
          );
        case '/metrics':
          return opts.metrics.registry
            .metrics()
            .then((text) =>
              endResponse(new R(text, { status: 200, headers: { 'content-type': opts.metrics.registry.contentType } })),
            );
      }
    },
  };
}
