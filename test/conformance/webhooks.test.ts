// UQPAY's webhook facts, as its official SDKs state them, checked against the gateway's receiver and the emulator's
// sender. Each test names the SDK file the fact comes from. Webhooks go UQPAY → gateway, so no recording proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/emulator/options';
import { DEMO_IDS } from '../../src/emulator/seed';
import { WEBHOOK_PATH } from '../../src/webhooks';
import { computeSignature, verifyWebhook } from '../../src/webhooks/signature';
import { boot, eventually, receiver, verify, type Api } from '../emulator/helpers';
import { startHarness, type Harness } from '../harness';
import { deliver, rechargeEvent } from '../webhooks/helpers';

const SECRET = 'conformance-webhook-secret';
const body = new TextEncoder().encode('{"event_type":"card.recharge.succeeded"}');
const check = (timestamp: string, nowMs: number) =>
  verifyWebhook({
    secret: SECRET,
    rawBody: body,
    timestamp,
    signature: computeSignature(SECRET, body, timestamp),
    nowMs,
  });

describe('x-wk-timestamp: Unix milliseconds or seconds, 5 minutes either way', () => {
  const now = 1_764_000_000_000;

  it('accepts Webhook Hub millisecond stamps (Go webhook/verifier.go; Go CHANGELOG 2.0.0; Python uqpay/webhooks.py)', () => {
    expect(check(String(now), now)).toEqual({ ok: true });
    expect(check(String(now - 299_000), now)).toEqual({ ok: true });
    expect(check(String(now + 299_000), now)).toEqual({ ok: true });
    expect(check(String(now - 301_000), now)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check(String(now + 301_000), now)).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('still accepts second stamps (Go webhook/verifier.go: "retaining Unix-second compatibility")', () => {
    const s = Math.floor(now / 1000);
    expect(check(String(s), now)).toEqual({ ok: true });
    expect(check(String(s - 299), now)).toEqual({ ok: true });
    expect(check(String(s + 301), now)).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('signs the header value exactly as received (Go webhook/verifier.go writes timestampHeader, not a re-formatted number)', () => {
    // A signature over the seconds form does not authenticate the same instant sent in milliseconds, and vice versa.
    const ms = String(now);
    const s = String(Math.floor(now / 1000));
    const overSeconds = computeSignature(SECRET, body, s);
    expect(verifyWebhook({ secret: SECRET, rawBody: body, timestamp: ms, signature: overSeconds, nowMs: now })).toEqual(
      { ok: false, reason: 'bad_signature' },
    );
    // Leading zeros are part of what was signed: the value is not normalised before hashing.
    const padded = `0${s}`;
    expect(
      verifyWebhook({
        secret: SECRET,
        rawBody: body,
        timestamp: padded,
        signature: computeSignature(SECRET, body, padded),
        nowMs: now,
      }).ok,
    ).toBe(true);
    expect(
      verifyWebhook({ secret: SECRET, rawBody: body, timestamp: padded, signature: overSeconds, nowMs: now }).ok,
    ).toBe(false);
  });

  it('refuses what is not an integer timestamp (Go webhook/verifier.go: strconv.ParseInt)', () => {
    for (const bad of ['', '1.7e12', ' 1764000000', '-1764000000', 'now']) {
      expect(check(bad, now).ok).toBe(false);
    }
  });
});

describe("the gateway's receiver over HTTP", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('acknowledges a correctly signed millisecond-stamped webhook with 200 (Go webhook/verifier.go)', async () => {
    const url = h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH;
    const res = await deliver(url, h.emulator.webhookSecret, rechargeEvent(DEMO_IDS.cards.sophiaUsdSingle), {
      timestamp: String(Date.now()),
    });
    expect(res.status).toBe(200);
    const stale = await deliver(url, h.emulator.webhookSecret, rechargeEvent(DEMO_IDS.cards.sophiaUsdSingle), {
      timestamp: String(Date.now() - 6 * 60_000),
    });
    expect(stale.status).toBe(401);
  });
});

describe("the emulator sends webhooks as UQPAY's Webhook Hub does", () => {
  const recharge = (api: Api) =>
    api.post(`/v1/issuing/cards/${DEMO_IDS.cards.sophiaUsdSingle}/recharge`, { amount: 1 });

  async function firstDelivery(api: Api) {
    const rx = await receiver();
    try {
      api.emu.setWebhookUrl(rx.url);
      await recharge(api);
      await eventually(async () => rx.got.length >= 1);
      return rx.got[0]!;
    } finally {
      api.emu.setWebhookUrl(undefined);
      await rx.close();
    }
  }

  it('stamps x-wk-timestamp in Unix milliseconds and signs that exact value (Go webhook/verifier.go, CHANGELOG 2.0.0)', async () => {
    const api = await boot({ asyncDelayMs: 0 });
    try {
      const before = Date.now();
      const got = await firstDelivery(api);
      const ts = String(got.headers['x-wk-timestamp']);
      expect(ts).toMatch(/^\d{13}$/);
      expect(Number(ts)).toBeGreaterThanOrEqual(before);
      expect(Number(ts)).toBeLessThanOrEqual(Date.now());
      expect(verify(api.emu.webhookSecret, got)).toBe(true);
    } finally {
      await api.emu.close();
    }
  });

  it('sends the envelope {version, event_name, event_type, event_id, source_id, data} with no account_id (Go webhook/webhook.go Event)', async () => {
    const api = await boot({ asyncDelayMs: 0 });
    try {
      const env = JSON.parse((await firstDelivery(api)).raw) as Record<string, unknown>;
      expect(Object.keys(env).sort()).toEqual(['data', 'event_id', 'event_name', 'event_type', 'source_id', 'version']);
      expect(env).toMatchObject({ version: 'V1.6.0', event_name: 'ISSUING', event_type: 'card.recharge.succeeded' });
    } finally {
      await api.emu.close();
    }
  });

  it('switches back to second stamps and an account_id envelope (webhookTimestamp / webhookAccountId options)', async () => {
    const api = await boot({ asyncDelayMs: 0, webhookTimestamp: 'seconds', webhookAccountId: true });
    try {
      const got = await firstDelivery(api);
      expect(String(got.headers['x-wk-timestamp'])).toMatch(/^\d{10}$/);
      expect(verify(api.emu.webhookSecret, got)).toBe(true);
      expect(JSON.parse(got.raw).account_id).toBe(DEMO_IDS.masterAccountId);
    } finally {
      await api.emu.close();
    }
  });

  it('reads the switches and the redelivery schedule from the environment, for npm run emulator and npm start', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        EMULATOR_WEBHOOK_TIMESTAMP: 'seconds',
        EMULATOR_WEBHOOK_ACCOUNT_ID: 'on',
        EMULATOR_WEBHOOK_MAX_ATTEMPTS: '3',
        EMULATOR_WEBHOOK_BACKOFF_MS: '40',
      });
      expect(resolveOptions()).toMatchObject({
        webhookTimestamp: 'seconds',
        webhookAccountId: true,
        webhookMaxAttempts: 3,
        webhookBackoffMs: 40,
      });
      // Explicit options win over the environment.
      expect(resolveOptions({ webhookMaxAttempts: 2, webhookTimestamp: 'milliseconds' })).toMatchObject({
        webhookMaxAttempts: 2,
        webhookTimestamp: 'milliseconds',
      });
      process.env.EMULATOR_WEBHOOK_TIMESTAMP = 'minutes';
      expect(() => resolveOptions()).toThrow(/EMULATOR_WEBHOOK_TIMESTAMP/);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it('by default retries like a real sender: first retry within seconds, the last a few minutes after the first attempt', () => {
    for (const k of ['EMULATOR_WEBHOOK_MAX_ATTEMPTS', 'EMULATOR_WEBHOOK_BACKOFF_MS'])
      expect(process.env[k]).toBeUndefined();
    const o = resolveOptions();
    const delays = Array.from({ length: o.webhookMaxAttempts - 1 }, (_, i) => o.webhookBackoffMs * 2 ** i);
    expect(delays[0]).toBeGreaterThanOrEqual(1_000);
    expect(delays[0]).toBeLessThanOrEqual(10_000);
    const last = delays.reduce((a, b) => a + b, 0);
    expect(last).toBeGreaterThanOrEqual(2 * 60_000);
    expect(last).toBeLessThanOrEqual(10 * 60_000);
  });
});
