// Events nobody misses: a subscriber that went away resumes from its last cursor and gets exactly what it missed,
// in order, then live ones; across two replicas on one Redis (moved from one to the other mid-stream, the first
// one gone), and by EventSource's own reconnect with Last-Event-ID. Real HTTP and WebSocket, real clients
// (graphql-sse, graphql-ws, eventsource), the emulator sending its signed webhooks after each recharge.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, compareIds } from '../../src/events/cursor';
import { DEMO_IDS } from '../../src/emulator/seed';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import { createGatewayEvents, WEBHOOK_PATH, type GatewayEvents } from '../../src/webhooks';
import { collect, wsClient } from '../edge/clients';
import { startHarness, type Harness } from '../harness';
import { deliver, rechargeEvent, REDIS_URL, sleep, testRedisPrefix } from './helpers';
import { subscribe } from './sse';
import { eventSource, follow, frontDoor, type FrontDoor } from './sse-client';

const C = DEMO_IDS.cards;
const logger = createLogger({ level: 'silent' });
/** Long enough for an event that should NOT arrive to have arrived. */
const QUIET_MS = 400;

const CARD_EVENTS = /* GraphQL */ `
  subscription ($cardId: UUID, $after: String) {
    cardEvents(cardId: $cardId, after: $after) {
      eventId
      cursor
      type
      amount {
        amount
      }
    }
  }
`;
type CardEvent = { cardEvents: { eventId: string; cursor: string; type: string; amount: { amount: string } } };

const RECHARGE = /* GraphQL */ `
  mutation ($input: CardAmountInput!) {
    rechargeCard(input: $input) {
      userErrors {
        code
      }
    }
  }
`;

const origin = (url: string) => url.replace(/\/graphql$/, '');

async function recharge(h: Harness, cardId: string, amount: string) {
  const res = await h.gql(RECHARGE, { input: { cardId, amount, idempotencyKey: randomUUID() } });
  expect(res.errors).toBeUndefined();
  expect(res.data.rechargeCard.userErrors).toEqual([]);
}

/** Webhooks of this type the emulator has delivered (2xx) so far. */
async function deliveredCount(h: Harness, type = 'card.recharge.succeeded'): Promise<number> {
  const body = (await (await fetch(`${h.emulator.url}/__emulator/webhooks`)).json()) as
    { event_type: string; status: string }[] | { deliveries: { event_type: string; status: string }[] };
  const log = Array.isArray(body) ? body : body.deliveries;
  return log.filter((d) => d.event_type === type && d.status === 'delivered').length;
}

/** Waits until the emulator has delivered `n` such webhooks in all. */
async function delivered(h: Harness, n: number) {
  for (let i = 0; i < 200; i++) {
    if ((await deliveredCount(h)) >= n) return;
    await sleep(25);
  }
  throw new Error(`the emulator did not deliver ${n} webhooks`);
}

const amounts = (results: { data?: CardEvent }[]) => results.map((r) => r.data!.cardEvents.amount.amount);
const ordered = (cursors: string[]) =>
  cursors.every((c, i) => i === 0 || compareIds(decodeCursor(cursors[i - 1]!)!.id, decodeCursor(c)!.id) < 0);

describe('resume after a disconnect (one gateway, in-memory log)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.emulator.setWebhookUrl(origin(h.gateway.url) + WEBHOOK_PATH);
  });
  afterAll(() => h?.close());

  it('disconnect, 3 recharges, reconnect with `after`: exactly those 3, in order, then live ones', async () => {
    const card = C.meiLingMastercard;
    const base = await deliveredCount(h);
    const first = follow<CardEvent>(h.gateway.url, CARD_EVENTS, { cardId: card });
    await sleep(100);
    await recharge(h, card, '1.00');
    await first.waitFor(1);
    const last = first.results[0]!.data!.cardEvents.cursor;
    first.close();

    for (const amount of ['2.00', '3.00', '4.00']) await recharge(h, card, amount);
    await delivered(h, base + 4);

    const resumed = follow<CardEvent>(h.gateway.url, CARD_EVENTS, { cardId: card, after: last });
    await resumed.waitFor(3);
    expect(amounts(resumed.results)).toEqual(['2.00', '3.00', '4.00']);
    await recharge(h, card, '5.00');
    await resumed.waitFor(4);
    await sleep(QUIET_MS);
    expect(amounts(resumed.results)).toEqual(['2.00', '3.00', '4.00', '5.00']);
    const cursors = resumed.results.map((r) => r.data!.cardEvents.cursor);
    expect(ordered([last, ...cursors])).toBe(true);
    expect(new Set(resumed.results.map((r) => r.data!.cardEvents.eventId)).size).toBe(4);
    resumed.close();
  });

  it('over WebSocket (graphql-ws) too: a new connection with `after` gets the 3 missed, in order, then live', async () => {
    const card = C.sophiaUsdSingle;
    const variables = { cardId: card };
    const base = await deliveredCount(h);
    const first = wsClient(h.gateway.url);
    const live = collect<CardEvent>(first, { query: CARD_EVENTS, variables });
    await sleep(100);
    await recharge(h, card, '1.10');
    await live.waitFor(1);
    const last = live.results[0]!.data!.cardEvents.cursor;
    live.stop();
    await first.dispose();

    for (const amount of ['2.10', '3.10', '4.10']) await recharge(h, card, amount);
    await delivered(h, base + 4);

    const second = wsClient(h.gateway.url);
    const resumed = collect<CardEvent>(second, { query: CARD_EVENTS, variables: { ...variables, after: last } });
    await resumed.waitFor(3);
    await recharge(h, card, '5.10');
    await resumed.waitFor(4);
    await sleep(QUIET_MS);
    expect(amounts(resumed.results)).toEqual(['2.10', '3.10', '4.10', '5.10']);
    resumed.stop();
    await second.dispose();
  });

  it('replays only what matches the subscription: another card’s events are passed over', async () => {
    const base = await deliveredCount(h);
    const s = follow<CardEvent>(h.gateway.url, CARD_EVENTS, { cardId: C.liamSgdSingle });
    await sleep(100);
    await recharge(h, C.liamSgdSingle, '1.50');
    await s.waitFor(1);
    const last = s.results[0]!.data!.cardEvents.cursor;
    s.close();
    await recharge(h, C.sophiaUsdSingle, '9.00'); // not this card
    await recharge(h, C.liamSgdSingle, '2.50');
    await delivered(h, base + 3);
    const resumed = follow<CardEvent>(h.gateway.url, CARD_EVENTS, { cardId: C.liamSgdSingle, after: last });
    await resumed.waitFor(1);
    await sleep(QUIET_MS);
    expect(amounts(resumed.results)).toEqual(['2.50']);
    resumed.close();
  });
});

describe('a cursor the log no longer covers, or not a cursor', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { GATEWAY_EVENT_RETENTION_COUNT: '3' } });
  });
  afterAll(() => h?.close());

  it('CURSOR_EXPIRED (410) once events after the cursor are trimmed; one whose successors remain resumes', async () => {
    const url = origin(h.gateway.url) + WEBHOOK_PATH;
    const live = follow<CardEvent>(h.gateway.url, CARD_EVENTS, { cardId: C.sophiaUsdSingle });
    await sleep(100);
    for (let i = 1; i <= 5; i++) {
      const event = rechargeEvent(C.sophiaUsdSingle, DEMO_IDS.masterAccountId, `${i}.00`);
      expect((await deliver(url, h.emulator.webhookSecret, event)).status).toBe(200);
    }
    await live.waitFor(5);
    const cursors = live.results.map((r) => r.data!.cardEvents.cursor);
    live.close();

    // Retention 3: events 1 and 2 are gone. After event 1, event 2 is missing: refused, not silently skipped.
    const expired = await subscribe(h.gateway.url, CARD_EVENTS, { cardId: C.sophiaUsdSingle, after: cursors[0] });
    expect(expired.status).toBe(410);
    await expired.waitFor(1);
    expect(expired.results[0]!.errors?.[0]?.extensions?.['code']).toBe('CURSOR_EXPIRED');
    expired.close();

    // After event 2 (itself trimmed), everything that follows is still there.
    const ok = follow<CardEvent>(h.gateway.url, CARD_EVENTS, { cardId: C.sophiaUsdSingle, after: cursors[1] });
    await ok.waitFor(3);
    expect(amounts(ok.results)).toEqual(['3.00', '4.00', '5.00']);
    ok.close();
  });

  it('BAD_USER_INPUT for a malformed cursor, and for one from past the end of the log', async () => {
    const bad = await subscribe(h.gateway.url, CARD_EVENTS, { after: 'not-a-cursor' });
    expect(bad.status).toBe(400);
    await bad.waitFor(1);
    expect(bad.results[0]!.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    bad.close();
  });
});

describe('two replicas on one Redis: the subscriber moves from one to the other mid-stream', () => {
  let h: Harness;
  let b: RunningGateway;
  let eventsA: GatewayEvents;
  let eventsB: GatewayEvents;
  let door: FrontDoor;
  let aClosed = false;

  beforeAll(async () => {
    const redisPrefix = testRedisPrefix('resume');
    const webhookSecret = `resume-secret-${randomUUID()}`;
    const make = () => createGatewayEvents({ redisUrl: REDIS_URL, redisPrefix, webhookSecret, logger });
    eventsA = make();
    eventsB = make();
    h = await startHarness({ emulator: { webhookSecret }, env: { REDIS_URL }, deps: { events: eventsA } });
    b = await startGateway(h.config, { logger, events: eventsB });
    await Promise.all([eventsA.log.ready, eventsB.log.ready]);
    h.emulator.setWebhookUrl(origin(h.gateway.url) + WEBHOOK_PATH);
    door = await frontDoor(h.gateway.port);
  });
  afterAll(async () => {
    await door?.close();
    await b?.close();
    if (aClosed) await h?.emulator.close();
    else await h?.close();
    await eventsA?.close();
    await eventsB?.close();
  });

  it('EventSource on A; A stops; 3 recharges; back on B by Last-Event-ID: those 3 in order, then live', async () => {
    const card = C.oliviaUsdShare;
    const query = `subscription { cardEvents(cardId: "${card}") { eventId cursor amount { amount } } }`;
    const es = eventSource<CardEvent>(door.url(), query);
    for (let i = 0; i < 100 && es.opened() === 0; i++) await sleep(20);
    await recharge(h, card, '1.00');
    await es.waitFor(1);
    // Each SSE message's id is the event's cursor.
    expect(es.ids[0]).toBe(es.results[0]!.data!.cardEvents.cursor);

    // Replica A stops (its subscribers are cut); the front door now leads to B, and webhooks go to B.
    door.switchTo(b.port);
    await h.gateway.close();
    aClosed = true;
    h.emulator.setWebhookUrl(origin(b.url) + WEBHOOK_PATH);
    const viaB = async (amount: string) => {
      const res = await fetch(b.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: RECHARGE,
          variables: { input: { cardId: card, amount, idempotencyKey: randomUUID() } },
        }),
      });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    };
    for (const amount of ['2.00', '3.00', '4.00']) await viaB(amount);

    await es.waitFor(4);
    expect(es.opened()).toBeGreaterThanOrEqual(2);
    await viaB('5.00');
    await es.waitFor(5);
    await sleep(QUIET_MS);
    expect(amounts(es.results)).toEqual(['1.00', '2.00', '3.00', '4.00', '5.00']);
    expect(es.ids).toEqual(es.results.map((r) => r.data!.cardEvents.cursor));
    expect(ordered(es.ids)).toBe(true);
    es.close();
  });
});
