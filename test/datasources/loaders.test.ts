// Per-request loaders over real HTTP: dedupe, priming, one list call for products/balances, bounded fan-out,
// not-found → null, and two accounts queried concurrently never seeing each other's objects or caches.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { UqpayError, createLoaders, primeCardholders, primeCards, type UqpayClient } from '../../src/datasources/uqpay';
import { client, emulator, fakeUpstream, json, type TestEmulator } from './helpers';

let emu: TestEmulator;
let c: UqpayClient;
const ACME = DEMO_IDS.accounts.acmeTravel;
const GLOBEX = DEMO_IDS.accounts.globexMedia;

beforeAll(async () => {
  emu = await emulator();
  c = client(emu.baseUrl);
  await c.ready();
});
afterAll(async () => {
  await c.close();
  await emu.close();
});
beforeEach(async () => emu.resetStats());

describe('loaders', () => {
  it('identical loads dedupe to one call per id; not-found is null', async () => {
    const l = createLoaders(c.api, {});
    const ids = [DEMO_IDS.cards.sophiaUsdSingle, DEMO_IDS.cards.liamSgdSingle, DEMO_IDS.cards.sophiaUsdSingle];
    const missing = 'ca000000-0000-4000-8000-0000000fffff';
    const got = await Promise.all([...ids, ...ids, missing].map((id) => l.card.load(id)));
    expect(got.slice(0, 6).map((x) => x?.card_id)).toEqual([...ids, ...ids]);
    expect(got[6]).toBeNull();
    expect(await emu.requests('GET /v1/issuing/cards/{id}')).toBe(3);
    // later loads in the same request are served from the cache
    await l.card.load(DEMO_IDS.cards.liamSgdSingle);
    expect(await emu.requests('GET /v1/issuing/cards/{id}')).toBe(3);
  });

  it('a loaded card primes its cardholder: card { cardholder } costs zero Retrieve Cardholder calls', async () => {
    const l = createLoaders(c.api, {});
    const card = await l.card.load(DEMO_IDS.cards.sophiaUsdSingle);
    const holder = await l.cardholder.load(card!.cardholder.cardholder_id);
    expect(holder?.first_name).toBe('Sophia');
    expect(await emu.requests('GET /v1/issuing/cardholders/{id}')).toBe(0);
  });

  it('primeCards from a list: cards and their cardholders cost zero by-id calls', async () => {
    const l = createLoaders(c.api, {});
    const page = await c.api.cards.list({}, { page_size: 100 });
    primeCards(l, page.data);
    const cards = await Promise.all(page.data.map((x) => l.card.load(x.card_id)));
    const holders = await Promise.all(cards.map((x) => l.cardholder.load(x!.cardholder.cardholder_id)));
    expect(holders.every((h) => h !== null)).toBe(true);
    const s = (await emu.stats()).requests;
    expect(s['GET /v1/issuing/cards']).toBe(1);
    expect(s['GET /v1/issuing/cards/{id}'] ?? 0).toBe(0);
    expect(s['GET /v1/issuing/cardholders/{id}'] ?? 0).toBe(0);

    const l2 = createLoaders(c.api, {});
    const list = await c.api.cardholders.list({}, { page_size: 100 });
    primeCardholders(l2, list.data);
    await Promise.all(list.data.map((h) => l2.cardholder.load(h.cardholder_id)));
    expect((await emu.stats()).requests['GET /v1/issuing/cardholders/{id}'] ?? 0).toBe(0);
  });

  it('products and balances come from ONE list call per loaders instance (GET, never the POST retrieve)', async () => {
    const l = createLoaders(c.api, {});
    const P = DEMO_IDS.products;
    const [a, b, m, none] = await Promise.all([
      l.product.load(P.single),
      l.product.load(P.share),
      l.product.load(P.mastercard),
      l.product.load('nope'),
    ]);
    expect([a?.product_id, b?.product_id, m?.product_id, none]).toEqual([P.single, P.share, P.mastercard, null]);
    await l.product.load(P.single);
    const [usd, sgd, usdLower, eur] = await Promise.all([
      l.balance.load('USD'),
      l.balance.load('SGD'),
      l.balance.load('usd'),
      l.balance.load('EUR'),
    ]);
    expect(usd?.currency).toBe('USD');
    expect(sgd?.currency).toBe('SGD');
    expect(usdLower).toBe(usd);
    expect(eur).toBeNull();
    // a later batch in the same request reuses the list
    await l.balance.load('SGD');
    await l.product.load(P.share);
    const s = (await emu.stats()).requests;
    expect(s['GET /v1/issuing/products']).toBe(1);
    expect(s['GET /v1/issuing/balances']).toBe(1);
    expect(s['POST /v1/issuing/balances'] ?? 0).toBe(0);
  });

  it("two accounts queried concurrently never see each other's objects or cached values", async () => {
    const acme = createLoaders(c.api, { accountId: ACME });
    const globex = createLoaders(c.api, { accountId: GLOBEX });
    const daniel = DEMO_IDS.cards.danielUsdSingle; // Acme's card
    const emma = DEMO_IDS.cards.emmaUsdShare; // Globex's card
    const rounds = await Promise.all(
      Array.from({ length: 10 }, () =>
        Promise.all([
          acme.card.load(daniel),
          acme.card.load(emma),
          globex.card.load(daniel),
          globex.card.load(emma),
          acme.balance.load('USD'),
          globex.balance.load('USD'),
        ]),
      ),
    );
    for (const [aDaniel, aEmma, gDaniel, gEmma, aUsd, gUsd] of rounds) {
      expect(aDaniel?.card_id).toBe(daniel);
      expect(aEmma).toBeNull();
      expect(gDaniel).toBeNull();
      expect(gEmma?.card_id).toBe(emma);
      expect(aUsd?.balance_id).not.toBe(gUsd?.balance_id);
    }
    // the master account sees neither sub-account's card
    const master = createLoaders(c.api, {});
    expect(await master.card.load(daniel)).toBeNull();
    // each (account, id) was fetched once: 2 accounts × 2 ids, + master's 1; one balances list per account
    const s = (await emu.stats()).requests;
    expect(s['GET /v1/issuing/cards/{id}']).toBe(5);
    expect(s['GET /v1/issuing/balances']).toBe(2);
  });

  it('an unknown on-behalf-of account is an error, not null', async () => {
    const l = createLoaders(c.api, { accountId: 'ac000000-0000-4000-8000-00000000dead' });
    const err = await l.card.load(DEMO_IDS.cards.sophiaUsdSingle).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UqpayError);
    expect(err).toMatchObject({ type: 'account_error', code: 'sub_account_not_found' });
  });

  it('a batch fans out with bounded concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const up = await fakeUpstream((req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        const id = req.url.split('/').pop();
        json(res, 200, {
          transfer_id: id,
          amount: 5,
          source_account_id: 'a',
          destination_account_id: 'b',
          currency: 'USD',
          transfer_status: 'completed',
        });
      }, 20);
    });
    const uc = client(up.baseUrl);
    try {
      const l = createLoaders(uc.api, {}, { concurrency: 3 });
      const got = await Promise.all(Array.from({ length: 12 }, (_, i) => l.transfer.load(`t${i}`)));
      expect(got.map((t) => t?.transfer_id)).toEqual(Array.from({ length: 12 }, (_, i) => `t${i}`));
      expect(got[0]?.amount).toBe('5');
      expect(peak).toBe(3);
    } finally {
      await uc.close();
      await up.close();
    }
  });
});
