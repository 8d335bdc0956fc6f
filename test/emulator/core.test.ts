import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { expectError, send, useEmulator } from './helpers';

const api = useEmulator({}, { resetEachTest: false });

describe('token', () => {
  it('issues a JWT carrying the master account as entity_id', async () => {
    const res = await send(`${api.emu.baseUrl}/v1/connect/token`, 'POST', {
      'x-client-id': 'demo-client-id',
      'x-api-key': 'demo-api-key',
    });
    expect(res.status).toBe(200);
    expect(typeof res.body.auth_token).toBe('string');
    expect(res.body.expired_at).toBeGreaterThan(Date.now() / 1000 + 1700);
    const payload = JSON.parse(Buffer.from(res.body.auth_token.split('.')[1], 'base64url').toString());
    expect(payload.entity_id).toBe(DEMO_IDS.masterAccountId);
  });

  it('refuses wrong credentials with 401 unauthorized_error', async () => {
    const res = await send(`${api.emu.baseUrl}/v1/connect/token`, 'POST', {
      'x-client-id': 'demo-client-id',
      'x-api-key': 'nope',
    });
    expectError(res, 401, 'unauthorized_error', 'unauthorized');
  });

  it('needs x-auth-token with the Bearer prefix', async () => {
    expectError(await api.get('/v1/issuing/cards', { token: null }), 401, 'unauthorized_error', 'unauthorized');
    const token = await api.fetchToken();
    const noPrefix = await send(`${api.emu.baseUrl}/v1/issuing/cards`, 'GET', { 'x-auth-token': token });
    expectError(noPrefix, 401, 'unauthorized_error', 'unauthorized');
    const viaAuthorization = await send(`${api.emu.baseUrl}/v1/issuing/cards`, 'GET', {
      authorization: `Bearer ${token}`,
    });
    expectError(viaAuthorization, 401, 'unauthorized_error', 'unauthorized');
    expectError(
      await api.get('/v1/issuing/cards', { token: 'garbage.token.here' }),
      401,
      'unauthorized_error',
      'unauthorized',
    );
  });
});

describe('seeded reads', () => {
  it('retrieves a seeded card with masked number and its full cardholder', async () => {
    const res = await api.get(`/v1/issuing/cards/${DEMO_IDS.cards.sophiaUsdSingle}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      card_id: DEMO_IDS.cards.sophiaUsdSingle,
      card_bin: '40963608',
      mode_type: 'SINGLE',
      card_status: 'ACTIVE',
      card_currency: 'USD',
      card_limit: '1000.00',
      available_balance: '949.00',
      consumed_amount: '51.00',
      cardholder: {
        cardholder_id: DEMO_IDS.cardholders.sophiaTan,
        first_name: 'Sophia',
        number_of_cards: 2,
        cardholder_status: 'SUCCESS',
      },
    });
    expect(res.body.card_number).toMatch(/^\*{12}\d{4}$/);
  });

  it('lists cardholders and cards in the paging envelope', async () => {
    const holders = await api.get('/v1/issuing/cardholders');
    expect(holders.body).toMatchObject({ total_pages: 1, total_items: 5 });
    const cards = await api.get('/v1/issuing/cards');
    expect(cards.body.total_items).toBe(6);
    for (const c of cards.body.data) expect(c.card_number).toMatch(/^\*{12}\d{4}$/);
    const statuses = new Set(cards.body.data.map((c: { card_status: string }) => c.card_status));
    expect(statuses).toEqual(new Set(['ACTIVE', 'FROZEN', 'CANCELLED']));
  });

  it('lists the sub-accounts under GET /v1/accounts', async () => {
    const res = await api.get('/v1/accounts');
    expect(res.body.total_items).toBe(2);
    expect(res.body.data.map((a: { account_id: string }) => a.account_id).sort()).toEqual(
      [...DEMO_IDS.subAccountIds].sort(),
    );
    const one = await api.get(`/v1/accounts/${DEMO_IDS.subAccountIds[0]}`);
    expect(one.body).toMatchObject({
      account_id: DEMO_IDS.subAccountIds[0],
      account_name: 'Acme Travel Pte. Ltd.',
      status: 'ACTIVE',
    });
  });

  it('lists products including SINGLE, SHARE and the 527735 BIN', async () => {
    const res = await api.get('/v1/issuing/products');
    const bins = res.body.data.map((p: { card_bin: string; mode_type: string }) => `${p.card_bin}/${p.mode_type}`);
    expect(bins).toEqual(expect.arrayContaining(['40963608/SINGLE', '40963608/SHARE', '527735/SINGLE']));
  });
});

describe('stats and reset', () => {
  it('counts every matched request by pattern, including failures, and every response by status', async () => {
    await api.control('POST', '/stats/reset');
    await api.get(`/v1/issuing/cards/${DEMO_IDS.cards.sophiaUsdSingle}`);
    await api.get(`/v1/issuing/cards/${DEMO_IDS.cards.liamSgdSingle}`);
    await api.get(`/v1/issuing/cards/${DEMO_IDS.cards.liamSgdSingle}`, { token: null });
    await api.get('/v1/issuing/cards/not-a-card');
    await api.get('/v1/issuing/cards/00000000-0000-4000-8000-000000000000/order');
    await api.post('/v1/issuing/cardholders', {}, { idempotencyKey: null });
    const stats = (await api.control('GET', '/stats')).body;
    expect(stats.requests).toEqual({
      'GET /v1/issuing/cards/{id}': 4,
      'GET /v1/issuing/cards/{card_order_id}/order': 1,
      'POST /v1/issuing/cardholders': 1,
    });
    expect(stats.responses).toEqual({ '200': 2, '401': 1, '400': 1, '404': 2 });
  });

  it('resets back to the seed', async () => {
    const created = await api.post('/v1/issuing/cardholders', {
      email: 'reset.me@example.org',
      first_name: 'Reset',
      last_name: 'Me',
      country_code: 'SG',
      phone_number: '90000001',
    });
    expect(created.status).toBe(200);
    expect((await api.get('/v1/issuing/cardholders')).body.total_items).toBe(6);
    await api.control('POST', '/reset');
    expect((await api.get('/v1/issuing/cardholders')).body.total_items).toBe(5);
    expect((await api.control('GET', '/stats')).body.requests).toEqual({ 'GET /v1/issuing/cardholders': 1 });
  });
});
