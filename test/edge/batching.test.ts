// Batched operations (a JSON array in one POST), as Apollo Client's BatchHttpLink sends them: each operation goes
// through keys, partner rules, document limits and the per-operation upstream call limit on its own; a batch over
// GATEWAY_MAX_BATCH_SIZE is refused whole, and the whole batch counts against the body limit.
import { ApolloClient, ApolloLink, InMemoryCache, gql, type DocumentNode } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { getOperationAST, print } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { accessFiles, ACME, bearer, FRONTEND_KEY, PARTNER_KEY, post, sha256 } from '../access/helpers';
import { startHarness, totalCalls, type Harness } from '../harness';

const C = DEMO_IDS.cards;
const MAX_BATCH = 4;
const MAX_BODY = 30_000;
const PARTNER_CARD = 'query PartnerBatchCard($cardId: UUID!) { card(cardId: $cardId) { cardId status } }';

let h: Harness;
let files: ReturnType<typeof accessFiles>;
/** Every HTTP request a link sent, with its body. */
const sent: unknown[] = [];
const countingFetch: typeof fetch = async (input, init) => {
  sent.push(JSON.parse(init?.body as string));
  return fetch(input, init);
};

beforeAll(async () => {
  files = accessFiles([PARTNER_CARD]);
  h = await startHarness({
    env: {
      GATEWAY_KEYS_FILE: files.keysFile,
      GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile,
      GATEWAY_MAX_BATCH_SIZE: String(MAX_BATCH),
      GATEWAY_MAX_BODY_BYTES: String(MAX_BODY),
    },
  });
});
afterAll(async () => h?.close());
beforeEach(async () => {
  sent.length = 0;
  await h.resetStats();
});

function client(key: string, opts: { persisted?: boolean; batchMax?: number } = {}): ApolloClient {
  const batch = new BatchHttpLink({
    uri: h.gateway.url,
    headers: bearer(key),
    fetch: countingFetch,
    batchMax: opts.batchMax ?? 10,
    batchInterval: 20,
  });
  // Partners address documents by their manifest id (the persisted documents' sha256), not Apollo's own hash.
  const persisted = new PersistedQueryLink({
    generateHash: (document: DocumentNode) => {
      const name = getOperationAST(document)?.name?.value;
      return name === 'PartnerBatchCard' ? files.ids.PartnerBatchCard! : sha256(print(document));
    },
  });
  return new ApolloClient({
    link: opts.persisted ? ApolloLink.from([persisted, batch]) : batch,
    cache: new InMemoryCache(),
  });
}

/** One query, its errors in the result (not thrown), never from the cache. */
const run = (apollo: ApolloClient, query: DocumentNode, variables?: Record<string, unknown>) =>
  apollo.query({ query, variables, errorPolicy: 'all', fetchPolicy: 'no-cache' });

const cardQuery = (n: number) => gql`
  query BatchCard${n}($cardId: UUID!) { card(cardId: $cardId) { cardId status } }
`;
const code = (r: { error?: unknown }) =>
  (r.error as { errors?: { extensions?: { code?: string } }[] } | undefined)?.errors?.[0]?.extensions?.code;

describe("Apollo's BatchHttpLink", () => {
  it('sends several queries in one request and gets each answer', async () => {
    const apollo = client(FRONTEND_KEY);
    const ids = [C.sophiaUsdSingle, C.liamSgdSingle, C.oliviaUsdShare];
    const results = await Promise.all(ids.map((cardId, i) => run(apollo, cardQuery(i), { cardId })));
    expect(results.map((r) => (r.data as { card: { cardId: string } }).card.cardId)).toEqual(ids);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(3);
    // One request in the metrics, labelled as a batch (operation names are the operations' own elsewhere).
    const metrics = await (await fetch(h.gateway.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/gateway_graphql_request_duration_seconds_count\{operation="\(batch\)",type="query"\} \d/);
  });

  it('limits each operation on its own: one over the upstream call limit is refused, the others run', async () => {
    const apollo = client(FRONTEND_KEY);
    // Each of these two may make 61 UQPAY calls (one page of 60 cards, one transactions call per card): together
    // more than GATEWAY_MAX_UPSTREAM_CALLS (100), each within it.
    const sixty = gql`
      query SixtyCards {
        cards(first: 60) {
          edges {
            node {
              cardId
              transactions(first: 1) {
                totalCount
              }
            }
          }
        }
      }
    `;
    const sixtyAgain = gql`
      query SixtyCardsAgain {
        cards(first: 60) {
          edges {
            node {
              cardId
              transactions(first: 1) {
                totalCount
              }
            }
          }
        }
      }
    `;
    const tooMany = gql`
      query HundredCards {
        cards(first: 100) {
          edges {
            node {
              cardId
              transactions(first: 1) {
                totalCount
              }
            }
          }
        }
      }
    `;
    const [a, b, c] = await Promise.all([run(apollo, sixty), run(apollo, sixtyAgain), run(apollo, tooMany)]);
    expect(sent).toHaveLength(1);
    expect(a.error).toBeUndefined();
    expect(b.error).toBeUndefined();
    expect((a.data as { cards: { edges: unknown[] } }).cards.edges.length).toBeGreaterThan(0);
    expect(code(c)).toBe('QUERY_LIMIT_EXCEEDED');
    expect(c.data ?? null).toBeNull();
  });

  it('holds a partner to persisted documents per operation, and to its own account', async () => {
    const apollo = client(PARTNER_KEY, { persisted: true });
    const [own, other, arbitrary] = await Promise.all([
      run(apollo, gql(PARTNER_CARD), { cardId: C.danielUsdSingle }),
      run(apollo, gql(PARTNER_CARD), { cardId: C.sophiaUsdSingle }),
      run(
        apollo,
        gql`
          query PartnerArbitrary {
            account {
              accountId
            }
          }
        `,
      ),
    ]);
    expect(own.data).toEqual({ card: { cardId: C.danielUsdSingle, status: 'ACTIVE' } });
    // The master's card, read in the partner's account: not there.
    expect(other.data).toEqual({ card: null });
    expect(code(arbitrary)).toBe('PERSISTED_QUERY_ONLY');
    expect(arbitrary.data ?? null).toBeNull();
    // The first request carried the three operations; the arbitrary one came back alone with its document.
    expect(sent[0]).toHaveLength(3);
  });

  it('refuses a batch over GATEWAY_MAX_BATCH_SIZE whole, before any upstream call', async () => {
    const apollo = client(FRONTEND_KEY, { batchMax: MAX_BATCH + 1 });
    const results = await Promise.all(
      Array.from({ length: MAX_BATCH + 1 }, (_, i) => run(apollo, cardQuery(100 + i), { cardId: C.sophiaUsdSingle })),
    );
    expect(sent).toHaveLength(1);
    // BatchHttpLink reports a refused batch as one error for every operation, with the gateway's answer attached.
    for (const r of results) {
      expect(r.data ?? null).toBeNull();
      expect(JSON.stringify((r.error as Error & { result?: unknown }).result)).toMatch(/"code":"BATCH_LIMIT_EXCEEDED"/);
    }
    const raw = await post(
      h.gateway.url,
      Array.from({ length: MAX_BATCH + 1 }, () => ({ query: '{ __typename }' })),
      {
        ...bearer(FRONTEND_KEY),
      },
    );
    expect(raw.status).toBe(400);
    expect(raw.code).toBe('BATCH_LIMIT_EXCEEDED');
    expect(raw.body.errors?.[0]?.message).toMatch(new RegExp(`at most ${MAX_BATCH} operations`));
    expect(totalCalls(await h.stats())).toBe(0);
  });

  it('counts the whole batch against the body limit', async () => {
    const apollo = client(FRONTEND_KEY);
    // Each operation well under the limit; the four together over it.
    const pad = 'x'.repeat(Math.ceil(MAX_BODY / MAX_BATCH));
    const padded = (n: number) => gql`
      query BatchPadded${n}($pad: String) { cards(first: 1, after: $pad) { totalCount } }
    `;
    const results = await Promise.all(Array.from({ length: MAX_BATCH }, (_, i) => run(apollo, padded(i), { pad })));
    expect(sent).toHaveLength(1);
    for (const r of results) {
      expect(ServerError.is(r.error)).toBe(true);
      expect((r.error as ServerError).statusCode).toBe(413);
      expect((r.error as ServerError).bodyText).toMatch(/REQUEST_ENTITY_TOO_LARGE/);
    }
    expect(totalCalls(await h.stats())).toBe(0);
  });
});

describe('what a batch may not hold', () => {
  it('refuses subscriptions and @defer/@stream inside a batch, answering the other operations', async () => {
    const r = await post(
      h.gateway.url,
      [
        { query: `{ card(cardId: "${C.sophiaUsdSingle}") { cardId } }` },
        { query: 'subscription { cardEvents { eventId } }' },
        { query: `{ card(cardId: "${C.sophiaUsdSingle}") { cardId ... @defer { status } } }` },
      ],
      { ...bearer(FRONTEND_KEY), 'x-on-behalf-of': DEMO_IDS.accounts.master },
    );
    const results = r.body as unknown as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    }[];
    expect(Array.isArray(results)).toBe(true);
    expect(results[0]).toEqual({ data: { card: { cardId: C.sophiaUsdSingle } } });
    expect(results[1]?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(results[1]?.errors?.[0]?.message).toMatch(/cannot be batched/);
    expect(results[2]?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(results[2]?.errors?.[0]?.message).toMatch(/cannot be batched/);
  });

  it('refuses an empty batch, and a batch of things that are not requests', async () => {
    const r = await post(h.gateway.url, [], bearer(FRONTEND_KEY));
    expect(r.status).toBe(400);
    expect(r.code).toBe('BATCH_LIMIT_EXCEEDED');
    for (const batch of [[1, 2], [{ query: '{ __typename }' }, null], [[{ query: '{ __typename }' }]]]) {
      const bad = await post(h.gateway.url, batch, bearer(FRONTEND_KEY));
      expect(bad.status).toBe(400);
      expect(bad.code).toBe('BAD_REQUEST');
      expect(bad.body.errors?.[0]?.message).toMatch(/each element an object/);
    }
  });

  it('applies x-on-behalf-of to every operation of the batch', async () => {
    const r = await post(
      h.gateway.url,
      [{ query: '{ account { accountId } }' }, { query: `{ card(cardId: "${C.danielUsdSingle}") { cardId } }` }],
      { ...bearer(FRONTEND_KEY), 'x-on-behalf-of': ACME },
    );
    expect(r.body).toEqual([
      { data: { account: { accountId: ACME } } },
      { data: { card: { cardId: C.danielUsdSingle } } },
    ]);
  });
});
