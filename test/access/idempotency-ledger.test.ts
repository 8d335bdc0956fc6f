// The idempotency record itself: what counts as the same request, how keys are scoped, and the memory store's
// bound and expiry (fake clock; the HTTP attacks are in idempotency.test.ts).
import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore, createIdempotencyLedger, type IdempotencyRequest } from '../../src/access/idempotency';

const KEY = '5f0c7f9e-3d0e-4c43-9d5b-2f1a6f0b8e11';
const base: IdempotencyRequest = {
  caller: 'web',
  account: 'master',
  operation: 'rechargeCard',
  key: KEY,
  input: { cardId: 'ca000000-0000-4000-8000-000000000001', amount: '10.00' },
};

describe('the idempotency ledger', () => {
  it('a replay is the same caller, account, operation and input (in any key order); anything else is reuse', async () => {
    const ledger = createIdempotencyLedger({ required: true, store: new MemoryLedgerStore(), secret: 's' });
    const first = await ledger.claim(base);
    expect(first.kind).toBe('new');
    const replay = await ledger.claim({
      ...base,
      key: KEY.toUpperCase(),
      input: { amount: '10.00', cardId: 'ca000000-0000-4000-8000-000000000001' },
    });
    expect(replay).toEqual({ kind: 'replay', upstreamKey: (first as { upstreamKey: string }).upstreamKey });
    for (const other of [
      { ...base, account: 'ac000000-0000-4000-8000-000000000002' },
      { ...base, operation: 'withdrawCard' },
      { ...base, input: { cardId: 'ca000000-0000-4000-8000-000000000006', amount: '10.00' } },
    ]) {
      expect(await ledger.claim(other)).toMatchObject({ kind: 'reused', first: { operation: 'rechargeCard' } });
    }
  });

  it('scopes keys per client: the same key is new for another client and goes upstream as another UUID', async () => {
    const ledger = createIdempotencyLedger({ required: true, store: new MemoryLedgerStore(), secret: 's' });
    const web = await ledger.claim(base);
    const partner = await ledger.claim({ ...base, caller: 'acme', input: { other: true } });
    expect(web.kind).toBe('new');
    expect(partner.kind).toBe('new');
    if (web.kind === 'reused' || partner.kind === 'reused') throw new Error('unreachable');
    expect(web.upstreamKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(partner.upstreamKey).not.toBe(web.upstreamKey);
    expect(web.upstreamKey).not.toBe(KEY);
  });

  it('stores no card number: the input is kept as an HMAC', async () => {
    const store = new MemoryLedgerStore();
    let stored = '';
    const spy = {
      kind: 'memory' as const,
      putIfAbsent: (id: string, record: string, ttl: number) => ((stored = record), store.putIfAbsent(id, record, ttl)),
    };
    const ledger = createIdempotencyLedger({ required: true, store: spy, secret: 's' });
    await ledger.claim({ ...base, operation: 'assignCard', input: { cardNumber: '4096360800133951' } });
    expect(stored).not.toContain('4096360800133951');
    expect(JSON.parse(stored).input).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the memory store forgets after 24 h and keeps at most its bound, oldest out first', () => {
    const clock = { t: 0 };
    const store = new MemoryLedgerStore(2, () => clock.t);
    expect(store.putIfAbsentSync('a', '1', 1_000)).toBeUndefined();
    expect(store.putIfAbsentSync('a', '2', 1_000)).toBe('1');
    clock.t = 1_000;
    expect(store.putIfAbsentSync('a', '3', 1_000)).toBeUndefined(); // expired: a new record
    store.putIfAbsentSync('b', '1', 1_000);
    store.putIfAbsentSync('c', '1', 1_000);
    expect(store.size).toBe(2);
    expect(store.putIfAbsentSync('a', 'again', 1_000)).toBeUndefined(); // 'a' was the oldest: evicted
  });
});
