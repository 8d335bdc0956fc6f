import * as r from '../resolvers/cardholder';
import { builder } from './builder';
import { CardStatusEnum, CardholderStatusEnum, GenderEnum, IdentityTypeEnum, KycMethodEnum } from './enums';
import { connectionArgs } from './pagination';
import { CardConnection, CardholderConnection, CardholderRef } from './refs';
import { idempotencyKeyField, payloadType } from './payload';
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
    lineEn: t.exposeString('line_en', { nullable: true, description: 'The address in English, when line1/line2 are not.' }),
    postalCode: t.exposeString('postal_code', { nullable: true, description: 'Postal code.' }),
  }),
});

builder.node(CardholderRef, {
  description: 'A person cards are issued to, onboarded (KYC) under the account.',
  id: uuidNodeId((c) => c.cardholder_id),
  loadWithoutCache: (id, ctx) => ctx.account.loaders.cardholder.load(id),
  fields: (t) => ({
    cardholderId: t.field({ type: 'UUID', description: 'UQPAY\'s cardholder id.', resolve: (c) => c.cardholder_id }),
    email: t.field({ type: 'EmailAddress', description: 'Email address, unique among the account\'s cardholders.', resolve: (c) => c.email }),
    firstName: t.exposeString('first_name', { description: 'First name (cannot be changed).' }),
    lastName: t.exposeString('last_name', { description: 'Last name (cannot be changed).' }),
    countryCode: t.field({ type: 'CountryCode', description: 'Country of the phone number, ISO 3166-1 alpha-2.', resolve: (c) => c.country_code }),
    phoneNumber: t.exposeString('phone_number', { description: 'Phone number without country prefix, unique among the account\'s cardholders.' }),
    dateOfBirth: t.field({ type: 'Date', nullable: true, description: 'Date of birth.', resolve: (c) => c.date_of_birth ?? null }),
    gender: t.field({ type: GenderEnum, nullable: true, description: 'Gender.', resolve: (c) => c.gender ?? null }),
    nationality: t.field({ type: 'CountryCode', nullable: true, description: 'Nationality, ISO 3166-1 alpha-2.', resolve: (c) => c.nationality ?? null }),
    residentialAddress: t.field({ type: AddressRef, nullable: true, description: 'Residential address.', resolve: (c) => c.residential_address ?? null }),
    status: t.field({ type: CardholderStatusEnum, description: 'Onboarding status; only SUCCESS cardholders can be issued cards.', resolve: (c) => c.cardholder_status }),
    reviewStatus: t.exposeString('review_status', { nullable: true, description: 'UQPAY\'s manual review status, if any.' }),
    idvStatus: t.exposeString('idv_status', { nullable: true, description: 'Identity verification status: PENDING, PASSED or FAILED.' }),
    idvVerificationUrl: t.field({ type: 'URL', nullable: true, description: 'Where the cardholder completes identity verification (SUMSUB_REDIRECT).', resolve: (c) => c.idv_verification_url || null }),
    idvUrlExpiresAt: t.field({ type: 'DateTime', nullable: true, description: 'When `idvVerificationUrl` expires.', resolve: (c) => c.idv_url_expires_at || null }),
    numberOfCards: t.int({ description: 'How many cards the cardholder has.', resolve: (c) => c.number_of_cards ?? 0 }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When the cardholder was created.', resolve: (c) => c.create_time || null }),
    cards: t.field({
      type: CardConnection,
      description: 'The cardholder\'s cards.',
      args: { ...connectionArgs(t.arg), status: t.arg({ type: CardStatusEnum, description: 'Only cards in this status.' }) },
      resolve: r.cardholderCards,
    }),
  }),
});

builder.queryFields((t) => ({
  cardholder: t.field({
    type: CardholderRef,
    nullable: true,
    description: 'A cardholder by UQPAY id; null when it does not exist for the acting account.',
    args: { cardholderId: t.arg({ type: 'UUID', required: true, description: 'UQPAY\'s cardholder id.' }) },
    resolve: r.cardholder,
  }),
  cardholders: t.field({
    type: CardholderConnection,
    description: 'The acting account\'s cardholders, newest first as UQPAY orders them.',
    args: { ...connectionArgs(t.arg), status: t.arg({ type: CardholderStatusEnum, description: 'Only cardholders in this status.' }) },
    resolve: r.cardholders,
  }),
}));

const AddressInput = builder.inputType('AddressInput', {
  description: 'A postal address.',
  fields: (t) => ({
    country: t.field({ type: 'CountryCode', required: true, description: 'ISO 3166-1 alpha-2 country.' }),
    state: t.string({ description: 'State or province.' }),
    city: t.string({ required: true, description: 'City.' }),
    district: t.string({ description: 'District.' }),
    line1: t.string({ required: true, description: 'First address line.' }),
    line2: t.string({ description: 'Second address line.' }),
    lineEn: t.string({ description: 'The address in English, when line1/line2 are not.' }),
    postalCode: t.string({ description: 'Postal code.' }),
  }),
});

const IdentityInput = builder.inputType('IdentityInput', {
  description: 'An identity document (STANDARD KYC products).',
  fields: (t) => ({
    type: t.field({ type: IdentityTypeEnum, required: true, description: 'Kind of document.' }),
    number: t.string({ required: true, description: 'Document number.' }),
    frontFile: t.string({ required: true, description: 'Front image, base64.' }),
    backFile: t.string({ description: 'Back image, base64.' }),
    handFile: t.string({ description: 'Selfie holding the document, base64.' }),
  }),
});

const KycVerificationInput = builder.inputType('KycVerificationInput', {
  description: 'How an ENHANCED-KYC cardholder is verified.',
  fields: (t) => ({
    method: t.field({ type: KycMethodEnum, required: true, description: 'Verification method.' }),
    provider: t.string({ description: 'THIRD_PARTY: who verified the cardholder.' }),
    referenceId: t.string({ description: 'THIRD_PARTY: the provider\'s reference for the verification.' }),
  }),
});

export const CreateCardholderInput = builder.inputType('CreateCardholderInput', {
  description:
    'A new cardholder. Which optional fields are needed depends on the KYC level of the products you will issue.',
  fields: (t) => ({
    firstName: t.string({ required: true, description: 'First name: 1–40 letters, spaces between words.' }),
    lastName: t.string({ required: true, description: 'Last name: 1–40 letters, spaces between words.' }),
    email: t.field({ type: 'EmailAddress', required: true, description: 'Email, unique among the account\'s cardholders.' }),
    countryCode: t.field({ type: 'CountryCode', required: true, description: 'Country of the phone number.' }),
    phoneNumber: t.string({ required: true, description: 'Phone number without country prefix (digits only), unique among the account\'s cardholders.' }),
    dateOfBirth: t.field({ type: 'Date', description: 'Date of birth.' }),
    gender: t.field({ type: GenderEnum, description: 'Gender.' }),
    nationality: t.field({ type: 'CountryCode', description: 'Nationality.' }),
    residentialAddress: t.field({ type: AddressInput, description: 'Residential address.' }),
    identity: t.field({ type: IdentityInput, description: 'Identity document.' }),
    kycVerification: t.field({ type: KycVerificationInput, description: 'Verification for ENHANCED-KYC products.' }),
    idempotencyKey: idempotencyKeyField(t),
  }),
});

export const UpdateCardholderInput = builder.inputType('UpdateCardholderInput', {
  description: 'Changes to a cardholder; omitted fields are left as they are. Names cannot be changed.',
  fields: (t) => ({
    cardholderId: t.field({ type: 'UUID', required: true, description: 'The cardholder to change.' }),
    email: t.field({ type: 'EmailAddress', description: 'New email.' }),
    phoneNumber: t.string({ description: 'New phone number (digits, no country prefix).' }),
    countryCode: t.field({ type: 'CountryCode', description: 'New country of the phone number.' }),
    dateOfBirth: t.field({ type: 'Date', description: 'New date of birth.' }),
    gender: t.field({ type: GenderEnum, description: 'New gender.' }),
    nationality: t.field({ type: 'CountryCode', description: 'New nationality.' }),
    residentialAddress: t.field({ type: AddressInput, description: 'New residential address.' }),
    identity: t.field({ type: IdentityInput, description: 'New identity document.' }),
    kycVerification: t.field({ type: KycVerificationInput, description: 'Verification for ENHANCED-KYC products.' }),
    idempotencyKey: idempotencyKeyField(t),
  }),
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
    description: 'Change a cardholder\'s contact, address or KYC details.',
    args: { input: t.arg({ type: UpdateCardholderInput, required: true, description: 'The changes.' }) },
    resolve: r.updateCardholder,
  }),
}));
