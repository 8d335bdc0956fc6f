// The receiver on its own, behind a real yoga server on loopback: authentication, parsing, dedupe, and the
// event in the log before the 2xx.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventLog } from '../../src/events/log';
import { createMemoryEventLog } from '../../src/events/log-memory';
import { createLogger } from '../../src/logger';
import { toEventMessage, WebhookEnvelope } from '../../src/events/message';
import { createWebhookReceiver, useUqpayWebhooks, type WebhookReceiver } from '../../src/webhooks/receiver';
import { computeSignature, timestampIsFresh, verifyWebhook } from '../../src/webhooks/signature';
import { deliver, envelope, rechargeEvent } from './helpers';

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

describe('memory event log', () => {
  const message = (id: string = crypto.randomUUID()) =>
    toEventMessage(WebhookEnvelope.parse({ ...rechargeEvent(CARD), event_id: id }), new Date());

  it('appends an event_id once within the dedupe TTL, and stays bounded by the retention count', async () => {
    let t = 1_000;
    const log = createMemoryEventLog({
      retention: { maxAgeMs: 60_000, maxCount: 3 },
      dedupeTtlSeconds: 10,
      maxDedupeEntries: 3,
      now: () => t,
    });
    const a = await log.append(message('a'));
    expect(a.appended).toBe(true);
    expect(await log.append(message('a'))).toEqual({ appended: false, id: a.id });
    t += 10_001;
    expect((await log.append(message('a'))).appended).toBe(true); // the dedupe record expired
    for (const id of ['b', 'c', 'd', 'e']) await log.append(message(id));
    expect(log.size()).toBe(3);
    expect((await log.readAfter(null, 10)).map((e) => e.eventId)).toEqual(['c', 'd', 'e']);
    expect((await log.append(message('e'))).appended).toBe(false);
  });

  it('trims by age, and orders ids within one millisecond', async () => {
    let t = 5_000;
    const log = createMemoryEventLog({ retention: { maxAgeMs: 1_000, maxCount: 100 }, now: () => t });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await log.append(message())).id);
    expect(ids).toEqual(['5000-0', '5000-1', '5000-2']);
    t += 1_001;
    await log.append(message());
    expect(log.size()).toBe(1);
  });
});

describe('receiver over HTTP', () => {
  let server: Server;
  let url: string;
  let log: EventLog;
  let receiver: WebhookReceiver;
  /** What the log received since the last call. */
  let seen = 0;
  const appended = async () => {
    const all = await log.readAfter(null, 1_000);
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh.map((e) => e.eventId);
  };

  beforeAll(async () => {
    log = createMemoryEventLog();
    receiver = createWebhookReceiver({ secret: SECRET, log, logger });
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
    await log.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('acknowledges a signed event once it is in the log; stores it once however often delivered', async () => {
    const event = rechargeEvent(CARD, 'acct-1');
    for (let i = 0; i < 3; i++) {
      const res = await deliver(url, SECRET, event);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ received: true });
      // Stored before the answer: no waiting for background work.
      expect(await appended()).toEqual(i === 0 ? [event.event_id] : []);
    }
  });

  it('answers 503 when the event cannot be stored (the sender redelivers); the redelivery is stored once', async () => {
    let failing = true;
    const flaky = createWebhookReceiver({
      secret: SECRET,
      log: { append: (e) => (failing ? Promise.reject(new Error('redis down')) : log.append(e)) },
      logger,
    });
    const event = rechargeEvent(CARD);
    const signed = async () => {
      const raw = JSON.stringify(event);
      const timestamp = String(Date.now());
      return flaky.handle(
        new Request('http://gateway/webhooks/uqpay', {
          method: 'POST',
          body: raw,
          headers: { 'x-wk-timestamp': timestamp, 'x-wk-signature': computeSignature(SECRET, raw, timestamp) },
        }),
      );
    };
    const refused = await signed();
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ error: 'event_log_unavailable' });
    expect(await appended()).toEqual([]);
    failing = false;
    expect((await signed()).status).toBe(200);
    expect((await signed()).status).toBe(200);
    expect(await appended()).toEqual([event.event_id]);
  });

  it('verifies the raw bytes, not a re-serialisation', async () => {
    const event = rechargeEvent(CARD);
    const res = await deliver(url, SECRET, null, { rawBody: JSON.stringify(event, null, 2) });
    expect(res.status).toBe(200);
    expect(await appended()).toEqual([event.event_id]);
  });

  it('rejects bad signatures, stale timestamps and malformed JSON, storing nothing', async () => {
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
    expect(await appended()).toEqual([]);
  });

  it('acknowledges but drops a signed event whose data is malformed, and keeps serving', async () => {
    const bad = envelope('card.recharge.succeeded', { amount: 'lots' });
    expect((await deliver(url, SECRET, bad)).status).toBe(200);
    const good = rechargeEvent(CARD);
    expect((await deliver(url, SECRET, good)).status).toBe(200);
    expect(await appended()).toEqual([good.event_id]);
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
