// urql 6 with @urql/exchange-persisted. Partners: the manifest's ids only (no retry with the document).
// Frontends: automatic persisted queries, the exchange's own sha256.
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { manifestId } from './manifest-ids';

export function partnerUrql(url: string, key: string) {
  const persisted = persistedExchange({
    enforcePersistedQueries: true,
    enableForMutation: true,
    generateHash: async (_query, document) => manifestId(document),
  });
  const fetchOptions = { headers: { authorization: `Bearer ${key}` } };
  return new Client({ url, fetchOptions, exchanges: [cacheExchange, persisted, fetchExchange] });
}

export function frontendUrql(url: string, key: string) {
  const persisted = persistedExchange({ enableForMutation: true });
  const fetchOptions = { headers: { authorization: `Bearer ${key}` } };
  return new Client({ url, fetchOptions, exchanges: [cacheExchange, persisted, fetchExchange] });
}
