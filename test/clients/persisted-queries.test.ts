// Persisted queries as Apollo Client 4 and urql 6 speak them, driven by the libraries themselves (the clients in
// examples/, which README shows) against a gateway with a keys file. Round trips are counted where they arrive.
// Frontends: automatic persisted queries (an unknown hash → `PersistedQueryNotFound` → the client sends the
// document with its hash → registered, so a fresh client's next identical query is one round trip). Partners: the
// manifest's ids (generateHash reads the manifest), one round trip, and nothing else: a document a frontend
// registered is unknown to them, and their own documents stay refused.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CombinedGraphQLErrors, gql, type TypedDocumentNode } from '@apollo/client';
import { GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { frontendApollo, partnerApollo } from '../../examples/apollo';
import { frontendUrql, partnerUrql } from '../../examples/urql';
import { CardDashboardDocument, RechargeCardDocument } from '../../generated/graphql';
import { DEMO_IDS } from '../../src/emulator';
import { startGateway, type RunningGateway } from '../../src/server';
import { createLogger } from '../../src/logger';
import { accessFiles, ACME, bearer, FRONTEND_KEY, idOf, PARTNER_KEY, post, sha256 } from '../access/helpers';
import { startHarness, type Harness } from '../harness';
import { arrivals } from './helpers';

const files = accessFiles();
const recorder = arrivals();
const seen = recorder.seen;
let h: Harness;
let url: string;

beforeAll(async () => {
  h = await startHarness({
    env: { GATEWAY_KEYS_FILE: files.keysFile, GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile },
    deps: { plugins: [recorder.plugin] },
  });
  url = h.gateway.url;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  seen.length = 0;
});

type Cards = { cards: { edges: { node: { id: string; cardId: string; status: string } }[] } };

/** A document no manifest holds (the name makes it unique to each test). */
const adHoc = (name: string): TypedDocumentNode<Cards> => gql`
  query ${name} {
    cards(first: 3) {
      edges {
        node {
          id
          cardId
          status
        }
      }
    }
  }
`;

describe('Apollo Client 4, PersistedQueryLink', () => {
  it('frontend key: the first client registers its document on a miss; a fresh client needs one round trip', async () => {
    const query = adHoc('FrontendCards');
    const first = await frontendApollo(url, FRONTEND_KEY).query({ query });
    expect(first.error).toBeUndefined();
    expect(first.data?.cards.edges.length).toBeGreaterThan(0);
    // The hash alone, `PersistedQueryNotFound`, then the document with its hash.
    expect(seen.map((s) => s.query)).toEqual([false, true]);
    expect(seen[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    const hash = seen[0]!.hash;
    expect(seen[1]!.hash).toBe(hash);

    seen.length = 0;
    const second = await frontendApollo(url, FRONTEND_KEY).query({ query });
    expect(second.data).toEqual(first.data);
    expect(seen).toEqual([{ method: 'POST', query: false, hash }]);
  });

  it('partner key: the manifest id via generateHash, one round trip, the bound account only', async () => {
    const client = partnerApollo(url, PARTNER_KEY);
    const result = await client.query({ query: CardDashboardDocument, variables: { first: 10 } });
    expect(result.error).toBeUndefined();
    expect(seen).toEqual([{ method: 'POST', query: false, hash: idOf('CardDashboard') }]);
    expect(result.data?.account.accountId).toBe(ACME);
    const cardIds = result.data!.cards.edges.map((e) => e.node.cardId);
    expect(cardIds).toContain(DEMO_IDS.cards.danielUsdSingle);
    expect(cardIds).not.toContain(DEMO_IDS.cards.sophiaUsdSingle);
  });

  it("normalises a persisted query's result in InMemoryCache: each card is cached as Card:<id>", async () => {
    const client = partnerApollo(url, PARTNER_KEY);
    const result = await client.query({ query: CardDashboardDocument, variables: { first: 10 } });
    const cached = client.cache.extract() as Record<string, { cardId?: string; __typename?: string }>;
    for (const { node } of result.data!.cards.edges) {
      expect(client.cache.identify(node)).toBe(`Card:${node.id}`);
      expect(cached[`Card:${node.id}`]).toMatchObject({ __typename: 'Card', cardId: node.cardId });
    }
    const fragment = gql`
      fragment CardStatus on Card {
        cardId
        status
      }
    `;
    const danielId = result.data!.cards.edges.find((e) => e.node.cardId === DEMO_IDS.cards.danielUsdSingle)!.node.id;
    expect(client.readFragment({ id: `Card:${danielId}`, fragment })).toEqual({
      __typename: 'Card',
      cardId: DEMO_IDS.cards.danielUsdSingle,
      status: 'ACTIVE',
    });
  });

  it('partner key: mutations go by manifest id too', async () => {
    const result = await partnerApollo(url, PARTNER_KEY).mutate({
      mutation: RechargeCardDocument,
      variables: { input: { cardId: DEMO_IDS.cards.danielUsdSingle, amount: '1.00', idempotencyKey: randomUUID() } },
    });
    expect(result.error).toBeUndefined();
    expect(result.data?.rechargeCard.userErrors).toEqual([]);
    expect(result.data?.rechargeCard.order?.status).toBeTruthy();
    expect(seen).toEqual([{ method: 'POST', query: false, hash: idOf('RechargeCard') }]);
  });

  it("partner key with Apollo's own hashes: refused, and nothing is registered for anyone", async () => {
    const query = adHoc('PartnerOwnCards');
    const error: unknown = await frontendApollo(url, PARTNER_KEY)
      .query({ query })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    expect((error as CombinedGraphQLErrors).errors[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(seen.map((s) => s.query)).toEqual([false, true]);
    // Not registered: a frontend asking by the same hash still misses.
    const probe = await post(
      url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: seen[0]!.hash } } },
      bearer(FRONTEND_KEY),
    );
    expect(probe.status).toBe(400);
    expect(probe.body.errors?.[0]).toEqual({
      message: 'PersistedQueryNotFound',
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
  });
});

describe('urql 6, persistedExchange', () => {
  it('frontend key: an unknown hash is retried with the document (registered); a fresh client needs one round trip', async () => {
    const query = adHoc('UrqlFrontendCards');
    const first = await frontendUrql(url, FRONTEND_KEY).query(query, {}).toPromise();
    expect(first.error).toBeUndefined();
    expect(first.data!.cards.edges.length).toBeGreaterThan(0);
    expect(seen.map((s) => s.query)).toEqual([false, true]);
    expect(seen[0]!.method).toBe('GET'); // urql sends hash-only queries over GET when they fit the URL

    seen.length = 0;
    const second = await frontendUrql(url, FRONTEND_KEY).query(query, {}).toPromise();
    expect(second.error).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.query).toBe(false);
  });

  it('partner key: manifest ids via generateHash, one round trip each, queries and mutations', async () => {
    const client = partnerUrql(url, PARTNER_KEY);
    const dashboard = await client.query(CardDashboardDocument, { first: 10 }).toPromise();
    expect(dashboard.error).toBeUndefined();
    expect(dashboard.data?.account.accountId).toBe(ACME);
    expect(seen).toEqual([{ method: 'GET', query: false, hash: idOf('CardDashboard') }]);

    seen.length = 0;
    const recharge = await client
      .mutation(RechargeCardDocument, {
        input: { cardId: DEMO_IDS.cards.danielUsdSingle, amount: '1.00', idempotencyKey: randomUUID() },
      })
      .toPromise();
    expect(recharge.error).toBeUndefined();
    expect(recharge.data?.rechargeCard.userErrors).toEqual([]);
    expect(seen).toEqual([{ method: 'POST', query: false, hash: idOf('RechargeCard') }]);
  });
});

describe('graphql-request with the typed documents (generated/)', () => {
  it('frontend key: the document, typed, one round trip', async () => {
    const data = await new GraphQLClient(url, { headers: bearer(FRONTEND_KEY) }).request(CardDashboardDocument, {
      first: 3,
    });
    expect(data.cards.edges).toHaveLength(3);
    expect(data.cards.edges[0]!.node.__typename).toBe('Card');
    expect(seen).toEqual([{ method: 'POST', query: true }]);
  });

  it('partner key: each typed document carries its manifest id (__meta__.hash), sent as documentId', async () => {
    const document = CardDashboardDocument as typeof CardDashboardDocument & { __meta__: { hash: string } };
    const client = new GraphQLClient(url, {
      headers: bearer(PARTNER_KEY),
      // Send the id instead of the printed document.
      requestMiddleware: (request) => ({
        ...request,
        body: JSON.stringify({ documentId: document.__meta__.hash, variables: request.variables }),
      }),
    });
    const data = await client.request(document, { first: 3 });
    expect(data.account.accountId).toBe(ACME);
    expect(seen).toEqual([{ method: 'POST', query: false, documentId: `sha256:${idOf('CardDashboard')}` }]);
  });
});

describe('the APQ rules, as the wire shows them', () => {
  const hashOnly = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
  const withDocument = (query: string, hash = sha256(query)) => ({
    query,
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  });

  it('a hash that is not the document’s is a 400, and registers nothing', async () => {
    const query = '{ cardProducts { productId } }';
    const wrong = await post(url, withDocument(query, sha256(`${query} `)), bearer(FRONTEND_KEY));
    expect(wrong.status).toBe(400);
    expect(wrong.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(wrong.body.errors?.[0]?.message).toMatch(/not the sha256 of the document sent in `query`/);
    expect(wrong.body.data).toBeUndefined();
    for (const hash of [sha256(query), sha256(`${query} `)]) {
      expect((await post(url, hashOnly(hash), bearer(FRONTEND_KEY))).code).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
  });

  it('a document that fails validation is not registered', async () => {
    const query = '{ cardProducts { noSuchField } }';
    const first = await post(url, withDocument(query), bearer(FRONTEND_KEY));
    expect(first.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await post(url, hashOnly(sha256(query)), bearer(FRONTEND_KEY))).code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('partners never run what a frontend registered, and may not register', async () => {
    const query = '{ cardProducts { productId bin } }';
    expect((await post(url, withDocument(query), bearer(FRONTEND_KEY))).status).toBe(200);
    expect((await post(url, hashOnly(sha256(query)), bearer(FRONTEND_KEY))).status).toBe(200);
    const asPartner = await post(url, hashOnly(sha256(query)), bearer(PARTNER_KEY));
    expect(asPartner.status).toBe(400);
    expect(asPartner.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await post(url, withDocument('{ cardProducts { productId scheme } }'), bearer(PARTNER_KEY));
    expect(register.status).toBe(403);
    expect(register.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it("the manifest's ids answer in both forms, and with the document alongside", async () => {
    const id = idOf('CardProducts');
    for (const body of [{ documentId: `sha256:${id}` }, hashOnly(id)]) {
      for (const key of [FRONTEND_KEY, PARTNER_KEY]) {
        const r = await post(url, body, bearer(key));
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body.data?.cardProducts.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('automatic persisted queries across replicas (REDIS_URL)', () => {
  let replicas: [Harness, RunningGateway];
  const prefix = `test:${randomUUID()}:`;
  const replicaArrivals = arrivals();

  beforeAll(async () => {
    const env = {
      GATEWAY_KEYS_FILE: files.keysFile,
      GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile,
      REDIS_URL: 'redis://127.0.0.1:6379',
      UQPAY_REDIS_KEY_PREFIX: prefix,
      // Short-lived: the shared Redis forgets this run's documents by itself.
      GATEWAY_APQ_TTL_MS: '60000',
    };
    const first = await startHarness({ env, deps: { plugins: [replicaArrivals.plugin] } });
    const second = await startGateway(first.config, {
      logger: createLogger({ level: 'silent' }),
      plugins: [replicaArrivals.plugin],
    });
    replicas = [first, second];
  });
  afterAll(async () => {
    await replicas?.[1].close();
    await replicas?.[0].close();
  });

  it('a document registered on one replica is one round trip on the other', async () => {
    const [one, two] = replicas;
    const query = adHoc('ReplicatedCards');
    const registered = await frontendApollo(one.gateway.url, FRONTEND_KEY).query({ query });
    expect(registered.error).toBeUndefined();
    expect(replicaArrivals.seen.map((s) => s.query)).toEqual([false, true]);

    replicaArrivals.seen.length = 0;
    const elsewhere = await frontendApollo(two.url, FRONTEND_KEY).query({ query });
    expect(elsewhere.data).toEqual(registered.data);
    expect(replicaArrivals.seen.map((s) => s.query)).toEqual([false]);
  });
});

describe('README', () => {
  it('shows the client setups these tests run, verbatim', () => {
    const root = join(import.meta.dirname, '../..');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const file of ['manifest-ids.ts', 'apollo.ts', 'urql.ts']) {
      const source = readFileSync(join(root, 'examples', file), 'utf8');
      expect(readme, `README's copy of examples/${file}`).toContain(`\`\`\`ts\n${source}\`\`\``);
    }
  });
});
