// The logs of a full journey, captured at trace level from the logger's destination stream: assign a card by
// its full PAN, recharge it, hit upstream errors (a 4xx that echoes input, a 5xx with retries), receive webhooks.
// Not one secret may appear: the PAN, UQPAY's API key, a token (JWT), the webhook secret, the caller's key.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { ASSIGNABLE_PANS } from '../../src/emulator/cardnumbers';
import { createLogger } from '../../src/logger';
import { startHarness, type Harness } from '../harness';
import { accessFiles, bearer, FRONTEND_KEY, post } from '../access/helpers';

// UQPAY's docs' number (assigned by the inline mutation below, then refused as already assigned) and a
// second provisioned number, assigned through variables.
const PAN = '4096360800133951';
const VALID_PAN = ASSIGNABLE_PANS[1]!;
const lines: string[] = [];
let h: Harness;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const { keysFile } = accessFiles();
  // The logger main.ts builds, but writing to our sink at the most verbose level.
  const logger = createLogger({ level: 'trace', destination: sink, secrets: ['demo-api-key', 'demo-webhook-secret'] });
  h = await startHarness({ env: { GATEWAY_KEYS_FILE: keysFile, UQPAY_MAX_RETRIES: '1' }, deps: { logger } });
  const origin = new URL(h.gateway.url).origin;
  await fetch(`${h.emulator.url}/__emulator/webhooks/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${origin}/webhooks/uqpay` }),
  });
});
afterAll(async () => {
  await h?.close();
});

it("keeps card numbers, keys, tokens and the webhook secret out of a full journey's logs", async () => {
  const auth = { ...bearer(FRONTEND_KEY), 'x-request-id': 'journey-1' };
  const gql = (query: string, variables?: Record<string, unknown>) => post(h.gateway.url, { query, variables }, auth);
  const assign = `mutation Assign($input: AssignCardInput!) { assignCard(input: $input) { card { cardId maskedNumber } order { orderId } userErrors { code message field } } }`;
  const input = { cardholderId: DEMO_IDS.cardholders.sophiaTan, cardNumber: PAN, currency: 'USD', mode: 'SHARE' };

  // Inline in the document (error logs quote documents), then as a variable.
  const inline = await gql(
    `mutation AssignInline { assignCard(input: { cardholderId: "${input.cardholderId}", cardNumber: "${PAN}", currency: "USD", mode: SHARE,
      idempotencyKey: "${randomUUID()}" }) { card { cardId } userErrors { code } } }`,
  );
  expect(JSON.stringify(inline.body)).not.toContain(PAN);
  expect(inline.body.data?.assignCard?.card?.cardId, JSON.stringify(inline.body)).toBeTruthy();
  const docsPan = await gql(assign, { input: { ...input, idempotencyKey: randomUUID() } });
  expect(docsPan.body.data?.assignCard?.userErrors?.[0]?.code).toBe('CARD_ALREADY_ASSIGNED');
  expect(JSON.stringify(docsPan.body)).not.toContain(PAN);
  const assigned = await gql(assign, { input: { ...input, cardNumber: VALID_PAN, idempotencyKey: randomUUID() } });
  const cardId = assigned.body.data?.assignCard?.card?.cardId as string;
  expect(cardId, JSON.stringify(assigned.body)).toBeTruthy();
  expect(JSON.stringify(assigned.body)).not.toContain(PAN);

  // The same PAN again: UQPAY refuses it (a 4xx whose message may echo the number).
  const again = await gql(assign, {
    input: {
      ...input,
      cardNumber: VALID_PAN,
      cardholderId: DEMO_IDS.cardholders.liamWong,
      idempotencyKey: randomUUID(),
    },
  });
  expect(again.body.data?.assignCard?.userErrors?.length).toBeGreaterThan(0);
  expect(JSON.stringify(again.body)).not.toContain(VALID_PAN);

  const recharge = `mutation Recharge($input: CardAmountInput!) { rechargeCard(input: $input) { order { orderId status } userErrors { code message } } }`;
  const prepaid = DEMO_IDS.cards.sophiaUsdSingle;
  const recharged = await gql(recharge, { input: { cardId: prepaid, amount: '10.00', idempotencyKey: randomUUID() } });
  expect(recharged.body.data?.rechargeCard?.userErrors).toEqual([]);
  // Too much: an upstream business error.
  await gql(recharge, { input: { cardId: prepaid, amount: '99999999.00', idempotencyKey: randomUUID() } });

  // UQPAY answering 5xx: retried, then a masked error.
  await fetch(`${h.emulator.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ errorRate: 1 }),
  });
  const down = await gql(`query Down { card(cardId: "${cardId}") { cardId maskedNumber } }`);
  await fetch(`${h.emulator.url}/__emulator/faults`, { method: 'DELETE' });
  expect(down.body.errors?.length).toBeGreaterThan(0);

  // Let webhook deliveries (recharge, assign) arrive and be logged.
  await new Promise((r) => setTimeout(r, 300));

  const log = lines.join('\n');
  expect(lines.length).toBeGreaterThan(10);
  expect(log).toContain('journey-1'); // request logs carry the request id
  expect(log).toMatch(/"operation":"Assign"/);
  expect(log).toMatch(/"level":"(warn|error)"/); // the upstream failures were logged

  for (const pan of [PAN, VALID_PAN]) {
    expect(log).not.toContain(pan);
    expect(log).not.toMatch(new RegExp(pan.replace(/(\d{4})(?=\d)/g, '$1[ -]?')));
  }
  expect(log).not.toContain('demo-api-key');
  expect(log).not.toContain('demo-webhook-secret');
  expect(log).not.toContain(FRONTEND_KEY);
  expect(log).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
});
