// The gateway's one Redis command connection (REDIS_URL): the shared UQPAY token, the call budget, the read
// cache, idempotency records and webhook dedupe all use it. Subscriptions need their own connections (a subscriber
// can do nothing else). Also the one way to run a Lua script (the budget, the read cache, idempotency records).
import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from './logger';

const requireCjs = createRequire(import.meta.url);

/**
 * A new ioredis connection. ioredis is required on first use, not imported at start-up: a gateway without
 * REDIS_URL never loads it (~10 MB less RSS).
 */
export function newRedis(url: string, options: RedisOptions): Redis {
  const { Redis: RedisClient } = requireCjs('ioredis') as typeof import('ioredis');
  return new RedisClient(url, options);
}

/** @graphql-yoga/redis-event-target, loaded the same way (only for subscriptions over Redis). */
export function loadRedisEventTarget(): typeof import('@graphql-yoga/redis-event-target') {
  return requireCjs('@graphql-yoga/redis-event-target') as typeof import('@graphql-yoga/redis-event-target');
}

export function createRedis(url: string, logger: Logger): Redis {
  // Fail fast: a budget or token lookup waiting on a dead Redis would hold every upstream call; each user
  // falls back (local bucket, local token fetch, in-memory dedupe) when a command fails.
  const redis = newRedis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000 });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  return redis;
}

/** EVALSHA with a fallback to EVAL when the script is not cached (Redis restarted, fresh server). */
export function luaScript(
  redis: Redis,
  source: string,
): (keys: string[], args: (string | number)[]) => Promise<unknown> {
  let sha: string | undefined;
  return async (keys, args) => {
    if (sha) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (!String((err as Error)?.message).includes('NOSCRIPT')) throw err;
      }
    }
    sha = (await redis.script('LOAD', source)) as string;
    return redis.evalsha(sha, keys.length, ...keys, ...args);
  };
}
