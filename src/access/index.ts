// Who may call and what they may send: API keys, partner rules, persisted documents and limits, composed into
// the plugin list server.ts mounts (after the observability plugins, so refusals are measured and logged).
import type { Plugin } from 'graphql-yoga';
import type { GatewayConfig } from '../config';
import type { Logger } from '../logger';
import { mayRunArbitraryDocuments, EXPLORER } from './caller';
import { createKeyRing, loadKeysFile, type KeyRing } from './keys';
import { useDeclaredBodySize } from './body-size';
import { limitsOf, useLimits } from './limits';
import { loadManifest, usePersistedDocuments, type PersistedManifest } from './persisted';
import { announceAccessMode, callerOf, useAccess } from './plugin';

export { accessError, actingAccount, assertMayActFor, authenticate, EXPLORER, type Caller } from './caller';
export { hashKey, type KeyRing } from './keys';
export { requestSignalOf } from './limits';
export { createBodySizeGuard } from './body-size';
export { callerOf } from './plugin';

export interface Access {
  keyring: KeyRing | undefined;
  manifest: PersistedManifest;
  plugins: Plugin[];
  /**
   * Bigger bodies get 413 before they are read: checked on content-length by the node:http guard in front of
   * yoga (`createBodySizeGuard`, which also 411s bodies without a length) and by a plugin for `yoga.fetch`.
   */
  maxRequestBodySize: number;
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
  return {
    keyring,
    manifest,
    maxRequestBodySize: limits.maxBodyBytes,
    plugins: [
      useDeclaredBodySize(limits.maxBodyBytes),
      useAccess({ keyring, logger: opts.logger }),
      usePersistedDocuments({
        manifest,
        allowArbitrary: (request) => mayRunArbitraryDocuments(callerOf(request) ?? EXPLORER),
      }),
      ...useLimits({ limits, hideSuggestions: config.env === 'production' }),
    ],
  };
}
