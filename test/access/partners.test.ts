// API keys and partner rules over real HTTP: a gateway with a keys file in front of the emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/emulator';
import { startHarness, type Harness } from '../harness';
import { accessFiles, ACME, allCalls, bearer, FRONTEND_KEY, GLOBEX, idOf, MASTER, PARTNER_KEY, post } from './helpers';

const PEEK =
  'query PartnerPeek { connectedAccounts(first: 10) { totalCount edges { node { accountId name cards(first: 5) { totalCount } } } } }';
const NODE =
  'query PartnerNode($id: ID!) { node(id: $id) { id ... on Account { accountId cards(first: 5) { totalCount } } } }';
const SNEAKY = 'query PartnerIntrospection { __schema { queryType { name } } }';
const EVENTS = 'subscription PartnerEvents { cardEvents { __typename } }';
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

let h: Harness;
let files: ReturnType<typeof accessFiles>;
let url: string;
const partner = bearer(PARTNER_KEY);
const frontend = bearer(FRONTEND_KEY);

beforeAll(async () => {
  files = accessFiles([PEEK, NODE, SNEAKY, EVENTS]);
  h = await startHarness({
    env: { GATEWAY_KEYS_FILE: files.keysFile, GATEWAY_PERSISTED_DOCUMENTS: files.manifestFile },
  });
  url = h.gateway.url;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.resetStats();
});

describe('API keys', () => {
  it('401s a missing, malformed or wrong key without calling UQPAY', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-key' }, { authorization: FRONTEND_KEY }] as Record<
      string,
      string
    >[]) {
      const r = await post(url, { query: '{ cards(first: 1) { totalCount } }' }, headers);
      expect(r.status).toBe(401);
      expect(r.code).toBe('UNAUTHENTICATED');
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(allCalls(await h.stats())).toBe(0);
  });

  it('lets a frontend run any document, for the master or a connected account', async () => {
    const master = await post(url, { query: '{ account { accountId } cards(first: 1) { totalCount } }' }, frontend);
    expect(master.status).toBe(200);
    expect(master.body.data.account.accountId).toBe(MASTER);
    const acme = await post(url, { query: '{ account { accountId } }' }, { ...frontend, 'x-on-behalf-of': ACME });
    expect(acme.body.data.account.accountId).toBe(ACME);
  });

  it('answers an x-on-behalf-of naming an unknown or malformed account with a clean 400', async () => {
    const unknown = await post(
      url,
      { query: '{ cards(first: 1) { totalCount } }' },
      { ...frontend, 'x-on-behalf-of': '0b0b0b0b-0000-4000-8000-000000000000' },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.code).toBe('ACCOUNT_NOT_FOUND');
    expect(unknown.body.data ?? null).toBeNull();
    const malformed = await post(
      url,
      { query: '{ cards(first: 1) { totalCount } }' },
      { ...frontend, 'x-on-behalf-of': 'acme' },
    );
    expect(malformed.status).toBe(400);
    expect(malformed.code).toBe('BAD_USER_INPUT');
  });

  it('lets a frontend use persisted documents by either id form', async () => {
    const id = idOf('CardProducts');
    const byId = await post(url, { documentId: `sha256:${id}` }, frontend);
    const byHash = await post(url, { extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, frontend);
    expect(byId.body.data.cardProducts.length).toBeGreaterThan(0);
    expect(byHash.body).toEqual(byId.body);
  });
});

describe('partner keys', () => {
  it('run persisted documents by documentId, by Apollo hash and over GET, always for the bound account', async () => {
    const id = idOf('CardDashboard');
    const byId = await post(url, { documentId: `sha256:${id}`, variables: { first: 10 } }, partner);
    expect(byId.status).toBe(200);
    expect(byId.body.data.account.accountId).toBe(ACME);
    const cardIds = byId.body.data.cards.edges.map((e: { node: { cardId: string } }) => e.node.cardId);
    expect(cardIds).toContain(DEMO_IDS.cards.danielUsdSingle);
    expect(cardIds).not.toContain(DEMO_IDS.cards.sophiaUsdSingle);

    const byHash = await post(
      url,
      { variables: { first: 10 }, extensions: { persistedQuery: { version: 1, sha256Hash: id } } },
      partner,
    );
    expect(byHash.body).toEqual(byId.body);

    const get = await fetch(`${url}?documentId=sha256:${id}&variables=${encodeURIComponent('{"first":10}')}`, {
      headers: { ...partner, accept: 'application/graphql-response+json' },
    });
    expect(await get.json()).toEqual(byId.body);
  });

  it('may not send a document of their own (403), not even a tiny one', async () => {
    const r = await post(url, { query: '{ account { accountId } }' }, partner);
    expect(r.status).toBe(403);
    expect(r.code).toBe('PERSISTED_QUERY_ONLY');
    expect(allCalls(await h.stats())).toBe(0);
  });

  it('get PersistedQueryNotFound (400) for an unknown document id', async () => {
    const r = await post(url, { documentId: `sha256:${'ab'.repeat(32)}` }, partner);
    expect(r.status).toBe(400);
    expect(r.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // The message Apollo's persisted-queries link and urql's persisted exchange recognise.
    expect(r.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
  });

  it('are refused (403) when x-on-behalf-of names another account, the master included', async () => {
    for (const other of [GLOBEX, MASTER]) {
      const r = await post(
        url,
        { documentId: `sha256:${idOf('CardDashboard')}` },
        { ...partner, 'x-on-behalf-of': other },
      );
      expect(r.status).toBe(403);
      expect(r.code).toBe('FORBIDDEN');
    }
    expect(allCalls(await h.stats())).toBe(0);
    const own = await post(
      url,
      { documentId: `sha256:${idOf('CardDashboard')}` },
      { ...partner, 'x-on-behalf-of': ACME.toUpperCase() },
    );
    expect(own.status).toBe(200);
  });

  it('cannot reach other accounts through nested connectedAccounts or node(id)', async () => {
    const peek = await post(url, { documentId: `sha256:${files.ids.PartnerPeek}` }, partner);
    expect(peek.body.data.connectedAccounts).toEqual({ totalCount: 0, edges: [] });

    for (const account of [GLOBEX, MASTER]) {
      const r = await post(
        url,
        { documentId: `sha256:${files.ids.PartnerNode}`, variables: { id: globalId('Account', account) } },
        partner,
      );
      expect(r.body.data?.node ?? null).toBeNull();
    }
    // Their own account resolves through the same document.
    const own = await post(
      url,
      { documentId: `sha256:${files.ids.PartnerNode}`, variables: { id: globalId('Account', ACME) } },
      partner,
    );
    expect(own.body.data.node.accountId).toBe(ACME);

    // A card of another account named by id: UQPAY is asked on behalf of the partner's account only.
    const card = await post(
      url,
      { documentId: `sha256:${idOf('CardDetail')}`, variables: { cardId: DEMO_IDS.cards.emmaUsdShare } },
      partner,
    );
    expect(card.body.data?.card ?? null).toBeNull();
  });

  it('have no introspection, even through a persisted document', async () => {
    const r = await post(url, { documentId: `sha256:${files.ids.PartnerIntrospection}` }, partner);
    expect(r.body.data).toBeUndefined();
    expect(r.code).toBe('INTROSPECTION_DISABLED');
    const web = await post(url, { documentId: `sha256:${files.ids.PartnerIntrospection}` }, frontend);
    expect(web.body.data.__schema.queryType.name).toBe('Query');
  });

  it('cannot subscribe for another account, nor with a document of their own', async () => {
    const sse = { ...partner, accept: 'text/event-stream' };
    const hijack = await fetch(url, {
      method: 'POST',
      headers: { ...sse, 'content-type': 'application/json', 'x-on-behalf-of': GLOBEX },
      body: JSON.stringify({ documentId: `sha256:${files.ids.PartnerEvents}` }),
    });
    expect(hijack.status).toBe(403);
    await hijack.body?.cancel();
    const own = await fetch(url, {
      method: 'POST',
      headers: { ...sse, 'content-type': 'application/json' },
      body: JSON.stringify({ query: EVENTS }),
    });
    expect(own.status).toBe(403);
    await own.body?.cancel();
  });
});
