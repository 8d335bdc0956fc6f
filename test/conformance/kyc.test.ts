// What UQPAY adds to KYC failures: `missing_fields` on a cardholder_error / kyc_insufficient (Node SDK src/error.ts),
// and `cardholder_status` / `message` on a card created for a cardholder whose KYC is not done (Go SDK
// issuing/cards.go CardCreationResponse). The emulator produces them; the gateway turns them into userErrors with
// paths into the input.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { expectError, useEmulator } from '../emulator/helpers';
import { startHarness, type Harness } from '../harness';

const H = DEMO_IDS.cardholders;
const P = DEMO_IDS.products;

let n = 0;
const person = () => {
  n++;
  return {
    email: `kyc.${n}.${randomUUID().slice(0, 8)}@example.org`,
    first_name: 'Kyc',
    last_name: 'Case',
    country_code: 'SG',
    phone_number: String(90000000 + Math.floor(Math.random() * 9_999_999)),
  };
};

interface MissingField {
  name: string;
  type: 'string' | 'object';
  required: boolean;
  description?: string;
  fields?: MissingField[];
}

const leaves = (fields: MissingField[], prefix = ''): string[] =>
  fields.flatMap((f) => (f.fields?.length ? leaves(f.fields, `${prefix}${f.name}.`) : [`${prefix}${f.name}`]));

describe('the emulator', () => {
  const api = useEmulator({ asyncDelayMs: 0 });

  it('refuses a STANDARD cardholder without its documents with kyc_insufficient and every missing field at once (Node src/error.ts KycMissingField)', async () => {
    await api.control('POST', '/kyc-level', { level: 'STANDARD' });
    const res = await api.post('/v1/issuing/cardholders', person());
    expectError(res, 400, 'cardholder_error', 'kyc_insufficient');
    const missing = res.body.missing_fields as MissingField[];
    for (const f of missing) expect(['string', 'object']).toContain(f.type);
    expect(leaves(missing).sort()).toEqual([
      'identity.front_file',
      'identity.number',
      'identity.type',
      'nationality',
      'residential_address.city',
      'residential_address.country',
      'residential_address.line1',
    ]);
  });

  it('refuses a card whose product needs fields the cardholder lacks, naming them (Node src/error.ts; Node types.ts ProductRequiredField)', async () => {
    const holder = (await api.post('/v1/issuing/cardholders', person())).body.cardholder_id as string;
    const res = await api.post('/v1/issuing/cards', {
      card_currency: 'USD',
      cardholder_id: holder,
      card_product_id: P.mastercard,
      card_limit: 10,
    });
    expectError(res, 400, 'cardholder_error', 'kyc_insufficient');
    expect(leaves(res.body.missing_fields).sort()).toEqual([
      'date_of_birth',
      'nationality',
      'residential_address.city',
      'residential_address.country',
      'residential_address.line1',
    ]);
  });

  it('answers a card for a cardholder under review with cardholder_status and message, and issues it when the review passes (Go issuing/cards.go CardCreationResponse)', async () => {
    const res = await api.post('/v1/issuing/cards', {
      card_currency: 'USD',
      cardholder_id: H.noahLim,
      card_product_id: P.share,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      card_status: 'PENDING',
      order_status: 'PENDING',
      cardholder_status: 'PENDING',
      message: expect.stringMatching(/KYC/),
    });
    await new Promise((r) => setTimeout(r, 30));
    expect((await api.get(`/v1/issuing/cards/${res.body.card_id}`)).body.card_status).toBe('PENDING');
    await api.control('POST', `/cardholders/${H.noahLim}/kyc`, { status: 'SUCCESS' });
    expect((await api.get(`/v1/issuing/cards/${res.body.card_id}`)).body.card_status).toBe('ACTIVE');
    expect((await api.get(`/v1/issuing/cards/${res.body.card_order_id}/order`)).body.order_status).toBe('SUCCESS');
  });

  it("fails such a card when the review fails, and gives a prepaid card's limit back", async () => {
    const before = (await api.post('/v1/issuing/balances', { currency: 'USD' })).body.available_balance;
    const res = await api.post('/v1/issuing/cards', {
      card_currency: 'USD',
      cardholder_id: H.noahLim,
      card_product_id: P.single,
      card_limit: 20,
    });
    expect(res.body.cardholder_status).toBe('PENDING');
    await api.control('POST', `/cardholders/${H.noahLim}/kyc`, { status: 'FAILED' });
    expect((await api.get(`/v1/issuing/cards/${res.body.card_id}`)).body.card_status).toBe('FAILED');
    expect((await api.get(`/v1/issuing/cards/${res.body.card_order_id}/order`)).body.order_status).toBe('FAILED');
    expect((await api.post('/v1/issuing/balances', { currency: 'USD' })).body.available_balance).toEqual(before);
  });
});

describe('the gateway', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  const CREATE_CARDHOLDER = `mutation ($input: CreateCardholderInput!) {
    createCardholder(input: $input) { cardholder { cardholderId } userErrors { code message field } } }`;
  const CREATE_CARD = `mutation ($input: CreateCardInput!) {
    createCard(input: $input) { card { cardId status } order { orderId type status } userErrors { code message field } } }`;
  const gqlPerson = () => {
    const p = person();
    return {
      email: p.email,
      firstName: p.first_name,
      lastName: p.last_name,
      countryCode: p.country_code,
      phoneNumber: p.phone_number,
      idempotencyKey: randomUUID(),
    };
  };

  it('turns missing_fields into one userError per field, with its path into the input (Node src/error.ts)', async () => {
    await fetch(`${h.emulator.url}/__emulator/kyc-level`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ level: 'STANDARD' }),
    });
    try {
      const r = await h.gql(CREATE_CARDHOLDER, { input: gqlPerson() });
      expect(r.errors).toBeUndefined();
      const errors = r.data.createCardholder.userErrors as { code: string; field: string[]; message: string }[];
      expect(r.data.createCardholder.cardholder).toBeNull();
      expect(errors.every((e) => e.code === 'KYC_INSUFFICIENT')).toBe(true);
      expect(errors.map((e) => e.field).sort()).toEqual(
        [
          ['input', 'identity', 'frontFile'],
          ['input', 'identity', 'number'],
          ['input', 'identity', 'type'],
          ['input', 'nationality'],
          ['input', 'residentialAddress', 'city'],
          ['input', 'residentialAddress', 'country'],
          ['input', 'residentialAddress', 'line1'],
        ].sort(),
      );
      expect(errors.find((e) => e.field.join('.') === 'input.residentialAddress.city')!.message).toMatch(
        /residentialAddress\.city/,
      );
    } finally {
      await fetch(`${h.emulator.url}/__emulator/kyc-level`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ level: 'SIMPLIFIED' }),
      });
    }
  });

  it("on createCard, names the cardholder's missing fields at input.cardholderId (the fix is updateCardholder)", async () => {
    const holder = (await h.gql(CREATE_CARDHOLDER, { input: gqlPerson() })).data.createCardholder.cardholder
      .cardholderId;
    const r = await h.gql(CREATE_CARD, {
      input: {
        cardholderId: holder,
        productId: P.mastercard,
        currency: 'USD',
        cardLimit: '10.00',
        idempotencyKey: randomUUID(),
      },
    });
    expect(r.errors).toBeUndefined();
    const errors = r.data.createCard.userErrors as { code: string; field: string[]; message: string }[];
    expect(r.data.createCard.card).toBeNull();
    expect(errors.length).toBe(5);
    for (const e of errors) expect(e).toMatchObject({ code: 'KYC_INSUFFICIENT', field: ['input', 'cardholderId'] });
    expect(errors.map((e) => e.message).join('\n')).toMatch(/residentialAddress\.city[^\n]*updateCardholder/);
  });

  it("a card for a cardholder under review comes back PENDING with a CARDHOLDER_KYC_PENDING userError carrying UQPAY's message (Go issuing/cards.go CardCreationResponse)", async () => {
    const r = await h.gql(CREATE_CARD, {
      input: { cardholderId: H.noahLim, productId: P.share, currency: 'USD', idempotencyKey: randomUUID() },
    });
    expect(r.errors).toBeUndefined();
    const p = r.data.createCard;
    expect(p.userErrors).toEqual([
      { code: 'CARDHOLDER_KYC_PENDING', field: ['input', 'cardholderId'], message: expect.stringMatching(/KYC/) },
    ]);
    expect(p.card).toMatchObject({ status: 'PENDING' });
    expect(p.order).toMatchObject({ type: 'CARD_CREATE', status: 'PENDING' });
  });
});
