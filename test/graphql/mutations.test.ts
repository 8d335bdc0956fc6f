// Every mutation end to end over HTTP: success payloads with the fresh entity, userErrors with stable codes
// and input paths, validation before any upstream call, idempotency keys, and no PAN ever echoed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { apiCalls, startHarness, totalCalls, type Harness } from '../harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const C = DEMO_IDS.cards;
const H = DEMO_IDS.cardholders;

const CREATE_CARDHOLDER = `mutation($input: CreateCardholderInput!) { createCardholder(input: $input) {
  cardholder { id cardholderId email firstName lastName phoneNumber countryCode status numberOfCards createdAt }
  userErrors { code message field } } }`;
const CREATE_CARD = `mutation($input: CreateCardInput!) { createCard(input: $input) {
  card { cardId status mode currency availableBalance { amount currency } cardLimit { amount } cardholder { cardholderId } metadata }
  order { orderId cardId type status amount { amount currency } }
  userErrors { code message field } } }`;
const RECHARGE = `mutation($input: CardAmountInput!) { rechargeCard(input: $input) {
  order { orderId type status amount { amount currency } } card { cardId availableBalance { amount currency } }
  userErrors { code message field } } }`;
const WITHDRAW = RECHARGE.replace('rechargeCard', 'withdrawCard');
const SET_STATUS = `mutation($input: SetCardStatusInput!) { setCardStatus(input: $input) {
  card { cardId status updateReason } order { orderId status } userErrors { code message field } } }`;
const BALANCE = `query($c: CurrencyCode!) { balance(currency: $c) { available { amount } } }`;

const holderInput = (n: string, over: Record<string, unknown> = {}) => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: `ada.${n}@example.com`,
  countryCode: 'SG',
  phoneNumber: `9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
  ...over,
});

const cents = (amount: string) => Math.round(Number(amount) * 100);

describe('cardholders', () => {
  it('createCardholder returns the fresh cardholder; duplicates map to stable codes', async () => {
    const input = holderInput('one', {
      dateOfBirth: '1990-01-01',
      gender: 'FEMALE',
      nationality: 'SG',
      residentialAddress: { country: 'SG', city: 'Singapore', line1: '1 Raffles Place', postalCode: '048616' },
    });
    const ok = await h.gql(CREATE_CARDHOLDER, { input });
    expect(ok.errors).toBeUndefined();
    const p = ok.data.createCardholder;
    expect(p.userErrors).toEqual([]);
    expect(p.cardholder).toMatchObject({ email: input.email, firstName: 'Ada', status: 'SUCCESS', numberOfCards: 0 });
    expect(p.cardholder.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);

    const dupEmail = await h.gql(CREATE_CARDHOLDER, { input: { ...holderInput('x'), email: input.email } });
    expect(dupEmail.data.createCardholder.cardholder).toBeNull();
    expect(dupEmail.data.createCardholder.userErrors).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_EMAIL', field: ['input', 'email'] }),
    ]);
    const dupPhone = await h.gql(CREATE_CARDHOLDER, { input: { ...holderInput('y'), phoneNumber: input.phoneNumber } });
    expect(dupPhone.data.createCardholder.userErrors).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_PHONE_NUMBER', field: ['input', 'phoneNumber'] }),
    ]);
  });

  it('invalid fields are userErrors with input paths, and nothing reaches UQPAY', async () => {
    await h.resetStats();
    const r = await h.gql(CREATE_CARDHOLDER, {
      input: holderInput('bad', { firstName: 'R2D2', phoneNumber: '12-34', dateOfBirth: '2999-01-01' }),
    });
    expect(r.errors).toBeUndefined();
    const errors = r.data.createCardholder.userErrors;
    expect(errors.map((e: any) => e.field)).toEqual([
      ['input', 'firstName'],
      ['input', 'phoneNumber'],
      ['input', 'dateOfBirth'],
    ]);
    for (const e of errors) expect(e.code).toBe('VALIDATION');
    // A malformed email fails the EmailAddress scalar: a request error, also before any upstream call.
    const scalar = await h.gql(CREATE_CARDHOLDER, { input: holderInput('z', { email: 'not-an-email' }) });
    expect(scalar.errors?.[0]?.message).toMatch(/email/i);
    expect(totalCalls(await h.stats())).toBe(0);
  });

  it('updateCardholder changes contact details and returns them', async () => {
    const created = (await h.gql(CREATE_CARDHOLDER, { input: holderInput('upd') })).data.createCardholder.cardholder;
    const r = await h.gql(
      `mutation($input: UpdateCardholderInput!) { updateCardholder(input: $input) { cardholder { cardholderId email } userErrors { code field } } }`,
      { input: { cardholderId: created.cardholderId, email: 'ada.updated@example.com' } },
    );
    expect(r.data.updateCardholder).toEqual({
      cardholder: { cardholderId: created.cardholderId, email: 'ada.updated@example.com' },
      userErrors: [],
    });
    const none = await h.gql(
      `mutation($input: UpdateCardholderInput!) { updateCardholder(input: $input) { cardholder { cardholderId } userErrors { code field } } }`,
      { input: { cardholderId: randomUUID(), email: 'ghost@example.com' } },
    );
    expect(none.data.updateCardholder.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'cardholderId'] }]);
  });
});

describe('cards', () => {
  it('createCard issues a SINGLE card funded from the issuing balance', async () => {
    const before = cents((await h.gql(BALANCE, { c: 'USD' })).data.balance.available.amount);
    const r = await h.gql(CREATE_CARD, {
      input: {
        cardholderId: H.sophiaTan,
        productId: DEMO_IDS.products.single,
        currency: 'USD',
        cardLimit: '250.00',
        spendingControls: [{ amount: '100.00', interval: 'DAILY' }],
        metadata: { team: 'ops' },
        idempotencyKey: randomUUID(),
      },
    });
    expect(r.errors).toBeUndefined();
    const p = r.data.createCard;
    expect(p.userErrors).toEqual([]);
    expect(p.card).toMatchObject({
      mode: 'SINGLE',
      currency: 'USD',
      availableBalance: { amount: '250.00', currency: 'USD' },
      metadata: { team: 'ops' },
    });
    expect(p.card.cardholder.cardholderId).toBe(H.sophiaTan);
    expect(p.order).toMatchObject({ cardId: p.card.cardId, type: 'CARD_CREATE' });
    const after = cents((await h.gql(BALANCE, { c: 'USD' })).data.balance.available.amount);
    expect(before - after).toBe(25_000);
  });

  it('createCard holds a card for a cardholder under review, and refuses a limit the balance cannot cover', async () => {
    const pending = await h.gql(CREATE_CARD, {
      input: {
        cardholderId: H.noahLim,
        productId: DEMO_IDS.products.single,
        currency: 'USD',
        idempotencyKey: randomUUID(),
      },
    });
    expect(pending.data.createCard.userErrors).toEqual([
      expect.objectContaining({ code: 'CARDHOLDER_KYC_PENDING', field: ['input', 'cardholderId'] }),
    ]);
    expect(pending.data.createCard.card).toMatchObject({ status: 'PENDING' });
    const broke = await h.gql(CREATE_CARD, {
      input: {
        cardholderId: H.sophiaTan,
        productId: DEMO_IDS.products.single,
        currency: 'USD',
        cardLimit: '99999999.00',
        idempotencyKey: randomUUID(),
      },
    });
    expect(broke.data.createCard.userErrors[0]).toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
  });

  it('rechargeCard with the same idempotencyKey twice applies once; the payload has the new balance', async () => {
    const card0 = cents(
      (await h.gql(`{ card(cardId: "${C.liamSgdSingle}") { availableBalance { amount } } }`)).data.card.availableBalance
        .amount,
    );
    const bal0 = cents((await h.gql(BALANCE, { c: 'SGD' })).data.balance.available.amount);
    const input = { cardId: C.liamSgdSingle, amount: '25.50', idempotencyKey: randomUUID() };
    const first = (await h.gql(RECHARGE, { input })).data.rechargeCard;
    const second = (await h.gql(RECHARGE, { input })).data.rechargeCard;
    expect(first.userErrors).toEqual([]);
    expect(first.order).toMatchObject({ type: 'CARD_RECHARGE', amount: { amount: '25.50', currency: 'SGD' } });
    expect(second.order.orderId).toBe(first.order.orderId);
    expect(cents(first.card.availableBalance.amount)).toBe(card0 + 2_550);
    expect(cents(second.card.availableBalance.amount)).toBe(card0 + 2_550);
    const bal1 = cents((await h.gql(BALANCE, { c: 'SGD' })).data.balance.available.amount);
    expect(bal0 - bal1).toBe(2_550);
  });

  it('recharge re-reads the card even when the request read it before', async () => {
    const r = await h.gql(
      `mutation($input: CardAmountInput!, $again: CardAmountInput!) {
      rechargeCard(input: $input) { card { availableBalance { amount } } }
      again: rechargeCard(input: $again) { card { availableBalance { amount } } }
    }`,
      {
        input: { cardId: C.sophiaUsdSingle, amount: '1.00', idempotencyKey: randomUUID() },
        again: { cardId: C.sophiaUsdSingle, amount: '1.00', idempotencyKey: randomUUID() },
      },
    );
    expect(r.errors).toBeUndefined();
    expect(
      cents(r.data.again.card.availableBalance.amount) - cents(r.data.rechargeCard.card.availableBalance.amount),
    ).toBe(100);
  });

  it('withdrawCard moves funds back; too much is INSUFFICIENT_BALANCE', async () => {
    const ok = (
      await h.gql(WITHDRAW, { input: { cardId: C.liamSgdSingle, amount: '5.00', idempotencyKey: randomUUID() } })
    ).data.withdrawCard;
    expect(ok.userErrors).toEqual([]);
    expect(ok.order.type).toBe('CARD_WITHDRAW');
    const tooMuch = (
      await h.gql(WITHDRAW, { input: { cardId: C.liamSgdSingle, amount: '99999.00', idempotencyKey: randomUUID() } })
    ).data.withdrawCard;
    expect(tooMuch.userErrors).toEqual([
      expect.objectContaining({ code: 'INSUFFICIENT_BALANCE', field: ['input', 'amount'] }),
    ]);
    expect(tooMuch.card).toBeNull();
    const recharge = (
      await h.gql(RECHARGE, { input: { cardId: C.liamSgdSingle, amount: '9999999.00', idempotencyKey: randomUUID() } })
    ).data.rechargeCard;
    expect(recharge.userErrors[0].code).toBe('INSUFFICIENT_BALANCE');
  });

  it('amounts are validated before UQPAY sees them', async () => {
    await h.resetStats();
    const zero = (
      await h.gql(RECHARGE, { input: { cardId: C.liamSgdSingle, amount: '0.00', idempotencyKey: randomUUID() } })
    ).data.rechargeCard;
    expect(zero.userErrors).toEqual([expect.objectContaining({ code: 'VALIDATION', field: ['input', 'amount'] })]);
    const float = await h.gql(
      `mutation { rechargeCard(input: { cardId: "${C.liamSgdSingle}", amount: 10.5, idempotencyKey: "${randomUUID()}" }) { userErrors { code } } }`,
    );
    expect(float.errors?.[0]?.message).toMatch(/Decimal/);
    const threeDecimals = await h.gql(RECHARGE, {
      input: { cardId: C.liamSgdSingle, amount: '1.005', idempotencyKey: randomUUID() },
    });
    expect(threeDecimals.errors?.[0]?.message).toMatch(/Decimal/);
    expect(totalCalls(await h.stats())).toBe(0);
  });

  it('funds cannot move on a cancelled card', async () => {
    const r = (
      await h.gql(RECHARGE, { input: { cardId: C.liamUsdCancelled, amount: '1.00', idempotencyKey: randomUUID() } })
    ).data.rechargeCard;
    expect(r.userErrors[0]).toMatchObject({ code: 'INVALID_CARD_STATUS' });
  });

  it('setCardStatus freezes and unfreezes; a move UQPAY forbids is INVALID_STATUS_TRANSITION', async () => {
    const frozen = (
      await h.gql(SET_STATUS, { input: { cardId: C.meiLingMastercard, status: 'FROZEN', reason: 'travel' } })
    ).data.setCardStatus;
    expect(frozen.userErrors).toEqual([]);
    expect(frozen.card).toMatchObject({ status: 'FROZEN', updateReason: 'travel' });
    const active = (await h.gql(SET_STATUS, { input: { cardId: C.meiLingMastercard, status: 'ACTIVE' } })).data
      .setCardStatus;
    expect(active.card.status).toBe('ACTIVE');
    const revive = (await h.gql(SET_STATUS, { input: { cardId: C.liamUsdCancelled, status: 'ACTIVE' } })).data
      .setCardStatus;
    expect(revive.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_STATUS_TRANSITION', field: ['input', 'status'] }),
    ]);
    const missing = (await h.gql(SET_STATUS, { input: { cardId: randomUUID(), status: 'FROZEN' } })).data.setCardStatus;
    expect(missing.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'cardId'] })]);
  });

  it('updateCard changes controls; card limits of SINGLE cards are refused', async () => {
    const r = await h.gql(
      `mutation($input: UpdateCardInput!) { updateCard(input: $input) {
      card { noPinPaymentAmount { amount currency } spendingControls { interval amount { amount currency } } riskControls { allow3dsTransactions blockedMcc } metadata }
      userErrors { code field } } }`,
      {
        input: {
          cardId: C.oliviaUsdShare,
          noPinPaymentAmount: '150.00',
          spendingControls: [{ amount: '300.00', interval: 'WEEKLY' }],
          riskControls: { allow3dsTransactions: true, blockedMcc: ['7995'] },
          metadata: { cost_center: 'A1' },
        },
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.updateCard.userErrors).toEqual([]);
    expect(r.data.updateCard.card).toEqual({
      noPinPaymentAmount: { amount: expect.stringMatching(/^150(\.00)?$/), currency: 'USD' },
      spendingControls: [{ interval: 'WEEKLY', amount: { amount: '300.00', currency: 'USD' } }],
      riskControls: { allow3dsTransactions: true, blockedMcc: ['7995'] },
      metadata: { cost_center: 'A1' },
    });
    const single = await h.gql(
      `mutation { updateCard(input: { cardId: "${C.sophiaUsdSingle}", cardLimit: "10.00" }) { userErrors { code field } } }`,
    );
    expect(single.data.updateCard.userErrors).toEqual([{ code: 'NOT_SUPPORTED', field: ['input', 'cardLimit'] }]);
    const empty = await h.gql(
      `mutation { updateCard(input: { cardId: "${C.sophiaUsdSingle}" }) { userErrors { code field } } }`,
    );
    expect(empty.data.updateCard.userErrors[0].code).toBe('VALIDATION');
  });

  it('assignCard binds a provisioned card and never echoes the card number', async () => {
    const pan = DEMO_IDS.assignablePans[1]!;
    const mutation = `mutation($input: AssignCardInput!) { assignCard(input: $input) {
      card { cardId maskedNumber mode cardholder { cardholderId } } order { type } userErrors { code message field } } }`;
    const input = { cardholderId: H.meiLingGoh, cardNumber: pan, currency: 'USD', mode: 'SINGLE' };
    const keyed = <T extends object>(i: T) => ({ ...i, idempotencyKey: randomUUID() });
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: mutation, variables: { input: keyed(input) } }),
    });
    const text = await res.text();
    expect(text).not.toContain(pan);
    const ok = JSON.parse(text).data.assignCard;
    expect(ok.userErrors).toEqual([]);
    expect(ok.card.maskedNumber).toMatch(new RegExp(`${pan.slice(-4)}$`));
    expect(ok.card.cardholder.cardholderId).toBe(H.meiLingGoh);

    const again = await h.gql(mutation, { input: keyed(input) });
    expect(JSON.stringify(again)).not.toContain(pan);
    expect(again.data.assignCard.userErrors[0]).toMatchObject({
      code: 'CARD_ALREADY_ASSIGNED',
      field: ['input', 'cardNumber'],
    });

    await h.resetStats();
    const typo = await h.gql(mutation, { input: keyed({ ...input, cardNumber: `${pan.slice(0, -4)}12x4` }) });
    expect(typo.data.assignCard.userErrors[0]).toMatchObject({
      code: 'INVALID_CARD_NUMBER',
      field: ['input', 'cardNumber'],
    });
    expect(JSON.stringify(typo)).not.toMatch(/\d{13,}/);
    expect(totalCalls(await h.stats())).toBe(0);

    const unknown = '4111111111111111';
    const notProvisioned = await h.gql(mutation, { input: keyed({ ...input, cardNumber: unknown }) });
    expect(notProvisioned.data.assignCard.userErrors[0]).toMatchObject({ code: 'INVALID_CARD_NUMBER' });
    expect(JSON.stringify(notProvisioned)).not.toContain(unknown);
  });
});

describe('transfers', () => {
  const TRANSFER = `mutation($input: CreateTransferInput!) { createTransfer(input: $input) {
    transfer { id transferId status amount { amount currency } sourceAccountId destinationAccountId createdAt } userErrors { code message field } } }`;

  it('createTransfer moves funds to a connected account and transfer(transferId) reads it back', async () => {
    const acme = { 'x-on-behalf-of': DEMO_IDS.accounts.acmeTravel };
    const before = cents((await h.gql(BALANCE, { c: 'USD' }, { headers: acme })).data.balance.available.amount);
    const r = await h.gql(TRANSFER, {
      input: {
        sourceAccountId: DEMO_IDS.accounts.master,
        destinationAccountId: DEMO_IDS.accounts.acmeTravel,
        amount: '120.00',
        currency: 'USD',
        remark: 'top-up',
        idempotencyKey: randomUUID(),
      },
    });
    expect(r.errors).toBeUndefined();
    const t = r.data.createTransfer.transfer;
    expect(t).toMatchObject({
      amount: { amount: '120.00', currency: 'USD' },
      destinationAccountId: DEMO_IDS.accounts.acmeTravel,
    });
    expect(['PENDING', 'COMPLETED']).toContain(t.status);
    const after = cents((await h.gql(BALANCE, { c: 'USD' }, { headers: acme })).data.balance.available.amount);
    expect(after - before).toBe(12_000);
    const read = await h.gql(`query($id: UUID!) { transfer(transferId: $id) { transferId remark } }`, {
      id: t.transferId,
    });
    expect(read.data.transfer).toEqual({ transferId: t.transferId, remark: 'top-up' });
  });

  it('insufficient funds and same-account transfers are userErrors', async () => {
    const broke = await h.gql(
      TRANSFER,
      {
        input: {
          sourceAccountId: DEMO_IDS.accounts.globexMedia,
          destinationAccountId: DEMO_IDS.accounts.master,
          amount: '999999.00',
          currency: 'USD',
          idempotencyKey: randomUUID(),
        },
      },
      { headers: { 'x-on-behalf-of': DEMO_IDS.accounts.globexMedia } },
    );
    expect(broke.data.createTransfer.userErrors[0]).toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    await h.resetStats();
    const same = await h.gql(TRANSFER, {
      input: {
        sourceAccountId: DEMO_IDS.accounts.master,
        destinationAccountId: DEMO_IDS.accounts.master,
        amount: '1.00',
        currency: 'USD',
        idempotencyKey: randomUUID(),
      },
    });
    expect(same.data.createTransfer.userErrors).toEqual([
      expect.objectContaining({ code: 'VALIDATION', field: ['input', 'destinationAccountId'] }),
    ]);
    expect(apiCalls(await h.stats())).toEqual({});
  });
});
