import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator';

export interface Res<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface CallOptions {
  body?: unknown;
  /** raw text body (sent as-is), for malformed-JSON tests */
  raw?: string;
  query?: Record<string, string | number>;
  onBehalfOf?: string;
  /** POSTs get a fresh key unless one is given; `null` sends none */
  idempotencyKey?: string | null;
  token?: string | null;
  headers?: Record<string, string>;
}

/** One emulator plus a cached token: `api.get(...)`, `api.post(...)` speak UQPAY's headers. */
export class Api {
  token: string | undefined;
  emu!: RunningEmulator;

  constructor(emu?: RunningEmulator) {
    if (emu) this.emu = emu;
  }

  async fetchToken(): Promise<string> {
    const res = await send(`${this.emu.baseUrl}/v1/connect/token`, 'POST', {
      'x-client-id': this.emu.clientId,
      'x-api-key': this.emu.apiKey,
    });
    if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
    this.token = res.body.auth_token as string;
    return this.token;
  }

  async call<T = any>(method: 'GET' | 'POST', path: string, o: CallOptions = {}): Promise<Res<T>> {
    const token = o.token === undefined ? (this.token ?? (await this.fetchToken())) : o.token;
    const headers: Record<string, string> = { ...o.headers };
    if (token !== null) headers['x-auth-token'] = `Bearer ${token}`;
    if (o.onBehalfOf) headers['x-on-behalf-of'] = o.onBehalfOf;
    if (method === 'POST' && o.idempotencyKey !== null) headers['x-idempotency-key'] = o.idempotencyKey ?? randomUUID();
    let body: string | undefined = o.raw;
    if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const qs = o.query ? `?${new URLSearchParams(Object.entries(o.query).map(([k, v]) => [k, String(v)]))}` : '';
    return send(`${this.emu.baseUrl}${path}${qs}`, method, headers, body);
  }

  get<T = any>(path: string, o: CallOptions = {}) {
    return this.call<T>('GET', path, o);
  }

  post<T = any>(path: string, body?: unknown, o: CallOptions = {}) {
    return this.call<T>('POST', path, { ...o, body });
  }

  /** /__emulator controls */
  control<T = any>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Res<T>> {
    return send(
      `${this.emu.url}/__emulator${path}`,
      method,
      body === undefined ? {} : { 'content-type': 'application/json' },
      body === undefined ? undefined : JSON.stringify(body),
    );
  }
}

export async function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Res> {
  const res = await request(url, { method: method as 'GET', headers, body });
  const text = await res.body.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // leave non-JSON as text
  }
  return { status: res.statusCode, headers: res.headers, body: parsed };
}

export async function boot(opts: EmulatorOptions = {}): Promise<Api> {
  const emu = await startEmulator({ port: 0, ...opts });
  return new Api(emu);
}

/**
 * One emulator for a whole test file (booted in beforeAll, closed in afterAll); by default every test starts
 * from the seed again via /__emulator/reset.
 */
export function useEmulator(opts: EmulatorOptions = {}, { resetEachTest = true } = {}): Api {
  const api = new Api();
  beforeAll(async () => {
    api.emu = await startEmulator({ port: 0, ...opts });
  });
  afterAll(() => api.emu.close());
  if (resetEachTest) {
    beforeEach(async () => {
      await api.control('POST', '/reset');
    });
  }
  return api;
}

/** Cents from a wire amount (string or number), exact. */
export function cents(v: string | number): bigint {
  const [whole, frac = ''] = String(v).split('.');
  const sign = String(v).startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole!.replace('-', '')) * 100n + BigInt((frac + '00').slice(0, 2)));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await sleep(10);
  }
}

export const expectError = (res: Res, status: number, type: string, code: string) => {
  if (res.status !== status || res.body?.type !== type || res.body?.code !== code) {
    throw new Error(`expected ${status} ${type}/${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
};

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

/** A tiny receiver that verifies like a real consumer and answers with the next scripted status. */
export async function receiver(statuses: number[] = []) {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      got.push({ headers: req.headers, raw });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/uqpay`;
  return { got, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Checks a delivery's signature and freshness the way a real consumer does (Unix milliseconds or seconds). */
export const verify = (secret: string, r: Received) => {
  const ts = String(r.headers['x-wk-timestamp']);
  const expected = createHmac('sha512', secret)
    .update(r.raw + ts)
    .digest('hex');
  const atMs = Number(ts) >= 1e12 ? Number(ts) : Number(ts) * 1000;
  return r.headers['x-wk-signature'] === expected && Math.abs(Date.now() - atMs) < 300_000;
};
