// One undici Pool per upstream origin: keep-alive sockets, a bounded number of connections, and the connect /
// headers / body timeouts from config, so a hung UQPAY cannot hold a socket forever. This layer only moves
// bytes: one HTTP exchange in, status + body text + Retry-After out. Headers are built by the client.
import { Pool } from 'undici';
import type { UqpayConfig } from '../../../config';
import type { HttpMethod, RawResponse } from './pipeline';

export interface Transport {
  /** Base URL's path prefix (e.g. `/api`) is added here; `path` is below it. */
  send(
    method: HttpMethod,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<RawResponse>;
  close(): Promise<void>;
}

type TransportConfig = Pick<
  UqpayConfig,
  'baseUrl' | 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs' | 'maxConnections'
>;

export function createTransport(config: TransportConfig): Transport {
  const url = new URL(config.baseUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  const pool = new Pool(url.origin, {
    connections: config.maxConnections || null,
    connect: { timeout: config.connectTimeoutMs },
    headersTimeout: config.headersTimeoutMs,
    bodyTimeout: config.bodyTimeoutMs,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
  });

  return {
    async send(method, path, headers, body, signal) {
      const res = await pool.request({ method, path: prefix + path, headers, body, signal });
      const text = await res.body.text();
      const status = res.statusCode;
      if (status === 429 || status === 503) {
        const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
        if (retryAfterMs !== undefined) return { status, body: text, retryAfterMs };
      }
      return { status, body: text };
    },
    close: () => pool.close(),
  };
}

/** `Retry-After` is delta-seconds or an HTTP date; both become ms from now. */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, Math.ceil(secs * 1000));
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
