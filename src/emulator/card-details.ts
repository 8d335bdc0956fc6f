// Card details without PCI scope for the integrator: UQPAY issues a single-use token valid 60 s
// (`POST /v1/issuing/cards/{id}/token` → {token, expires_in, expires_at}, Go SDK issuing/cards.go PANTokenResponse)
// that a frontend hands to UQPAY's secure iframe, which shows the number and CVV to the cardholder (Node SDK
// src/resources/issuing/cards.ts getSecureIframeUrl: `<embedded host>/iframe/card?token=…&cardId=…`). The emulator
// issues such tokens and serves its own stand-in for the iframe at `GET /card-details?token=…`: once per token,
// before it expires. The numbers never pass through the integrator's servers.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { cvvOf, expiryOf } from './cardnumbers';
import type { EmulatorCore } from './core';
import type { Card } from './state';

interface IssuedToken {
  accountId: string;
  cardId: string;
  expiresAt: number;
  used: boolean;
}

/** Outstanding card-details tokens: single use, expiring, bounded (expired ones are swept as new ones come). */
export class CardDetailTokens {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  issue(accountId: string, cardId: string, now = Date.now()): { token: string; expiresAt: number; expiresIn: number } {
    for (const [t, v] of this.tokens) if (v.expiresAt <= now || v.used) this.tokens.delete(t);
    while (this.tokens.size >= this.max) this.tokens.delete(this.tokens.keys().next().value as string);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = now + this.ttlMs;
    this.tokens.set(token, { accountId, cardId, expiresAt, used: false });
    return { token, expiresAt, expiresIn: Math.ceil(this.ttlMs / 1000) };
  }

  /** The token's card if it may be shown now; marks the token used. */
  redeem(
    token: string,
    now = Date.now(),
  ): { ok: true; accountId: string; cardId: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' } {
    const t = this.tokens.get(token);
    if (!t) return { ok: false, reason: 'unknown' };
    if (t.used) return { ok: false, reason: 'used' };
    if (t.expiresAt <= now) return { ok: false, reason: 'expired' };
    t.used = true;
    return { ok: true, accountId: t.accountId, cardId: t.cardId };
  }

  clear(): void {
    this.tokens.clear();
  }
}

/** What `GET /v1/issuing/cards/{id}/secure` answers (Go SDK SecureCardInfo): PCI data, never for a gateway. */
export function secureCardInfo(card: Card) {
  return { card_number: card.pan, cvv: cvvOf(card.pan), expire_date: expiryOf(card.create_time) };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(status: number, title: string, body: string) {
  return {
    status,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:16px system-ui,sans-serif;margin:1.5rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#555}</style>
</head><body>${body}</body></html>`,
  };
}

/** `GET /card-details?token=…`: the emulator's stand-in for UQPAY's secure card-details iframe. */
export function registerCardDetailsPage(app: FastifyInstance, core: EmulatorCore): void {
  app.get('/card-details', async (req, reply) => {
    const token = String((req.query as { token?: unknown }).token ?? '');
    const redeemed = token ? core.cardDetailTokens.redeem(token) : ({ ok: false, reason: 'unknown' } as const);
    let result: { status: number; html: string };
    if (!redeemed.ok) {
      const why = {
        unknown: 'This link is not valid.',
        used: 'This link was already used.',
        expired: 'This link has expired.',
      }[redeemed.reason];
      result = page(
        redeemed.reason === 'unknown' ? 404 : 410,
        'Card details unavailable',
        `<p data-error="${redeemed.reason}">${why}</p>`,
      );
    } else {
      const store = core.state.accounts.get(redeemed.accountId);
      const card = store?.cards.get(redeemed.cardId);
      const holder = card && store?.cardholders.get(card.cardholder_id);
      if (!card) {
        result = page(404, 'Card details unavailable', '<p data-error="unknown">This card no longer exists.</p>');
      } else {
        const info = secureCardInfo(card);
        const name = holder ? `${holder.first_name} ${holder.last_name}` : '';
        result = page(
          200,
          'Card details',
          `<h1>Your card</h1><dl>
<dt>Name</dt><dd data-field="name">${escape(name)}</dd>
<dt>Number</dt><dd data-field="card_number">${info.card_number.replace(/(\d{4})(?=\d)/g, '$1 ')}</dd>
<dt>Expires</dt><dd data-field="expire_date">${info.expire_date}</dd>
<dt>CVV</dt><dd data-field="cvv">${info.cvv}</dd>
</dl>`,
        );
      }
    }
    return reply
      .code(result.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *")
      .send(result.html);
  });
}
