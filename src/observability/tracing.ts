// Distributed tracing: W3C trace context in (`traceparent`, `tracestate`), a span per GraphQL request and per UQPAY
// call and attempt, `traceparent` sent to UQPAY, spans exported over OTLP/HTTP. This file is all the rest of the
// gateway sees of it. The OpenTelemetry SDK lives in ./otel.ts and is imported only when an OTLP endpoint is
// configured: an untraced process loads none of it, mounts no plugin and no middleware, so its requests and
// upstream calls pay nothing for tracing (one `undefined` check per upstream exchange).
import type { Plugin } from 'graphql-yoga';
import type { TracingConfig } from '../config';
import type { AttemptMiddleware, CallMiddleware } from '../datasources/uqpay';
import type { Logger } from '../logger';

export interface Tracing {
  /** Yoga plugin: one server span per GraphQL request, a child of the caller's `traceparent` when it sent one. */
  plugin: Plugin;
  /** Mount as the OUTERMOST call middleware: a span per logical UQPAY call, coalesced and cached ones included. */
  callMiddleware: CallMiddleware;
  /** Mount as the OUTERMOST attempt middleware: a span per HTTP exchange, its `traceparent` sent to UQPAY. */
  attemptMiddleware: AttemptMiddleware;
  /** The logger whose lines carry the active span's `trace_id` and `span_id`. */
  logger(logger: Logger): Logger;
  /** Exports the spans ended so far. */
  forceFlush(): Promise<void>;
  /** Exports what is left and stops. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Where the SDK's own warnings (an unreachable collector) go. */
  logger: Logger;
  /** The GraphQL endpoint's path: only its requests get a span (not /health, /metrics or webhooks). */
  graphqlPath: string;
  /** UQPAY's base URL: `server.address`, `server.port` and the path prefix of `url.template`. */
  upstreamBaseUrl: string;
}

/** Loads the OpenTelemetry SDK (a dynamic import: only now) and starts exporting to `config.tracesUrl`. */
export async function startTracing(config: TracingConfig, opts: TracingOptions): Promise<Tracing> {
  const { createTracing } = await import('./otel');
  return createTracing(config, opts);
}
