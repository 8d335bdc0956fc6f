// What goes on the wire (headers per call kind) and what comes back (the three error shapes, numbers as
// amounts), against small real HTTP servers and the emulator. Also: no secret ever in an error message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { UqpayAuthError, UqpayError, type UqpayObserver } from '../../src/datasources/uqpay';
import { client, emulator, fakeUpstream, json, type TestEmulator } from './helpers';

const ACCOUNT = 'ac000000-0000-4000-8000-000000000002';
let emu: TestEmulator;
beforeAll(async () => {
  emu = await emulator({ amountFormat: 'number' });
});
afterAll(async () => emu.close());

describe('headers', () => {
  it('token call: credentials only; GET: bearer, on-behalf-of, request id; POST: + idempotency key; accounts: no on-behalf-of', async () => {
    const up = await fakeUpstream((req, res) =>
      json(
        res,
        200,
        req.url.includes('/accounts')
          ? { total_pages: 1, total_items: 0, data: [] }
          : { cardholder_id: 'h', cardholder_status: 'SUCCESS' },
      ),
    );
    const calls: { route: string; status: number | string; attempt: number }[] = [];
    const observer: UqpayObserver = {
      onCall: (e) => void calls.push({ route: e.route, status: e.status, attempt: e.attempt }),
    };
    const c = client(up.baseUrl, { apiKey: 'secret-api-key-xyz' }, { observer });
    try {
      const scope = { accountId: ACCOUNT, requestId: 'req-123' };
      await c.api.cardholders.retrieve(scope, 'h');
      await c.api.cardholders.update(
        scope,
        'h',
        { email: 'a@b.co' },
        { idempotencyKey: '0b7c3e2a-4b1e-4a52-9c1e-1f6a7d2c9e10' },
      );
      await c.api.accounts.list(scope);
      const [token, get, post, accounts] = up.seen;
      expect(token!.method).toBe('POST');
      expect(token!.url).toBe('/api/v1/connect/token');
      expect(token!.headers).toMatchObject({ 'x-client-id': 'demo-client-id', 'x-api-key': 'secret-api-key-xyz' });
      for (const h of ['x-auth-token', 'x-on-behalf-of', 'x-idempotency-key'])
        expect(token!.headers[h]).toBeUndefined();

      expect(get!.url).toBe('/api/v1/issuing/cardholders/h');
      expect(get!.headers['x-auth-token']).toMatch(/^Bearer eyJ/);
      expect(get!.headers).toMatchObject({ 'x-on-behalf-of': ACCOUNT, 'x-request-id': 'req-123' });
      expect(get!.headers['x-idempotency-key']).toBeUndefined();
      expect(get!.headers['x-api-key']).toBeUndefined();

      expect(post!.method).toBe('POST');
      expect(post!.headers).toMatchObject({
        'x-on-behalf-of': ACCOUNT,
        'x-idempotency-key': '0b7c3e2a-4b1e-4a52-9c1e-1f6a7d2c9e10',
        'content-type': 'application/json',
      });
      expect(JSON.parse(post!.body)).toEqual({ email: 'a@b.co' });

      expect(accounts!.url).toBe('/api/v1/accounts');
      expect(accounts!.headers['x-on-behalf-of']).toBeUndefined();
      expect(accounts!.headers['x-auth-token']).toMatch(/^Bearer /);

      expect(calls).toEqual([
        { route: 'POST /v1/connect/token', status: 200, attempt: 1 },
        { route: 'GET /v1/issuing/cardholders/{id}', status: 200, attempt: 1 },
        { route: 'POST /v1/issuing/cardholders/{id}', status: 200, attempt: 1 },
        { route: 'GET /v1/accounts', status: 200, attempt: 1 },
      ]);
    } finally {
      await c.close();
      await up.close();
    }
  });

  it('query strings carry only defined values, encoded', async () => {
    const up = await fakeUpstream((_req, res) => json(res, 200, { total_pages: 0, total_items: 0, data: [] }));
    const c = client(up.baseUrl);
    try {
      await c.api.transactions.list(
        {},
        { card_id: 'a b', start_time: '2024-01-01T00:00:00+08:00', page_size: 20, end_time: undefined },
      );
      expect(up.seen.at(-1)!.url).toBe(
        '/api/v1/issuing/transactions?card_id=a%20b&start_time=2024-01-01T00%3A00%3A00%2B08%3A00&page_size=20',
      );
    } finally {
      await c.close();
      await up.close();
    }
  });
});

describe('amounts over the wire', () => {
  it('an emulator sending JSON numbers still yields exact decimal strings everywhere', async () => {
    const c = client(emu.baseUrl);
    try {
      const card = await c.api.cards.retrieve({}, DEMO_IDS.cards.sophiaUsdSingle);
      expect(card.card_limit).toBe('1000');
      expect(card.consumed_amount).toBe('51');
      const balances = await c.api.balances.list({});
      for (const b of balances.data) expect(typeof b.available_balance).toBe('string');
      const ledger = await c.api.balances.ledger({});
      for (const e of ledger.data) expect(typeof e.amount).toBe('string');
      const txs = await c.api.transactions.list({});
      for (const t of txs.data) if (t.billing_amount != null) expect(typeof t.billing_amount).toBe('string');
      const order = await c.api.cards.recharge({}, DEMO_IDS.cards.sophiaUsdSingle, { amount: '10.25' });
      expect(order.amount).toBe('10.25');
    } finally {
      await c.close();
    }
  });
});

describe('numeric amount literals in answers are read digit for digit', () => {
  it('99999999999999.99, 1234567890123.45 and 1000000000000000.01 arrive as those exact decimal strings (Go common/flexible_types.go FlexibleString keeps the raw number text)', async () => {
    const card =
      `{"card_id":"c","mode_type":"SHARE","card_status":"ACTIVE","card_currency":"USD","cardholder":{"cardholder_id":"h"},` +
      `"card_limit":1000000000000000.01,"available_balance":99999999999999.99,"consumed_amount":1234567890123.45,` +
      `"spending_controls":[{"amount":12345678901234.56,"interval":"DAILY"}],"metadata":{"n":12345678901234567890}}`;
    const up = await fakeUpstream((_req, res) => json(res, 200, card));
    const c = client(up.baseUrl);
    try {
      const got = await c.api.cards.retrieve({}, 'c');
      expect(got).toMatchObject({
        card_limit: '1000000000000000.01',
        available_balance: '99999999999999.99',
        consumed_amount: '1234567890123.45',
        spending_controls: [{ amount: '12345678901234.56', interval: 'DAILY' }],
      });
      // Not an amount: a plain JSON number, as JSON.parse makes it.
      // eslint-disable-next-line no-loss-of-precision -- the double JSON.parse makes of that literal, on purpose
      expect(got.metadata).toEqual({ n: 12345678901234567890 });
    } finally {
      await c.close();
      await up.close();
    }
  });

  it("a request body's amounts go out as JSON numbers with the same digits (Go issuing/cards.go, simulator/issuing.go)", async () => {
    const up = await fakeUpstream((_req, res) =>
      json(res, 200, {
        transaction_id: 't',
        card_id: 'c',
        transaction_type: 'AUTHORIZATION',
        transaction_status: 'APPROVED',
      }),
    );
    const c = client(up.baseUrl);
    try {
      await c.api.simulation.authorize(
        {},
        {
          card_id: 'c',
          transaction_amount: '0070.50',
          transaction_currency: 'USD',
          merchant_name: 'M',
          merchant_category_code: '5812',
        },
      );
      expect(up.seen.at(-1)!.body).toBe(
        '{"card_id":"c","transaction_amount":70.50,"transaction_currency":"USD","merchant_name":"M","merchant_category_code":"5812"}',
      );
    } finally {
      await c.close();
      await up.close();
    }
  });
});

describe('error shapes over real HTTP', () => {
  const PAN = '4111111111111111';
  const cases = [
    {
      name: '{type, code, message}',
      status: 400,
      body: { type: 'card_error', code: 'card_not_found', message: `card ${PAN} not found` },
      want: { type: 'card_error', code: 'card_not_found' },
      cls: UqpayError,
    },
    {
      name: 'legacy flat {code:<int>, message}',
      status: 400,
      body: { code: 100400, message: `bad card ${PAN}` },
      want: { type: 'invalid_request_error', code: '100400' },
      cls: UqpayError,
    },
    {
      name: 'gateway 401 {"error"}',
      status: 401,
      body: { error: `unauthorized for ${PAN}` },
      want: { type: 'unauthorized_error', code: 'unauthorized' },
      cls: UqpayAuthError,
    },
  ] as const;
  for (const k of cases) {
    it(k.name, async () => {
      const up = await fakeUpstream((_req, res) => json(res, k.status, k.body));
      const c = client(up.baseUrl);
      try {
        const err = await c.api.cards.retrieve({}, 'c1').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(k.cls);
        expect(err).toMatchObject({ ...k.want, status: k.status, route: 'GET /v1/issuing/cards/{id}' });
        expect((err as Error).message).not.toContain(PAN);
        expect((err as Error).message).toContain('1111');
        expect(up.seen.filter((s) => s.url.includes('/cards/'))).toHaveLength(1); // 4xx: never retried
      } finally {
        await c.close();
        await up.close();
      }
    });
  }

  it('an upstream echoing the API key, the bearer token and a PAN leaks none of them', async () => {
    const up = await fakeUpstream((req, res) =>
      json(res, 400, {
        type: 'invalid_request_error',
        code: 'echo',
        message: `token=${String(req.headers['x-auth-token']).slice(7)} auth=${String(req.headers['x-auth-token'])} key=my-very-secret-key pan=5555 5555 5555 4444`,
      }),
    );
    const c = client(up.baseUrl, { apiKey: 'my-very-secret-key' });
    try {
      const err = (await c.api.cards.retrieve({}, 'c1').catch((e: unknown) => e)) as Error;
      const token = String(up.seen.find((s) => s.url.includes('/cards/'))!.headers['x-auth-token']).slice(7);
      expect(err.message).not.toContain(token);
      expect(err.message).not.toContain('my-very-secret-key');
      expect(err.message).not.toContain('5555 5555 5555 4444');
      expect(JSON.stringify({ ...err, message: err.message })).not.toContain(token);
    } finally {
      await c.close();
      await up.close();
    }
  });
});
