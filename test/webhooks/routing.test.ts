// Routing webhook events to subscribers when the envelope names no account, as UQPAY's does (Go SDK
// webhook/webhook.go `Event` has no account_id; the emulator now sends none by default). Each subscriber must get
// exactly its own account's events, and the ownership check must not cost one upstream read per subscriber.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/access/keys';
import { DEMO_IDS } from '../../src/emulator/seed';
import { WEBHOOK_PATH } from '../../src/webhooks';
import { startHarness, type Harness } from '../harness';
import { sleep } from './helpers';
import { subscribe, type SseSubscription } from './sse';

const C = DEMO_IDS.cards;
const ACME = DEMO_IDS.accounts.acmeTravel;
const QUIET_MS = 400;
const EVENTS = /* GraphQL */ `
  subscription {
    issuingEvents {
      eventId
      type
      cardId
      card {
        cardId
        availableBalance {
          amount
        }
      }
    }
  }
`;

function persisted(operation: string): { documentId: string } {
  const manifest = JSON.parse(
    readFileSync(new URL('../../generated/persisted-documents.json', import.meta.url), 'utf8'),
  ) as Record<string, string>;
  const hit = Object.entries(manifest).find(([, doc]) => new RegExp(`^subscription ${operation}\\b`).test(doc));
  if (!hit) throw new Error(`operation ${operation} is not in the manifest`);
  return { documentId: hit[0] };
}

describe("events without account_id reach exactly the owning account's subscribers", () => {
  let h: Harness;
  const open: SseSubscription[] = [];
  const frontend = { authorization: 'Bearer frontend-key' };
  const partner = { authorization: 'Bearer acme-partner-key' };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'routing-keys-'));
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
    // The emulator's defaults: millisecond stamps and no account_id in the envelope.
    h = await startHarness({ env: { GATEWAY_KEYS_FILE: keysFile } });
    h.emulator.setWebhookUrl(h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH);
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await h?.close();
  });

  const sub = async (query: string | { documentId: string }, headers: Record<string, string>) => {
    const s = await subscribe(h.gateway.url, query, {}, headers);
    open.push(s);
    expect(s.status).toBe(200);
    return s;
  };
  const cardIds = (s: SseSubscription) => s.results.map((r) => (r.data as any).issuingEvents.cardId as string);

  async function recharge(cardId: string, headers: Record<string, string>) {
    const res = await h.gql(
      'mutation ($input: CardAmountInput!) { rechargeCard(input: $input) { userErrors { code } } }',
      { input: { cardId, amount: '1.00', idempotencyKey: randomUUID() } },
      { headers },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.rechargeCard.userErrors).toEqual([]);
  }

  it("three master subscribers and two Acme subscribers (header and partner key): each sees only its account's cards", async () => {
    const master = await Promise.all([sub(EVENTS, frontend), sub(EVENTS, frontend), sub(EVENTS, frontend)]);
    const acme = await Promise.all([
      sub(EVENTS, { ...frontend, 'x-on-behalf-of': ACME }),
      sub(persisted('IssuingEvents'), partner),
    ]);
    await h.resetStats();

    // One event at a time, so the counts below do not depend on concurrent reads being coalesced.
    const SOPHIA_EVENTS = 4;
    for (let i = 1; i <= SOPHIA_EVENTS; i++) {
      await recharge(C.sophiaUsdSingle, frontend);
      await Promise.all(master.map((s) => s.waitFor(i)));
    }
    await recharge(C.danielUsdSingle, { ...frontend, 'x-on-behalf-of': ACME });
    await Promise.all([...acme.map((s) => s.waitFor(1)), sleep(QUIET_MS)]);

    for (const s of master) {
      expect(s.results.every((r) => r.errors === undefined)).toBe(true);
      expect(cardIds(s)).toEqual(Array(SOPHIA_EVENTS).fill(C.sophiaUsdSingle));
      expect((s.results[0]!.data as any).issuingEvents.card.cardId).toBe(C.sophiaUsdSingle);
    }
    for (const s of acme) expect(cardIds(s)).toEqual([C.danielUsdSingle]);

    // Card reads the events cost, beyond the mutations' own: ownership is checked once per account and subject
    // (not per subscriber), and the fresh `card` of one event is read once per account for all its subscribers.
    // Sophia's first event: one master read (ownership + card) and one Acme read (not found); each later one: one
    // master read for `card`. Daniel's: one master read (not found) and one Acme read.
    const reads = (await h.stats())['GET /v1/issuing/cards/{id}'] ?? 0;
    const mutationReads = SOPHIA_EVENTS + 1; // each rechargeCard payload re-reads its card
    expect(reads - mutationReads).toBeLessThanOrEqual(2 + (SOPHIA_EVENTS - 1) + 2);
  });
});
