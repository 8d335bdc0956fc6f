// Cardholders: reads through the account's loaders, list pages prime them, and the two mutations.
import { z } from 'zod';
import type { AccountView, GatewayContext } from '../context';
import {
  type Address,
  type Cardholder,
  type CardholderStatus,
  type CreateCardholderBody,
  type Identity,
  type UpdateCardholderBody,
  primeCardholders,
  GENDERS,
  IDENTITY_TYPES,
  KYC_METHODS,
} from '../datasources/uqpay';
import { listConnection, type ConnectionArgs } from './pagination';
import { defineMutation, replayMismatch } from './mutation';
import type { Payload } from './user-errors';
import { listCards, type CardFilter } from './card';

export async function cardholder(_root: unknown, args: { cardholderId: string }, ctx: GatewayContext) {
  return ctx.account.loaders.cardholder.load(args.cardholderId);
}

export function listCardholders(
  view: AccountView,
  args: ConnectionArgs,
  filter: { status?: CardholderStatus | 'UNKNOWN' | null },
  ctx: GatewayContext,
) {
  return listConnection(
    args,
    // UNKNOWN never arrives: the schema's upstreamEnums plugin refuses it as an argument.
    (page) =>
      ctx.api.cardholders.list(view.scope, {
        ...page,
        ...(filter.status ? { cardholder_status: filter.status as CardholderStatus } : {}),
      }),
    (items) => {
      primeCardholders(view.loaders, items);
      if (view !== ctx.account) for (const c of items) ctx.adopt(view, c);
    },
  );
}

export const cardholders = (
  _root: unknown,
  args: ConnectionArgs & { status?: CardholderStatus | 'UNKNOWN' | null },
  ctx: GatewayContext,
) => listCardholders(ctx.account, args, args, ctx);

/** Cardholder.cards: one list call per cardholder, filtered upstream by cardholder_id. */
export const cardholderCards = (holder: Cardholder, args: ConnectionArgs & CardFilter, ctx: GatewayContext) =>
  listCards(ctx.viewOf(holder), args, { ...args, cardholderId: holder.cardholder_id }, ctx);

// ---- mutations ----------------------------------------------------------------------------------------------

// The inputs' one definition: schema/cardholder.ts derives the GraphQL input types from these (input-from-zod.ts).

// UQPAY: 1–40 letters and single spaces (hyphens and apostrophes allowed between letters), no edge spaces.
const personName = z
  .string()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^\p{L}+(?:[ '-]\p{L}+)*$/u, 'must be letters, with single spaces or hyphens between words');
const phoneNumber = z.string().regex(/^\d{6,15}$/, 'must be 6–15 digits, without the country prefix');
const pastDate = z.string().refine((d) => d < new Date().toISOString().slice(0, 10), 'must be a date in the past');
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const AddressInput = z.object({
  country: z.string(),
  state: text(100).nullish(),
  city: text(100),
  district: text(100).nullish(),
  line1: text(200),
  line2: text(200).nullish(),
  lineEn: text(200).nullish(),
  postalCode: text(20).nullish(),
});

export const IdentityInput = z.object({
  type: z.enum(IDENTITY_TYPES),
  number: text(64),
  frontFile: text(3_000_000),
  backFile: text(3_000_000).nullish(),
  handFile: text(3_000_000).nullish(),
});

export const KycVerificationInput = z
  .object({
    method: z.enum(KYC_METHODS),
    provider: text(64).nullish(),
    referenceId: text(128).nullish(),
  })
  .refine((k) => k.method !== 'THIRD_PARTY' || (k.provider && k.referenceId), {
    message: 'THIRD_PARTY verification needs provider and referenceId',
    path: ['referenceId'],
  });

const cardholderFields = {
  email: z.string().max(254, 'must be at most 254 characters'),
  countryCode: z.string(),
  phoneNumber,
  dateOfBirth: pastDate.nullish(),
  gender: z.enum(GENDERS).nullish(),
  nationality: z.string().nullish(),
  residentialAddress: AddressInput.nullish(),
  identity: IdentityInput.nullish(),
  kycVerification: KycVerificationInput.nullish(),
  idempotencyKey: z.string().nullish(),
};

export const CreateCardholderInput = z.object({ firstName: personName, lastName: personName, ...cardholderFields });
export const UpdateCardholderInput = z
  .object({
    cardholderId: z.string(),
    ...Object.fromEntries(
      Object.entries(cardholderFields).map(([k, v]) => [k, k === 'idempotencyKey' ? v : v.optional().nullable()]),
    ),
  } as { cardholderId: z.ZodString } & {
    [K in keyof typeof cardholderFields]: z.ZodOptional<z.ZodNullable<(typeof cardholderFields)[K]>>;
  })
  .refine((i) => Object.entries(i).some(([k, v]) => k !== 'cardholderId' && k !== 'idempotencyKey' && v != null), {
    message: 'Give at least one field to change.',
  });

type AddressIn = z.output<typeof AddressInput>;
type IdentityIn = z.output<typeof IdentityInput>;
type KycIn = z.output<typeof KycVerificationInput>;

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

function toAddress(a: AddressIn): Address {
  return defined({
    country: a.country,
    state: a.state ?? undefined,
    city: a.city,
    district: a.district ?? undefined,
    line1: a.line1,
    line2: a.line2 ?? undefined,
    line_en: a.lineEn ?? undefined,
    postal_code: a.postalCode ?? undefined,
  });
}

function toIdentity(i: IdentityIn): Identity {
  return defined({
    type: i.type,
    number: i.number,
    front_file: i.frontFile,
    back_file: i.backFile ?? undefined,
    hand_file: i.handFile ?? undefined,
  });
}

const toKyc = (k: KycIn) =>
  defined({
    method: k.method,
    kyc_proof: k.provider && k.referenceId ? { provider: k.provider, reference_id: k.referenceId } : undefined,
  });

type CardholderFieldsIn = { [K in keyof typeof cardholderFields]?: z.output<(typeof cardholderFields)[K]> | null };

function toCardholderBody(i: CardholderFieldsIn): UpdateCardholderBody {
  return defined({
    email: i.email ?? undefined,
    country_code: i.countryCode ?? undefined,
    phone_number: i.phoneNumber ?? undefined,
    date_of_birth: i.dateOfBirth ?? undefined,
    gender: i.gender ?? undefined,
    nationality: i.nationality ?? undefined,
    residential_address: i.residentialAddress ? toAddress(i.residentialAddress) : undefined,
    identity: i.identity ? toIdentity(i.identity) : undefined,
    kyc_verification: i.kycVerification ? toKyc(i.kycVerification) : undefined,
  });
}

export interface CardholderPayload extends Partial<Payload> {
  cardholderId?: string;
}

export const createCardholder = defineMutation({
  operation: 'createCardholder',
  input: CreateCardholderInput,
  async perform(input, ctx, key): Promise<CardholderPayload> {
    const body = {
      first_name: input.firstName,
      last_name: input.lastName,
      ...toCardholderBody(input),
    } as CreateCardholderBody;
    const result = await ctx.api.cardholders.create(ctx.account.scope, body, { idempotencyKey: key });
    return written(ctx, result.cardholder_id);
  },
});

export const updateCardholder = defineMutation({
  operation: 'updateCardholder',
  input: UpdateCardholderInput,
  async perform(input, ctx, key): Promise<CardholderPayload> {
    const result = await ctx.api.cardholders.update(ctx.account.scope, input.cardholderId, toCardholderBody(input), {
      idempotencyKey: key,
    });
    if (result.cardholder_id && result.cardholder_id.toLowerCase() !== input.cardholderId.toLowerCase()) {
      throw replayMismatch(`cardholder ${result.cardholder_id} was changed, not ${input.cardholderId}`);
    }
    return written(ctx, input.cardholderId);
  },
});

/** After a write, the payload re-reads the cardholder (never a cached pre-write copy). */
function written(ctx: GatewayContext, cardholderId: string): CardholderPayload {
  ctx.account.loaders.cardholder.clear(cardholderId);
  return { cardholderId };
}

export function payloadCardholder(payload: CardholderPayload, _args: unknown, ctx: GatewayContext) {
  return payload.cardholderId ? ctx.account.loaders.cardholder.load(payload.cardholderId) : null;
}
