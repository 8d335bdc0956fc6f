// Runs a Dockerfile's steps without Docker: each stage in its own temporary directory standing for the image's
// file system. COPY copies from the build context (the repository, minus .dockerignore) or from an earlier stage,
// RUN runs the command there with the stage's ENV, and the final stage's USER, EXPOSE, HEALTHCHECK and CMD are
// kept for the caller to check and run. An instruction it does not know is an error, never skipped.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';

export interface Instruction {
  op: string;
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  image: string;
  /** The temporary directory standing for the stage's `/`. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  user?: string;
  exposed: string[];
  healthcheck?: string[];
  cmd?: string[];
  /** The RUN commands, as written (without --mount flags). */
  runs: string[];
}

export interface BuildOptions {
  context: string;
  /** Environment every RUN also gets (e.g. PATH, HOME, npm settings); the stage's ENV wins. */
  env: Record<string, string>;
  /**
   * Called before each RUN; may return a replacement action (the quick variant links the repository's installed
   * node_modules instead of a build stage's `npm ci`). Undefined runs the command.
   */
  substitute?: (stage: Stage, command: string, isFinal: boolean) => (() => void) | undefined;
  log?: (line: string) => void;
}

/** Instructions of a Dockerfile: comments and blank lines dropped, `\` continuations joined. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!pending && (line.trim() === '' || line.trimStart().startsWith('#'))) return;
    if (pending && line.trimStart().startsWith('#')) return; // comments inside a continuation
    if (!pending) start = i + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const full = (pending + line).trim();
    pending = '';
    const m = /^(\S+)\s*(.*)$/s.exec(full)!;
    out.push({ op: m[1]!.toUpperCase(), args: m[2]!.trim(), line: start });
  });
  return out;
}

/** `["a", "b"]` (exec form) → argv; anything else (shell form) → ['/bin/sh', '-c', text]. */
function argv(text: string): string[] {
  if (text.startsWith('[')) return JSON.parse(text) as string[];
  return ['/bin/sh', '-c', text];
}

/** Leading `--flag=value` options of an instruction, and the rest. */
function flags(args: string): { flags: Record<string, string>; rest: string } {
  const found: Record<string, string> = {};
  let rest = args;
  for (let m = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest); m; m = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest)) {
    found[m[1]!] = m[2] ?? 'true';
    rest = rest.slice(m[0].length);
  }
  return { flags: found, rest };
}

/** `K=v K2="v 2"` (or the legacy `K v`). */
function parseEnv(args: string): Record<string, string> {
  if (!/^\S+=/.test(args)) {
    const [key, ...value] = args.split(/\s+/);
    return { [key!]: value.join(' ') };
  }
  const env: Record<string, string> = {};
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    env[m[1]!] = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!;
  }
  return env;
}

/** .dockerignore: Go-style globs with `**`, later lines win, `!` re-includes; a matched directory hides its files. */
export function dockerignore(context: string): (path: string) => boolean {
  const file = join(context, '.dockerignore');
  const rules = (existsSync(file) ? readFileSync(file, 'utf8') : '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, '')).replace(/\/+$/, '');
      const source = pattern
        .split('**')
        .map((part) =>
          part
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]'),
        )
        .join('.*');
      return { negate, re: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (path) => {
    let ignored = false;
    for (const rule of rules) if (rule.re.test(path)) ignored = !rule.negate;
    return ignored;
  };
}

function copyFromContext(
  context: string,
  ignored: (p: string) => boolean,
  source: string,
  dest: string,
  intoDir: boolean,
): void {
  if (/[*?[]/.test(source)) throw new Error(`COPY ${source}: wildcards are not supported by this runner`);
  const rel = posix.normalize(source).replace(/^\/+/, '').replace(/\/+$/, '');
  const abs = join(context, rel === '.' ? '' : rel);
  if (rel !== '.' && ignored(rel)) throw new Error(`COPY ${source}: excluded by .dockerignore`);
  if (!existsSync(abs)) throw new Error(`COPY ${source}: not in the build context`);
  if (statSync(abs).isDirectory()) {
    const walk = (dir: string, into: string) => {
      mkdirSync(into, { recursive: true });
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const inSource = posix.relative(abs, join(dir, entry.name)).split('\\').join('/');
        const ctxPath = posix.join(rel === '.' ? '' : rel, inSource);
        if (ignored(ctxPath)) continue;
        if (entry.isDirectory()) walk(join(dir, entry.name), join(into, entry.name));
        else cpSync(join(dir, entry.name), join(into, entry.name));
      }
    };
    walk(abs, dest);
  } else {
    const target = intoDir ? join(dest, basename(abs)) : dest;
    mkdirSync(dirname(target), { recursive: true });
    cpSync(abs, target);
  }
}

function copyFromStage(from: Stage, source: string, dest: string, intoDir: boolean) {
  const abs = join(from.root, source.startsWith('/') ? source : join(from.workdir, source));
  if (!existsSync(abs)) throw new Error(`COPY --from=${from.name} ${source}: not found in that stage`);
  if (statSync(abs).isDirectory()) cpSync(abs, dest, { recursive: true });
  else {
    const target = intoDir ? join(dest, basename(abs)) : dest;
    mkdirSync(dirname(target), { recursive: true });
    cpSync(abs, target);
  }
}

/** Runs every stage; returns them in order (the last is the image). Caller removes the stage directories. */
export function build(dockerfile: string, opts: BuildOptions): Stage[] {
  const ignored = dockerignore(opts.context);
  const stages: Stage[] = [];
  const instructions = parseDockerfile(readFileSync(dockerfile, 'utf8'));
  const lastFrom = instructions.map((i) => i.op).lastIndexOf('FROM');
  let stage: Stage | undefined;
  for (const [index, ins] of instructions.entries()) {
    const where = `Dockerfile:${ins.line} ${ins.op}`;
    if (ins.op !== 'FROM' && !stage) throw new Error(`${where}: before any FROM`);
    switch (ins.op) {
      case 'FROM': {
        const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
        if (!m) throw new Error(`${where}: cannot read "${ins.args}"`);
        stage = {
          name: m[2] ?? String(stages.length),
          image: m[1]!,
          root: mkdtempSync(join(tmpdir(), `dockerfile-${m[2] ?? stages.length}-`)),
          workdir: '/',
          env: {},
          exposed: [],
          runs: [],
        };
        stages.push(stage);
        break;
      }
      case 'WORKDIR':
        stage!.workdir = posix.resolve(stage!.workdir, ins.args);
        mkdirSync(join(stage!.root, stage!.workdir), { recursive: true });
        break;
      case 'ENV':
        Object.assign(stage!.env, parseEnv(ins.args));
        break;
      case 'COPY': {
        const { flags: f, rest } = flags(ins.args);
        const unknown = Object.keys(f).filter((k) => !['from', 'chown', 'chmod', 'link'].includes(k));
        if (unknown.length) throw new Error(`${where}: unknown flags ${unknown.join(', ')}`);
        const parts = rest.startsWith('[') ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
        const destRaw = parts.pop()!;
        const intoDir = destRaw.endsWith('/') || parts.length > 1;
        const dest = join(stage!.root, posix.resolve(stage!.workdir, destRaw));
        for (const source of parts) {
          if (f.from) {
            const from = stages.find((s) => s.name === f.from);
            if (!from) throw new Error(`${where}: no stage ${f.from}`);
            copyFromStage(from, source, dest, intoDir);
          } else {
            copyFromContext(opts.context, ignored, source, dest, intoDir);
          }
        }
        break;
      }
      case 'RUN': {
        const { flags: f, rest } = flags(ins.args);
        const unknown = Object.keys(f).filter((k) => k !== 'mount'); // a cache mount: the host's npm cache here
        if (unknown.length) throw new Error(`${where}: unknown flags ${unknown.join(', ')}`);
        stage!.runs.push(rest);
        const isFinal = index > lastFrom;
        const replacement = opts.substitute?.(stage!, rest, isFinal);
        opts.log?.(`[${stage!.name}] ${replacement ? '(substituted) ' : ''}RUN ${rest}`);
        if (replacement) {
          replacement();
          break;
        }
        const [cmd, ...args] = argv(rest);
        const cwd = join(stage!.root, stage!.workdir);
        const run = spawnSync(cmd!, args, { cwd, env: { ...opts.env, ...stage!.env }, encoding: 'utf8' });
        if (run.status !== 0) {
          throw new Error(`${where} failed (exit ${run.status ?? run.signal}): ${rest}\n${run.stdout}\n${run.stderr}`);
        }
        break;
      }
      case 'USER':
        stage!.user = ins.args;
        break;
      case 'EXPOSE':
        stage!.exposed.push(...ins.args.split(/\s+/));
        break;
      case 'HEALTHCHECK': {
        const { rest } = flags(ins.args);
        const m = /^CMD\s+(.*)$/s.exec(rest);
        if (!m) throw new Error(`${where}: expected CMD`);
        stage!.healthcheck = argv(m[1]!);
        break;
      }
      case 'CMD':
        stage!.cmd = argv(ins.args);
        break;
      default:
        throw new Error(`${where}: this runner does not know ${ins.op}; teach test/packaging/dockerfile.ts first`);
    }
  }
  return stages;
}

export function removeStages(stages: Stage[]): void {
  for (const s of stages) rmSync(s.root, { recursive: true, force: true });
}

/** The quick variant's stand-in for a build stage's `npm ci`: the repository's node_modules, same lockfile. */
export function linkInstalledModules(context: string, stage: Stage): () => void {
  return () => {
    const dir = join(stage.root, stage.workdir);
    const lock = readFileSync(join(dir, 'package-lock.json'), 'utf8');
    if (lock !== readFileSync(join(context, 'package-lock.json'), 'utf8')) {
      throw new Error("the stage's lockfile differs from the repository's");
    }
    symlinkSync(join(context, 'node_modules'), join(dir, 'node_modules'), 'dir');
  };
}
