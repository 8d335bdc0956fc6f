// `npm run bench`: the emulator, the gateway and the floor proxy as separate processes, each scenario driven by
// autocannon at fixed concurrency for a fixed time. Writes bench/results.json and prints a markdown table.
//
//   npm run bench -- --duration 10 --warmup 2 --connections 16 --only S1,S3 --cpu-prof
//   (or BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_ONLY, BENCH_TARGETS=gateway,floor, BENCH_CPU_PROF=1)
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measure, round, type ScenarioResult } from './measure';
import { ROOT } from './processes';
import { buildScenarios, choosePersistedDocument, S4_PLAIN, type Target } from './scenarios';
import { withBenchSession } from './session';
import { startTargets } from './targets';

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
  // The per-request cost targets: as shipped (coalescing on) and call for call (coalescing off), against the floor.
  const ratioTargets: { id: string; target: Target; label: string; minThroughput?: number; maxCpu: number }[] = [
    { id: 'S1', target: 'gateway', label: 'S1', minThroughput: 0.9, maxCpu: 1.5 },
    { id: 'S1', target: 'gateway-plain', label: 'S1, coalescing off', minThroughput: 0.6, maxCpu: 2 },
    { id: 'S3', target: 'gateway-plain', label: 'S3, coalescing off', maxCpu: 1.6 },
  ];
  for (const t of ratioTargets) {
    const r = rs.find((x) => x.id === t.id && x.target === t.target);
    if (!r) continue;
    if (t.minThroughput !== undefined) {
      checks.push({
        target: `${t.label}: throughput ≥ ${t.minThroughput}× floor`,
        measured: `${r.throughput}×`,
        met: r.throughput >= t.minThroughput,
      });
    }
    checks.push({
      target: `${t.label}: CPU/request ≤ ${t.maxCpu}× floor`,
      measured: `${r.cpuPerReq}×`,
      met: r.cpuPerReq <= t.maxCpu,
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
  await withBenchSession(async ({ emulator, client, data, procs, machine, elapsedS }) => {
    console.error(
      `emulator ${emulator.url} (pid ${emulator.pid}); ${data.cardholderCount} cardholders, ${data.cardCount} cards`,
    );

    const { byTarget, skipped } = await startTargets(config.targets, emulator, procs, { cpuProf: config.cpuProf });

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
        const r = await measure(s, target.proc, target.url, emulator, client, config);
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
    const notes = results.some((r) => r.id === 'S4') && byTarget.has('gateway-plain') ? [S4_PLAIN] : [];
    const report = {
      ...machine(),
      config: { durationS: config.durationS, warmupS: config.warmupS, connections: config.connections },
      results,
      ratios: rs,
      targets,
      notes,
      skipped,
      wallClockS: elapsedS(),
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
    for (const n of notes) console.log(`- note: ${n}`);
    for (const s of skipped) console.log(`- skipped: ${s}`);
    console.log(
      `\n${config.connections} connections, ${config.durationS} s per scenario after ${config.warmupS} s warm-up; written to ${config.out}`,
    );
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
