// One undici Pool per upstream origin: keep-alive sockets, a bounded number of connections, and the connect /
// headers / body timeouts from config, so a hung UQPAY cannot hold a socket forever. This layer only moves
// bytes: one HTTP exchange in, status + body text + Retry-After out. Headers are built by the client.
//
// Exchanges go through undici's dispatch API with a handler that collects the body's Buffers: per exchange that
// is one handler object and one promise, where `pool.request()` adds a response Readable stream, its body mixin
// and an abort-signal listener. Cancellation (the call's deadline, the caller's abort) comes from the CallGuard.
import { Pool, type Dispatcher } from 'undici';
import type { UqpayConfig } from '../../../config';
import type { CallGuard, GuardReason, Inflight } from './deadline';
import type { HttpMethod, RawResponse } from './pipeline';

export interface Transport {
  /** Base URL's path prefix (e.g. `/api`) is added here; `path` is below it. */
  send(
    method: HttpMethod,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    guard: CallGuard,
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
    send(method, path, headers, body, guard) {
      return new Promise<RawResponse>((resolve, reject) => {
        const exchange = new Exchange(guard, resolve, reject);
        if (guard.reason !== undefined) return exchange.cancel(guard.reason);
        guard.inflight = exchange;
        pool.dispatch({ method, path: prefix + path, headers, body }, exchange);
      });
    },
    close: () => pool.close(),
  };
}

/**
 * One HTTP exchange, as an undici dispatch handler: status and Retry-After from the head, the body's Buffers
 * joined and decoded once at the end. Settles its promise exactly once.
 */
class Exchange implements Dispatcher.DispatchHandler, Inflight {
  private status = 0;
  private retryAfter: string | undefined;
  private chunks: Buffer[] = [];
  private abort: (() => void) | undefined;
  private settled = false;

  constructor(
    private readonly guard: CallGuard,
    private readonly resolve: (res: RawResponse) => void,
    private readonly reject: (err: unknown) => void,
  ) {}

  /** The guard fired: abort the request if it is on a socket, and fail now either way (with the guard's reason). */
  cancel(reason: GuardReason): void {
    this.fail(reason);
    this.abort?.();
  }

  onConnect(abort: () => void): void {
    this.abort = abort;
    // Fired while the request waited for a free connection: it never leaves (the promise already failed).
    if (this.settled) abort();
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true; // informational (1xx): the real head follows
    this.status = statusCode;
    if (statusCode === 429 || statusCode === 503) this.retryAfter = headerValue(rawHeaders, 'retry-after');
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    this.settled = true;
    this.done();
    const chunks = this.chunks;
    let text = chunks.length === 0 ? '' : (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
    // As undici's body.text(): a UTF-8 byte order mark is not part of the text.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const status = this.status;
    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(this.retryAfter);
      if (retryAfterMs !== undefined) return this.resolve({ status, body: text, retryAfterMs });
    }
    this.resolve({ status, body: text });
  }

  onError(err: Error): void {
    this.fail(err);
  }

  private fail(err: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.done();
    this.reject(err);
  }

  private done(): void {
    if (this.guard.inflight === this) this.guard.inflight = undefined;
  }
}

/** The first value of header `name` (lower case) in undici's raw [name, value, …] list. */
function headerValue(raw: Buffer[], name: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.length === name.length && key.toString('latin1').toLowerCase() === name)
      return raw[i + 1]!.toString('latin1');
  }
  return undefined;
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
