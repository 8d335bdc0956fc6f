// Subscriptions over plain HTTP, as the client libraries speak them: graphql-sse (distinct connections, and its
// single connection mode, which the gateway refuses with a clear answer) and Apollo Client's HttpLink (multipart
// subscriptions, `Accept: multipart/mixed;subscriptionSpec=1.0`), with a real client each.
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createClient as createSseClient, NetworkError } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { createGatewayEvents, type GatewayEvents } from '../../src/webhooks';
import { startHarness, type Harness } from '../harness';
import { deliverRecharge } from './clients';
import { sleep } from './helpers';

const C = DEMO_IDS.cards;
const SECRET = 'http-subscriptions-secret';
const HEARTBEAT_MS = 150;
const CARD_EVENTS = 'subscription HttpCardEvents($cardId: UUID) { cardEvents(cardId: $cardId) { eventId cardId } }';

let h: Harness;
let events: GatewayEvents;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  events = createGatewayEvents({ logger: createLogger({ level: 'silent' }), webhookSecret: SECRET });
  h = await startHarness({ env: { GATEWAY_STREAM_HEARTBEAT_MS: String(HEARTBEAT_MS) }, deps: { events } });
});
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
  await h?.close();
  await events?.close();
});

async function attached(n: number): Promise<void> {
  for (let i = 0; i < 200 && events.log.followers() !== n; i++) await sleep(10);
  expect(events.log.followers()).toBe(n);
}
const recharge = (cardId: string) => deliverRecharge(h.gateway.url, SECRET, cardId);

describe('graphql-sse', () => {
  it('distinct connections mode (the default) delivers events', async () => {
    const client = createSseClient({ url: h.gateway.url, retryAttempts: 0 });
    cleanups.push(() => client.dispose());
    const before = events.log.followers();
    const seen: unknown[] = [];
    const stop = client.subscribe(
      { query: CARD_EVENTS, variables: { cardId: C.sophiaUsdSingle } },
      { next: (r) => void seen.push(r), error: (e) => void seen.push({ error: e }), complete: () => undefined },
    );
    await attached(before + 1);
    const eventId = await recharge(C.sophiaUsdSingle);
    for (let i = 0; i < 200 && seen.length === 0; i++) await sleep(10);
    expect(seen).toEqual([{ data: { cardEvents: { eventId, cardId: C.sophiaUsdSingle } } }]);
    stop();
    await attached(before);
  });

  it('single connection mode is refused with a message that names the transports to use instead', async () => {
    // The client aborts the reservation's response when it fails: keep what it answered to read it here.
    let answer: Response | undefined;
    const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await fetch(input, init);
      if (init?.method !== 'PUT') return res;
      const body = await res.text();
      answer = new Response(body, { status: res.status, headers: res.headers });
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    };
    const client = createSseClient({ url: h.gateway.url, singleConnection: true, retryAttempts: 0, fetchFn });
    cleanups.push(() => client.dispose());
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: CARD_EVENTS },
        { next: () => undefined, error: resolve, complete: () => resolve(null) },
      );
    });
    expect(error).toBeInstanceOf(NetworkError);
    // What the library reports: the status line, with a reason phrase that says what happened.
    expect((error as Error).message).toBe(
      'Server responded with 405: Method Not Allowed: graphql-sse single connection mode is not served',
    );
    expect(answer!.status).toBe(405);
    expect(answer!.headers.get('allow')).toBe('GET, POST');
    const body = (await answer!.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('TRANSPORT_NOT_SUPPORTED');
    expect(body.errors[0]!.message).toMatch(/single connection mode/);
    expect(body.errors[0]!.message).toMatch(/graphql-transport-ws/);
  });
});

describe('Apollo Client HttpLink (multipart subscriptions)', () => {
  it('delivers events, and frees the subscription when the client unsubscribes', async () => {
    const apollo = new ApolloClient({ link: new HttpLink({ uri: h.gateway.url }), cache: new InMemoryCache() });
    cleanups.push(() => apollo.stop());
    const seen: { data?: unknown; error?: unknown }[] = [];
    const before = events.log.followers();
    const sub = apollo
      .subscribe({
        query: gql`
          subscription ApolloHttpCardEvents($cardId: UUID) {
            cardEvents(cardId: $cardId) {
              eventId
              cardId
            }
          }
        `,
        variables: { cardId: C.oliviaUsdShare },
      })
      .subscribe({ next: (r) => void seen.push(r), error: (error) => void seen.push({ error }) });
    await attached(before + 1);
    const first = await recharge(C.oliviaUsdShare);
    for (let i = 0; i < 200 && seen.length < 1; i++) await sleep(10);
    // Heartbeats went by meanwhile (HEARTBEAT_MS), and Apollo skipped them as its protocol says.
    await sleep(HEARTBEAT_MS * 2);
    const second = await recharge(C.oliviaUsdShare);
    for (let i = 0; i < 200 && seen.length < 2; i++) await sleep(10);
    expect(seen).toMatchObject([
      { data: { cardEvents: { eventId: first, cardId: C.oliviaUsdShare } } },
      { data: { cardEvents: { eventId: second, cardId: C.oliviaUsdShare } } },
    ]);
    sub.unsubscribe();
    await attached(before);
  });

  it('frames each event as Apollo multipart subscription payloads, with heartbeats', async () => {
    const abort = new AbortController();
    cleanups.push(() => abort.abort());
    const before = events.log.followers();
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json',
      },
      body: JSON.stringify({ query: CARD_EVENTS, variables: { cardId: C.liamSgdSingle } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(
      /^multipart\/mixed;\s*boundary="graphql";\s*subscriptionSpec="1.0"/,
    );
    await attached(before + 1);
    let text = '';
    const reader = res.body!.getReader();
    const read = async (until: (t: string) => boolean) => {
      while (!until(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await read((t) => t.includes('{}'));
    const eventId = await recharge(C.liamSgdSingle);
    await read((t) => t.includes(eventId));
    const parts = text
      .split('\r\n--graphql')
      .map((p) => p.slice(p.indexOf('\r\n\r\n') + 4).trim())
      .filter(Boolean);
    expect(parts).toContain('{}');
    expect(parts.map((p) => JSON.parse(p))).toContainEqual({
      payload: { data: { cardEvents: { eventId, cardId: C.liamSgdSingle } } },
    });
    abort.abort();
    await attached(before);
  });

  it('answers a stream nobody asked to stream with a 406 that says which Accept to send', async () => {
    const before = events.log.followers();
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: CARD_EVENTS }),
    });
    expect(res.status).toBe(406);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('NOT_ACCEPTABLE');
    expect(body.errors[0]!.message).toMatch(/text\/event-stream/);
    expect(body.errors[0]!.message).toMatch(/multipart\/mixed/);
    // Nothing stays attached for a refused stream.
    await attached(before);
  });
});
