// A real HTTP proxy between the gateway and the emulator that rewrites JSON answers: how tests show the gateway
// what UQPAY may send but the emulator does not (values the schema has never seen), without mocking fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Rewrite = (route: string, body: unknown) => unknown;

export interface RewritingProxy {
  /** `${url}/api`: give it to the gateway as UQPAY_BASE_URL. */
  baseUrl: string;
  rewrite: Rewrite;
  close(): Promise<void>;
}

export async function startRewritingProxy(
  upstreamOrigin: string,
  rewrite: Rewrite = (_r, b) => b,
): Promise<RewritingProxy> {
  const proxy: RewritingProxy = { baseUrl: '', rewrite, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const relay = async () => {
      try {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const upstream = await fetch(upstreamOrigin + req.url, { method: req.method, headers, body });
        let text = await upstream.text();
        if (upstream.headers.get('content-type')?.includes('application/json') && text) {
          text = JSON.stringify(proxy.rewrite(`${req.method} ${req.url?.split('?')[0]}`, JSON.parse(text)));
        }
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      } catch (err) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'api_error', code: 'proxy_error', message: String(err) }));
      }
    };
    req.on('end', () => void relay());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  proxy.baseUrl = `http://127.0.0.1:${port}/api`;
  proxy.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return proxy;
}
