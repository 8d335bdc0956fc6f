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
  /** The upstream exchanges by label set, behind `upstreamCalls` (see UpstreamTally). */
  upstreamTally: UpstreamTally;
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
  const upstreamTally = new UpstreamTally();
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
      // Counted in the tally on the hot path; added here whenever the counter is read (scrape, get()).
      collect() {
        upstreamTally.flush(this);
      },
    }),
    upstreamTally,
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

type CallLabels = Record<'route' | 'method' | 'status', string>;
interface TallyEntry {
  /** Made once per label set and reused for every observation. */
  readonly labels: CallLabels;
  /** Exchanges not yet added to the counter. */
  pending: number;
}

/**
 * Every UQPAY exchange is counted (gateway_upstream_requests_total) and timed (…_request_duration_seconds). The
 * count is kept here, per label set, as a plain number, and added to the Prometheus counter when the counter is
 * read: prom-client's inc() validates and hashes its labels object on every call. The label set's object is made
 * once and handed to the histogram too.
 */
export class UpstreamTally {
  private readonly byRoute = new Map<string, Map<string, Map<number | string, TallyEntry>>>();

  /** The entry of one label set (route → method → status, no key string built per call). */
  entry(route: string, method: string, status: number | string): TallyEntry {
    let byMethod = this.byRoute.get(route);
    if (!byMethod) this.byRoute.set(route, (byMethod = new Map<string, Map<number | string, TallyEntry>>()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map<number | string, TallyEntry>()));
    let e = byStatus.get(status);
    if (!e) byStatus.set(status, (e = { labels: { route, method, status: String(status) }, pending: 0 }));
    return e;
  }

  /** Adds the pending counts to `counter`. */
  flush(counter: Counter<'route' | 'method' | 'status'>): void {
    for (const byMethod of this.byRoute.values())
      for (const byStatus of byMethod.values())
        for (const e of byStatus.values()) {
          if (e.pending === 0) continue;
          counter.inc(e.labels, e.pending);
          e.pending = 0;
        }
  }
}

export function upstreamObserver(m: GatewayMetrics): UpstreamObserver {
  return {
    onCall({ route, method, status, durationMs }) {
      const e = m.upstreamTally.entry(route, method, status);
      e.pending++;
      m.upstreamDuration.observe(e.labels, durationMs / 1000);
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
