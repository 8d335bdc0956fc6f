// The Node versions package.json declares are the ones the suite runs on, and every installed package admits them.
// npm only warns (EBADENGINE) when a dependency wants a newer Node; here that is a failure, checked against the
// lockfile for every declared release line, whichever Node runs the suite.
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const declared = new semver.Range(pkg.engines.node);
// The lowest version of each release line `engines` admits, e.g. 20.19.0, 24.0.0 for `^20.19.0 || ^24.0.0`.
const lowest = declared.set.map((comparators) => semver.minVersion(comparators.map(String).join(' '))!.version);

describe('engines', () => {
  it(`the suite runs on a Node that engines admits (${pkg.engines.node}), and on the one CI asked for`, () => {
    console.log(`Running on Node ${process.version} (${process.execPath})`);
    expect(semver.satisfies(process.version, declared), `Node ${process.version} is not in ${declared.raw}`).toBe(true);
    const expected = process.env.EXPECT_NODE_MAJOR;
    if (expected !== undefined) expect(String(semver.major(process.version))).toBe(expected);
  });

  it('engines names release lines with a lower bound, never an open-ended one', () => {
    expect(lowest.length).toBeGreaterThan(0);
    // An open range (`>=20`) would claim every future release without a test run on it.
    for (const comparators of declared.set) {
      expect(
        comparators.some((c) => c.operator === '<'),
        `${comparators.map((c) => c.value).join(' ')} has no upper bound`,
      ).toBe(true);
    }
  });

  it('every package in the lockfile admits the lowest version of each declared release line', () => {
    const refusals: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const wanted = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!path || !wanted) continue;
      for (const version of [...lowest, process.versions.node]) {
        if (!semver.satisfies(version, wanted)) {
          refusals.push(`${path}@${entry.version} wants node ${wanted}, not ${version}`);
        }
      }
    }
    expect(refusals).toEqual([]);
  });

  it('every locked package satisfies the range its dependent declares (overrides pick within ranges)', () => {
    // Where Node resolves `name` from the package at `from`: its own node_modules, then each parent's.
    const resolve = (from: string, name: string): string | undefined => {
      for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
        const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
        if (lock.packages[candidate]) return candidate;
        if (!base) return undefined;
      }
    };
    const mismatches: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const wanted = { ...entry.peerDependencies, ...entry.optionalDependencies, ...entry.dependencies };
      for (const [name, range] of Object.entries(wanted)) {
        const found = resolve(path, name);
        const version = found && lock.packages[found]?.version;
        if (!version || !semver.validRange(range)) continue; // optional or peer not installed; aliases
        if (!semver.satisfies(version, range)) {
          mismatches.push(`${path || '(root)'} wants ${name}@${range}, gets ${version}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
