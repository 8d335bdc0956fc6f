// Mutation inputs have one definition: the resolver's zod object. Validation stays in the resolvers (a failure is a
// userError with the field's path, never a top-level error), so the GraphQL input type is derived from the zod
// object, not the other way round: its field names, and which fields are required (non-null), come from the zod
// shape; the schema adds only what GraphQL alone needs, each field's GraphQL type and description. The compiler
// holds the two together: a field missing on either side does not compile, nor does a GraphQL type whose values
// differ from what the zod field accepts (an enum value on one side only, a String where zod wants an enum).
import type { InputShapeFromTypeParam, InputTypeParam } from '@pothos/core';
import type { z } from 'zod';
import { builder, type PothosTypes } from './builder';
import type { UNKNOWN } from './upstream-enums';

/** The GraphQL side of one input field: its type and description. Made by `field`. */
export interface InputFieldDoc<Carries> {
  type: InputTypeParam<PothosTypes>;
  description: string;
  /**
   * Type-level only, never set: the values `type` carries. In and out, so a doc fits a zod field only when the two
   * accept exactly the same values.
   */
  readonly carries?: (value: Carries) => Carries;
}

/**
 * An upstream enum's UNKNOWN is an answer, never an input: GraphQL lets a client send it, and the zod enum (built
 * from the same value list without it) refuses it with a VALIDATION userError. So it is left out of the comparison.
 */
type Sendable<T> = T extends readonly (infer Item)[] ? Exclude<Item, typeof UNKNOWN>[] : Exclude<T, typeof UNKNOWN>;

/** An input field's GraphQL type and description (whether it is required comes from the zod field). */
export function field<T extends InputTypeParam<PothosTypes>>(
  type: T,
  description: string,
): InputFieldDoc<Sendable<InputShapeFromTypeParam<PothosTypes, T, true>>> {
  return { type, description };
}

type ZodShape<S extends z.ZodObject> = S['shape'];

/** One doc per zod field, no more, no less; each doc's GraphQL type carries exactly what its zod field accepts. */
export type InputFieldDocs<S extends z.ZodObject> = {
  [K in keyof ZodShape<S>]: InputFieldDoc<NonNullable<z.input<ZodShape<S>[K]>>>;
};

/**
 * The GraphQL input type of a zod input object. A field is required exactly when its zod field refuses a missing
 * value (`isOptional()` is false); the ref's shape is what the zod object accepts.
 */
export function inputFromZod<S extends z.ZodObject>(
  name: string,
  schema: S,
  options: { description: string; fields: InputFieldDocs<S> },
): PothosSchemaTypes.InputObjectRef<PothosTypes, z.input<S>> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const docs = options.fields as Record<string, InputFieldDoc<unknown>>;
  // The types already say so; this keeps a cast elsewhere from building a type that disagrees with its validation.
  const undocumented = Object.keys(shape).filter((key) => !(key in docs));
  const unvalidated = Object.keys(docs).filter((key) => !(key in shape));
  if (undocumented.length > 0 || unvalidated.length > 0) {
    throw new Error(
      `${name}: fields without a GraphQL doc [${undocumented.join()}], without validation [${unvalidated.join()}]`,
    );
  }
  const ref = builder.inputType(name, {
    description: options.description,
    fields: (t) =>
      Object.fromEntries(
        Object.entries(docs).map(([key, doc]) => [
          key,
          t.field({ type: doc.type, required: !shape[key]!.isOptional(), description: doc.description }),
        ]),
      ),
  });
  // Pothos cannot see through the field map built above; the zod object is what its values must satisfy.
  return ref as PothosSchemaTypes.InputObjectRef<PothosTypes, z.input<S>>;
}
