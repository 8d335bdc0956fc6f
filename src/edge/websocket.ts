// GraphQL over WebSocket: the `graphql-transport-ws` protocol on /graphql (the `ws` server with graphql-ws's
// `useServer`, as graphql-yoga documents it). The upgrade passes the edge first: the normalised path, the Host,
// the Origin (browsers send no CORS preflight for a WebSocket, so a foreign page is refused here) and a key sent on
// the upgrade request are checked before the connection is upgraded. The key may also come in connection_init's
// payload (`{ authorization, "x-on-behalf-of" }`: browsers cannot set upgrade headers), which wins when both do.
//
// Each operation runs through yoga's whole per-operation pipeline (`getResultForParams`), not only its envelop
// phases as yoga's example does: the access plugins (keys, partners' persisted documents, introspection), the
// limits, the context (acting account), the subscription cap, graphql-jit and the request timeout see the
// operation exactly as they see an HTTP one, through a Request carrying the connection's headers.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import type { GraphQLParams } from 'graphql-yoga';
import { CloseCode, type Context, type SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { createConcurrencyLimiter, subscriberKey, type Caller } from '../access';
import type { GatewayHttpConfig } from '../config';
import { gatewayError } from '../errors/graphql';
import type { Logger } from '../logger';
import type { GatewayMetrics, OperationTracker } from '../observability';
import { formatError } from './redacted-errors';
import { fromGraphQLError } from './handler';
import { BAD_REQUEST, NOT_FOUND, refusal, writeUpgradeRefusal, type Refusal } from './refuse';
import { isValidHost, normaliseTarget } from './target';

export type OperationResult = ExecutionResult | AsyncIterable<ExecutionResult>;

export interface GraphQLWebSocketOptions {
  path: string;
  http: GatewayHttpConfig;
  /** Largest message a client may send (the GraphQL body limit). */
  maxPayloadBytes: number;
  /** The caller a key names, or throws its refusal (UNAUTHENTICATED, FORBIDDEN) as a GraphQL error. */
  identify: (authorization: string | undefined, onBehalfOf: string | undefined) => Caller;
  /** A client's allowance: its concurrent subscriptions, and so its connections and operations per connection. */
  allowance: (caller: Caller) => number;
  /** One operation through yoga's per-operation pipeline (yoga's `getResultForParams`). */
  execute: (
    params: GraphQLParams,
    request: Request,
    serverContext: { req: IncomingMessage },
  ) => Promise<OperationResult>;
  /** What an unexpected failure becomes (the gateway's error mask). */
  mask: (error: unknown) => GraphQLError;
  tracker: OperationTracker;
  metrics?: GatewayMetrics;
  logger: Logger;
  onRefusal?: (event: { path: string; status: number; code: string }) => void;
}

export interface GraphQLWebSockets {
  /** The node server's `upgrade` listener. */
  handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Open connections. */
  size: () => number;
  /** Refuses new connections, closes the open ones (1001: reconnect elsewhere), and stops. */
  close: () => Promise<void>;
}

/** What a connection carries once connection_init was accepted. */
interface Connection {
  /** Headers every operation's Request carries. */
  headers: Record<string, string>;
  allowance: number;
  release: () => void;
}

type Extra = { socket: WebSocket; request: IncomingMessage; connection?: Connection };

// graphql-ws decides between execute and subscribe from a document; the operation already ran, so any one
// operation will do: both hand back the result computed in onSubscribe.
const RAN = parse('query Ran { __typename }');
const handBack = (args: ExecutionArgs) => args.rootValue as OperationResult;
/** What graphql-ws reads when onSubscribe returns arguments: the document, the root value and the context. */
const ran = (result: OperationResult) => ({ document: RAN, rootValue: result, contextValue: {} }) as ExecutionArgs;
const BASE = 'http://websocket.invalid';
const CLOSE_REASON_BYTES = 123;

const isStream = (v: unknown): v is AsyncIterable<ExecutionResult> =>
  v != null && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

/** A close reason fits in 123 bytes (RFC 6455); longer messages are cut. */
function closeReason(message: string): string {
  let reason = message;
  while (Buffer.byteLength(reason) > CLOSE_REASON_BYTES) reason = `${reason.slice(0, reason.length - 2)}…`;
  return reason;
}

/** The named value of connection_init's payload, whatever its case. */
function param(params: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  if (!params) return undefined;
  for (const [key, value] of Object.entries(params)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

const statusOfErrors = (errors: readonly GraphQLError[]) => errors[0]?.extensions?.http?.status ?? 400;

/** Browsers send Origin on a WebSocket upgrade and no preflight: only same-origin pages and listed origins pass. */
function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = header(req, 'origin');
  if (origin === undefined) return true; // not a browser
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function createGraphQLWebSockets(opts: GraphQLWebSocketOptions): GraphQLWebSockets {
  const { logger, tracker } = opts;
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes });
  const connections = createConcurrencyLimiter();
  let closing = false;

  const refuse = (socket: Duplex, path: string, r: Refusal) => {
    writeUpgradeRefusal(socket, r);
    opts.onRefusal?.({ path, status: r.status, code: r.code });
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const target = normaliseTarget(req.url ?? '/');
    if (target === undefined || !isValidHost(req.headers.host)) return refuse(socket, req.url ?? '', BAD_REQUEST);
    if (target.path !== opts.path) return refuse(socket, target.path, NOT_FOUND);
    if ((header(req, 'upgrade') ?? '').toLowerCase() !== 'websocket') {
      return refuse(socket, target.path, {
        ...BAD_REQUEST,
        message: `Only WebSocket upgrades are served (graphql-transport-ws on ${opts.path}).`,
      });
    }
    // Shutting down: as a closed listening socket would.
    if (closing) return void socket.destroy();
    if (!originAllowed(req, opts.http.corsOrigins)) {
      return refuse(
        socket,
        target.path,
        refusal('CSRF_PREVENTED', 'Cross-origin WebSocket refused: this origin is not in GATEWAY_CORS_ORIGINS.'),
      );
    }
    // A key on the upgrade request is checked before upgrading, as a body is never read for an unknown key.
    const authorization = header(req, 'authorization');
    const onBehalfOf = header(req, 'x-on-behalf-of');
    if (authorization !== undefined || onBehalfOf !== undefined) {
      try {
        opts.identify(authorization, onBehalfOf);
      } catch (err) {
        return refuse(socket, target.path, fromGraphQLError(err));
      }
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  wss.on('connection', (ws: WebSocket) => {
    opts.metrics?.websocketConnections.inc();
    ws.once('close', () => opts.metrics?.websocketConnections.dec());
  });

  /** connection_init: who the connection is for. A refusal closes it with graphql-ws's codes (4401, 4403). */
  function onConnect(ctx: Context<Record<string, unknown> | undefined, Extra>): boolean {
    const { socket, request: req } = ctx.extra;
    const params = ctx.connectionParams;
    const authorization = param(params, 'authorization') ?? header(req, 'authorization');
    const onBehalfOf = param(params, 'x-on-behalf-of') ?? header(req, 'x-on-behalf-of');
    let caller: Caller;
    try {
      caller = opts.identify(authorization, onBehalfOf);
    } catch (err) {
      const e = err as GraphQLError;
      const unauthenticated = e.extensions?.code === 'UNAUTHENTICATED';
      // Where a WebSocket client puts its key: the payload, not a header it may not be able to set.
      const reason =
        unauthenticated && authorization === undefined
          ? 'Missing API key: send `authorization: "Bearer <key>"` in connection_init\'s payload.'
          : e.message;
      logger.warn({ reason, transport: 'websocket' }, 'access refused');
      socket.close(unauthenticated ? CloseCode.Unauthorized : CloseCode.Forbidden, closeReason(reason));
      return false;
    }
    const allowance = opts.allowance(caller);
    const release = connections.acquire(subscriberKey(caller, req.socket.remoteAddress), allowance);
    if (!release) {
      // 1013 Try Again Later: graphql-ws clients retry it with backoff.
      socket.close(1013, closeReason(`This client may hold at most ${allowance} WebSocket connections.`));
      return false;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    if (onBehalfOf !== undefined) headers['x-on-behalf-of'] = onBehalfOf;
    ctx.extra.connection = { headers, allowance, release };
    return true;
  }

  /** One operation: run it now; graphql-ws then sends what it produced (`next`… `complete`, or `error`). */
  async function onSubscribe(
    ctx: Context<Record<string, unknown> | undefined, Extra>,
    _id: string,
    payload: SubscribePayload & { documentId?: unknown },
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const connection = ctx.extra.connection!;
    // graphql-ws lists the operation among the running ones already: the connection carries at most `allowance`.
    if (Object.keys(ctx.subscriptions).length > connection.allowance) {
      return [
        gatewayError(
          'SUBSCRIPTION_LIMIT_EXCEEDED',
          `This connection already runs ${connection.allowance} operations: complete one and retry.`,
        ),
      ];
    }
    const request = new Request(BASE + opts.path, { method: 'POST', headers: connection.headers });
    // graphql-ws requires `query` to be a string: an empty one means "none", so a persisted id alone names it.
    const params: GraphQLParams & { documentId?: unknown } = {
      query: payload.query === '' ? undefined : payload.query,
      variables: payload.variables ?? undefined,
      operationName: payload.operationName ?? undefined,
      extensions: payload.extensions ?? undefined,
    };
    if (payload.documentId !== undefined) params.documentId = payload.documentId;
    tracker.begin(request, 'websocket');
    let result: OperationResult;
    try {
      result = await opts.execute(params, request, { req: ctx.extra.request });
    } catch (err) {
      result = { errors: [opts.mask(err)] };
    }
    if (isStream(result)) {
      tracker.end(request, 200);
    } else if (result.errors?.length && result.data == null) {
      // Refused before execution (keys, persisted documents, validation, limits, the subscription cap).
      tracker.end(request, statusOfErrors(result.errors), result);
      return result.errors;
    } else {
      tracker.end(request, 200, result);
    }
    return ran(result);
  }

  useServer<Record<string, unknown> | undefined, Extra>(
    {
      connectionInitWaitTimeout: opts.http.headersTimeoutMs,
      onConnect,
      onSubscribe,
      execute: handBack,
      subscribe: handBack,
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length ? { ...result, errors: result.errors.map((e) => formatError(e)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map(formatError),
      onClose: (ctx) => ctx.extra.connection?.release(),
    },
    wss,
    opts.http.streamHeartbeatMs,
  );

  // graphql-ws reports a socket's errors (a message over maxPayload, a broken frame) with console.error; they go
  // to the gateway's log instead. ws has already closed the socket with the fitting code (1009, 1002) when the
  // error carries one; any other error closes it as graphql-ws would (4500).
  wss.on('connection', (ws: WebSocket) => {
    ws.removeAllListeners('error');
    ws.on('error', (err: Error & { code?: string }) => {
      logger.warn({ err: err.message, code: err.code, transport: 'websocket' }, 'websocket error');
      if (ws.readyState === ws.OPEN) ws.close(CloseCode.InternalServerError, 'Internal server error');
    });
  });

  return {
    handleUpgrade,
    size: () => wss.clients.size,
    async close() {
      closing = true;
      for (const ws of wss.clients) ws.close(1001, 'The gateway is shutting down: reconnect.');
      // A peer that does not answer the close frame soon is cut off.
      for (let i = 0; i < 20 && wss.clients.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
