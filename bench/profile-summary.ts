// Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof --only S1`): self time by function and by
// package/file, so the report can name concrete costs.
//   npx tsx bench/profile-summary.ts bench/profiles/<file>.cpuprofile [top] [last-seconds]
// `last-seconds` keeps only the samples of the final seconds (the measured load, not start-up).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarise(profile: Profile, top = 25, lastSeconds = Infinity): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const span = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const from = span - lastSeconds * 1e6;
  let t = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t >= from) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url.replace(/^file:\/\/.*?\/work\/main\//, '').replace(/^file:\/\//, '') || '(native)';
    const group = where.includes('node_modules/')
      ? where.replace(/.*node_modules\/((?:@[^/]+\/)?[^/]+).*/, '$1')
      : where.startsWith('node:')
        ? 'node:*'
        : where;
    fn.set(
      `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`,
      (fn.get(`${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`) ?? 0) + us,
    );
    file.set(group, (file.get(group) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${pct(us)}  ${k}`)
      .join('\n');
  const busy = total - (fn.get('(idle) (native):0') ?? 0);
  return `sampled: ${(total / 1e6).toFixed(2)} s, of which not idle: ${(busy / 1e6).toFixed(2)} s\n\nby package / file (self time):\n${list(file)}\n\nby function (self time):\n${list(fn)}`;
}

const path = process.argv[2];
if (path)
  console.log(
    summarise(
      JSON.parse(readFileSync(path, 'utf8')) as Profile,
      Number(process.argv[3] ?? 25),
      Number(process.argv[4] ?? Infinity),
    ),
  );
