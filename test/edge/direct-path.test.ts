// The edge's direct path (src/edge/direct.ts) runs a JSON POST to /graphql without the onRequest hooks such a
// request already decides, and with only those listed as `arrivals` in server.ts. A plugin added later whose
// onRequest must see every GraphQL request would be skipped there without a word: this tripwire counts the
// onRequest hooks yoga was given, so adding one fails here until someone decides which side it belongs on.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createGateway } from '../../src/server';

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
