// Starts the gateway as its own process (the way `npm start` or a container runs it) and waits for its ready line.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface GatewayProcess {
  /** The GraphQL endpoint it printed, e.g. http://127.0.0.1:40123/graphql. */
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Only what a shell gives every process: nothing of this machine's gateway, UQPAY or emulator settings leaks in. */
export function cleanEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    if (process.env[key] !== undefined) base[key] = process.env[key]!;
  }
  return { ...base, ...env };
}

export interface Exited {
  code: number | null;
  output: string;
}

function collect(child: ChildProcess): () => string {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return () => out;
}

/**
 * Runs a command that is expected to exit (e.g. refuse its configuration); resolves with its code and output. One
 * still running after timeoutMs is killed (code null), so a failing test leaves no process behind.
 */
export async function runToExit(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<Exited> {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, output: output() };
}

export async function startGatewayProcess(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<GatewayProcess> {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(child);
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 25_000);
  for (;;) {
    const m = /GraphQL gateway ready: open GraphiQL at (\S+)/.exec(output());
    if (m) return { url: m[1]!, output, stop };
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the gateway did not become ready (exit ${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
