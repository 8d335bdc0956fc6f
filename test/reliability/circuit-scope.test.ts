// The circuit breaker's scope, over real HTTP: a route that keeps failing (the emulator's faults on
// `POST /v1/issuing/cards/{id}/recharge` only) opens that route's circuit and no other, so the partner's card
// reads and other writes keep working; a UQPAY that refuses connections still fails fast on every route.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTcpSwitch, type TcpSwitch } from '../../bench/tcp-switch';
import { loadConfig } from '../../src/config';
import { DEMO_IDS, startEmulator, type RunningEmulator } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import { startHarness, type Harness } from '../harness';

const RECHARGE_ROUTE = 'POST /v1/issuing/cards/{id}/recharge';
const RECHARGE = `mutation($input: CardAmountInput!) {
  rechargeCard(input: $input) { order { orderId } userErrors { code } } }`;
const CARD = `query($id: UUID!) { card(cardId: $id) { cardId availableBalance { amount } } }`;
const DASHBOARD = `{ account { balances { currency } } cards(first: 5) { totalCount }
  cardholders(first: 5) { totalCount } }`;
const FREEZE = `mutation($input: SetCardStatusInput!) {
  setCardStatus(input: $input) { card { status } userErrors { code } } }`;

const recharge = (h: Harness) =>
  h.gql(RECHARGE, { input: { cardId: DEMO_IDS.cards.sophiaUsdSingle, amount: '1.00', idempotencyKey: randomUUID() } });

describe.each([
  { fault: 'answers 500', faults: { errorRate: 1 } },
  { fault: 'resets the connection', faults: { resetRate: 1 } },
])('a write route that $fault on every call', ({ faults }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.gql(CARD, { id: DEMO_IDS.cards.sophiaUsdSingle }); // token and a warm connection
  });
  afterAll(async () => h?.close());
  afterEach(async () => {
    await fetch(`${h.emulator.url}/__emulator/faults`, { method: 'DELETE' });
  });

  it("opens that route's circuit only: card reads, dashboards and other writes keep working", async () => {
    await fetch(`${h.emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...faults, routes: [RECHARGE_ROUTE] }),
    });
    // Three recharges, each tried up to 1 + UQPAY_MAX_RETRIES (4) times: past the threshold (8) of failures in a row.
    // A recharge whose attempts were sent and got no verdict (a 500 or a reset) has an unknown outcome; one that
    // finds the route's circuit already open was never sent.
    const codes: unknown[] = [];
    for (let i = 0; i < 3; i++) codes.push((await recharge(h)).errors?.[0]?.extensions?.code);
    expect(codes[0]).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    for (const code of codes) expect(['UPSTREAM_OUTCOME_UNKNOWN', 'UPSTREAM_UNAVAILABLE']).toContain(code);
    const tried = (await h.stats())[RECHARGE_ROUTE]!;
    expect(tried).toBeGreaterThanOrEqual(8);

    // The failing route itself fails fast now: no new attempt reaches UQPAY, so nothing can have been applied.
    // Asked at once, well inside the circuit's 1 s cool-down (on a loaded machine the steps below can take longer,
    // and a half-open circuit lets one probe through, as it should).
    const fast = await recharge(h);
    expect(fast.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await h.stats())[RECHARGE_ROUTE]).toBe(tried);

    // Reads of the same resource, a dashboard, and another write on the same card.
    const card = await h.gql(CARD, { id: DEMO_IDS.cards.sophiaUsdSingle });
    expect(card.errors).toBeUndefined();
    expect(card.data.card.cardId).toBe(DEMO_IDS.cards.sophiaUsdSingle);
    const dashboard = await h.gql(DASHBOARD, {}, { headers: { 'x-on-behalf-of': DEMO_IDS.accounts.acmeTravel } });
    expect(dashboard.errors).toBeUndefined();
    const freeze = await h.gql(FREEZE, {
      input: { cardId: DEMO_IDS.cards.meiLingMastercard, status: 'FROZEN', idempotencyKey: randomUUID() },
    });
    expect(freeze.data.setCardStatus).toEqual({ card: { status: 'FROZEN' }, userErrors: [] });
    await h.gql(FREEZE, {
      input: { cardId: DEMO_IDS.cards.meiLingMastercard, status: 'ACTIVE', idempotencyKey: randomUUID() },
    });
    const ready = await fetch(h.gateway.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(200);
    await ready.arrayBuffer();
  });
});

describe('UQPAY refusing connections', () => {
  let emulator: RunningEmulator;
  let sw: TcpSwitch;
  let gateway: RunningGateway;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: true, asyncDelayMs: 0 });
    sw = await startTcpSwitch(Number(new URL(emulator.url).port));
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      UQPAY_BASE_URL: `${sw.url}/api`,
      UQPAY_CLIENT_ID: emulator.clientId,
      UQPAY_API_KEY: emulator.apiKey,
      UQPAY_CONNECT_TIMEOUT_MS: '500',
    });
    gateway = await startGateway(config, { logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await gateway?.close();
    await sw?.close();
    await emulator?.close();
  });

  const ask = async (query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  };

  it('still fails fast everywhere: refusals on one route open the circuit for all of them', async () => {
    expect((await ask(CARD, { id: DEMO_IDS.cards.sophiaUsdSingle })).errors).toBeUndefined(); // token while up
    await sw.set('refuse');
    // Two card reads, five refused connections each: past the threshold.
    for (let i = 0; i < 2; i++) {
      expect((await ask(CARD, { id: DEMO_IDS.cards.sophiaUsdSingle })).errors?.[0]?.extensions?.code).toBe(
        'UPSTREAM_UNAVAILABLE',
      );
    }
    // Accepting (and resetting) connections again, the switch counts each attempt: other routes, reads and
    // writes, fail at once without one.
    await sw.set('reset');
    const seen = sw.downConnections();
    const others = [
      await ask(DASHBOARD),
      await ask(`{ transfer(transferId: "${randomUUID()}") { transferId } }`),
      await ask(RECHARGE, {
        input: { cardId: DEMO_IDS.cards.sophiaUsdSingle, amount: '1.00', idempotencyKey: randomUUID() },
      }),
    ];
    for (const r of others) expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    // A half-open probe at most (the cool-down is 1 s; a slow machine may reach it).
    expect(sw.downConnections() - seen).toBeLessThanOrEqual(1);
    await sw.set('up');
  });
});
