// The event bus and dedupe across two "replicas" on the local Redis: exactly-once fan-out, shared claims.
// Redis must be answering on 127.0.0.1:6379: these tests fail rather than skip.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/events/pubsub';
import { createLogger } from '../../src/logger';
import { toEventMessage, WebhookEnvelope } from '../../src/events/message';
import { createGatewayEvents } from '../../src/webhooks';
import { collect, deliver, rechargeEvent, REDIS_URL, testRedisPrefix } from './helpers';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';

const logger = createLogger({ level: 'silent' });
const CARD = '0f6d3b8e-5f67-4a0e-9a53-0d1f3c7b2a11';
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

describe('event bus over Redis', () => {
  it('delivers an event published on one replica exactly once to subscribers on both', async () => {
    const prefix = testRedisPrefix('bus');
    const a = createEventBus({ redisUrl: REDIS_URL, channelPrefix: prefix, logger });
    const b = createEventBus({ redisUrl: REDIS_URL, channelPrefix: prefix, logger });
    const other = createEventBus({ redisUrl: REDIS_URL, channelPrefix: testRedisPrefix('other'), logger });
    cleanup.push(
      () => a.close(),
      () => b.close(),
      () => other.close(),
    );
    await Promise.all([a.ready, b.ready, other.ready]);

    const onA = a.subscribe();
    const onB = b.subscribe();
    const onOther = other.subscribe();
    const event = toEventMessage(WebhookEnvelope.parse(rechargeEvent(CARD, 'acct')), new Date());
    a.publish(event);
    const [gotA, gotB, gotOther] = await Promise.all([
      collect(onA, { ms: 400 }),
      collect(onB, { ms: 400 }),
      collect(onOther, { ms: 400 }),
    ]);
    expect(gotA).toEqual([event]);
    expect(gotB).toEqual([event]);
    expect(gotOther).toEqual([]);
    expect(b.subscriberCount()).toBe(0);
  });
});

describe('two receivers sharing Redis', () => {
  async function replica(prefix: string, secret: string) {
    const events = createGatewayEvents({ webhookSecret: secret, redisUrl: REDIS_URL, redisPrefix: prefix, logger });
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
      plugins: [events.plugin],
      logging: false,
    });
    const server: Server = createServer((req, res) => void yoga(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await events.bus.ready;
    cleanup.push(
      () => events.close(),
      () => new Promise((resolve) => server.close(resolve)),
    );
    return { events, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/uqpay` };
  }

  it('publishes a redelivered event once, whichever replica each delivery hits', async () => {
    const prefix = testRedisPrefix('dedupe');
    const secret = 'shared-secret-for-both-replicas';
    const [a, b] = await Promise.all([replica(prefix, secret), replica(prefix, secret)]);
    const subA = a.events.bus.subscribe();
    const subB = b.events.bus.subscribe();
    const event = rechargeEvent(CARD, 'acct');
    const statuses = await Promise.all([
      deliver(a.url, secret, event),
      deliver(b.url, secret, event),
      deliver(a.url, secret, event),
    ]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    await Promise.all([a.events.receiver.drain(), b.events.receiver.drain()]);
    const [gotA, gotB] = await Promise.all([collect(subA, { ms: 400 }), collect(subB, { ms: 400 })]);
    expect(gotA.map((e) => e.eventId)).toEqual([event.event_id]);
    expect(gotB.map((e) => e.eventId)).toEqual([event.event_id]);

    const redis = new Redis(REDIS_URL);
    cleanup.push(() => redis.quit());
    const ttl = await redis.ttl(`${prefix}webhook:event:${event.event_id}`);
    expect(ttl).toBeGreaterThan(0);
  });
});
