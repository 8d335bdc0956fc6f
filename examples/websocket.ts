// WebSocket, graphql-transport-ws (graphql-ws's client; urql's subscriptionExchange takes the same client).
// The key (and an acting account) go in connection_init's payload: browsers cannot set upgrade headers.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws'; // node only: in a browser, leave out `webSocketImpl`

export function cardEventsOverWebSocket(
  url: string, // ws://127.0.0.1:4000/graphql
  key: string,
  onEvent: (data: unknown) => void,
  actingFor?: string, // a connected account's UUID
): () => Promise<void> {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}`, ...(actingFor ? { 'x-on-behalf-of': actingFor } : {}) },
  });
  const stop = client.subscribe(
    { query: 'subscription { cardEvents { eventId type cardId } }' },
    { next: ({ data }) => onEvent(data), error: console.error, complete: () => undefined },
  );
  return async () => {
    stop();
    await client.dispose();
  };
}

/**
 * A partner key runs persisted documents only: graphql-ws needs `query` to be a string, so send an empty one
 * beside the manifest id (`documentId`, or Apollo's `extensions.persistedQuery.sha256Hash`).
 */
export function persistedOverWebSocket(url: string, key: string, documentId: string, onEvent: (data: unknown) => void) {
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` } });
  const stop = client.subscribe({ query: '', documentId } as { query: string }, {
    next: ({ data }) => onEvent(data),
    error: console.error,
    complete: () => undefined,
  });
  return async () => {
    stop();
    await client.dispose();
  };
}
