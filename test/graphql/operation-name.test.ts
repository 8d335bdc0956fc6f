// A document with several operations runs the one `operationName` names. graphql-jit's envelop plugin caches one
// compiled operation per document, whatever operationName asks for: the second name got the first's result (and a
// query's name could run a mutation). Documents with more than one operation therefore run on graphql-js.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DEMO_IDS } from '../../src/emulator/seed';
import { startHarness, type Harness } from '../harness';

describe('operationName in a multi-operation document', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  const run = async (query: string, operationName: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, operationName, variables }),
    });
    return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };

  it('runs the named operation every time, whichever ran first', async () => {
    const doc = 'query A { cardProducts { productId } }\nquery B { balances { currency } }';
    const keys = [];
    for (const op of ['A', 'B', 'B', 'A']) keys.push(Object.keys((await run(doc, op)).data ?? {}));
    expect(keys).toEqual([['cardProducts'], ['balances'], ['balances'], ['cardProducts']]);
  });

  it("a query's name never runs the document's mutation, nor the other way round", async () => {
    const doc = `query Read { card(cardId: "${DEMO_IDS.cards.liamSgdSingle}") { availableBalance { amount } } }
      mutation Spend($input: CardAmountInput!) { withdrawCard(input: $input) { userErrors { code } } }`;
    const before = (await run(doc, 'Read')).data as any;
    const spent = await run(doc, 'Spend', {
      input: { cardId: DEMO_IDS.cards.liamSgdSingle, amount: '1.00', idempotencyKey: randomUUID() },
    });
    expect(Object.keys(spent.data ?? {})).toEqual(['withdrawCard']);
    const after = (await run(doc, 'Read')).data as any;
    expect(Number(after.card.availableBalance.amount)).toBe(Number(before.card.availableBalance.amount) - 1);
  });
});
