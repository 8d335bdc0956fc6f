import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { eventually, receiver, useEmulator, verify } from './helpers';

const api = useEmulator({ webhookBackoffMs: 20, webhookMaxAttempts: 3 }, { resetEachTest: false });

describe('webhooks', () => {
  it('delivers signed UQPAY envelopes after the order succeeds', async () => {
    const rx = await receiver();
    try {
      api.emu.setWebhookUrl(rx.url);
      const r = await api.post(`/v1/issuing/cards/${DEMO_IDS.cards.sophiaUsdSingle}/recharge`, { amount: 12.34 });
      await eventually(async () => rx.got.length >= 1);
      const msg = rx.got[0]!;
      expect(verify(api.emu.webhookSecret, msg)).toBe(true);
      expect(verify('wrong-secret', msg)).toBe(false);
      const env = JSON.parse(msg.raw);
      expect(env).toMatchObject({
        version: 'V1.6.0',
        event_name: 'ISSUING',
        event_type: 'card.recharge.succeeded',
        source_id: r.body.card_order_id, // order events name the order (Go SDK webhook/issuing_test.go samples)
        data: {
          amount: '12.34',
          card_available_balance: '961.34',
          card_currency: 'USD',
          card_id: DEMO_IDS.cards.sophiaUsdSingle,
          card_status: 'ACTIVE',
          order_status: 'SUCCESS',
        },
      });
      expect(env.event_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(env).not.toHaveProperty('account_id'); // UQPAY's envelope names no account
      expect(Object.keys(env.data).sort()).toEqual([
        'amount',
        'card_available_balance',
        'card_currency',
        'card_id',
        'card_status',
        'complete_time',
        'order_status',
        'update_time',
      ]);
      const order = await api.get(`/v1/issuing/cards/${r.body.card_order_id}/order`);
      expect(order.body.order_status).toBe('SUCCESS');
    } finally {
      api.emu.setWebhookUrl(undefined);
      await rx.close();
    }
  });

  it('retries non-2xx with backoff, bounded, and logs attempts', async () => {
    const rx = await receiver([500, 503]);
    try {
      await api.control('POST', '/webhooks/config', { url: rx.url, secret: 'rotated-secret' });
      await api.post(`/v1/issuing/cards/${DEMO_IDS.cards.sophiaUsdSingle}/status`, {
        card_status: 'FROZEN',
        update_reason: 'suspicious',
      });
      await eventually(async () => rx.got.length >= 3);
      const ids = rx.got.map((g) => JSON.parse(g.raw).event_id);
      expect(new Set(ids).size).toBe(1);
      for (const g of rx.got) expect(verify('rotated-secret', g)).toBe(true);
      const env = JSON.parse(rx.got[0]!.raw);
      expect(env.event_type).toBe('card.status.update.succeeded');
      expect(env.data).toMatchObject({
        card_status: 'FROZEN',
        update_reason: 'suspicious',
        card_number: expect.stringMatching(/^\d{8}\*{4}\d{4}$/),
      });
      const log = await eventually(async () => {
        const l = (await api.control('GET', '/webhooks')).body.deliveries.find(
          (d: { event_id: string }) => d.event_id === ids[0],
        );
        return l?.status === 'delivered' && l;
      });
      expect(log).toMatchObject({ attempts: 3, last_status: 200, event_type: 'card.status.update.succeeded' });

      // a receiver that always fails gets maxAttempts tries, then the delivery is marked failed
      const dead = await receiver([500, 500, 500, 500]);
      await api.control('POST', '/webhooks/config', { url: dead.url });
      await api.post(`/v1/issuing/cards/${DEMO_IDS.cards.sophiaUsdSingle}/status`, { card_status: 'ACTIVE' });
      const failed = await eventually(async () => {
        const l = (await api.control('GET', '/webhooks')).body.deliveries.at(-1);
        return l?.status === 'failed' && l;
      });
      expect(failed.attempts).toBe(3);
      expect(dead.got).toHaveLength(3);
      await dead.close();
    } finally {
      await api.control('POST', '/webhooks/config', { url: null, secret: 'demo-webhook-secret' });
      await rx.close();
    }
  });

  it('logs events without a URL as not_sent', async () => {
    await api.post(`/v1/issuing/cards/${DEMO_IDS.cards.liamSgdSingle}/withdraw`, { amount: 1 });
    const last = await eventually(async () => {
      const l = (await api.control('GET', '/webhooks')).body.deliveries.at(-1);
      return l?.event_type === 'card.withdraw.succeeded' && l;
    });
    expect(last.status).toBe('not_sent');
  });
});
