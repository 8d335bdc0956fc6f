// Who may call and what they may send: API keys, partner rules, persisted documents and limits, composed into
// the plugin list server.ts mounts (after the observability plugins, so refusals are measured and logged).
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { GatewayConfig } from '../config';
import { DEFAULT_REDIS_KEY_PREFIX } from '../datasources/uqpay/economy';
import type { Logger } from '../logger';
import { mayRunArbitraryDocuments, EXPLORER } from './caller';
import { createKeyRing, loadKeysFile, type KeyRing } from './keys';
import { useDeclaredBodySize } from './body-size';
import { limitsOf, useLimits } from './limits';
import { loadManifest, usePersistedDocuments, type PersistedManifest } from './persisted';
import { announceAccessMode, callerOf, useAccess } from './plugin';
import { DEFAULT_CALL_LIMITS, useUpstreamCallLimits } from './upstream-calls';
import { MemoryLedgerStore, createIdempotencyLedger, ledgerSecret, type IdempotencyLedger } from './idempotency';
import { RedisLedgerStore } from './idempotency-redis';

export { accessError, actingAccount, assertMayActFor, authenticate, EXPLORER, type Caller } from './caller';
export { hashKey, type KeyRing } from './keys';
export { requestSignalOf } from './limits';
export { createBodySizeGuard } from './body-size';
export { callerOf } from './plugin';
export { transferRefusal, mayReadTransfer, type AuthorityRefusal } from './authority';
export { CallMeter } from './upstream-calls';
export type { IdempotencyLedger } from './idempotency';

export interface Access {
  keyring: KeyRing | undefined;
  manifest: PersistedManifest;
  plugins: Plugin[];
  /**
   * Bigger bodies get 413 before they are read: checked on content-length by the node:http guard in front of
   * yoga (`createBodySizeGuard`, which also 411s bodies without a length) and by a plugin for `yoga.fetch`.
   */
  maxRequestBodySize: number;
  /** Idempotency-key records (Redis with REDIS_URL, else memory), for the mutation resolvers. */
  idempotency: IdempotencyLedger;
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
  return {
    keyring,
    manifest,
    idempotency,
    maxRequestBodySize: limits.maxBodyBytes,
    plugins: [
      useDeclaredBodySize(limits.maxBodyBytes),
      useAccess({ keyring, logger: opts.logger }),
      usePersistedDocuments({
        manifest,
        allowArbitrary: (request) => mayRunArbitraryDocuments(callerOf(request) ?? EXPLORER),
      }),
      ...useLimits({ limits, hideSuggestions: config.env === 'production' }),
      useUpstreamCallLimits(config.callLimits ?? DEFAULT_CALL_LIMITS),
    ],
  };
}
