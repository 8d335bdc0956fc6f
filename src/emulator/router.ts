import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from './auth';
import type { EmulatorCore } from './core';
import { apiError, badRequest, NotFoundError, TOO_MANY_REQUESTS, UqpayError } from './errors';
import type { FaultDecision } from './faults';
import type { RouteDef } from './route';
import type { AccountStore } from './state';
import { UUID_RE } from './validation';

interface RouteMeta extends Required<Omit<RouteDef, 'handler' | 'path'>> {
  key: string;
  idempotent: boolean;
}

interface RequestState {
  fault: FaultDecision;
  caller?: Caller;
  store?: AccountStore;
  dropped?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    uqpay?: RouteMeta;
  }
  interface FastifyRequest {
    emu?: RequestState;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Tear the connection down without a response: what a crashed upstream or a cut network looks like. */
export function dropConnection(core: EmulatorCore, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (req.emu) req.emu.dropped = true;
  core.stats.response('dropped');
  reply.hijack();
  req.raw.socket?.destroy();
  return reply;
}

/**
 * Registers one UQPAY endpoint. The pipeline, in order: count it; injected faults that stop it before
 * handling (reset, 429, 500); auth; the client's rate limit; x-on-behalf-of; (after body parsing) the
 * idempotency key; injected latency; the handler; then, for lostResponse, apply-and-drop.
 */
export function defineRoute(app: FastifyInstance, core: EmulatorCore, def: RouteDef): void {
  const auth = def.auth ?? 'token';
  const meta: RouteMeta = {
    method: def.method,
    auth,
    onBehalf: def.onBehalf ?? auth === 'token',
    key: `${def.method} ${def.path}`,
    idempotent: def.method === 'POST' && auth === 'token',
  };
  app.route({
    method: def.method,
    url: def.path.replace(/\{(\w+)\}/g, ':$1'),
    config: { uqpay: meta },
    onRequest: async (req, reply) => {
      core.stats.request(meta.key);
      // 'close' fires once the response is sent or the connection is dropped.
      reply.raw.once('close', core.stats.enter(meta.key));
      const fault = core.faults.decide(meta.key);
      req.emu = { fault };
      if (fault.kind !== 'none' && fault.kind !== 'lost' && fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.kind === 'reset') return dropConnection(core, req, reply);
      if (fault.kind === 'rateLimit') return tooManyRequests(reply, core.faults.current()?.retryAfterSeconds ?? 1);
      if (fault.kind === 'error') return reply.code(500).send(apiError().body);
      try {
        req.emu.caller = await authenticate(core, req, meta);
        const limiter = meta.auth === 'client' ? core.tokenLimiter : core.limiter;
        const limited = limiter?.hit(req.emu.caller.clientId);
        if (limited && !limited.ok) return tooManyRequests(reply, limited.retryAfterSeconds);
        req.emu.store = actingAccount(core, req, req.emu.caller, meta.onBehalf);
      } catch (e) {
        if (e instanceof UqpayError) return reply.code(e.status).send(e.body);
        throw e;
      }
      return undefined;
    },
    handler: async (req, reply) => {
      const emu = req.emu;
      if (!emu?.caller || !emu.store) throw new Error('request pipeline skipped onRequest');
      const finish = (status: number, body: unknown) =>
        emu.fault.kind === 'lost' ? dropConnection(core, req, reply) : reply.code(status).send(body);

      let scope: string | undefined;
      if (meta.idempotent) {
        const key = header(req, 'x-idempotency-key');
        if (!key)
          return finish(
            400,
            badRequest('invalid_request_error', 'missing_idempotency_key', 'x-idempotency-key header is required').body,
          );
        const bad = idempotencyKeyProblem(key, core.options.idempotencyKeys);
        if (bad) return finish(400, badRequest('invalid_request_error', 'invalid_idempotency_key', bad).body);
        // UUIDs compare case-insensitively; other keys are taken as sent.
        scope = `${emu.store.id} ${meta.key} ${UUID_RE.test(key) ? key.toLowerCase() : key}`;
        try {
          const begun = core.idempotency.begin(scope, req.body);
          if (begun.kind === 'replay') return finish(begun.status, begun.body);
        } catch (e) {
          if (e instanceof UqpayError) return finish(e.status, e.body);
          throw e;
        }
      }
      // Latency sits after the key is reserved so a concurrent replay sees "request is processing".
      if (emu.fault.latencyMs > 0) await sleep(emu.fault.latencyMs);

      let status = 200;
      let body: unknown;
      try {
        body = await def.handler({
          core,
          store: emu.store,
          caller: emu.caller,
          body: req.body,
          query: (req.query ?? {}) as Record<string, unknown>,
          params: (req.params ?? {}) as Record<string, string>,
        });
      } catch (e) {
        if (!(e instanceof UqpayError)) {
          if (scope) core.idempotency.abandon(scope);
          req.log.error(e);
          return reply.code(500).send(apiError().body);
        }
        const err = e instanceof NotFoundError && core.options.notFoundStatus === 404 ? e.asNotFound() : e;
        status = err.status;
        body = err.body;
      }
      if (scope) core.idempotency.complete(scope, status, body);
      return finish(status, body);
    },
  });
}

/** Python SDK 2.0.0: "a non-empty value up to 64 characters"; the older rule wanted a UUID. */
const MAX_IDEMPOTENCY_KEY = 64;
function idempotencyKeyProblem(key: string, rule: 'any' | 'uuid'): string | undefined {
  if (rule === 'uuid') return UUID_RE.test(key) ? undefined : 'x-idempotency-key must be a UUID';
  if (key.length <= MAX_IDEMPOTENCY_KEY) return undefined;
  return `x-idempotency-key must be at most ${MAX_IDEMPOTENCY_KEY} characters`;
}

function tooManyRequests(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  return reply.code(429).header('retry-after', String(retryAfterSeconds)).send(TOO_MANY_REQUESTS);
}

async function authenticate(core: EmulatorCore, req: FastifyRequest, meta: RouteMeta): Promise<Caller> {
  if (meta.auth === 'client') {
    const c = core.tokens.client(header(req, 'x-client-id'), header(req, 'x-api-key'));
    return { clientId: c.clientId, accountId: c.accountId };
  }
  return core.tokens.verify(header(req, 'x-auth-token'));
}

function actingAccount(core: EmulatorCore, req: FastifyRequest, caller: Caller, onBehalf: boolean): AccountStore {
  const own = core.state.accounts.get(caller.accountId);
  if (!own) throw badRequest('account_error', 'account_not_found', 'the token account no longer exists');
  const target = onBehalf ? header(req, 'x-on-behalf-of')?.trim().toLowerCase() : undefined;
  if (!target || target === own.id) return own;
  const sub = core.state.accounts.get(target);
  if (!sub || sub.account.parent_id !== own.id || sub.account.status !== 'ACTIVE') {
    throw badRequest('account_error', 'sub_account_not_found', `x-on-behalf-of: no active sub-account ${target}`);
  }
  return sub;
}
