// The gateway's event bus: verified UQPAY webhook events, published once by whichever replica received them and
// delivered to every subscription on every replica. Transport is graphql-yoga's pub/sub over an in-memory event
// target, or over Redis pub/sub (@graphql-yoga/redis-event-target, ioredis) when REDIS_URL is set.
//
// Each replica keeps ONE permanent subscription to the channel and fans messages out to its local subscribers.
// Local subscribers attach eagerly (when `subscribe()` is called, not on first iteration), so a GraphQL
// subscription is live by the time its SSE response starts: no event slips between "subscribed" and "listening".
import { createPubSub, type PubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { loadRedisEventTarget, newRedis } from '../redis';
import type { IssuingEventMessage } from './message';

export interface EventBus {
  /** Resolves once this replica is listening (with Redis: SUBSCRIBE acknowledged). */
  readonly ready: Promise<void>;
  publish(event: IssuingEventMessage): void;
  /** A live stream of every event published after this call; `return()` on it unsubscribes. */
  subscribe(): EventSubscription;
  /** Local subscribers right now (metrics, tests). */
  subscriberCount(): number;
  close(): Promise<void>;
}

export interface EventBusOptions {
  /** Redis pub/sub across replicas; omitted = in-process only. */
  redisUrl?: string;
  /** Namespaces the Redis channel (`<prefix>uqpay:issuing`), so tests and environments sharing a Redis stay apart. */
  channelPrefix?: string;
  /** Events buffered per slow subscriber before the oldest is dropped. */
  maxBufferedPerSubscriber?: number;
  logger?: Logger;
}

export interface EventSubscription extends AsyncIterableIterator<IssuingEventMessage> {
  return(): Promise<IteratorResult<IssuingEventMessage>>;
}

type Topics = Record<string, [IssuingEventMessage]>;

export function createEventBus(opts: EventBusOptions = {}): EventBus {
  const topic = `${opts.channelPrefix ?? 'gateway:'}uqpay:issuing`;
  const maxBuffered = opts.maxBufferedPerSubscriber ?? 1_000;
  const log = opts.logger;

  let redis: { publish: Redis; subscribe: Redis } | undefined;
  let pubsub: PubSub<Topics>;
  let ready: Promise<void>;
  if (opts.redisUrl) {
    // A connection in subscriber mode can do nothing else, hence two clients.
    const publish = newRedis(opts.redisUrl, { maxRetriesPerRequest: 3 });
    const subscribe = newRedis(opts.redisUrl, { maxRetriesPerRequest: 3 });
    for (const [role, client] of [
      ['publish', publish],
      ['subscribe', subscribe],
    ] as const) {
      client.on('error', (err) => log?.warn({ err: err.message, role }, 'event bus redis error'));
    }
    redis = { publish, subscribe };
    pubsub = createPubSub<Topics>({
      eventTarget: loadRedisEventTarget().createRedisEventTarget({
        publishClient: publish,
        subscribeClient: subscribe,
      }),
    });
    ready = subscribe.subscribe(topic).then(() => undefined);
  } else {
    pubsub = createPubSub<Topics>();
    ready = Promise.resolve();
  }

  const subscribers = new Set<LocalSubscriber>();
  const source = pubsub.subscribe(topic);
  // The first next() attaches the listener synchronously; the loop lives as long as the bus.
  void (async () => {
    for await (const event of source) {
      for (const s of subscribers) s.push(event);
    }
  })().catch((err: unknown) => log?.error({ err }, 'event bus fan-out stopped'));

  let closed = false;
  return {
    ready,
    publish(event) {
      if (closed) throw new Error('event bus is closed');
      pubsub.publish(topic, event);
    },
    subscribe() {
      const s = new LocalSubscriber(maxBuffered, () => subscribers.delete(s), log);
      subscribers.add(s);
      return s;
    },
    subscriberCount: () => subscribers.size,
    async close() {
      if (closed) return;
      closed = true;
      for (const s of [...subscribers]) await s.return();
      await source.return?.();
      if (redis) await Promise.allSettled([redis.publish.quit(), redis.subscribe.quit()]);
    },
  };
}

/** A push queue exposed as an async iterator: buffered, bounded (drops oldest), ended by `return()`. */
class LocalSubscriber implements EventSubscription {
  private readonly queue: IssuingEventMessage[] = [];
  private waiting: ((r: IteratorResult<IssuingEventMessage>) => void) | undefined;
  private done = false;
  private dropped = 0;

  constructor(
    private readonly max: number,
    private readonly onEnd: () => void,
    private readonly log: Logger | undefined,
  ) {}

  push(event: IssuingEventMessage) {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: event, done: false });
      return;
    }
    this.queue.push(event);
    if (this.queue.length > this.max) {
      this.queue.shift();
      if (this.dropped++ % 100 === 0)
        this.log?.warn({ dropped: this.dropped }, 'slow subscriber: dropping oldest events');
    }
  }

  next(): Promise<IteratorResult<IssuingEventMessage>> {
    const value = this.queue.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<IssuingEventMessage>> {
    if (!this.done) {
      this.done = true;
      this.queue.length = 0;
      this.onEnd();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
