// Apollo Client 4 with persisted queries. Partners: the link sends the manifest's id, never the document.
// Frontends: automatic persisted queries (the hash first; the document only when the gateway does not know it yet).
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { manifestId } from './manifest-ids';

// Hex sha256 of the printed document (WebCrypto: browsers and Node alike).
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function partnerApollo(uri: string, key: string) {
  const persisted = new PersistedQueryLink({ generateHash: manifestId });
  const http = new HttpLink({ uri, headers: { authorization: `Bearer ${key}` } });
  return new ApolloClient({ link: persisted.concat(http), cache: new InMemoryCache() });
}

export function frontendApollo(uri: string, key: string) {
  const persisted = new PersistedQueryLink({ sha256 });
  const http = new HttpLink({ uri, headers: { authorization: `Bearer ${key}` } });
  return new ApolloClient({ link: persisted.concat(http), cache: new InMemoryCache() });
}
