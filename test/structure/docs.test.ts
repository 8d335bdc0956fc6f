// The repository explains itself. Comments, tests and docs name the concept ("the upstream budget"), never the
// ticket that brought it, which a reader of a clone cannot open. The Markdown docs a clone ships only link to
// their own headings and to files inside the repository (no ../shared), and every such link resolves.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'profiles') return [];
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const TEXT = /\.(ts|js|sh|md|graphql|json)$/;
const SOURCES = [
  ...['src', 'test', 'bench', 'scripts', 'operations', '.ci'].flatMap((dir) => filesUnder(path.join(REPO, dir))),
  ...[
    'README.md',
    'CONTRIBUTING.md',
    'CHANGELOG.md',
    'codegen.ts',
    'vitest.config.ts',
    'eslint.config.js',
    'Dockerfile',
  ].map((f) => path.join(REPO, f)),
].filter((file) => existsSync(file) && (TEXT.test(file) || /(Dockerfile|\/run)$/.test(file)));

// The word "issue" (or "issues") then a number, with or without "#": a ticket, not a concept.
const TICKET = new RegExp(String.raw`\bissues? #?\d+\b`, 'gi');

// Documents that live beside the repository, not in it: a clone has none of them.
const OUTSIDE = /\.\.\/shared\b|\b(?:UPSTREAM|CONTRACT|STYLE)\.md\b/;

describe('comments and docs name concepts, not tickets', () => {
  it('no ticket number in src/, test/, bench/, scripts/, operations/, CI or the docs', () => {
    const hits: string[] = [];
    for (const file of SOURCES) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (TICKET.test(line)) hits.push(`${path.relative(REPO, file)}:${i + 1}: ${line.trim()}`);
          TICKET.lastIndex = 0;
        });
    }
    expect(SOURCES.length).toBeGreaterThan(100);
    expect(hits).toEqual([]);
  });

  it('nothing points to documents outside the repository (../shared, UPSTREAM.md, CONTRACT.md, STYLE.md)', () => {
    const hits: string[] = [];
    for (const file of SOURCES) {
      if (file === fileURLToPath(import.meta.url)) continue; // this test names them
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (OUTSIDE.test(line)) hits.push(`${path.relative(REPO, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2, … */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** `[text](target)` links outside code blocks and inline code. */
function linksOf(markdown: string): string[] {
  const links: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) links.push(m[1]!);
  }
  return links;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (['node_modules', 'generated', 'dist', 'coverage', '.git'].includes(name)) return [];
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return name.endsWith('.md') ? [path.relative(REPO, full)] : [];
  });
}
const DOCS = markdownFiles(REPO);

describe('Markdown links resolve inside the repository', () => {
  it('the anchor rules match GitHub on the shapes our headings use', () => {
    const anchors = anchorsOf(
      '# UQPAY Card Issuing — GraphQL gateway\n## Access: API keys and persisted documents\n' +
        '### Environment (standalone `npm run emulator`)\n## Error codes\n### Error codes\n' +
        '```sh\n# not a heading\n```\n### Controls (`/__emulator`, JSON; off with `EMULATOR_CONTROLS=off`)\n',
    );
    expect([...anchors]).toEqual([
      'uqpay-card-issuing--graphql-gateway',
      'access-api-keys-and-persisted-documents',
      'environment-standalone-npm-run-emulator',
      'error-codes',
      'error-codes-1',
      'controls-__emulator-json-off-with-emulator_controlsoff',
    ]);
  });

  for (const doc of DOCS) {
    it(`${doc}: every #anchor names a heading, every relative link a file in the repository`, () => {
      const text = readFileSync(path.join(REPO, doc), 'utf8');
      const own = anchorsOf(text);
      const dead: string[] = [];
      for (const link of linksOf(text)) {
        if (/^[a-z]+:/i.test(link)) continue; // https:, mailto:
        const [file, anchor] = link.split('#') as [string, string | undefined];
        const target = file ? path.resolve(REPO, path.dirname(doc), file) : path.join(REPO, doc);
        if (!target.startsWith(REPO) || !existsSync(target)) {
          dead.push(`${link} (no such file in the repository)`);
          continue;
        }
        if (anchor === undefined) continue;
        const anchors = file ? anchorsOf(readFileSync(target, 'utf8')) : own;
        if (!anchors.has(anchor)) dead.push(`${link} (no such heading)`);
      }
      expect(dead).toEqual([]);
    });
  }
});
