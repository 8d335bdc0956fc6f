// Abusive documents are refused at parse/validation time: not one call reaches UQPAY (not even a token call).
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness';
import { allCalls, post } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.resetStats();
});

const nested = (levels: number): string =>
  levels === 0 ? 'cardId' : `cardId cardholder { cards(first: 100) { edges { node { ${nested(levels - 1)} } } } }`;

// Each bomb with the refusal it must produce (others may come along: a deep document is costly too).
const bombs: Record<string, string> = {
  depth: `{ cards(first: 100) { edges { node { ${nested(6)} } } } }`,
  aliases: `{ ${Array.from({ length: 40 }, (_, i) => `c${i}: cards(first: 100) { totalCount }`).join(' ')} }`,
  directives: `{ cards(first: 1) { totalCount ${'@include(if: true) '.repeat(40)} } }`,
  tokens: `{ cards(first: 1) { ${'totalCount '.repeat(3_000)} } }`,
  cost: `{ ${Array.from({ length: 12 }, (_, i) => `c${i}: cards(first: 100) { edges { node { cardholder { cards(first: 100) { edges { node { cardholder { cards(first: 100) { edges { node { cardId maskedNumber status currency mode bin scheme } } } } } } } } } } }`).join(' ')} }`,
};

for (const [kind, query] of Object.entries(bombs)) {
  it(`refuses a ${kind} bomb with zero upstream calls`, async () => {
    const r = await post(h.gateway.url, { query });
    expect(r.status).toBe(400);
    const expected = {
      depth: /depth limit/,
      aliases: /Aliases limit/,
      directives: /Directives limit/,
      tokens: /Token limit/,
      cost: /Cost limit/,
    }[kind]!;
    expect(r.body.errors?.map((e) => e.message).join('\n')).toMatch(expected);
    expect(r.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(allCalls(await h.stats())).toBe(0);
  });
}

it('refuses an oversized body with 413 and zero upstream calls', async () => {
  const r = await post(h.gateway.url, { query: `{ cards(first: 1) { totalCount } } # ${'x'.repeat(200_000)}` });
  expect(r.status).toBe(413);
  expect(r.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  expect(allCalls(await h.stats())).toBe(0);
});

/** A POST with `transfer-encoding: chunked` (no content-length) through node's own client. */
function postChunked(parts: string[]): Promise<{ status: number; body: string }> {
  const url = new URL(h.gateway.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    for (const part of parts) req.write(part);
    req.end();
  });
}

it('accepts a chunked body (no content-length) within the limit, read bounded while it streams', async () => {
  const { status, body } = await postChunked([JSON.stringify({ query: '{ cards(first: 1) { totalCount } }' })]);
  expect(status).toBe(200);
  expect(JSON.parse(body).data.cards.totalCount).toBeGreaterThan(0);
});

it('refuses a chunked body once it passes the limit (413) with zero upstream calls', async () => {
  const parts = ['{"query":"{ cards(first: 1) { totalCount } } #', 'x'.repeat(60_000), 'x'.repeat(60_000), '"}'];
  const { status, body } = await postChunked(parts);
  expect(status).toBe(413);
  expect(JSON.parse(body).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  expect(allCalls(await h.stats())).toBe(0);
});

it("still runs an ordinary nested query (2 cards × their cardholder's 100 cards)", async () => {
  const r = await post(h.gateway.url, { query: `{ cards(first: 2) { edges { node { ${nested(1)} } } } }` });
  expect(r.status).toBe(200);
  expect(r.body.errors).toBeUndefined();
});
