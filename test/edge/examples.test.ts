// README's client snippets are the files in examples/, shown verbatim (checked here), and each one is run here
// against a gateway with API keys: the code a reader copies is code that works.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gql } from '@apollo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apolloBatched, apolloOverHttp, apolloOverWebSocket } from '../../examples/apollo-transports';
import { cardEventsOverSse } from '../../examples/sse';
import { cardEventsOverWebSocket, persistedOverWebSocket } from '../../examples/websocket';
import { DEMO_IDS } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { createGatewayEvents, type GatewayEvents } from '../../src/webhooks';
import { accessFiles, ACME, FRONTEND_KEY, PARTNER_KEY } from '../access/helpers';
import { startHarness, type Harness } from '../harness';
import { deliverRecharge, wsUrl } from './clients';
import { sleep } from './helpers';

const ROOT = join(__dirname, '../..');
const C = DEMO_IDS.cards;
const SECRET = 'examples-secret';
const PARTNER_EVENTS = 'subscription PartnerExampleEvents { cardEvents { eventId cardId } }';

let h: Harness;
let events: GatewayEvents;
let files: ReturnType<typeof accessFiles>;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  files = accessFiles([PARTNER_EVENTS]);
  events = createGatewayEvents({ logger: createLogger({ level: 'silent' }), webhookSecret: SECRET });
  h = await startHarness({
    env: { GATEWAY_KEYS_FILE: files.keysFile, GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile },
    deps: { events },
  });
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

/** Subscribes with `start`, delivers a recharge of `cardId`, and returns what the subscriber got. */
async function firstEvent(cardId: string, start: (onEvent: (d: unknown) => void) => () => unknown) {
  const seen: unknown[] = [];
  const before = events.log.followers();
  const stop = start((d) => seen.push(d));
  cleanups.push(stop);
  await attached(before + 1);
  const eventId = await deliverRecharge(h.gateway.url, SECRET, cardId);
  for (let i = 0; i < 300 && seen.length === 0; i++) await sleep(10);
  await stop();
  await attached(before);
  return { seen, eventId };
}

describe('README', () => {
  it('shows every file of examples/ verbatim', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.ts'));
    expect(examples.length).toBeGreaterThan(0);
    for (const file of examples) {
      const code = readFileSync(join(ROOT, 'examples', file), 'utf8').trim();
      expect(readme.includes('```ts\n' + code + '\n```'), `README does not show examples/${file} as it is`).toBe(true);
    }
  });
});

describe('examples', () => {
  it('sse.ts: graphql-sse, distinct connections', async () => {
    const { seen, eventId } = await firstEvent(C.sophiaUsdSingle, (on) =>
      cardEventsOverSse(h.gateway.url, FRONTEND_KEY, on),
    );
    expect(seen).toEqual([{ cardEvents: { eventId, type: 'card.recharge.succeeded', cardId: C.sophiaUsdSingle } }]);
  });

  it('websocket.ts: graphql-ws with a frontend key acting for a connected account', async () => {
    const { seen, eventId } = await firstEvent(C.danielUsdSingle, (on) =>
      cardEventsOverWebSocket(wsUrl(h.gateway.url), FRONTEND_KEY, on, ACME),
    );
    expect(seen).toEqual([{ cardEvents: { eventId, type: 'card.recharge.succeeded', cardId: C.danielUsdSingle } }]);
  });

  it('websocket.ts: a partner subscribing by persisted document id', async () => {
    const documentId = `sha256:${files.ids.PartnerExampleEvents}`;
    const { seen, eventId } = await firstEvent(C.danielUsdSingle, (on) =>
      persistedOverWebSocket(wsUrl(h.gateway.url), PARTNER_KEY, documentId, on),
    );
    expect(seen).toEqual([{ cardEvents: { eventId, cardId: C.danielUsdSingle } }]);
  });

  it('apollo.ts: subscriptions over GraphQLWsLink and over HttpLink (multipart)', async () => {
    for (const apollo of [
      apolloOverWebSocket(wsUrl(h.gateway.url), FRONTEND_KEY),
      apolloOverHttp(h.gateway.url, FRONTEND_KEY),
    ]) {
      cleanups.push(() => apollo.stop());
      const { seen, eventId } = await firstEvent(C.oliviaUsdShare, (on) => {
        const sub = apollo
          .subscribe({
            query: gql`
              subscription {
                cardEvents {
                  eventId
                  cardId
                }
              }
            `,
          })
          .subscribe({ next: (r) => on(r.data) });
        return () => sub.unsubscribe();
      });
      expect(seen).toMatchObject([{ cardEvents: { eventId, cardId: C.oliviaUsdShare } }]);
    }
  });

  it('apollo.ts: @defer over HttpLink, and batched queries over BatchHttpLink', async () => {
    const deferred = await apolloOverHttp(h.gateway.url, FRONTEND_KEY).query({
      query: gql`
        query ExampleDefer($cardId: UUID!) {
          card(cardId: $cardId) {
            cardId
            ... @defer {
              transactions(first: 1) {
                totalCount
              }
            }
          }
        }
      `,
      variables: { cardId: C.sophiaUsdSingle },
    });
    expect(deferred.data).toMatchObject({
      card: { cardId: C.sophiaUsdSingle, transactions: { totalCount: expect.any(Number) } },
    });

    const batched = apolloBatched(h.gateway.url, FRONTEND_KEY);
    const query = gql`
      query ExampleCard($cardId: UUID!) {
        card(cardId: $cardId) {
          cardId
          status
        }
      }
    `;
    const [a, b] = await Promise.all([
      batched.query({ query, variables: { cardId: C.sophiaUsdSingle } }),
      batched.query({ query, variables: { cardId: C.liamSgdSingle } }),
    ]);
    expect([a.data, b.data]).toMatchObject([
      { card: { cardId: C.sophiaUsdSingle } },
      { card: { cardId: C.liamSgdSingle } },
    ]);
  });
});
