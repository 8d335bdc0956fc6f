// Scalars: graphql-scalars where one fits, plus the two money scalars of the public contract. Upstream quirks
// (UQPAY's "2024-05-09 15:52:23" timestamps, numeric amounts) are normalised here, once, on the way out.
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import {
  CountryCodeResolver,
  DateTimeResolver,
  EmailAddressResolver,
  JSONObjectResolver,
  LocalDateResolver,
  URLResolver,
  UUIDResolver,
} from 'graphql-scalars';
import { valueError } from '../errors/graphql';

// At most 15 integer digits: far beyond any real amount, and it keeps absurd inputs from reaching UQPAY.
const DECIMAL_INPUT = /^-?(0|[1-9]\d{0,14})(\.\d{1,2})?$/;
const DECIMAL_OUTPUT = /^-?\d+(\.\d+)?$/;
const CURRENCY = /^[A-Z]{3,4}$/;
// UQPAY sends both RFC 3339 and a bare "yyyy-mm-dd hh:mm:ss" (UTC) form.
const BARE_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;

function stringLiteral(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) {
    const kind = ast.kind.toLowerCase();
    throw valueError(`${scalar} must be given as a string, e.g. "2000.05"; got a ${kind} literal.`, ast);
  }
  return ast.value;
}

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string') {
    throw valueError('Decimal must be a string such as "2000.05" (numbers lose precision and are refused).');
  }
  if (!DECIMAL_INPUT.test(value)) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    throw valueError(
      `Decimal "${shown}" is not a plain decimal with at most 15 integer and 2 fraction digits (e.g. "2000.05").`,
    );
  }
  return value;
}

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description:
    'An exact decimal amount as a string, e.g. "2000.05". Inputs accept plain decimals with at most two fraction digits; floats, exponents and numbers are refused.',
  serialize(value) {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !DECIMAL_OUTPUT.test(text)) {
      throw valueError(`Decimal cannot represent ${String(value)}`);
    }
    return text;
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(stringLiteral(ast, 'Decimal')),
});

function parseCurrency(value: unknown): string {
  if (typeof value !== 'string' || !CURRENCY.test(value)) {
    const got = JSON.stringify(value);
    throw valueError(`CurrencyCode must be 3–4 upper-case letters (e.g. "USD", "SGD", "XUSD"); got ${got}.`);
  }
  return value;
}

export const CurrencyCodeScalar = new GraphQLScalarType<string, string>({
  name: 'CurrencyCode',
  description: 'A currency code of 3–4 upper-case letters: ISO 4217 ("USD", "SGD") or UQPAY\'s own ("XUSD").',
  serialize: (value) => parseCurrency(typeof value === 'string' ? value.toUpperCase() : value),
  parseValue: parseCurrency,
  parseLiteral: (ast) => parseCurrency(stringLiteral(ast, 'CurrencyCode')),
});

/** RFC 3339 for any timestamp UQPAY sends; the bare form is UTC. */
export function normaliseTimestamp(value: string): string {
  const bare = BARE_TIMESTAMP.exec(value);
  return bare ? `${bare[1]}T${bare[2]}Z` : value;
}

export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description: 'A point in time, RFC 3339 with offset (e.g. "2024-05-09T15:52:23Z").',
  serialize: (value) => DateTimeResolver.serialize(typeof value === 'string' ? normaliseTimestamp(value) : value),
});

// The public contract names the date scalar `Date`; LocalDate's string semantics (no time zone shift) are the right ones.
export const DateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar date without time zone, "yyyy-mm-dd" (e.g. "1990-01-01").',
});

export const scalars = {
  Decimal: DecimalScalar,
  CurrencyCode: CurrencyCodeScalar,
  DateTime: DateTimeScalar,
  Date: DateScalar,
  UUID: UUIDResolver,
  EmailAddress: EmailAddressResolver,
  CountryCode: CountryCodeResolver,
  JSONObject: JSONObjectResolver,
  URL: URLResolver,
} as const;
