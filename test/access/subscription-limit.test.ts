// Each API client holds at most N concurrent subscriptions (keys file `maxSubscriptions`, else
// GATEWAY_MAX_SUBSCRIPTIONS_PER_CLIENT): one more is refused with SUBSCRIPTION_LIMIT_EXCEEDED and attaches nothing
// to the event log; closing one frees its slot; other clients are unaffected.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashKey } from '../../src/access/keys';
import { createConcurrencyLimiter } from '../../src/access/subscription-limit';
import { createLogger } from '../../src/logger';
import { createGatewayEvents, type GatewayEvents } from '../../src/webhooks';
import { startHarness, type Harness } from '../harness';
import { subscribe, type SseSubscription } from '../webhooks/sse';
import { sleep } from '../edge/helpers';

const CAPPED_KEY = 'fe-capped-key-0b7d21';
const OTHER_KEY = 'fe-other-key-6c1f09';
const EVENTS = 'subscription { cardEvents { eventId } }';

let h: Harness;
let events: GatewayEvents;
const open: SseSubscription[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-subs-'));
  const keysFile = join(dir, 'keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify({
      clients: [
        { name: 'capped-dashboard', kind: 'frontend', keySha256: hashKey(CAPPED_KEY), maxSubscriptions: 3 },
        { name: 'other-dashboard', kind: 'frontend', keySha256: hashKey(OTHER_KEY) },
      ],
    }),
  );
  // Our own event log, so the test can count who follows it.
  events = createGatewayEvents({ logger: createLogger({ level: 'silent' }) });
  h = await startHarness({
    env: { GATEWAY_KEYS_FILE: keysFile, GATEWAY_MAX_SUBSCRIPTIONS_PER_CLIENT: '5' },
    deps: { events },
  });
});
afterAll(async () => {
  open.forEach((s) => s.close());
  await h?.close();
  await events?.close();
});

const sub = async (key: string) => {
  const s = await subscribe(h.gateway.url, EVENTS, {}, { authorization: `Bearer ${key}` });
  open.push(s);
  return s;
};
const refused = (s: SseSubscription) => s.results[0]?.errors?.[0]?.extensions?.code;

it('refuses the 4th concurrent subscription of a client capped at 3, and frees a slot when one ends', async () => {
  const first = await Promise.all([sub(CAPPED_KEY), sub(CAPPED_KEY), sub(CAPPED_KEY)]);
  for (const s of first) expect(s.status).toBe(200);
  await sleep(50);
  expect(first.every((s) => s.results.length === 0)).toBe(true);

  const fourth = await sub(CAPPED_KEY);
  await fourth.waitFor(1);
  expect(refused(fourth)).toBe('SUBSCRIPTION_LIMIT_EXCEEDED');
  expect(fourth.results[0]?.errors?.[0]?.message).toMatch(/at most 3 concurrent subscriptions/);

  // Another client has its own allowance (the env default, 5).
  const others = await Promise.all(Array.from({ length: 5 }, () => sub(OTHER_KEY)));
  await sleep(50);
  expect(others.every((s) => s.status === 200 && s.results.length === 0)).toBe(true);
  const sixth = await sub(OTHER_KEY);
  await sixth.waitFor(1);
  expect(refused(sixth)).toBe('SUBSCRIPTION_LIMIT_EXCEEDED');
  // The refused ones never followed the event log.
  expect(events.log.followers()).toBe(3 + 5);

  // Closing one frees its slot (the server notices the closed stream).
  first[0].close();
  let again: SseSubscription | undefined;
  for (let i = 0; i < 40; i++) {
    await sleep(50);
    again = await sub(CAPPED_KEY);
    await sleep(30);
    if (again.results.length === 0) break;
    again.close();
  }
  expect(again?.results.length ?? 1).toBe(0);
  expect(events.log.followers()).toBe(3 + 5);
});

it('counts per key, never below zero, and releases each slot once', () => {
  const limiter = createConcurrencyLimiter();
  const a1 = limiter.acquire('a', 2);
  const a2 = limiter.acquire('a', 2);
  expect(a1 && a2).toBeTruthy();
  expect(limiter.acquire('a', 2)).toBeUndefined();
  expect(limiter.acquire('b', 2)).toBeTruthy();
  a1!();
  a1!();
  expect(limiter.count('a')).toBe(1);
  expect(limiter.acquire('a', 2)).toBeTruthy();
  expect(limiter.acquire('a', 2)).toBeUndefined();
});
