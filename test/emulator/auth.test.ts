import { afterEach, describe, expect, it } from 'vitest';
import { boot, expectError, sleep, type Api, type Res } from './helpers';

let api: Api | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

describe('token lifetime', () => {
  it('POST /__emulator/expire-tokens expires every issued token', async () => {
    api = await boot();
    const old = await api.fetchToken();
    expect((await api.get('/v1/issuing/products')).status).toBe(200);
    await api.control('POST', '/expire-tokens');
    const res = await api.get('/v1/issuing/products', { token: old });
    expectError(res, 401, 'unauthorized_error', 'unauthorized');
    expect(res.body.message).toBe('token has expired');
    await api.fetchToken();
    expect((await api.get('/v1/issuing/products')).status).toBe(200);
  });

  it('tokens expire after tokenTtlSeconds', async () => {
    // `exp` is whole seconds (a JWT's NumericDate): a 1 s token issued at x.95 s is already expired at x+1 s, so
    // give it 2 s — at least one whole second of life — before reading with it.
    api = await boot({ tokenTtlSeconds: 2 });
    await api.fetchToken();
    expect((await api.get('/v1/issuing/products')).status).toBe(200);
    await sleep(3100);
    const res = await api.get('/v1/issuing/products');
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('token has expired');
  });

  it('invalidateOldTokens: a new token invalidates older ones', async () => {
    api = await boot({ invalidateOldTokens: true });
    const first = await api.fetchToken();
    await api.fetchToken();
    const res = await api.get('/v1/issuing/products', { token: first });
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('token has expired');
    expect((await api.get('/v1/issuing/products')).status).toBe(200);
  });

  it('without the option older tokens keep working', async () => {
    api = await boot();
    const first = await api.fetchToken();
    await api.fetchToken();
    expect((await api.get('/v1/issuing/products', { token: first })).status).toBe(200);
  });
});

describe('rate limit per client', () => {
  it('answers 429 with Retry-After once the minute window is full', async () => {
    api = await boot({ rateLimitPerMin: 5 });
    await api.fetchToken();
    const statuses: number[] = [];
    let last: Res | undefined;
    for (let i = 0; i < 7; i++) {
      last = await api.get('/v1/issuing/products');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(last!.body).toEqual({ code: 'too_many_requests', message: expect.stringMatching(/^Too many requests/) });
    const retryAfter = Number(last!.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const stats = (await api.control('GET', '/stats')).body;
    expect(stats.responses['429']).toBe(2);
  });
});
