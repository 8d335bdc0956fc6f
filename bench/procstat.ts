// CPU time and memory of another process, read from Linux's /proc. CPU is in clock ticks (USER_HZ, 100 on
// every mainstream Linux build), so a measured window should hold at least a few seconds of work.
import { readFileSync } from 'node:fs';

const USER_HZ = 100;

/** User + system CPU time consumed so far by `pid`, in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces and parentheses; the fields we need follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name, fields restart at 3 (state): utime is field 14, stime field 15.
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  return ((utime + stime) * 1_000_000) / USER_HZ;
}

export interface Memory {
  /** Resident set size now, MB. */
  rssMb: number;
  /** Peak resident set size since the process started (VmHWM), MB. */
  peakRssMb: number;
}

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** Samples RSS while a load runs; VmHWM alone would also count start-up spikes from earlier scenarios. */
export function sampleRss(pid: number, everyMs = 250): { stop(): number } {
  let peak = 0;
  const take = () => {
    try {
      peak = Math.max(peak, memory(pid).rssMb);
    } catch {
      // the process ended; keep what we saw
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
