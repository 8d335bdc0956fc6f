// Apollo Client 4: subscriptions over WebSocket (GraphQLWsLink) or over HTTP multipart (HttpLink, what it does
// with no WebSocket link), queries with @defer/@stream (multipart, Defer20220824Handler), and batched queries
// (BatchHttpLink: keep `batchMax` at or under the gateway's GATEWAY_MAX_BATCH_SIZE).
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws'; // node only: in a browser, leave out `webSocketImpl`

/** Subscriptions over WebSocket (graphql-transport-ws). */
export const apolloOverWebSocket = (wsUrl: string, key: string) =>
  new ApolloClient({
    link: new GraphQLWsLink(
      createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` } }),
    ),
    cache: new InMemoryCache(),
  });

/** Everything over HTTP: subscriptions as multipart, @defer/@stream as multipart. */
export const apolloOverHttp = (url: string, key: string) =>
  new ApolloClient({
    link: new HttpLink({ uri: url, headers: { authorization: `Bearer ${key}` } }),
    cache: new InMemoryCache(),
    incrementalHandler: new Defer20220824Handler(),
  });

/** Queries batched into one request (a JSON array of operations). */
export const apolloBatched = (url: string, key: string) =>
  new ApolloClient({
    link: new BatchHttpLink({ uri: url, headers: { authorization: `Bearer ${key}` }, batchMax: 10, batchInterval: 20 }),
    cache: new InMemoryCache(),
  });
