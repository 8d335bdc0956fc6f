// Metrics of the upstream economy, registered in the gateway's registry beside the others: the budget (limit,
// calls granted, tokens left, queue depth, wait, refusals), coalesced calls, read-cache results.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Structurally the datasource's `EconomyObserver` (createUpstreamEconomy's `observer` option). */
export interface UpstreamEconomyObserver {
  onLimit?(bucket: string, perMinute: number): void;
  onGrant?(bucket: string, waitedMs: number): void;
  onQueueDepth?(bucket: string, depth: number): void;
  onReject?(bucket: string, reason: string): void;
  onAvailable?(bucket: string, tokens: number): void;
  onCoalesced?(route: string): void;
  onCache?(route: string, result: string): void;
}

export function upstreamEconomyMetrics(registry: Registry): UpstreamEconomyObserver {
  const registers = [registry];
  const limit = new Gauge({
    name: 'gateway_upstream_budget_limit_per_minute',
    help: 'UQPAY calls allowed per minute across all replicas, by bucket (api, token).',
    labelNames: ['bucket'],
    registers,
  });
  const granted = new Counter({
    name: 'gateway_upstream_budget_granted_total',
    help: 'UQPAY exchanges this replica took from the budget (budget used), by bucket.',
    labelNames: ['bucket'],
    registers,
  });
  const available = new Gauge({
    name: 'gateway_upstream_budget_available_tokens',
    help: 'Calls left in the shared bucket at the last look, by bucket.',
    labelNames: ['bucket'],
    registers,
  });
  const depth = new Gauge({
    name: 'gateway_upstream_budget_queue_depth',
    help: 'UQPAY calls waiting for budget on this replica, by bucket.',
    labelNames: ['bucket'],
    registers,
  });
  const wait = new Histogram({
    name: 'gateway_upstream_budget_wait_seconds',
    help: 'Time UQPAY calls waited for budget, by bucket.',
    labelNames: ['bucket'],
    buckets: [0, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const rejected = new Counter({
    name: 'gateway_upstream_budget_rejected_total',
    help: 'Calls refused with UPSTREAM_BUDGET_EXHAUSTED, by bucket and reason (queue_full, deadline).',
    labelNames: ['bucket', 'reason'],
    registers,
  });
  const coalesced = new Counter({
    name: 'gateway_upstream_coalesced_total',
    help: 'UQPAY GETs served by an identical call already in flight (upstream calls saved), by route.',
    labelNames: ['route'],
    registers,
  });
  const cache = new Counter({
    name: 'gateway_upstream_cache_total',
    help: 'Read-cache lookups by route and result (hit, miss, error).',
    labelNames: ['route', 'result'],
    registers,
  });
  return {
    onLimit: (bucket, perMinute) => limit.set({ bucket }, perMinute),
    onGrant(bucket, waitedMs) {
      granted.inc({ bucket });
      wait.observe({ bucket }, waitedMs / 1000);
    },
    onQueueDepth: (bucket, n) => depth.set({ bucket }, n),
    onReject: (bucket, reason) => rejected.inc({ bucket, reason }),
    onAvailable: (bucket, tokens) => available.set({ bucket }, tokens),
    onCoalesced: (route) => coalesced.inc({ route }),
    onCache: (route, result) => cache.inc({ route, result }),
  };
}
