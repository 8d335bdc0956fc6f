// A recording proxy for conformance tests: a plain node:http server between the gateway and the emulator (or any
// UQPAY stand-in). It keeps, for every request, the method, path, headers and the RAW body bytes exactly as the
// gateway wrote them, then forwards the request unchanged and relays the answer. What UQPAY would see on the wire
// is checked here, not what the emulator's JSON parser made of it (`"amount":500.10` and `"amount":500.1` parse
// alike but are different bytes).
//
// A connection the upstream drops without an answer (the emulator's lost-response and reset faults) is dropped
// towards the gateway too, so the gateway sees exactly what it would see without the proxy.
//
//   const proxy = await startRecordingProxy(emulator.url);       // origin; the gateway's base URL is proxy.baseUrl
//   ... run the gateway with UQPAY_BASE_URL = proxy.baseUrl ...
//   proxy.requests.filter((r) => r.route === 'POST /v1/issuing/cards/{id}/recharge')
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  /** 0-based arrival order. */
  seq: number;
  method: string;
  /** As received, query string included, e.g. `/api/v1/issuing/cards/ca00…/recharge`. */
  path: string;
  /** The path below the base URL's `/api` prefix with UUIDs and long ids replaced by `{id}`, method first:
   *  `POST /v1/issuing/cards/{id}/recharge`. Handy for filtering; not UQPAY's stats key for every route. */
  route: string;
  /** Lower-case header names, as node parses them. */
  headers: IncomingHttpHeaders;
  /** The raw body bytes (empty for a GET). */
  body: Buffer;
  /** The body as UTF-8 text. */
  text: string;
  /** HTTP status the upstream answered, 'dropped' when it closed the connection without one, undefined while open. */
  status?: number | 'dropped';
  /** The upstream's answer body as text (undefined until it completes or when dropped). */
  responseText?: string;
}

export interface RecordingProxy {
  /** Origin of the proxy, e.g. http://127.0.0.1:40123. */
  url: string;
  /** `${url}/api`: use as UQPAY_BASE_URL (the emulator's base path). */
  baseUrl: string;
  /** Every request seen so far, in arrival order (the array is live). */
  readonly requests: RecordedRequest[];
  /** Requests whose `route` equals the given one (e.g. `POST /v1/issuing/transfers`). */
  byRoute(route: string): RecordedRequest[];
  /** Forget what was recorded. */
  clear(): void;
  close(): Promise<void>;
}

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9A-Za-z_-]{20,})$/i;

/** `POST /api/v1/issuing/cards/ca…/recharge?x=1` → `POST /v1/issuing/cards/{id}/recharge`. */
export function routeOf(method: string, path: string, prefix = '/api'): string {
  let p = path.split('?')[0] ?? '';
  if (prefix && p.startsWith(`${prefix}/`)) p = p.slice(prefix.length);
  return `${method} ${p
    .split('/')
    .map((s) => (ID_SEGMENT.test(s) ? '{id}' : s))
    .join('/')}`;
}

/**
 * Start a proxy on 127.0.0.1 (port 0) forwarding to `target` (an origin such as `emulator.url`). Requests keep their
 * path; responses keep their status, headers and body.
 */
export async function startRecordingProxy(target: string, opts: { prefix?: string } = {}): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const prefix = opts.prefix ?? '/api';
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const requests: RecordedRequest[] = [];
  let seq = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const rec: RecordedRequest = {
        seq: seq++,
        method,
        path,
        route: routeOf(method, path, prefix),
        headers: { ...req.headers },
        body,
        text: body.toString('utf8'),
      };
      requests.push(rec);

      const headers = { ...req.headers, host: upstream.host };
      const out = httpRequest(
        { protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method, path, headers, agent },
        (up) => {
          const answer: Buffer[] = [];
          up.on('data', (c: Buffer) => answer.push(c));
          up.on('end', () => {
            rec.status = up.statusCode ?? 0;
            const text = Buffer.concat(answer);
            rec.responseText = text.toString('utf8');
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(text);
          });
          up.on('error', () => drop(rec, req.socket));
        },
      );
      // The upstream closed the connection without (a complete) answer: do the same to the gateway.
      out.on('error', () => drop(rec, req.socket));
      out.end(body);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: `${url}${prefix}`,
    requests,
    byRoute: (route) => requests.filter((r) => r.route === route),
    clear: () => void requests.splice(0),
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function drop(rec: RecordedRequest, socket: import('node:net').Socket): void {
  if (rec.status === undefined) rec.status = 'dropped';
  socket.destroy();
}

/** The value of a header as one string (first of a repeated one), or undefined. */
export function header(r: RecordedRequest, name: string): string | undefined {
  const v = r.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
