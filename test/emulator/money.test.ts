import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { amountOnWire, formatCents, parseCents } from '../../src/emulator/money';
import { DEMO_IDS } from '../../src/emulator/seed';
import { boot, cents, expectError, useEmulator } from './helpers';

const M = DEMO_IDS.masterAccountId;
const [S1, S2] = DEMO_IDS.subAccountIds;
const C = DEMO_IDS.cards;

describe('money.ts', () => {
  it('parses decimal strings and numbers to exact cents', () => {
    expect(parseCents('2000.05')).toBe(200005n);
    expect(parseCents(0.1)).toBe(10n);
    expect(parseCents(500)).toBe(50000n);
    expect(parseCents('0.7')).toBe(70n);
    expect(parseCents('1.005')).toBeNull();
    expect(parseCents(-1)).toBeNull();
    expect(parseCents('1e3')).toBeNull();
    expect(parseCents(true)).toBeNull();
    expect(formatCents(200005n)).toBe('2000.05');
    expect(formatCents(-5n)).toBe('-0.05');
    expect(amountOnWire(123456n, 'number')).toBe(1234.56);
  });
});

const api = useEmulator();

/** issuing balances of master + subs plus SINGLE card funds, per currency */
async function totals(): Promise<Record<string, bigint>> {
  const out: Record<string, bigint> = {};
  for (const acct of [M, S1, S2]) {
    const onBehalfOf = acct === M ? undefined : acct;
    for (const b of (await api.get('/v1/issuing/balances', { onBehalfOf })).body.data)
      out[b.currency] = (out[b.currency] ?? 0n) + cents(b.available_balance);
    for (const c of (await api.get('/v1/issuing/cards', { onBehalfOf, query: { page_size: 100 } })).body.data) {
      if (c.mode_type === 'SINGLE') out[c.card_currency] = (out[c.card_currency] ?? 0n) + cents(c.available_balance);
    }
  }
  return out;
}

const balance = async (currency: string, onBehalfOf?: string) =>
  cents((await api.post('/v1/issuing/balances', { currency }, { onBehalfOf })).body.available_balance);
const cardBalance = async (id: string, onBehalfOf?: string) =>
  cents((await api.get(`/v1/issuing/cards/${id}`, { onBehalfOf })).body.available_balance);

describe('money invariants', () => {
  it('conserves balances + SINGLE card funds across transfers, recharges, withdrawals, card creation and cancellation', async () => {
    const start = await totals();
    const ops = [
      api.post('/v1/issuing/transfers', {
        source_account_id: M,
        destination_account_id: S1,
        currency: 'USD',
        amount: 1234.56,
      }),
      api.post('/v1/issuing/transfers', {
        source_account_id: S2,
        destination_account_id: M,
        currency: 'USD',
        amount: 99.99,
      }),
      api.post('/v1/issuing/transfers', {
        source_account_id: M,
        destination_account_id: S2,
        currency: 'SGD',
        amount: 0.01,
      }),
      api.post(`/v1/issuing/cards/${C.sophiaUsdSingle}/recharge`, { amount: 10.1 }),
      api.post(`/v1/issuing/cards/${C.sophiaUsdSingle}/withdraw`, { amount: 5.05 }),
      api.post(`/v1/issuing/cards/${C.liamSgdSingle}/recharge`, { amount: 0.3 }),
      api.post(`/v1/issuing/cards/${C.danielUsdSingle}/withdraw`, { amount: 100 }, { onBehalfOf: S1 }),
      api.post('/v1/issuing/cards', {
        card_currency: 'USD',
        cardholder_id: DEMO_IDS.cardholders.oliviaMartin,
        card_product_id: DEMO_IDS.products.single,
        card_limit: 77.77,
      }),
      api.post(`/v1/issuing/cards/${C.meiLingMastercard}/status`, { card_status: 'CANCELLED' }),
    ];
    for (const res of await Promise.all(ops)) expect(res.status).toBe(200);
    expect(await totals()).toEqual(start);
  });

  it('funds a SINGLE card from the issuing balance at creation and refuses what the balance cannot cover', async () => {
    const before = await balance('SGD');
    const ok = await api.post('/v1/issuing/cards', {
      card_currency: 'SGD',
      cardholder_id: DEMO_IDS.cardholders.liamWong,
      card_product_id: DEMO_IDS.products.single,
      card_limit: 250.0,
    });
    expect(ok.status).toBe(200);
    expect(await balance('SGD')).toBe(before - 25000n);
    expect(await cardBalance(ok.body.card_id)).toBe(25000n);
    const cardsBefore = (await api.get('/v1/issuing/cards')).body.total_items;
    const tooMuch = await api.post('/v1/issuing/cards', {
      card_currency: 'SGD',
      cardholder_id: DEMO_IDS.cardholders.liamWong,
      card_product_id: DEMO_IDS.products.single,
      card_limit: 999999,
    });
    expectError(tooMuch, 400, 'account_error', 'insufficient_balance');
    expect((await api.get('/v1/issuing/cards')).body.total_items).toBe(cardsBefore);
    expect(await balance('SGD')).toBe(before - 25000n);
  });

  it('refuses recharges beyond the issuing balance and withdrawals beyond the card', async () => {
    const b = await balance('USD', S2);
    expectError(
      await api.post(`/v1/issuing/cards/${C.danielUsdSingle}/recharge`, { amount: 999999 }, { onBehalfOf: S1 }),
      400,
      'account_error',
      'insufficient_balance',
    );
    expectError(
      await api.post(`/v1/issuing/cards/${C.sophiaUsdSingle}/withdraw`, { amount: 949.01 }),
      400,
      'card_error',
      'insufficient_balance',
    );
    expect(await cardBalance(C.sophiaUsdSingle)).toBe(94900n);
    expectError(
      await api.post('/v1/issuing/transfers', {
        source_account_id: S2,
        destination_account_id: M,
        currency: 'USD',
        amount: 5000.01,
      }),
      400,
      'account_error',
      'insufficient_balance',
    );
    expect(await balance('USD', S2)).toBe(b);
  });

  it('SHARE cards move available_balance only', async () => {
    const before = await balance('USD');
    const r = await api.post(`/v1/issuing/cards/${C.oliviaUsdShare}/recharge`, { amount: 50 });
    expect(r.status).toBe(200);
    expect(await cardBalance(C.oliviaUsdShare)).toBe(188000n + 5000n);
    await api.post(`/v1/issuing/cards/${C.oliviaUsdShare}/withdraw`, { amount: 20 });
    expect(await cardBalance(C.oliviaUsdShare)).toBe(188000n + 3000n);
    expect(await balance('USD')).toBe(before);
  });

  it('a cancelled SINGLE card returns its funds; CANCELLED is terminal', async () => {
    const before = await balance('SGD');
    const res = await api.post(`/v1/issuing/cards/${C.liamSgdSingle}/status`, {
      card_status: 'CANCELLED',
      update_reason: 'lost',
    });
    expect(res.body).toMatchObject({ card_id: C.liamSgdSingle, order_status: 'PENDING', update_reason: 'lost' });
    expect(await balance('SGD')).toBe(before + 50000n);
    const card = (await api.get(`/v1/issuing/cards/${C.liamSgdSingle}`)).body;
    expect(card).toMatchObject({ card_status: 'CANCELLED', available_balance: '0.00', update_reason: 'lost' });
    expectError(
      await api.post(`/v1/issuing/cards/${C.liamSgdSingle}/status`, { card_status: 'ACTIVE' }),
      400,
      'card_error',
      'invalid_card_status_transition',
    );
    expectError(
      await api.post(`/v1/issuing/cards/${C.liamSgdSingle}/recharge`, { amount: 1 }),
      400,
      'card_error',
      'invalid_card_status',
    );
  });

  it('deposits appear as DEPOSIT ledger entries', async () => {
    const res = await api.control('POST', '/deposit', { account_id: S2, currency: 'USD', amount: '250.25' });
    expect(res.status).toBe(200);
    expect(await balance('USD', S2)).toBe(500000n + 25025n);
    const entry = (await api.get('/v1/issuing/balances/transactions', { onBehalfOf: S2 })).body.data[0];
    expect(entry).toMatchObject({
      transaction_type: 'DEPOSIT',
      amount: '250.25',
      ending_balance: '5250.25',
      currency: 'USD',
    });
    const xusd = await api.control('POST', '/deposit', { currency: 'XUSD', amount: 10 });
    expect(xusd.body.balance).toMatchObject({ currency: 'XUSD', available_balance: '10.00' });
  });
});

describe('card status machine', () => {
  it('goes ACTIVE ⇄ FROZEN and refuses same-status changes', async () => {
    const id = C.sophiaUsdSingle;
    expect((await api.post(`/v1/issuing/cards/${id}/status`, { card_status: 'FROZEN' })).status).toBe(200);
    expectError(
      await api.post(`/v1/issuing/cards/${id}/status`, { card_status: 'FROZEN' }),
      400,
      'card_error',
      'invalid_card_status_transition',
    );
    expect((await api.post(`/v1/issuing/cards/${id}/status`, { card_status: 'ACTIVE' })).status).toBe(200);
    expect((await api.get(`/v1/issuing/cards/${id}`)).body.card_status).toBe('ACTIVE');
    expectError(
      await api.post(`/v1/issuing/cards/${id}/status`, { card_status: 'BLOCKED' }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );
    expect(
      (await api.post(`/v1/issuing/cards/${C.sophiaSgdShareFrozen}/status`, { card_status: 'CANCELLED' })).status,
    ).toBe(200);
  });

  it('issues cards to SUCCESS cardholders (one under review waits) and counts number_of_cards', async () => {
    const pending = await api.post('/v1/issuing/cards', {
      card_currency: 'USD',
      cardholder_id: DEMO_IDS.cardholders.noahLim,
      card_product_id: DEMO_IDS.products.share,
    });
    expect(pending.body).toMatchObject({ card_status: 'PENDING', cardholder_status: 'PENDING' });
    const holder = DEMO_IDS.cardholders.oliviaMartin;
    const n = (await api.get(`/v1/issuing/cardholders/${holder}`)).body.number_of_cards;
    const created = await api.post('/v1/issuing/cards', {
      card_currency: 'USD',
      cardholder_id: holder,
      card_product_id: DEMO_IDS.products.share,
      card_limit: 100,
    });
    expect(created.status).toBe(200);
    expect((await api.get(`/v1/issuing/cardholders/${holder}`)).body.number_of_cards).toBe(n + 1);
    const card = (await api.get(`/v1/issuing/cards/${created.body.card_id}`)).body;
    expect(card.cardholder.cardholder_id).toBe(holder);
    // a card's cardholder never changes: the update endpoint ignores/refuses nothing about it
    await api.post(`/v1/issuing/cards/${created.body.card_id}`, {
      cardholder_id: DEMO_IDS.cardholders.sophiaTan,
      metadata: { team: 'ops' },
    });
    expect((await api.get(`/v1/issuing/cards/${created.body.card_id}`)).body).toMatchObject({
      cardholder: { cardholder_id: holder },
      metadata: { team: 'ops' },
    });
  });

  it('requires card_limit on BIN 527735 and refuses card_limit updates on SINGLE cards', async () => {
    const res = await api.post('/v1/issuing/cards', {
      card_currency: 'USD',
      cardholder_id: DEMO_IDS.cardholders.sophiaTan,
      card_product_id: DEMO_IDS.products.mastercard,
    });
    expectError(res, 400, 'invalid_request_error', 'missing_parameter');
    expect(res.body.message).toContain('card_limit');
    expectError(
      await api.post(`/v1/issuing/cards/${C.sophiaUsdSingle}`, { card_limit: 5 }),
      400,
      'card_error',
      'card_limit_not_updatable',
    );
  });

  it('refuses unknown and already-assigned numbers in Assign Card', async () => {
    const body = { cardholder_id: DEMO_IDS.cardholders.sophiaTan, card_currency: 'USD', card_mode: 'SHARE' };
    expectError(
      await api.post('/v1/issuing/cards/assign', { ...body, card_number: '4096360899999999' }),
      400,
      'card_error',
      'invalid_number',
    );
    const pool = DEMO_IDS.assignablePans[1] as string;
    expect((await api.post('/v1/issuing/cards/assign', { ...body, card_number: pool })).status).toBe(200);
    expectError(
      await api.post('/v1/issuing/cards/assign', { ...body, card_number: pool }),
      400,
      'card_error',
      'card_already_assigned',
    );
  });
});

describe('authorizations', () => {
  it('debit the card, appear as transactions, and reversals credit back', async () => {
    const auth = await api.post('/v1/simulation/issuing/authorization', {
      card_id: C.sophiaUsdSingle,
      transaction_amount: 19.99,
      transaction_currency: 'USD',
      merchant_name: 'NETFLIX.COM',
      merchant_category_code: '4899',
    });
    expect(auth.status).toBe(200);
    expect(auth.body).toMatchObject({
      transaction_type: 'AUTHORIZATION',
      transaction_status: 'APPROVED',
      billing_amount: '19.99',
      card_available_balance: '929.01',
      card_number: expect.stringMatching(/^\*{12}\d{4}$/),
    });
    expect(await cardBalance(C.sophiaUsdSingle)).toBe(92901n);
    const list = await api.get('/v1/issuing/transactions', { query: { card_id: C.sophiaUsdSingle } });
    expect(list.body.data[0].transaction_id).toBe(auth.body.transaction_id);
    const rev = await api.post('/v1/simulation/issuing/reversal', { transaction_id: auth.body.transaction_id });
    expect(rev.body).toMatchObject({
      transaction_type: 'REVERSAL',
      original_transaction_id: auth.body.transaction_id,
      card_available_balance: '949.00',
    });
    expectError(
      await api.post('/v1/simulation/issuing/reversal', { transaction_id: auth.body.transaction_id }),
      400,
      'invalid_request_error',
      'transaction_not_reversible',
    );
    const one = await api.get(`/v1/issuing/transactions/${rev.body.transaction_id}`);
    expect(one.body.transaction_id).toBe(rev.body.transaction_id);
  });

  it('declines on a frozen card or an exhausted balance, moving nothing', async () => {
    const frozen = await api.post('/v1/simulation/issuing/authorization', {
      card_id: C.sophiaSgdShareFrozen,
      transaction_amount: 1,
      transaction_currency: 'SGD',
      merchant_name: 'X',
      merchant_category_code: '5411',
    });
    expect(frozen.body.transaction_status).toBe('DECLINED');
    const big = await api.post('/v1/simulation/issuing/authorization', {
      card_id: C.sophiaUsdSingle,
      transaction_amount: 5000,
      transaction_currency: 'USD',
      merchant_name: 'X',
      merchant_category_code: '5411',
    });
    expect(big.body.transaction_status).toBe('DECLINED');
    expect(await cardBalance(C.sophiaUsdSingle)).toBe(94900n);
  });
});

describe('amountFormat: number', () => {
  it('sends amounts as JSON numbers', async () => {
    const n = await boot({ amountFormat: 'number' });
    try {
      const card = (await n.get(`/v1/issuing/cards/${C.sophiaUsdSingle}`)).body;
      expect(card.available_balance).toBe(949);
      expect(card.consumed_amount).toBe(51);
      const r = await n.post(
        `/v1/issuing/cards/${C.sophiaUsdSingle}/recharge`,
        { amount: 0.5 },
        { idempotencyKey: randomUUID() },
      );
      expect(r.body.amount).toBe(0.5);
    } finally {
      await n.emu.close();
    }
  });
});
