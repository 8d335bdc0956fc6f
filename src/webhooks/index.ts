// UQPAY webhooks → the event log → GraphQL subscriptions and the `events` query. `createGatewayEvents` builds
// the pieces a gateway needs from its config: the log (Redis Streams with REDIS_URL, else in memory), the receiver
// that appends to it, and the yoga plugins serving the webhook route and SSE with event ids.
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { EventLog, Retention } from '../events/log';
import { createMemoryEventLog } from '../events/log-memory';
import { createRedisEventLog } from '../events/log-redis';
import { useSseEventIds } from '../events/sse';
import type { Logger } from '../logger';
import { createWebhookReceiver, useUqpayWebhooks, type WebhookReceiver } from './receiver';

export { WEBHOOK_PATH } from './receiver';
export type { IssuingEventMessage } from '../events/message';
export type { EventLog, LoggedEvent, Retention } from '../events/log';

export interface GatewayEventsOptions {
  webhookSecret?: string;
  redisUrl?: string;
  /** A Redis command connection to append and read through (the gateway's); otherwise one is opened. */
  redis?: Redis;
  /** Prefix for the stream, epoch and dedupe keys (`gateway:`); tests use a unique one per run. */
  redisPrefix?: string;
  /** How long and how many events the log keeps (default 24 h, 10,000). */
  retention?: Retention;
  logger: Logger;
}

export interface GatewayEvents {
  log: EventLog;
  receiver: WebhookReceiver;
  /** Serve `POST /webhooks/uqpay` ahead of GraphQL, and write SSE subscription events with their cursor as `id:`. */
  plugins: Plugin[];
  close(): Promise<void>;
}

export function createGatewayEvents(opts: GatewayEventsOptions): GatewayEvents {
  const log = opts.redisUrl
    ? createRedisEventLog({
        redisUrl: opts.redisUrl,
        redis: opts.redis,
        keyPrefix: opts.redisPrefix,
        retention: opts.retention,
        logger: opts.logger,
      })
    : createMemoryEventLog({ retention: opts.retention, logger: opts.logger });
  const receiver = createWebhookReceiver({ secret: opts.webhookSecret, log, logger: opts.logger });
  return {
    log,
    receiver,
    plugins: [useUqpayWebhooks(receiver), useSseEventIds()],
    async close() {
      await receiver.drain();
      await log.close();
    },
  };
}
