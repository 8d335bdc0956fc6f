// No response, log line or metric label carries a full card number, and error messages quote at most a short,
// redacted part of the input: variable errors, scalar errors (UUID), the JSON parse error, and PAN-shaped values
// put where the gateway writes them back (x-request-id, operationName, the path).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { startHarness, type Harness } from '../harness';
import { head, raw } from './helpers';

const PAN = '4096360800133951';
const SPACED = '4096 3608 0013 3951';
/** Any 13–19 digit run, grouped or not, with the PAN's digits. */
const fullPan = new RegExp(PAN.split('').join('[ -]?'));

const lines: string[] = [];
let h: Harness;
let production: Harness;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: 'trace', destination: sink });
  [h, production] = await Promise.all([
    startHarness({ deps: { logger } }),
    startHarness({ env: { NODE_ENV: 'production' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([h?.close(), production?.close()]);
});

async function post(target: Harness, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(target.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('error messages', () => {
  it('do not echo a variable holding a card number (the whole AssignCardInput came back)', async () => {
    const query = 'mutation Assign($input: AssignCardInput!) { assignCard(input: $input) { userErrors { code } } }';
    for (const cardNumber of [PAN, SPACED]) {
      const r = await post(h, {
        query,
        variables: { input: { cardNumber, currency: 'USD', cardholderId: 'not-a-uuid' } },
      });
      expect(r.text).not.toMatch(fullPan);
      // Still helpful: which variable and what is wrong with it.
      expect(r.text).toContain('$input');
      expect(r.text).toMatch(/mode|UUID/);
    }
  });

  it('quote at most a short part of a huge scalar value, as a variable or inline', async () => {
    const huge = 'a'.repeat(95_000);
    const asVariable = await post(h, {
      query: 'query C($id: UUID!) { card(cardId: $id) { cardId } }',
      variables: { id: huge },
    });
    const inline = await post(h, { query: `query C { card(cardId: "${'b'.repeat(90_000)}") { cardId } }` });
    for (const r of [asVariable, inline]) {
      expect(r.text.length).toBeLessThan(1_000);
      expect(r.text).not.toMatch(/a{64}|b{64}/);
      expect(r.text).toMatch(/UUID/);
    }
    const panAsUuid = await post(h, { query: `query C { card(cardId: "${PAN}") { cardId } }` });
    expect(panAsUuid.text).toMatch(/UUID/);
    expect(panAsUuid.text).not.toMatch(fullPan);
  });

  it('give no originalError nor a body snippet for malformed JSON, in development and in production', async () => {
    for (const target of [h, production]) {
      const r = await post(target, `{"query": "{ __typename }", ${PAN}}`);
      expect(r.status).toBe(400);
      expect(r.text).not.toContain('originalError');
      expect(r.text).not.toMatch(fullPan);
      expect(r.text).toContain('invalid JSON');
    }
  });
});

describe('PAN-shaped values the gateway writes back', () => {
  it('keeps them out of x-request-id, the logs and the /metrics operation label', async () => {
    const r = await post(
      h,
      { query: `query Q${PAN} { __typename }`, operationName: `Q${PAN}` },
      { 'x-request-id': `req-${PAN}` },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id') ?? '').not.toMatch(fullPan);
    const bad = await post(h, { query: '{ __typename }', operationName: `Q${PAN}` }, { 'x-request-id': PAN });
    expect(bad.text).not.toMatch(fullPan);
    expect(bad.headers.get('x-request-id') ?? '').not.toMatch(fullPan);

    const port = h.gateway.port;
    for (const path of [`/${PAN}`, `/x/${PAN}/graphql`, `/graphql/${PAN}`, `/${SPACED.replace(/ /g, '%20')}`]) {
      const res = await raw(
        port,
        head(`GET ${path} HTTP/1.1`, ['host: 127.0.0.1', 'connection: close', 'accept: application/json']),
      );
      expect(res.text).not.toMatch(fullPan);
    }
    const metrics = await (await fetch(`${new URL(h.gateway.url).origin}/metrics`)).text();
    expect(metrics).toContain('gateway_graphql_request_duration_seconds');
    expect(metrics).not.toMatch(fullPan);
    const log = lines.join('\n');
    expect(log).toContain('"msg":"request"');
    expect(log).not.toMatch(fullPan);
  });
});
