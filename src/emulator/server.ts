import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { isSafeNumber, LosslessNumber, parse as parseLossless } from 'lossless-json';
import { registerCardDetailsPage } from './card-details-page';
import { registerControls } from './control';
import { EmulatorCore } from './core';
import { apiError, badRequest, UqpayError } from './errors';
import { resolveOptions, type EmulatorOptions, type RunningEmulator } from './options';
import type { RouteDef } from './route';
import { defineRoute } from './router';
import { accountRoutes } from './routes/accounts';
import { balanceRoutes } from './routes/balances';
import { cardholderRoutes } from './routes/cardholders';
import { cardRoutes } from './routes/cards';
import { productRoutes } from './routes/products';
import { simulationRoutes } from './routes/simulation';
import { tokenRoutes } from './routes/token';
import { transactionRoutes } from './routes/transactions';
import { transferRoutes } from './routes/transfers';
import { DEMO_CREDENTIALS, DEMO_IDS } from './seed';

export type { EmulatorOptions, RunningEmulator } from './options';

/** UQPAY's API, resource by resource: every route goes through the request pipeline of router.ts. */
const UQPAY_ROUTES: readonly RouteDef[] = [
  ...tokenRoutes,
  ...cardholderRoutes,
  ...cardRoutes,
  ...productRoutes,
  ...balanceRoutes,
  ...transferRoutes,
  ...transactionRoutes,
  ...accountRoutes,
  ...simulationRoutes,
];

// A 2 MB document travels base64-encoded (×4/3) inside JSON: leave room, refuse anything bigger.
const BODY_LIMIT = 4 * 1024 * 1024;

// Money is read from the number literal as sent, never from a double: a literal with more digits than a double keeps
// (e.g. 99999999999999.99, which parses to …98.98…) stays text as a LosslessNumber that Fields.amount reads. Bodies
// without such a run of digits (nearly all) take the native parser.
const LONG_NUMBER = /\d[\d.]{15}/;
const exactNumber = (literal: string): unknown =>
  isSafeNumber(literal) ? Number(literal) : new LosslessNumber(literal);

function parseJsonBody(text: string): unknown {
  if (!LONG_NUMBER.test(text)) return JSON.parse(text);
  JSON.parse(text); // the same syntax errors, worded the same way, as every other body
  return parseLossless(text, undefined, { parseNumber: exactNumber, onDuplicateKey: ({ newValue }) => newValue });
}

export function buildEmulatorApp(core: EmulatorCore): FastifyInstance {
  const o = core.options;
  const shorter = Math.min(o.headersTimeoutMs, o.requestTimeoutMs);
  const app = Fastify({
    logger: o.logger,
    bodyLimit: BODY_LIMIT,
    // Connection bounds: silent sockets closed after the headers timeout, a trickled request cut off (408), idle
    // keep-alive connections closed. Node looks for expired ones every tenth of the shorter timeout (≤ 1 s).
    requestTimeout: o.requestTimeoutMs,
    keepAliveTimeout: o.keepAliveTimeoutMs,
    http: {
      headersTimeout: shorter,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(shorter / 10))),
    },
  });
  // Beyond the cap node closes new sockets as soon as they are accepted.
  app.server.maxConnections = o.maxConnections;
  // Node's headers timeout starts with a request's first byte: a socket that never sends one is closed by an
  // inactivity timeout from accept instead, cleared once a request arrives (slow answers are the fault injector's).
  app.server.on('connection', (socket: Socket) => socket.setTimeout(o.headersTimeoutMs));
  app.server.on('request', (req: IncomingMessage) => req.socket.setTimeout(0));

  // UQPAY clients send JSON with or without a content-type (and the token call sends nothing): parse every
  // body as JSON so a malformed one is a UQPAY-shaped 400, not fastify's 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, parseJsonBody(text));
    } catch (e) {
      done(
        badRequest('invalid_request_error', 'invalid_json', `body is not valid JSON: ${(e as Error).message}`),
        undefined,
      );
    }
  });

  app.setErrorHandler((err: FastifyError | UqpayError, req, reply) => {
    if (err instanceof UqpayError) return reply.code(err.status).send(err.body);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(400)
        .send(
          badRequest('invalid_request_error', 'request_too_large', `body must be at most ${BODY_LIMIT} bytes`).body,
        );
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.code(400).send(badRequest('invalid_request_error', 'invalid_request', `body: ${err.message}`).body);
    }
    req.log.error(err);
    return reply.code(500).send(apiError().body);
  });

  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({
      type: 'invalid_request_error',
      code: 'not_found',
      message: `no route for ${req.method} ${req.url.split('?')[0]}`,
    }),
  );

  app.addHook('onResponse', async (req, reply) => {
    // Counts UQPAY's API only: not the controls, not the card-details page (a browser's, not a client's, call).
    const counted = !req.url.startsWith('/__emulator') && !req.url.startsWith('/card-details');
    if (counted && !req.emu?.dropped) core.stats.response(reply.statusCode);
  });

  app.register(
    async (api) => {
      for (const route of UQPAY_ROUTES) defineRoute(api, core, route);
    },
    { prefix: '/api' },
  );
  // The stand-in for UQPAY's secure card-details iframe: outside the API, no auth but the single-use token.
  registerCardDetailsPage(app, core);
  if (core.options.controls) app.register(async (c) => registerControls(c, core), { prefix: '/__emulator' });
  return app;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const options = resolveOptions(opts);
  const core = new EmulatorCore(options);
  const app = buildEmulatorApp(core);
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  return {
    url,
    baseUrl: `${url}/api`,
    clientId: DEMO_CREDENTIALS.clientId,
    apiKey: DEMO_CREDENTIALS.apiKey,
    masterAccountId: DEMO_IDS.masterAccountId,
    subAccountIds: [...DEMO_IDS.subAccountIds],
    get webhookSecret() {
      return core.webhooks.secret;
    },
    setWebhookUrl(u: string | undefined) {
      core.webhooks.url = u;
    },
    async close() {
      core.close();
      await app.close();
    },
  };
}
