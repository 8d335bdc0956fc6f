// `npm run bench:breakdown`: what one request costs the gateway, layer by layer, in CPU µs per response of the
// gateway process (utime+stime from /proc ÷ responses, as `npm run bench` measures it), beside the floor's.
// Requests that each add one layer (bench/breakdown-scenarios.ts), then differences and a per-call slope
// (bench/breakdown-figures.ts). Rounds interleave every request, and each figure is the median over the rounds.
// Writes bench/breakdown.json and prints two markdown tables.
//
//   npm run bench:breakdown -- --duration 6 --warmup 2 --rounds 3 --calls 1,4,12   (the defaults; ~5 min)
//   (or BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_ROUNDS, BENCH_CALLS)
// Windows are longer and rounds several because short ones are noisy for the gateway: 3 s windows on a loaded box
// gave rounds up to 3× apart for it (±15% for the floor). A likely cause is a full GC of the gateway's old space
// falling inside or outside a short window; the warm-up also lets the garbage of the request measured before (on
// the same gateway) be collected outside the window.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { breakdown, type Breakdown } from './breakdown-figures';
import { buildBreakdownScenarios } from './breakdown-scenarios';
import { measure, type ScenarioResult } from './measure';
import { ROOT } from './processes';
import { withBenchSession } from './session';
import { startTargets } from './targets';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    rounds: { type: 'string' },
    calls: { type: 'string' },
    out: { type: 'string' },
  },
});

const config = {
  durationS: Number(flags.duration ?? process.env.BENCH_DURATION ?? 6),
  warmupS: Number(flags.warmup ?? process.env.BENCH_WARMUP ?? 2),
  connections: Number(flags.connections ?? process.env.BENCH_CONNECTIONS ?? 16),
  rounds: Number(flags.rounds ?? process.env.BENCH_ROUNDS ?? 3),
  calls: (flags.calls ?? process.env.BENCH_CALLS ?? '1,4,12').split(',').filter(Boolean).map(Number),
  out: flags.out ?? resolve(ROOT, 'bench/breakdown.json'),
};

const us = (n: number | undefined) => (n === undefined ? '—' : String(n));

function print(b: Breakdown): void {
  console.log('\n| Layer | Measured by | gateway CPU µs/req | floor CPU µs/req |\n|---|---|---:|---:|');
  for (const l of b.layers) console.log(`| ${l.layer} | ${l.measuredBy} | ${us(l.gatewayUs)} | ${us(l.floorUs)} |`);
  console.log('\n| Request | Target | CPU µs/req (median) | lowest–highest round |\n|---|---|---:|---:|');
  for (const [key, v] of Object.entries(b.cpuUsPerReq)) {
    const [id, target] = key.split(' ');
    const [lo, hi] = b.cpuUsPerReqRange[key] ?? [v, v];
    console.log(`| ${id} | ${target} | ${v} | ${lo}–${hi} |`);
  }
  if (b.gap) {
    const { http, perRequest, perCall, modelled, measured } = b.gap;
    console.log(
      '\n| Where the gateway (coalescing off) spends more than the floor, S1 with 1 UQPAY call | µs/req |\n|---|---:|',
    );
    console.log(`| HTTP: node:http + the edge − node:http alone | ${http} |`);
    console.log(
      `| per request above HTTP: yoga, the GraphQL request, execution set-up (the lines at 0 calls) | ${perRequest} |`,
    );
    console.log(`| per UQPAY call (the slopes) | ${perCall} |`);
    console.log(`| sum | ${modelled} |`);
    console.log(`| measured: cards-1 gateway-plain − cards-1 floor | ${us(measured)} |`);
  }
}

async function main(): Promise<void> {
  await withBenchSession(async ({ emulator, client, data, procs, machine, elapsedS }) => {
    const { byTarget, skipped } = await startTargets(['gateway', 'gateway-plain', 'floor'], emulator, procs);
    const scenarios = buildBreakdownScenarios(data, data.cardIds, config.calls);
    const results: ScenarioResult[] = [];
    for (let round_ = 1; round_ <= config.rounds; round_++) {
      // Forward, then backward: drift in the box's load over a run weighs on every request alike.
      for (const s of round_ % 2 ? scenarios : [...scenarios].reverse()) {
        const target = byTarget.get(s.target);
        if (!target) continue;
        process.stderr.write(`round ${round_} ${s.id} ${s.target} … `);
        try {
          const r = await measure(s, target.proc, target.url, emulator, client, config);
          results.push(r);
          process.stderr.write(`${r.reqPerSec} req/s, ${r.upstreamCallsPerOp} calls/op, ${r.cpuUsPerReq} µs CPU/req\n`);
          if (r.sampleFailure) process.stderr.write(`  failures, e.g.: ${r.sampleFailure}\n`);
        } catch (err) {
          process.stderr.write('skipped\n');
          skipped.push(`round ${round_} ${s.id} ${s.target}: ${(err as Error).message}`);
        }
      }
    }
    const b = breakdown(results);
    const report = {
      ...machine(),
      config: {
        durationS: config.durationS,
        warmupS: config.warmupS,
        connections: config.connections,
        rounds: config.rounds,
        calls: config.calls,
      },
      ...b,
      results,
      skipped,
      wallClockS: elapsedS(),
    };
    writeFileSync(config.out, `${JSON.stringify(report, null, 2)}\n`);
    print(b);
    for (const s of skipped) console.log(`- skipped: ${s}`);
    console.log(
      `\n${config.connections} connections, ${config.durationS} s per request after ${config.warmupS} s warm-up, ${config.rounds} round(s), medians; written to ${config.out}`,
    );
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
