// One scenario measured against one running target: a probe, the exact UQPAY calls per operation over sequential
// requests, a warm-up, then a fixed-concurrency load during which the target's CPU (utime+stime from /proc),
// the emulator's CPU and the target's RSS are read. Shared by `npm run bench` and `npm run bench:breakdown`.
import { runLoad, type LoadResult } from './load';
import type { EmulatorProcess, NodeProcess } from './processes';
import { cpuMicros, sampleRss } from './procstat';
import type { Scenario, Target } from './scenarios';
import { apiCalls, statsDelta, type EmulatorClient } from './upstream';

export interface MeasureConfig {
  durationS: number;
  warmupS: number;
  connections: number;
}

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

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function send(url: string, s: Scenario): Promise<Response> {
  const v = s.request.vary?.();
  return fetch(`${url}${s.request.path}`, {
    method: s.request.method,
    headers: { 'content-type': 'application/json', ...s.request.headers, ...v?.headers },
    body: v?.body ?? s.request.body,
  });
}

export async function measure(
  s: Scenario,
  proc: NodeProcess,
  url: string,
  emulator: EmulatorProcess,
  client: EmulatorClient,
  config: MeasureConfig,
): Promise<ScenarioResult> {
  // One request first: a scenario that fails outright is reported, not benchmarked.
  const probe = await send(url, s);
  const probeBody = await probe.text();
  const expected = s.request.status === undefined ? probe.ok : probe.status === s.request.status;
  if (!expected || s.request.isFailure?.(probeBody)) {
    throw new Error(`probe failed: ${probe.status} ${probeBody.slice(0, 600)}`);
  }
  // Calls per operation, exactly: sequential requests, so nothing is cut off mid-flight and nothing coalesces.
  const seqBefore = await client.stats();
  const SEQUENTIAL = 10;
  for (let i = 0; i < SEQUENTIAL; i++) await (await send(url, s)).arrayBuffer();
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
