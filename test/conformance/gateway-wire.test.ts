// What the gateway actually puts on the wire, read byte for byte by the recording proxy between it and the strict
// emulator. Each fact names the UQPAY SDK file it comes from.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upstreamIdempotencyKey } from '../../src/access/idempotency';
import { DEMO_IDS } from '../../src/emulator';
import { header, type RecordedRequest } from './recording-proxy';
import { startConformanceStack, type ConformanceStack } from './stack';

const { cards, cardholders, products, accounts } = DEMO_IDS;

let s: ConformanceStack;
beforeAll(async () => {
  s = await startConformanceStack();
});
afterAll(async () => s?.close());
beforeEach(() => s.proxy.clear());

const RECHARGE = `mutation($input: CardAmountInput!) {
  rechargeCard(input: $input) { order { amount { amount } } card { availableBalance { amount } } userErrors { code field message } } }`;
const TRANSFER = `mutation($input: CreateTransferInput!) {
  createTransfer(input: $input) { transfer { transferId amount { amount } } userErrors { code field message } } }`;
const CREATE_CARD = `mutation($input: CreateCardInput!) {
  createCard(input: $input) { card { cardId cardLimit { amount } } userErrors { code field message } } }`;
const UPDATE_CARD = `mutation($input: UpdateCardInput!) {
  updateCard(input: $input) { card { cardLimit { amount } spendingControls { amount { amount } } } userErrors { code field message } } }`;

/** The one request the proxy saw on `route` (fails loudly when there were none or several). */
function only(route: string): RecordedRequest {
  const seen = s.proxy.byRoute(route);
  expect(
    seen.map((r) => r.route),
    `requests on ${route}`,
  ).toEqual([route]);
  return seen[0]!;
}

describe('amounts are JSON numbers written as the exact decimal literal', () => {
  it('rechargeCard sends "amount":1234567890123.45 byte for byte, and the card gets exactly that (Go issuing/cards.go CardOrderRequest.Amount float64; Node src/resources/issuing/types.ts CardRechargeWithdrawParams.amount: number)', async () => {
    await s.control('POST', '/deposit', { currency: 'USD', amount: '1300000000000.00' });
    const key = randomUUID();
    const r = await s.gql(RECHARGE, {
      input: { cardId: cards.sophiaUsdSingle, amount: '1234567890123.45', idempotencyKey: key },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.rechargeCard.userErrors).toEqual([]);
    const sent = only('POST /v1/issuing/cards/{id}/recharge');
    expect(sent.text).toBe('{"amount":1234567890123.45}');
    expect(r.data.rechargeCard.order.amount.amount).toBe('1234567890123.45');
    // 1000.00 limit − 51.00 spent + the recharge, to the cent: nothing went through a float on either side.
    expect(r.data.rechargeCard.card.availableBalance.amount).toBe('1234567891072.45');
  });

  it('keeps trailing zeros: "500.10" → 500.10 (Go issuing/cards.go; the CLI cmd/issuing/card.go coerces amount to a number)', async () => {
    await s.gql(RECHARGE, { input: { cardId: cards.liamSgdSingle, amount: '500.10', idempotencyKey: randomUUID() } });
    expect(only('POST /v1/issuing/cards/{id}/recharge').text).toBe('{"amount":500.10}');
  });

  it('createTransfer sends amount as a number (Go issuing/transfers.go CreateTransferRequest.Amount float64; Node types.ts CreateIssuingTransferParams.amount: number)', async () => {
    const r = await s.gql(TRANSFER, {
      input: {
        sourceAccountId: accounts.master,
        destinationAccountId: accounts.acmeTravel,
        currency: 'USD',
        amount: '10.05',
        idempotencyKey: randomUUID(),
      },
    });
    expect(r.data.createTransfer.userErrors).toEqual([]);
    const sent = only('POST /v1/issuing/transfers');
    expect(sent.text).toContain('"amount":10.05');
    expect(sent.text).not.toContain('"10.05"');
    expect(r.data.createTransfer.transfer.amount.amount).toBe('10.05');
  });

  it('createCard sends card_limit and spending_controls[].amount as numbers (Go issuing/cards.go CreateCardRequest.CardLimit *float64; Node types.ts SpendingControl.amount: number)', async () => {
    const r = await s.gql(CREATE_CARD, {
      input: {
        cardholderId: cardholders.oliviaMartin,
        productId: products.single,
        currency: 'USD',
        cardLimit: '25.00',
        spendingControls: [{ amount: '5.50', interval: 'PER_TRANSACTION' }],
        idempotencyKey: randomUUID(),
      },
    });
    expect(r.data.createCard.userErrors).toEqual([]);
    const body = only('POST /v1/issuing/cards').text;
    expect(body).toContain('"card_limit":25.00');
    expect(body).toContain('"spending_controls":[{"amount":5.50,"interval":"PER_TRANSACTION"}]');
    expect(r.data.createCard.card.cardLimit.amount).toBe('25.00');
  });

  it('updateCard sends card_limit, no_pin_payment_amount and spending_controls[].amount as numbers (Go issuing/cards.go CardUpdateRequest; Node types.ts UpdateCardParams)', async () => {
    const r = await s.gql(UPDATE_CARD, {
      input: {
        cardId: cards.oliviaUsdShare,
        cardLimit: '3000.00',
        noPinPaymentAmount: '150.00',
        spendingControls: [{ amount: '99.99', interval: 'DAILY' }],
        idempotencyKey: randomUUID(),
      },
    });
    expect(r.data.updateCard.userErrors).toEqual([]);
    const body = only('POST /v1/issuing/cards/{id}').text;
    expect(body).toContain('"card_limit":3000.00');
    expect(body).toContain('"no_pin_payment_amount":150.00');
    expect(body).toContain('"spending_controls":[{"amount":99.99,"interval":"DAILY"}]');
    expect(r.data.updateCard.card.cardLimit.amount).toBe('3000.00');
  });
});

describe('ONE_TIME cards', () => {
  const input = {
    cardholderId: cardholders.oliviaMartin,
    productId: products.single,
    currency: 'USD',
    cardLimit: '5.00',
    usageType: 'ONE_TIME',
  };

  it('without autoCancelTrigger: VALIDATION at ["input","autoCancelTrigger"], nothing sent (Go issuing/cards.go: required when UsageType=ONE_TIME)', async () => {
    const r = await s.gql(CREATE_CARD, { input: { ...input, idempotencyKey: randomUUID() } });
    expect(r.errors).toBeUndefined();
    expect(r.data.createCard.userErrors).toEqual([
      { code: 'VALIDATION', field: ['input', 'autoCancelTrigger'], message: expect.stringMatching(/ONE_TIME/) },
    ]);
    expect(s.proxy.requests.filter((x) => x.route !== 'POST /v1/connect/token')).toEqual([]);
  });

  it('with autoCancelTrigger ON_CAPTURE: sent as auto_cancel_trigger (Node types.ts CreateCardParams.auto_cancel_trigger)', async () => {
    const r = await s.gql(CREATE_CARD, {
      input: { ...input, autoCancelTrigger: 'ON_CAPTURE', idempotencyKey: randomUUID() },
    });
    expect(r.data.createCard.userErrors).toEqual([]);
    const body = JSON.parse(only('POST /v1/issuing/cards').text);
    expect(body).toMatchObject({ usage_type: 'ONE_TIME', auto_cancel_trigger: 'ON_CAPTURE' });
  });

  it('autoCancelTrigger on a NORMAL card is refused before any call (it only means something for ONE_TIME)', async () => {
    const r = await s.gql(CREATE_CARD, {
      input: { ...input, usageType: 'NORMAL', autoCancelTrigger: 'ON_AUTH', idempotencyKey: randomUUID() },
    });
    expect(r.data.createCard.userErrors).toEqual([
      { code: 'VALIDATION', field: ['input', 'autoCancelTrigger'], message: expect.any(String) },
    ]);
    expect(s.proxy.byRoute('POST /v1/issuing/cards')).toEqual([]);
  });
});

describe('headers', () => {
  it('every call carries x-auth-token: Bearer <token>; every POST an x-idempotency-key (Go common/client.go setRequestHeaders)', async () => {
    await s.gql(RECHARGE, { input: { cardId: cards.liamSgdSingle, amount: '1.00', idempotencyKey: randomUUID() } });
    const api = s.proxy.requests.filter((r) => r.route !== 'POST /v1/connect/token');
    expect(api.length).toBeGreaterThan(0);
    for (const r of api) expect(header(r, 'x-auth-token')).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    for (const r of api.filter((x) => x.method === 'POST')) expect(header(r, 'x-idempotency-key')).toBeTruthy();
  });

  it("the x-idempotency-key is the one derived from the client's idempotencyKey (per API client), identical on every retry of one call (CLI internal/client/client.go reuses one key across 429 and token-refresh retries)", async () => {
    await s.control('POST', '/faults', {
      rateLimitRate: 0.67,
      routes: ['POST /v1/issuing/cards/{id}/recharge'],
      seed: 7,
      retryAfterSeconds: 0,
    });
    try {
      const key = randomUUID();
      const r = await s.gql(RECHARGE, { input: { cardId: cards.liamSgdSingle, amount: '2.00', idempotencyKey: key } });
      expect(r.data.rechargeCard.userErrors).toEqual([]);
      const sent = s.proxy.byRoute('POST /v1/issuing/cards/{id}/recharge');
      expect(sent.length).toBeGreaterThan(1);
      expect(new Set(sent.map((x) => header(x, 'x-idempotency-key')))).toEqual(
        new Set([upstreamIdempotencyKey('explorer', key)]),
      );
    } finally {
      await s.control('DELETE', '/faults');
    }
  });

  it('a key the gateway generates is also kept across retries (CLI CHANGELOG 2.0.1: one key per logical request)', async () => {
    await s.control('POST', '/faults', { errorRate: 0.5, routes: ['POST /v1/issuing/cards/{id}/status'], seed: 7 });
    try {
      const r = await s.gql(
        'mutation($input: SetCardStatusInput!) { setCardStatus(input: $input) { userErrors { code } } }',
        { input: { cardId: cards.sophiaSgdShareFrozen, status: 'ACTIVE' } },
      );
      const sent = s.proxy.byRoute('POST /v1/issuing/cards/{id}/status');
      expect(sent.length).toBeGreaterThan(1);
      expect(new Set(sent.map((x) => header(x, 'x-idempotency-key'))).size).toBe(1);
      expect(r.errors ?? r.data.setCardStatus.userErrors).toBeDefined();
    } finally {
      await s.control('DELETE', '/faults');
    }
  });

  it('x-on-behalf-of goes on sub-account calls, never on the token or the accounts calls (Go common/client.go; Node src/http.ts)', async () => {
    const r = await s.gql(
      '{ card(cardId: "' + cards.danielUsdSingle + '") { cardId } connectedAccounts(first: 5) { totalCount } }',
      undefined,
      {
        'x-on-behalf-of': accounts.acmeTravel,
      },
    );
    expect(r.data.card.cardId).toBe(cards.danielUsdSingle);
    const card = only('GET /v1/issuing/cards/{id}');
    expect(header(card, 'x-on-behalf-of')).toBe(accounts.acmeTravel);
    for (const t of s.proxy.byRoute('POST /v1/connect/token')) expect(header(t, 'x-on-behalf-of')).toBeUndefined();
    for (const a of s.proxy.requests.filter((x) => x.route.startsWith('GET /v1/accounts')))
      expect(header(a, 'x-on-behalf-of')).toBeUndefined();
  });
});

describe('token claims', () => {
  it("the master account id is the token's entity_id (Node src/auth.ts parseJwt; Python uqpay/auth.py _parse_jwt)", async () => {
    await s.control('POST', '/expire-tokens'); // the next call fetches a token the proxy sees
    const r = await s.gql('{ account { accountId } balances { currency } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.account.accountId).toBe(accounts.master);
    const token = JSON.parse(only('POST /v1/connect/token').responseText ?? '{}').auth_token as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims.entity_id).toBe(accounts.master);
    expect(claims).not.toHaveProperty('account_id');
  });
});

describe('not found, in either form', () => {
  for (const notFoundStatus of [404, 400] as const) {
    it(`a ${notFoundStatus} not-found is a null read and a NOT_FOUND userError (404 {type:"not_found"}: CLI internal/client/client_test.go; 400 card_error: the older API reference)`, async () => {
      const own = await startConformanceStack({ emulator: { notFoundStatus } });
      try {
        const missing = randomUUID();
        const read = await own.gql(
          'query($id: UUID!) { card(cardId: $id) { cardId } cardholder(cardholderId: $id) { cardholderId } }',
          { id: missing },
        );
        expect(read.errors).toBeUndefined();
        expect(read.data).toEqual({ card: null, cardholder: null });
        const write = await own.gql(RECHARGE, {
          input: { cardId: missing, amount: '1.00', idempotencyKey: randomUUID() },
        });
        expect(write.data.rechargeCard.userErrors).toEqual([
          { code: 'NOT_FOUND', field: ['input', 'cardId'], message: expect.any(String) },
        ]);
        const sent = own.proxy.byRoute('POST /v1/issuing/cards/{id}/recharge');
        expect(sent.map((r) => r.status)).toEqual([notFoundStatus]);
      } finally {
        await own.close();
      }
    });
  }
});
