// .env.example documents every environment variable the code under src/ reads, with the default the code applies.
// A variable read anywhere under src/ (the gateway's zod schema, the emulator's options and its `npm run emulator`
// entry point, or a future `process.env.X`) that is missing from the file fails here, and so does a documented
// default that differs from the code's.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvSchema, loadConfig } from '../../src/config';
import { resolveOptions } from '../../src/emulator/options';

const root = join(import.meta.dirname, '../..');
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^(?:PORT|HOST)$/;

interface Entry {
  name: string;
  value: string;
  meaning: string;
}

/** `# NAME=default` lines (empty = unset), each under a `# meaning` line (shared by consecutive entries). */
function readExample(): Entry[] {
  const lines = readFileSync(join(root, '.env.example'), 'utf8').split('\n');
  const entry = /^# ([A-Z][A-Z0-9_]*)=(.*)$/;
  const entries: Entry[] = [];
  lines.forEach((line, i) => {
    const m = entry.exec(line);
    if (!m) return;
    let above = i - 1;
    while (above >= 0 && entry.test(lines[above]!)) above--;
    const meaning = /^# (.+)$/.exec(lines[above] ?? '')?.[1] ?? '';
    entries.push({ name: m[1]!, value: m[2]!, meaning });
  });
  return entries;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => join(d.parentPath, d.name));
}

/**
 * Names a file reads from the environment: `process.env.X`, `process.env['X']`, the same through a local `env`
 * alias, `const { X } = process.env`, and in files that touch process.env, the string literal an env helper is
 * called with (`envInt('X')`, `int('X', 8900)`).
 */
function envReads(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const touchesEnv = text.includes('process.env');
  const isEnv = (e: ts.Expression) => e.getText(sf) === 'process.env' || (ts.isIdentifier(e) && e.text === 'env');
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && isEnv(node.expression)) names.push(node.name.text);
    if (ts.isElementAccessExpression(node) && isEnv(node.expression) && ts.isStringLiteral(node.argumentExpression)) {
      names.push(node.argumentExpression.text);
    }
    if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name)) {
      const fromEnv = node.initializer !== undefined && isEnv(node.initializer);
      if (fromEnv) for (const el of node.name.elements) names.push((el.propertyName ?? el.name).getText(sf));
    }
    if (touchesEnv && ts.isCallExpression(node)) {
      const first = node.arguments[0];
      if (first && ts.isStringLiteral(first) && ENV_NAME.test(first.text)) names.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names.filter((n) => ENV_NAME.test(n));
}

const entries = readExample();
const documented = new Map(entries.map((e) => [e.name, e]));
const schema = EnvSchema.shape as Record<string, { parse(v: unknown): unknown }>;

describe('.env.example', () => {
  it('lists each variable once, each with a one-line meaning above it', () => {
    expect(entries.length).toBeGreaterThan(40);
    expect(entries.map((e) => e.name).filter((n, i, all) => all.indexOf(n) !== i)).toEqual([]);
    expect(entries.filter((e) => e.meaning.length < 10).map((e) => e.name)).toEqual([]);
  });

  it('documents every variable read under src/', () => {
    const read = new Map<string, string>();
    for (const name of Object.keys(schema)) read.set(name, 'src/config.ts (EnvSchema)');
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const name of envReads(file)) if (!read.has(name)) read.set(name, file.slice(root.length + 1));
    }
    // The scanner finds the emulator's switches (helpers called with the name) and its entry point's reads.
    expect(read.get('EMULATOR_KYC_LEVEL')).toBe('src/emulator/options.ts');
    expect(read.get('EMULATOR_NOT_FOUND')).toBe('src/emulator/options.ts');
    expect(read.get('EMULATOR_SEED')).toBe('src/emulator/main.ts');
    const missing = [...read]
      .filter(([name]) => !documented.has(name))
      .map(([name, where]) => `${name} (read in ${where})`);
    expect(missing).toEqual([]);
  });

  it("the gateway's documented defaults are its zod defaults (empty = no default)", () => {
    const mismatches: string[] = [];
    for (const { name, value } of entries) {
      const field = schema[name];
      if (!field) continue;
      const codeDefault = field.parse(undefined);
      if (value === '') {
        // Unset: the schema has no default, or an empty value means the same as unset (GATEWAY_CORS_ORIGINS).
        if (codeDefault !== undefined && JSON.stringify(field.parse('')) !== JSON.stringify(codeDefault)) {
          mismatches.push(`${name}: documented unset, code default ${JSON.stringify(codeDefault)}`);
        }
        continue;
      }
      if (JSON.stringify(field.parse(value)) !== JSON.stringify(codeDefault)) {
        mismatches.push(`${name}: documented ${value}, code default ${JSON.stringify(codeDefault)}`);
      }
      // And end to end: setting the documented default changes nothing in the loaded config.
      if (JSON.stringify(loadConfig({ [name]: value })) !== JSON.stringify(loadConfig({}))) {
        mismatches.push(`${name}=${value} changes the loaded config`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  describe("the emulator's documented defaults", () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    });

    it("setting each one changes nothing in startEmulator's resolved options", () => {
      const emulatorEntries = entries.filter((e) => e.name.startsWith('EMULATOR_') && !schema[e.name]);
      expect(emulatorEntries.length).toBeGreaterThan(20);
      for (const { name } of emulatorEntries) delete process.env[name];
      const baseline = resolveOptions({});
      const mismatches: string[] = [];
      for (const { name, value } of emulatorEntries) {
        if (value === '') continue;
        process.env[name] = value;
        try {
          if (JSON.stringify(resolveOptions({})) !== JSON.stringify(baseline)) mismatches.push(`${name}=${value}`);
        } catch (err) {
          mismatches.push(`${name}=${value}: ${(err as Error).message}`);
        }
        delete process.env[name];
      }
      expect(mismatches).toEqual([]);
    });
  });
});
