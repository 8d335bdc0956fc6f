// UQPAY webhooks → the gateway's event bus → GraphQL subscriptions. `createGatewayEvents` builds the pieces a
// gateway needs from its config: the bus (context.pubsub), the receiver, and the yoga plugin serving the route.
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { createEventBus, type EventBus } from '../events/pubsub';
import type { Logger } from '../logger';
import { newRedis } from '../redis';
import { createMemoryDedupeStore, createRedisDedupeStore, type DedupeStore } from './dedupe';
import { createWebhookReceiver, useUqpayWebhooks, type WebhookReceiver } from './receiver';

export { WEBHOOK_PATH } from './receiver';
export type { IssuingEventMessage } from '../events/message';
export type { EventBus } from '../events/pubsub';

export interface GatewayEventsOptions {
  webhookSecret?: string;
  redisUrl?: string;
  /** A Redis command connection to reuse for dedupe (the gateway's); otherwise one is opened from redisUrl. */
  redis?: Redis;
  /** Prefix for the Redis channel and dedupe keys; tests use a unique one per run. */
  redisPrefix?: string;
  logger: Logger;
}

export interface GatewayEvents {
  bus: EventBus;
  receiver: WebhookReceiver;
  dedupe: DedupeStore;
  /** Serves `POST /webhooks/uqpay` ahead of GraphQL. */
  plugin: Plugin;
  close(): Promise<void>;
}

export function createGatewayEvents(opts: GatewayEventsOptions): GatewayEvents {
  const prefix = opts.redisPrefix ?? 'gateway:';
  const bus = createEventBus({ redisUrl: opts.redisUrl, channelPrefix: prefix, logger: opts.logger });
  let redis: Redis | undefined;
  let dedupe: DedupeStore;
  if (opts.redis) {
    dedupe = createRedisDedupeStore(opts.redis, { keyPrefix: prefix });
  } else if (opts.redisUrl) {
    redis = newRedis(opts.redisUrl, { maxRetriesPerRequest: 3 });
    redis.on('error', (err) => opts.logger.warn({ err: err.message }, 'webhook dedupe redis error'));
    dedupe = createRedisDedupeStore(redis, { keyPrefix: prefix });
  } else {
    dedupe = createMemoryDedupeStore();
  }
  const receiver = createWebhookReceiver({ secret: opts.webhookSecret, bus, dedupe, logger: opts.logger });
  return {
    bus,
    receiver,
    dedupe,
    plugin: useUqpayWebhooks(receiver),
    async close() {
      await receiver.drain();
      await bus.close();
      if (redis) await redis.quit().catch(() => undefined);
    },
  };
}
