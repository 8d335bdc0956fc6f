// Looking an unknown outcome up before giving up. After a write's outcome stayed unknown (the answer was lost, a
// 5xx), a GET is always safe; it settles the question only where the end state itself shows the write happened
// and nothing is lost by not knowing which request did it. That holds for a card status change (the card is in
// the asked-for state). It does not for recharges, withdrawals, transfers or new cards: UQPAY offers no lookup by
// idempotency key and no list of a card's orders, and balances move for other reasons too, so those answer
// UPSTREAM_OUTCOME_UNKNOWN and the client retries with the same key.
import type { GatewayContext } from '../context';
import type { CardStatus } from '../datasources/uqpay';

/** The card is now in `target` (for a cancellation: or on its way, PRE_CANCEL). False when it cannot be read. */
export async function cardStatusReached(ctx: GatewayContext, cardId: string, target: CardStatus): Promise<boolean> {
  const loader = ctx.account.loaders.card;
  loader.clear(cardId);
  const card = await loader.load(cardId).catch(() => null);
  if (!card) return false;
  return card.card_status === target || (target === 'CANCELLED' && card.card_status === 'PRE_CANCEL');
}
