// Reliability checks with money as the witness.
//
// runSoak: concurrent clients send recharges, withdrawals and master↔sub transfers through the gateway while the
// emulator injects 5xx, dropped connections, lost responses, 429s and latency spikes. A client retries a failed
// mutation with the SAME idempotency key until it gets an answer. Afterwards every balance must equal the ledger
// computed from the mutations confirmed applied (each once), the emulator's ledger must hold exactly one entry
// per applied mutation, the gateway must never have answered 5xx, never crashed, and its memory must settle.
//
// runUpstreamDown: the upstream disappears (connection refused, then resets): `/ready` fails, queries fail with
// UPSTREAM_UNAVAILABLE, an open circuit stops connection attempts, and service resumes by itself.
import { randomUUID } from 'node:crypto';
import { createRng } from './prng';
import { memory, sampleRss } from './procstat';
import { postGraphQL, startStack, type GraphQLError, type Stack } from './stack';
import type { EmulatorClient, Faults } from './upstream';

export const DEFAULT_SOAK_FAULTS: Faults = {
  errorRate: 0.1,
  resetRate: 0.05,
  lostResponseRate: 0.05,
  rateLimitRate: 0.05,
  retryAfterSeconds: 1,
  latencySpikeRate: 0.05,
  latencySpikeMs: 300,
  latencyMs: 0,
};

export interface SoakOptions {
  mutations: number;
  concurrency: number;
  faults?: Faults;
  seed?: number;
  /** Attempts per mutation while faults are on; unresolved ones are retried once more after faults are lifted. */
  maxAttempts?: number;
  /** Reuse a running stack; otherwise one is started (and stopped) for the run. */
  stack?: Stack;
  log?: (line: string) => void;
}

type Kind = 'recharge' | 'withdraw' | 'transferOut' | 'transferIn';

interface PlannedMutation {
  n: number;
  kind: Kind;
  key: string;
  cents: bigint;
  cardId?: string;
  currency: string;
  source?: string;
  destination?: string;
  outcome: 'pending' | 'applied' | 'rejected' | 'unresolved';
  attempts: number;
  userErrors?: { code: string; message: string }[];
  resultId?: string;
}

export interface SoakReport {
  ok: boolean;
  problems: string[];
  seed: number;
  mutations: number;
  applied: number;
  rejected: number;
  unresolvedAfterFaults: number;
  attempts: number;
  httpStatuses: Record<string, number>;
  topLevelErrorCodes: Record<string, number>;
  userErrorCodes: Record<string, number>;
  transportErrors: number;
  balances: { checked: number; mismatches: { what: string; expected: string; actual: string }[] };
  ledger: { checked: number; mismatches: { what: string; expected: number; actual: number }[] };
  upstream: { requests: number; responses: Record<string, number> };
  gateway: {
    alive: boolean;
    unhandledRejections: string[];
    rssBaselineMb: number;
    rssPeakMb: number;
    rssAfterMb: number;
    /** V8 heap in use before and after (from /metrics), when exposed. */
    heapBaselineMb?: number;
    heapAfterMb?: number;
  };
  durationS: number;
}

const cents = (amount: string | number): bigint => {
  const [whole, frac = ''] = String(amount).split('.');
  const sign = whole!.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole!.replace('-', '')) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2) || '0'));
};
const decimal = (c: bigint): string => {
  const abs = c < 0n ? -c : c;
  return `${c < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

const RECHARGE = `mutation Recharge($input: CardAmountInput!) { rechargeCard(input: $input) { order { orderId } userErrors { code message field } } }`;
const WITHDRAW = `mutation Withdraw($input: CardAmountInput!) { withdrawCard(input: $input) { order { orderId } userErrors { code message field } } }`;
const TRANSFER = `mutation Transfer($input: CreateTransferInput!) { createTransfer(input: $input) { transfer { transferId } userErrors { code message field } } }`;

interface WireCard {
  card_id: string;
  card_status: string;
  mode_type: string;
  card_currency: string;
  available_balance: string | number;
}
interface WireBalance {
  currency: string;
  available_balance: string | number;
}
interface WireLedger {
  transaction_type: string;
  description: string;
}

/** V8 heap in use, from the gateway's Prometheus metrics (undefined when they are off or not exposed). */
async function heapUsedMb(gatewayUrl: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
    const m = /^\w*nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([\d.e+]+)$/m.exec(text);
    return m ? Number(m[1]) / 2 ** 20 : undefined;
  } catch {
    return undefined;
  }
}

async function balancesOf(up: EmulatorClient, account: string, master: string): Promise<Map<string, bigint>> {
  const res = await up.get<{ data: WireBalance[] }>(
    '/v1/issuing/balances?page_size=100',
    account === master ? undefined : account,
  );
  return new Map(res.data.map((b) => [b.currency, cents(b.available_balance)]));
}

async function snapshot(up: EmulatorClient, master: string, accounts: string[], cardIds: string[]) {
  const balances = new Map<string, bigint>();
  for (const a of accounts) for (const [cur, v] of await balancesOf(up, a, master)) balances.set(`${a}:${cur}`, v);
  const cards = new Map<string, bigint>();
  for (const id of cardIds) cards.set(id, cents((await up.get<WireCard>(`/v1/issuing/cards/${id}`)).available_balance));
  return { balances, cards };
}

/** Ledger entries by type and by the card or transfer they name, over every account in the family. */
async function ledgerCounts(up: EmulatorClient, master: string, accounts: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const a of accounts) {
    const entries = await up.listAll<WireLedger>('/v1/issuing/balances/transactions', a === master ? undefined : a);
    for (const e of entries) {
      const subject = /(?:card|transfer) ([0-9a-f-]{36})/.exec(e.description)?.[1] ?? '';
      const key = `${a}:${e.transaction_type}:${subject}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rng = createRng(seed);
  const faults = { seed, ...(opts.faults ?? DEFAULT_SOAK_FAULTS) };
  const maxAttempts = opts.maxAttempts ?? 40;
  const stack = opts.stack ?? (await startStack());
  const up = stack.upstream;
  const problems: string[] = [];
  const unhandled: string[] = [];
  try {
    // Set-up through UQPAY's REST API, faults off: the family's accounts, funded SINGLE cards.
    await up.clearFaults();
    const master = await up.masterAccountId();
    const subs = (await up.get<{ data: { account_id: string; status: string }[] }>('/v1/accounts?page_size=100')).data
      .filter((a) => a.status === 'ACTIVE')
      .map((a) => a.account_id);
    if (subs.length === 0) throw new Error('soak: the emulator has no ACTIVE sub-account');
    const cards = (await up.listAll<WireCard>('/v1/issuing/cards')).filter(
      (c) => c.card_status === 'ACTIVE' && c.mode_type === 'SINGLE',
    );
    if (cards.length === 0) throw new Error('soak: the emulator has no ACTIVE SINGLE card');
    const currencies = [...new Set(['USD', ...cards.map((c) => c.card_currency)])];
    for (const cur of currencies) await up.deposit({ currency: cur, amount: '1000000.00' });
    for (const s of subs) await up.deposit({ account_id: s, currency: 'USD', amount: '200000.00' });
    // Withdrawals must never run a card dry: that keeps every mutation's outcome independent of ordering.
    for (const c of cards)
      await up.request('POST', `/v1/issuing/cards/${c.card_id}/recharge`, { body: { amount: 50000 } });

    const accounts = [master, ...subs];
    const cardIds = cards.map((c) => c.card_id);
    const currencyOf = new Map(cards.map((c) => [c.card_id, c.card_currency]));
    const before = await snapshot(up, master, accounts, cardIds);
    const ledgerBefore = await ledgerCounts(up, master, accounts);

    const plan: PlannedMutation[] = Array.from({ length: opts.mutations }, (_, n) => {
      const r = rng.next();
      const kind: Kind = r < 0.35 ? 'recharge' : r < 0.6 ? 'withdraw' : r < 0.8 ? 'transferOut' : 'transferIn';
      const amount = BigInt(rng.int(1, 5000));
      const base = { n, kind, key: randomUUID(), cents: amount, outcome: 'pending' as const, attempts: 0 };
      if (kind === 'recharge' || kind === 'withdraw') {
        const cardId = rng.pick(cardIds);
        return { ...base, cardId, currency: currencyOf.get(cardId)! };
      }
      const sub = rng.pick(subs);
      return kind === 'transferOut'
        ? { ...base, currency: 'USD', source: master, destination: sub }
        : { ...base, currency: 'USD', source: sub, destination: master };
    });

    // Warm the gateway, then take its memory baseline.
    for (let i = 0; i < 20; i++) {
      await postGraphQL(stack.gateway.graphqlUrl, {
        query: 'query($id: UUID!) { card(cardId: $id) { status } }',
        variables: { id: cardIds[i % cardIds.length] },
      });
    }
    const rssBaselineMb = memory(stack.gateway.pid).rssMb;
    const heapBaselineMb = await heapUsedMb(stack.gateway.url);

    const httpStatuses: Record<string, number> = {};
    const topLevelErrorCodes: Record<string, number> = {};
    const userErrorCodes: Record<string, number> = {};
    let transportErrors = 0;

    const attempt = async (m: PlannedMutation): Promise<boolean> => {
      m.attempts++;
      const input =
        m.kind === 'recharge' || m.kind === 'withdraw'
          ? { cardId: m.cardId, amount: decimal(m.cents), idempotencyKey: m.key }
          : {
              sourceAccountId: m.source,
              destinationAccountId: m.destination,
              amount: decimal(m.cents),
              currency: m.currency,
              idempotencyKey: m.key,
            };
      const query = m.kind === 'recharge' ? RECHARGE : m.kind === 'withdraw' ? WITHDRAW : TRANSFER;
      let res;
      try {
        res = await postGraphQL(stack.gateway.graphqlUrl, { query, variables: { input } }, { timeoutMs: 60_000 });
      } catch {
        transportErrors++;
        return false;
      }
      bump(httpStatuses, String(res.status));
      if (res.status >= 500) return false;
      const errors: GraphQLError[] = res.json?.errors ?? [];
      for (const e of errors) bump(topLevelErrorCodes, e.extensions?.code ?? 'NO_CODE');
      const field = m.kind === 'recharge' ? 'rechargeCard' : m.kind === 'withdraw' ? 'withdrawCard' : 'createTransfer';
      const payload = (
        res.json?.data as
          | Record<
              string,
              {
                userErrors?: { code: string; message: string }[];
                order?: { orderId: string };
                transfer?: { transferId: string };
              } | null
            >
          | null
          | undefined
      )?.[field];
      if (errors.length > 0 || !payload) return false;
      if (payload.userErrors && payload.userErrors.length > 0) {
        for (const e of payload.userErrors) bump(userErrorCodes, e.code);
        m.outcome = 'rejected';
        m.userErrors = payload.userErrors;
        return true;
      }
      m.outcome = 'applied';
      m.resultId = payload.order?.orderId ?? payload.transfer?.transferId;
      return true;
    };

    await up.resetStats();
    await up.setFaults(faults);
    const rss = sampleRss(stack.gateway.pid);
    let next = 0;
    const worker = async () => {
      for (;;) {
        const m = plan[next++];
        if (!m) return;
        while (!(await attempt(m))) {
          if (m.attempts >= maxAttempts) {
            m.outcome = 'unresolved';
            break;
          }
          await sleep(Math.min(1000, 25 * 2 ** Math.min(m.attempts, 5)) * (0.5 + rng.next()));
        }
      }
    };
    const progress = setInterval(
      () => log(`soak: ${Math.min(next, plan.length)}/${plan.length} mutations started`),
      5_000,
    );
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    clearInterval(progress);
    await up.clearFaults();
    const rssPeakMb = rss.stop();

    // Faults lifted: an unresolved mutation retried with its key now settles, applied at most once.
    const unresolvedAfterFaults = plan.filter((m) => m.outcome === 'unresolved').length;
    for (const m of plan.filter((p) => p.outcome === 'unresolved')) {
      for (let i = 0; i < 5 && !(await attempt(m)); i++) await sleep(200);
      if (m.outcome === 'unresolved') problems.push(`mutation #${m.n} (${m.kind}) unresolved even without faults`);
    }

    // Expected state: the snapshot plus each applied mutation exactly once.
    const expected = { balances: new Map(before.balances), cards: new Map(before.cards) };
    const expectedLedger = new Map<string, number>();
    const add = (map: Map<string, bigint>, k: string, d: bigint) => map.set(k, (map.get(k) ?? 0n) + d);
    const addLedger = (k: string) => expectedLedger.set(k, (expectedLedger.get(k) ?? 0) + 1);
    for (const m of plan) {
      if (m.outcome !== 'applied') continue;
      if (m.kind === 'recharge' || m.kind === 'withdraw') {
        const sign = m.kind === 'recharge' ? 1n : -1n;
        add(expected.cards, m.cardId!, sign * m.cents);
        add(expected.balances, `${master}:${m.currency}`, -sign * m.cents);
        addLedger(`${master}:${m.kind === 'recharge' ? 'CARD_RECHARGE' : 'CARD_WITHDRAW'}:${m.cardId}`);
      } else {
        add(expected.balances, `${m.source}:${m.currency}`, -m.cents);
        add(expected.balances, `${m.destination}:${m.currency}`, m.cents);
        if (m.resultId) {
          addLedger(`${m.source}:TRANSFER_OUT:${m.resultId}`);
          addLedger(`${m.destination}:TRANSFER_IN:${m.resultId}`);
        }
      }
    }

    await sleep(500);
    const after = await snapshot(up, master, accounts, cardIds);
    const balanceMismatches: SoakReport['balances']['mismatches'] = [];
    const compare = (what: string, exp: bigint | undefined, act: bigint | undefined) => {
      if ((exp ?? 0n) !== (act ?? 0n))
        balanceMismatches.push({ what, expected: decimal(exp ?? 0n), actual: decimal(act ?? 0n) });
    };
    for (const k of new Set([...expected.balances.keys(), ...after.balances.keys()]))
      compare(`balance ${k}`, expected.balances.get(k), after.balances.get(k));
    for (const id of cardIds) compare(`card ${id}`, expected.cards.get(id), after.cards.get(id));

    const ledgerAfter = await ledgerCounts(up, master, accounts);
    const ledgerMismatches: SoakReport['ledger']['mismatches'] = [];
    for (const k of new Set([...expectedLedger.keys(), ...ledgerAfter.keys()])) {
      if (/:(DEPOSIT|CARD_CREATE|CARD_CANCEL_REFUND|ISSUING_[A-Z]+):/.test(k)) continue;
      const exp = expectedLedger.get(k) ?? 0;
      const act = (ledgerAfter.get(k) ?? 0) - (ledgerBefore.get(k) ?? 0);
      if (exp !== act) ledgerMismatches.push({ what: k, expected: exp, actual: act });
    }

    await sleep(3_000);
    const alive = !stack.gateway.hasExited();
    const rssAfterMb = alive ? memory(stack.gateway.pid).rssMb : 0;
    const heapAfterMb = alive ? await heapUsedMb(stack.gateway.url) : undefined;
    for (const line of stack.gateway.output().split('\n'))
      if (/unhandled/i.test(line)) unhandled.push(line.slice(0, 300));
    const stats = await up.stats(); // since the faults went on: the soak's own traffic, retries included

    if (!alive) problems.push('the gateway process exited during the soak');
    if (unhandled.length)
      problems.push(`${unhandled.length} unhandled rejection/error line(s) in the gateway's output`);
    const http5xx = Object.entries(httpStatuses).filter(([s]) => Number(s) >= 500);
    if (http5xx.length) problems.push(`gateway answered HTTP 5xx: ${http5xx.map(([s, n]) => `${s}×${n}`).join(', ')}`);
    if (balanceMismatches.length)
      problems.push(`${balanceMismatches.length} balance(s) differ from the expected ledger`);
    if (ledgerMismatches.length)
      problems.push(`${ledgerMismatches.length} ledger count(s) differ (a mutation applied twice or lost)`);
    const rejected = plan.filter((m) => m.outcome === 'rejected');
    if (rejected.length)
      problems.push(
        `${rejected.length} valid mutation(s) answered with userErrors: ${[...new Set(rejected.map((m) => m.userErrors?.[0]?.code))].join(', ')}`,
      );
    if (rssAfterMb > rssBaselineMb + Math.max(64, rssBaselineMb * 0.5)) {
      problems.push(
        `gateway RSS did not settle: ${rssBaselineMb.toFixed(0)} MB before, ${rssAfterMb.toFixed(0)} MB after`,
      );
    }

    const round1 = (n: number) => Math.round(n * 10) / 10;
    return {
      ok: problems.length === 0,
      problems,
      seed,
      mutations: plan.length,
      applied: plan.filter((m) => m.outcome === 'applied').length,
      rejected: rejected.length,
      unresolvedAfterFaults,
      attempts: plan.reduce((s, m) => s + m.attempts, 0),
      httpStatuses,
      topLevelErrorCodes,
      userErrorCodes,
      transportErrors,
      balances: { checked: expected.balances.size + cardIds.length, mismatches: balanceMismatches },
      ledger: { checked: expectedLedger.size, mismatches: ledgerMismatches },
      upstream: {
        requests: Object.values(stats.requests).reduce((a, b) => a + b, 0),
        responses: stats.responses ?? {},
      },
      gateway: {
        alive,
        unhandledRejections: unhandled,
        rssBaselineMb: round1(rssBaselineMb),
        rssPeakMb: round1(rssPeakMb),
        rssAfterMb: round1(rssAfterMb),
        heapBaselineMb: heapBaselineMb === undefined ? undefined : round1(heapBaselineMb),
        heapAfterMb: heapAfterMb === undefined ? undefined : round1(heapAfterMb),
      },
      durationS: round1((Date.now() - started) / 1000),
    };
  } finally {
    await up.clearFaults().catch(() => {});
    if (!opts.stack) await stack.close();
  }
}

export interface UpstreamDownReport {
  ok: boolean;
  problems: string[];
  readyWhileDown: number[];
  readyAfterRecovery: number;
  /** HTTP status and error code of each query while the upstream was down. */
  downAnswers: { status: number; code?: string; message?: string; ms: number }[];
  /** Connections that reached the (resetting) upstream during `probes` queries with the circuit open. */
  connectionsWhileOpen: number;
  probes: number;
  recoveredAfterQueries: number;
}

const CARD_QUERY = 'query($id: UUID!) { card(cardId: $id) { status } }';

export async function runUpstreamDown(opts: { stack?: Stack; probes?: number } = {}): Promise<UpstreamDownReport> {
  // Short timeouts keep the black-hole phase brief; the breaker is what must make the failures fast.
  const stack =
    opts.stack ??
    (await startStack({
      withSwitch: true,
      gatewayEnv: {
        UQPAY_CONNECT_TIMEOUT_MS: '500',
        UQPAY_HEADERS_TIMEOUT_MS: '1000',
        UQPAY_REQUEST_DEADLINE_MS: '3000',
      },
    }));
  const sw = stack.tcpSwitch;
  if (!sw) throw new Error('runUpstreamDown needs a stack started with { withSwitch: true }');
  const probes = opts.probes ?? 10;
  const problems: string[] = [];
  const gql = stack.gateway.graphqlUrl;
  const ready = async () => {
    const r = await fetch(`${stack.gateway.url}/ready`);
    await r.arrayBuffer();
    return r.status;
  };
  try {
    const cardId = (await stack.upstream.listAll<WireCard>('/v1/issuing/cards'))[0]?.card_id;
    if (!cardId) throw new Error('no card in the emulator');
    const ok = await postGraphQL(gql, { query: CARD_QUERY, variables: { id: cardId } });
    if (ok.json?.errors?.length) problems.push(`query failed with the upstream up: ${ok.text.slice(0, 300)}`);

    await sw.set('refuse');
    const downAnswers: UpstreamDownReport['downAnswers'] = [];
    const ask = async () => {
      const t0 = performance.now();
      const r = await postGraphQL(gql, { query: CARD_QUERY, variables: { id: cardId } });
      const err = r.json?.errors?.[0];
      downAnswers.push({
        status: r.status,
        code: err?.extensions?.code,
        message: err?.message,
        ms: Math.round(performance.now() - t0),
      });
      return r;
    };
    // Enough failures to trip any sensible breaker.
    for (let i = 0; i < 8; i++) await ask();
    const readyWhileDown = [await ready()];

    await sw.set('reset');
    const seen = sw.downConnections();
    for (let i = 0; i < probes; i++) await ask();
    const connectionsWhileOpen = sw.downConnections() - seen;
    readyWhileDown.push(await ready());

    for (const a of downAnswers) {
      if (a.status >= 500) problems.push(`HTTP ${a.status} while the upstream was down (want a GraphQL error)`);
      if (a.code !== 'UPSTREAM_UNAVAILABLE')
        problems.push(`error code ${a.code ?? 'none'} (${a.message ?? ''}) while down, want UPSTREAM_UNAVAILABLE`);
    }
    if (readyWhileDown.some((s) => s === 200))
      problems.push(`/ready answered 200 while the upstream was down (${readyWhileDown.join(', ')})`);
    // Without a breaker each query makes 1 + UQPAY_MAX_RETRIES attempts (50 for 10 queries); an open circuit lets
    // through only its half-open probes (cool-down 1 s, doubling), a few at most even on a slow machine.
    if (connectionsWhileOpen > Math.max(2, probes / 2 - 1)) {
      problems.push(`${connectionsWhileOpen} upstream connection attempts during ${probes} queries: no open circuit`);
    }

    await sw.set('up');
    let recoveredAfterQueries = 0;
    for (let i = 1; i <= 120; i++) {
      const r = await postGraphQL(gql, { query: CARD_QUERY, variables: { id: cardId } });
      if (!r.json?.errors?.length && r.json?.data) {
        recoveredAfterQueries = i;
        break;
      }
      await sleep(250);
    }
    if (!recoveredAfterQueries) problems.push('queries did not recover after the upstream came back');
    let readyAfterRecovery = 0;
    for (let i = 0; i < 40 && readyAfterRecovery !== 200; i++) {
      readyAfterRecovery = await ready();
      if (readyAfterRecovery !== 200) await sleep(250);
    }
    if (readyAfterRecovery !== 200) problems.push(`/ready answered ${readyAfterRecovery} after recovery`);
    if (stack.gateway.hasExited()) problems.push('the gateway exited');
    return {
      ok: problems.length === 0,
      problems: [...new Set(problems)],
      readyWhileDown,
      readyAfterRecovery,
      downAnswers,
      connectionsWhileOpen,
      probes,
      recoveredAfterQueries,
    };
  } finally {
    if (!opts.stack) await stack.close();
  }
}
