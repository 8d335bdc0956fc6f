// End to end: the emulator finishes a card order and sends its signed webhook to the gateway, which publishes
// it to GraphQL subscriptions over SSE. Real HTTP throughout (harness: emulator + gateway on port 0).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { hashKey } from '../../src/access/keys';
import { DEMO_IDS } from '../../src/emulator/seed';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import { createGatewayEvents, WEBHOOK_PATH, type GatewayEvents } from '../../src/webhooks';
import { startHarness, type Harness } from '../harness';
import { deliver, envelope, rechargeEvent, REDIS_URL, sleep, testRedisPrefix } from './helpers';
import { subscribe, type SseSubscription } from './sse';

const C = DEMO_IDS.cards;
const MASTER = DEMO_IDS.masterAccountId;
const ACME = DEMO_IDS.accounts.acmeTravel;
const logger = createLogger({ level: 'silent' });
/** Long enough for a webhook that should NOT arrive to have arrived. */
const QUIET_MS = 400;

const CARD_EVENTS = /* GraphQL */ `
  subscription ($cardId: UUID) {
    cardEvents(cardId: $cardId) {
      eventId
      type
      occurredAt
      succeeded
      cardId
      orderId
      orderStatus
      cardStatus
      amount {
        amount
        currency
      }
      cardAvailableBalance {
        amount
        currency
      }
      card {
        cardId
        availableBalance {
          amount
          currency
        }
      }
    }
  }
`;
const ISSUING_EVENTS = /* GraphQL */ `
  subscription ($types: [String!]) {
    issuingEvents(types: $types) {
      eventId
      type
      cardId
      data
      card {
        cardId
      }
    }
  }
`;
const RECHARGE = /* GraphQL */ `
  mutation ($input: CardAmountInput!) {
    rechargeCard(input: $input) {
      order {
        orderId
        status
      }
      card {
        availableBalance {
          amount
        }
      }
      userErrors {
        code
        message
      }
    }
  }
`;

/** Partner keys run persisted documents only: find ours in the manifest codegen wrote. */
function persisted(operation: string): { documentId: string } {
  const manifest = JSON.parse(
    readFileSync(new URL('../../generated/persisted-documents.json', import.meta.url), 'utf8'),
  ) as Record<string, string>;
  const hit = Object.entries(manifest).find(([, doc]) =>
    new RegExp(`^(query|mutation|subscription) ${operation}\\b`).test(doc),
  );
  if (!hit)
    throw new Error(`operation ${operation} is not in generated/persisted-documents.json (run npm run codegen)`);
  return { documentId: hit[0] };
}

const origin = (gateway: RunningGateway) => gateway.url.replace(/\/graphql$/, '');

async function recharge(h: Harness, cardId: string, amount: string, headers: Record<string, string> = {}) {
  const res = await h.gql(RECHARGE, { input: { cardId, amount, idempotencyKey: randomUUID() } }, { headers });
  expect(res.errors).toBeUndefined();
  expect(res.data.rechargeCard.userErrors).toEqual([]);
  return res.data.rechargeCard;
}

async function deliveries(h: Harness): Promise<{ event_type: string; status: string; last_status: number | null }[]> {
  const body = (await (await fetch(`${h.emulator.url}/__emulator/webhooks`)).json()) as unknown;
  return Array.isArray(body) ? body : ((body as { deliveries: never[] }).deliveries ?? []);
}

describe("subscriptions fed by the emulator's webhooks", () => {
  let h: Harness;
  const open: SseSubscription[] = [];
  const sub = async (...args: Parameters<typeof subscribe>) => {
    const s = await subscribe(...args);
    open.push(s);
    expect(s.status).toBe(200);
    return s;
  };

  beforeAll(async () => {
    h = await startHarness();
    h.emulator.setWebhookUrl(origin(h.gateway) + WEBHOOK_PATH);
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await h?.close();
  });

  it("delivers card.recharge.succeeded to that card's subscription, with the card's new state, and not to another card's", async () => {
    const mine = await sub(h.gateway.url, CARD_EVENTS, { cardId: C.sophiaUsdSingle });
    const other = await sub(h.gateway.url, CARD_EVENTS, { cardId: C.oliviaUsdShare });
    const result = await recharge(h, C.sophiaUsdSingle, '12.50');

    await mine.waitFor(1);
    const event = mine.results[0]!;
    expect(event.errors).toBeUndefined();
    const e = (event.data as { cardEvents: Record<string, any> }).cardEvents;
    expect(e).toMatchObject({
      type: 'card.recharge.succeeded',
      succeeded: true,
      cardId: C.sophiaUsdSingle,
      orderStatus: 'SUCCESS',
      cardStatus: 'ACTIVE',
      amount: { amount: '12.50', currency: 'USD' },
    });
    expect(e.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The entity is read fresh: it shows the balance after the recharge, as the mutation's payload did.
    expect(e.card.availableBalance.amount).toBe(result.card.availableBalance.amount);
    expect(e.cardAvailableBalance.amount).toBe(result.card.availableBalance.amount);

    await sleep(QUIET_MS);
    expect(other.results).toEqual([]);
    expect(mine.results).toHaveLength(1);
    const sent = (await deliveries(h)).filter((d) => d.event_type === 'card.recharge.succeeded');
    expect(sent.at(-1)).toMatchObject({ status: 'delivered', last_status: 200 });
  });

  it('resolves the card fresh on every event of a long-lived subscription', async () => {
    const s = await sub(h.gateway.url, CARD_EVENTS, { cardId: C.meiLingMastercard });
    const first = await recharge(h, C.meiLingMastercard, '1.00');
    await s.waitFor(1);
    const second = await recharge(h, C.meiLingMastercard, '2.00');
    await s.waitFor(2);
    const balances = s.results.map((r) => (r.data as any).cardEvents.card.availableBalance.amount);
    expect(balances).toEqual([first.card.availableBalance.amount, second.card.availableBalance.amount]);
  });

  it('refuses bad signatures, stale timestamps and malformed JSON with nothing delivered; a redelivery arrives once', async () => {
    const s = await sub(h.gateway.url, ISSUING_EVENTS, {});
    const url = origin(h.gateway) + WEBHOOK_PATH;
    const secret = h.emulator.webhookSecret;
    const event = rechargeEvent(C.liamSgdSingle, MASTER);
    const stale = String(Math.floor(Date.now() / 1000) - 6 * 60);

    expect((await deliver(url, secret, event, { signature: 'f'.repeat(128) })).status).toBe(401);
    expect((await deliver(url, 'not-the-secret', event)).status).toBe(401);
    expect((await deliver(url, secret, event, { timestamp: stale })).status).toBe(401);
    expect((await deliver(url, secret, null, { rawBody: '{"event_type": "card.recharge.succeeded",' })).status).toBe(
      400,
    );
    await sleep(QUIET_MS);
    expect(s.results).toEqual([]);

    expect((await deliver(url, secret, event)).status).toBe(200);
    expect((await deliver(url, secret, event)).status).toBe(200);
    await s.waitFor(1);
    await sleep(QUIET_MS);
    expect(s.results.map((r) => (r.data as any).issuingEvents.eventId)).toEqual([event.event_id]);
  });

  it('filters issuingEvents by exact type and by prefix', async () => {
    const exact = await sub(h.gateway.url, ISSUING_EVENTS, { types: ['card.withdraw.succeeded'] });
    const prefix = await sub(h.gateway.url, ISSUING_EVENTS, { types: ['card.*'] });
    const url = origin(h.gateway) + WEBHOOK_PATH;
    const status = envelope(
      'card.status.update.succeeded',
      { card_id: C.oliviaUsdShare, card_status: 'ACTIVE' },
      { account_id: MASTER },
    );
    expect((await deliver(url, h.emulator.webhookSecret, status)).status).toBe(200);
    await prefix.waitFor(1);
    await sleep(QUIET_MS);
    expect(exact.results).toEqual([]);
  });
});

describe('account scoping', () => {
  let h: Harness;
  const open: SseSubscription[] = [];
  const sub = async (query: string | { documentId: string }, headers: Record<string, string>) => {
    const s = await subscribe(h.gateway.url, query, {}, headers);
    open.push(s);
    expect(s.status).toBe(200);
    return s;
  };
  const types = (s: SseSubscription) =>
    s.results.map((r) => ((r.data as any).issuingEvents as { cardId: string }).cardId);

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-keys-'));
    const keysFile = join(dir, 'keys.json');
    writeFileSync(
      keysFile,
      JSON.stringify({
        clients: [
          { name: 'dashboard', kind: 'frontend', keySha256: hashKey('frontend-key') },
          { name: 'acme', kind: 'partner', keySha256: hashKey('acme-partner-key'), account: ACME },
        ],
      }),
    );
    h = await startHarness({ env: { GATEWAY_KEYS_FILE: keysFile } });
    h.emulator.setWebhookUrl(origin(h.gateway) + WEBHOOK_PATH);
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await h?.close();
  });

  const frontend = { authorization: 'Bearer frontend-key' };
  const partner = { authorization: 'Bearer acme-partner-key' };
  const partnerEvents = persisted('IssuingEvents');

  async function partnerRecharge(cardId: string, amount: string) {
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...partner },
      body: JSON.stringify({
        ...persisted('RechargeCard'),
        variables: { input: { cardId, amount, idempotencyKey: randomUUID() } },
      }),
    });
    const body = (await res.json()) as { data?: { rechargeCard: { userErrors: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.rechargeCard.userErrors).toEqual([]);
  }

  it('a sub-account subscriber (header or partner key) never sees master events, and sees its own', async () => {
    const master = await sub(ISSUING_EVENTS, frontend);
    const acme = await sub(ISSUING_EVENTS, { ...frontend, 'x-on-behalf-of': ACME });
    const acmePartner = await sub(partnerEvents, partner);

    await recharge(h, C.sophiaUsdSingle, '3.00', frontend);
    await master.waitFor(1);
    await partnerRecharge(C.danielUsdSingle, '4.00');
    await Promise.all([acme.waitFor(1), acmePartner.waitFor(1), sleep(QUIET_MS)]);

    expect(types(master)).toEqual([C.sophiaUsdSingle]);
    expect(types(acme)).toEqual([C.danielUsdSingle]);
    expect(types(acmePartner)).toEqual([C.danielUsdSingle]);
  });

  it("without account_id in the webhook, checks the card in the subscriber's account", async () => {
    const master = await sub(ISSUING_EVENTS, frontend);
    const acmePartner = await sub(partnerEvents, partner);
    const url = origin(h.gateway) + WEBHOOK_PATH;
    // Real UQPAY may not say whose card it is: each subscriber's account is asked instead.
    expect((await deliver(url, h.emulator.webhookSecret, rechargeEvent(C.danielUsdSingle))).status).toBe(200);
    expect((await deliver(url, h.emulator.webhookSecret, rechargeEvent(C.liamSgdSingle))).status).toBe(200);
    expect((await deliver(url, h.emulator.webhookSecret, envelope('issuing.unknown', { x: 1 }))).status).toBe(200);
    await Promise.all([master.waitFor(1), acmePartner.waitFor(1), sleep(QUIET_MS)]);
    expect(types(master)).toEqual([C.liamSgdSingle]);
    expect(types(acmePartner)).toEqual([C.danielUsdSingle]);
  });

  it('a partner key cannot subscribe for another account', async () => {
    const s = await subscribe(h.gateway.url, partnerEvents, {}, { ...partner, 'x-on-behalf-of': MASTER });
    open.push(s);
    expect(s.status).toBe(403);
    await s.waitFor(1); // the refusal arrives as an SSE `next` with errors
    expect(s.results[0]?.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('two gateway replicas on Redis', () => {
  let h: Harness;
  let b: RunningGateway;
  let eventsA: GatewayEvents;
  let eventsB: GatewayEvents;
  const open: SseSubscription[] = [];

  beforeAll(async () => {
    // Both replicas share the event log stream and dedupe keys (unique to this run) and the emulator's secret.
    const redisPrefix = testRedisPrefix('replicas');
    const webhookSecret = `replica-secret-${randomUUID()}`;
    const make = () => createGatewayEvents({ redisUrl: REDIS_URL, redisPrefix, webhookSecret, logger });
    eventsA = make();
    eventsB = make();
    h = await startHarness({ emulator: { webhookSecret }, env: { REDIS_URL }, deps: { events: eventsA } });
    b = await startGateway(h.config, { logger, events: eventsB });
    await Promise.all([eventsA.log.ready, eventsB.log.ready]);
    // Webhooks go to replica A only.
    h.emulator.setWebhookUrl(origin(h.gateway) + WEBHOOK_PATH);
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await b?.close();
    await h?.close();
    await eventsA?.close();
    await eventsB?.close();
  });

  it('a webhook received by A reaches a subscriber on B exactly once (and one on A once)', async () => {
    const onB = await subscribe(b.url, CARD_EVENTS, { cardId: C.oliviaUsdShare });
    const onA = await subscribe(h.gateway.url, CARD_EVENTS, { cardId: C.oliviaUsdShare });
    open.push(onA, onB);
    const result = await recharge(h, C.oliviaUsdShare, '5.00');
    await Promise.all([onB.waitFor(1), onA.waitFor(1)]);
    await sleep(QUIET_MS);
    expect(onB.results).toHaveLength(1);
    expect(onA.results).toHaveLength(1);
    const e = (onB.results[0]!.data as any).cardEvents;
    expect(e).toMatchObject({ type: 'card.recharge.succeeded', amount: { amount: '5.00', currency: 'USD' } });
    expect(e.card.availableBalance.amount).toBe(result.card.availableBalance.amount);
  });

  it('the same event delivered to both replicas is published once', async () => {
    const onB = await subscribe(b.url, ISSUING_EVENTS, {});
    open.push(onB);
    const event = rechargeEvent(C.oliviaUsdShare, MASTER);
    const secret = h.emulator.webhookSecret;
    const statuses = await Promise.all([
      deliver(origin(h.gateway) + WEBHOOK_PATH, secret, event),
      deliver(origin(b) + WEBHOOK_PATH, secret, event),
    ]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200]);
    await onB.waitFor(1);
    await sleep(QUIET_MS);
    expect(onB.results).toHaveLength(1);
  });
});
