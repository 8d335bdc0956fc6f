// Brings the emulator's demo account up to the size the scenarios need (S2 lists 50 cards, S3 20 cardholders
// with their cards), through UQPAY's own REST API, and picks the ids the scenarios use.
import type { BenchIds } from './scenarios';
import { UpstreamError, type EmulatorClient } from './upstream';

interface WireCard {
  card_id: string;
  card_status: string;
  mode_type: string;
  card_currency: string;
  cardholder: { cardholder_id: string; cardholder_status: string };
}
interface WireCardholder {
  cardholder_id: string;
  cardholder_status: string;
}
interface WireProduct {
  product_id: string;
  mode_type: string;
  product_status: string;
  card_bin: string;
}

const MIN_CARDHOLDERS = 22;
const MIN_CARDS = 60;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BenchData extends BenchIds {
  cardCount: number;
  /** Distinct ACTIVE cards (up to 15, the gateway's alias limit): one UQPAY call each in the breakdown's N-call queries. */
  cardIds: string[];
}

export async function ensureBenchData(client: EmulatorClient): Promise<BenchData> {
  let holders = await client.listAll<WireCardholder>('/v1/issuing/cardholders');
  let cards = await client.listAll<WireCard>('/v1/issuing/cards');
  const products = (await client.get<{ data: WireProduct[] }>('/v1/issuing/products?page_size=100')).data;
  const share = products.find((p) => p.mode_type === 'SHARE' && p.product_status === 'ENABLED');

  for (let i = 0; holders.length < MIN_CARDHOLDERS && i < 200; i++) {
    const suffix = `${LETTERS[i % 26]}${LETTERS[Math.floor(i / 26) % 26]}`;
    try {
      await client.request('POST', '/v1/issuing/cardholders', {
        body: {
          email: `bench.holder.${i}@example.com`,
          first_name: 'Bench',
          last_name: `Holder ${suffix}`,
          country_code: 'SG',
          phone_number: `8${String(1_000_000 + i).padStart(7, '0')}`,
        },
      });
    } catch (err) {
      if (!(err instanceof UpstreamError && err.status === 400)) throw err; // a duplicate from an earlier run
    }
    if (i % 5 === 4 || holders.length + 1 >= MIN_CARDHOLDERS)
      holders = await client.listAll<WireCardholder>('/v1/issuing/cardholders');
  }

  const eligible = holders.filter((h) => h.cardholder_status === 'SUCCESS');
  if (share && eligible.length) {
    for (let i = 0; cards.length + i < MIN_CARDS; i++) {
      const h = eligible[i % eligible.length]!;
      await client.request('POST', '/v1/issuing/cards', {
        body: {
          card_currency: 'USD',
          cardholder_id: h.cardholder_id,
          card_product_id: share.product_id,
          card_limit: 100,
        },
      });
    }
    // Card creation completes asynchronously (PENDING → ACTIVE).
    for (let tries = 0; tries < 50; tries++) {
      cards = await client.listAll<WireCard>('/v1/issuing/cards');
      if (!cards.some((c) => c.card_status === 'PENDING')) break;
      await sleep(100);
    }
  }

  const active = cards.filter((c) => c.card_status === 'ACTIVE');
  const card = active[0];
  const single =
    active.find((c) => c.mode_type === 'SINGLE' && c.card_currency === 'USD') ??
    active.find((c) => c.mode_type === 'SINGLE');
  if (!card || !single) throw new Error('bench data: no ACTIVE card (and no ACTIVE SINGLE card) in the demo account');
  // S4 recharges a SINGLE card from the issuing balance: fund it far beyond what any run can spend.
  await client.deposit({ currency: single.card_currency, amount: '100000000.00' });
  return {
    cardId: card.card_id,
    rechargeCardId: single.card_id,
    cardholderId: card.cardholder.cardholder_id,
    token: await client.authToken(),
    cardholderCount: holders.length,
    cardCount: cards.length,
    cardIds: active.slice(0, 15).map((c) => c.card_id),
  };
}
