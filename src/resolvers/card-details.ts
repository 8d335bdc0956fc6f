// Showing a cardholder their card number and CVV without them passing through the gateway: UQPAY issues a
// single-use token valid 60 s, which the frontend hands to UQPAY's secure card-details iframe. The gateway only
// relays the token; it never calls `/secure` and never sees a full card number or CVV. The token is a secret too:
// it is returned to the caller and nowhere else (never logged).
import { z } from 'zod';
import type { GatewayContext } from '../context';
import { runMutation, type Payload } from './user-errors';

/** The input's one definition: schema/card-details.ts derives the GraphQL input type from it. */
export const CardDetailsTokenInput = z.object({ cardId: z.string(), idempotencyKey: z.string().nullish() });

export interface CardDetailsTokenPayload extends Partial<Payload> {
  token?: string;
  expiresAt?: string;
  expiresIn?: number | null;
}

/** UQPAY answers `expires_at` and `expires_in`; when only the lifetime comes back, the expiry is computed from it. */
function expiry(
  expiresAt: string | null | undefined,
  expiresIn: number | null | undefined,
  issuedAt: number,
): string | undefined {
  if (expiresAt && !Number.isNaN(Date.parse(expiresAt))) return expiresAt;
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn))
    return new Date(issuedAt + expiresIn * 1000).toISOString();
  return undefined;
}

export function createCardDetailsToken(_root: unknown, args: { input: unknown }, ctx: GatewayContext) {
  return runMutation(args.input, CardDetailsTokenInput, async (i): Promise<CardDetailsTokenPayload> => {
    const issuedAt = Date.now();
    const r = await ctx.api.cards.detailsToken(ctx.account.scope, i.cardId, {
      idempotencyKey: i.idempotencyKey ?? undefined,
    });
    return { token: r.token, expiresAt: expiry(r.expires_at, r.expires_in, issuedAt), expiresIn: r.expires_in ?? null };
  });
}
