// The bench scenarios (S1–S5) as requests against the gateway, the floor proxy and UQPAY's REST API directly.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kind, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';
import type { LoadRequest } from './load';
import { ROOT } from './processes';

/** `gateway-plain`: the same gateway with in-flight coalescing off (UQPAY_COALESCE=off), call for call like the floor. */
export type Target = 'gateway' | 'gateway-plain' | 'floor' | 'rest';

export interface Scenario {
  id: string;
  target: Target;
  title: string;
  request: LoadRequest;
  /** UQPAY calls per operation this scenario should cost at best (the gateway's target). */
  minCallsPerOp?: number;
}

export interface BenchIds {
  cardId: string;
  rechargeCardId: string;
  cardholderId: string;
  token: string;
  /** Cardholders in the account: S3's minimum is 1 + min(20, this). */
  cardholderCount: number;
}

const S1 =
  'query S1($cardId: UUID!) { card(cardId: $cardId) { status availableBalance { amount currency } cardholder { email } } }';
const S2 = 'query S2 { cards(first: 50) { edges { node { cardholder { email } } } } }';
const S3 = 'query S3 { cardholders(first: 20) { edges { node { cards(first: 5) { edges { node { cardId } } } } } } }';
const S4 =
  'mutation S4($input: CardAmountInput!) { rechargeCard(input: $input) { order { orderId status } card { availableBalance { amount } } userErrors { code message field } } }';

/** The scenarios run on `gateway-plain` too: the reads, where coalescing can share upstream calls. */
const PLAIN_SCENARIOS = ['S1', 'S2', 'S3', 'S5'];

/**
 * Why S4 has no `gateway-plain` row: coalescing shares identical in-flight GETs only, and every POST that settles
 * forgets the GETs in flight. Each request's recharge is its own POST (a fresh idempotency key), and with 16
 * recharges settling all the time the card reads after them almost never share a call (2.0 calls/op under load
 * with coalescing on): the shipped gateway is already call for call there, a plain row would duplicate it.
 */
export const S4_PLAIN =
  'S4 has no gateway-plain row: coalescing shares identical in-flight GETs only and each settled POST forgets them, so S4 (fresh idempotency keys) is call for call as shipped';

export const graphqlFailed = (body: string) => body.includes('"errors"') || !body.includes('"data"');
const mutationFailed = (body: string) => graphqlFailed(body) || !body.includes('"userErrors":[]');

export const post = (path: string, body: unknown, isFailure = graphqlFailed): LoadRequest => ({
  method: 'POST',
  path,
  body: JSON.stringify(body),
  isFailure,
});

export interface PersistedChoice {
  documentId: string;
  operationName: string;
  variables: Record<string, unknown>;
}

/** A query from the generated manifest whose required variables the bench can fill (a card dashboard, ideally). */
export function choosePersistedDocument(ids: BenchIds): PersistedChoice | { missing: string } {
  const file = resolve(ROOT, 'generated/persisted-documents.json');
  if (!existsSync(file)) return { missing: 'generated/persisted-documents.json does not exist' };
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const known: Record<string, unknown> = {
    cardId: ids.cardId,
    cardholderId: ids.cardholderId,
    currency: 'USD',
    first: 10,
  };
  const candidates: PersistedChoice[] = [];
  for (const [hash, text] of Object.entries(manifest)) {
    let op: OperationDefinitionNode | undefined;
    try {
      op = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    } catch {
      continue;
    }
    if (!op || op.operation !== OperationTypeNode.QUERY) continue;
    const variables: Record<string, unknown> = {};
    let ok = true;
    for (const v of op.variableDefinitions ?? []) {
      const name = v.variable.name.value;
      if (name in known) variables[name] = known[name];
      else if (v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue) ok = false;
    }
    if (!ok) continue;
    candidates.push({
      documentId: hash.startsWith('sha256:') ? hash : `sha256:${hash}`,
      operationName: op.name?.value ?? '',
      variables,
    });
  }
  if (candidates.length === 0) return { missing: 'no query in the manifest has variables the bench can fill' };
  return candidates.find((c) => 'cardId' in c.variables) ?? candidates[0]!;
}

export function buildScenarios(ids: BenchIds, persisted: PersistedChoice | { missing: string }): Scenario[] {
  const auth = { 'x-auth-token': `Bearer ${ids.token}` };
  const s3Min = 1 + Math.min(20, ids.cardholderCount);
  const list: Scenario[] = [
    {
      id: 'S1',
      target: 'gateway',
      title: 'card(cardId) { status availableBalance cardholder { email } }',
      minCallsPerOp: 1,
      request: post('/graphql', { query: S1, variables: { cardId: ids.cardId } }),
    },
    {
      id: 'S1',
      target: 'floor',
      title: 'floor: GET card → reshape',
      request: post('/s1', { variables: { cardId: ids.cardId } }),
    },
    {
      id: 'S1',
      target: 'rest',
      title: 'REST: GET /v1/issuing/cards/{id}',
      request: { method: 'GET', path: `/api/v1/issuing/cards/${ids.cardId}`, headers: auth },
    },
    {
      id: 'S2',
      target: 'gateway',
      title: 'cards(first: 50) { cardholder { email } }',
      minCallsPerOp: 1,
      request: post('/graphql', { query: S2 }),
    },
    { id: 'S2', target: 'floor', title: 'floor: GET cards?page_size=50 → reshape', request: post('/s2', {}) },
    {
      id: 'S2',
      target: 'rest',
      title: 'REST: GET /v1/issuing/cards?page_size=50',
      request: { method: 'GET', path: '/api/v1/issuing/cards?page_number=1&page_size=50', headers: auth },
    },
    {
      id: 'S3',
      target: 'gateway',
      title: 'cardholders(first: 20) { cards(first: 5) { cardId } }',
      minCallsPerOp: s3Min,
      request: post('/graphql', { query: S3 }),
    },
    { id: 'S3', target: 'floor', title: 'floor: GET cardholders + 20× GET cards → reshape', request: post('/s3', {}) },
    {
      id: 'S4',
      target: 'gateway',
      title: 'rechargeCard (fresh idempotency key each)',
      minCallsPerOp: 1,
      request: {
        method: 'POST',
        path: '/graphql',
        isFailure: mutationFailed,
        vary: () => ({
          body: JSON.stringify({
            query: S4,
            variables: { input: { cardId: ids.rechargeCardId, amount: '1.00', idempotencyKey: randomUUID() } },
          }),
        }),
      },
    },
    {
      id: 'S4',
      target: 'rest',
      title: 'REST: POST /v1/issuing/cards/{id}/recharge',
      request: {
        method: 'POST',
        path: `/api/v1/issuing/cards/${ids.rechargeCardId}/recharge`,
        headers: auth,
        body: '{"amount":1.00}', // UQPAY takes amounts as JSON numbers
        vary: () => ({ headers: { 'x-idempotency-key': randomUUID() } }),
      },
    },
  ];
  if ('documentId' in persisted) {
    list.push({
      id: 'S5',
      target: 'gateway',
      title: `persisted document ${persisted.operationName} by id`,
      request: post('/graphql', { documentId: persisted.documentId, variables: persisted.variables }),
    });
  }
  // Call for call: every read scenario again on the gateway with coalescing off (S4 is left out, see S4_PLAIN).
  for (const id of PLAIN_SCENARIOS) {
    const g = list.find((x) => x.id === id && x.target === 'gateway');
    if (g) list.splice(list.indexOf(g) + 1, 0, { ...g, target: 'gateway-plain', title: `${g.title} (coalescing off)` });
  }
  return list;
}
