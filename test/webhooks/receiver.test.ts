// The receiver on its own, behind a real yoga server on loopback: authentication, parsing, dedupe, publishing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, type EventBus } from '../../src/events/pubsub';
import { createLogger } from '../../src/logger';
import { createMemoryDedupeStore } from '../../src/webhooks/dedupe';
import { toEventMessage, WebhookEnvelope } from '../../src/events/message';
import { createWebhookReceiver, useUqpayWebhooks, type WebhookReceiver } from '../../src/webhooks/receiver';
import { computeSignature, timestampIsFresh, verifyWebhook } from '../../src/webhooks/signature';
import { collect, deliver, envelope, rechargeEvent } from './helpers';

const SECRET = 'test-webhook-secret-0123456789';
const CARD = '7c4ff2cd-1c2c-4c1b-a3a8-4bd5c1c5e0a1';
const logger = createLogger({ level: 'silent' });

describe('signature', () => {
  const body = new TextEncoder().encode('{"a":1}');
  const ts = '1700000000';
  const sig = computeSignature(SECRET, body, ts);

  it('is hex HMAC-SHA512 over raw body + timestamp', () => {
    expect(sig).toMatch(/^[0-9a-f]{128}$/);
    expect(
      verifyWebhook({ secret: SECRET, rawBody: body, timestamp: ts, signature: sig, nowMs: 1700000000_000 }),
    ).toEqual({ ok: true });
    expect(
      verifyWebhook({
        secret: SECRET,
        rawBody: body,
        timestamp: ts,
        signature: sig.toUpperCase(),
        nowMs: 1700000000_000,
      }).ok,
    ).toBe(true);
  });

  it('rejects a wrong secret, a changed body, a truncated signature and missing headers', () => {
    const at = 1700000000_000;
    expect(verifyWebhook({ secret: 'other', rawBody: body, timestamp: ts, signature: sig, nowMs: at })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(
      verifyWebhook({
        secret: SECRET,
        rawBody: new TextEncoder().encode('{"a":2}'),
        timestamp: ts,
        signature: sig,
        nowMs: at,
      }).ok,
    ).toBe(false);
    expect(
      verifyWebhook({ secret: SECRET, rawBody: body, timestamp: ts, signature: sig.slice(0, 64), nowMs: at }).ok,
    ).toBe(false);
    expect(verifyWebhook({ secret: SECRET, rawBody: body, timestamp: null, signature: sig, nowMs: at })).toEqual({
      ok: false,
      reason: 'missing_headers',
    });
  });

  it('accepts timestamps within five minutes either way and nothing else', () => {
    const now = 1700000000_000;
    expect(timestampIsFresh('1700000300', now)).toBe(true);
    expect(timestampIsFresh('1699999700', now)).toBe(true);
    expect(timestampIsFresh('1699999699', now)).toBe(false);
    expect(timestampIsFresh('1700000301', now)).toBe(false);
    expect(timestampIsFresh('1700000000000', now)).toBe(true); // the same instant in milliseconds (Webhook Hub)
    expect(timestampIsFresh('1700000301000', now)).toBe(false);
    expect(timestampIsFresh('abc', now)).toBe(false);
    const stale = verifyWebhook({ secret: SECRET, rawBody: body, timestamp: ts, signature: sig, nowMs: now + 301_000 });
    expect(stale).toEqual({ ok: false, reason: 'stale_timestamp' });
  });
});

describe('event parsing', () => {
  it('normalises a recharge into typed fields', () => {
    const e = toEventMessage(
      WebhookEnvelope.parse(rechargeEvent(CARD, 'acct-1', '25.5')),
      new Date('2024-06-01T00:00:00Z'),
    );
    expect(e).toMatchObject({
      type: 'card.recharge.succeeded',
      cardId: CARD,
      accountId: 'acct-1',
      amount: '25.50',
      currency: 'USD',
      cardAvailableBalance: '125.00',
      cardStatus: 'ACTIVE',
      orderStatus: 'SUCCESS',
      occurredAt: '2024-05-09T15:52:23.000Z',
      receivedAt: '2024-06-01T00:00:00.000Z',
    });
    expect(e.orderId).toBe(e.sourceId);
  });

  it('masks card numbers and normalises lower-case statuses', () => {
    const raw = envelope('card.status.update.succeeded', {
      card_id: CARD,
      card_number: '4111111111111111',
      card_status: 'frozen',
      update_time: '2024-05-09T15:52:23+08:00',
    });
    const e = toEventMessage(WebhookEnvelope.parse(raw), new Date());
    expect(e.cardStatus).toBe('FROZEN');
    expect(e.maskedCardNumber).toBe('************1111');
    expect(e.data['card_number']).toBe('************1111');
    expect(e.occurredAt).toBe('2024-05-09T07:52:23.000Z');
  });

  it('refuses card events without a card_id and passes unknown types through as generic events (ids, type, time)', () => {
    expect(() =>
      toEventMessage(WebhookEnvelope.parse(envelope('card.recharge.succeeded', { amount: '1.00' })), new Date()),
    ).toThrow(/card_id/);
    const other = toEventMessage(
      WebhookEnvelope.parse(envelope('account.updated', { x: 1, card_id: CARD })),
      new Date(),
    );
    expect(other).toMatchObject({ type: 'account.updated', family: 'generic', cardId: CARD, data: {} });
  });
});

describe('memory dedupe store', () => {
  it('claims once per TTL and stays bounded', async () => {
    let t = 0;
    const store = createMemoryDedupeStore({ ttlSeconds: 10, maxEntries: 3, now: () => t });
    expect(await store.claim('a')).toBe(true);
    expect(await store.claim('a')).toBe(false);
    t = 10_001;
    expect(await store.claim('a')).toBe(true); // expired: claimable again
    for (const id of ['b', 'c', 'd', 'e']) await store.claim(id);
    expect(store.size()).toBe(3);
    expect(await store.claim('e')).toBe(false);
    await store.release('e');
    expect(await store.claim('e')).toBe(true);
  });
});

describe('receiver over HTTP', () => {
  let server: Server;
  let url: string;
  let bus: EventBus;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    bus = createEventBus();
    receiver = createWebhookReceiver({ secret: SECRET, bus, dedupe: createMemoryDedupeStore(), logger });
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
      plugins: [useUqpayWebhooks(receiver)],
      logging: false,
    });
    server = createServer((req, res) => void yoga(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/uqpay`;
  });
  afterAll(async () => {
    await bus.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('acknowledges a signed event and publishes it once, however often it is delivered', async () => {
    const sub = bus.subscribe();
    const event = rechargeEvent(CARD, 'acct-1');
    for (let i = 0; i < 3; i++) {
      const res = await deliver(url, SECRET, event);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ received: true });
    }
    await receiver.drain();
    const got = await collect(sub, { ms: 200 });
    expect(got.map((e) => e.eventId)).toEqual([event.event_id]);
  });

  it('verifies the raw bytes, not a re-serialisation', async () => {
    const sub = bus.subscribe();
    const event = rechargeEvent(CARD);
    const res = await deliver(url, SECRET, null, { rawBody: JSON.stringify(event, null, 2) });
    expect(res.status).toBe(200);
    await receiver.drain();
    expect((await collect(sub, { count: 1, ms: 1000 }))[0]?.eventId).toBe(event.event_id);
  });

  it('rejects bad signatures, stale timestamps and malformed JSON, publishing nothing', async () => {
    const sub = bus.subscribe();
    const event = rechargeEvent(CARD);
    const stale = String(Math.floor(Date.now() / 1000) - 301);
    const cases: [Promise<Response>, number][] = [
      [deliver(url, SECRET, event, { signature: 'a'.repeat(128) }), 401],
      [deliver(url, 'wrong-secret-000000', event), 401],
      [deliver(url, SECRET, event, { timestamp: stale }), 401],
      [fetch(url, { method: 'POST', body: JSON.stringify(event) }), 401],
      [deliver(url, SECRET, null, { rawBody: '{"event_id": "x", ' }), 400],
      [deliver(url, SECRET, { hello: 'world' }), 400],
    ];
    for (const [res, status] of cases) expect((await res).status).toBe(status);
    await receiver.drain();
    expect(await collect(sub, { ms: 200 })).toEqual([]);
  });

  it('acknowledges but drops a signed event whose data is malformed, and keeps serving', async () => {
    const sub = bus.subscribe();
    const bad = envelope('card.recharge.succeeded', { amount: 'lots' });
    expect((await deliver(url, SECRET, bad)).status).toBe(200);
    const good = rechargeEvent(CARD);
    expect((await deliver(url, SECRET, good)).status).toBe(200);
    await receiver.drain();
    expect((await collect(sub, { ms: 200 })).map((e) => e.eventId)).toEqual([good.event_id]);
  });

  it('leaves GraphQL and other paths alone', async () => {
    const res = await fetch(url.replace('/webhooks/uqpay', '/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ok }' }),
    });
    expect(await res.json()).toEqual({ data: { ok: null } });
    expect((await fetch(url)).status).toBe(405);
  });
});
