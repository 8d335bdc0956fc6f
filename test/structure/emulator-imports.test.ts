// The emulator's structure, read from its import statements: no circles, route files that never lean on each
// other, nothing from the gateway (the emulator is an independent check of it), and every arrow pointing down
// the layers that src/emulator/README.md lists. Type-only imports count: they couple the files just the same.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EMULATOR = path.join(REPO, 'src/emulator');
const rel = (file: string) => path.relative(EMULATOR, file).split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Import and re-export statements (`… from '…'`, also across lines), bare `import '…'` and `import('…')`, in the
 * order they appear. Statements start a line, so a string that ends in "from" is not mistaken for one.
 */
const STATEMENT = /^[ \t]*(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"\n]+)['"]|^[ \t]*import\s*['"]([^'"\n]+)['"]/gm;
const DYNAMIC = /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

function specifiers(text: string): string[] {
  const found = [...text.matchAll(STATEMENT), ...text.matchAll(DYNAMIC)].sort((a, b) => a.index - b.index);
  return found.map((m) => (m[1] ?? m[2]) as string);
}

/** A relative specifier → the .ts file it names, or undefined if none exists. */
function resolveRelative(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, `${base}.ts`, path.join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c) && statSync(c).isFile());
}

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
};
const packageName = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0] as string);

interface Graph {
  /** file (relative to src/emulator) → the emulator files it imports */
  edges: Map<string, string[]>;
  /** imports that leave src/emulator or name nothing */
  outside: string[];
}

function importGraph(): Graph {
  const edges = new Map<string, string[]>();
  const outside: string[] = [];
  for (const file of sourceFiles(EMULATOR)) {
    const targets: string[] = [];
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec);
        if (!target) outside.push(`${rel(file)}: '${spec}' names no file`);
        else if (target.startsWith(EMULATOR + path.sep)) targets.push(rel(target));
        else outside.push(`${rel(file)}: '${spec}' is outside src/emulator`);
      } else if (!isBuiltin(spec) && !pkg.dependencies?.[packageName(spec)]) {
        outside.push(`${rel(file)}: '${spec}' is neither a node builtin nor a package in dependencies`);
      }
    }
    edges.set(rel(file), [...new Set(targets)]);
  }
  return { edges, outside };
}

/** Every strongly connected group of files (Tarjan), shown as the shortest circle through each of its files. */
function cycles(edges: Map<string, string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || edges.get(v)?.includes(v)) groups.push(group);
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.flatMap((group) => [...new Set(group.map((v) => shortestCircle(edges, new Set(group), v)))].sort());
}

/** The shortest circle from `start` back to itself through `group`, written from its alphabetically first file. */
function shortestCircle(edges: Map<string, string[]>, group: Set<string>, start: string): string {
  const paths = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (w === start) {
        const circle = paths.get(v)!;
        const first = circle.indexOf([...circle].sort()[0]!);
        const rotated = [...circle.slice(first), ...circle.slice(0, first)];
        return [...rotated, rotated[0]].join(' → ');
      }
      if (group.has(w) && !paths.has(w)) {
        paths.set(w, [...paths.get(v)!, w]);
        queue.push(w);
      }
    }
  }
  return [...group].join(', ');
}

const isRouteFile = (file: string) => file.startsWith('routes/');

/**
 * The layers from src/emulator/README.md's ```layers block, top first: `name  pattern pattern …`, where a
 * pattern is a file (relative to src/emulator) or a folder ending in `/*`.
 */
function layers(): { name: string; patterns: string[] }[] {
  const readme = readFileSync(path.join(EMULATOR, 'README.md'), 'utf8');
  const block = /```layers\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('src/emulator/README.md has no ```layers block');
  return block
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => words[0])
    .map(([name, ...patterns]) => ({ name: name as string, patterns }));
}

function layerOf(file: string, list: ReturnType<typeof layers>): number {
  return list.findIndex(({ patterns }) =>
    patterns.some((p) => (p.endsWith('/*') ? file.startsWith(p.slice(0, -1)) : file === p)),
  );
}

describe('src/emulator imports', () => {
  const graph = importGraph();

  it('finds the emulator files and their imports', () => {
    // A guard for the test itself: a parser that saw nothing would pass every check below.
    expect(graph.edges.get('server.ts')).toEqual(expect.arrayContaining(['core.ts', 'options.ts']));
    expect(graph.edges.size).toBeGreaterThan(20);
  });

  it('has no import cycle', () => {
    expect(cycles(graph.edges)).toEqual([]);
  });

  it('has no route file importing another route file', () => {
    const found = [...graph.edges].flatMap(([file, targets]) =>
      isRouteFile(file) ? targets.filter(isRouteFile).map((t) => `${file} → ${t}`) : [],
    );
    expect(found).toEqual([]);
  });

  it('imports nothing from outside src/emulator but node builtins and declared packages', () => {
    expect(graph.outside).toEqual([]);
  });

  it('places every file in a layer of src/emulator/README.md and imports only its own layer or lower ones', () => {
    const list = layers();
    const unplaced = [...graph.edges.keys()].filter((f) => layerOf(f, list) < 0);
    expect(unplaced).toEqual([]);
    // The list itself stays true: every file it names exists, and no file is in two layers.
    const named = list.flatMap(({ patterns }) => patterns.filter((p) => !p.endsWith('/*')));
    expect(named.filter((f) => !graph.edges.has(f))).toEqual([]);
    expect(named.filter((f, i) => named.indexOf(f) !== i)).toEqual([]);
    const upward = [...graph.edges].flatMap(([file, targets]) =>
      targets
        .filter((t) => layerOf(t, list) < layerOf(file, list))
        .map((t) => `${file} (${list[layerOf(file, list)]!.name}) → ${t} (${list[layerOf(t, list)]!.name})`),
    );
    expect(upward).toEqual([]);
  });
});

describe('the import checks themselves', () => {
  it('report a circle and only a circle', () => {
    const edges = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
    ]);
    expect(cycles(edges)).toEqual(['a.ts → b.ts → c.ts → a.ts']);
    expect(
      cycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('read every import form', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "import './d';",
      "const e = await import('./e');",
      "import {\n  f,\n} from 'fastify';",
      "  throw badRequest('card_error', 'x', 'cannot be withdrawn from');",
      "const g = badRequest('from');",
    ].join('\n');
    expect(specifiers(text)).toEqual(['./a', '../b', './c', './d', './e', 'fastify']);
  });
});
