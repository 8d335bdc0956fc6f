// The requests of the per-request cost breakdown, each adding one layer of work to the one before:
//   edge       GET /not-found: node:http and the gateway's edge, which answers the 404 itself (yoga never runs)
//   health     GET /health: + yoga's server adapter (whatwg-node) up to the operator plugin's onRequest answer
//   typename   POST { __typename }: + the GraphQL request (body, parse/validate from the cache, context, a trivial
//              execution, the response, the log line and metrics); no UQPAY call
//   S1         the bench's S1 with coalescing on: + executing S1, its card answered mostly by coalescing
//   cards-N    N distinct cards by id under aliases, coalescing off: N UQPAY calls, for the per-call slope
// The floor gets `health` (bare node:http) and `cards-N` (the same N GETs and reshape).
import { post, type BenchIds, type Scenario } from './scenarios';

const CARD_FIELDS = 'status availableBalance { amount currency } cardholder { email }';

/** One query asking for `cardIds.length` cards, each under its own alias: one UQPAY call per card. */
function cardsQuery(n: number): string {
  const vars = Array.from({ length: n }, (_, i) => `$c${i}: UUID!`).join(', ');
  const fields = Array.from({ length: n }, (_, i) => `c${i}: card(cardId: $c${i}) { ${CARD_FIELDS} }`).join(' ');
  return `query Cards${n}(${vars}) { ${fields} }`;
}

export function buildBreakdownScenarios(ids: BenchIds, cardIds: readonly string[], callCounts: number[]): Scenario[] {
  const S1 = `query S1($cardId: UUID!) { card(cardId: $cardId) { ${CARD_FIELDS} } }`;
  const list: Scenario[] = [
    {
      id: 'edge',
      target: 'gateway',
      title: 'GET /not-found (404 from the edge)',
      request: { method: 'GET', path: '/not-found', status: 404 },
    },
    { id: 'health', target: 'gateway', title: 'GET /health', request: { method: 'GET', path: '/health' } },
    { id: 'health', target: 'floor', title: 'floor: GET /health', request: { method: 'GET', path: '/health' } },
    {
      id: 'typename',
      target: 'gateway',
      title: 'POST { __typename }',
      request: post('/graphql', { query: '{ __typename }' }),
    },
    {
      id: 'S1',
      target: 'gateway',
      title: 'S1, coalescing on',
      request: post('/graphql', { query: S1, variables: { cardId: ids.cardId } }),
    },
  ];
  for (const n of callCounts) {
    if (n > cardIds.length) throw new Error(`--calls ${n}: the bench account has ${cardIds.length} ACTIVE cards`);
    const chosen = cardIds.slice(0, n);
    const variables = Object.fromEntries(chosen.map((id, i) => [`c${i}`, id]));
    list.push(
      {
        id: `cards-${n}`,
        target: 'gateway-plain',
        title: `${n} card(s) by id, coalescing off`,
        minCallsPerOp: n,
        request: post('/graphql', { query: cardsQuery(n), variables }),
      },
      {
        id: `cards-${n}`,
        target: 'floor',
        title: `floor: ${n}× GET card → reshape`,
        minCallsPerOp: n,
        request: post('/cards', { variables: { cardIds: chosen } }),
      },
    );
  }
  return list;
}
