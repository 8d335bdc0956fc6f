// The emulator's stand-in for UQPAY's secure card-details iframe, `GET /card-details?token=…`: outside the API, no
// auth but the single-use token (see card-details.ts), and never counted in the stats.
import type { FastifyInstance } from 'fastify';
import { secureCardInfo } from './card-details';
import type { EmulatorCore } from './core';

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
    const given = (req.query as { token?: unknown }).token;
    const token = typeof given === 'string' ? given : '';
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
