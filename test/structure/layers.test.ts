// The gateway's layers, checked on the imports of every file under src/ (the emulator has its own check): no
// import cycle between files, no arrow from a lower layer up to a higher one (nor sideways between two areas of
// one layer), and nothing but src/main.ts importing the emulator. The order below is the one README's "Where
// things live" lists (checked here too); a new area is added in both, at the rank its imports allow.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Lowest first. A file belongs to the most specific entry naming it (a folder or a file). An import may stay in
 * its own area or go to an area of a lower rank: never up, and never to another area of the same rank.
 */
export const LAYERS: readonly (readonly string[])[] = [
  // Foundations: what everything may use. src/errors: the catalogue of codes and the GraphQL error builders.
  ['src/redact.ts', 'src/config.ts', 'src/errors'],
  ['src/logger.ts'],
  ['src/redis.ts', 'src/shutdown.ts'],
  // The UQPAY datasource: the wire, the typed resources on it, the upstream economy plugged into its pipeline,
  // then the client that composes them and the datasource's public face (index.ts).
  ['src/datasources/uqpay/transport'],
  ['src/datasources/uqpay/resources'],
  ['src/datasources/uqpay/economy'],
  ['src/datasources'],
  // Verified UQPAY events and the bus that carries them; the webhook receiver publishes onto it.
  ['src/events'],
  ['src/webhooks'],
  // Request handling around GraphQL execution; the error mask and the userErrors mapping, which map the
  // datasource's error classes to the catalogue's codes.
  ['src/errors/mask.ts', 'src/errors/user-errors.ts', 'src/access', 'src/execution'],
  ['src/observability'],
  ['src/edge'],
  // Per-request context, what each field does, the schema's shape, and the composition.
  ['src/context.ts'],
  ['src/resolvers'],
  ['src/schema'],
  ['src/server.ts'],
  // The process entry: main.ts loads `.env` first (env-file.ts imports nothing), then config, emulator and server.
  ['src/env-file.ts'],
  ['src/main.ts'],
];

const ROOT = join(__dirname, '../..');
const EMULATOR = 'src/emulator';

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = posix.join(dir, name);
    if (path === EMULATOR) continue;
    if (statSync(join(ROOT, path)).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

const isFile = (path: string) => {
  try {
    return statSync(join(ROOT, path)).isFile();
  } catch {
    return false;
  }
};

/** The repository path a relative specifier names (`./x` → `src/x.ts` or `src/x/index.ts`). */
function resolveImport(from: string, specifier: string): string {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '');
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base].find(isFile) ?? base;
}

interface Import {
  from: string;
  to: string;
}

/** Every relative import and re-export of `file`, type-only and dynamic ones included. */
function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => ({ from: file, to: resolveImport(file, s) }));
}

const covers = (entry: string, file: string) => file === entry || file.startsWith(`${entry}/`);

/** The most specific layer entry naming `file`, with its rank. */
function areaOf(file: string): { area: string; rank: number } | undefined {
  let best: { area: string; rank: number } | undefined;
  LAYERS.forEach((entries, rank) => {
    for (const entry of entries) {
      if (covers(entry, file) && (!best || entry.length > best.area.length)) best = { area: entry, rank };
    }
  });
  return best;
}

/** Strongly connected components with more than one file (or a file importing itself), Tarjan's algorithm. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

const files = sourceFiles('src');
const imports = files.flatMap(importsOf);

describe('the layers of src/', () => {
  it('declares only paths that exist, and places every file', () => {
    const missing = LAYERS.flat().filter((entry) => !isFile(entry) && !isDirectory(entry));
    expect(missing).toEqual([]);
    expect(files.filter((f) => !areaOf(f))).toEqual([]);
  });

  it('has no import cycle between files', () => {
    const graph = new Map<string, string[]>(files.map((f) => [f, []]));
    for (const i of imports) if (graph.has(i.to)) graph.get(i.from)!.push(i.to);
    expect(cycles(graph)).toEqual([]);
  });

  it('has no arrow running up, or sideways between areas of one layer', () => {
    const wrong: string[] = [];
    for (const { from, to } of imports) {
      if (covers(EMULATOR, to)) continue; // the next check
      const a = areaOf(from);
      const b = areaOf(to);
      if (!a || !b || a.area === b.area) continue;
      if (b.rank >= a.rank) wrong.push(`${from} → ${to} (${a.area} may not import ${b.area})`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets only src/main.ts import the emulator', () => {
    const wrong = imports.filter((i) => covers(EMULATOR, i.to) && i.from !== 'src/main.ts');
    expect(wrong.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('is the order README lists under "Layers"', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('**Layers.**');
    const list = readme.slice(start).split('\n\n')[1] ?? '';
    const listed = list
      .split('\n')
      .filter((line) => /^\d+\. /.test(line))
      .map((line) => [...line.matchAll(/`(src\/[^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, '')));
    expect(listed).toEqual(LAYERS);
  });

  it('reads imports the way the compiler does (a sanity check of this test)', () => {
    expect(imports.some((i) => i.from === 'src/main.ts' && i.to === 'src/server.ts')).toBe(true);
    expect(imports.some((i) => i.from === 'src/main.ts' && covers(EMULATOR, i.to))).toBe(true);
    expect(relative(ROOT, dirname(join(ROOT, files[0]!)))).toMatch(/^src/);
  });
});

function isDirectory(path: string): boolean {
  try {
    return statSync(join(ROOT, path)).isDirectory();
  } catch {
    return false;
  }
}
