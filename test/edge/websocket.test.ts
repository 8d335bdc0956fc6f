// GraphQL over WebSocket (`graphql-transport-ws`), driven by the graphql-ws client library with `ws` as the node
// WebSocket, and by Apollo Client's GraphQLWsLink: the same keys, partner rules, acting account, limits,
// per-client subscription cap and metrics as over HTTP/SSE, through the HTTP edge's routing and bounds.
import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_IDS } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { createGatewayEvents, type GatewayEvents } from '../../src/webhooks';
import { accessFiles, ACME, bearer, FRONTEND_KEY, PARTNER_KEY } from '../access/helpers';
import { hashKey } from '../../src/access/keys';
import { startHarness, type Harness } from '../harness';
import { subscribe as sseSubscribe, type SseSubscription } from '../webhooks/sse';
import {
  collect,
  deliverRecharge,
  idempotencyKey,
  webSocketWithHeaders,
  wsClient,
  wsUrl,
  type Collected,
} from './clients';
import { head, raw, sleep } from './helpers';

const C = DEMO_IDS.cards;
const CAPPED_KEY = 'fe-ws-capped-key-41ac0d';
const CARD_EVENTS = 'subscription WsCardEvents($cardId: UUID) { cardEvents(cardId: $cardId) { eventId type cardId } }';
const PARTNER_EVENTS = 'subscription PartnerWsEvents { cardEvents { eventId cardId } }';
const MAX_BODY = 20_000;

let h: Harness;
let events: GatewayEvents;
let files: ReturnType<typeof accessFiles>;
const cleanups: (() => unknown)[] = [];
const track = <T extends { dispose(): unknown } | SseSubscription>(x: T): T => {
  cleanups.push(() => ('dispose' in x ? x.dispose() : x.close()));
  return x;
};

beforeAll(async () => {
  files = accessFiles(
    [PARTNER_EVENTS],
    [{ name: 'capped-dashboard', kind: 'frontend', keySha256: hashKey(CAPPED_KEY), maxSubscriptions: 3 }],
  );
  // Our own event log, so the test can count who follows it.
  events = createGatewayEvents({ logger: createLogger({ level: 'silent' }), webhookSecret: 'ws-test-secret' });
  h = await startHarness({
    env: {
      GATEWAY_KEYS_FILE: files.keysFile,
      GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile,
      GATEWAY_MAX_BODY_BYTES: String(MAX_BODY),
      GATEWAY_MAX_DEPTH: '6',
      GATEWAY_CORS_ORIGINS: 'https://app.example.com',
      // A connection must send connection_init within the headers timeout.
      GATEWAY_HEADERS_TIMEOUT_MS: '1000',
    },
    deps: { events },
  });
});
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
  await h?.close();
  await events?.close();
});

const frontend = () =>
  track(wsClient(h.gateway.url, { connectionParams: { authorization: `Bearer ${FRONTEND_KEY}` } }));
const recharge = (cardId: string) => deliverRecharge(h.gateway.url, 'ws-test-secret', cardId);

/** Waits until the log has `n` followers: the subscription is attached, so an event appended now reaches it. */
async function attached(n: number): Promise<void> {
  for (let i = 0; i < 200 && events.log.followers() !== n; i++) await sleep(10);
  expect(events.log.followers()).toBe(n);
}

describe('graphql-transport-ws with graphql-ws createClient', () => {
  it('delivers a card event to a frontend key subscribed over WebSocket', async () => {
    const before = events.log.followers();
    const client = frontend();
    const sub = collect(client, { query: CARD_EVENTS, variables: { cardId: C.sophiaUsdSingle } });
    await attached(before + 1);
    const eventId = await recharge(C.sophiaUsdSingle);
    await sub.waitFor(1);
    expect(sub.error).toBeUndefined();
    expect(sub.results[0]).toEqual({
      data: { cardEvents: { eventId, type: 'card.recharge.succeeded', cardId: C.sophiaUsdSingle } },
    });
    sub.stop();
    await attached(before);
  });

  it('runs queries and mutations over the same connection', async () => {
    const client = frontend();
    const q = collect(client, { query: '{ card(cardId: "' + C.sophiaUsdSingle + '") { cardId status } }' });
    await q.ended();
    expect(q.results).toEqual([{ data: { card: { cardId: C.sophiaUsdSingle, status: 'ACTIVE' } } }]);
    const suffix = idempotencyKey().slice(0, 8);
    const m = collect(client, {
      query: `mutation ($input: CreateCardholderInput!) {
        createCardholder(input: $input) { cardholder { email } userErrors { code } }
      }`,
      variables: {
        input: {
          firstName: 'Ada',
          lastName: 'Socket',
          email: `ada.${suffix}@example.com`,
          countryCode: 'SG',
          phoneNumber: String(80_000_000 + Math.floor(Math.random() * 9_999_999)),
          idempotencyKey: idempotencyKey(),
        },
      },
    });
    await m.ended();
    expect(m.results).toEqual([
      { data: { createCardholder: { cardholder: { email: `ada.${suffix}@example.com` }, userErrors: [] } } },
    ]);
  });

  it('closes 4401 without a key or with an unknown one, before any operation runs', async () => {
    for (const connectionParams of [{}, { authorization: 'Bearer not-a-key' }, { authorization: FRONTEND_KEY }]) {
      const client = track(wsClient(h.gateway.url, { connectionParams }));
      const sub = collect(client, { query: CARD_EVENTS });
      await sub.ended();
      expect(sub.results).toEqual([]);
      expect(client.closes[0]?.code).toBe(4401);
      expect(client.closes[0]?.reason).toMatch(
        connectionParams.authorization === undefined
          ? /^Missing API key: send `authorization: "Bearer <key>"` in connection_init's payload\.$/
          : /API key|Authorization/,
      );
    }
  });

  it('takes the key from the upgrade request when a node client sends it there', async () => {
    const good = track(wsClient(h.gateway.url, { webSocketImpl: webSocketWithHeaders(bearer(FRONTEND_KEY)) }));
    const q = collect(good, { query: '{ account { accountId } }' });
    await q.ended();
    expect(q.results[0]?.data).toEqual({ account: { accountId: DEMO_IDS.accounts.master } });

    // A bad key on the upgrade request is refused before upgrading, like a body before it is read.
    const r = await raw(
      h.gateway.port,
      head('GET /graphql HTTP/1.1', [
        'host: 127.0.0.1',
        'connection: Upgrade',
        'upgrade: websocket',
        'sec-websocket-version: 13',
        'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-protocol: graphql-transport-ws',
        'authorization: Bearer not-a-key',
      ]),
    );
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('holds a partner to persisted documents and to its own account', async () => {
    const partner = track(wsClient(h.gateway.url, { connectionParams: { authorization: `Bearer ${PARTNER_KEY}` } }));
    const arbitrary = collect(partner, { query: CARD_EVENTS });
    await arbitrary.ended();
    expect((arbitrary.error as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');

    // graphql-ws needs `query` to be a string: a partner sends an empty one beside the persisted id, in either form.
    const before = events.log.followers();
    const byId = collect(partner, { query: '', documentId: `sha256:${files.ids.PartnerWsEvents}` });
    const byHash = collect(partner, {
      query: '',
      extensions: { persistedQuery: { version: 1, sha256Hash: files.ids.PartnerWsEvents } },
    });
    await attached(before + 2);
    await recharge(C.sophiaUsdSingle); // the master's card: not the partner's to see
    const own = await recharge(C.danielUsdSingle); // Acme Travel's card
    await byId.waitFor(1);
    await byHash.waitFor(1);
    expect(byId.results).toEqual([{ data: { cardEvents: { eventId: own, cardId: C.danielUsdSingle } } }]);
    expect(byHash.results).toEqual(byId.results);
    byId.stop();
    byHash.stop();
    await attached(before);

    // A partner naming another account is refused at connection_init.
    const foreign = track(
      wsClient(h.gateway.url, {
        connectionParams: { authorization: `Bearer ${PARTNER_KEY}`, 'x-on-behalf-of': DEMO_IDS.accounts.globexMedia },
      }),
    );
    const refused = collect(foreign, { query: '', documentId: `sha256:${files.ids.PartnerWsEvents}` });
    await refused.ended();
    expect(foreign.closes[0]).toMatchObject({ code: 4403 });
    expect(foreign.closes[0]?.reason).toMatch(/may only act for its own account/);
  });

  it('acts for the account named by x-on-behalf-of in connectionParams', async () => {
    const client = track(
      wsClient(h.gateway.url, {
        connectionParams: { authorization: `Bearer ${FRONTEND_KEY}`, 'x-on-behalf-of': ACME },
      }),
    );
    const account = collect(client, { query: '{ account { accountId } }' });
    await account.ended();
    expect(account.results[0]?.data).toEqual({ account: { accountId: ACME } });

    const before = events.log.followers();
    const sub = collect(client, { query: CARD_EVENTS });
    await attached(before + 1);
    await recharge(C.oliviaUsdShare); // the master's
    const own = await recharge(C.danielUsdSingle);
    await sub.waitFor(1);
    await sleep(100);
    expect(sub.results.map((r) => r.data.cardEvents.eventId)).toEqual([own]);
    sub.stop();
    await attached(before);
  });

  it('applies the document limits and the upstream call estimate to each operation', async () => {
    const client = frontend();
    const deep = collect(client, {
      query: '{ cards(first: 1) { edges { node { cardholder { cards(first: 1) { edges { node { cardId } } } } } } } }',
    });
    await deep.ended();
    const code = (c: Collected) => (c.error as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code;
    expect(code(deep)).toBe('QUERY_LIMIT_EXCEEDED');

    const costly = collect(client, {
      query: '{ cards(first: 100) { edges { node { transactions(first: 5) { totalCount } } } } }',
    });
    await costly.ended();
    expect(costly.results[0]?.errors?.[0]?.extensions?.code ?? code(costly)).toBe('QUERY_LIMIT_EXCEEDED');
    // The refusals carry no transport internals.
    expect(JSON.stringify([deep.error, costly.results, costly.error])).not.toMatch(/"http"|originalError/);
  });

  it('shares the per-client subscription cap with SSE, and frees a slot when a subscription completes', async () => {
    const capped = { authorization: `Bearer ${CAPPED_KEY}` };
    const before = events.log.followers();
    const sse = await Promise.all([1, 2].map(() => sseSubscribe(h.gateway.url, CARD_EVENTS, {}, capped)));
    sse.forEach(track);
    const client = track(wsClient(h.gateway.url, { connectionParams: capped }));
    const third = collect(client, { query: CARD_EVENTS });
    await attached(before + 3);
    const fourth = collect(client, { query: CARD_EVENTS });
    await fourth.ended();
    expect((fourth.error as { extensions?: { code?: string }; message: string }[])[0]).toMatchObject({
      extensions: { code: 'SUBSCRIPTION_LIMIT_EXCEEDED' },
      message: expect.stringMatching(/at most 3 concurrent subscriptions/),
    });
    expect(events.log.followers()).toBe(before + 3);

    third.stop();
    await attached(before + 2);
    const again = collect(client, { query: CARD_EVENTS });
    await attached(before + 3);
    expect(again.error).toBeUndefined();
    again.stop();
    sse.forEach((s) => s.close());
    await attached(before);
  });

  it('holds a client to as many connections as its subscription allowance (then 1013, try again later)', async () => {
    const capped = { authorization: `Bearer ${CAPPED_KEY}` };
    const clients = [1, 2, 3, 4].map(() => track(wsClient(h.gateway.url, { connectionParams: capped })));
    const queries = clients.map((c) => collect(c, { query: '{ account { accountId } }' }));
    await Promise.all(queries.map((q) => q.ended()));
    const refused = clients.filter((c) => c.closes[0]?.code === 1013);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.closes[0]!.reason).toMatch(/at most 3 WebSocket connections/);
    expect(queries.filter((q) => q.results[0]?.data?.account)).toHaveLength(3);
    // A connection that closes frees its place.
    await clients.find((c) => !refused.includes(c))!.dispose();
    const again = track(wsClient(h.gateway.url, { connectionParams: capped }));
    let q = collect(again, { query: '{ account { accountId } }' });
    for (let i = 0; i < 20 && (await q.ended().then(() => again.closes[0]?.code === 1013)); i++) {
      await sleep(50); // the server has not seen the other connection close yet
      again.closes.length = 0;
      q = collect(again, { query: '{ account { accountId } }' });
    }
    expect(q.results[0]?.data?.account).toBeDefined();
    for (const c of [...clients, again]) await c.dispose();
  });

  it('frees the subscriptions of a connection that drops without a word', async () => {
    const before = events.log.followers();
    const socket = new WebSocket(wsUrl(h.gateway.url), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${FRONTEND_KEY}` } }));
    await new Promise((resolve) => socket.once('message', resolve)); // connection_ack
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: CARD_EVENTS } }));
    await attached(before + 1);
    socket.terminate();
    await attached(before);
  });

  it('counts WebSocket operations in the same metrics as HTTP ones', async () => {
    const client = frontend();
    const sub = collect(client, { query: CARD_EVENTS, operationName: 'WsCardEvents' });
    await sub.waitFor(0);
    const q = collect(client, { query: 'query WsMetricsProbe { account { accountId } }' });
    await q.ended();
    const metrics = await (await fetch(h.gateway.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(
      /gateway_graphql_request_duration_seconds_count\{operation="WsMetricsProbe",type="query"\} 1/,
    );
    expect(metrics).toMatch(
      /gateway_graphql_request_duration_seconds_count\{operation="WsCardEvents",type="subscription"\} \d/,
    );
    expect(metrics).toMatch(/gateway_websocket_connections [1-9]/);
    sub.stop();
  });

  it('bounds message sizes: a message over GATEWAY_MAX_BODY_BYTES closes the connection (1009)', async () => {
    const client = frontend();
    const big = collect(client, { query: CARD_EVENTS, variables: { pad: 'x'.repeat(MAX_BODY + 1) } });
    await big.ended();
    expect(client.closes[0]?.code).toBe(1009);
  });

  it('routes the upgrade through the edge: normalised paths, unknown paths and foreign origins', async () => {
    const base = `ws://127.0.0.1:${h.gateway.port}`;
    const viaDotSegments = track(
      wsClient(`${base}/x/../graphql`.replace(/^ws/, 'http'), {
        connectionParams: { authorization: `Bearer ${FRONTEND_KEY}` },
      }),
    );
    const q = collect(viaDotSegments, { query: '{ account { accountId } }' });
    await q.ended();
    expect(q.results[0]?.data?.account?.accountId).toBe(DEMO_IDS.accounts.master);

    const upgrade = (path: string, extra: string[] = []) =>
      raw(
        h.gateway.port,
        head(`GET ${path} HTTP/1.1`, [
          'host: 127.0.0.1',
          'connection: Upgrade',
          'upgrade: websocket',
          'sec-websocket-version: 13',
          'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==',
          'sec-websocket-protocol: graphql-transport-ws',
          ...extra,
        ]),
      );
    const unknown = await upgrade('/graphql-ws');
    expect(unknown.status).toBe(404);
    const foreign = await upgrade('/graphql', ['origin: https://evil.example']);
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).errors[0].extensions.code).toBe('CSRF_PREVENTED');
    // A listed origin, and a page of the gateway's own origin (GraphiQL), are let through.
    for (const origin of ['https://app.example.com', `http://127.0.0.1:${h.gateway.port}`]) {
      const socket = new WebSocket(wsUrl(h.gateway.url), 'graphql-transport-ws', { origin });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      socket.close();
    }
  });

  it('closes a connection that never sends connection_init', async () => {
    const socket = new WebSocket(wsUrl(h.gateway.url), 'graphql-transport-ws');
    const closed = await new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    expect(closed).toBe(4408);
  });
});

describe('Apollo Client GraphQLWsLink', () => {
  it('receives subscription events', async () => {
    const wsLink = new GraphQLWsLink(
      createClient({
        url: wsUrl(h.gateway.url),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${FRONTEND_KEY}` },
      }),
    );
    const apollo = new ApolloClient({ link: wsLink, cache: new InMemoryCache() });
    cleanups.push(() => apollo.stop());
    const seen: unknown[] = [];
    const before = events.log.followers();
    const sub = apollo
      .subscribe({
        query: gql`
          subscription ApolloCardEvents($cardId: UUID) {
            cardEvents(cardId: $cardId) {
              eventId
              cardId
            }
          }
        `,
        variables: { cardId: C.liamSgdSingle },
      })
      .subscribe({ next: (r) => seen.push(r) });
    await attached(before + 1);
    const eventId = await recharge(C.liamSgdSingle);
    for (let i = 0; i < 200 && seen.length === 0; i++) await sleep(10);
    expect(seen[0]).toMatchObject({ data: { cardEvents: { eventId, cardId: C.liamSgdSingle } } });
    sub.unsubscribe();
    await attached(before);
  });
});

describe('shutdown', () => {
  // Last: it closes this file's gateway.
  it('closes open WebSockets with 1001 (reconnect elsewhere) and lets the server stop', async () => {
    const before = events.log.followers();
    const client = frontend();
    const sub = collect(client, { query: CARD_EVENTS });
    await attached(before + 1);
    await h.gateway.close();
    await sub.ended();
    expect(client.closes[0]?.code).toBe(1001);
  });
});
