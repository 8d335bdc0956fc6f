// Shared test plumbing: a real emulator over real HTTP, its control endpoints, and client configs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UqpayConfig } from '../../src/config';
import { startEmulator } from '../../src/emulator';
import { createUqpayClient, type UqpayClient, type UqpayClientOptions } from '../../src/datasources/uqpay';

type EmulatorOptions = NonNullable<Parameters<typeof startEmulator>[0]>;

export async function emulator(opts: EmulatorOptions = {}) {
  const emu = await startEmulator({ port: 0, seed: true, logger: false, ...opts });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emu.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    ...emu,
    stats: async (): Promise<{ requests: Record<string, number>; responses: Record<string, number> }> =>
      control('GET', '/stats'),
    requests: async (route: string): Promise<number> => (await control('GET', '/stats')).requests[route] ?? 0,
    resetStats: () => control('POST', '/stats/reset'),
    faults: (cfg: Record<string, unknown>) => control('POST', '/faults', cfg),
    clearFaults: () => control('DELETE', '/faults'),
    expireTokens: () => control('POST', '/expire-tokens'),
    deposit: (body: { account_id?: string; currency: string; amount: string }) => control('POST', '/deposit', body),
  };
}

export type TestEmulator = Awaited<ReturnType<typeof emulator>>;

export function config(baseUrl: string, over: Partial<UqpayConfig> = {}): UqpayConfig {
  return {
    baseUrl,
    clientId: 'demo-client-id',
    apiKey: 'demo-api-key',
    connectTimeoutMs: 1_000,
    headersTimeoutMs: 5_000,
    bodyTimeoutMs: 5_000,
    requestDeadlineMs: 10_000,
    maxRetries: 4,
    maxConnections: 32,
    loaderConcurrency: 8,
    ...over,
  };
}

/** A client with a fast backoff (tests measure behaviour, not patience). */
export function client(
  baseUrl: string,
  over: Partial<UqpayConfig> = {},
  opts: Partial<UqpayClientOptions> = {},
): UqpayClient {
  return createUqpayClient({ config: config(baseUrl, over), backoff: { baseDelayMs: 5, maxDelayMs: 50 }, ...opts });
}

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

/**
 * A tiny real HTTP server standing in for UQPAY when a test needs exact control: it answers the token call with a
 * JWT (account_id inside) and hands every other request to `handler`. Records what it saw.
 */
export async function fakeUpstream(
  handler: (req: Seen, res: ServerResponse, n: number) => void,
  /** Token lifetime; under a few seconds `expired_at` is sent in ms (the client tolerates both). */
  tokenLifetimeMs = 1_800_000,
  /** The token's JWT claims (default: the older `account_id` form). */
  tokenClaims?: Record<string, unknown>,
): Promise<{ baseUrl: string; seen: Seen[]; tokenCalls: () => number; close: () => Promise<void>; server: Server }> {
  const seen: Seen[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const s: Seen = { method: req.method!, url: req.url!, headers: req.headers, body, at: Date.now() };
      seen.push(s);
      if (req.url === '/api/v1/connect/token') {
        res.setHeader('content-type', 'application/json');
        const expiresAt = Date.now() + tokenLifetimeMs;
        res.end(
          JSON.stringify({
            auth_token: fakeJwt(undefined, tokenClaims),
            expired_at: tokenLifetimeMs < 10_000 ? expiresAt : Math.floor(expiresAt / 1000),
          }),
        );
        return;
      }
      handler(s, res, ++calls);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    seen,
    tokenCalls: () => seen.filter((s) => s.url === '/api/v1/connect/token').length,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let jwtSerial = 0;
export function fakeJwt(
  accountId = 'ac000000-0000-4000-8000-000000000001',
  claims: Record<string, unknown> = { account_id: accountId },
): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, n: ++jwtSerial })}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Decimal string → integer cents (test arithmetic only; amounts here have ≤ 2 decimals). */
export function cents(amount: string): bigint {
  const [i, f = ''] = amount.split('.');
  const sign = i!.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(i!.replace('-', '')) * 100n + BigInt(f.padEnd(2, '0').slice(0, 2)));
}
