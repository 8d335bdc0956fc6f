// The gateway: a graphql-yoga instance over the Pothos schema, composed from plugins. Later concerns (API
// keys, persisted documents, limits, metrics, webhooks) arrive as plugins passed in `deps.plugins`, so this
// file stays a thin composition.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kind, type ExecutionArgs, type GraphQLError } from 'graphql';
import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { DEFAULT_REDIS_KEY_PREFIX, type GatewayConfig } from './config';
import { createContextFactory, type GatewayContext } from './context';
import {
  createUqpayClient, type UqpayClient, UpstreamOutcomeUnknownError, UpstreamUnavailableError, UqpayAuthError,
  UqpayError, UpstreamBudgetExhaustedError, createUpstreamEconomy,
} from './datasources/uqpay';
import { upstreamEconomyMetrics } from './observability/upstream-economy';
import { createLogger, type Logger } from './logger';
import { createAccess, EXPLORER, type Access } from './access';
import { createEdgeServer, edgeYoga, httpOf } from './edge';
import { createObservability, type Observability } from './observability';
import { createShutdown } from './shutdown';
import { buildSchema } from './schema';
import { createGatewayEvents, WEBHOOK_PATH, type GatewayEvents } from './webhooks';
import { createRedis } from './redis';

export interface GatewayDeps {
  logger?: Logger;
  /** An existing UQPAY client (tests, or a shared one); otherwise one is created from config.uqpay. */
  client?: UqpayClient;
  /** Extra yoga plugins, mounted before the GraphQL ones in the order given. */
  plugins?: Plugin[];
  /** Webhook receiver + event bus (tests pass one with their own Redis prefix); otherwise built from config. */
  events?: GatewayEvents;
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  client: UqpayClient;
  logger: Logger;
  /** Keys, persisted documents and limits (issue 5). */
  access: Access;
  /** Metrics registry and upstream observer (issue 5). */
  observability: Observability;
  /** `POST /webhooks/uqpay` and the event bus behind subscriptions (issue 6). */
  events: GatewayEvents;
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

export const DEFAULT_QUERY = /* GraphQL */ `# UQPAY Card Issuing over GraphQL. Descriptions are in the Docs panel.
# Add an "x-on-behalf-of: <connected account uuid>" header to act for a connected account.
query Dashboard {
  account { accountId balances { currency available { amount currency } } }
  cardholders(first: 3) {
    totalCount
    edges {
      node {
        cardholderId firstName lastName email status
        cards(first: 5) {
          totalCount
          edges { node { cardId maskedNumber status mode availableBalance { amount currency } product { scheme } } }
        }
      }
    }
  }
}
`;

/** Unexpected failures become a short message with a stable `extensions.code`; nothing upstream leaks. */
export function maskError(logger: Logger) {
  return (error: unknown, message: string): Error => {
    // Name checks, not instanceof: test runners can load graphql twice (ESM and CJS).
    const graphqlError = isGraphQLError(error) ? error : undefined;
    const original = graphqlError ? graphqlError.originalError : error;
    if (graphqlError && (!original || isGraphQLError(original))) return graphqlError;
    const fail = (msg: string, extensions: Record<string, unknown>) =>
      createGraphQLError(msg, { nodes: graphqlError?.nodes, path: graphqlError?.path, extensions });
    if (original instanceof UpstreamBudgetExhaustedError) {
      logger.warn({ route: original.route, reason: original.reason }, 'upstream budget exhausted');
      return fail('The UQPAY call budget is exhausted; retry shortly.', { code: 'UPSTREAM_BUDGET_EXHAUSTED', retryAfterMs: original.retryAfterMs });
    }
    if (original instanceof UpstreamOutcomeUnknownError) {
      const cause = (original.cause as Error | undefined)?.message;
      logger.warn({ route: original.route, cause }, 'upstream outcome unknown');
      const retry = 'Retry with the same idempotencyKey: it is applied at most once.';
      return fail(`UQPAY may or may not have applied this change. ${retry}`, {
        code: 'UPSTREAM_OUTCOME_UNKNOWN',
        idempotencyKey: original.idempotencyKey,
      });
    }
    if (original instanceof UpstreamUnavailableError) {
      logger.warn({ route: original.route, reason: original.reason }, 'upstream unavailable');
      return fail('UQPAY is unavailable; retry shortly.', { code: 'UPSTREAM_UNAVAILABLE' });
    }
    if (original instanceof UqpayAuthError) {
      logger.error({ route: original.route, status: original.status }, 'UQPAY refused the gateway credentials');
      return fail('The gateway could not authenticate with UQPAY.', { code: 'UPSTREAM_AUTH' });
    }
    if (original instanceof UqpayError && original.type === 'account_error') {
      return fail('The acting account does not exist or is not active.', { code: 'ACCOUNT_NOT_FOUND', http: { status: 400 } });
    }
    if (original instanceof UqpayError && original.status >= 400 && original.status < 500 && original.status !== 429) {
      return fail(`UQPAY rejected the request: ${original.message}`, { code: 'UPSTREAM_REJECTED', upstreamCode: original.code });
    }
    logger.error({ err: original, path: graphqlError?.path }, 'unexpected error');
    return fail(message, { code: 'INTERNAL_SERVER_ERROR' });
  };
}

/** The operation `execute` will run is a query or mutation (graphql-jit only compiles those for us). */
function isNotSubscription(args: ExecutionArgs): boolean {
  for (const def of args.document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    if (args.operationName == null || def.name?.value === args.operationName) return def.operation !== 'subscription';
  }
  return true;
}

/**
 * graphql-jit's envelop plugin caches ONE compiled operation per document, whatever `operationName` asks for: a
 * document holding several operations would run the first-compiled one for every name (a query's name could run
 * the document's mutation). Such documents run on graphql-js instead; single-operation documents (every persisted
 * one) keep the compiled path.
 */
function hasOneOperation(args: ExecutionArgs): boolean {
  let operations = 0;
  for (const def of args.document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION && ++operations > 1) return false;
  }
  return true;
}

const jitApplies = (args: ExecutionArgs) => hasOneOperation(args) && isNotSubscription(args);

const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError';

export function createGateway(config: GatewayConfig, deps: GatewayDeps = {}): Gateway {
  const logger =
    deps.logger ?? createLogger({ level: config.logLevel, secrets: [config.uqpay.apiKey, config.webhookSecret ?? ''] });
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
  });
  const redis = config.redisUrl ? createRedis(config.redisUrl, logger) : undefined;
  const access = createAccess(config, { logger, redis });
  // The upstream economy: shared call budget (with each client's share), in-flight coalescing, optional read cache.
  const economy = ownClient
    ? createUpstreamEconomy({
      config: config.uqpay, redis, logger, observer: upstreamEconomyMetrics(observability.metrics.registry),
      // Each API client gets its share of the budget; open explorer mode is one client with all of it.
      clients: access.keyring?.clients.map((c) => ({ name: c.name, sharePerMin: c.upstreamSharePerMin })) ?? [EXPLORER],
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
      callMiddleware: economy?.callMiddleware,
      attemptMiddleware: economy?.attemptMiddleware,
    });
  const events = deps.events ?? createGatewayEvents({ webhookSecret: config.webhookSecret, redisUrl: config.redisUrl, redis, logger });
  if (economy) events.receiver.beforePublish((event) => economy.onWebhookEvent(event));
  const edge = edgeYoga(config);
  const context = createContextFactory({
    api: client.api,
    logger,
    loaderConcurrency: config.uqpay.loaderConcurrency,
    pubsub: events.bus,
    onBatch: observability.onBatch,
    idempotency: access.idempotency,
  });

  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema: buildSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    context: ({ request }) => context({ request }),
    graphiql: { title: 'UQPAY Card Issuing — GraphQL', defaultQuery: DEFAULT_QUERY },
    // GraphiQL with its assets bundled: it loads without a CDN (offline machines, CI's browser check).
    // Imported on first use: the 9 MB bundle costs ~35 MB of heap (~70 MB RSS) in every API-only process.
    renderGraphiQL: async (opts) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(opts),
    landingPage: false,
    maskedErrors: { maskError: maskError(logger) },
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    // Off: yoga's limiter pipes every body through a TransformStream (~8% of a request's CPU). The HTTP edge in
    // front of yoga (startGateway) bounds every body instead; an access plugin checks content-length in-process.
    maxRequestBodySize: false,
    // Cross-origin reads only for GATEWAY_CORS_ORIGINS (yoga's default reflects any Origin with credentials).
    cors: edge.cors,
    // Observability first (times and logs refusals too), then CSRF prevention and error redaction, then keys,
    // persisted documents and limits. The webhook route answers before access: UQPAY authenticates by signature,
    // not by API key. graphql-jit first: later plugins (the request timeout) wrap the execute function it installs.
    // Subscriptions keep graphql-js's executor (their event streams and the bus).
    plugins: [
      useGraphQlJit({}, { enableIf: jitApplies }),
      ...observability.plugins,
      ...edge.plugins,
      events.plugin,
      ...access.plugins,
      ...(deps.plugins ?? []),
    ],
  });

  return {
    yoga,
    client,
    logger,
    access,
    observability,
    events,
    markDraining() {
      draining = true;
    },
    async close() {
      await yoga.dispose?.();
      if (!deps.events) await events.close();
      if (ownClient) await client.close();
      await economy?.close();
      await redis?.quit().catch(() => undefined);
    },
  };
}

export async function startGateway(config: GatewayConfig, deps: GatewayDeps = {}): Promise<RunningGateway> {
  const gateway = createGateway(config, deps);
  // Every request passes the HTTP edge first: normalised routing, bounded bodies, keys checked before a body is
  // read, connection bounds. Only then yoga.
  const server = createEdgeServer({
    http: httpOf(config),
    graphql: { path: GRAPHQL_PATH, maxBodyBytes: gateway.access.maxRequestBodySize },
    webhook: { path: WEBHOOK_PATH, maxBodyBytes: gateway.events.receiver.maxBodyBytes },
    operatorPaths: OPERATOR_PATHS,
    checkHeaders: gateway.access.checkHeaders,
    next: (req, res) => gateway.yoga.requestListener(req, res),
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
