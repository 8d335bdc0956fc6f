// A deliberately plain REST client for the emulator: the ground truth that benches and reliability checks read
// balances and call counts from, independent of the gateway's datasource under test.
import { randomUUID } from 'node:crypto';

export interface EmulatorStats {
  requests: Record<string, number>;
  responses?: Record<string, number>;
}

export interface Faults {
  latencyMs?: number;
  latencySpikeRate?: number;
  latencySpikeMs?: number;
  errorRate?: number;
  resetRate?: number;
  lostResponseRate?: number;
  rateLimitRate?: number;
  retryAfterSeconds?: number;
  routes?: string[];
  seed?: number;
}

export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    route: string,
  ) {
    super(`${route} → ${status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

const TOKEN_ROUTE = /connect\/token/;

/** Upstream calls in a stats snapshot, the token endpoint excluded (it is amortised over the whole run). */
export function apiCalls(stats: EmulatorStats): number {
  let n = 0;
  for (const [route, count] of Object.entries(stats.requests)) if (!TOKEN_ROUTE.test(route)) n += count;
  return n;
}

export function statsDelta(before: EmulatorStats, after: EmulatorStats): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [route, count] of Object.entries(after.requests)) {
    const d = count - (before.requests[route] ?? 0);
    if (d !== 0) out[route] = d;
  }
  return out;
}

export class EmulatorClient {
  readonly baseUrl: string;
  private token?: Promise<string>;

  constructor(
    readonly url: string,
    private readonly clientId = 'demo-client-id',
    private readonly apiKey = 'demo-api-key',
  ) {
    this.baseUrl = `${url}/api`;
  }

  private async control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new UpstreamError(res.status, json, `${method} /__emulator${path}`);
    return json as T;
  }

  stats(): Promise<EmulatorStats> {
    return this.control('GET', '/stats');
  }
  async resetStats(): Promise<void> {
    await this.control('POST', '/stats/reset');
  }
  async setFaults(faults: Faults): Promise<void> {
    await this.control('POST', '/faults', faults);
  }
  async clearFaults(): Promise<void> {
    await this.control('DELETE', '/faults');
  }
  async deposit(body: { account_id?: string; currency: string; amount: string }): Promise<void> {
    await this.control('POST', '/deposit', body);
  }
  async reset(): Promise<void> {
    this.token = undefined;
    await this.control('POST', '/reset');
  }

  authToken(): Promise<string> {
    this.token ??= (async () => {
      const res = await fetch(`${this.baseUrl}/v1/connect/token`, {
        method: 'POST',
        headers: { 'x-client-id': this.clientId, 'x-api-key': this.apiKey },
      });
      const json = (await res.json()) as { auth_token?: string };
      if (!res.ok || !json.auth_token) throw new UpstreamError(res.status, json, 'POST /v1/connect/token');
      return json.auth_token;
    })();
    this.token.catch(() => (this.token = undefined));
    return this.token;
  }

  /** The master account, from the token's JWT payload: `entity_id` as UQPAY's SDKs read it, else `account_id`. */
  async masterAccountId(): Promise<string> {
    const token = await this.authToken();
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      entity_id?: string;
      account_id?: string;
    };
    const id = payload.entity_id || payload.account_id;
    if (!id) throw new Error('token has neither entity_id nor account_id');
    return id;
  }

  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    opts: { body?: unknown; onBehalfOf?: string; idempotencyKey?: string } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { 'x-auth-token': `Bearer ${await this.authToken()}` };
    if (opts.onBehalfOf) headers['x-on-behalf-of'] = opts.onBehalfOf;
    if (method === 'POST') {
      headers['content-type'] = 'application/json';
      headers['x-idempotency-key'] = opts.idempotencyKey ?? randomUUID();
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(opts.body ?? {}) : undefined,
    });
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new UpstreamError(res.status, json, `${method} ${path}`);
    return json as T;
  }

  get<T>(path: string, onBehalfOf?: string): Promise<T> {
    return this.request<T>('GET', path, { onBehalfOf });
  }

  /** Every item of a paged list (`page_size` 100). */
  async listAll<T>(path: string, onBehalfOf?: string): Promise<T[]> {
    const sep = path.includes('?') ? '&' : '?';
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const res = await this.get<{ total_pages: number; data: T[] }>(
        `${path}${sep}page_size=100&page_number=${page}`,
        onBehalfOf,
      );
      items.push(...res.data);
      if (page >= res.total_pages || res.data.length === 0) return items;
    }
  }
}
