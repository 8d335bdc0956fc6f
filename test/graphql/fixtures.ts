// Test data made through the gateway itself: many cardholders and cards, for paging and batching proofs.
import { randomUUID } from 'node:crypto';
import { DEMO_IDS } from '../../src/emulator';
import type { Harness } from '../harness';

const letters = (n: number) => {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
};

// Stay under the gateway's alias limit (GATEWAY_MAX_ALIASES, default 15).
const CHUNK = 12;

async function mutateInChunks(h: Harness, fields: string[]): Promise<Record<string, any>> {
  const out: Record<string, any> = {};
  for (let i = 0; i < fields.length; i += CHUNK) {
    const r = await h.gql(`mutation { ${fields.slice(i, i + CHUNK).join('\n')} }`);
    if (r.errors) throw new Error(`bulk mutation: ${JSON.stringify(r.errors)}`);
    Object.assign(out, r.data);
  }
  return out;
}

/** `count` SUCCESS cardholders with one SHARE card each; returns their ids. */
export async function createBulk(
  h: Harness,
  count: number,
  tag: string,
): Promise<{ cardholderIds: string[]; cardIds: string[] }> {
  const holders = Array.from(
    { length: count },
    (_, i) => `
    h${i}: createCardholder(input: {
      firstName: "Bulk", lastName: "${tag}${letters(i)}", email: "${tag}.${i}@example.com",
      countryCode: "SG", phoneNumber: "${String(80000000 + Math.floor(Math.random() * 9_000_000) + i).slice(0, 8)}"
    }) { cardholder { cardholderId } userErrors { code message field } }`,
  );
  const created = await mutateInChunks(h, holders);
  const cardholderIds = Array.from({ length: count }, (_, i) => {
    const p = created[`h${i}`];
    if (!p?.cardholder) throw new Error(`bulk cardholder ${i}: ${JSON.stringify(p?.userErrors)}`);
    return p.cardholder.cardholderId as string;
  });
  const cards = cardholderIds.map(
    (
      id,
      i,
    ) => `c${i}: createCard(input: { cardholderId: "${id}", productId: "${DEMO_IDS.products.share}", currency: "USD", cardLimit: "100.00",
      idempotencyKey: "${randomUUID()}" }) {
      card { cardId } userErrors { code message field } }`,
  );
  const issued = await mutateInChunks(h, cards);
  const cardIds = cardholderIds.map((_, i) => {
    const p = issued[`c${i}`];
    if (!p?.card) throw new Error(`bulk card ${i}: ${JSON.stringify(p?.userErrors)}`);
    return p.card.cardId as string;
  });
  return { cardholderIds, cardIds };
}
