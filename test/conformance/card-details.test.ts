// Card details without PCI scope: UQPAY's single-use card-details token (Go SDK issuing/cards.go CreatePANToken,
// PANTokenResponse {token, expires_in, expires_at}; Node SDK src/resources/issuing/cards.ts createPanToken and
// getSecureIframeUrl), the emulator's stand-in for the secure iframe, and proof that the gateway never returns or
// logs a full card number or CVV: every operation in operations/ and a card journey are run, and every response,
// every subscription event and every log line is scanned for the numbers the card-details page shows.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { Kind, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator/seed';
import { createLogger } from '../../src/logger';
import { WEBHOOK_PATH } from '../../src/webhooks';
import { boot, expectError, type Api } from '../emulator/helpers';
import { startHarness, type Harness } from '../harness';
import { subscribe, type SseSubscription } from '../webhooks/sse';

const C = DEMO_IDS.cards;
const A = DEMO_IDS.accounts;

/** What the card-details page shows: the number (grouped in fours), the expiry and the CVV. */
async function openDetails(emulatorUrl: string, token: string) {
  const res = await fetch(`${emulatorUrl}/card-details?token=${encodeURIComponent(token)}`);
  const html = await res.text();
  const field = (name: string) => new RegExp(`data-field="${name}">([^<]*)<`).exec(html)?.[1];
  return {
    status: res.status,
    html,
    pan: field('card_number')?.replace(/\s/g, ''),
    cvv: field('cvv'),
    expiry: field('expire_date'),
  };
}

describe("the emulator's card-details tokens", () => {
  let api: Api;
  beforeAll(async () => {
    api = await boot({ cardDetailsTokenTtlMs: 300 });
  });
  afterAll(() => api.emu.close());

  it('issues {token, expires_in, expires_at} for a card (Go issuing/cards.go PANTokenResponse)', async () => {
    const before = Date.now();
    const r = await api.post(`/v1/issuing/cards/${C.sophiaUsdSingle}/token`, {});
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['expires_at', 'expires_in', 'token']);
    expect(r.body.token).toMatch(/^[\w-]{32}$/);
    expect(typeof r.body.expires_in).toBe('number');
    expect(Date.parse(r.body.expires_at)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('shows the details once, then refuses the same token; refuses unknown and expired ones (Go CreatePANToken: "expires after 60 seconds and can only be used once")', async () => {
    const { token } = (await api.post(`/v1/issuing/cards/${C.sophiaUsdSingle}/token`, {})).body;
    const first = await openDetails(api.emu.url, token);
    expect(first.status).toBe(200);
    expect(first.pan).toMatch(/^40963608\d{8}$/);
    expect(first.cvv).toMatch(/^\d{3}$/);
    expect(first.expiry).toMatch(/^\d{2}\/\d{2}$/);
    // The number matches the masked one the API shows, and /secure (the PCI endpoint) agrees.
    const masked = (await api.get(`/v1/issuing/cards/${C.sophiaUsdSingle}`)).body.card_number as string;
    expect(masked.slice(-4)).toBe(first.pan!.slice(-4));
    expect((await api.get(`/v1/issuing/cards/${C.sophiaUsdSingle}/secure`)).body).toEqual({
      card_number: first.pan,
      cvv: first.cvv,
      expire_date: first.expiry,
    });

    expect((await openDetails(api.emu.url, token)).status).toBe(410);
    expect((await openDetails(api.emu.url, 'x'.repeat(32))).status).toBe(404);
    const late = (await api.post(`/v1/issuing/cards/${C.sophiaUsdSingle}/token`, {})).body.token;
    await new Promise((r) => setTimeout(r, 350));
    const expired = await openDetails(api.emu.url, late);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('expired');
  });

  it("only for the acting account's cards, and not for a cancelled one", async () => {
    expectError(await api.post(`/v1/issuing/cards/${C.danielUsdSingle}/token`, {}), 404, 'not_found', 'card_not_found');
    expectError(
      await api.post(`/v1/issuing/cards/${C.liamUsdCancelled}/token`, {}),
      400,
      'card_error',
      'invalid_card_status',
    );
  });
});

describe('the gateway never returns or logs a full card number or CVV', () => {
  let h: Harness;
  const lines: string[] = [];
  const responses: string[] = [];
  const open: SseSubscription[] = [];
  const pans = new Set<string>();
  const cvvs = new Set<string>();
  const tokens: string[] = [];

  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const res = await h.gql(query, variables);
    responses.push(JSON.stringify(res));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data;
  };

  /** Through the gateway: a token; through the "iframe": what the cardholder sees. */
  async function reveal(cardId: string) {
    const data = await gql(
      'mutation ($input: CardDetailsTokenInput!) { createCardDetailsToken(input: $input) { token expiresAt expiresIn userErrors { code message } } }',
      { input: { cardId, idempotencyKey: randomUUID() } },
    );
    const p = data.createCardDetailsToken;
    expect(p.userErrors).toEqual([]);
    expect(Date.parse(p.expiresAt) - Date.now()).toBeGreaterThan(30_000);
    expect(Date.parse(p.expiresAt) - Date.now()).toBeLessThanOrEqual(61_000);
    tokens.push(p.token);
    const shown = await openDetails(h.emulator.url, p.token);
    expect(shown.status).toBe(200);
    pans.add(shown.pan!);
    cvvs.add(shown.cvv!);
    return shown;
  }

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    h = await startHarness({
      deps: {
        logger: createLogger({ level: 'trace', destination: sink, secrets: ['demo-api-key', 'demo-webhook-secret'] }),
      },
    });
    h.emulator.setWebhookUrl(h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH);
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await h?.close();
  });

  it('createCardDetailsToken answers a token the card-details page accepts once; a foreign card is NOT_FOUND', async () => {
    const shown = await reveal(C.sophiaUsdSingle);
    expect(shown.pan).toMatch(/^\d{16}$/);
    expect((await openDetails(h.emulator.url, tokens.at(-1)!)).status).toBe(410);
    const foreign = await gql(
      'mutation ($input: CardDetailsTokenInput!) { createCardDetailsToken(input: $input) { token userErrors { code field } } }',
      { input: { cardId: C.danielUsdSingle, idempotencyKey: randomUUID() } },
    );
    expect(foreign.createCardDetailsToken).toEqual({
      token: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'cardId'] }],
    });
  });

  it('every operation in operations/, subscriptions and a card journey: no PAN or CVV in any response, event or log line; /secure never called', async () => {
    for (const query of [
      'subscription { cardEvents { eventId type maskedNumber description card { maskedNumber } } }',
      'subscription { cardholderEvents { eventId type data } }',
      'subscription { issuingEvents { eventId type data } }',
    ]) {
      open.push(await subscribe(h.gateway.url, query));
    }
    const documents = readdirSync(new URL('../../operations/', import.meta.url))
      .filter((f) => f.endsWith('.graphql'))
      .map((f) => readFileSync(new URL(`../../operations/${f}`, import.meta.url), 'utf8'));
    const ops = new Map<string, string>();
    for (const text of documents) {
      const doc = parse(text);
      for (const def of doc.definitions) {
        const op = def as OperationDefinitionNode;
        // Subscriptions are covered by the three streams opened above.
        if (op.kind !== Kind.OPERATION_DEFINITION || !op.name || op.operation === OperationTypeNode.SUBSCRIPTION)
          continue;
        ops.set(op.name.value, text);
      }
    }

    // The plan runs each operation with variables for the seeded data and what earlier steps created.
    const ids: Record<string, string> = {};
    const email = `pan.scan.${randomUUID().slice(0, 8)}@example.org`;
    const plan: [string, () => Record<string, unknown>, (data: any) => void][] = [
      ['CardProducts', () => ({}), () => undefined],
      [
        'CreateCardholder',
        () => ({
          input: {
            firstName: 'Pan',
            lastName: 'Scan',
            email,
            countryCode: 'SG',
            phoneNumber: '97651234',
            idempotencyKey: randomUUID(),
          },
        }),
        (d) => (ids.holder = d.createCardholder.cardholder.cardholderId),
      ],
      [
        'UpdateCardholder',
        () => ({ input: { cardholderId: ids.holder, email: `x.${email}`, idempotencyKey: randomUUID() } }),
        () => undefined,
      ],
      [
        'CreateCard',
        () => ({
          input: {
            cardholderId: ids.holder,
            productId: DEMO_IDS.products.single,
            currency: 'USD',
            cardLimit: '20.00',
            idempotencyKey: randomUUID(),
          },
        }),
        (d) => (ids.card = d.createCard.card.cardId),
      ],
      [
        'RechargeCard',
        () => ({ input: { cardId: ids.card, amount: '5.00', idempotencyKey: randomUUID() } }),
        () => undefined,
      ],
      [
        'WithdrawCard',
        () => ({ input: { cardId: ids.card, amount: '1.00', idempotencyKey: randomUUID() } }),
        () => undefined,
      ],
      [
        'CreateCardDetailsToken',
        () => ({ input: { cardId: ids.card, idempotencyKey: randomUUID() } }),
        (d) => tokens.push(d.createCardDetailsToken.token),
      ],
      [
        'ElevateCardLimit',
        () => ({ input: { cardId: ids.card, limitAmount: '50.00', durationInDays: 2, idempotencyKey: randomUUID() } }),
        () => undefined,
      ],
      [
        'SetCardStatus',
        () => ({ input: { cardId: ids.card, status: 'FROZEN', reason: 'scan', idempotencyKey: randomUUID() } }),
        () => undefined,
      ],
      [
        'CreateTransfer',
        () => ({
          input: {
            sourceAccountId: A.master,
            destinationAccountId: A.acmeTravel,
            amount: '1.00',
            currency: 'USD',
            idempotencyKey: randomUUID(),
          },
        }),
        (d) => (ids.transfer = d.createTransfer.transfer.transferId),
      ],
      ['Transfer', () => ({ transferId: ids.transfer }), () => undefined],
      ['CardDashboard', () => ({}), () => undefined],
      ['CardDetail', () => ({ cardId: ids.card }), () => undefined],
      ['Cardholders', () => ({}), () => undefined],
      ['ConnectedAccountBalances', () => ({}), () => undefined],
      // The journey's events as the event log kept them (card numbers masked there too).
      ['EventHistory', () => ({ first: 50 }), () => undefined],
    ];
    // A new operation in operations/ fails here until the plan runs it.
    expect(plan.map(([name]) => name).sort()).toEqual([...ops.keys()].sort());

    for (const [name, vars, after] of plan) {
      const res = await fetch(h.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ops.get(name), operationName: name, variables: vars() }),
      });
      const text = await res.text();
      responses.push(text);
      const body = JSON.parse(text) as { data?: any; errors?: unknown[] };
      expect(body.errors, `${name}: ${text}`).toBeUndefined();
      after(body.data);
    }

    // The journey beyond operations/: assign a provisioned card by its full number, read every card.
    const assignedPan = DEMO_IDS.assignablePans[2]!;
    pans.add(assignedPan);
    const assigned = await gql(
      'mutation ($input: AssignCardInput!) { assignCard(input: $input) { card { cardId maskedNumber } order { orderId } userErrors { code message field } } }',
      {
        input: {
          cardholderId: DEMO_IDS.cardholders.sophiaTan,
          cardNumber: assignedPan,
          currency: 'USD',
          mode: 'SHARE',
          idempotencyKey: randomUUID(),
        },
      },
    );
    expect(assigned.assignCard.userErrors).toEqual([]);
    // A wrong number echoed in an upstream error must not come back either.
    await gql(
      'mutation ($input: AssignCardInput!) { assignCard(input: $input) { userErrors { code message field } } }',
      {
        input: {
          cardholderId: DEMO_IDS.cardholders.sophiaTan,
          cardNumber: assignedPan,
          currency: 'USD',
          mode: 'SHARE',
          idempotencyKey: randomUUID(),
        },
      },
    );
    await gql(
      '{ cards(first: 50) { edges { node { cardId maskedNumber cardholder { cardholderId } transactions(first: 5) { edges { node { maskedCardNumber } } } } } } }',
    );
    for (const id of [C.sophiaUsdSingle, C.liamSgdSingle, C.oliviaUsdShare, ids.card!, assigned.assignCard.card.cardId])
      await reveal(id);
    for (const id of Object.values(C)) {
      const r = await h.gql('query ($id: UUID!) { card(cardId: $id) { maskedNumber } }', { id });
      responses.push(JSON.stringify(r));
    }
    await new Promise((r) => setTimeout(r, 300)); // let the last webhooks reach the subscriptions
    for (const s of open) responses.push(JSON.stringify(s.results));
    expect(open.some((s) => s.results.length > 0)).toBe(true);

    // Every number the cardholder could see, in any common spelling, anywhere the gateway wrote.
    expect(pans.size).toBe(5);
    const spellings = [...pans].flatMap((p) => [
      p,
      p.replace(/(\d{4})(?=\d)/g, '$1 '),
      p.replace(/(\d{4})(?=\d)/g, '$1-'),
    ]);
    const everything = [...responses, ...lines].join('\n');
    for (const s of spellings) expect(everything.includes(s), `full card number ${s.slice(-4)} leaked`).toBe(false);
    expect(/"cvv"|"expire_date"/i.test(everything)).toBe(false);
    for (const cvv of cvvs) expect(responses.join('\n').includes(`"${cvv}"`), 'a CVV leaked').toBe(false);
    // The token is for the caller alone: never in a log line.
    expect(tokens.length).toBeGreaterThanOrEqual(7);
    for (const t of tokens) expect(lines.join('\n').includes(t), 'a card-details token was logged').toBe(false);
    expect(lines.length).toBeGreaterThan(20);

    const stats = await h.stats();
    expect(stats['GET /v1/issuing/cards/{id}/secure'] ?? 0).toBe(0);
    expect(stats['POST /v1/issuing/cards/{id}/token']).toBeGreaterThanOrEqual(7);
  });
});

describe('a full card number from upstream is re-masked', () => {
  it('Card.maskedNumber and Transaction.maskedCardNumber never pass on 13+ digits, whatever UQPAY sends', async () => {
    const { startEmulator } = await import('../../src/emulator');
    const { startRewritingProxy } = await import('./rewriting-proxy');
    const { loadConfig } = await import('../../src/config');
    const { startGateway } = await import('../../src/server');
    const emulator = await startEmulator({ port: 0 });
    const FULL = '4096360800000015';
    const proxy = await startRewritingProxy(emulator.url, (route, body: any) => {
      if (route.startsWith('GET /api/v1/issuing/cards/')) return { ...body, card_number: FULL };
      if (route.startsWith('GET /api/v1/issuing/transactions/')) return { ...body, card_number: '4096 3608 0000 0015' };
      return body;
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      UQPAY_BASE_URL: proxy.baseUrl,
      UQPAY_CLIENT_ID: emulator.clientId,
      UQPAY_API_KEY: emulator.apiKey,
    });
    const gateway = await startGateway(config, { logger: createLogger({ level: 'silent' }) });
    try {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ card(cardId: "${C.sophiaUsdSingle}") { maskedNumber } transaction(transactionId: "${DEMO_IDS.transactions.sophiaGrab}") { maskedCardNumber } }`,
        }),
      });
      const body = await res.json();
      expect(body.data).toEqual({
        card: { maskedNumber: '************0015' },
        transaction: { maskedCardNumber: '************0015' },
      });
    } finally {
      await gateway.close();
      await proxy.close();
      await emulator.close();
    }
  });
});
