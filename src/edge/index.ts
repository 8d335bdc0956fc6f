// The HTTP edge: everything between a socket and yoga's GraphQL handling. The node:http server and its bounds,
// one request listener in front of yoga (routing on the normalised path, bounded bodies, authentication before
// a body is read, security headers), and the yoga-level pieces that face browsers and clients (GraphiQL, CORS,
// CSRF prevention, error redaction). server.ts composes them.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Plugin } from 'graphql-yoga';
import { limitsOf, type GatewayConfig, type GatewayHttpConfig } from '../config';
import type { Logger } from '../logger';
import type { GatewayMetrics } from '../observability';
import { redactText } from '../redact';
import { useBatchLimit } from './batching';
import { corsOptions, useCsrfPrevention } from './browser';
import { useCompression } from './compression';
import { useGraphiQLPage } from './graphiql';
import type { DirectHandler } from './direct';
import { createEdgeHandler, type EdgeRoute } from './handler';
import { useRedactedErrors } from './redacted-errors';
import { createBoundedServer, DEFAULT_HTTP, openFileLimit } from './server';
import { useStreamResponses } from './streams';

export { CSRF_HEADERS, corsOptions, useCsrfPrevention } from './browser';
export { negotiateEncoding } from './compression';
export { DEFAULT_QUERY } from './graphiql';
export { SECURITY_HEADERS } from './headers';
export { normaliseTarget } from './target';
export { useRedactedErrors } from './redacted-errors';
export { DEFAULT_HTTP } from './server';
export { createDirectPath, type DirectPath } from './direct';
export { createGraphQLWebSockets, type GraphQLWebSockets, type GraphQLWebSocketOptions } from './websocket';

/** Operations in one batched request unless GATEWAY_MAX_BATCH_SIZE says otherwise. */
export const DEFAULT_MAX_BATCH_SIZE = 10;

/** The configured HTTP settings; a hand-built config without them gets the defaults. */
export function httpOf(config: Pick<GatewayConfig, 'http'>): GatewayHttpConfig {
  return config.http ?? { ...DEFAULT_HTTP, corsOrigins: [] };
}

/** Responses from this size up are compressed unless GATEWAY_COMPRESSION is off. */
export const DEFAULT_COMPRESS_MIN_BYTES = 1_024;

/**
 * Yoga's options for browsers and clients: `cors`, batching, and the plugins for browsers (GraphiQL's page, served
 * here instead of by yoga: rendered and compressed once), error output, streamed answers, batches and response
 * compression (mount them after the observability ones, before the access ones).
 */
export function edgeYoga(
  config: Pick<GatewayConfig, 'http' | 'limits'>,
  graphqlPath: string,
): {
  cors: ReturnType<typeof corsOptions>;
  graphiql: false;
  batching: { limit: number };
  plugins: Plugin[];
} {
  const minBytes = httpOf(config).compressMinBytes ?? DEFAULT_COMPRESS_MIN_BYTES;
  const maxBatchSize = limitsOf(config).maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  return {
    cors: corsOptions(httpOf(config).corsOrigins),
    graphiql: false,
    batching: { limit: maxBatchSize },
    plugins: [
      useGraphiQLPage({ path: graphqlPath, compress: minBytes !== false }),
      useCsrfPrevention(),
      useRedactedErrors(),
      useStreamResponses({ heartbeatMs: httpOf(config).streamHeartbeatMs }),
      useBatchLimit(maxBatchSize),
      ...(minBytes === false ? [] : [useCompression({ minBytes })]),
    ],
  };
}

export interface EdgeServerOptions {
  http: GatewayHttpConfig;
  graphql: { path: string; maxBodyBytes: number };
  webhook: { path: string; maxBodyBytes: number };
  /** GET-only endpoints beside GraphQL (/health, /ready, /metrics): no body. */
  operatorPaths: readonly string[];
  checkHeaders?: (authorization: string | undefined, onBehalfOf: string | undefined) => void;
  next: (req: IncomingMessage, res: ServerResponse) => unknown;
  /** yoga for a JSON POST to GraphQL once its body is read (./direct.ts); absent = every request goes to `next`. */
  direct?: DirectHandler;
  /** Upgrade requests (WebSockets); without it they are answered as ordinary requests. */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  logger: Logger;
  metrics?: GatewayMetrics;
}

const DROP_LOG_EVERY_MS = 10_000;
const WEBHOOK_TOO_LARGE = JSON.stringify({ error: 'payload_too_large' });

export function createEdgeServer(opts: EdgeServerOptions): Server {
  const routes = new Map<string, EdgeRoute>([
    [opts.graphql.path, { kind: 'graphql', maxBodyBytes: opts.graphql.maxBodyBytes }],
    // Answered in the receiver's own shape.
    [opts.webhook.path, { kind: 'webhook', maxBodyBytes: opts.webhook.maxBodyBytes, tooLargeBody: WEBHOOK_TOO_LARGE }],
    ...opts.operatorPaths.map((p): [string, EdgeRoute] => [p, { kind: 'operator', maxBodyBytes: 0 }]),
  ]);
  const { logger, metrics } = opts;
  const handler = createEdgeHandler({
    routes,
    checkHeaders: opts.checkHeaders,
    next: opts.next,
    direct: opts.direct,
    onRefusal(e) {
      metrics?.httpRefusals.inc({ code: e.code });
      // The same line shape as yoga's requests; the path is the client's, so scrubbed and cut short.
      logger.info(
        { method: e.method, path: redactText(e.path).slice(0, 200), status: e.status, errors: [e.code] },
        'request',
      );
    },
  });

  const files = openFileLimit();
  if (files !== undefined && opts.http.maxConnections > files - 256) {
    logger.warn(
      { maxConnections: opts.http.maxConnections, openFileLimit: files },
      'GATEWAY_MAX_CONNECTIONS is close to or above the open-file limit (ulimit -n): lower it or raise the limit',
    );
  }
  let dropped = 0;
  let lastLog = 0;
  const server = createBoundedServer(handler, opts.http, () => {
    metrics?.httpDroppedConnections.inc();
    dropped++;
    const now = Date.now();
    if (now - lastLog >= DROP_LOG_EVERY_MS) {
      logger.warn(
        { dropped, maxConnections: opts.http.maxConnections },
        'connection cap reached: new connections closed',
      );
      lastLog = now;
      dropped = 0;
    }
  });
  // A separate event: plain requests never pass here, so WebSockets add nothing to their cost.
  if (opts.upgrade) server.on('upgrade', opts.upgrade);
  return server;
}
