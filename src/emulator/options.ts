import type { AmountFormat } from './money';
import type { AmountInput } from './validation';

export type TokenClaims = 'sdk' | 'legacy';
import { KYC_LEVELS, type KycLevel } from './state';

export const WEBHOOK_TIMESTAMP_UNITS = ['milliseconds', 'seconds'] as const;
export type WebhookTimestampUnit = (typeof WEBHOOK_TIMESTAMP_UNITS)[number];

/** A real sender's redelivery shape (see EmulatorOptions.webhookMaxAttempts). */
export const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 8;
export const DEFAULT_WEBHOOK_BACKOFF_MS = 2_000;

export interface EmulatorOptions {
  port?: number; // 0 = random
  host?: string; // default 127.0.0.1
  seed?: boolean; // demo data, default true
  tokenTtlSeconds?: number; // default 1800
  /** UPSTREAM (unsure): does a new token invalidate older ones? default false */
  invalidateOldTokens?: boolean;
  /** PENDING → SUCCESS delay for card orders; 0 completes them before the response is sent. Default 5 */
  asyncDelayMs?: number;
  /** UPSTREAM (unsure): amounts on the wire as decimal strings (sandbox) or numbers (docs). Default 'string' */
  amountFormat?: AmountFormat;
  webhookUrl?: string; // where to POST webhooks; none = no delivery (events are still logged)
  webhookSecret?: string; // default 'demo-webhook-secret'
  /**
   * Bounded webhook attempts per event, the first retry after webhookBackoffMs, doubling. Defaults (also from
   * EMULATOR_WEBHOOK_MAX_ATTEMPTS / EMULATOR_WEBHOOK_BACKOFF_MS) are a real sender's shape: 8 attempts, 2000 ms,
   * so retries come 2 s, 6 s, … and the last about 4 minutes after the first attempt. Tests pass short values.
   */
  webhookMaxAttempts?: number;
  webhookBackoffMs?: number;
  /**
   * UQPAY's Webhook Hub stamps `x-wk-timestamp` in Unix milliseconds; older senders used seconds.
   * Default from EMULATOR_WEBHOOK_TIMESTAMP, else 'milliseconds'.
   */
  webhookTimestamp?: WebhookTimestampUnit;
  /**
   * Add our own `account_id` (the owning account) to every webhook envelope. UQPAY's envelope has none, so a
   * gateway must route without it. Default from EMULATOR_WEBHOOK_ACCOUNT_ID=on, else false.
   */
  webhookAccountId?: boolean;
  /** How long a card-details token (POST /v1/issuing/cards/{id}/token) stays valid; UQPAY: 60 s. Default 60000 */
  cardDetailsTokenTtlMs?: number;
  /** per client id over a sliding minute; default from EMULATOR_RATE_LIMIT_PER_MIN env, else off */
  rateLimitPerMin?: number;
  /** the token endpoint's own limit (UQPAY: 60/min); default from EMULATOR_TOKEN_RATE_LIMIT_PER_MIN, else off */
  tokenRateLimitPerMin?: number;
  /** UPSTREAM (unsure): names may contain hyphens. Default true */
  allowHyphenInNames?: boolean;
  /** UPSTREAM: cardholder create_time comes as RFC 3339 or as "2024-05-09 15:52:23". Default 'rfc3339' */
  cardholderTimeFormat?: 'rfc3339' | 'legacy';
  /**
   * KYC level of every account's new cardholders (UQPAY: the card product's; see AccountStore.kycLevel).
   * Default from EMULATOR_KYC_LEVEL, else 'SIMPLIFIED'. Per account at run time: POST /__emulator/kyc-level
   */
  kycLevel?: KycLevel;
  /** UPSTREAM (unsure): SHARE cards accept recharge/withdraw. Default true */
  shareRecharge?: boolean;
  /**
   * Request amounts: 'strict' (default; every UQPAY SDK sends JSON numbers, a string is a 400 naming the field) or
   * 'lenient' (numbers or decimal strings, the older behaviour). Default from EMULATOR_AMOUNT_INPUT.
   */
  amountInput?: AmountInput;
  /**
   * Claims of the auth token: 'sdk' (default; entity_id, short_entity_id, parent_entity_id, client_id, api_version,
   * bus_type, as the Node and Python SDKs decode them) or 'legacy' (account_id only, as one older docs example).
   * Default from EMULATOR_TOKEN_CLAIMS.
   */
  tokenClaims?: TokenClaims;
  /**
   * How "no such card/cardholder/order/transfer/transaction" is answered: 404 (default; {type:"not_found", code},
   * as UQPAY's CLI tests and Go's IsNotFound expect) or 400 (the older {type:"card_error"|…, code}).
   * Default from EMULATOR_NOT_FOUND.
   */
  notFoundStatus?: 404 | 400;
  /**
   * x-idempotency-key: 'any' (default; any non-empty string up to 64 characters, Python SDK 2.0.0) or 'uuid' (the
   * older rule). Default from EMULATOR_IDEMPOTENCY_KEYS.
   */
  idempotencyKeys?: 'any' | 'uuid';
  /**
   * Create Transfer's answer: 'id' (default; {transfer_id} only, Go CreateTransferResponse) or 'full' (the whole
   * transfer, the older behaviour). Default from EMULATOR_TRANSFER_CREATE.
   */
  transferCreateResponse?: 'id' | 'full';
  controls?: boolean; // /__emulator routes, default true
  logger?: boolean;
  /** Connection bounds of its HTTP server (a flood of idle sockets must not use up file descriptors). */
  maxConnections?: number; // default from EMULATOR_MAX_CONNECTIONS, else 4096; beyond it new sockets are closed
  headersTimeoutMs?: number; // default 10000: a socket silent that long is closed
  requestTimeoutMs?: number; // default 30000: the whole request must have arrived by then (408)
  keepAliveTimeoutMs?: number; // default 5000
}

export interface RunningEmulator {
  url: string; // origin, e.g. http://127.0.0.1:40123 (controls at `${url}/__emulator/...`)
  baseUrl: string; // `${url}/api` ← what the gateway uses as UQPAY_BASE_URL
  clientId: string; // 'demo-client-id'
  apiKey: string; // 'demo-api-key'
  masterAccountId: string;
  subAccountIds: string[];
  webhookSecret: string;
  setWebhookUrl(url: string | undefined): void; // gateway port is known only after it starts
  close(): Promise<void>;
}

export type ResolvedOptions = Required<
  Omit<EmulatorOptions, 'webhookUrl' | 'rateLimitPerMin' | 'tokenRateLimitPerMin'>
> & {
  webhookUrl: string | undefined;
  rateLimitPerMin: number | undefined;
  tokenRateLimitPerMin: number | undefined;
};

const envInt = (name: string): number | undefined => {
  const v = process.env[name];
  if (v === undefined || v === '' || v === 'off') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
};

/** An env switch among fixed values; unset → undefined; anything else stops start-up with a message. */
const envChoice = <T extends string>(name: string, choices: readonly T[]): T | undefined => {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  if (!(choices as readonly string[]).includes(v)) {
    throw new Error(`${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
};

const envSwitch = (name: string): boolean | undefined => {
  const v = envChoice(name, ['on', 'off'] as const);
  return v === undefined ? undefined : v === 'on';
};

const envKycLevel = (): KycLevel | undefined => {
  const v = process.env.EMULATOR_KYC_LEVEL;
  if (v === undefined || v === '') return undefined;
  const level = v.toUpperCase();
  if (!(KYC_LEVELS as readonly string[]).includes(level))
    throw new Error(`EMULATOR_KYC_LEVEL must be one of ${KYC_LEVELS.join(', ')}, got ${JSON.stringify(v)}`);
  return level as KycLevel;
};

export function resolveOptions(o: EmulatorOptions = {}): ResolvedOptions {
  return {
    port: o.port ?? 0,
    host: o.host ?? '127.0.0.1',
    seed: o.seed ?? true,
    tokenTtlSeconds: o.tokenTtlSeconds ?? 1800,
    invalidateOldTokens: o.invalidateOldTokens ?? false,
    asyncDelayMs: o.asyncDelayMs ?? 5,
    amountFormat: o.amountFormat ?? 'string',
    webhookUrl: o.webhookUrl,
    webhookSecret: o.webhookSecret ?? 'demo-webhook-secret',
    webhookMaxAttempts: o.webhookMaxAttempts ?? envInt('EMULATOR_WEBHOOK_MAX_ATTEMPTS') ?? DEFAULT_WEBHOOK_MAX_ATTEMPTS,
    webhookBackoffMs: o.webhookBackoffMs ?? envInt('EMULATOR_WEBHOOK_BACKOFF_MS') ?? DEFAULT_WEBHOOK_BACKOFF_MS,
    webhookTimestamp:
      o.webhookTimestamp ?? envChoice('EMULATOR_WEBHOOK_TIMESTAMP', WEBHOOK_TIMESTAMP_UNITS) ?? 'milliseconds',
    webhookAccountId: o.webhookAccountId ?? envSwitch('EMULATOR_WEBHOOK_ACCOUNT_ID') ?? false,
    cardDetailsTokenTtlMs: o.cardDetailsTokenTtlMs ?? 60_000,
    rateLimitPerMin: o.rateLimitPerMin ?? envInt('EMULATOR_RATE_LIMIT_PER_MIN'),
    tokenRateLimitPerMin: o.tokenRateLimitPerMin ?? envInt('EMULATOR_TOKEN_RATE_LIMIT_PER_MIN'),
    allowHyphenInNames: o.allowHyphenInNames ?? true,
    cardholderTimeFormat: o.cardholderTimeFormat ?? 'rfc3339',
    kycLevel: o.kycLevel ?? envKycLevel() ?? 'SIMPLIFIED',
    shareRecharge: o.shareRecharge ?? true,
    amountInput: o.amountInput ?? envChoice('EMULATOR_AMOUNT_INPUT', ['strict', 'lenient'] as const) ?? 'strict',
    tokenClaims: o.tokenClaims ?? envChoice('EMULATOR_TOKEN_CLAIMS', ['sdk', 'legacy'] as const) ?? 'sdk',
    notFoundStatus:
      o.notFoundStatus ?? (envChoice('EMULATOR_NOT_FOUND', ['404', '400'] as const) === '400' ? 400 : 404),
    idempotencyKeys: o.idempotencyKeys ?? envChoice('EMULATOR_IDEMPOTENCY_KEYS', ['any', 'uuid'] as const) ?? 'any',
    transferCreateResponse:
      o.transferCreateResponse ?? envChoice('EMULATOR_TRANSFER_CREATE', ['id', 'full'] as const) ?? 'id',
    controls: o.controls ?? process.env.EMULATOR_CONTROLS !== 'off',
    logger: o.logger ?? false,
    maxConnections: o.maxConnections ?? envInt('EMULATOR_MAX_CONNECTIONS') ?? 4_096,
    headersTimeoutMs: o.headersTimeoutMs ?? envInt('EMULATOR_HEADERS_TIMEOUT_MS') ?? 10_000,
    requestTimeoutMs: o.requestTimeoutMs ?? envInt('EMULATOR_REQUEST_TIMEOUT_MS') ?? 30_000,
    keepAliveTimeoutMs: o.keepAliveTimeoutMs ?? envInt('EMULATOR_KEEP_ALIVE_TIMEOUT_MS') ?? 5_000,
  };
}
