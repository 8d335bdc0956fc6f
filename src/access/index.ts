// Who may call and what they may send: API keys, partner rules, persisted documents and limits, composed into
// the plugin list server.ts mounts (after the observability plugins, so refusals are measured and logged).
import type { Plugin } from 'graphql-yoga';
import type { GatewayConfig } from '../config';
import type { Logger } from '../logger';
import { actingAccount, authenticate, mayRunArbitraryDocuments, EXPLORER, type Caller } from './caller';
import { createKeyRing, loadKeysFile, type KeyRing } from './keys';
import { useDeclaredBodySize } from './body-size';
import { limitsOf, useLimits } from './limits';
import { loadManifest, usePersistedDocuments, type PersistedManifest } from './persisted';
import { announceAccessMode, callerOf, useAccess } from './plugin';
import { createConcurrencyLimiter, useSubscriptionLimit, type ConcurrencyLimiter } from './subscription-limit';

export { accessError, actingAccount, assertMayActFor, authenticate, EXPLORER, type Caller } from './caller';
export { hashKey, type KeyRing } from './keys';
export { requestSignalOf } from './limits';
export { callerOf } from './plugin';
export {
  createConcurrencyLimiter,
  subscriberKey,
  SUBSCRIPTION_LIMIT_CODE,
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
  /**
   * The refusal a GraphQL request's headers alone earn (missing or unknown key, a partner naming another
   * account), thrown so the edge can answer before reading the body. Undefined in open explorer mode.
   */
  checkHeaders?(authorization: string | undefined, onBehalfOf: string | undefined): void;
  /** Concurrent subscriptions per client; a WebSocket transport takes slots from the same limiter. */
  subscriptions: { limiter: ConcurrencyLimiter; maxFor(caller: Caller): number };
}

export interface AccessOptions {
  logger: Logger;
}

export function createAccess(config: GatewayConfig, opts: AccessOptions): Access {
  const keyring = config.keysFile ? createKeyRing(loadKeysFile(config.keysFile)) : undefined;
  announceAccessMode(opts.logger, keyring, config.keysFile);
  const manifest = loadManifest(config.persistedDocumentsFile);
  opts.logger.info({ documents: manifest.size }, 'persisted documents loaded');
  const limits = limitsOf(config);
  const defaultMax = limits.maxSubscriptionsPerClient ?? DEFAULT_MAX_SUBSCRIPTIONS;
  const perClient = new Map((keyring?.clients ?? []).map((c) => [c.name, c.maxSubscriptions ?? defaultMax]));
  const subscriptions = {
    limiter: createConcurrencyLimiter(),
    maxFor: (caller: Caller) => perClient.get(caller.name) ?? defaultMax,
  };
  return {
    keyring,
    manifest,
    maxRequestBodySize: limits.maxBodyBytes,
    checkHeaders: keyring
      ? (authorization, onBehalfOf) => void actingAccount(authenticate(authorization, keyring), onBehalfOf)
      : undefined,
    subscriptions,
    plugins: [
      useDeclaredBodySize(limits.maxBodyBytes),
      useAccess({ keyring, logger: opts.logger }),
      useSubscriptionLimit(subscriptions),
      usePersistedDocuments({
        manifest,
        allowArbitrary: (request) => mayRunArbitraryDocuments(callerOf(request) ?? EXPLORER),
      }),
      ...useLimits({ limits, hideSuggestions: config.env === 'production' }),
    ],
  };
}
