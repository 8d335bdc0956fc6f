// The gateway: a graphql-yoga instance over the Pothos schema, composed from the pieces each area builds from
// the config (observability, the edge, access, execution, the UQPAY client and its economy, webhooks and the
// event log), behind the HTTP edge. This file only wires them: behaviour lives in the areas.
import type { Server } from 'node:http';
import type { DocumentNode, GraphQLError } from 'graphql';
import type { AddressInfo } from 'node:net';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { DEFAULT_REDIS_KEY_PREFIX, limitsOf, type GatewayConfig } from './config';
import { createContextFactory, type GatewayContext } from './context';
import { createUpstreamEconomy, createUqpayClient, type UqpayClient } from './datasources/uqpay';
import { maskError } from './errors/mask';
import {
  GenerationalCache,
  useDeferStream,
  useJit,
  useRequestTimeout,
  useValidationCache,
  useVariableCoercion,
} from './execution';
import { createLogger, type Logger } from './logger';
import { createAccess, EXPLORER, type Access } from './access';
import { createDirectPath, createEdgeServer, createGraphQLWebSockets, edgeYoga, httpOf, type DirectPath } from './edge';
import {
  createObservability,
  startTracing,
  upstreamEconomyMetrics,
  yogaLogging,
  type Observability,
  type Tracing,
} from './observability';
import { createShutdown } from './shutdown';
import { buildSchema } from './schema';
import { createGatewayEvents, WEBHOOK_PATH, type GatewayEvents } from './webhooks';
import { createRedis } from './redis';
import { redactText } from './redact';

export interface GatewayDeps {
  logger?: Logger;
  /** An existing UQPAY client (tests, or a shared one); otherwise one is created from config.uqpay. */
  client?: UqpayClient;
  /** Extra yoga plugins, mounted before the GraphQL ones in the order given. */
  plugins?: Plugin[];
  /** Webhook receiver + event log (tests pass one with their own Redis prefix); otherwise built from config. */
  events?: GatewayEvents;
  /**
   * Tracing (startGateway loads it when config.tracing is set: the SDK is imported asynchronously). The gateway
   * shuts it down on close.
   */
  tracing?: Tracing;
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  client: UqpayClient;
  logger: Logger;
  /** Keys, persisted documents and limits. */
  access: Access;
  /** Metrics registry and upstream observer. */
  observability: Observability;
  /** `POST /webhooks/uqpay` and the event log behind subscriptions and the `events` query. */
  events: GatewayEvents;
  /**
   * JSON POSTs the edge read whole, handed to yoga without the fetch adapter's node → fetch conversion. Absent
   * with tracing: its spans follow the adapter's handling of each request.
   */
  direct?: DirectPath;
  /** From now on /ready answers 503 (shutdown began). */
  markDraining(): void;
  close(): Promise<void>;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  yoga: Gateway['yoga'];
  server: Server;
  close(): Promise<void>;
}

export const GRAPHQL_PATH = '/graphql';
/** Served beside GraphQL by the observability plugins (GET only). */
const OPERATOR_PATHS = ['/health', '/ready', '/metrics'] as const;

const defaultLogger = (config: GatewayConfig): Logger =>
  createLogger({ level: config.logLevel, secrets: [config.uqpay.apiKey, config.webhookSecret ?? ''] });

export function createGateway(config: GatewayConfig, deps: GatewayDeps = {}): Gateway {
  const { tracing } = deps;
  const baseLogger = deps.logger ?? defaultLogger(config);
  // With tracing, every line logged while a span is active carries its trace and span ids.
  const logger = tracing ? tracing.logger(baseLogger) : baseLogger;
  const ownClient = !deps.client;
  let draining = false;
  // `client` is assigned below; /ready only calls it per request.
  const observability = createObservability({
    logger,
    ready: async () => {
      const saturated = economy?.saturation();
      if (saturated) throw new Error(saturated);
      await client.ready();
    },
    draining: () => draining,
    defaultMetrics: config.env !== 'test',
    tracing,
  });
  const redis = config.redisUrl ? createRedis(config.redisUrl, logger) : undefined;
  const access = createAccess(config, { logger, redis });
  // The upstream economy: shared call budget (with each client's share), in-flight coalescing, optional read cache.
  const economy = ownClient
    ? createUpstreamEconomy({
        config: config.uqpay,
        redis,
        logger,
        observer: upstreamEconomyMetrics(observability.metrics.registry),
        // Each API client gets its share of the budget; open explorer mode is one client with all of it.
        clients: access.keyring?.clients.map((c) => ({ name: c.name, sharePerMin: c.upstreamSharePerMin })) ?? [
          EXPLORER,
        ],
      })
    : undefined;
  const client =
    deps.client ??
    createUqpayClient({
      config: config.uqpay,
      logger,
      // Replicas share one UQPAY token (60 token calls/min, and a new token may invalidate older ones).
      redis,
      redisKeyPrefix: `${config.uqpay.redisKeyPrefix ?? DEFAULT_REDIS_KEY_PREFIX}token:`,
      observer: observability.upstream,
      // Tracing outermost: a call's span covers coalescing and the cache, an attempt's span the budget's wait.
      callMiddleware: tracing ? [tracing.callMiddleware, ...(economy?.callMiddleware ?? [])] : economy?.callMiddleware,
      attemptMiddleware: tracing
        ? [tracing.attemptMiddleware, ...(economy?.attemptMiddleware ?? [])]
        : economy?.attemptMiddleware,
    });
  const events =
    deps.events ??
    createGatewayEvents({
      webhookSecret: config.webhookSecret,
      redisUrl: config.redisUrl,
      redis,
      retention: config.eventRetention,
      logger,
    });
  if (economy) events.receiver.beforePublish((event) => economy.onWebhookEvent(event));
  const edge = edgeYoga(config, GRAPHQL_PATH);
  const timeout = useRequestTimeout(limitsOf(config).requestTimeoutMs);
  // JSON POSTs skip the hooks such a request already decides (src/edge/direct.ts): a plugin whose onRequest must
  // see every GraphQL request belongs in `arrivals`. Plugins passed in (tests) may hook anything; tracing's spans
  // follow whatwg-node's handling.
  const direct =
    tracing || deps.plugins?.length ? undefined : createDirectPath(logger, [...observability.arrivals, timeout]);
  const context = createContextFactory({
    api: client.api,
    logger,
    loaderConcurrency: config.uqpay.loaderConcurrency,
    eventLog: events.log,
    onBatch: observability.onBatch,
    idempotency: access.idempotency,
  });

  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema: buildSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    context: ({ request }) => context({ request }),
    graphiql: edge.graphiql,
    landingPage: false,
    maskedErrors: { maskError: maskError(logger) },
    logging: yogaLogging(logger),
    // Off: yoga's limiter pipes every body through a TransformStream (~8% of a request's CPU). The HTTP edge in
    // front of yoga (startGateway) bounds every body instead; an access plugin checks content-length in-process.
    maxRequestBodySize: false,
    // Parsed documents (and parse errors) in two-generation caches instead of yoga's TTL'd LRU; validation results
    // in the gateway's cache (rule sets known by identity, not by joining every rule's name on every request),
    // mounted after every plugin that adds a rule.
    parserAndValidationCache: {
      documentCache: new GenerationalCache<DocumentNode>(),
      errorCache: new GenerationalCache<unknown>(),
      validationCache: false,
    },
    // A JSON array of operations (Apollo's BatchHttpLink), each run on its own; the edge bounds the batch.
    batching: edge.batching,
    // Cross-origin reads only for GATEWAY_CORS_ORIGINS (yoga's default reflects any Origin with credentials).
    cors: edge.cors,
    // Observability first (times and logs refusals too), then CSRF prevention and error redaction, then keys,
    // persisted documents and limits, then the request timeout. The webhook route answers before access: UQPAY
    // authenticates by signature, not by API key (the events plugins also write SSE events with their cursor).
    // graphql-jit first: later plugins (the request timeout) wrap the execute function it installs. @defer and
    // @stream: yoga's plugin adds the directives (and their validation); such operations run on graphql-js's
    // executor (useJit leaves them alone).
    plugins: [
      useDeferStream(),
      useJit(),
      ...observability.plugins,
      ...edge.plugins,
      ...events.plugins,
      // Variables of the wrong type are refused before the access plugins' execution hooks (the upstream-call
      // estimate reads them) and before either executor coerces them its own way.
      useVariableCoercion(),
      ...access.plugins,
      timeout,
      ...(deps.plugins ?? []),
      // After every plugin that may add a validation rule: its key is the whole rule set.
      useValidationCache(),
      ...(direct ? [direct.plugin] : []),
    ],
  });

  return {
    yoga,
    client,
    logger,
    access,
    observability,
    events,
    direct,
    markDraining() {
      draining = true;
    },
    async close() {
      await yoga.dispose?.();
      if (!deps.events) await events.close();
      if (ownClient) await client.close();
      await economy?.close();
      await redis?.quit().catch(() => undefined);
      // Last: the spans of the final requests are exported.
      await tracing?.shutdown().catch((err: unknown) => logger.warn({ err }, 'tracing shutdown failed'));
    },
  };
}

export async function startGateway(config: GatewayConfig, deps: GatewayDeps = {}): Promise<RunningGateway> {
  if (config.tracing && !deps.tracing) {
    const logger = deps.logger ?? defaultLogger(config);
    const tracing = await startTracing(config.tracing, {
      logger,
      graphqlPath: GRAPHQL_PATH,
      upstreamBaseUrl: config.uqpay.baseUrl,
    });
    deps = { ...deps, logger, tracing };
  }
  const gateway = createGateway(config, deps);
  // GraphQL over WebSocket (graphql-transport-ws): each operation through yoga's per-operation pipeline, with the
  // connection's key and acting account, the same limits and the same per-client allowance as SSE.
  const { access, observability, logger } = gateway;
  const mask = maskError(logger);
  const websockets = createGraphQLWebSockets({
    path: GRAPHQL_PATH,
    http: httpOf(config),
    maxPayloadBytes: access.maxRequestBodySize,
    identify: (authorization, onBehalfOf) => access.identify(authorization, onBehalfOf),
    allowance: (caller) => access.subscriptions.maxFor(caller),
    // The node adapter's server context is `{ req, res }`; a WebSocket operation has the upgrade request only.
    execute: async (params, request, serverContext) =>
      (await gateway.yoga.getResultForParams({ params, request }, serverContext as never)) ?? { data: null },
    mask: (err) => mask(err, 'Unexpected error.') as GraphQLError,
    tracker: observability.operations,
    metrics: observability.metrics,
    logger,
    onRefusal(e) {
      observability.metrics.httpRefusals.inc({ code: e.code });
      logger.info(
        { transport: 'websocket', path: redactText(e.path).slice(0, 200), status: e.status, errors: [e.code] },
        'request',
      );
    },
  });
  // Every request passes the HTTP edge first: normalised routing, bounded bodies, keys checked before a body is
  // read, connection bounds. Only then yoga.
  const server = createEdgeServer({
    http: httpOf(config),
    graphql: { path: GRAPHQL_PATH, maxBodyBytes: gateway.access.maxRequestBodySize },
    webhook: { path: WEBHOOK_PATH, maxBodyBytes: gateway.events.receiver.maxBodyBytes },
    operatorPaths: OPERATOR_PATHS,
    checkHeaders: gateway.access.checkHeaders,
    next: (req, res) => gateway.yoga.requestListener(req, res),
    direct: gateway.direct?.handler(),
    upgrade: (req, socket, head) => websockets.handleUpgrade(req, socket, head),
    logger: gateway.logger,
    metrics: gateway.observability.metrics,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const shutdown = createShutdown({
    server,
    logger: gateway.logger,
    graceMs: config.shutdownGraceMs ?? 10_000,
    closeStreams: () => websockets.close(),
    closers: [{ name: 'gateway', close: () => gateway.close() }],
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    yoga: gateway.yoga,
    server,
    // Graceful: stop accepting, drain in-flight requests (up to the grace period), then close pools and Redis.
    close() {
      gateway.markDraining();
      return shutdown.shutdown('close');
    },
  };
}
