// Smaller hardening: documents that repeat one field thousands of times are refused before validation (for every
// key kind), limit errors answer HTTP 400 whatever the Accept header, and every response carries nosniff,
// referrer-policy and frame protection (GraphiQL's page and the gateway's own refusals included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness';
import { accessFiles, bearer, FRONTEND_KEY } from '../access/helpers';
import { chunkedFlood, head, raw } from './helpers';

let h: Harness;
let keyed: Harness;
beforeAll(async () => {
  const { keysFile } = accessFiles();
  [h, keyed] = await Promise.all([startHarness(), startHarness({ env: { GATEWAY_KEYS_FILE: keysFile } })]);
});
afterAll(async () => {
  await Promise.all([h?.close(), keyed?.close()]);
});

const post = (target: Harness, query: string, headers: Record<string, string> = {}) =>
  fetch(target.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

describe('repeated fields', () => {
  // ~22 KB: under the body and token limits, and quadratic work for the validator's overlap check.
  const repeated = {
    identical: `{ ${'__typename '.repeat(1_990)} }`,
    nested: `{ cards(first: 1) { ${'totalCount '.repeat(1_900)} } }`,
    inlineFragments: `{ ${'... on Query { __typename } '.repeat(330)} }`,
    aliasedTheSame: `{ cards(first: 1) { ${'n: totalCount '.repeat(600)} } }`,
  };

  it('refuses a document repeating one field, explorer and frontend key alike, before any upstream call', async () => {
    await h.resetStats();
    for (const [kind, query] of Object.entries(repeated)) {
      for (const [target, headers] of [
        [h, {}],
        [keyed, bearer(FRONTEND_KEY)],
      ] as const) {
        const res = await post(target, query, { ...headers, accept: 'application/graphql-response+json' });
        const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
        expect({ kind, status: res.status, code: body.errors?.[0]?.extensions?.code }).toEqual({
          kind,
          status: 400,
          code: 'QUERY_LIMIT_EXCEEDED',
        });
        expect(body.errors?.[0]?.message).toMatch(/selected \d+ times/);
      }
    }
    expect(Object.keys(await h.stats())).toEqual([]);
  });

  it('still runs a document that selects a field a few times through fragments', async () => {
    const query =
      '{ __typename ... on Query { __typename } ...Q cards(first: 1) { totalCount } } ' +
      'fragment Q on Query { __typename }';
    const res = await post(h, query, { accept: 'application/graphql-response+json' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  it('leaves cyclic fragments to validation (no hang, the usual error)', async () => {
    const query = '{ ...A } fragment A on Query { __typename ...B } fragment B on Query { __typename ...A }';
    const res = await post(h, query, { accept: 'application/graphql-response+json' });
    const body = (await res.json()) as { errors?: { message: string }[] };
    expect(res.status).toBe(400);
    expect(body.errors?.map((e) => e.message).join(' ')).toMatch(/Cannot spread fragment/);
  });
});

describe('limit errors answer 400 whatever the Accept header', () => {
  const bombs = {
    aliases: `{ ${Array.from({ length: 40 }, (_, i) => `c${i}: cards(first: 100) { totalCount }`).join(' ')} }`,
    tokens: `{ cards(first: 1) { ${'totalCount '.repeat(3_000)} } }`,
    directives: `{ cards(first: 1) { totalCount ${'@include(if: true) '.repeat(40)} } }`,
    repeated: `{ ${'__typename '.repeat(1_990)} }`,
  };
  it('for application/json, */*, graphql-response+json and no Accept at all', async () => {
    for (const accept of ['application/json', '*/*', 'application/graphql-response+json', undefined]) {
      for (const [kind, query] of Object.entries(bombs)) {
        const res = await post(h, query, accept ? { accept } : {});
        const text = await res.text();
        expect({ accept, kind, status: res.status }).toEqual({ accept, kind, status: 400 });
        expect(text).toContain('QUERY_LIMIT_EXCEEDED');
      }
    }
  });
});

describe('security headers', () => {
  const expectHardened = (headers: Record<string, string | null>, what: string) => {
    expect({ what, nosniff: headers['x-content-type-options'] }).toEqual({ what, nosniff: 'nosniff' });
    expect({ what, referrer: headers['referrer-policy'] }).toEqual({ what, referrer: 'no-referrer' });
    expect({ what, frame: headers['x-frame-options'] }).toEqual({ what, frame: 'DENY' });
    expect(headers['content-security-policy'] ?? '', what).toContain("frame-ancestors 'none'");
  };
  const fromFetch = (res: Response) => Object.fromEntries(res.headers.entries());

  it("are on GraphQL answers, GraphiQL, operator endpoints, webhooks and the gateway's own refusals", async () => {
    const origin = new URL(keyed.gateway.url).origin;
    const graphiql = await fetch(keyed.gateway.url, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toMatch(/graphiql/i);
    expectHardened(fromFetch(graphiql), 'GraphiQL');
    const ok = await post(keyed, '{ __typename }', bearer(FRONTEND_KEY));
    expectHardened(fromFetch(ok), 'GraphQL 200');
    const unauth = await post(keyed, '{ __typename }');
    expectHardened(fromFetch(unauth), 'GraphQL 401');
    for (const path of ['/health', '/metrics', '/nowhere'])
      expectHardened(fromFetch(await fetch(`${origin}${path}`)), path);
    expectHardened(fromFetch(await fetch(`${origin}/webhooks/uqpay`, { method: 'POST', body: '{}' })), 'webhook');
    const tooBig = await raw(
      keyed.gateway.port,
      head('POST /graphql HTTP/1.1', ['host: 127.0.0.1', 'content-length: 999999999']),
    );
    expectHardened(tooBig.headers, 'front 413');
    const flood = await chunkedFlood(
      keyed.gateway.port,
      head('POST /graphql HTTP/1.1', [
        'host: 127.0.0.1',
        'transfer-encoding: chunked',
        `authorization: Bearer ${FRONTEND_KEY}`,
      ]),
      1024 * 1024,
    );
    expectHardened(flood.headers, 'streamed 413');
  });
});
