// Enums whose values come from UQPAY. UQPAY adds values over time (its SDKs already show card status SUSPENDED,
// mode MULTI, gender OTHER), and GraphQL refuses to serialise a value an enum does not list: one new value would
// fail the whole field and, up the non-null chain, the query. So every UQPAY-backed enum declares a fallback:
//   - 'UNKNOWN': the enum gains an UNKNOWN value, answered for any value it does not list (enums used in non-null
//     fields: a status is never just absent);
//   - null: the field answers null, and list items are dropped (enums only used in nullable fields and lists).
// The Pothos plugin below applies it to every field whose type is such an enum, whoever wrote the field: no
// resolver has to remember. Each (enum, value) pair is logged once at warn. UNKNOWN is an answer, never a
// filter: an argument set to UNKNOWN is refused before the resolver runs.
import SchemaBuilder, {
  BasePlugin,
  type InputType,
  type OutputType,
  type PothosInputFieldType,
  type PothosOutputFieldConfig,
  type PothosOutputFieldType,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { badUserInput } from '../errors/graphql';

export const UNKNOWN = 'UNKNOWN';

export interface UpstreamEnumSpec {
  /** The values UQPAY documents (and the schema lists). */
  known: ReadonlySet<string>;
  fallback: typeof UNKNOWN | null;
}

/** Enum name → spec; filled by `registerUpstreamEnum` as the enums are defined, read when fields are built. */
const registry = new Map<string, UpstreamEnumSpec>();

export function registerUpstreamEnum(
  name: string,
  values: readonly string[],
  fallback: UpstreamEnumSpec['fallback'],
): void {
  registry.set(name, { known: new Set(values), fallback });
}

export function upstreamEnumSpec(name: string): UpstreamEnumSpec | undefined {
  return registry.get(name);
}

// ---- coercion and the once-per-value warning -----------------------------------------------------------------

interface WarnLogger {
  warn(obj: object, msg: string): void;
}

const MAX_REMEMBERED = 1_000;
const warned = new Set<string>();

function warnOnce(logger: WarnLogger | undefined, enumName: string, value: string, info: GraphQLResolveInfo): void {
  const key = `${enumName}\u0000${value}`;
  if (warned.has(key) || warned.size >= MAX_REMEMBERED) return;
  warned.add(key);
  logger?.warn(
    { enum: enumName, value, field: `${info.parentType.name}.${info.fieldName}` },
    'unknown UQPAY enum value',
  );
}

/** Forget which values were logged (tests). */
export function resetUpstreamEnumWarnings(): void {
  warned.clear();
}

/** One UQPAY value → a value the enum lists, or its fallback. UQPAY's case varies ("completed"): upper-cased. */
export function coerceUpstreamEnum(
  enumName: string,
  spec: UpstreamEnumSpec,
  raw: unknown,
  logger?: WarnLogger,
  info?: GraphQLResolveInfo,
): string | null {
  if (raw === null || raw === undefined) return null;
  // A JSON value from UQPAY: anything but a string (a number, an object) reads as its JSON text, which no enum knows.
  const value = (typeof raw === 'string' ? raw : JSON.stringify(raw)).trim().toUpperCase();
  if (spec.known.has(value)) return value;
  // Bounded before it reaches a log line: the value is whatever the upstream sent.
  if (info) warnOnce(logger, enumName, value.slice(0, 64), info);
  return spec.fallback;
}

function coerceResult(
  enumName: string,
  spec: UpstreamEnumSpec,
  listDepth: number,
  result: unknown,
  logger: WarnLogger | undefined,
  info: GraphQLResolveInfo,
): unknown {
  if (listDepth === 0) return coerceUpstreamEnum(enumName, spec, result, logger, info);
  if (!Array.isArray(result)) return result;
  const items = result.map((item) => coerceResult(enumName, spec, listDepth - 1, item, logger, info));
  // A list cannot hold a null fallback where its items are non-null: the unknown item is left out instead.
  return listDepth === 1 && spec.fallback === null ? items.filter((i) => i !== null) : items;
}

// ---- the Pothos plugin ---------------------------------------------------------------------------------------

type NamedType<Types extends SchemaTypes> = OutputType<Types> | InputType<Types>;

function unwrapOutput<Types extends SchemaTypes>(
  type: PothosOutputFieldType<Types>,
): { kind: string; ref: NamedType<Types>; depth: number } {
  let depth = 0;
  let t = type;
  while (t.kind === 'List') {
    depth++;
    t = t.type;
  }
  return { kind: t.kind, ref: t.ref, depth };
}

function unwrapArg<Types extends SchemaTypes>(
  type: PothosInputFieldType<Types>,
): { kind: string; ref: NamedType<Types> } {
  let t = type;
  while (t.kind === 'List') t = t.type;
  return { kind: t.kind, ref: t.ref };
}

const pluginName = 'upstreamEnums';

export class UpstreamEnumsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  private enumName(ref: NamedType<Types>): string {
    return this.buildCache.getTypeConfig(ref).name;
  }

  /** Every such field says what it answers for a value it does not know (GraphiQL shows it). */
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const out = unwrapOutput(fieldConfig.type);
    if (out.kind !== 'Enum') return fieldConfig;
    const spec = registry.get(this.enumName(out.ref));
    if (!spec) return fieldConfig;
    const note =
      spec.fallback === UNKNOWN
        ? 'UNKNOWN when UQPAY sends a value this API does not know yet.'
        : out.depth > 0
          ? 'Values this API does not know yet are left out.'
          : 'Null when UQPAY sends a value this API does not know yet.';
    const description = fieldConfig.description ? `${fieldConfig.description} ${note}` : note;
    return { ...fieldConfig, description };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const refusals = this.unknownArgRefusals(fieldConfig);
    const out = unwrapOutput(fieldConfig.type);
    const name = out.kind === 'Enum' ? this.enumName(out.ref) : undefined;
    const spec = name ? registry.get(name) : undefined;
    if (spec && spec.fallback === null && out.depth === 0 && !fieldConfig.type.nullable) {
      throw new Error(
        `${fieldConfig.parentType}.${fieldConfig.name}: enum ${name} falls back to null, so the field must be nullable`,
      );
    }
    if (!spec && refusals.length === 0) return resolver;

    return (parent, args, ctx, info) => {
      for (const refuse of refusals) refuse(args as Record<string, unknown>);
      const result = resolver(parent, args, ctx, info);
      if (!spec || !name) return result;
      const logger = (ctx as { logger?: WarnLogger } | undefined)?.logger;
      return isPromise(result)
        ? result.then((r) => coerceResult(name, spec, out.depth, r, logger, info))
        : coerceResult(name, spec, out.depth, result, logger, info);
    };
  }

  /** Arguments typed with an UNKNOWN-falling enum: UNKNOWN there would be sent to UQPAY as a filter. */
  private unknownArgRefusals(fieldConfig: PothosOutputFieldConfig<Types>): ((args: Record<string, unknown>) => void)[] {
    const refusals: ((args: Record<string, unknown>) => void)[] = [];
    for (const [argName, arg] of Object.entries(fieldConfig.args)) {
      const t = unwrapArg(arg.type);
      if (t.kind !== 'Enum') continue;
      const enumName = this.enumName(t.ref);
      if (registry.get(enumName)?.fallback !== UNKNOWN) continue;
      refusals.push((args) => {
        const v = args[argName];
        if (v === UNKNOWN || (Array.isArray(v) && v.includes(UNKNOWN))) {
          throw badUserInput(
            `\`${argName}: UNKNOWN\` is not a filter: UNKNOWN only reports a ${enumName} value UQPAY sent ` +
              'that this API does not know yet.',
          );
        }
      });
    }
    return refusals;
  }
}

const isPromise = (v: unknown): v is Promise<unknown> => typeof (v as { then?: unknown } | null)?.then === 'function';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      upstreamEnums: UpstreamEnumsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, UpstreamEnumsPlugin);

export default pluginName;
