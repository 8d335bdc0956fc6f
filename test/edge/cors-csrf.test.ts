// Browsers: cross-origin reads only for origins on GATEWAY_CORS_ORIGINS (never `null`, never credentials with `*`),
// and requests a page can send without a preflight (form posts, text/plain, simple GETs) are refused unless they
// carry a non-simple header. The attack: a cross-site form POST running createTransfer in open explorer mode.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { startHarness, type Harness } from '../harness';
import { accessFiles, bearer, FRONTEND_KEY } from '../access/helpers';

const MASTER = DEMO_IDS.accounts.master;
const ACME = DEMO_IDS.accounts.acmeTravel;
const TRANSFER = (key: string) =>
  `mutation { createTransfer(input: { sourceAccountId: "${MASTER}", destinationAccountId: "${ACME}", ` +
  `amount: "1234.00", currency: "USD", idempotencyKey: "${key}" }) { transfer { transferId } userErrors { code } } }`;
const BALANCE = '{ balance(currency: "USD") { available { amount } } }';
const EVIL = 'https://evil.example';

describe('open explorer mode, no CORS origins configured', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const masterUsd = async () => (await h.gql(BALANCE)).data.balance.available.amount as string;
  const transfersMade = async () =>
    Object.entries(await h.stats())
      .filter(([route]) => route.startsWith('POST') && route.includes('transfers'))
      .reduce((n, [, c]) => n + c, 0);

  it('refuses the cross-site form POST that ran createTransfer, and nothing moves', async () => {
    const before = await masterUsd();
    await h.resetStats();
    const forms: [string, BodyInit][] = [
      ['application/x-www-form-urlencoded', new URLSearchParams({ query: TRANSFER(randomUUID()) }).toString()],
      ['text/plain', JSON.stringify({ query: TRANSFER(randomUUID()) })],
      ['text/plain;charset=UTF-8', JSON.stringify({ query: TRANSFER(randomUUID()) })],
    ];
    for (const [type, body] of forms) {
      const res = await fetch(h.gateway.url, {
        method: 'POST',
        headers: { 'content-type': type, origin: EVIL, referer: `${EVIL}/page` },
        body,
      });
      const text = await res.text();
      expect({ type, status: res.status }).toEqual({ type, status: 403 });
      expect(text).toContain('CSRF');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    const multipart = new FormData();
    multipart.set('query', TRANSFER(randomUUID()));
    const mp = await fetch(h.gateway.url, { method: 'POST', headers: { origin: EVIL }, body: multipart });
    expect(mp.status).toBe(403);
    await mp.body?.cancel();

    expect(await transfersMade()).toBe(0);
    expect(await masterUsd()).toBe(before);
  });

  it('refuses a simple GET (an <img> or a link) but serves one carrying a non-simple header', async () => {
    const url = `${h.gateway.url}?query=${encodeURIComponent(BALANCE)}`;
    const simple = await fetch(url, { headers: { origin: EVIL } });
    expect(simple.status).toBe(403);
    await simple.body?.cancel();
    const withHeader = await fetch(url, { headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' } });
    expect(withHeader.status).toBe(200);
    expect((await withHeader.json()).data.balance).toBeTruthy();
  });

  it('keeps ordinary JSON POSTs working, without CORS headers for a foreign or null Origin', async () => {
    for (const origin of [EVIL, 'null']) {
      const res = await fetch(h.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      await res.body?.cancel();
      const preflight = await fetch(h.gateway.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

describe('GATEWAY_CORS_ORIGINS', () => {
  const APP = 'https://app.example';
  let listed: Harness;
  let wildcard: Harness;
  beforeAll(async () => {
    const { keysFile } = accessFiles();
    [listed, wildcard] = await Promise.all([
      startHarness({ env: { GATEWAY_CORS_ORIGINS: `${APP}, https://ops.example`, GATEWAY_KEYS_FILE: keysFile } }),
      startHarness({ env: { GATEWAY_CORS_ORIGINS: '*' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([listed?.close(), wildcard?.close()]);
  });

  const preflight = (h: Harness, origin: string) =>
    fetch(h.gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('allows a listed origin (preflight and response), and no other, null included', async () => {
    const ok = await preflight(listed, APP);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const res = await fetch(listed.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: APP, ...bearer(FRONTEND_KEY) },
      body: '{"query":"{ __typename }"}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('vary')).toMatch(/origin/i);
    await res.body?.cancel();
    for (const origin of [EVIL, 'null', `${APP}.evil.example`, 'http://app.example']) {
      const no = await preflight(listed, origin);
      expect({ origin, allow: no.headers.get('access-control-allow-origin') }).toEqual({ origin, allow: null });
    }
  });

  it('with `*` lets any origin read, never with credentials, and still not `null`', async () => {
    const r = await preflight(wildcard, EVIL);
    expect(r.headers.get('access-control-allow-origin')).toBe(EVIL);
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await fetch(wildcard.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: EVIL },
      body: '{"query":"{ __typename }"}',
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(EVIL);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    await res.body?.cancel();
    const nul = await preflight(wildcard, 'null');
    expect(nul.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still refuses a form POST from an allowed origin (CSRF prevention does not depend on CORS)', async () => {
    const res = await fetch(wildcard.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP },
      body: new URLSearchParams({ query: '{ __typename }' }).toString(),
    });
    expect(res.status).toBe(403);
    await res.body?.cancel();
  });
});
