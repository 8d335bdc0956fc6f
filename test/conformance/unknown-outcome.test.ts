// Writes whose outcome is unknown: the connection dropped after the request went out, the answer was lost, a 5xx.
// UQPAY's API reference documents the idempotency key for exactly this retry; UQPAY's CLI 2.0.1 stopped replaying
// and reports reconcile_required with the key instead (CLI internal/client/client.go newReconcileRequiredError,
// CHANGELOG 2.0.1). The gateway makes it a policy (UQPAY_UNKNOWN_OUTCOME_POLICY=replay|never) and, when the
// outcome is still unknown, answers UPSTREAM_OUTCOME_UNKNOWN with the key to retry with. Attempts and keys are
// counted at the recording proxy, effects in the emulator.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { upstreamIdempotencyKey } from '../../src/access/idempotency';
import { DEMO_IDS } from '../../src/emulator';
import { header } from './recording-proxy';
import { startConformanceStack, type ConformanceStack } from './stack';

const { cards, accounts } = DEMO_IDS;
const RECHARGE_ROUTE = 'POST /v1/issuing/cards/{id}/recharge';
const RECHARGE = `mutation($input: CardAmountInput!) {
  rechargeCard(input: $input) { order { orderId } card { availableBalance { amount } } userErrors { code field message } } }`;
const TRANSFER = `mutation($input: CreateTransferInput!) { createTransfer(input: $input) { transfer { transferId } userErrors { code } } }`;
const STATUS = `mutation($input: SetCardStatusInput!) {
  setCardStatus(input: $input) { card { status } order { orderId } userErrors { code message } } }`;
const BALANCE = 'query($id: UUID!) { card(cardId: $id) { status availableBalance { amount } } }';

async function balance(s: ConformanceStack, cardId: string): Promise<string> {
  const r = await s.gql(BALANCE, { id: cardId });
  return r.data.card.availableBalance.amount as string;
}

const faults = (s: ConformanceStack, cfg: Record<string, unknown>) => s.control('POST', '/faults', cfg);

describe('policy replay (the default): the replay with the same key is the lookup', () => {
  let s: ConformanceStack;
  beforeAll(async () => {
    s = await startConformanceStack({ env: { UQPAY_MAX_RETRIES: '2' } });
  });
  afterAll(async () => s?.close());
  afterEach(async () => {
    await s.control('DELETE', '/faults');
    s.proxy.clear();
  });

  it('every answer lost: applied once, replayed with the same key, then UPSTREAM_OUTCOME_UNKNOWN with that key; a later retry with it settles without a second effect (CLI internal/client/client.go; API reference: x-idempotency-key)', async () => {
    const before = await balance(s, cards.sophiaUsdSingle);
    await faults(s, { lostResponseRate: 1, routes: [RECHARGE_ROUTE] });
    const key = randomUUID();
    const input = { cardId: cards.sophiaUsdSingle, amount: '7.00', idempotencyKey: key };
    const r = await s.gql(RECHARGE, { input });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', idempotencyKey: key });
    const sent = s.proxy.byRoute(RECHARGE_ROUTE);
    expect(sent).toHaveLength(3); // 1 + UQPAY_MAX_RETRIES
    expect(new Set(sent.map((x) => header(x, 'x-idempotency-key')))).toEqual(
      new Set([upstreamIdempotencyKey('explorer', key)]),
    );
    expect(sent.every((x) => x.status === 'dropped')).toBe(true);

    await s.control('DELETE', '/faults');
    expect(await balance(s, cards.sophiaUsdSingle)).toBe((Number(before) + 7).toFixed(2)); // applied exactly once
    const again = await s.gql(RECHARGE, { input });
    expect(again.errors).toBeUndefined();
    expect(again.data.rechargeCard.userErrors).toEqual([]);
    expect(again.data.rechargeCard.card.availableBalance.amount).toBe((Number(before) + 7).toFixed(2));
  });

  it('5xx on every attempt: UPSTREAM_OUTCOME_UNKNOWN, not UPSTREAM_UNAVAILABLE (CLI: "server returned HTTP 5xx" is ambiguous for a write)', async () => {
    await faults(s, { errorRate: 1, routes: ['POST /v1/issuing/transfers'] });
    const key = randomUUID();
    const r = await s.gql(TRANSFER, {
      input: {
        sourceAccountId: accounts.master,
        destinationAccountId: accounts.acmeTravel,
        currency: 'USD',
        amount: '1.00',
        idempotencyKey: key,
      },
    });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', idempotencyKey: key });
  });

  it('once an attempt was ambiguous, later 429s do not make it "unavailable": still UPSTREAM_OUTCOME_UNKNOWN', async () => {
    // seed 2: the first attempt gets a 500, the two retries 429s.
    await faults(s, { errorRate: 0.5, rateLimitRate: 0.5, retryAfterSeconds: 0, seed: 2, routes: [RECHARGE_ROUTE] });
    const r = await s.gql(RECHARGE, {
      input: { cardId: cards.liamSgdSingle, amount: '1.00', idempotencyKey: randomUUID() },
    });
    expect(s.proxy.byRoute(RECHARGE_ROUTE).map((x) => x.status)).toEqual([500, 429, 429]);
    expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
  });

  it('429 on every attempt (provably not applied): UPSTREAM_UNAVAILABLE, nothing applied', async () => {
    const before = await balance(s, cards.liamSgdSingle);
    await faults(s, { rateLimitRate: 1, retryAfterSeconds: 0, routes: [RECHARGE_ROUTE] });
    const r = await s.gql(RECHARGE, {
      input: { cardId: cards.liamSgdSingle, amount: '1.00', idempotencyKey: randomUUID() },
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(r.errors?.[0]?.extensions).not.toHaveProperty('idempotencyKey');
    await s.control('DELETE', '/faults');
    expect(await balance(s, cards.liamSgdSingle)).toBe(before);
  });

  it('reads are never UPSTREAM_OUTCOME_UNKNOWN: a GET that only gets 5xx is UPSTREAM_UNAVAILABLE', async () => {
    await faults(s, { errorRate: 1, routes: ['GET /v1/issuing/cards/{id}'] });
    const r = await s.gql(BALANCE, { id: cards.oliviaUsdShare });
    expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('a status change whose answers were all lost is looked up on the card: the card is FROZEN, so the mutation succeeds (order unknown: null)', async () => {
    await faults(s, { lostResponseRate: 1, routes: ['POST /v1/issuing/cards/{id}/status'] });
    const r = await s.gql(STATUS, {
      input: { cardId: cards.oliviaUsdShare, status: 'FROZEN', idempotencyKey: randomUUID() },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.setCardStatus).toEqual({ card: { status: 'FROZEN' }, order: null, userErrors: [] });
    await s.control('DELETE', '/faults');
    await s.gql(STATUS, { input: { cardId: cards.oliviaUsdShare, status: 'ACTIVE', idempotencyKey: randomUUID() } });
  });
});

describe('policy never (UQPAY CLI 2.0.1): no automatic replay after an ambiguous attempt', () => {
  let s: ConformanceStack;
  beforeAll(async () => {
    s = await startConformanceStack({ env: { UQPAY_UNKNOWN_OUTCOME_POLICY: 'never' } });
  });
  afterAll(async () => s?.close());
  afterEach(async () => {
    await s.control('DELETE', '/faults');
    s.proxy.clear();
  });

  it('a lost answer: exactly one attempt, UPSTREAM_OUTCOME_UNKNOWN with the key (CLI TestAmbiguousWriteNetworkFailureRequiresReconciliationWithoutRetry)', async () => {
    await faults(s, { lostResponseRate: 1, routes: [RECHARGE_ROUTE] });
    const key = randomUUID();
    const r = await s.gql(RECHARGE, { input: { cardId: cards.sophiaUsdSingle, amount: '3.00', idempotencyKey: key } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', idempotencyKey: key });
    expect(s.proxy.byRoute(RECHARGE_ROUTE)).toHaveLength(1);
  });

  it('a 5xx: exactly one attempt (CLI TestAmbiguousWriteServerErrorRequiresReconciliationWithoutRetry)', async () => {
    await faults(s, { errorRate: 1, routes: [RECHARGE_ROUTE] });
    const r = await s.gql(RECHARGE, {
      input: { cardId: cards.sophiaUsdSingle, amount: '3.00', idempotencyKey: randomUUID() },
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(s.proxy.byRoute(RECHARGE_ROUTE)).toHaveLength(1);
  });

  it('429s are still retried with the same key (provably not applied; CLI TestWriteRetriesReuseAutomaticIdempotencyKey)', async () => {
    await faults(s, { rateLimitRate: 0.67, retryAfterSeconds: 0, seed: 7, routes: [RECHARGE_ROUTE] });
    const key = randomUUID();
    const r = await s.gql(RECHARGE, { input: { cardId: cards.sophiaUsdSingle, amount: '3.00', idempotencyKey: key } });
    expect(r.data.rechargeCard.userErrors).toEqual([]);
    const sent = s.proxy.byRoute(RECHARGE_ROUTE);
    expect(sent.map((x) => x.status)).toEqual([429, 429, 200]);
    expect(new Set(sent.map((x) => header(x, 'x-idempotency-key')))).toEqual(
      new Set([upstreamIdempotencyKey('explorer', key)]),
    );
  });

  it('a status change with a lost answer is looked up with a GET (safe), not replayed', async () => {
    await faults(s, { lostResponseRate: 1, routes: ['POST /v1/issuing/cards/{id}/status'] });
    const r = await s.gql(STATUS, {
      input: { cardId: cards.oliviaUsdShare, status: 'FROZEN', idempotencyKey: randomUUID() },
    });
    expect(r.data.setCardStatus).toEqual({ card: { status: 'FROZEN' }, order: null, userErrors: [] });
    expect(s.proxy.byRoute('POST /v1/issuing/cards/{id}/status')).toHaveLength(1);
    await s.control('DELETE', '/faults');
    await s.gql(STATUS, { input: { cardId: cards.oliviaUsdShare, status: 'ACTIVE', idempotencyKey: randomUUID() } });
  });

  it('a connection refused before anything was sent is UPSTREAM_UNAVAILABLE (provably not applied)', async () => {
    const own = await startConformanceStack({ env: { UQPAY_UNKNOWN_OUTCOME_POLICY: 'never', UQPAY_MAX_RETRIES: '1' } });
    try {
      expect((await own.gql(BALANCE, { id: cards.sophiaUsdSingle })).errors).toBeUndefined(); // token in hand
      await own.proxy.close(); // nothing listens on the proxy's port any more
      const r = await own.gql(RECHARGE, {
        input: { cardId: cards.sophiaUsdSingle, amount: '1.00', idempotencyKey: randomUUID() },
      });
      expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      await own.gateway.close();
      await own.emulator.close();
    }
  });
});
