// The processes a bench measures, started beside a running emulator: the floor proxy, the gateway as
// `npm run start:prod` runs it (the esbuild bundle under plain node, built here first), and the same gateway with
// in-flight coalescing off (`gateway-plain`, call for call like the floor). The emulator itself is `rest`.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, startFloorProcess, startGatewayProcess, type EmulatorProcess, type NodeProcess } from './processes';
import type { Target } from './scenarios';

/**
 * The gateway's V8 flags, as `npm run start:prod` passes them (BENCH_GATEWAY_NODE_FLAGS replaces them). A young
 * generation of 8 MB semi-spaces instead of 16: ~18 MB less peak RSS, no CPU cost the bench can see (3 runs each).
 * `--heap-growing-percent=100`: old space grows to 2× its live size between full GCs instead of V8's up to 4×.
 * At 150 (2.5×) it took ~50 MB off peak RSS; 100 cost CPU while ~9% of each request's allocation was promoted,
 * and nothing the bench can see once that stopped (the direct path's hook payloads), for ~27 MB less (one full
 * run each: S5 peak 200 → 173 MB, S1 call for call 186 → 166 µs/req).
 */
const GATEWAY_NODE_FLAGS = (
  process.env.BENCH_GATEWAY_NODE_FLAGS ?? '--max-semi-space-size=8 --heap-growing-percent=100'
)
  .split(' ')
  .filter(Boolean);

export interface RunningTarget {
  proc: NodeProcess;
  url: string;
}

export interface StartedTargets {
  byTarget: Map<Target, RunningTarget>;
  /** Targets that did not start, with the first line of why. */
  skipped: string[];
}

/** Starts the requested targets; every process started is pushed onto `procs` at once, for the caller's cleanup. */
export async function startTargets(
  targets: readonly Target[],
  emulator: EmulatorProcess,
  procs: NodeProcess[],
  opts: { cpuProf?: boolean } = {},
): Promise<StartedTargets> {
  const byTarget = new Map<Target, RunningTarget>();
  byTarget.set('rest', { proc: emulator, url: emulator.url });
  const skipped: string[] = [];
  if (targets.includes('floor')) {
    const floor = await startFloorProcess({ upstreamBaseUrl: emulator.baseUrl });
    procs.push(floor);
    byTarget.set('floor', { proc: floor, url: floor.url });
  }
  // Profiles are named CPU.<date>.<time>.<pid>.…: the pids are printed below.
  const nodeArgs = [
    ...GATEWAY_NODE_FLAGS,
    ...(opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(ROOT, 'bench/profiles')}`] : []),
  ];
  if (opts.cpuProf) mkdirSync(resolve(ROOT, 'bench/profiles'), { recursive: true });
  // The gateway runs as shipped by `npm run start:prod`: the esbuild bundle under plain node (no tsx loader
  // thread, ~34 MB less RSS). BENCH_GATEWAY_SCRIPT overrides it (a .ts entry point runs under tsx).
  const script = process.env.BENCH_GATEWAY_SCRIPT ? undefined : 'dist/main.js';
  if (script && (targets.includes('gateway') || targets.includes('gateway-plain'))) {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const gateways: [Target, string, Record<string, string>][] = [
    ['gateway', 'gateway', {}],
    ['gateway-plain', 'gateway, coalescing off', { UQPAY_COALESCE: 'off' }],
  ];
  for (const [target, label, env] of gateways) {
    if (!targets.includes(target)) continue;
    try {
      const gateway = await startGatewayProcess({ upstreamBaseUrl: emulator.baseUrl, env, nodeArgs, script });
      procs.push(gateway);
      byTarget.set(target, { proc: gateway, url: gateway.url });
      console.error(`${label} ${gateway.url} (pid ${gateway.pid})`);
    } catch (err) {
      skipped.push(`${label} did not start: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return { byTarget, skipped };
}
