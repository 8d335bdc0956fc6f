// The one Pothos builder: plugins, scalars, the context type and the root types. Domain files add to it.
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from '../context';
import { scalars } from './scalars';
import UpstreamEnumsPlugin from './upstream-enums';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  // Fields are non-null unless they say `nullable: true`: the contract's `!`s are the default.
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  // Every connection reports UQPAY's total_items.
  Connection: { totalCount: number };
  Scalars: {
    ID: { Input: string; Output: string };
    Decimal: { Input: string; Output: string | number };
    CurrencyCode: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: string; Output: string };
    UUID: { Input: string; Output: string };
    EmailAddress: { Input: string; Output: string };
    CountryCode: { Input: string; Output: string };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
    URL: { Input: URL; Output: string | URL };
  };
}>({
  // upstreamEnums: a UQPAY enum value the schema does not list degrades to the enum's fallback (upstream-enums.ts).
  plugins: [RelayPlugin, UpstreamEnumsPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false, description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    pageInfoFieldOptions: { description: 'Where this page sits, and the cursor to continue from.' },
    nodeTypeOptions: { description: 'An object with a globally unique, opaque `id` that `node`/`nodes` can refetch.' },
    idFieldOptions: { description: 'Opaque global ID (Relay). Use the raw UQPAY UUID fields for UQPAY references.' },
    pageInfoTypeOptions: { description: 'Where a page sits in a connection, for forward paging with `first`/`after`.' },
    nodeQueryOptions: {
      description:
        'Fetches any object by its global `id`; null when it does not exist or is not visible to the acting account.',
      args: { id: { description: 'A global `id` from any object of this API.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches objects by global `id`s, in order; null for each one that does not exist.',
      args: { ids: { description: 'Global `id`s from any objects of this API.' } },
    },
    cursorFieldOptions: { description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge of this page.' },
    endCursorFieldOptions: {
      description: 'Cursor of the last edge of this page; pass it as `after` for the next page.',
    },
  },
});

builder.addScalarType('Decimal', scalars.Decimal);
builder.addScalarType('CurrencyCode', scalars.CurrencyCode);
builder.addScalarType('DateTime', scalars.DateTime);
builder.addScalarType('Date', scalars.Date);
builder.addScalarType('UUID', scalars.UUID);
builder.addScalarType('EmailAddress', scalars.EmailAddress);
builder.addScalarType('CountryCode', scalars.CountryCode);
builder.addScalarType('JSONObject', scalars.JSONObject);
builder.addScalarType('URL', scalars.URL);

builder.queryType({
  description: 'Read UQPAY card issuing data for the acting account (`x-on-behalf-of`, default the master account).',
});
builder.mutationType({
  description:
    'Change UQPAY card issuing data. Every mutation takes one `input` (with an `idempotencyKey`, required on those ' +
    'that move money) and returns a payload with `userErrors`.',
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'Total number of items across all pages.', resolve: (connection) => connection.totalCount }),
);

export type PothosTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
