// Card details without PCI scope for the integrator: UQPAY issues a single-use token valid 60 s
// (`POST /v1/issuing/cards/{id}/token` → {token, expires_in, expires_at}, Go SDK issuing/cards.go PANTokenResponse)
// that a frontend hands to UQPAY's secure iframe, which shows the number and CVV to the cardholder (Node SDK
// src/resources/issuing/cards.ts getSecureIframeUrl: `<embedded host>/iframe/card?token=…&cardId=…`). The emulator
// issues such tokens and serves its own stand-in for the iframe at `GET /card-details?token=…` (card-details-page.ts):
// once per token, before it expires. The numbers never pass through the integrator's servers.
import { randomBytes } from 'node:crypto';
import { cvvOf, expiryOf } from './cardnumbers';
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
