// What every load bench run sets up the same way: the emulator as a process with the bench data in it, a record of
// the machine it ran on, and every process it starts stopped at the end (also on Ctrl-C).
import { cpus, loadavg } from 'node:os';
import { ensureBenchData, type BenchData } from './bench-data';
import { round } from './measure';
import { startEmulatorProcess, type EmulatorProcess, type NodeProcess } from './processes';
import { EmulatorClient } from './upstream';

export interface BenchSession {
  emulator: EmulatorProcess;
  client: EmulatorClient;
  data: BenchData;
  /** Push every process started during the run here: the session stops them all. */
  procs: NodeProcess[];
  /** The machine and the time, for the report's head. */
  machine: () => { date: string; node: string; cpus: number; cpuModel?: string; loadavgAtStart: number[] };
  /** Seconds since the session began. */
  elapsedS: () => number;
}

export async function withBenchSession(run: (s: BenchSession) => Promise<void>): Promise<void> {
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
    await run({
      emulator,
      client,
      data,
      procs,
      machine: () => ({
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        loadavgAtStart: loadAtStart.map((l) => round(l, 2)),
      }),
      elapsedS: () => round((Date.now() - started) / 1000),
    });
  } finally {
    await cleanup();
  }
}
