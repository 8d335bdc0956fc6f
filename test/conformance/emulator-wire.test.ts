// Facts from UQPAY's official SDKs about the request/response wire format, stated against the emulator directly
// (its defaults are strict, as UQPAY is). Each test names the SDK file the fact comes from. The older, lenient
// behaviour stays available behind switches; those are checked at the end.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { cents, expectError, useEmulator } from '../emulator/helpers';

const { cards, cardholders, products, accounts } = DEMO_IDS;
const api = useEmulator({ asyncDelayMs: 0 });

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

describe('requests: amounts are JSON numbers', () => {
  it('recharge with "amount":"500" (a string) → 400 naming the field; with 500 → accepted (Go issuing/cards.go CardOrderRequest.Amount float64)', async () => {
    const asString = await api.post(`/v1/issuing/cards/${cards.sophiaUsdSingle}/recharge`, { amount: '500' });
    expectError(asString, 400, 'invalid_request_error', 'invalid_parameter');
    expect(asString.body.message).toMatch(/^amount /);
    expect(asString.body.message).toMatch(/number/);
    const asNumber = await api.post(`/v1/issuing/cards/${cards.sophiaUsdSingle}/recharge`, { amount: 500 });
    expect(asNumber.status).toBe(200);
  });

  it('transfer amount as a string → 400 (Go issuing/transfers.go CreateTransferRequest.Amount float64)', async () => {
    const body = {
      source_account_id: accounts.master,
      destination_account_id: accounts.acmeTravel,
      currency: 'USD',
      amount: '10.00',
    };
    expectError(await api.post('/v1/issuing/transfers', body), 400, 'invalid_request_error', 'invalid_parameter');
    expect((await api.post('/v1/issuing/transfers', { ...body, amount: 10 })).status).toBe(200);
  });

  it('card_limit and spending_controls[].amount as strings → 400 naming the field (Node src/resources/issuing/types.ts CreateCardParams)', async () => {
    const base = { card_currency: 'USD', cardholder_id: cardholders.oliviaMartin, card_product_id: products.single };
    const limit = await api.post('/v1/issuing/cards', { ...base, card_limit: '10.00' });
    expectError(limit, 400, 'invalid_request_error', 'invalid_parameter');
    expect(limit.body.message).toMatch(/^card_limit /);
    const control = await api.post('/v1/issuing/cards', {
      ...base,
      card_limit: 10,
      spending_controls: [{ amount: '5', interval: 'DAILY' }],
    });
    expectError(control, 400, 'invalid_request_error', 'invalid_parameter');
    expect(control.body.message).toMatch(/^spending_controls\[0\]\.amount /);
  });

  it('no_pin_payment_amount as a string → 400 (Go issuing/cards.go CardUpdateRequest.NoPINPaymentAmount *float64)', async () => {
    const r = await api.post(`/v1/issuing/cards/${cards.oliviaUsdShare}`, { no_pin_payment_amount: '100' });
    expectError(r, 400, 'invalid_request_error', 'invalid_parameter');
    expect(r.body.message).toMatch(/^no_pin_payment_amount /);
  });

  it('simulator transaction_amount as a string → 400 (Go simulator/issuing.go AuthorizationRequest.TransactionAmount float64)', async () => {
    const body = {
      card_id: cards.sophiaUsdSingle,
      transaction_currency: 'USD',
      merchant_name: 'Shop',
      merchant_category_code: '5812',
    };
    expectError(
      await api.post('/v1/simulation/issuing/authorization', { ...body, transaction_amount: '1.00' }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
    expect((await api.post('/v1/simulation/issuing/authorization', { ...body, transaction_amount: 1 })).status).toBe(
      200,
    );
  });

  it('a number literal is read exactly, digit for digit: 1234567890123.45 and 99999999999999.99 (a double would make it …98) (CLI cmd/issuing/card.go sends numbers; nothing on the way may round)', async () => {
    await api.control('POST', '/deposit', { currency: 'USD', amount: '99999999999999.99' });
    await api.control('POST', '/deposit', { currency: 'USD', amount: '1234567890123.45' });
    for (const literal of ['1234567890123.45', '99999999999999.99']) {
      const before = (await api.get(`/v1/issuing/cards/${cards.sophiaUsdSingle}`)).body.available_balance;
      const r = await api.post(`/v1/issuing/cards/${cards.sophiaUsdSingle}/recharge`, undefined, {
        raw: `{"amount":${literal}}`,
      });
      expect(r.status).toBe(200);
      expect(cents(r.body.amount)).toBe(cents(literal));
      const after = (await api.get(`/v1/issuing/cards/${cards.sophiaUsdSingle}`)).body.available_balance;
      expect(cents(after) - cents(before)).toBe(cents(literal));
    }
  });
});

describe('requests: ONE_TIME cards', () => {
  it('usage_type ONE_TIME without auto_cancel_trigger → 400; with ON_AUTH → accepted (Go issuing/cards.go CreateCardRequest.AutoCancelTrigger)', async () => {
    const base = {
      card_currency: 'USD',
      cardholder_id: cardholders.oliviaMartin,
      card_product_id: products.single,
      card_limit: 5,
      usage_type: 'ONE_TIME',
    };
    const missing = await api.post('/v1/issuing/cards', base);
    expectError(missing, 400, 'invalid_request_error', 'missing_parameter');
    expect(missing.body.message).toMatch(/^auto_cancel_trigger /);
    expectError(
      await api.post('/v1/issuing/cards', { ...base, auto_cancel_trigger: 'LATER' }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
    expect((await api.post('/v1/issuing/cards', { ...base, auto_cancel_trigger: 'ON_AUTH' })).status).toBe(200);
  });
});

describe('requests: idempotency keys', () => {
  it('any non-empty string up to 64 characters is a key; 65 → 400 (Python CHANGELOG.md 2.0.0, uqpay/idempotency.py)', async () => {
    const path = `/v1/issuing/cards/${cards.sophiaUsdSingle}/recharge`;
    const key = `order-${'x'.repeat(58)}`; // 64 characters, not a UUID
    const first = await api.post(path, { amount: 1 }, { idempotencyKey: key });
    expect(first.status).toBe(200);
    const replay = await api.post(path, { amount: 1 }, { idempotencyKey: key });
    expect(replay.body.card_order_id).toBe(first.body.card_order_id);
    const long = await api.post(path, { amount: 1 }, { idempotencyKey: `${key}y` });
    expectError(long, 400, 'invalid_request_error', 'invalid_idempotency_key');
  });
});

describe('responses', () => {
  it('Create Transfer answers {transfer_id} only; the transfer is read separately (Go issuing/transfers.go CreateTransferResponse)', async () => {
    const r = await api.post('/v1/issuing/transfers', {
      source_account_id: accounts.master,
      destination_account_id: accounts.acmeTravel,
      currency: 'USD',
      amount: 1,
    });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['transfer_id']);
    expect((await api.get(`/v1/issuing/transfers/${r.body.transfer_id}`)).body.amount).toBeDefined();
  });

  it('not found is HTTP 404 {type:"not_found", code:"card_not_found"} (CLI internal/client/client_test.go TestAPIError404; Go common/errors.go IsNotFound)', async () => {
    expectError(await api.get(`/v1/issuing/cards/${randomUUID()}`), 404, 'not_found', 'card_not_found');
    expectError(await api.get(`/v1/issuing/cardholders/${randomUUID()}`), 404, 'not_found', 'cardholder_not_found');
    expectError(await api.get(`/v1/issuing/transfers/${randomUUID()}`), 404, 'not_found', 'transfer_not_found');
    expectError(
      await api.post(`/v1/issuing/cards/${randomUUID()}/recharge`, { amount: 1 }),
      404,
      'not_found',
      'card_not_found',
    );
    // An unknown x-on-behalf-of account is not a not-found of the object asked for.
    expectError(
      await api.get(`/v1/issuing/cards/${cards.sophiaUsdSingle}`, { onBehalfOf: randomUUID() }),
      400,
      'account_error',
      'sub_account_not_found',
    );
  });
});

describe('auth', () => {
  it('the token carries entity_id, short_entity_id, parent_entity_id, client_id, api_version, bus_type (Node src/auth.ts parseJwt; Python uqpay/auth.py _parse_jwt)', async () => {
    const claims = claimsOf(await api.fetchToken());
    expect(claims.entity_id).toBe(accounts.master);
    for (const k of ['short_entity_id', 'parent_entity_id', 'client_id', 'api_version', 'bus_type'])
      expect(typeof claims[k]).toBe('string');
    expect(claims.client_id).toBe(api.emu.clientId);
    expect(claims).not.toHaveProperty('account_id');
  });
});
