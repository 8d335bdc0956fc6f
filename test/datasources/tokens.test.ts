// Token management over real HTTP against the emulator: lazy, single-flight, one refresh after expiry.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { UqpayAuthError, type UqpayObserver } from '../../src/datasources/uqpay';
import { client, emulator, fakeUpstream, json, type TestEmulator } from './helpers';

const TOKEN = 'POST /v1/connect/token';
const CARD = 'GET /v1/issuing/cards/{id}';
let emu: TestEmulator;

beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(async () => emu.resetStats());

describe('tokens', () => {
  it('100 concurrent calls on a cold start → exactly 1 token request', async () => {
    const refreshes: string[] = [];
    const observer: UqpayObserver = { onTokenRefresh: (e) => refreshes.push(e.reason) };
    const c = client(emu.baseUrl, {}, { observer });
    try {
      const cards = await Promise.all(
        Array.from({ length: 100 }, () => c.api.cards.retrieve({}, DEMO_IDS.cards.sophiaUsdSingle)),
      );
      expect(cards.every((x) => x.card_id === DEMO_IDS.cards.sophiaUsdSingle)).toBe(true);
      expect(await emu.requests(TOKEN)).toBe(1);
      expect(await emu.requests(CARD)).toBe(100);
      expect(refreshes).toEqual(['initial']);
    } finally {
      await c.close();
    }
  });

  it('after expire-tokens, one refresh serves all 100 waiters', async () => {
    const refreshes: string[] = [];
    const c = client(emu.baseUrl, {}, { observer: { onTokenRefresh: (e) => refreshes.push(e.reason) } });
    try {
      await c.ready();
      await emu.expireTokens();
      await emu.resetStats();
      const cards = await Promise.all(
        Array.from({ length: 100 }, () => c.api.cards.retrieve({}, DEMO_IDS.cards.sophiaUsdSingle)),
      );
      expect(cards).toHaveLength(100);
      expect(await emu.requests(TOKEN)).toBe(1);
      // each call: one 401 with the old token, one success with the new one
      expect(await emu.requests(CARD)).toBe(200);
      expect(refreshes).toEqual(['initial', 'expired']);
    } finally {
      await c.close();
    }
  });

  it('ready() obtains a token; masterAccountId() reads it from the JWT', async () => {
    const c = client(emu.baseUrl);
    try {
      await c.ready();
      expect(await c.api.masterAccountId()).toBe(emu.masterAccountId);
      expect(await emu.requests(TOKEN)).toBe(1);
    } finally {
      await c.close();
    }
  });

  it('a token near its expiry is refreshed before use (ttl), not after a 401', async () => {
    const up = await fakeUpstream(
      (_req, res) => json(res, 200, { card_id: 'c', cardholder: { cardholder_id: 'h' } }),
      400,
    );
    const refreshes: string[] = [];
    const c = client(up.baseUrl, {}, { observer: { onTokenRefresh: (e) => refreshes.push(e.reason) } });
    try {
      await c.api.cards.retrieve({}, 'c');
      await c.api.cards.retrieve({}, 'c'); // still fresh: same token
      await new Promise((r) => setTimeout(r, 400)); // 400 ms lifetime, 40 ms margin: due for refresh
      await c.api.cards.retrieve({}, 'c');
      expect(refreshes).toEqual(['initial', 'ttl']);
      const auth = up.seen.filter((s) => s.url.includes('/cards/')).map((s) => s.headers['x-auth-token']);
      expect(auth[0]).toBe(auth[1]);
      expect(auth[2]).not.toBe(auth[1]);
    } finally {
      await c.close();
      await up.close();
    }
  });

  it('wrong credentials → UqpayAuthError, one token request, no loop', async () => {
    const c = client(emu.baseUrl, { apiKey: 'wrong-api-key-123' });
    try {
      const err = await c.api.cards.retrieve({}, DEMO_IDS.cards.sophiaUsdSingle).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UqpayAuthError);
      expect((err as Error).message).not.toContain('wrong-api-key-123');
      expect(await emu.requests(TOKEN)).toBe(1);
      expect(await emu.requests(CARD)).toBe(0);
    } finally {
      await c.close();
    }
  });

  it('a 401 that is not "expired", and a 403, surface at once; an expired token refused twice stops after one refresh', async () => {
    let mode: 'invalid' | 'forbidden' | 'expired' = 'invalid';
    const up = await fakeUpstream((_req, res) => {
      if (mode === 'invalid') json(res, 401, { error: 'invalid token' });
      else if (mode === 'forbidden')
        json(res, 403, { type: 'unauthorized_error', code: 'forbidden', message: 'not allowed' });
      else json(res, 401, { type: 'unauthorized_error', code: 'unauthorized', message: 'token has expired' });
    });
    const c = client(up.baseUrl);
    try {
      const a = await c.api.cards.retrieve({}, 'x').catch((e: unknown) => e);
      expect(a).toBeInstanceOf(UqpayAuthError);
      expect(up.seen.filter((s) => s.url.includes('/cards/'))).toHaveLength(1);
      mode = 'forbidden';
      const b = await c.api.cards.retrieve({}, 'y').catch((e: unknown) => e);
      expect(b).toMatchObject({ status: 403, code: 'forbidden' });
      expect(b).toBeInstanceOf(UqpayAuthError);
      mode = 'expired';
      const before = up.tokenCalls();
      const d = await c.api.cards.retrieve({}, 'z').catch((e: unknown) => e);
      expect(d).toBeInstanceOf(UqpayAuthError);
      expect(up.seen.filter((s) => s.url.endsWith('/cards/z'))).toHaveLength(2);
      expect(up.tokenCalls() - before).toBe(1);
    } finally {
      await c.close();
      await up.close();
    }
  });

  describe('the master account id from the token', () => {
    const ok = (_req: unknown, res: Parameters<typeof json>[0]) => json(res, 200, {});
    it('is entity_id when the token has it, even next to an account_id (Node src/auth.ts; Python uqpay/auth.py)', async () => {
      const up = await fakeUpstream(ok, undefined, {
        entity_id: 'ac000000-0000-4000-8000-00000000000e',
        account_id: 'ac000000-0000-4000-8000-00000000000a',
      });
      const c = client(up.baseUrl);
      try {
        expect(await c.api.masterAccountId()).toBe('ac000000-0000-4000-8000-00000000000e');
      } finally {
        await c.close();
        await up.close();
      }
    });

    it('falls back to account_id (the older docs example)', async () => {
      const up = await fakeUpstream(ok, undefined, { account_id: 'ac000000-0000-4000-8000-00000000000a' });
      const c = client(up.baseUrl);
      try {
        expect(await c.api.masterAccountId()).toBe('ac000000-0000-4000-8000-00000000000a');
      } finally {
        await c.close();
        await up.close();
      }
    });

    it('with neither, fails saying so and naming the claims it did find', async () => {
      const up = await fakeUpstream(ok, undefined, { client_id: 'x', bus_type: 'ISSUING' });
      const c = client(up.baseUrl);
      try {
        await expect(c.api.masterAccountId()).rejects.toThrow(/neither entity_id nor account_id.*client_id, bus_type/);
      } finally {
        await c.close();
        await up.close();
      }
    });
  });
});
