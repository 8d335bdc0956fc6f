// `npm run bench`: the emulator, the gateway and the floor proxy as separate processes, each scenario driven by
// autocannon at fixed concurrency for a fixed time. Writes bench/results.json and prints a markdown table.
//
//   npm run bench -- --duration 10 --warmup 2 --connections 16 --only S1,S3 --cpu-prof
//   (or BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_ONLY, BENCH_TARGETS=gateway,floor, BENCH_CPU_PROF=1)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBenchData } from './bench-data';
import { runLoad, type LoadResult } from './load';
import { cpuMicros, sampleRss } from './procstat';
import {
  ROOT,
  startEmulatorProcess,
  startFloorProcess,
  startGatewayProcess,
  type EmulatorProcess,
  type NodeProcess,
} from './processes';
import { buildScenarios, choosePersistedDocument, type Scenario, type Target } from './scenarios';
import { apiCalls, EmulatorClient, statsDelta } from './upstream';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    only: { type: 'string' },
    targets: { type: 'string' },
    'cpu-prof': { type: 'boolean' },
    out: { type: 'string' },
  },
});

const config = {
  durationS: Number(flags.duration ?? process.env.BENCH_DURATION ?? 10),
  warmupS: Number(flags.warmup ?? process.env.BENCH_WARMUP ?? 2),
  connections: Number(flags.connections ?? process.env.BENCH_CONNECTIONS ?? 16),
  only: (flags.only ?? process.env.BENCH_ONLY ?? '').split(',').filter(Boolean),
  targets: (flags.targets ?? process.env.BENCH_TARGETS ?? 'gateway,gateway-plain,floor,rest')
    .split(',')
    .filter(Boolean) as Target[],
  cpuProf: flags['cpu-prof'] ?? process.env.BENCH_CPU_PROF === '1',
  out: flags.out ?? resolve(ROOT, 'bench/results.json'),
};

/**
 * The gateway's V8 flags, as `npm run start:prod` passes them (BENCH_GATEWAY_NODE_FLAGS replaces them). A young
 * generation of 8 MB semi-spaces instead of 16: ~18 MB less peak RSS, no CPU cost the bench can see (3 runs each).
 * `--heap-growing-percent=150`: old space grows by 2.5× its live size between full GCs instead of V8's up to 4×
 * (old space peaked at ~130–145 MB under load, ~45 MB live): ~50 MB less peak RSS, S1 CPU within noise (2 runs).
 */
const GATEWAY_NODE_FLAGS = (
  process.env.BENCH_GATEWAY_NODE_FLAGS ?? '--max-semi-space-size=8 --heap-growing-percent=150'
)
  .split(' ')
  .filter(Boolean);

export interface ScenarioResult extends Omit<LoadResult, 'sampleFailure'> {
  id: string;
  target: Target;
  title: string;
  connections: number;
  /** UQPAY calls (token endpoint excluded) per request, measured over sequential requests, and by route. */
  upstreamCallsPerOp: number;
  upstreamRoutesPerOp: Record<string, number>;
  /** The same under load (÷ completed responses): lower with coalescing, a little higher from calls of requests cut off at the end. */
  upstreamCallsPerOpUnderLoad: number;
  minCallsPerOp?: number;
  /** CPU of the process under test (gateway, floor, or the emulator for `rest`) per request, µs. */
  cpuUsPerReq: number;
  /** CPU of the emulator per request, µs: the upstream's share, for context. */
  upstreamCpuUsPerReq: number;
  rssPeakMb: number;
  sampleFailure?: string;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(
  s: Scenario,
  proc: NodeProcess,
  url: string,
  emulator: EmulatorProcess,
  client: EmulatorClient,
): Promise<ScenarioResult> {
  // One request first: a scenario that fails outright is reported, not benchmarked.
  const probe = await fetch(`${url}${s.request.path}`, {
    method: s.request.method,
    headers: { 'content-type': 'application/json', ...s.request.headers, ...s.request.vary?.().headers },
    body: s.request.vary?.().body ?? s.request.body,
  });
  const probeBody = await probe.text();
  if (!probe.ok || s.request.isFailure?.(probeBody)) {
    throw new Error(`probe failed: ${probe.status} ${probeBody.slice(0, 600)}`);
  }
  // Calls per operation, exactly: sequential requests, so nothing is cut off mid-flight and nothing coalesces.
  const seqBefore = await client.stats();
  const SEQUENTIAL = 10;
  for (let i = 0; i < SEQUENTIAL; i++) {
    const v = s.request.vary?.();
    const r = await fetch(`${url}${s.request.path}`, {
      method: s.request.method,
      headers: { 'content-type': 'application/json', ...s.request.headers, ...v?.headers },
      body: v?.body ?? s.request.body,
    });
    await r.arrayBuffer();
  }
  const seqDelta = statsDelta(seqBefore, await client.stats());
  const callsPerOp = apiCalls({ requests: seqDelta }) / SEQUENTIAL;
  const routesPerOp: Record<string, number> = {};
  for (const [route, count] of Object.entries(seqDelta))
    if (!/connect\/token/.test(route)) routesPerOp[route] = round(count / SEQUENTIAL, 2);
  if (config.warmupS > 0) await runLoad(url, s.request, config.connections, config.warmupS);
  await sleep(200);
  const statsBefore = await client.stats();
  const cpuBefore = cpuMicros(proc.pid);
  const emuCpuBefore = cpuMicros(emulator.pid);
  const rss = sampleRss(proc.pid);
  const load = await runLoad(url, s.request, config.connections, config.durationS);
  const rssPeakMb = rss.stop();
  const cpu = cpuMicros(proc.pid) - cpuBefore;
  const emuCpu = cpuMicros(emulator.pid) - emuCpuBefore;
  await sleep(300); // let calls of requests cut off at the end land before reading the counters
  const statsAfter = await client.stats();
  const delta = statsDelta(statsBefore, statsAfter);
  const calls = apiCalls({ requests: delta });
  const n = Math.max(load.responses, 1);
  return {
    id: s.id,
    target: s.target,
    title: s.title,
    connections: config.connections,
    ...load,
    reqPerSec: round(load.reqPerSec),
    p50Ms: round(load.p50Ms, 2),
    p99Ms: round(load.p99Ms, 2),
    durationS: round(load.durationS, 2),
    upstreamCallsPerOp: round(callsPerOp, 2),
    upstreamRoutesPerOp: routesPerOp,
    upstreamCallsPerOpUnderLoad: round(calls / n, 3),
    minCallsPerOp: s.minCallsPerOp,
    cpuUsPerReq: round(cpu / n),
    upstreamCpuUsPerReq: round(emuCpu / n),
    rssPeakMb: round(rssPeakMb),
  };
}

function table(results: ScenarioResult[]): string {
  const lines = [
    '| Scenario | Target | req/s | p50 ms | p99 ms | errors / non-2xx / failed | UQPAY calls/op (under load) | CPU µs/req | RSS peak MB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.id} | ${r.target} | ${r.reqPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} / ${r.non2xx} / ${r.failed} | ${r.target === 'rest' ? '1 (direct)' : `${r.upstreamCallsPerOp} (${r.upstreamCallsPerOpUnderLoad})`} | ${r.cpuUsPerReq} | ${r.rssPeakMb} |`,
    );
  }
  return lines.join('\n');
}

interface Ratio {
  id: string;
  target: Target;
  throughput: number;
  cpuPerReq: number;
}

function ratios(results: ScenarioResult[]): Ratio[] {
  const out: Ratio[] = [];
  for (const g of results.filter((r) => r.target === 'gateway' || r.target === 'gateway-plain')) {
    const f = results.find((r) => r.target === 'floor' && r.id === g.id);
    if (!f) continue;
    out.push({
      id: g.id,
      target: g.target,
      throughput: round(g.reqPerSec / f.reqPerSec, 2),
      cpuPerReq: round(g.cpuUsPerReq / f.cpuUsPerReq, 2),
    });
  }
  return out;
}

interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

function checkTargets(results: ScenarioResult[], rs: Ratio[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const s1 = rs.find((r) => r.id === 'S1' && r.target === 'gateway');
  if (s1) {
    checks.push({ target: 'S1 throughput ≥ 0.6× floor', measured: `${s1.throughput}×`, met: s1.throughput >= 0.6 });
    checks.push({ target: 'S1 CPU/request ≤ 2× floor', measured: `${s1.cpuPerReq}×`, met: s1.cpuPerReq <= 2 });
  }
  const plain = rs.find((r) => r.id === 'S1' && r.target === 'gateway-plain');
  if (plain) {
    checks.push({
      target: 'S1 throughput ≥ 0.6× floor, coalescing off',
      measured: `${plain.throughput}×`,
      met: plain.throughput >= 0.6,
    });
    checks.push({
      target: 'S1 CPU/request ≤ 2× floor, coalescing off',
      measured: `${plain.cpuPerReq}×`,
      met: plain.cpuPerReq <= 2,
    });
  }
  for (const g of results.filter((r) => r.target === 'gateway' && r.minCallsPerOp !== undefined)) {
    if (g.id === 'S4') continue;
    checks.push({
      target: `${g.id} UQPAY calls/op ≤ ${g.minCallsPerOp}`,
      measured: String(g.upstreamCallsPerOp),
      met: g.upstreamCallsPerOp <= (g.minCallsPerOp ?? 0) + 0.01,
    });
  }
  const gw = results.filter((r) => r.target === 'gateway' || r.target === 'gateway-plain');
  if (gw.length) {
    const peak = Math.max(...gw.map((r) => r.rssPeakMb));
    checks.push({ target: 'gateway RSS under load ≤ 200 MB', measured: `${peak} MB`, met: peak <= 200 });
  }
  return checks;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg();
  const procs: NodeProcess[] = [];
  const cleanup = async () => {
    await Promise.all(procs.map((p) => p.stop()));
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const emulator = await startEmulatorProcess();
    procs.push(emulator);
    const client = new EmulatorClient(emulator.url);
    const data = await ensureBenchData(client);
    console.error(
      `emulator ${emulator.url} (pid ${emulator.pid}); ${data.cardholderCount} cardholders, ${data.cardCount} cards`,
    );

    const byTarget = new Map<Target, { proc: NodeProcess; url: string }>();
    byTarget.set('rest', { proc: emulator, url: emulator.url });
    const skipped: string[] = [];
    if (config.targets.includes('floor')) {
      const floor = await startFloorProcess({ upstreamBaseUrl: emulator.baseUrl });
      procs.push(floor);
      byTarget.set('floor', { proc: floor, url: floor.url });
    }
    // Profiles are named CPU.<date>.<time>.<pid>.…: the pids are printed below.
    const nodeArgs = [
      ...GATEWAY_NODE_FLAGS,
      ...(config.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(ROOT, 'bench/profiles')}`] : []),
    ];
    if (config.cpuProf) mkdirSync(resolve(ROOT, 'bench/profiles'), { recursive: true });
    // The gateway runs as shipped by `npm run start:prod`: the esbuild bundle under plain node (no tsx loader
    // thread, ~34 MB less RSS). BENCH_GATEWAY_SCRIPT overrides it (a .ts entry point runs under tsx).
    const script = process.env.BENCH_GATEWAY_SCRIPT ? undefined : 'dist/main.js';
    if (script && (config.targets.includes('gateway') || config.targets.includes('gateway-plain'))) {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    }
    if (config.targets.includes('gateway')) {
      try {
        const gateway = await startGatewayProcess({ upstreamBaseUrl: emulator.baseUrl, nodeArgs, script });
        procs.push(gateway);
        byTarget.set('gateway', { proc: gateway, url: gateway.url });
        console.error(`gateway ${gateway.url} (pid ${gateway.pid})`);
      } catch (err) {
        skipped.push(`gateway did not start: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    if (config.targets.includes('gateway-plain')) {
      try {
        const plain = await startGatewayProcess({
          upstreamBaseUrl: emulator.baseUrl,
          env: { UQPAY_COALESCE: 'off' },
          nodeArgs,
          script,
        });
        procs.push(plain);
        byTarget.set('gateway-plain', { proc: plain, url: plain.url });
        console.error(`gateway, coalescing off ${plain.url} (pid ${plain.pid})`);
      } catch (err) {
        skipped.push(`gateway (coalescing off) did not start: ${(err as Error).message.split('\n')[0]}`);
      }
    }

    const persisted = choosePersistedDocument(data);
    if ('missing' in persisted) skipped.push(`S5: ${persisted.missing}`);
    const scenarios = buildScenarios(data, persisted).filter(
      (s) => config.targets.includes(s.target) && (config.only.length === 0 || config.only.includes(s.id)),
    );

    const results: ScenarioResult[] = [];
    for (const s of scenarios) {
      const target = byTarget.get(s.target);
      if (!target) continue;
      process.stderr.write(`${s.id} ${s.target.padEnd(7)} ${s.title} … `);
      try {
        const r = await measure(s, target.proc, target.url, emulator, client);
        results.push(r);
        process.stderr.write(
          `${r.reqPerSec} req/s, p99 ${r.p99Ms} ms, ${r.upstreamCallsPerOp} calls/op, ${r.cpuUsPerReq} µs CPU/req\n`,
        );
        if (r.sampleFailure) process.stderr.write(`  failures, e.g.: ${r.sampleFailure}\n`);
      } catch (err) {
        process.stderr.write('skipped\n');
        skipped.push(`${s.id} ${s.target}: ${(err as Error).message}`);
      }
    }

    const rs = ratios(results);
    const targets = checkTargets(results, rs);
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadavgAtStart: loadAtStart.map((l) => round(l, 2)),
      config: { durationS: config.durationS, warmupS: config.warmupS, connections: config.connections },
      results,
      ratios: rs,
      targets,
      skipped,
      wallClockS: round((Date.now() - started) / 1000),
    };
    writeFileSync(config.out, `${JSON.stringify(report, null, 2)}\n`);

    console.log(`\n${table(results)}\n`);
    if (rs.length) {
      console.log(
        '| Scenario | Gateway | gateway/floor throughput | gateway/floor CPU per request |\n|---|---|---:|---:|',
      );
      for (const r of rs) console.log(`| ${r.id} | ${r.target} | ${r.throughput}× | ${r.cpuPerReq}× |`);
      console.log('');
    }
    for (const t of targets) console.log(`- ${t.met ? 'met' : 'MISSED'}: ${t.target} (measured ${t.measured})`);
    for (const s of skipped) console.log(`- skipped: ${s}`);
    console.log(
      `\n${config.connections} connections, ${config.durationS} s per scenario after ${config.warmupS} s warm-up; written to ${config.out}`,
    );
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
