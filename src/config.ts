// The environment, parsed once into a typed config. Invalid values stop start-up with a message naming the variable.
import { z } from 'zod';

export const UQPAY_SANDBOX_URL = 'https://api-sandbox.uqpaytech.com/api';
export const UQPAY_PRODUCTION_URL = 'https://api.uqpay.com/api';
/** Namespace of the gateway's keys in Redis (budget, read cache, idempotency records, shared token). */
export const DEFAULT_REDIS_KEY_PREFIX = 'gateway:uqpay:';

const int = (def: number) => z.coerce.number().int().nonnegative().default(def);
const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);
// Comma-separated origins allowed to read responses cross-origin: `https://app.example.com`, or `*` for any origin
// (then without credentials). `null` (sandboxed frames, file: pages) is never allowed.
const CorsOrigins = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const origins: string[] = [];
    for (const raw of v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean)) {
      if (raw === '*') {
        origins.push(raw);
        continue;
      }
      let origin: string | undefined;
      try {
        const url = new URL(raw);
        const bare = url.pathname === '/' && !url.search && !url.hash && !url.username;
        if ((url.protocol === 'http:' || url.protocol === 'https:') && bare) origin = url.origin;
      } catch {
        // reported below
      }
      if (origin === undefined) {
        const message = `"${raw}" is not an origin (scheme://host[:port], no path) or *; "null" is never allowed`;
        ctx.addIssue({ code: 'custom', message });
      } else {
        origins.push(origin);
      }
    }
    return origins;
  });
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

// An http(s) URL, or unset (empty counts as unset).
const optionalUrl = optionalString.pipe(
  z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: int(4000),
  EMULATOR_PORT: int(8900),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  UQPAY_BASE_URL: z.url().default(UQPAY_SANDBOX_URL),
  UQPAY_CLIENT_ID: optionalString,
  UQPAY_API_KEY: optionalString,
  UQPAY_CONNECT_TIMEOUT_MS: int(3_000),
  UQPAY_HEADERS_TIMEOUT_MS: int(10_000),
  UQPAY_BODY_TIMEOUT_MS: int(10_000),
  UQPAY_REQUEST_DEADLINE_MS: int(15_000),
  UQPAY_MAX_RETRIES: int(4),
  UQPAY_UNKNOWN_OUTCOME_POLICY: z.enum(['replay', 'never']).default('replay'),
  UQPAY_MAX_CONNECTIONS: int(32),
  UQPAY_LOADER_CONCURRENCY: int(8),
  // The upstream economy (budget, coalescing, read cache). Rate limit: unset = UQPAY's own for its hosts,
  // unlimited elsewhere; 0 = unlimited.
  UQPAY_RATE_LIMIT_PER_MIN: z.coerce.number().int().nonnegative().optional(),
  UQPAY_RATE_LIMIT_BURST: z.coerce.number().int().positive().optional(),
  UQPAY_TOKEN_RATE_LIMIT_PER_MIN: z.coerce.number().int().nonnegative().optional(),
  UQPAY_BUDGET_QUEUE_MAX: z.coerce.number().int().nonnegative().optional(),
  UQPAY_COALESCE: z.enum(['true', 'false', '1', '0', 'on', 'off']).optional(),
  UQPAY_READ_CACHE_TTL_MS: z.coerce.number().int().nonnegative().optional(),
  UQPAY_REDIS_KEY_PREFIX: optionalString,
  UQPAY_WEBHOOK_SECRET: optionalString,
  REDIS_URL: optionalString,
  GATEWAY_KEYS_FILE: optionalString,
  GATEWAY_PERSISTED_DOCUMENTS: optionalString,
  // Document and request limits: documents over them are refused before any upstream call.
  GATEWAY_MAX_DEPTH: int(12),
  GATEWAY_MAX_COST: int(50_000),
  GATEWAY_MAX_ALIASES: int(15),
  GATEWAY_MAX_TOKENS: int(2_000),
  GATEWAY_MAX_DIRECTIVES: int(20),
  GATEWAY_MAX_BODY_BYTES: int(100_000),
  GATEWAY_REQUEST_TIMEOUT_MS: int(30_000),
  GATEWAY_SHUTDOWN_GRACE_MS: int(10_000),
  // What one operation may cost upstream: refused before execution when the document says so, stopped during it.
  GATEWAY_MAX_NODE_IDS: z.coerce.number().int().positive().default(100),
  GATEWAY_MAX_UPSTREAM_CALLS: z.coerce.number().int().positive().default(100),
  // Money-moving mutations need an idempotencyKey unless this is turned off.
  GATEWAY_REQUIRE_IDEMPOTENCY_KEY: z.enum(['true', 'false', '1', '0', 'on', 'off']).default('true'),
  GATEWAY_IDEMPOTENCY_SECRET: optionalString,
  // Automatic persisted queries (frontends and the open explorer): how many registered documents are kept, the
  // largest one kept (never more than GATEWAY_MAX_BODY_BYTES), and how long one is kept after its last use.
  GATEWAY_APQ_MAX_DOCUMENTS: int(1_000),
  GATEWAY_APQ_MAX_DOCUMENT_BYTES: positiveInt(16_384),
  GATEWAY_APQ_TTL_MS: positiveInt(86_400_000),
  // Repeated selections of one field in one selection set (quadratic work for the validator's overlap check).
  GATEWAY_MAX_REPEATED_FIELDS: positiveInt(20),
  GATEWAY_MAX_SUBSCRIPTIONS_PER_CLIENT: positiveInt(100),
  // The event log behind subscriptions and the `events` query: how long and how many events it keeps.
  GATEWAY_EVENT_RETENTION_MS: positiveInt(24 * 60 * 60_000),
  GATEWAY_EVENT_RETENTION_COUNT: positiveInt(10_000),
  // Operations in one batched request (a JSON array, as Apollo's BatchHttpLink sends).
  GATEWAY_MAX_BATCH_SIZE: positiveInt(10),
  // The HTTP edge: the node:http server's bounds and cross-origin access.
  GATEWAY_HEADERS_TIMEOUT_MS: positiveInt(10_000),
  GATEWAY_RECEIVE_TIMEOUT_MS: positiveInt(30_000),
  GATEWAY_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5_000),
  GATEWAY_MAX_CONNECTIONS: positiveInt(4_096),
  GATEWAY_CORS_ORIGINS: CorsOrigins,
  // Response compression (br or gzip, as the client accepts): off, or from what size.
  GATEWAY_COMPRESSION: z.enum(['on', 'off', 'true', 'false', '1', '0']).default('on'),
  GATEWAY_COMPRESSION_MIN_BYTES: int(1_024),
  // Tracing: on when an OTLP/HTTP endpoint is set. The other OTEL_* variables (service name, sampler, exporter
  // headers, batching) are read by the OpenTelemetry SDK itself from the process environment.
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  OTEL_SDK_DISABLED: z
    .string()
    .default('false')
    .transform((v) => v.trim().toLowerCase() === 'true'),
  // Open subscription streams: WebSocket pings (a peer that misses one is dropped) and multipart heartbeats.
  GATEWAY_STREAM_HEARTBEAT_MS: positiveInt(15_000),
});

export interface UqpayConfig {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** One overall deadline per logical call, retries included. */
  requestDeadlineMs: number;
  maxRetries: number;
  /**
   * A write whose outcome is unknown (sent, then no answer settled it): 'replay' retries it with the same idempotency
   * key, as UQPAY's API reference documents (default); 'never' does not (UQPAY's CLI 2.0.1). Either way, giving up
   * while the outcome is unknown answers UPSTREAM_OUTCOME_UNKNOWN with the key to retry with.
   */
  unknownOutcomePolicy?: 'replay' | 'never';
  maxConnections: number;
  loaderConcurrency: number;
  /** Authenticated calls per minute across all replicas; undefined = follow the target host, 0 = unlimited. */
  rateLimitPerMin?: number;
  /** Bucket capacity (calls that may go out at once); default one second's worth of the limit. */
  rateLimitBurst?: number;
  /** The token endpoint's own limit; default 60/min whenever the API limit applies, 0 = unlimited. */
  tokenRateLimitPerMin?: number;
  /** Calls waiting for budget beyond which new ones are refused at once (default 500 per replica). */
  budgetQueueMax?: number;
  /** Identical concurrent GETs share one upstream call (default true). */
  coalesce?: boolean;
  /** Read cache TTL for products, connected accounts and cardholders; 0/undefined = off. */
  readCacheTtlMs?: number;
  /** Namespace for the shared budget and read cache keys in Redis (default `gateway:uqpay:`). */
  redisKeyPrefix?: string;
}

export interface GatewayConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  emulatorPort: number;
  logLevel: string;
  /** True when no UQPAY credentials were given: `npm start` embeds the emulator. */
  embedded: boolean;
  uqpay: UqpayConfig;
  webhookSecret?: string;
  redisUrl?: string;
  keysFile?: string;
  /** The persisted-documents manifest to serve (default: the committed generated/persisted-documents.json). */
  persistedDocumentsFile?: string;
  /** Document and request limits; defaults apply when absent (hand-built configs in tests). */
  limits?: GatewayLimits;
  /** How long shutdown waits for in-flight requests before closing connections. */
  shutdownGraceMs?: number;
  /** Upstream calls one operation may cause; defaults apply when absent (hand-built configs in tests). */
  callLimits?: CallLimits;
  /** The gateway's own idempotency-key rules; defaults apply when absent. */
  idempotency?: IdempotencyConfig;
  /** The node:http server's bounds and cross-origin access; defaults apply when absent. */
  http?: GatewayHttpConfig;
  /** How long and how many webhook events the event log keeps (all accounts together); defaults when absent. */
  eventRetention?: { maxAgeMs: number; maxCount: number };
  /** Automatic persisted queries; defaults apply when absent. */
  apq?: ApqConfig;
  /** Distributed tracing over OTLP/HTTP; absent = off (no span is made, nothing is loaded). */
  tracing?: TracingConfig;
}

export interface ApqConfig {
  /** Most registered documents kept (per replica in memory, in total in Redis); 0 turns APQ registration off. */
  maxDocuments: number;
  /** Largest document (UTF-8 bytes) that is registered; a larger one still runs, it is just not kept. */
  maxDocumentBytes: number;
  /** A registered document is forgotten this long after its last use. */
  ttlMs: number;
}

export interface TracingConfig {
  /** Where spans are POSTed: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`. */
  tracesUrl: string;
}

export interface CallLimits {
  /** Most ids one `nodes(ids:)` may name. */
  maxNodeIds: number;
  /** Most upstream calls one query or mutation may cause (estimated before execution, enforced during it). */
  maxUpstreamCalls: number;
}

export interface IdempotencyConfig {
  /** Money-moving mutations without an idempotencyKey are refused (IDEMPOTENCY_KEY_REQUIRED). */
  required: boolean;
  /** Keys the input fingerprints kept for reuse detection; default derived from the UQPAY API key. */
  secret?: string;
}

export interface GatewayHttpConfig {
  /** A connection must have sent its complete request headers within this (silent sockets are closed). */
  headersTimeoutMs: number;
  /** A request (headers and body) must have arrived completely within this, else 408 and closed. */
  receiveTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections beyond this are closed as soon as they are accepted. */
  maxConnections: number;
  /** Origins allowed cross-origin reads (`*` = any, without credentials); empty = same-origin only. */
  corsOrigins: string[];
  /**
   * Whole-body responses (GraphQL results, /metrics) of at least this many bytes are compressed for clients that
   * accept br or gzip; false = never (GraphiQL's page then goes out uncompressed too). Default 1024.
   */
  compressMinBytes?: number | false;
  /**
   * Open subscription streams: a WebSocket is pinged this often (a peer that has not answered by the next ping is
   * dropped) and a multipart subscription gets a heartbeat part.
   */
  streamHeartbeatMs: number;
}

export interface GatewayLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxBodyBytes: number;
  requestTimeoutMs: number;
  /** Selections of one response name in one selection set (inline fragments and fragments included). */
  maxRepeatedFields?: number;
  /** Concurrent subscriptions per API client (per replica) unless its keys file entry says otherwise. */
  maxSubscriptionsPerClient?: number;
  /** Operations in one batched request (a JSON array of operations). */
  maxBatchSize?: number;
}

export class ConfigError extends Error {}

/** On when an endpoint is set and the SDK is not disabled; the signal-specific URL is used as given. */
function tracingOf(e: z.infer<typeof EnvSchema>): TracingConfig | undefined {
  if (e.OTEL_SDK_DISABLED) return undefined;
  if (e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return { tracesUrl: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT };
  if (e.OTEL_EXPORTER_OTLP_ENDPOINT)
    return { tracesUrl: `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` };
  return undefined;
}

/** The configured limits; a hand-built config without them gets the environment defaults. */
export function limitsOf(config: Pick<GatewayConfig, 'limits'>): GatewayLimits {
  return config.limits ?? loadConfig({}).limits!;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.UQPAY_CLIENT_ID) !== Boolean(e.UQPAY_API_KEY)) {
    throw new ConfigError(
      'Invalid configuration: set both UQPAY_CLIENT_ID and UQPAY_API_KEY, or neither (embedded emulator).',
    );
  }
  if (e.GATEWAY_HEADERS_TIMEOUT_MS > e.GATEWAY_RECEIVE_TIMEOUT_MS) {
    throw new ConfigError(
      'Invalid configuration: GATEWAY_HEADERS_TIMEOUT_MS must not exceed GATEWAY_RECEIVE_TIMEOUT_MS ' +
        '(headers are part of the request).',
    );
  }
  const embedded = !e.UQPAY_CLIENT_ID;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    emulatorPort: e.EMULATOR_PORT,
    logLevel: e.LOG_LEVEL,
    embedded,
    uqpay: {
      baseUrl: e.UQPAY_BASE_URL.replace(/\/+$/, ''),
      clientId: e.UQPAY_CLIENT_ID ?? 'demo-client-id',
      apiKey: e.UQPAY_API_KEY ?? 'demo-api-key',
      connectTimeoutMs: e.UQPAY_CONNECT_TIMEOUT_MS,
      headersTimeoutMs: e.UQPAY_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: e.UQPAY_BODY_TIMEOUT_MS,
      requestDeadlineMs: e.UQPAY_REQUEST_DEADLINE_MS,
      maxRetries: e.UQPAY_MAX_RETRIES,
      unknownOutcomePolicy: e.UQPAY_UNKNOWN_OUTCOME_POLICY,
      maxConnections: e.UQPAY_MAX_CONNECTIONS,
      loaderConcurrency: e.UQPAY_LOADER_CONCURRENCY,
      rateLimitPerMin: e.UQPAY_RATE_LIMIT_PER_MIN,
      rateLimitBurst: e.UQPAY_RATE_LIMIT_BURST,
      tokenRateLimitPerMin: e.UQPAY_TOKEN_RATE_LIMIT_PER_MIN,
      budgetQueueMax: e.UQPAY_BUDGET_QUEUE_MAX,
      coalesce: e.UQPAY_COALESCE === undefined ? undefined : ['true', '1', 'on'].includes(e.UQPAY_COALESCE),
      readCacheTtlMs: e.UQPAY_READ_CACHE_TTL_MS,
      redisKeyPrefix: e.UQPAY_REDIS_KEY_PREFIX,
    },
    webhookSecret: e.UQPAY_WEBHOOK_SECRET,
    redisUrl: e.REDIS_URL,
    keysFile: e.GATEWAY_KEYS_FILE,
    persistedDocumentsFile: e.GATEWAY_PERSISTED_DOCUMENTS,
    limits: {
      maxDepth: e.GATEWAY_MAX_DEPTH,
      maxCost: e.GATEWAY_MAX_COST,
      maxAliases: e.GATEWAY_MAX_ALIASES,
      maxTokens: e.GATEWAY_MAX_TOKENS,
      maxDirectives: e.GATEWAY_MAX_DIRECTIVES,
      maxBodyBytes: e.GATEWAY_MAX_BODY_BYTES,
      requestTimeoutMs: e.GATEWAY_REQUEST_TIMEOUT_MS,
      maxRepeatedFields: e.GATEWAY_MAX_REPEATED_FIELDS,
      maxSubscriptionsPerClient: e.GATEWAY_MAX_SUBSCRIPTIONS_PER_CLIENT,
      maxBatchSize: e.GATEWAY_MAX_BATCH_SIZE,
    },
    shutdownGraceMs: e.GATEWAY_SHUTDOWN_GRACE_MS,
    callLimits: { maxNodeIds: e.GATEWAY_MAX_NODE_IDS, maxUpstreamCalls: e.GATEWAY_MAX_UPSTREAM_CALLS },
    idempotency: {
      required: ['true', '1', 'on'].includes(e.GATEWAY_REQUIRE_IDEMPOTENCY_KEY),
      secret: e.GATEWAY_IDEMPOTENCY_SECRET,
    },
    eventRetention: { maxAgeMs: e.GATEWAY_EVENT_RETENTION_MS, maxCount: e.GATEWAY_EVENT_RETENTION_COUNT },
    apq: {
      maxDocuments: e.GATEWAY_APQ_MAX_DOCUMENTS,
      maxDocumentBytes: Math.min(e.GATEWAY_APQ_MAX_DOCUMENT_BYTES, e.GATEWAY_MAX_BODY_BYTES),
      ttlMs: e.GATEWAY_APQ_TTL_MS,
    },
    http: {
      headersTimeoutMs: e.GATEWAY_HEADERS_TIMEOUT_MS,
      receiveTimeoutMs: e.GATEWAY_RECEIVE_TIMEOUT_MS,
      keepAliveTimeoutMs: e.GATEWAY_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.GATEWAY_MAX_CONNECTIONS,
      corsOrigins: e.GATEWAY_CORS_ORIGINS,
      compressMinBytes: ['on', 'true', '1'].includes(e.GATEWAY_COMPRESSION) ? e.GATEWAY_COMPRESSION_MIN_BYTES : false,
      streamHeartbeatMs: e.GATEWAY_STREAM_HEARTBEAT_MS,
    },
    tracing: tracingOf(e),
  };
}
