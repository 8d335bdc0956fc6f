// UQPAY's webhook facts, as its official SDKs state them, checked against the gateway's receiver and the emulator's
// sender. Each test names the SDK file the fact comes from. Webhooks go UQPAY → gateway, so no recording proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { WEBHOOK_PATH } from '../../src/webhooks';
import { computeSignature, verifyWebhook } from '../../src/webhooks/signature';
import { startHarness, type Harness } from '../harness';
import { deliver, rechargeEvent } from '../webhooks/helpers';

const SECRET = 'conformance-webhook-secret';
const body = new TextEncoder().encode('{"event_type":"card.recharge.succeeded"}');
const check = (timestamp: string, nowMs: number) =>
  verifyWebhook({ secret: SECRET, rawBody: body, timestamp, signature: computeSignature(SECRET, body, timestamp), nowMs });

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
    expect(verifyWebhook({ secret: SECRET, rawBody: body, timestamp: ms, signature: overSeconds, nowMs: now })).toEqual({ ok: false, reason: 'bad_signature' });
    // Leading zeros are part of what was signed: the value is not normalised before hashing.
    const padded = `0${s}`;
    expect(verifyWebhook({ secret: SECRET, rawBody: body, timestamp: padded, signature: computeSignature(SECRET, body, padded), nowMs: now }).ok).toBe(true);
    expect(verifyWebhook({ secret: SECRET, rawBody: body, timestamp: padded, signature: overSeconds, nowMs: now }).ok).toBe(false);
  });

  it('refuses what is not an integer timestamp (Go webhook/verifier.go: strconv.ParseInt)', () => {
    for (const bad of ['', '1.7e12', ' 1764000000', '-1764000000', 'now']) {
      expect(check(bad, now).ok).toBe(false);
    }
  });
});

describe('the gateway\'s receiver over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('acknowledges a correctly signed millisecond-stamped webhook with 200 (Go webhook/verifier.go)', async () => {
    const url = h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH;
    const res = await deliver(url, h.emulator.webhookSecret, rechargeEvent(DEMO_IDS.cards.sophiaUsdSingle), { timestamp: String(Date.now()) });
    expect(res.status).toBe(200);
    const stale = await deliver(url, h.emulator.webhookSecret, rechargeEvent(DEMO_IDS.cards.sophiaUsdSingle), {
      timestamp: String(Date.now() - 6 * 60_000),
    });
    expect(stale.status).toBe(401);
  });
});
