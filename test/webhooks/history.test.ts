// `events(first, after, types, cardId)`: the acting account's retained events, newest first, under the same
// visibility rule as the subscriptions. A partner sees only its account's events (UQPAY's webhooks name none:
// ownership is read in the caller's account), a page costs at most `first` ownership reads and still skips
// nothing, and the newest edge's cursor continues as a subscription with no gap.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/access/keys';
import { DEMO_IDS } from '../../src/emulator/seed';
import { WEBHOOK_PATH } from '../../src/webhooks';
import { startHarness, apiCalls, type Harness } from '../harness';
import { deliver, envelope, rechargeEvent, sleep } from './helpers';
import { follow } from './sse-client';

const C = DEMO_IDS.cards;
const ACME = DEMO_IDS.accounts.acmeTravel;
const frontend = { authorization: 'Bearer frontend-key' };
const partner = { authorization: 'Bearer acme-partner-key' };

const HISTORY = /* GraphQL */ `
  query ($first: Int, $after: String, $types: [String!], $cardId: UUID) {
    events(first: $first, after: $after, types: $types, cardId: $cardId) {
      edges {
        cursor
        node {
          eventId
          cursor
          cardId
          type
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
type Page = {
  events: {
    edges: { cursor: string; node: { eventId: string; cursor: string; cardId: string | null; type: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

function persisted(operation: string): { documentId: string } {
  const manifest = JSON.parse(
    readFileSync(new URL('../../generated/persisted-documents.json', import.meta.url), 'utf8'),
  ) as Record<string, string>;
  const hit = Object.entries(manifest).find(([, doc]) => new RegExp(`^(query|subscription) ${operation}\\b`).test(doc));
  if (!hit) throw new Error(`operation ${operation} is not in generated/persisted-documents.json`);
  return { documentId: hit[0] };
}

describe('event history', () => {
  let h: Harness;
  /** Delivered in this order; the history lists them newest first. */
  const sent: { id: string; cardId: string | null }[] = [];

  async function post<T>(body: Record<string, unknown>, headers: Record<string, string>) {
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      ...((await res.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] }),
    };
  }
  const history = (variables: Record<string, unknown>, headers = frontend) =>
    post<Page>({ query: HISTORY, variables }, headers);
  const partnerHistory = (variables: Record<string, unknown>) =>
    post<Page>({ ...persisted('EventHistory'), variables }, partner);
  const ids = (page: { data?: Page }) => page.data!.events.edges.map((e) => e.node.eventId);

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-keys-'));
    const keysFile = join(dir, 'keys.json');
    writeFileSync(
      keysFile,
      JSON.stringify({
        clients: [
          { name: 'dashboard', kind: 'frontend', keySha256: hashKey('frontend-key') },
          { name: 'acme', kind: 'partner', keySha256: hashKey('acme-partner-key'), account: ACME },
        ],
      }),
    );
    h = await startHarness({ env: { GATEWAY_KEYS_FILE: keysFile } });
    const url = h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH;
    // Webhooks name no account, as UQPAY's: Acme's card, master cards, and an event with no subject at all.
    const events = [
      rechargeEvent(C.danielUsdSingle),
      rechargeEvent(C.sophiaUsdSingle),
      rechargeEvent(C.liamSgdSingle),
      rechargeEvent(C.danielUsdSingle),
      envelope('card.withdraw.succeeded', { card_id: C.oliviaUsdShare, amount: '1.00', card_currency: 'USD' }),
      rechargeEvent(C.meiLingMastercard),
      envelope('issuing.report.ready', { report_id: 'r-1' }),
    ];
    for (const e of events) {
      expect((await deliver(url, h.emulator.webhookSecret, e)).status).toBe(200);
      sent.push({ id: e.event_id, cardId: (e.data as { card_id?: string }).card_id ?? null });
    }
  });
  afterAll(() => h?.close());

  const newestFirst = (cards: string[]) =>
    sent
      .filter((e) => e.cardId && cards.includes(e.cardId))
      .map((e) => e.id)
      .reverse();

  it('a partner pages through only its own events, at most `first` ownership reads a page, none skipped', async () => {
    const got: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (let page = 0; page < 10; page++) {
      pages++;
      await h.resetStats();
      const res: Awaited<ReturnType<typeof partnerHistory>> = await partnerHistory({ first: 1, after });
      expect(res.errors).toBeUndefined();
      const reads = apiCalls(await h.stats())['GET /v1/issuing/cards/{id}'] ?? 0;
      expect(reads).toBeLessThanOrEqual(1);
      got.push(...ids(res));
      if (!res.data!.events.pageInfo.hasNextPage) break;
      after = res.data!.events.pageInfo.endCursor;
    }
    expect(got).toEqual(newestFirst([C.danielUsdSingle]));
    // Pages were cut short when their one read was spent on another account's card: more pages than events.
    expect(pages).toBeGreaterThan(got.length);
  });

  it('master sees its own events newest first, pages with endCursor, filters by type and card', async () => {
    const all = await history({ first: 10 });
    expect(all.errors).toBeUndefined();
    const master = [C.sophiaUsdSingle, C.liamSgdSingle, C.oliviaUsdShare, C.meiLingMastercard];
    expect(ids(all)).toEqual(newestFirst(master));
    expect(all.data!.events.pageInfo.hasNextPage).toBe(false);
    expect(all.data!.events.edges.every((e) => e.cursor === e.node.cursor)).toBe(true);

    const first = await history({ first: 2 });
    expect(ids(first)).toEqual(newestFirst(master).slice(0, 2));
    expect(first.data!.events.pageInfo).toMatchObject({ hasNextPage: true });
    const second = await history({ first: 2, after: first.data!.events.pageInfo.endCursor });
    expect(ids(second)).toEqual(newestFirst(master).slice(2));
    expect(second.data!.events.pageInfo.hasNextPage).toBe(false);

    expect(ids(await history({ types: ['card.withdraw.*'] }))).toEqual(newestFirst([C.oliviaUsdShare]));
    expect(ids(await history({ cardId: C.liamSgdSingle }))).toEqual(newestFirst([C.liamSgdSingle]));
    // Another account's card is not a way in.
    expect(ids(await history({ cardId: C.danielUsdSingle }))).toEqual([]);
  });

  it('the newest edge’s cursor continues as a subscription: only what came after, no gap', async () => {
    const newest = (await history({ first: 1 })).data!.events.edges[0]!.cursor;
    const s = follow<{ issuingEvents: { eventId: string } }>(
      h.gateway.url,
      'subscription ($after: String) { issuingEvents(after: $after) { eventId } }',
      { after: newest },
      frontend,
    );
    await sleep(300);
    expect(s.results).toEqual([]);
    const next = rechargeEvent(C.sophiaUsdSingle);
    const url = h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH;
    expect((await deliver(url, h.emulator.webhookSecret, next)).status).toBe(200);
    await s.waitFor(1);
    await sleep(300);
    expect(s.results.map((r) => r.data!.issuingEvents.eventId)).toEqual([next.event_id]);
    s.close();
  });

  it("a partner's replay from the log's oldest cursor holds only its own account's events", async () => {
    const oldest = (await history({ first: 100 })).data!.events.edges.at(-1)!.cursor;
    // Partner keys send persisted documents: a plain SSE request with the document id.
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...partner },
      body: JSON.stringify({ ...persisted('IssuingEvents'), variables: { after: oldest } }),
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const deadline = Date.now() + 1_500;
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), sleep(deadline - Date.now()).then(() => null)]);
      if (!chunk || chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    await reader.cancel();
    const replayed = [...text.matchAll(/"eventId":"([^"]+)"/g)].map((m) => m[1]);
    // The oldest master event's cursor: Acme's second event follows it; its first is older.
    expect(replayed).toEqual(newestFirst([C.danielUsdSingle]).slice(0, 1));
  });

  it('the upstream estimate counts the page: 100 events reading their card are refused before any call', async () => {
    await h.resetStats();
    const res = await post({ query: '{ events(first: 100) { edges { node { card { cardId } } } } }' }, frontend);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(apiCalls(await h.stats())).toEqual({});
    const small = await post<{ events: { edges: unknown[] } }>(
      { query: '{ events(first: 20) { edges { node { eventId card { cardId } } } } }' },
      frontend,
    );
    expect(small.errors).toBeUndefined();
  });
});
