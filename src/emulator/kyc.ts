// What a KYC check finds missing, in the shape UQPAY reports it (`missing_fields`, Node SDK src/error.ts): the
// cardholder fields a KYC level or a card product requires (`required_fields`, Node SDK ProductRequiredField) that
// the cardholder does not have. An object field lists only its missing parts.
import type { MissingField } from './errors';
import type { Cardholder, KycLevel, ProductRequiredField } from './state';

const field = (name: string, description: string): ProductRequiredField => ({
  name,
  type: 'string',
  required: true,
  description,
});
const object = (name: string, description: string, fields: ProductRequiredField[]): ProductRequiredField => ({
  name,
  type: 'object',
  required: true,
  description,
  fields,
});

/** UPSTREAM: STANDARD needs nationality + identity + residential_address, ENHANCED needs kyc_verification. */
export const KYC_LEVEL_FIELDS: Record<KycLevel, ProductRequiredField[]> = {
  SIMPLIFIED: [],
  STANDARD: [
    field('nationality', 'ISO 3166-1 alpha-2'),
    object('identity', 'An identity document', [
      field('type', 'ID_CARD or PASSPORT'),
      field('number', 'The document number'),
      field('front_file', 'Base64 image of the front side'),
    ]),
    object('residential_address', 'Where the cardholder lives', [
      field('country', 'ISO 3166-1 alpha-2'),
      field('city', 'City'),
      field('line1', 'Street and number'),
    ]),
  ],
  ENHANCED: [
    object('kyc_verification', 'How the identity was verified', [field('method', 'THIRD_PARTY or SUMSUB_REDIRECT')]),
  ],
};

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The required fields `have` lacks; an object present but incomplete is listed with only its missing parts. */
export function missingFields(
  required: readonly ProductRequiredField[],
  have: Record<string, unknown> | undefined,
): MissingField[] {
  const out: MissingField[] = [];
  for (const f of required) {
    if (!f.required) continue;
    const value = have?.[f.name];
    if (f.type === 'object' && f.fields?.length) {
      const inner = missingFields(
        f.fields,
        present(value) && typeof value === 'object' ? (value as Record<string, unknown>) : undefined,
      );
      if (inner.length > 0)
        out.push({
          name: f.name,
          type: 'object',
          required: true,
          ...(f.description ? { description: f.description } : {}),
          fields: inner,
        });
    } else if (!present(value)) {
      out.push({
        name: f.name,
        type: f.type,
        required: true,
        ...(f.description ? { description: f.description } : {}),
      });
    }
  }
  return out;
}

/** `residential_address.city, nationality`: the missing leaves, for a human-readable message. */
export function describeMissing(fields: readonly MissingField[], prefix = ''): string[] {
  return fields.flatMap((f) =>
    f.fields?.length ? describeMissing(f.fields, `${prefix}${f.name}.`) : [`${prefix}${f.name}`],
  );
}

export const cardholderFields = (ch: Cardholder): Record<string, unknown> => ch as unknown as Record<string, unknown>;
