// Child processes for benches and reliability tests: the emulator, the gateway and the floor proxy each run in
// their own `node --import tsx` process (or plain `node` for a built .js entry point, e.g. the bench's
// dist/main.js), so the pid we measure is the real node process, not a tsx wrapper.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface NodeProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote, kept (bounded) for diagnostics and for spotting unhandled rejections. */
  output(): string;
  exited: Promise<number | null>;
  hasExited(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const MAX_OUTPUT = 256 * 1024;

export function spawnNode(
  name: string,
  script: string,
  env: Record<string, string | undefined>,
  nodeArgs: string[] = [],
): NodeProcess {
  const args = /\.m?js$/.test(script) ? [...nodeArgs, script] : [...nodeArgs, '--import', 'tsx', script];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.length > MAX_OUTPUT) out = out.slice(out.length - MAX_OUTPUT);
    if (process.env.BENCH_CHILD_OUTPUT === '1') process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exited = new Promise<number | null>((res) => {
    child.once('exit', (code) => {
      done = true;
      res(code);
    });
  });
  if (child.pid === undefined) throw new Error(`${name}: failed to spawn ${script}`);
  return {
    name,
    pid: child.pid,
    child,
    output: () => out,
    exited,
    hasExited: () => done,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (done) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `probe` until it resolves true; fails early if the process dies, with its output in the message. */
export async function waitUntil(proc: NodeProcess, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (proc.hasExited()) throw new Error(`${proc.name} exited during start-up:\n${proc.output().slice(-4000)}`);
    try {
      if (await probe()) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until)
      throw new Error(`${proc.name} not ready after ${timeoutMs} ms:\n${proc.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export interface EmulatorProcess extends NodeProcess {
  url: string;
  baseUrl: string;
  port: number;
}

export async function startEmulatorProcess(
  opts: { port?: number; env?: Record<string, string> } = {},
): Promise<EmulatorProcess> {
  const port = opts.port ?? (await freePort());
  const proc = spawnNode('emulator', 'src/emulator/main.ts', {
    EMULATOR_PORT: String(port),
    LOG_LEVEL: 'warn',
    ...opts.env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(proc, async () => (await fetch(`${url}/__emulator/stats`)).ok);
  return Object.assign(proc, { url, baseUrl: `${url}/api`, port });
}

export interface GatewayProcess extends NodeProcess {
  url: string;
  graphqlUrl: string;
  port: number;
}

export async function startGatewayProcess(opts: {
  upstreamBaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** The entry point: `src/main.ts` under tsx by default; the bench passes the bundle, dist/main.js. */
  script?: string;
  /** Wait for `/ready` too (the upstream token could be obtained), not only for the HTTP listener. */
  waitReady?: boolean;
}): Promise<GatewayProcess> {
  const port = opts.port ?? (await freePort());
  const proc = spawnNode(
    'gateway',
    // An override for trying a different entry point (e.g. a profiling wrapper); `npm start`'s by default.
    process.env.BENCH_GATEWAY_SCRIPT ?? opts.script ?? 'src/main.ts',
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      UQPAY_BASE_URL: opts.upstreamBaseUrl,
      UQPAY_CLIENT_ID: 'demo-client-id',
      UQPAY_API_KEY: 'demo-api-key',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    opts.nodeArgs,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(proc, async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    await res.arrayBuffer();
    return res.status < 500;
  });
  if (opts.waitReady !== false) {
    await waitUntil(proc, async () => {
      const res = await fetch(`${url}/ready`);
      await res.arrayBuffer();
      return res.ok || res.status === 404;
    });
  }
  return Object.assign(proc, { url, graphqlUrl: `${url}/graphql`, port });
}

export interface FloorProcess extends NodeProcess {
  url: string;
  port: number;
}

export async function startFloorProcess(opts: { upstreamBaseUrl: string; port?: number }): Promise<FloorProcess> {
  const port = opts.port ?? (await freePort());
  const proc = spawnNode('floor', 'bench/floor.ts', {
    FLOOR_PORT: String(port),
    UQPAY_BASE_URL: opts.upstreamBaseUrl,
    UQPAY_CLIENT_ID: 'demo-client-id',
    UQPAY_API_KEY: 'demo-api-key',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(proc, async () => (await fetch(`${url}/health`)).ok);
  return Object.assign(proc, { url, port });
}
