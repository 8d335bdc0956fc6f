// `npm run soak`: 2,000 mutations under injected faults, then the upstream-down check. Exits 1 on any problem.
//   npm run soak -- --mutations 2000 --concurrency 16 --seed 42 [--skip-down]
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './processes';
import { DEFAULT_SOAK_FAULTS, runSoak, runUpstreamDown } from './reliability';

const { values } = parseArgs({
  options: {
    mutations: { type: 'string', default: process.env.SOAK_MUTATIONS ?? '2000' },
    concurrency: { type: 'string', default: process.env.SOAK_CONCURRENCY ?? '16' },
    seed: { type: 'string' },
    'skip-down': { type: 'boolean' },
  },
});

async function main(): Promise<void> {
  const log = (line: string) => console.error(line);
  log(
    `soak: ${values.mutations} mutations, ${values.concurrency} clients, faults ${JSON.stringify(DEFAULT_SOAK_FAULTS)}`,
  );
  const soak = await runSoak({
    mutations: Number(values.mutations),
    concurrency: Number(values.concurrency),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    log,
  });
  console.log(JSON.stringify(soak, null, 2));
  const down = values['skip-down'] ? undefined : await runUpstreamDown();
  if (down) console.log(JSON.stringify(down, null, 2));
  writeFileSync(
    resolve(ROOT, 'bench/soak-results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), soak, upstreamDown: down }, null, 2)}\n`,
  );
  const problems = [...soak.problems, ...(down?.problems ?? [])];
  console.log(
    problems.length
      ? `\nFAILED:\n- ${problems.join('\n- ')}`
      : `\nOK: ${soak.applied} mutations applied exactly once; balances and ledger match.`,
  );
  process.exitCode = problems.length ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
