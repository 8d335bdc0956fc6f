// KYC levels (UQPAY's API reference, Cardholders): SIMPLIFIED passes at once, STANDARD goes to review (PENDING), ENHANCED
// needs kyc_verification. The review control finishes a review and sends a signed `cardholder.kyc.status_changed`;
// Update Cardholder sends `cardholder.updated`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { boot, eventually, expectError, receiver, useEmulator, verify, type Api } from './helpers';

let n = 0;
/** A SIMPLIFIED-valid cardholder with a fresh email and phone. */
const basic = () => {
  n++;
  return {
    email: `kyc${n}@example.org`,
    first_name: 'Kyc',
    last_name: 'Tester',
    country_code: 'SG',
    phone_number: String(92000000 + n),
  };
};
const documents = {
  nationality: 'SG',
  identity: { type: 'PASSPORT', number: 'E1234567', front_file: 'ZnJvbnQ=' },
  residential_address: { country: 'SG', city: 'Singapore', line1: '1 Raffles Place' },
};
const cardFor = (cardholderId: string) => ({
  card_currency: 'USD',
  cardholder_id: cardholderId,
  card_product_id: DEMO_IDS.products.share,
});

const api = useEmulator({ asyncDelayMs: 0 });
let rx: Awaited<ReturnType<typeof receiver>>;
beforeAll(async () => {
  rx = await receiver();
});
afterAll(() => rx.close());

const NODE_CARDHOLDER_PAYLOAD_KEYS = [
  'cardholder_id',
  'cardholder_status',
  'country_code',
  'create_time',
  'date_of_birth',
  'email',
  'first_name',
  'idv_provider',
  'idv_status',
  'last_name',
  'nationality',
  'phone_number',
];

/** The envelopes received so far of one type, parsed, signature checked. */
const received = (type: string) =>
  rx.got
    .filter((g) => JSON.parse(g.raw).event_type === type)
    .map((g) => {
      expect(verify(api.emu.webhookSecret, g)).toBe(true);
      return JSON.parse(g.raw);
    });

describe('KYC levels', () => {
  it('SIMPLIFIED (the default) needs no documents and starts SUCCESS', async () => {
    const res = await api.post('/v1/issuing/cardholders', basic());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ cardholder_id: expect.any(String), cardholder_status: 'SUCCESS' });
  });

  it('STANDARD needs nationality, identity and residential_address, and starts PENDING review', async () => {
    const set = await api.control('POST', '/kyc-level', { level: 'STANDARD' });
    expect(set.body.kyc_levels[DEMO_IDS.masterAccountId]).toBe('STANDARD');
    // UQPAY's kyc_insufficient names what is missing in missing_fields (Node SDK src/error.ts).
    for (const missing of ['nationality', 'identity', 'residential_address'] as const) {
      const body = { ...basic(), ...documents, [missing]: undefined };
      const res = await api.post('/v1/issuing/cardholders', body);
      expectError(res, 400, 'cardholder_error', 'kyc_insufficient');
      expect(res.body.missing_fields.map((f: { name: string }) => f.name)).toEqual([missing]);
      expect(res.body.message).toContain(missing);
    }
    const res = await api.post('/v1/issuing/cardholders', { ...basic(), ...documents });
    expect(res.body).toEqual({ cardholder_id: expect.any(String), cardholder_status: 'PENDING' });
    const ch = (await api.get(`/v1/issuing/cardholders/${res.body.cardholder_id}`)).body;
    expect(ch).toMatchObject({
      cardholder_status: 'PENDING',
      review_status: 'PENDING',
      idv_status: 'PENDING',
      idv_verification_url: null,
    });

    // a card for a holder under review waits for the review (Go SDK issuing/cards.go CardCreationResponse)
    const waiting = await api.post('/v1/issuing/cards', cardFor(ch.cardholder_id));
    expect(waiting.body).toMatchObject({
      card_status: 'PENDING',
      order_status: 'PENDING',
      cardholder_status: 'PENDING',
      message: expect.any(String),
    });
  });

  it('ENHANCED needs kyc_verification: THIRD_PARTY passes at once, SUMSUB_REDIRECT is INCOMPLETE with an IDV url', async () => {
    await api.control('POST', '/kyc-level', { level: 'ENHANCED', account_id: DEMO_IDS.masterAccountId });
    const missing = await api.post('/v1/issuing/cardholders', { ...basic(), ...documents });
    expectError(missing, 400, 'cardholder_error', 'kyc_insufficient');
    expect(missing.body.missing_fields).toEqual([
      expect.objectContaining({
        name: 'kyc_verification',
        type: 'object',
        fields: [expect.objectContaining({ name: 'method' })],
      }),
    ]);

    const third = await api.post('/v1/issuing/cardholders', {
      ...basic(),
      kyc_verification: { method: 'THIRD_PARTY', kyc_proof: { provider: 'ACME KYC', reference_id: 'ref-1' } },
    });
    expect(third.body).toEqual({ cardholder_id: expect.any(String), cardholder_status: 'SUCCESS' });

    const sumsub = await api.post('/v1/issuing/cardholders', {
      ...basic(),
      kyc_verification: { method: 'SUMSUB_REDIRECT' },
    });
    expect(sumsub.body).toMatchObject({
      cardholder_status: 'INCOMPLETE',
      idv_verification_url: expect.stringMatching(/^https:\/\//),
    });
    expect(Date.parse(sumsub.body.idv_url_expires_at)).toBeGreaterThan(Date.now());
    expect((await api.get(`/v1/issuing/cardholders/${sumsub.body.cardholder_id}`)).body).toMatchObject({
      review_status: 'PENDING',
      idv_status: 'PENDING',
    });
  });

  it('the level is per account, and /reset goes back to the option', async () => {
    const acme = DEMO_IDS.accounts.acmeTravel;
    const set = await api.control('POST', '/kyc-level', { level: 'STANDARD', account_id: acme });
    expect(set.body.kyc_levels).toMatchObject({ [acme]: 'STANDARD', [DEMO_IDS.masterAccountId]: 'SIMPLIFIED' });
    expectError(
      await api.post('/v1/issuing/cardholders', basic(), { onBehalfOf: acme }),
      400,
      'cardholder_error',
      'kyc_insufficient',
    );
    expect((await api.post('/v1/issuing/cardholders', basic())).body.cardholder_status).toBe('SUCCESS');
    expectError(
      await api.control('POST', '/kyc-level', { level: 'BASIC' }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );

    await api.control('POST', '/reset');
    expect((await api.post('/v1/issuing/cardholders', basic(), { onBehalfOf: acme })).body.cardholder_status).toBe(
      'SUCCESS',
    );
  });

  it('the kycLevel option applies to every account', async () => {
    const other: Api = await boot({ kycLevel: 'ENHANCED' });
    try {
      for (const onBehalfOf of [undefined, DEMO_IDS.accounts.globexMedia]) {
        const res = await other.post('/v1/issuing/cardholders', basic(), { onBehalfOf });
        expectError(res, 400, 'cardholder_error', 'kyc_insufficient');
        expect(res.body.message).toContain('kyc_verification');
      }
    } finally {
      await other.emu.close();
    }
  });
});

describe('finishing a review', () => {
  it('PENDING → SUCCESS sends a signed cardholder.kyc.status_changed; then cards can be issued', async () => {
    api.emu.setWebhookUrl(rx.url);
    try {
      await api.control('POST', '/kyc-level', { level: 'STANDARD' });
      const id = (await api.post('/v1/issuing/cardholders', { ...basic(), ...documents })).body.cardholder_id as string;
      const done = await api.control('POST', `/cardholders/${id}/kyc`, { status: 'SUCCESS' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        account_id: DEMO_IDS.masterAccountId,
        cardholder: {
          cardholder_id: id,
          cardholder_status: 'SUCCESS',
          idv_status: 'PASSED',
          review_status: 'APPROVED',
        },
      });

      const [env] = await eventually(async () => {
        const list = received('cardholder.kyc.status_changed').filter((e) => e.source_id === id);
        return list.length > 0 && list;
      });
      expect(env).toMatchObject({
        version: 'V1.6.0',
        event_name: 'ISSUING',
        event_type: 'cardholder.kyc.status_changed',
        event_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        source_id: id,
        data: { cardholder_id: id, cardholder_status: 'SUCCESS', idv_status: 'PASSED' },
      });
      // The profile, as UQPAY sends it (Node SDK src/resources/issuing/types.ts CardholderKycStatusChangedPayload).
      expect(Object.keys(env.data).sort()).toEqual(NODE_CARDHOLDER_PAYLOAD_KEYS);

      expect((await api.get(`/v1/issuing/cardholders/${id}`)).body.cardholder_status).toBe('SUCCESS');
      expect((await api.post('/v1/issuing/cards', cardFor(id))).status).toBe(200);

      // a finished review cannot be finished again
      expectError(
        await api.control('POST', `/cardholders/${id}/kyc`, { status: 'FAILED' }),
        400,
        'cardholder_error',
        'invalid_cardholder_status',
      );
    } finally {
      api.emu.setWebhookUrl(undefined);
    }
  });

  it('INCOMPLETE (SUMSUB) → FAILED in a sub-account: idv FAILED, review REJECTED, no cards', async () => {
    const acme = DEMO_IDS.accounts.acmeTravel;
    const id = (
      await api.post(
        '/v1/issuing/cardholders',
        { ...basic(), kyc_verification: { method: 'SUMSUB_REDIRECT' } },
        { onBehalfOf: acme },
      )
    ).body.cardholder_id as string;
    // looked up in the named account only
    expectError(
      await api.control('POST', `/cardholders/${id}/kyc`, { status: 'FAILED', account_id: DEMO_IDS.masterAccountId }),
      400,
      'cardholder_error',
      'cardholder_not_found',
    );
    expectError(
      await api.control('POST', `/cardholders/${id}/kyc`, { status: 'APPROVED' }),
      400,
      'invalid_request_error',
      'invalid_parameter',
    );

    const done = await api.control('POST', `/cardholders/${id}/kyc`, { status: 'FAILED' });
    expect(done.body).toMatchObject({
      account_id: acme,
      cardholder: { cardholder_status: 'FAILED', idv_status: 'FAILED', review_status: 'REJECTED' },
    });
    const log = (await api.control('GET', '/webhooks')).body.deliveries.at(-1);
    expect(log).toMatchObject({ event_type: 'cardholder.kyc.status_changed', source_id: id, account_id: acme });
    expectError(
      await api.post('/v1/issuing/cards', cardFor(id), { onBehalfOf: acme }),
      400,
      'cardholder_error',
      'invalid_cardholder_status',
    );
  });

  it('the seeded PENDING cardholder can be approved; a SUCCESS one is not under review', async () => {
    const noah = DEMO_IDS.cardholders.noahLim;
    const waiting = await api.post('/v1/issuing/cards', cardFor(noah));
    expect(waiting.body).toMatchObject({ card_status: 'PENDING', cardholder_status: 'PENDING' });
    expect(
      (await api.control('POST', `/cardholders/${noah}/kyc`, { status: 'SUCCESS' })).body.cardholder.cardholder_status,
    ).toBe('SUCCESS');
    expect((await api.get(`/v1/issuing/cards/${waiting.body.card_id}`)).body.card_status).toBe('ACTIVE');
    expectError(
      await api.control('POST', `/cardholders/${DEMO_IDS.cardholders.sophiaTan}/kyc`, { status: 'SUCCESS' }),
      400,
      'cardholder_error',
      'invalid_cardholder_status',
    );
  });
});

describe('cardholder.updated', () => {
  it('is sent, signed, after a successful update, with the profile as UQPAY sends it; not after a refused one', async () => {
    api.emu.setWebhookUrl(rx.url);
    try {
      const id = DEMO_IDS.cardholders.liamWong;
      expectError(
        await api.post(`/v1/issuing/cardholders/${id}`, { first_name: 'New' }),
        400,
        'invalid_request_error',
        'invalid_parameter',
      );
      expect((await api.post(`/v1/issuing/cardholders/${id}`, { email: 'liam.new@example.org' })).status).toBe(200);
      const [env] = await eventually(async () => {
        const list = received('cardholder.updated').filter((e) => e.source_id === id);
        return list.length > 0 && list;
      });
      expect(env).toMatchObject({
        event_name: 'ISSUING',
        source_id: id,
        data: { cardholder_id: id, cardholder_status: 'SUCCESS', email: 'liam.new@example.org' },
      });
      // Node SDK src/resources/issuing/types.ts CardholderUpdatedPayload: the whole profile, and only a create_time.
      expect(Object.keys(env.data).sort()).toEqual(NODE_CARDHOLDER_PAYLOAD_KEYS);
      const log = (await api.control('GET', '/webhooks')).body.deliveries.filter(
        (d: { event_type: string }) => d.event_type === 'cardholder.updated',
      );
      expect(log).toHaveLength(1);
    } finally {
      api.emu.setWebhookUrl(undefined);
    }
  });
});
