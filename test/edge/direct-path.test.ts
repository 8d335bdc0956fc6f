// The edge's direct path (src/edge/direct.ts) runs a JSON POST to /graphql without the onRequest hooks such a
// request already decides, and with only those listed as `arrivals` in server.ts. A plugin added later whose
// onRequest must see every GraphQL request would be skipped there without a word: this tripwire counts the
// onRequest hooks yoga was given, so adding one fails here until someone decides which side it belongs on.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createDirectPath } from '../../src/edge';
import { createLogger } from '../../src/logger';
import { createGateway } from '../../src/server';

/** The own properties of `o` that are accessors (a getter or setter of the object itself, not of its prototype). */
const ownAccessors = (o: object): string[] =>
  Object.entries(Object.getOwnPropertyDescriptors(o))
    .filter(([, d]) => d.get !== undefined || d.set !== undefined)
    .map(([name]) => name);

/** What each onRequest hook is for, and whether a JSON POST to /graphql needs it (the direct path runs those). */
const ON_REQUEST_HOOKS = [
  { hook: "yoga's health check (GET /health)", direct: false },
  { hook: 'CORS (preflights answered, headers added onResponse)', direct: false },
  { hook: 'request id (observability)', direct: true },
  { hook: 'GraphQL request metrics and log line: the clock starts (observability)', direct: true },
  { hook: 'GraphiQL (GET)', direct: false },
  { hook: '/ready and /metrics (observability endpoints)', direct: false },
  { hook: 'the webhook route (POST /webhooks/uqpay)', direct: false },
  { hook: "the request timeout's clock", direct: true },
  { hook: "yoga's own routing (paths other than /graphql)", direct: false },
];

describe('direct path', () => {
  it("every onRequest hook yoga was given is accounted for (a new one must be added to server.ts's arrivals or here)", async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      UQPAY_BASE_URL: 'http://127.0.0.1:9',
      UQPAY_CLIENT_ID: 'client',
      UQPAY_API_KEY: 'key',
      UQPAY_WEBHOOK_SECRET: 'secret',
    });
    const gateway = createGateway(config, { logger: createLogger({ level: 'silent' }) });
    expect(gateway.direct?.handler()).toBeDefined();
    const plugins = (gateway.yoga as unknown as { plugins: ({ onRequest?: unknown } | null)[] }).plugins;
    const withOnRequest = plugins.filter((p) => typeof p?.onRequest === 'function');
    expect(withOnRequest).toHaveLength(ON_REQUEST_HOOKS.length);
    await gateway.close();
  });
});

describe('direct path payloads', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  // An object literal with a getter gets an accessor pair of its own, kept in old space; V8's young-generation
  // collector then keeps alive everything the getter's closure reaches (the request, its context, the node
  // response) until a full collection: ~9% of all a request allocated was promoted that way. The payloads made
  // per request carry data and bound functions only; the lazy `url` is a getter on their prototype.
  it('hands the onRequest and onResponse hooks payloads without accessors of their own, url and setters working', async () => {
    const seen: { arrival?: Record<string, unknown>; departure?: Record<string, unknown> } = {};
    const arrivals: Plugin = {
      onRequest(payload) {
        seen.arrival = payload as unknown as Record<string, unknown>;
        // Destructured, as yoga's own hooks use them.
        // eslint-disable-next-line @typescript-eslint/unbound-method -- hooks destructure them: what is tested
        const { url, setRequest, request } = payload;
        expect(url.pathname).toBe('/graphql');
        setRequest(request);
      },
    };
    const departures: Plugin = {
      onResponse(payload) {
        seen.departure = payload as unknown as Record<string, unknown>;
        // eslint-disable-next-line @typescript-eslint/unbound-method -- hooks destructure them: what is tested
        const { setResponse, response } = payload;
        response.headers.set('x-seen', 'yes');
        setResponse(response);
      },
    };
    const logger = createLogger({ level: 'silent' });
    const direct = createDirectPath(logger, [arrivals]);
    createYoga({
      schema: createSchema({ typeDefs: 'type Query { a: String }', resolvers: { Query: { a: () => 'ok' } } }),
      maskedErrors: true,
      logging: false,
      plugins: [departures, direct.plugin],
    });
    const handler = direct.handler();
    expect(handler).toBeDefined();
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handler!(req, res, Buffer.concat(chunks), () => res.writeHead(500).end()));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ a }' }),
    });
    expect(await res.json()).toEqual({ data: { a: 'ok' } });
    expect(res.headers.get('x-seen')).toBe('yes');
    expect(seen.arrival).toBeDefined();
    expect(seen.departure).toBeDefined();
    expect(ownAccessors(seen.arrival!)).toEqual([]);
    expect(ownAccessors(seen.departure!)).toEqual([]);
  });
});
