// Two gateway replicas on one Redis share one UQPAY token: UQPAY allows 60 token calls a minute per client,
// and a new token may invalidate the older ones, so replicas must not each log in.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import { startHarness, type Harness } from '../harness';

let h: Harness;
let second: RunningGateway;

beforeAll(async () => {
  // The emulator invalidates older tokens: a replica using its own token would knock the other one out.
  h = await startHarness({
    emulator: { invalidateOldTokens: true },
    env: { REDIS_URL: 'redis://127.0.0.1:6379', UQPAY_REDIS_KEY_PREFIX: `test:${randomUUID()}:` },
  });
  second = await startGateway(h.config, { logger: createLogger({ level: 'silent' }) });
});
afterAll(async () => {
  await second?.close();
  await h?.close();
});

const QUERY = `query($id: UUID!) { card(cardId: $id) { cardId status } }`;
const ask = (url: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables: { id: DEMO_IDS.cards.sophiaUsdSingle } }),
  }).then((r) => r.json() as Promise<{ data?: { card: { cardId: string } | null }; errors?: unknown[] }>);

it('fetches one token for both replicas, cold and concurrent, and both keep working', async () => {
  await h.resetStats();
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => ask(i % 2 ? second.url : h.gateway.url)));
  for (const a of answers) expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
  expect(answers.every((a) => a.data?.card?.cardId === DEMO_IDS.cards.sophiaUsdSingle)).toBe(true);
  const stats = await h.stats();
  expect(stats['POST /v1/connect/token']).toBe(1);
  expect(stats['GET /v1/issuing/cards/{id}']).toBeGreaterThanOrEqual(1);
});
