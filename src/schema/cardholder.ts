import * as r from '../resolvers/cardholder';
import { builder } from './builder';
import { CardStatusEnum, CardholderStatusEnum, GenderEnum, IdentityTypeEnum, KycMethodEnum } from './enums';
import { connectionArgs } from './pagination';
import { CardConnection, CardholderConnection, CardholderRef } from './refs';
import { field, inputFromZod } from './input-from-zod';
import { idempotencyKey, payloadType } from './payload';
import { uuidNodeId } from './node';
import type { Address } from '../datasources/uqpay';

const AddressRef = builder.objectRef<Address>('Address').implement({
  description: 'A postal address.',
  fields: (t) => ({
    country: t.field({ type: 'CountryCode', description: 'ISO 3166-1 alpha-2 country.', resolve: (a) => a.country }),
    state: t.exposeString('state', { nullable: true, description: 'State or province.' }),
    city: t.exposeString('city', { description: 'City.' }),
    district: t.exposeString('district', { nullable: true, description: 'District.' }),
    line1: t.exposeString('line1', { description: 'First address line.' }),
    line2: t.exposeString('line2', { nullable: true, description: 'Second address line.' }),
    lineEn: t.exposeString('line_en', {
      nullable: true,
      description: 'The address in English, when line1/line2 are not.',
    }),
    postalCode: t.exposeString('postal_code', { nullable: true, description: 'Postal code.' }),
  }),
});

builder.node(CardholderRef, {
  description: 'A person cards are issued to, onboarded (KYC) under the account.',
  id: uuidNodeId((c) => c.cardholder_id),
  loadWithoutCache: (id, ctx) => ctx.account.loaders.cardholder.load(id),
  fields: (t) => ({
    cardholderId: t.field({ type: 'UUID', description: "UQPAY's cardholder id.", resolve: (c) => c.cardholder_id }),
    email: t.field({
      type: 'EmailAddress',
      description: "Email address, unique among the account's cardholders.",
      resolve: (c) => c.email,
    }),
    firstName: t.exposeString('first_name', { description: 'First name (cannot be changed).' }),
    lastName: t.exposeString('last_name', { description: 'Last name (cannot be changed).' }),
    countryCode: t.field({
      type: 'CountryCode',
      description: 'Country of the phone number, ISO 3166-1 alpha-2.',
      resolve: (c) => c.country_code,
    }),
    phoneNumber: t.exposeString('phone_number', {
      description: "Phone number without country prefix, unique among the account's cardholders.",
    }),
    dateOfBirth: t.field({
      type: 'Date',
      nullable: true,
      description: 'Date of birth.',
      resolve: (c) => c.date_of_birth ?? null,
    }),
    gender: t.field({ type: GenderEnum, nullable: true, description: 'Gender.', resolve: (c) => c.gender ?? null }),
    nationality: t.field({
      type: 'CountryCode',
      nullable: true,
      description: 'Nationality, ISO 3166-1 alpha-2.',
      resolve: (c) => c.nationality ?? null,
    }),
    residentialAddress: t.field({
      type: AddressRef,
      nullable: true,
      description: 'Residential address.',
      resolve: (c) => c.residential_address ?? null,
    }),
    status: t.field({
      type: CardholderStatusEnum,
      description: 'Onboarding status; only SUCCESS cardholders can be issued cards.',
      resolve: (c) => c.cardholder_status,
    }),
    reviewStatus: t.exposeString('review_status', {
      nullable: true,
      description: "UQPAY's manual review status, if any.",
    }),
    idvStatus: t.exposeString('idv_status', {
      nullable: true,
      description: 'Identity verification status: PENDING, PASSED or FAILED.',
    }),
    idvVerificationUrl: t.field({
      type: 'URL',
      nullable: true,
      description: 'Where the cardholder completes identity verification (SUMSUB_REDIRECT).',
      resolve: (c) => c.idv_verification_url || null,
    }),
    idvUrlExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When `idvVerificationUrl` expires.',
      resolve: (c) => c.idv_url_expires_at || null,
    }),
    numberOfCards: t.int({ description: 'How many cards the cardholder has.', resolve: (c) => c.number_of_cards ?? 0 }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the cardholder was created.',
      resolve: (c) => c.create_time || null,
    }),
    cards: t.field({
      type: CardConnection,
      description: "The cardholder's cards.",
      args: {
        ...connectionArgs(t.arg),
        status: t.arg({ type: CardStatusEnum, description: 'Only cards in this status.' }),
      },
      resolve: r.cardholderCards,
    }),
  }),
});

builder.queryFields((t) => ({
  cardholder: t.field({
    type: CardholderRef,
    nullable: true,
    description: 'A cardholder by UQPAY id; null when it does not exist for the acting account.',
    args: { cardholderId: t.arg({ type: 'UUID', required: true, description: "UQPAY's cardholder id." }) },
    resolve: r.cardholder,
  }),
  cardholders: t.field({
    type: CardholderConnection,
    description: "The acting account's cardholders, newest first as UQPAY orders them.",
    args: {
      ...connectionArgs(t.arg),
      status: t.arg({ type: CardholderStatusEnum, description: 'Only cardholders in this status.' }),
    },
    resolve: r.cardholders,
  }),
}));

const AddressInput = inputFromZod('AddressInput', r.AddressInput, {
  description: 'A postal address.',
  fields: {
    country: field('CountryCode', 'ISO 3166-1 alpha-2 country.'),
    state: field('String', 'State or province.'),
    city: field('String', 'City.'),
    district: field('String', 'District.'),
    line1: field('String', 'First address line.'),
    line2: field('String', 'Second address line.'),
    lineEn: field('String', 'The address in English, when line1/line2 are not.'),
    postalCode: field('String', 'Postal code.'),
  },
});

const IdentityInput = inputFromZod('IdentityInput', r.IdentityInput, {
  description: 'An identity document (STANDARD KYC products).',
  fields: {
    type: field(IdentityTypeEnum, 'Kind of document.'),
    number: field('String', 'Document number.'),
    frontFile: field('String', 'Front image, base64.'),
    backFile: field('String', 'Back image, base64.'),
    handFile: field('String', 'Selfie holding the document, base64.'),
  },
});

const KycVerificationInput = inputFromZod('KycVerificationInput', r.KycVerificationInput, {
  description: 'How an ENHANCED-KYC cardholder is verified.',
  fields: {
    method: field(KycMethodEnum, 'Verification method.'),
    provider: field('String', 'THIRD_PARTY: who verified the cardholder.'),
    referenceId: field('String', "THIRD_PARTY: the provider's reference for the verification."),
  },
});

export const CreateCardholderInput = inputFromZod('CreateCardholderInput', r.CreateCardholderInput, {
  description:
    'A new cardholder. Which optional fields are needed depends on the KYC level of the products you will issue.',
  fields: {
    firstName: field('String', 'First name: 1–40 letters, spaces between words.'),
    lastName: field('String', 'Last name: 1–40 letters, spaces between words.'),
    email: field('EmailAddress', "Email, unique among the account's cardholders."),
    countryCode: field('CountryCode', 'Country of the phone number.'),
    phoneNumber: field(
      'String',
      "Phone number without country prefix (digits only), unique among the account's cardholders.",
    ),
    dateOfBirth: field('Date', 'Date of birth.'),
    gender: field(GenderEnum, 'Gender.'),
    nationality: field('CountryCode', 'Nationality.'),
    residentialAddress: field(AddressInput, 'Residential address.'),
    identity: field(IdentityInput, 'Identity document.'),
    kycVerification: field(KycVerificationInput, 'Verification for ENHANCED-KYC products.'),
    idempotencyKey,
  },
});

export const UpdateCardholderInput = inputFromZod('UpdateCardholderInput', r.UpdateCardholderInput, {
  description: 'Changes to a cardholder; omitted fields are left as they are. Names cannot be changed.',
  fields: {
    cardholderId: field('UUID', 'The cardholder to change.'),
    email: field('EmailAddress', 'New email.'),
    phoneNumber: field('String', 'New phone number (digits, no country prefix).'),
    countryCode: field('CountryCode', 'New country of the phone number.'),
    dateOfBirth: field('Date', 'New date of birth.'),
    gender: field(GenderEnum, 'New gender.'),
    nationality: field('CountryCode', 'New nationality.'),
    residentialAddress: field(AddressInput, 'New residential address.'),
    identity: field(IdentityInput, 'New identity document.'),
    kycVerification: field(KycVerificationInput, 'Verification for ENHANCED-KYC products.'),
    idempotencyKey,
  },
});

const cardholderPayload = (name: string, what: string) =>
  payloadType<r.CardholderPayload>(name, `Result of ${what}.`, (t) => ({
    cardholder: t.field({
      type: CardholderRef,
      nullable: true,
      description: 'The cardholder as it is now, re-read after the change; null when userErrors is not empty.',
      resolve: r.payloadCardholder,
    }),
  }));

const CreateCardholderPayload = cardholderPayload('CreateCardholderPayload', 'createCardholder');
const UpdateCardholderPayload = cardholderPayload('UpdateCardholderPayload', 'updateCardholder');

builder.mutationFields((t) => ({
  createCardholder: t.field({
    type: CreateCardholderPayload,
    description:
      'Onboard a cardholder. Duplicated email or phone number → DUPLICATE_EMAIL / DUPLICATE_PHONE_NUMBER. Fields ' +
      'the KYC level ' +
      'needs and the input lacks → one KYC_INSUFFICIENT per field, at its path (e.g. ["input", ' +
      '"residentialAddress", "city"]).',
    args: { input: t.arg({ type: CreateCardholderInput, required: true, description: 'The cardholder.' }) },
    resolve: r.createCardholder,
  }),
  updateCardholder: t.field({
    type: UpdateCardholderPayload,
    description: "Change a cardholder's contact, address or KYC details.",
    args: { input: t.arg({ type: UpdateCardholderInput, required: true, description: 'The changes.' }) },
    resolve: r.updateCardholder,
  }),
}));
