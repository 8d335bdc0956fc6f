// Who may call and what they may send: API keys, partner rules, persisted documents and limits, composed into
// the plugin list server.ts mounts (after the observability plugins, so refusals are measured and logged).
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { DEFAULT_REDIS_KEY_PREFIX, limitsOf, type GatewayConfig } from '../config';
import type { Logger } from '../logger';
import { actingAccount, authenticate, mayRunArbitraryDocuments, EXPLORER, type Caller } from './caller';
import { createKeyRing, loadKeysFile, type KeyRing } from './keys';
import { useDeclaredBodySize } from './body-size';
import { useLimits } from './limits';
import { loadManifest, usePersistedDocuments, type PersistedManifest } from './persisted';
import { DEFAULT_APQ, MemoryApqStore, type ApqStore } from './apq';
import { RedisApqStore } from './apq-redis';
import { announceAccessMode, callerOf, useAccess } from './plugin';
import { DEFAULT_CALL_LIMITS, useUpstreamCallLimits } from './upstream-calls';
import { MemoryLedgerStore, createIdempotencyLedger, ledgerSecret, type IdempotencyLedger } from './idempotency';
import { RedisLedgerStore } from './idempotency-redis';
import { createConcurrencyLimiter, useSubscriptionLimit, type ConcurrencyLimiter } from './subscription-limit';

export { actingAccount, assertMayActFor, authenticate, EXPLORER, type Caller } from './caller';
export { hashKey, type KeyRing } from './keys';
export { callerOf } from './plugin';
export { transferRefusal, mayReadTransfer, type AuthorityRefusal } from './authority';
export { CallMeter } from './upstream-calls';
export type { IdempotencyLedger } from './idempotency';
export {
  createConcurrencyLimiter,
  subscriberKey,
  subscriptionLimitError,
  type ConcurrencyLimiter,
} from './subscription-limit';

/** Concurrent subscriptions per client unless GATEWAY_MAX_SUBSCRIPTIONS_PER_CLIENT or the keys file say otherwise. */
export const DEFAULT_MAX_SUBSCRIPTIONS = 100;

export interface Access {
  keyring: KeyRing | undefined;
  manifest: PersistedManifest;
  plugins: Plugin[];
  /**
   * Bigger bodies get 413: the HTTP edge (src/edge) bounds every body on every path, chunked ones while they
   * stream; a plugin checks content-length for in-process `yoga.fetch`.
   */
  maxRequestBodySize: number;
  /** Documents registered by automatic persisted queries (Redis with REDIS_URL, else memory); undefined when off. */
  apq: ApqStore | undefined;
  /** Idempotency-key records (Redis with REDIS_URL, else memory), for the mutation resolvers. */
  idempotency: IdempotencyLedger;
  /**
   * The refusal a GraphQL request's headers alone earn (missing or unknown key, a partner naming another
   * account), thrown so the edge can answer before reading the body. Undefined in open explorer mode.
   */
  checkHeaders?: (authorization: string | undefined, onBehalfOf: string | undefined) => void;
  /**
   * The caller a WebSocket connection's key names, with the same refusals as checkHeaders (thrown); the explorer
   * in open explorer mode.
   */
  identify: (authorization: string | undefined, onBehalfOf: string | undefined) => Caller;
  /** Concurrent subscriptions per client; a WebSocket transport takes slots from the same limiter. */
  subscriptions: { limiter: ConcurrencyLimiter; maxFor(caller: Caller): number };
}

export interface AccessOptions {
  logger: Logger;
  /** The gateway's Redis connection (REDIS_URL): idempotency records are shared by every replica. Not closed here. */
  redis?: Redis;
}

export function createAccess(config: GatewayConfig, opts: AccessOptions): Access {
  const keyring = config.keysFile ? createKeyRing(loadKeysFile(config.keysFile)) : undefined;
  announceAccessMode(opts.logger, keyring, config.keysFile);
  const manifest = loadManifest(config.persistedDocumentsFile);
  opts.logger.info({ documents: manifest.size }, 'persisted documents loaded');
  const limits = limitsOf(config);
  const prefix = `${config.uqpay.redisKeyPrefix ?? DEFAULT_REDIS_KEY_PREFIX}idempotency:`;
  const idempotency = createIdempotencyLedger({
    required: config.idempotency?.required ?? true,
    store: opts.redis
      ? new RedisLedgerStore({ redis: opts.redis, prefix, logger: opts.logger })
      : new MemoryLedgerStore(),
    secret: ledgerSecret(config.idempotency?.secret, config.uqpay.apiKey),
  });
  const apqConfig = config.apq ?? {
    ...DEFAULT_APQ,
    maxDocumentBytes: Math.min(DEFAULT_APQ.maxDocumentBytes, limits.maxBodyBytes),
  };
  const apqPrefix = `${config.uqpay.redisKeyPrefix ?? DEFAULT_REDIS_KEY_PREFIX}apq:`;
  const apq =
    apqConfig.maxDocuments === 0
      ? undefined
      : opts.redis
        ? new RedisApqStore({ redis: opts.redis, prefix: apqPrefix, config: apqConfig, logger: opts.logger })
        : new MemoryApqStore(apqConfig);
  const defaultMax = limits.maxSubscriptionsPerClient ?? DEFAULT_MAX_SUBSCRIPTIONS;
  const perClient = new Map((keyring?.clients ?? []).map((c) => [c.name, c.maxSubscriptions ?? defaultMax]));
  const subscriptions = {
    limiter: createConcurrencyLimiter(),
    maxFor: (caller: Caller) => perClient.get(caller.name) ?? defaultMax,
  };
  return {
    keyring,
    manifest,
    apq,
    idempotency,
    maxRequestBodySize: limits.maxBodyBytes,
    checkHeaders: keyring
      ? (authorization, onBehalfOf) => void actingAccount(authenticate(authorization, keyring), onBehalfOf)
      : undefined,
    identify(authorization, onBehalfOf) {
      const caller = authenticate(authorization, keyring);
      actingAccount(caller, onBehalfOf);
      return caller;
    },
    subscriptions,
    plugins: [
      useDeclaredBodySize(limits.maxBodyBytes),
      useAccess({ keyring, logger: opts.logger }),
      useSubscriptionLimit(subscriptions),
      usePersistedDocuments({
        manifest,
        allowArbitrary: (request) => mayRunArbitraryDocuments(callerOf(request) ?? EXPLORER),
        apq: apq && { store: apq, maxDocumentBytes: apqConfig.maxDocumentBytes },
        logger: opts.logger,
      }),
      ...useLimits({ limits, hideSuggestions: config.env === 'production' }),
      useUpstreamCallLimits(config.callLimits ?? DEFAULT_CALL_LIMITS),
    ],
  };
}
