// The access, limit and observability plugins on a toy schema (no upstream): what each refuses, with which
// status and code, and that refusals happen before any resolver runs.
import { createHash } from 'node:crypto';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyRing, hashKey, parseKeysFile } from '../../src/access/keys';
import { useLimits } from '../../src/access/limits';
import { useRequestTimeout } from '../../src/execution';
import { createManifest, usePersistedDocuments } from '../../src/access/persisted';
import { callerOf, useAccess } from '../../src/access/plugin';
import { mayRunArbitraryDocuments, EXPLORER } from '../../src/access/caller';
import { createObservability } from '../../src/observability';
import { createLogger } from '../../src/logger';
import type { KeyRing } from '../../src/access/keys';

const ACCOUNT = '3f0c2a56-1b1e-4c3e-9a61-0d6f3c0b7a11';
const OTHER = '9d2b7e3a-5c4f-4a8e-b1d0-2e6f7a8b9c0d';
const HELLO = 'query Hello { hello }';
const SNEAKY = 'query Sneaky { __schema { queryType { name } } }';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

let resolverCalls = 0;
const schema = createSchema({
  typeDefs: /* GraphQL */ `
    type Query {
      hello: String
      node: Node
      slow: String
    }
    type Node {
      child: Node
      name: String
    }
  `,
  resolvers: {
    Query: {
      hello: () => (resolverCalls++, 'world'),
      node: () => (resolverCalls++, {}),
      slow: () => new Promise((r) => setTimeout(() => r('late'), 500)),
    },
    Node: { child: () => ({}), name: () => 'n' },
  },
});

const ring: KeyRing = createKeyRing(
  parseKeysFile({
    clients: [
      { name: 'web', kind: 'frontend', keySha256: hashKey('frontend-key') },
      { name: 'acme', kind: 'partner', keySha256: hashKey('partner-key'), account: ACCOUNT },
    ],
  }),
);

function gateway(opts: { keyring?: KeyRing; timeoutMs?: number } = {}) {
  const logger = createLogger({ level: 'silent' });
  const obs = createObservability({ logger, ready: async () => {} });
  const manifest = createManifest({ [sha(HELLO)]: HELLO, [`sha256:${sha(SNEAKY)}`]: SNEAKY });
  const yoga = createYoga({
    schema,
    logging: false,
    maxRequestBodySize: 2_000,
    plugins: [
      ...obs.plugins,
      useAccess({ keyring: opts.keyring, logger }),
      usePersistedDocuments({ manifest, allowArbitrary: (r) => mayRunArbitraryDocuments(callerOf(r) ?? EXPLORER) }),
      ...useLimits({
        limits: {
          maxDepth: 5,
          maxCost: 5000,
          maxAliases: 3,
          maxTokens: 200,
          maxDirectives: 3,
          maxBodyBytes: 2_000,
          requestTimeoutMs: opts.timeoutMs ?? 30_000,
        },
        hideSuggestions: true,
      }),
      useRequestTimeout(opts.timeoutMs ?? 30_000),
    ],
  });
  return { yoga, obs };
}

async function post(yoga: ReturnType<typeof gateway>['yoga'], body: unknown, headers: Record<string, string> = {}) {
  const res = await yoga.fetch('http://gw/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as {
    data?: Record<string, unknown>;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  return { status: res.status, json, headers: res.headers, code: json.errors?.[0]?.extensions?.code };
}

afterEach(() => {
  resolverCalls = 0;
});

describe('API keys', () => {
  const { yoga } = gateway({ keyring: ring });
  it('401s without a key or with a wrong one, before anything runs', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nope' },
      { authorization: 'Token frontend-key' },
    ];
    for (const headers of attempts) {
      const r = await post(yoga, { query: '{ hello }' }, headers);
      expect(r.status).toBe(401);
      expect(r.code).toBe('UNAUTHENTICATED');
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(resolverCalls).toBe(0);
  });

  it('lets a frontend run any document and name any account', async () => {
    const r = await post(
      yoga,
      { query: '{ hello }' },
      { authorization: 'Bearer frontend-key', 'x-on-behalf-of': OTHER },
    );
    expect(r.status).toBe(200);
    expect(r.json.data).toEqual({ hello: 'world' });
  });
});

describe('partners', () => {
  const { yoga } = gateway({ keyring: ring });
  const partner = { authorization: 'Bearer partner-key' };

  it('refuses arbitrary documents with 403 PERSISTED_QUERY_ONLY', async () => {
    const r = await post(yoga, { query: '{ hello }' }, partner);
    expect(r.status).toBe(403);
    expect(r.code).toBe('PERSISTED_QUERY_ONLY');
    expect(resolverCalls).toBe(0);
  });

  it('runs persisted documents by documentId, by Apollo hash and by GET', async () => {
    const byId = await post(yoga, { documentId: `sha256:${sha(HELLO)}` }, partner);
    expect(byId.json).toEqual({ data: { hello: 'world' } });
    const byApollo = await post(
      yoga,
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha(HELLO) } } },
      partner,
    );
    expect(byApollo.json).toEqual({ data: { hello: 'world' } });
    const get = await yoga.fetch(`http://gw/graphql?documentId=sha256:${sha(HELLO)}`, {
      headers: { ...partner, accept: 'application/json' },
    });
    expect(await get.json()).toEqual({ data: { hello: 'world' } });
  });

  it('answers an unknown id with PersistedQueryNotFound (400)', async () => {
    const r = await post(yoga, { documentId: `sha256:${'0'.repeat(64)}` }, partner);
    expect(r.status).toBe(400);
    expect(r.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(r.json.errors?.[0]?.message).toBe('PersistedQueryNotFound');
  });

  it('refuses an x-on-behalf-of naming another account with 403, its own is fine', async () => {
    const r = await post(yoga, { documentId: `sha256:${sha(HELLO)}` }, { ...partner, 'x-on-behalf-of': OTHER });
    expect(r.status).toBe(403);
    expect(r.code).toBe('FORBIDDEN');
    const own = await post(
      yoga,
      { documentId: `sha256:${sha(HELLO)}` },
      { ...partner, 'x-on-behalf-of': ACCOUNT.toUpperCase() },
    );
    expect(own.status).toBe(200);
  });

  it('has no introspection, even in a persisted document', async () => {
    const r = await post(yoga, { documentId: `sha256:${sha(SNEAKY)}` }, partner);
    expect(r.json.data).toBeUndefined();
    expect(r.json.errors?.[0]?.message).toMatch(/introspection/i);
    // …while a frontend may introspect the same document.
    const web = await post(yoga, { query: SNEAKY }, { authorization: 'Bearer frontend-key' });
    expect(web.json.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('limits', () => {
  const { yoga, obs } = gateway({ timeoutMs: 100 });
  const nest = (n: number): string => (n === 0 ? 'name' : `child { ${nest(n - 1)} }`);

  it('refuses depth, alias, directive and token bombs before any resolver runs', async () => {
    const cases = [
      `{ node { ${nest(8)} } }`,
      `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: hello`).join(' ')} }`,
      '{ hello @skip(if: false) @skip(if: false) @skip(if: false) @skip(if: false) }',
      `{ ${'hello '.repeat(250)} }`,
    ];
    for (const query of cases) {
      const r = await post(yoga, { query });
      expect(r.status, query.slice(0, 40)).toBe(400);
      expect(r.code).toBe('QUERY_LIMIT_EXCEEDED');
    }
    expect(resolverCalls).toBe(0);
  });

  it('413s a body over the limit', async () => {
    const r = await yoga.fetch('http://gw/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ hello } # ${'x'.repeat(5_000)}` }),
    });
    expect(r.status).toBe(413);
  });

  it('hides field suggestions', async () => {
    const r = await post(yoga, { query: '{ helo }' });
    expect(r.json.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('abandons a request past its deadline with TIMEOUT', async () => {
    const r = await post(yoga, { query: '{ slow }' });
    expect(r.code).toBe('TIMEOUT');
  });

  it('counts refusals in the metrics and tags responses with a request id', async () => {
    const r = await post(yoga, { query: '{ hello }' }, { 'x-request-id': 'req-123' });
    expect(r.headers.get('x-request-id')).toBe('req-123');
    const text = await (await yoga.fetch('http://gw/metrics')).text();
    expect(text).toMatch(/gateway_graphql_errors_total\{operation="anonymous",code="QUERY_LIMIT_EXCEEDED"\} [1-9]/);
    expect(text).toMatch(/gateway_graphql_request_duration_seconds_count\{operation="anonymous",type="query"\} [1-9]/);
    expect(obs.metrics.registry.getSingleMetric('gateway_upstream_requests_total')).toBeDefined();
  });
});
