// The switches for the unsure points of UQPAY's API (README: the emulator's switches) and the emulator's own knobs.
import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { boot, expectError, send, type Api } from './helpers';

async function withEmulator(opts: Parameters<typeof boot>[0], fn: (api: Api) => Promise<void>) {
  const api = await boot(opts);
  try {
    await fn(api);
  } finally {
    await api.emu.close();
  }
}

describe('options', () => {
  it('controls: false removes /__emulator', () =>
    withEmulator({ controls: false }, async (api) => {
      expect((await api.control('GET', '/stats')).status).toBe(404);
      expect((await api.get('/v1/issuing/products')).status).toBe(200);
    }));

  it('seed: false keeps accounts and products but no demo data', () =>
    withEmulator({ seed: false }, async (api) => {
      expect((await api.get('/v1/issuing/cardholders')).body.total_items).toBe(0);
      expect((await api.get('/v1/issuing/balances')).body.total_items).toBe(0);
      expect((await api.get('/v1/accounts')).body.total_items).toBe(2);
      expect((await api.get('/v1/issuing/products')).body.total_items).toBe(3);
    }));

  it('cardholderTimeFormat: \'legacy\' renders create_time as "2024-05-09 15:52:23"', () =>
    withEmulator({ cardholderTimeFormat: 'legacy' }, async (api) => {
      const ch = (await api.get(`/v1/issuing/cardholders/${DEMO_IDS.cardholders.sophiaTan}`)).body;
      expect(ch.create_time).toBe('2024-05-09 16:03:23');
    }));

  it('shareRecharge: false refuses SHARE recharge and withdraw', () =>
    withEmulator({ shareRecharge: false }, async (api) => {
      const id = DEMO_IDS.cards.oliviaUsdShare;
      expectError(
        await api.post(`/v1/issuing/cards/${id}/recharge`, { amount: 1 }),
        400,
        'card_error',
        'recharge_not_supported',
      );
      expectError(
        await api.post(`/v1/issuing/cards/${id}/withdraw`, { amount: 1 }),
        400,
        'card_error',
        'withdraw_not_supported',
      );
    }));

  it('allowHyphenInNames: false refuses hyphens', () =>
    withEmulator({ allowHyphenInNames: false }, async (api) => {
      const res = await api.post('/v1/issuing/cardholders', {
        email: 'mj@example.org',
        first_name: 'Mary-Jane',
        last_name: 'Doe',
        country_code: 'SG',
        phone_number: '93334444',
      });
      expectError(res, 400, 'invalid_request_error', 'invalid_parameter');
      expect(res.body.message).toContain('first_name');
    }));

  it('asyncDelayMs: 0 finishes orders before the response reaches the client', () =>
    withEmulator({ asyncDelayMs: 0 }, async (api) => {
      const r = await api.post(`/v1/issuing/cards/${DEMO_IDS.cards.sophiaUsdSingle}/recharge`, { amount: 1 });
      expect(r.body.order_status).toBe('PENDING');
      expect((await api.get(`/v1/issuing/cards/${r.body.card_order_id}/order`)).body.order_status).toBe('SUCCESS');
      const created = await api.post('/v1/issuing/cards', {
        card_currency: 'USD',
        cardholder_id: DEMO_IDS.cardholders.sophiaTan,
        card_product_id: DEMO_IDS.products.share,
      });
      expect((await api.get(`/v1/issuing/cards/${created.body.card_id}`)).body.card_status).toBe('ACTIVE');
    }));

  it('a card stays PENDING until its create order succeeds', () =>
    withEmulator({ asyncDelayMs: 300 }, async (api) => {
      const created = await api.post('/v1/issuing/cards', {
        card_currency: 'USD',
        cardholder_id: DEMO_IDS.cardholders.sophiaTan,
        card_product_id: DEMO_IDS.products.share,
      });
      expect((await api.get(`/v1/issuing/cards/${created.body.card_id}`)).body.card_status).toBe('PENDING');
      expectError(
        await api.post(`/v1/issuing/cards/${created.body.card_id}/status`, { card_status: 'FROZEN' }),
        400,
        'card_error',
        'invalid_card_status_transition',
      );
    }));

  it('tokenRateLimitPerMin limits the token call per client', () =>
    withEmulator({ tokenRateLimitPerMin: 2 }, async (api) => {
      const headers = { 'x-client-id': api.emu.clientId, 'x-api-key': api.emu.apiKey };
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await send(`${api.emu.baseUrl}/v1/connect/token`, 'POST', headers)).status);
      expect(statuses).toEqual([200, 200, 429]);
    }));

  // The older behaviour, before the emulator followed UQPAY's SDKs: each stays available behind a switch.
  it("amountInput: 'lenient' accepts decimal strings as well as numbers", () =>
    withEmulator({ amountInput: 'lenient' }, async (api) => {
      const path = `/v1/issuing/cards/${DEMO_IDS.cards.sophiaUsdSingle}/recharge`;
      expect((await api.post(path, { amount: '1.50' })).body.amount).toBe('1.50');
      expect((await api.post(path, { amount: 1.5 })).body.amount).toBe('1.50');
    }));

  it("tokenClaims: 'legacy' issues account_id-only tokens, which the emulator still accepts", () =>
    withEmulator({ tokenClaims: 'legacy' }, async (api) => {
      const claims = JSON.parse(Buffer.from((await api.fetchToken()).split('.')[1]!, 'base64url').toString());
      expect(claims.account_id).toBe(DEMO_IDS.masterAccountId);
      expect(claims).not.toHaveProperty('entity_id');
      expect((await api.get(`/v1/issuing/cards/${DEMO_IDS.cards.sophiaUsdSingle}`)).status).toBe(200);
    }));

  it('notFoundStatus: 400 answers not-found in the older 400 card_error/cardholder_error form', () =>
    withEmulator({ notFoundStatus: 400 }, async (api) => {
      expectError(
        await api.get('/v1/issuing/cards/00000000-0000-4000-8000-000000000000'),
        400,
        'card_error',
        'card_not_found',
      );
      expectError(
        await api.get('/v1/issuing/cardholders/00000000-0000-4000-8000-000000000000'),
        400,
        'cardholder_error',
        'cardholder_not_found',
      );
    }));

  it("idempotencyKeys: 'uuid' refuses keys that are not UUIDs", () =>
    withEmulator({ idempotencyKeys: 'uuid' }, async (api) => {
      const r = await api.post('/v1/issuing/balances', { currency: 'USD' }, { idempotencyKey: 'order-42' });
      expectError(r, 400, 'invalid_request_error', 'invalid_idempotency_key');
    }));

  it("transferCreateResponse: 'full' answers Create Transfer with the whole transfer", () =>
    withEmulator({ transferCreateResponse: 'full' }, async (api) => {
      const r = await api.post('/v1/issuing/transfers', {
        source_account_id: DEMO_IDS.masterAccountId,
        destination_account_id: DEMO_IDS.subAccountIds[0],
        currency: 'USD',
        amount: 1,
      });
      expect(r.body).toMatchObject({ transfer_id: expect.any(String), amount: '1.00', transfer_status: 'completed' });
    }));
});
