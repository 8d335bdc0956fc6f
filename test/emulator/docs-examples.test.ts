// UQPAY's own documented flows, end to end, with response shapes checked against UQPAY's API reference.
import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { cents, eventually, useEmulator } from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

const api = useEmulator({}, { resetEachTest: false });

describe("the docs' walk-through", () => {
  let alexId: string;
  let emilyId: string;
  let cardId: string;

  it('creates Alex Chen', async () => {
    const res = await api.post('/v1/issuing/cardholders', {
      email: 'alex.chen@uqpay-demo.example',
      first_name: 'Alex',
      last_name: 'Chen',
      country_code: 'SG',
      phone_number: '87654321',
      date_of_birth: '1990-01-01',
      gender: 'MALE',
      nationality: 'SG',
      residential_address: { country: 'SG', city: 'Singapore', line1: '1 Raffles Place', postal_code: '048616' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ cardholder_id: expect.stringMatching(UUID), cardholder_status: 'SUCCESS' });
    alexId = res.body.cardholder_id;
    const got = await api.get(`/v1/issuing/cardholders/${alexId}`);
    expect(Object.keys(got.body).sort()).toEqual(
      [
        'cardholder_id',
        'email',
        'number_of_cards',
        'first_name',
        'last_name',
        'create_time',
        'cardholder_status',
        'date_of_birth',
        'country_code',
        'phone_number',
        'gender',
        'nationality',
        'residential_address',
        'review_status',
        'idv_status',
        'idv_verification_url',
        'idv_url_expires_at',
      ].sort(),
    );
    expect(got.body).toMatchObject({
      first_name: 'Alex',
      last_name: 'Chen',
      number_of_cards: 0,
      country_code: 'SG',
      date_of_birth: '1990-01-01',
    });
    expect(got.body.create_time).toMatch(RFC3339);
  });

  it('creates Emily Toy', async () => {
    const res = await api.post('/v1/issuing/cardholders', {
      email: 'emily.toy@uqpay-demo.example',
      first_name: 'Emily',
      last_name: 'Toy',
      country_code: 'US',
      phone_number: '2025550143',
    });
    expect(res.status).toBe(200);
    expect(res.body.cardholder_status).toBe('SUCCESS');
    emilyId = res.body.cardholder_id;
    const list = await api.get('/v1/issuing/cardholders', { query: { page_size: 10 } });
    expect(list.body.data[0].cardholder_id).toBe(emilyId); // newest first
    expect(list.body.data[1].cardholder_id).toBe(alexId);
  });

  it('assigns the physical card 4096360800133951 to Emily', async () => {
    const res = await api.post('/v1/issuing/cards/assign', {
      cardholder_id: emilyId,
      card_number: '4096360800133951',
      card_currency: 'USD',
      card_mode: 'SINGLE',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      card_id: expect.stringMatching(UUID),
      card_order_id: expect.stringMatching(UUID),
      create_time: expect.stringMatching(RFC3339),
      card_status: 'PENDING',
      order_status: 'PENDING',
    });
    cardId = res.body.card_id;
    const order = await eventually(async () => {
      const o = await api.get(`/v1/issuing/cards/${res.body.card_order_id}/order`);
      return o.body.order_status === 'SUCCESS' && o.body;
    });
    expect(order).toMatchObject({ order_type: 'CARD_CREATE', card_id: cardId });
    // a second assignment of the same number is refused
    const again = await api.post('/v1/issuing/cards/assign', {
      cardholder_id: alexId,
      card_number: '4096360800133951',
      card_currency: 'USD',
      card_mode: 'SINGLE',
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ type: 'card_error', code: 'card_already_assigned' });
  });

  it('retrieves the card: masked, ACTIVE, embedding Emily', async () => {
    const res = await api.get(`/v1/issuing/cards/${cardId}`);
    expect(res.body).toMatchObject({
      card_id: cardId,
      card_bin: '40963608',
      card_scheme: 'VISA',
      card_number: '************3951',
      form_factor: 'PHYSICAL',
      mode_type: 'SINGLE',
      card_status: 'ACTIVE',
      card_currency: 'USD',
      available_balance: '0.00',
      cardholder: { cardholder_id: emilyId, first_name: 'Emily', last_name: 'Toy', number_of_cards: 1 },
    });
    expect(JSON.stringify(res.body)).not.toContain('4096360800133951');
  });

  it('recharges 500, then withdraws 200, moving issuing balance both ways', async () => {
    const before = cents((await api.post('/v1/issuing/balances', { currency: 'USD' })).body.available_balance);
    const recharge = await api.post(`/v1/issuing/cards/${cardId}/recharge`, { amount: 500 });
    expect(recharge.status).toBe(200);
    expect(recharge.body).toEqual({
      card_id: cardId,
      card_order_id: expect.stringMatching(UUID),
      order_type: 'CARD_RECHARGE',
      amount: '500.00',
      card_currency: 'USD',
      create_time: expect.stringMatching(RFC3339),
      update_time: expect.stringMatching(RFC3339),
      complete_time: null,
      order_status: 'PENDING',
    });
    expect((await api.get(`/v1/issuing/cards/${cardId}`)).body.available_balance).toBe('500.00');
    const withdraw = await api.post(`/v1/issuing/cards/${cardId}/withdraw`, { amount: 200 });
    expect(withdraw.body).toMatchObject({ order_type: 'CARD_WITHDRAW', amount: '200.00', order_status: 'PENDING' });
    expect((await api.get(`/v1/issuing/cards/${cardId}`)).body.available_balance).toBe('300.00');
    const after = cents((await api.post('/v1/issuing/balances', { currency: 'USD' })).body.available_balance);
    expect(before - after).toBe(30000n);
    const done = await eventually(async () => {
      const o = await api.get(`/v1/issuing/cards/${withdraw.body.card_order_id}/order`);
      return o.body.order_status === 'SUCCESS' && o.body;
    });
    expect(done.complete_time).toMatch(RFC3339);
    const ledger = (await api.get('/v1/issuing/balances/transactions', { query: { currency: 'USD' } })).body.data;
    expect(
      ledger.slice(0, 2).map((e: { transaction_type: string; amount: string }) => [e.transaction_type, e.amount]),
    ).toEqual([
      ['CARD_WITHDRAW', '200.00'],
      ['CARD_RECHARGE', '500.00'],
    ]);
  });

  it('transfers 5000 from the master to a sub-account, seen in both ledgers', async () => {
    const sub = DEMO_IDS.subAccountIds[0];
    const res = await api.post('/v1/issuing/transfers', {
      source_account_id: DEMO_IDS.masterAccountId,
      destination_account_id: sub,
      currency: 'USD',
      amount: 5000,
      remark: 'monthly budget',
    });
    expect(res.status).toBe(200);
    expect(res.body.transfer_id).toMatch(UUID);
    const t = await api.get(`/v1/issuing/transfers/${res.body.transfer_id}`);
    expect(t.body).toEqual({
      transfer_id: res.body.transfer_id,
      reference_id: expect.stringMatching(/^T\d{6}-[0-9A-Z]{8}$/),
      source_account_id: DEMO_IDS.masterAccountId,
      destination_account_id: sub,
      amount: '5000.00',
      fee_amount: '0.00',
      currency: 'USD',
      transfer_status: 'completed',
      create_time: expect.stringMatching(RFC3339),
      complete_time: expect.stringMatching(RFC3339),
      creator_id: 'demo-client-id',
      remark: 'monthly budget',
    });
    const masterLedger = (await api.get('/v1/issuing/balances/transactions')).body.data[0];
    expect(masterLedger).toMatchObject({
      transaction_type: 'TRANSFER_OUT',
      amount: '5000.00',
      account_id: DEMO_IDS.masterAccountId,
      transaction_status: 'COMPLETED',
    });
    const subLedger = (await api.get('/v1/issuing/balances/transactions', { onBehalfOf: sub })).body.data[0];
    expect(subLedger).toMatchObject({
      transaction_type: 'TRANSFER_IN',
      amount: '5000.00',
      account_id: sub,
      ending_balance: '14700.00',
    });
    // the sub-account can read the transfer too
    expect((await api.get(`/v1/issuing/transfers/${res.body.transfer_id}`, { onBehalfOf: sub })).status).toBe(200);
  });
});
