// The validation cache (src/execution/validation-cache.ts) keys rule sets by identity: a document validated under
// one set of rules must never answer for another set (a partner's introspection ban, a tighter limit), a refusal is
// cached as a refusal, and a plugin that makes its rule anew per request is still validated every time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { afterEach, describe, expect, it } from 'vitest';
import { useValidationCache } from '../../src/execution';

const schema = createSchema({
  typeDefs: 'type Query { a: String b: String }',
  resolvers: { Query: { a: () => 'ok' } },
});

/** Counts validations: a rule whose visitor is made once per validation actually run. */
function counting(): { rule: ValidationRule; runs: () => number } {
  let n = 0;
  return {
    rule: () => {
      n++;
      return {};
    },
    runs: () => n,
  };
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(plugins: Plugin[]): Promise<(query: string, headers?: Record<string, string>) => Promise<any>> {
  const yoga = createYoga({
    schema,
    logging: false,
    parserAndValidationCache: { validationCache: false },
    plugins: [...plugins, useValidationCache()],
  });
  server = createServer((req, res) => void yoga.requestListener(req, res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return async (query, headers = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return res.json();
  };
}

describe('validation cache', () => {
  it('validates a document once per rule set, and never answers one set with another set’s result', async () => {
    const count = counting();
    // Introspection refused only for requests that say they are a partner, as the access plugin does.
    const partnerRule: Plugin = {
      onValidate({ addValidationRule, context }) {
        addValidationRule(count.rule);
        const request = (context as { request?: Request }).request;
        if (request?.headers.get('x-partner')) addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    };
    const gql = await serve([partnerRule]);
    const query = '{ a __schema { queryType { name } } }';

    expect((await gql(query)).data.a).toBe('ok');
    expect((await gql(query)).data.a).toBe('ok');
    expect(count.runs()).toBe(1);

    const refused = await gql(query, { 'x-partner': '1' });
    expect(refused.data).toBeUndefined();
    expect(refused.errors[0].message).toMatch(/introspection/i);
    expect(count.runs()).toBe(2);
    // The refusal is cached as a refusal, and the explorer's set still answers valid.
    expect((await gql(query, { 'x-partner': '1' })).errors[0].message).toMatch(/introspection/i);
    expect((await gql(query)).data.a).toBe('ok');
    expect(count.runs()).toBe(2);
  });

  it('validates every time when a plugin makes its rule anew per request (a cache miss, never a wrong hit)', async () => {
    let runs = 0;
    const fresh: Plugin = {
      onValidate({ addValidationRule }) {
        addValidationRule(() => {
          runs++;
          return {};
        });
      },
    };
    const gql = await serve([fresh]);
    for (let i = 0; i < 20; i++) expect((await gql('{ a }')).data.a).toBe('ok');
    expect(runs).toBe(20);
    // An invalid document is refused every time too.
    for (let i = 0; i < 3; i++) expect((await gql('{ nope }')).errors[0].message).toMatch(/Cannot query field "nope"/);
  });
});
