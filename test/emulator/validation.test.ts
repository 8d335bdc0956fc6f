import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { expectError, useEmulator } from './helpers';

const api = useEmulator();

const holder = {
  email: 'valid.person@example.org',
  first_name: 'Valid',
  last_name: 'Person',
  country_code: 'SG',
  phone_number: '91110000',
};

async function rejects(body: Record<string, unknown>, field: string, code = 'invalid_parameter') {
  const res = await api.post('/v1/issuing/cardholders', body);
  expectError(res, 400, 'invalid_request_error', code);
  expect(res.body.message).toContain(field);
}

describe('cardholder validation', () => {
  it('names each bad field and changes nothing', async () => {
    await rejects({ ...holder, email: undefined }, 'email', 'missing_parameter');
    await rejects({ ...holder, email: 'not-an-email' }, 'email');
    await rejects({ ...holder, first_name: ' Leading' }, 'first_name');
    await rejects({ ...holder, first_name: 'R2D2' }, 'first_name');
    await rejects({ ...holder, last_name: 'x'.repeat(41) }, 'last_name');
    await rejects({ ...holder, country_code: 'XX' }, 'country_code');
    await rejects({ ...holder, country_code: 'sg' }, 'country_code');
    await rejects({ ...holder, phone_number: '9111000' }, 'phone_number');
    await rejects({ ...holder, phone_number: '+6591110000' }, 'phone_number');
    await rejects({ ...holder, country_code: 'US', phone_number: '91110000' }, 'phone_number');
    await rejects({ ...holder, date_of_birth: '1990-02-30' }, 'date_of_birth');
    await rejects({ ...holder, date_of_birth: '01/02/1990' }, 'date_of_birth');
    await rejects({ ...holder, gender: 'OTHER' }, 'gender');
    await rejects({ ...holder, nationality: 'ZZ' }, 'nationality');
    await rejects({ ...holder, first_name: 42 }, 'first_name');
    await rejects(
      { ...holder, residential_address: { country: 'SG', line1: 'x' } },
      'residential_address.city',
      'missing_parameter',
    );
    await rejects({ ...holder, identity: { type: 'DRIVING_LICENSE', number: '1', front_file: 'f' } }, 'identity.type');
    await rejects({ ...holder, document: 'aGVsbG8=' }, 'document_type');
    await rejects({ ...holder, document_type: 'gif', document: 'aGVsbG8=' }, 'document_type');
    await rejects({ ...holder, document_type: 'pdf', document: 'A'.repeat(2_900_000) }, 'document');
    expect((await api.get('/v1/issuing/cardholders')).body.total_items).toBe(5);
  });

  it('accepts hyphenated names and the generic phone rule for countries outside the table', async () => {
    expect(
      (
        await api.post('/v1/issuing/cardholders', {
          ...holder,
          first_name: 'Mary-Jane',
          country_code: 'DE',
          phone_number: '15112345678',
        })
      ).status,
    ).toBe(200);
  });

  it('keeps email and phone unique per account, not across accounts', async () => {
    expect((await api.post('/v1/issuing/cardholders', holder)).status).toBe(200);
    expectError(
      await api.post('/v1/issuing/cardholders', { ...holder, phone_number: '91110001' }),
      400,
      'cardholder_error',
      'duplicate_email',
    );
    expectError(
      await api.post('/v1/issuing/cardholders', { ...holder, email: 'other@example.org' }),
      400,
      'cardholder_error',
      'duplicate_phone_number',
    );
    expect((await api.post('/v1/issuing/cardholders', holder, { onBehalfOf: DEMO_IDS.subAccountIds[0] })).status).toBe(
      200,
    );
  });

  it('updates with a POST, but never the names; SUMSUB_REDIRECT leaves the holder INCOMPLETE with an IDV url', async () => {
    const id = (await api.post('/v1/issuing/cardholders', holder)).body.cardholder_id;
    expectError(
      await api.post(`/v1/issuing/cardholders/${id}`, { first_name: 'New' }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
    const upd = await api.post(`/v1/issuing/cardholders/${id}`, { email: 'changed@example.org', gender: 'FEMALE' });
    expect(upd.body).toEqual({ cardholder_id: id, cardholder_status: 'SUCCESS' });
    expect((await api.get(`/v1/issuing/cardholders/${id}`)).body).toMatchObject({
      email: 'changed@example.org',
      gender: 'FEMALE',
      first_name: 'Valid',
    });
    const sumsub = await api.post('/v1/issuing/cardholders', {
      ...holder,
      email: 's@example.org',
      phone_number: '91110009',
      kyc_verification: { method: 'SUMSUB_REDIRECT' },
    });
    expect(sumsub.body).toMatchObject({
      cardholder_status: 'INCOMPLETE',
      idv_verification_url: expect.stringMatching(/^https:\/\//),
    });
    const filtered = await api.get('/v1/issuing/cardholders', { query: { cardholder_status: 'INCOMPLETE' } });
    expect(filtered.body.data.map((c: { cardholder_id: string }) => c.cardholder_id)).toEqual([
      sumsub.body.cardholder_id,
    ]);
  });

  it('reports unknown cardholders as cardholder_not_found', async () => {
    expectError(
      await api.get('/v1/issuing/cardholders/00000000-0000-4000-8000-000000000000'),
      404,
      'not_found',
      'cardholder_not_found',
    );
  });
});

describe('bad input', () => {
  const card = DEMO_IDS.cards.sophiaUsdSingle;

  it('malformed JSON, wrong types and oversized bodies are invalid_request_error and change nothing', async () => {
    expectError(
      await api.call('POST', `/v1/issuing/cards/${card}/recharge`, { raw: '{"amount": 5' }),
      400,
      'invalid_request_error',
      'invalid_json',
    );
    expectError(
      await api.call('POST', `/v1/issuing/cards/${card}/recharge`, { raw: '[1,2]' }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
    const big = await api.call('POST', '/v1/issuing/cardholders', {
      raw: JSON.stringify({ ...holder, document: 'A'.repeat(5 * 1024 * 1024) }),
    });
    expectError(big, 400, 'invalid_request_error', 'request_too_large');
    for (const amount of [0, -1, '1.001', 'ten', true, '1e2', null]) {
      const res = await api.post(`/v1/issuing/cards/${card}/recharge`, { amount });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('invalid_request_error');
      expect(res.body.message).toContain('amount');
    }
    expect((await api.get(`/v1/issuing/cards/${card}`)).body.available_balance).toBe('949.00');
  });

  it('validates card fields: enums, metadata size, spending controls, MCCs', async () => {
    const base = {
      card_currency: 'USD',
      cardholder_id: DEMO_IDS.cardholders.sophiaTan,
      card_product_id: DEMO_IDS.products.share,
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, card_currency: 'EUR' }, 'card_currency'],
      [{ ...base, usage_type: 'SOMETIMES' }, 'usage_type'],
      [{ ...base, metadata: { blob: 'x'.repeat(3200) } }, 'metadata'],
      [{ ...base, metadata: 'text' }, 'metadata'],
      [{ ...base, spending_controls: [{ amount: 10, interval: 'HOURLY' }] }, 'spending_controls[0].interval'],
      [{ ...base, spending_controls: [{ amount: 10.001, interval: 'DAILY' }] }, 'spending_controls[0].amount'],
      [{ ...base, risk_controls: { allowed_mcc: ['54'] } }, 'risk_controls.allowed_mcc[0]'],
      [{ ...base, risk_controls: { allow_3ds_transactions: 'yes' } }, 'risk_controls.allow_3ds_transactions'],
      [{ ...base, card_limit: 12.345 }, 'card_limit'],
      [{ ...base, card_limit: '12.34' }, 'card_limit'], // a string: UQPAY's SDKs send numbers
      [{ ...base, cardholder_id: 'nope' }, 'cardholder_id'],
    ];
    const before = (await api.get('/v1/issuing/cards')).body.total_items;
    for (const [body, field] of cases) {
      const res = await api.post('/v1/issuing/cards', body);
      expect(res.status, field).toBe(400);
      expect(res.body.type).toBe('invalid_request_error');
      expect(res.body.message).toContain(field);
    }
    expect((await api.get('/v1/issuing/cards')).body.total_items).toBe(before);
    const ok = await api.post('/v1/issuing/cards', {
      ...base,
      metadata: { team: 'ops' },
      spending_controls: [{ amount: 100, interval: 'DAILY' }],
      risk_controls: { allow_3ds_transactions: 'N', blocked_mcc: ['7995'] },
    });
    expect(ok.status).toBe(200);
  });

  it('unknown routes are 404 in the same shape; unknown cards are 404 not_found/card_not_found', async () => {
    expect((await api.get('/v1/issuing/nothing')).body).toMatchObject({
      type: 'invalid_request_error',
      code: 'not_found',
    });
    expectError(
      await api.get('/v1/issuing/cards/00000000-0000-4000-8000-000000000000'),
      404,
      'not_found',
      'card_not_found',
    );
  });
});

describe('paging', () => {
  it('checks page_size 10–100 and page_number ≥ 1, pages deterministically', async () => {
    for (const q of [{ page_size: 9 }, { page_size: 101 }, { page_number: 0 }, { page_size: 'ten' }] as Record<
      string,
      string | number
    >[]) {
      const res = await api.get('/v1/issuing/cardholders', { query: q });
      expectError(res, 400, 'invalid_request_error', 'invalid_parameter');
      expect(res.body.message).toMatch(/page_(size|number)/);
    }
    for (let i = 0; i < 12; i++) {
      await api.post('/v1/issuing/cardholders', {
        ...holder,
        email: `p${i}@example.org`,
        phone_number: `9222${String(i).padStart(4, '0')}`,
      });
    }
    const p1 = await api.get('/v1/issuing/cardholders', { query: { page_size: 10 } });
    const p2 = await api.get('/v1/issuing/cardholders', { query: { page_size: 10, page_number: 2 } });
    expect(p1.body).toMatchObject({ total_pages: 2, total_items: 17 });
    expect(p1.body.data).toHaveLength(10);
    expect(p2.body.data).toHaveLength(7);
    const ids = [...p1.body.data, ...p2.body.data].map((c: { cardholder_id: string }) => c.cardholder_id);
    expect(new Set(ids).size).toBe(17);
    expect(p1.body.data[0].email).toBe('p11@example.org');
    expect((await api.get('/v1/issuing/cardholders', { query: { page_size: 10, page_number: 3 } })).body.data).toEqual(
      [],
    );
  });

  it('filters cards by status, cardholder and number, and transactions by window ≤ 90 days', async () => {
    const frozen = await api.get('/v1/issuing/cards', { query: { card_status: 'FROZEN' } });
    expect(frozen.body.data.map((c: { card_id: string }) => c.card_id)).toEqual([DEMO_IDS.cards.sophiaSgdShareFrozen]);
    const byHolder = await api.get('/v1/issuing/cards', { query: { cardholder_id: DEMO_IDS.cardholders.liamWong } });
    expect(byHolder.body.total_items).toBe(2);
    const last4 = frozen.body.data[0].card_number.slice(-4);
    expect((await api.get('/v1/issuing/cards', { query: { card_number: last4 } })).body.total_items).toBe(1);
    expectError(
      await api.get('/v1/issuing/cards', { query: { card_status: 'SLEEPING' } }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
    const win = await api.get('/v1/issuing/transactions', {
      query: { start_time: '2024-05-01T00:00:00+08:00', end_time: '2024-06-01T00:00:00+08:00' },
    });
    expect(win.body.total_items).toBe(4);
    expectError(
      await api.get('/v1/issuing/transactions', {
        query: { start_time: '2024-01-01T00:00:00Z', end_time: '2024-06-01T00:00:00Z' },
      }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
    expectError(
      await api.get('/v1/issuing/transactions', { query: { start_time: 'yesterday' } }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
  });
});

describe('x-on-behalf-of isolation', () => {
  const [S1, S2] = DEMO_IDS.subAccountIds;

  it('shows each account only its own objects', async () => {
    const own = await api.get('/v1/issuing/cards', { onBehalfOf: S1 });
    expect(own.body.data.map((c: { card_id: string }) => c.card_id)).toEqual([DEMO_IDS.cards.danielUsdSingle]);
    expectError(
      await api.get(`/v1/issuing/cards/${DEMO_IDS.cards.sophiaUsdSingle}`, { onBehalfOf: S1 }),
      404,
      'not_found',
      'card_not_found',
    );
    expectError(
      await api.get(`/v1/issuing/cards/${DEMO_IDS.cards.danielUsdSingle}`),
      404,
      'not_found',
      'card_not_found',
    );
    expectError(
      await api.get(`/v1/issuing/cardholders/${DEMO_IDS.cardholders.emmaBrown}`, { onBehalfOf: S1 }),
      404,
      'not_found',
      'cardholder_not_found',
    );
    expectError(
      await api.post(`/v1/issuing/cards/${DEMO_IDS.cards.emmaUsdShare}/recharge`, { amount: 1 }, { onBehalfOf: S1 }),
      404,
      'not_found',
      'card_not_found',
    );
    const tx = await api.get('/v1/issuing/transactions', { onBehalfOf: S2 });
    expect(tx.body.total_items).toBe(0);
    // a cardholder of one account cannot get a card in another
    expectError(
      await api.post(
        '/v1/issuing/cards',
        {
          card_currency: 'USD',
          cardholder_id: DEMO_IDS.cardholders.sophiaTan,
          card_product_id: DEMO_IDS.products.single,
        },
        { onBehalfOf: S2 },
      ),
      404,
      'not_found',
      'cardholder_not_found',
    );
  });

  it('refuses an unknown sub-account with account_error/sub_account_not_found', async () => {
    expectError(
      await api.get('/v1/issuing/cards', { onBehalfOf: '00000000-0000-4000-8000-000000000009' }),
      400,
      'account_error',
      'sub_account_not_found',
    );
    // ignored on the accounts calls
    expect((await api.get('/v1/accounts', { onBehalfOf: '00000000-0000-4000-8000-000000000009' })).status).toBe(200);
  });

  it('transfers only between the master and its sub-accounts, by a party to them', async () => {
    const body = { source_account_id: S1, destination_account_id: S2, currency: 'USD', amount: 1 };
    expectError(await api.post('/v1/issuing/transfers', body), 400, 'invalid_request_error', 'invalid_parameter');
    expectError(
      await api.post('/v1/issuing/transfers', {
        ...body,
        destination_account_id: '00000000-0000-4000-8000-000000000009',
      }),
      400,
      'account_error',
      'sub_account_not_found',
    );
    const m = DEMO_IDS.masterAccountId;
    expectError(
      await api.post('/v1/issuing/transfers', { ...body, source_account_id: m }, { onBehalfOf: S1 }),
      400,
      'account_error',
      'sub_account_not_found',
    );
    const up = await api.post('/v1/issuing/transfers', { ...body, destination_account_id: m }, { onBehalfOf: S1 });
    expect(
      (await api.get(`/v1/issuing/transfers/${up.body.transfer_id}`, { onBehalfOf: S1 })).body.transfer_status,
    ).toBe('completed');
    expectError(
      await api.get(`/v1/issuing/transfers/${up.body.transfer_id}`, { onBehalfOf: S2 }),
      404,
      'not_found',
      'transfer_not_found',
    );
  });
});
