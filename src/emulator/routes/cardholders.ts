import { randomUUID } from 'node:crypto';
import { phoneLengthOk, phoneRule } from '../countries';
import type { EmulatorCore } from '../core';
import { badRequest, invalidField, kycInsufficient } from '../errors';
import { cardholderEventData } from '../event-data';
import { describeMissing, KYC_LEVEL_FIELDS, missingFields } from '../kyc';
import { initialKyc, kycOutcome } from '../kyc-review';
import { findCardholder } from '../lookups';
import type { RouteDef } from '../route';
import { newestFirst, type AccountStore, type Address, type Cardholder } from '../state';
import { bodyObject, Fields, page, paging } from '../validation';

const STATUSES = ['SUCCESS', 'PENDING', 'INCOMPLETE', 'FAILED'] as const;
const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

function name(f: Fields, key: string, allowHyphen: boolean, required: boolean): string | undefined {
  const v = f.string(key, { required, max: 40 });
  if (v === undefined) return undefined;
  const allowed = allowHyphen ? /^[\p{L} -]+$/u : /^[\p{L} ]+$/u;
  if (!allowed.test(v) || v.trim() !== v || !/\p{L}/u.test(v)) {
    throw invalidField(
      f.path(key),
      `must be 1-40 letters${allowHyphen ? ', hyphens' : ''} and spaces without leading or trailing space`,
    );
  }
  return v;
}

function phone(f: Fields, country: string, required: boolean): string | undefined {
  const v = f.string('phone_number', { required });
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw invalidField('phone_number', 'must contain digits only, without the country prefix');
  if (!phoneLengthOk(country, v)) throw invalidField('phone_number', `must be ${phoneRule(country)}`);
  return v;
}

function address(f: Fields): Address | undefined {
  const a = f.object('residential_address');
  if (!a) return undefined;
  const out: Address = {
    country: a.country('country', { required: true }) as string,
    city: a.string('city', { required: true, max: 100 }) as string,
    line1: a.string('line1', { required: true, max: 200 }) as string,
  };
  for (const k of ['state', 'district', 'line2', 'line_en', 'postal_code'] as const) {
    const v = a.string(k, { max: 200 });
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Fields shared by create and update; everything optional here, create enforces its required ones. */
function profile(f: Fields, existing: Cardholder | undefined) {
  const identity = f.object('identity');
  const kyc = f.object('kyc_verification');
  const documentType = f.enum('document_type', ['pdf', 'png', 'jpg', 'jpeg'] as const);
  const document = f.string('document');
  if (document !== undefined) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(document)) throw invalidField('document', 'must be base64');
    if (Buffer.byteLength(document, 'base64') > MAX_DOCUMENT_BYTES)
      throw invalidField('document', 'must be at most 2 MB');
    if (!documentType && !existing?.document_type)
      throw invalidField('document_type', 'is required when document is given');
  }
  let method: 'THIRD_PARTY' | 'SUMSUB_REDIRECT' | undefined;
  let kycVerification: Cardholder['kyc_verification'];
  if (kyc) {
    method = kyc.enum('method', ['THIRD_PARTY', 'SUMSUB_REDIRECT'] as const, { required: true });
    const proof = kyc.object('kyc_proof', { required: method === 'THIRD_PARTY' });
    kycVerification = {
      method: method as 'THIRD_PARTY' | 'SUMSUB_REDIRECT',
      ...(proof
        ? {
            kyc_proof: {
              provider: proof.string('provider', { required: true }) as string,
              reference_id: proof.string('reference_id', { required: true }) as string,
            },
          }
        : {}),
    };
  }
  return {
    email: f.email('email')?.toLowerCase(),
    date_of_birth: f.date('date_of_birth'),
    gender: f.enum('gender', ['MALE', 'FEMALE'] as const),
    nationality: f.country('nationality'),
    residential_address: address(f),
    identity: identity && {
      type: identity.enum('type', ['ID_CARD', 'PASSPORT'] as const, { required: true }) as 'ID_CARD' | 'PASSPORT',
      number: identity.string('number', { required: true, max: 50 }) as string,
      front_file: identity.string('front_file', { required: true }) as string,
      ...(identity.has('back_file') ? { back_file: identity.string('back_file') as string } : {}),
      ...(identity.has('hand_file') ? { hand_file: identity.string('hand_file') as string } : {}),
    },
    kyc_verification: kycVerification,
    document_type: documentType,
  };
}

function assertUnique(
  store: AccountStore,
  email: string | undefined,
  phoneNumber: string | undefined,
  self?: string,
): void {
  for (const ch of store.cardholders.values()) {
    if (ch.cardholder_id === self) continue;
    if (email && ch.email === email)
      throw badRequest('cardholder_error', 'duplicate_email', `email ${email} is already used by another cardholder`);
    if (phoneNumber && ch.phone_number === phoneNumber) {
      throw badRequest(
        'cardholder_error',
        'duplicate_phone_number',
        'phone_number is already used by another cardholder',
      );
    }
  }
}

const createResponse = (c: EmulatorCore, ch: Cardholder) => ({
  cardholder_id: ch.cardholder_id,
  cardholder_status: ch.cardholder_status,
  ...(ch.idv_verification_url
    ? { idv_verification_url: ch.idv_verification_url, idv_url_expires_at: c.views.time(ch.idv_url_expires_at) }
    : {}),
});

export const cardholderRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/v1/issuing/cardholders',
    handler: ({ core: c, store, body }) => {
      const f = bodyObject(body, c.options.amountInput);
      const email = f.email('email', { required: true });
      const hyphen = c.options.allowHyphenInNames;
      const first = name(f, 'first_name', hyphen, true) as string;
      const last = name(f, 'last_name', hyphen, true) as string;
      const country = f.country('country_code', { required: true }) as string;
      const phoneNumber = phone(f, country, true) as string;
      const p = profile(f, undefined);
      // UQPAY takes the KYC level from the card product; Create Cardholder names none, so the account's
      // configured level applies (option kycLevel / EMULATOR_KYC_LEVEL, or POST /__emulator/kyc-level).
      const level = store.kycLevel;
      // Everything the level needs and the request lacks, at once (UQPAY's kyc_insufficient + missing_fields).
      const missing = missingFields(KYC_LEVEL_FIELDS[level], p);
      if (missing.length > 0) {
        const names = describeMissing(missing).join(', ');
        throw kycInsufficient(`cardholder data insufficient for ${level} KYC: ${names} required`, missing);
      }
      assertUnique(store, email?.toLowerCase(), phoneNumber);
      const ch: Cardholder = {
        ...stripUndefined(p),
        seq: c.state.nextSeq(),
        cardholder_id: randomUUID(),
        email: (email as string).toLowerCase(),
        first_name: first,
        last_name: last,
        country_code: country,
        phone_number: phoneNumber,
        create_time: Date.now(),
        ...initialKyc(level, p.kyc_verification?.method),
        idv_verification_url: null,
        idv_url_expires_at: null,
      };
      kycOutcome(ch);
      store.cardholders.set(ch.cardholder_id, ch);
      return createResponse(c, ch);
    },
  },

  {
    method: 'GET',
    path: '/v1/issuing/cardholders',
    handler: ({ core: c, store, query }) => {
      const status = new Fields(query).enum('cardholder_status', STATUSES);
      const p = paging(query);
      const list = newestFirst(store.cardholders.values()).filter((ch) => !status || ch.cardholder_status === status);
      return page(list, p, (ch) => c.views.cardholder(store, ch));
    },
  },

  {
    method: 'GET',
    path: '/v1/issuing/cardholders/{id}',
    handler: ({ core: c, store, params }) => c.views.cardholder(store, findCardholder(store, String(params.id))),
  },

  {
    method: 'POST',
    path: '/v1/issuing/cardholders/{id}',
    handler: ({ core: c, store, body, params }) => {
      const ch = findCardholder(store, String(params.id));
      const f = bodyObject(body, c.options.amountInput);
      for (const k of ['first_name', 'last_name']) if (f.has(k)) throw invalidField(k, 'cannot be updated');
      const country = f.country('country_code') ?? ch.country_code;
      const phoneNumber = phone(f, country, false);
      if (!phoneNumber && country !== ch.country_code && !phoneLengthOk(country, ch.phone_number)) {
        throw invalidField('phone_number', `must be ${phoneRule(country)} (country_code changed)`);
      }
      const p = profile(f, ch);
      assertUnique(store, p.email, phoneNumber, ch.cardholder_id);
      // Validate everything first, then apply: a refused update changes nothing.
      Object.assign(ch, stripUndefined(p), { country_code: country }, phoneNumber ? { phone_number: phoneNumber } : {});
      kycOutcome(ch);
      // UQPAY sends the whole profile (Node SDK CardholderUpdatedPayload): receivers must filter it.
      c.webhooks.emit('cardholder.updated', ch.cardholder_id, store.id, cardholderEventData(c.views, store, ch));
      return createResponse(c, ch);
    },
  },
];

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
