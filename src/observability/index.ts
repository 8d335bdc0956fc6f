// What operators see: request ids, metrics, one log line per request, /health, /ready, /metrics, and (when
// configured) traces.
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger';
import { useOperatorEndpoints } from './endpoints';
import { useObservability, type OperationTracker } from './graphql';
import { batchObserver, createMetrics, upstreamObserver, type GatewayMetrics, type UpstreamObserver } from './metrics';
import { useRequestId } from './request-id';
import type { Tracing } from './tracing';

export { createMetrics, type GatewayMetrics } from './metrics';
export type { OperationTracker } from './graphql';
export { requestIdOf } from './request-id';
export { upstreamEconomyMetrics } from './upstream-economy';
export { yogaLogging } from './yoga-log';
export { startTracing, type Tracing, type TracingOptions } from './tracing';

export interface Observability {
  metrics: GatewayMetrics;
  /** Pass as createUqpayClient's `observer`. */
  upstream: UpstreamObserver;
  /** The loaders' batch hook. */
  onBatch: (loader: string, size: number) => void;
  /** Times and logs operations that arrive without an HTTP request of their own (WebSocket messages). */
  operations: OperationTracker;
  /** Mount first: they time and log every request, refusals included. */
  plugins: Plugin[];
  /** Those of `plugins` whose onRequest every GraphQL request needs (the id, the clock), for the edge's direct path. */
  arrivals: Plugin[];
}

export interface ObservabilityOptions {
  logger: Logger;
  ready: () => Promise<void>;
  draining?: () => boolean;
  defaultMetrics?: boolean;
  /** Distributed tracing, when configured: its plugin opens each GraphQL request's span. */
  tracing?: Tracing;
}

export function createObservability(opts: ObservabilityOptions): Observability {
  const metrics = createMetrics({ defaultMetrics: opts.defaultMetrics });
  const requests = useObservability({ metrics, logger: opts.logger });
  const requestId = useRequestId();
  return {
    metrics,
    upstream: upstreamObserver(metrics),
    onBatch: batchObserver(metrics),
    operations: requests.tracker,
    plugins: [
      requestId,
      ...(opts.tracing ? [opts.tracing.plugin] : []),
      requests,
      useOperatorEndpoints({ metrics, ready: opts.ready, draining: opts.draining }),
    ],
    arrivals: [requestId, requests],
  };
}
