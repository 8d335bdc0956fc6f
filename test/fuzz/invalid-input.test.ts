// Thousands of generated invalid requests against a real gateway process over a real emulator process. Each one
// must get a GraphQL error or a userError (HTTP 4xx or 200), never a 5xx or a crash, and none may reach UQPAY:
// the emulator's request counters stay at zero for every family. Replay a failure with FUZZ_SEED=<seed>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../bench/prng';
import { postGraphQL, startStack, type Stack } from '../../bench/stack';
import {
  aliasFlood,
  deepNesting,
  hugeStrings,
  invalidAmounts,
  invalidMutationFields,
  invalidNames,
  invalidUuids,
  malformedJson,
  oversizedBody,
  unknownPersistedIds,
  wrongVariableTypes,
  type FuzzCase,
  type FuzzIds,
} from './generators';

const SEED = Number(process.env.FUZZ_SEED ?? 20240509);
const CONCURRENCY = 8;

const families: { name: string; count: number; make: (rng: Rng, ids: FuzzIds) => FuzzCase }[] = [
  { name: 'malformed JSON and documents', count: 400, make: (rng) => malformedJson(rng) },
  { name: 'wrong variable types', count: 300, make: wrongVariableTypes },
  { name: 'huge strings', count: 80, make: hugeStrings },
  { name: 'invalid UUIDs', count: 500, make: (rng) => invalidUuids(rng) },
  { name: 'invalid amounts', count: 500, make: invalidAmounts },
  { name: 'invalid mutation fields', count: 200, make: invalidMutationFields },
  { name: 'unicode and control characters in names', count: 300, make: (rng) => invalidNames(rng) },
  { name: 'deep nesting', count: 150, make: deepNesting },
  { name: 'alias and field floods', count: 80, make: aliasFlood },
  { name: 'unknown persisted ids', count: 300, make: (rng) => unknownPersistedIds(rng) },
  { name: 'oversized bodies', count: 16, make: (rng) => oversizedBody(rng) },
];

interface Verdict {
  label: string;
  problem: string;
}

async function judge(stack: Stack, c: FuzzCase): Promise<Verdict | undefined> {
  let res;
  try {
    res = await postGraphQL(stack.gateway.graphqlUrl, c.body, { contentType: c.contentType, timeoutMs: 20_000 });
  } catch (err) {
    // A server may answer 413 and close before reading a many-MB body; the client then sees a reset.
    if (c.family === 'oversized' && !stack.gateway.hasExited()) return undefined;
    return { label: c.label, problem: `transport error: ${(err as Error).message}` };
  }
  if (res.status >= 500) return { label: c.label, problem: `HTTP ${res.status}: ${res.text.slice(0, 200)}` };
  if (res.status >= 400) return undefined;
  if (res.status !== 200) return { label: c.label, problem: `HTTP ${res.status}` };
  if (!res.json) return { label: c.label, problem: `200 without a JSON body: ${res.text.slice(0, 200)}` };
  if (res.json.errors?.length) return undefined;
  const payload = c.payloadField
    ? (res.json.data as Record<string, { userErrors?: unknown[] } | null> | null | undefined)?.[c.payloadField]
    : undefined;
  if (payload?.userErrors?.length) return undefined;
  return { label: c.label, problem: `accepted: ${res.text.slice(0, 300)}` };
}

describe('fuzz: invalid input never reaches UQPAY and never breaks the gateway', () => {
  let stack: Stack;
  let ids: FuzzIds;

  beforeAll(async () => {
    stack = await startStack();
    const up = stack.upstream;
    const cards = await up.listAll<{ card_id: string; card_status: string; cardholder: { cardholder_id: string } }>(
      '/v1/issuing/cards',
    );
    const card = cards.find((c) => c.card_status === 'ACTIVE') ?? cards[0]!;
    const subs = (await up.get<{ data: { account_id: string }[] }>('/v1/accounts')).data;
    ids = {
      cardId: card.card_id,
      cardholderId: card.cardholder.cardholder_id,
      masterAccountId: await up.masterAccountId(),
      subAccountId: subs[0]!.account_id,
    };
    // A valid query first, so the gateway holds its token and every later upstream call would be the fuzz's.
    const ok = await postGraphQL(stack.gateway.graphqlUrl, {
      query: 'query($id: UUID!) { card(cardId: $id) { status } }',
      variables: { id: ids.cardId },
    });
    expect(ok.json?.errors).toBeUndefined();
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
  });

  families.forEach((family, index) => {
    it(`${family.name}: ${family.count} requests → errors, zero upstream calls`, async () => {
      const rng = createRng(SEED + index);
      const cases = Array.from({ length: family.count }, () => family.make(rng, ids));
      await stack.upstream.resetStats();
      const problems: Verdict[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let c = cases[next++]; c; c = cases[next++]) {
            const v = await judge(stack, c);
            if (v) problems.push(v);
          }
        }),
      );
      const stats = await stack.upstream.stats();
      const upstreamCalls = Object.entries(stats.requests).filter(([, n]) => n > 0);
      expect(stack.gateway.hasExited(), stack.gateway.output().slice(-2000)).toBe(false);
      expect(
        problems.slice(0, 10).map((p) => `${p.label} → ${p.problem.slice(0, 160)}`),
        `seed ${SEED + index}: ${problems.length} of ${family.count} failed`,
      ).toEqual([]);
      expect(Object.fromEntries(upstreamCalls), `seed ${SEED + index}: invalid input reached UQPAY`).toEqual({});
    }, 60_000);
  });

  it('still serves valid queries afterwards, with no unhandled rejection', async () => {
    const ok = await postGraphQL(stack.gateway.graphqlUrl, {
      query: 'query($id: UUID!) { card(cardId: $id) { status } }',
      variables: { id: ids.cardId },
    });
    expect(ok.status).toBe(200);
    expect(ok.json?.errors).toBeUndefined();
    expect(stack.gateway.output()).not.toMatch(/unhandled/i);
  });
});
