// The gateway's one Redis command connection (REDIS_URL): the shared UQPAY token, the call budget, the read
// cache and webhook dedupe all use it. Subscriptions need their own connections (a subscriber can do nothing else).
import { Redis } from 'ioredis';
import type { Logger } from './logger';

export function createRedis(url: string, logger: Logger): Redis {
  // Fail fast: a budget or token lookup waiting on a dead Redis would hold every upstream call; each user
  // falls back (local bucket, local token fetch, in-memory dedupe) when a command fails.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000 });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  return redis;
}
