// Prometheus metrics. One registry per gateway (tests run several gateways in one process), fed by the GraphQL
// plugin, the datasource's observer hook and the loaders' batch functions.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { containsPan } from '../redact';

export interface GatewayMetrics {
  registry: Registry;
  graphqlDuration: Histogram<'operation' | 'type'>;
  graphqlErrors: Counter<'operation' | 'code'>;
  upstreamDuration: Histogram<'route' | 'method' | 'status'>;
  upstreamCalls: Counter<'route' | 'method' | 'status'>;
  upstreamRetries: Counter<'route' | 'reason'>;
  tokenRefreshes: Counter<'reason'>;
  loaderBatchSize: Histogram<'loader'>;
  /** Requests the HTTP edge answered itself (unknown path, body too large, no key), by code. */
  httpRefusals: Counter<'code'>;
  /** Connections closed on arrival because the connection cap was reached. */
  httpDroppedConnections: Counter;
  /** Open WebSocket connections (graphql-transport-ws). */
  websocketConnections: Gauge;
  /** Bounded label for an operation name: frontends choose names freely, and each becomes a time series. */
  operationLabel(name: string | null | undefined): string;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop lag): on for the real server, off for throw-away test gateways. */
  defaultMetrics?: boolean;
  maxOperationNames?: number;
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function createMetrics(opts: MetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'gateway_' });
  const registers = [registry];
  const seen = new Set<string>();
  const maxNames = opts.maxOperationNames ?? 200;
  return {
    registry,
    graphqlDuration: new Histogram({
      name: 'gateway_graphql_request_duration_seconds',
      help: 'GraphQL request duration from arrival to response, by operation name and type.',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    graphqlErrors: new Counter({
      name: 'gateway_graphql_errors_total',
      help: 'GraphQL errors returned to clients (top-level, not userErrors), by operation and error code.',
      labelNames: ['operation', 'code'],
      registers,
    }),
    upstreamDuration: new Histogram({
      name: 'gateway_upstream_request_duration_seconds',
      help: 'UQPAY call duration per attempt, by route template, method and HTTP status (or network_error).',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    upstreamCalls: new Counter({
      name: 'gateway_upstream_requests_total',
      help: 'UQPAY calls (each attempt), by route template, method and HTTP status (or network_error).',
      labelNames: ['route', 'method', 'status'],
      registers,
    }),
    upstreamRetries: new Counter({
      name: 'gateway_upstream_retries_total',
      help: 'UQPAY calls retried, by route template and reason.',
      labelNames: ['route', 'reason'],
      registers,
    }),
    tokenRefreshes: new Counter({
      name: 'gateway_upstream_token_refreshes_total',
      help: 'UQPAY access tokens obtained, by reason (first use, expiry, rejected by UQPAY).',
      labelNames: ['reason'],
      registers,
    }),
    loaderBatchSize: new Histogram({
      name: 'gateway_loader_batch_size',
      help: 'Keys per DataLoader batch, by loader.',
      labelNames: ['loader'],
      buckets: [1, 2, 5, 10, 20, 50, 100],
      registers,
    }),
    httpRefusals: new Counter({
      name: 'gateway_http_refusals_total',
      help: 'Requests refused by the HTTP edge before GraphQL handling, by code (NOT_FOUND, UNAUTHENTICATED, …).',
      labelNames: ['code'],
      registers,
    }),
    httpDroppedConnections: new Counter({
      name: 'gateway_http_connections_dropped_total',
      help: 'Connections closed on arrival because GATEWAY_MAX_CONNECTIONS were open.',
      registers,
    }),
    websocketConnections: new Gauge({
      name: 'gateway_websocket_connections',
      help: 'Open WebSocket connections (graphql-transport-ws on /graphql), acknowledged or not.',
      registers,
    }),
    operationLabel(name) {
      if (!name) return 'anonymous';
      if (seen.has(name)) return name;
      // A name may hold a card number (`Q4096…`): never a label.
      if (!OPERATION_NAME.test(name) || containsPan(name)) return 'invalid';
      if (seen.size >= maxNames) return 'other';
      seen.add(name);
      return name;
    },
  };
}

/** Structurally the datasource's `UqpayObserver` (createUqpayClient's `observer` option). */
export interface UpstreamObserver {
  onCall?(e: { route: string; method: string; status: number | string; durationMs: number; attempt: number }): void;
  onRetry?(e: { route: string; reason: string; attempt: number; delayMs: number }): void;
  onTokenRefresh?(e: { reason: string }): void;
}

export function upstreamObserver(m: GatewayMetrics): UpstreamObserver {
  return {
    onCall({ route, method, status, durationMs }) {
      const labels = { route, method, status: String(status) };
      m.upstreamCalls.inc(labels);
      m.upstreamDuration.observe(labels, durationMs / 1000);
    },
    onRetry({ route, reason }) {
      m.upstreamRetries.inc({ route, reason });
    },
    onTokenRefresh({ reason }) {
      m.tokenRefreshes.inc({ reason });
    },
  };
}

/** The loaders' batch hook: each batch's size, by loader name. */
export function batchObserver(m: GatewayMetrics): (loader: string, size: number) => void {
  return (loader, size) => m.loaderBatchSize.observe({ loader }, size);
}
