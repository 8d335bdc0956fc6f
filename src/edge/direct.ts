// The common GraphQL request, a JSON POST whose body the edge has read, run through yoga without the hooks whose
// outcome such a request already decides. yoga's fetch adapter and request pipeline call every plugin's hook on
// every request; for a JSON POST to the GraphQL path most of them only look and pass (the routes of other paths
// and methods, CORS preflights, the request parsers of other content types, CSRF's check, which JSON passes, the
// body-size and batch checks the edge already made): ~40 µs a request. Here:
//   - onRequest: only the hooks every GraphQL request needs (timing, the timeout's clock), passed in by
//     server.ts; the others serve other paths, methods or preflights;
//   - onRequestParse: none; the body is parsed here as yoga's JSON parser does (a non-object or malformed body
//     goes the usual way instead, which answers it);
//   - onParams and onExecutionResult: every hook, called as yoga's getResultForParams calls them but without its
//     per-hook promise helpers (a few KB of closures a request); execution: yoga's own (handleParams);
//   - onResultProcess: all of them, except for a result without errors for a client accepting JSON, which every
//     one of them leaves to yoga's regular JSON processor: that processor directly;
//   - onResponse: all of them (request id, CORS, metrics and the log line, compression).
// Streamed answers (SSE, multipart) and other content types keep yoga's request listener.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, processRegularResult, type Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors/graphql';
import type { Logger } from '../logger';

type MaybePromise<T> = T | Promise<T>;
type Params = Record<string, unknown>;
type Result = ExecutionResult | ExecutionResult[] | AsyncIterable<unknown>;

interface ServerContext {
  req: IncomingMessage;
  res: ServerResponse;
  waitUntil: (promise: unknown) => void;
}

interface FetchAPI {
  Request: typeof Request;
  Response: typeof Response;
  URL: typeof URL;
}

type Hook = (payload: never) => unknown;
type ResultProcessor = (result: Result, fetchAPI: FetchAPI, mediaType: string) => MaybePromise<Response>;

/** The parts of yoga's server (the object its fetch adapter wraps) the direct path uses. */
interface YogaServer {
  fetchAPI: FetchAPI;
  /** The enveloped plugin list (yoga's own and the gateway's, in order): the adapter's hooks come from it. */
  plugins: readonly ({ onRequest?: Hook; onResponse?: Hook; instrumentation?: unknown } | null | undefined)[];
  onRequestParseHooks: Hook[];
  onResultProcessHooks: Hook[];
  onParamsHooks: Hook[];
  onExecutionResultHooks: Hook[];
  /** Parse, validate, build the context and execute (envelop's pipeline): what the onParams hooks may replace. */
  handleParams: ParamsHandler;
  maskedErrorsOpts: {
    maskError(error: unknown, message: string, isDev?: boolean): Error;
    errorMessage: string;
    isDev?: boolean;
  } | null;
  logger: { debug(...args: unknown[]): void; error(...args: unknown[]): void };
}

export type DirectHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer, fallback: () => void) => void;

export interface DirectPath {
  /** Mount with yoga's plugins: yoga hands it its server when it is created. */
  plugin: Plugin;
  /** The handler; undefined when a plugin instruments requests (tracing keeps the fetch adapter) or errors go unmasked. */
  handler(): DirectHandler | undefined;
}

const STREAMED_ANSWER = /event-stream|multipart/i;

/** The media type yoga's result processors pick for a result that is not a stream, when the Accept says it. */
function jsonMediaType(accept: string | undefined): string | undefined {
  if (accept === undefined || accept === '*/*' || accept === 'application/json') return 'application/json';
  if (accept === 'application/graphql-response+json') return accept;
  return undefined;
}

/**
 * Whether a request goes the direct way: a POST with a JSON body (what every GraphQL client sends) not asking for
 * a streamed answer (SSE and multipart keep whatwg-node's stream writer and its disconnect signal).
 */
export function takesDirectPath(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const type = req.headers['content-type'];
  if (type === undefined) return false;
  const semi = type.indexOf(';');
  if ((semi === -1 ? type : type.slice(0, semi)).trim().toLowerCase() !== 'application/json') return false;
  const accept = req.headers.accept;
  return accept === undefined || !STREAMED_ANSWER.test(accept);
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v != null && typeof (v as PromiseLike<unknown>).then === 'function';

const then = <T, U>(v: MaybePromise<T>, f: (t: T) => MaybePromise<U>): MaybePromise<U> =>
  isThenable(v) ? Promise.resolve(v).then(f) : f(v);

/** Calls `hooks` with `payload` in order, waiting for a hook that returns a promise; stops once `done()`. */
function runHooks<P>(hooks: Hook[], payload: P, done: () => boolean, from = 0): MaybePromise<void> {
  for (let i = from; i < hooks.length; i++) {
    const r = (hooks[i] as (p: P) => unknown)(payload);
    if (isThenable(r))
      return Promise.resolve(r).then(() => (done() ? undefined : runHooks(hooks, payload, done, i + 1)));
    if (done()) return;
  }
}

/**
 * `arrivals`: the plugins whose onRequest every GraphQL request needs (they must not answer or replace the
 * request); every other onRequest hook is skipped on this path.
 */
export function createDirectPath(logger: Logger, arrivals: readonly Plugin[]): DirectPath {
  let server: YogaServer | undefined;
  let handler: DirectHandler | undefined;
  return {
    plugin: {
      onYogaInit({ yoga }) {
        server = yoga as unknown as YogaServer;
      },
    },
    handler() {
      if (!handler && server && server.maskedErrorsOpts && !server.plugins.some((p) => p?.instrumentation))
        handler = directHandler(server, logger, arrivals);
      return handler;
    },
  };
}

function directHandler(yoga: YogaServer, logger: Logger, arrivals: readonly Plugin[]): DirectHandler {
  const onRequestHooks = arrivals.flatMap((p) => (p.onRequest ? [p.onRequest as Hook] : []));
  const onResponseHooks = yoga.plugins.flatMap((p) => (p?.onResponse ? [p.onResponse] : []));
  const { fetchAPI } = yoga;
  const waitUntil = (promise: unknown) => {
    if (isThenable(promise)) {
      promise.then(undefined, (err: unknown) =>
        logger.error(`Unexpected error while waiting: ${(err as Error)?.message ?? String(err)}`),
      );
    }
  };

  /** yoga's handle() after parsing: the operation, its result processed; anything thrown, as errors. */
  function graphql(request: Request, params: Params, serverContext: ServerContext): MaybePromise<Response> {
    return caught(
      () =>
        then(resultForParams(request, params, serverContext), (result) =>
          processResult(request, result, serverContext),
        ),
      request,
      serverContext,
    );
  }

  /** yoga's getResultForParams: the onParams hooks (any may set the params, their handler or the result), the
   * handler, then the onExecutionResult hooks. */
  function resultForParams(request: Request, params: Params, serverContext: ServerContext): MaybePromise<Result> {
    const p = new ParamsPayload(params, request, yoga.handleParams, fetchAPI, serverContext);
    return then(runHooks(yoga.onParamsHooks, p, never), () =>
      then(p.result || p.paramsHandler({ request, params: p.params, context: serverContext }), (result) => {
        if (yoga.onExecutionResultHooks.length === 0) return result;
        const r = new ExecutionResultPayload(result, request, serverContext);
        return then(runHooks(yoga.onExecutionResultHooks, r, never), () => r.result);
      }),
    );
  }

  /** What yoga's handle() answers when anything in it throws: the errors, masked, as a result. */
  function caught(
    run: () => MaybePromise<Response>,
    request: Request,
    serverContext: ServerContext,
  ): MaybePromise<Response> {
    const onError = (error: unknown) => processResult(request, { errors: handleError(error) }, serverContext);
    try {
      const r = run();
      return isThenable(r) ? Promise.resolve(r).catch(onError) : r;
    } catch (error) {
      return onError(error);
    }
  }

  /** yoga's result processing; a result without errors for a JSON client goes to the JSON processor directly. */
  function processResult(request: Request, result: Result, serverContext: ServerContext): MaybePromise<Response> {
    if (!Array.isArray(result) && !isAsyncIterable(result) && !result.errors?.length) {
      const media = jsonMediaType(request.headers.get('accept') ?? undefined);
      if (media) return processRegularResult(result, fetchAPI as never, media);
    }
    let processor: ResultProcessor | undefined;
    let mediaType = '*/*';
    const acceptableMediaTypes: string[] = [];
    const payload = {
      request,
      acceptableMediaTypes,
      result,
      setResult(r: Result) {
        result = r;
        payload.result = r;
      },
      resultProcessor: processor,
      setResultProcessor(p: ResultProcessor, type: string) {
        processor = p;
        mediaType = type;
        payload.resultProcessor = p;
      },
      serverContext,
    };
    return then(
      runHooks(yoga.onResultProcessHooks, payload, () => false),
      () => {
        if (!processor) {
          return new fetchAPI.Response(null, {
            status: 406,
            statusText: 'Not Acceptable',
            headers: { accept: acceptableMediaTypes.join('; charset=utf-8, ') },
          });
        }
        return processor(result, fetchAPI, mediaType);
      },
    );
  }

  /** yoga's handleError, masked errors on (server.ts): an error thrown while handling, as a result's errors. */
  function handleError(error: unknown): GraphQLError[] {
    const errors = new Set<GraphQLError>();
    const add = (e: unknown) => {
      if (e != null && typeof e === 'object' && 'errors' in e) {
        for (const single of (e as { errors: Iterable<unknown> }).errors) add(single);
      } else if (isAbortError(e)) {
        yoga.logger.debug('Request aborted');
      } else {
        const opts = yoga.maskedErrorsOpts!;
        const masked = opts.maskError(e, opts.errorMessage, opts.isDev);
        if (masked !== e) yoga.logger.error(e);
        // The gateway's maskError answers GraphQL errors only (src/errors/mask.ts).
        errors.add(isGraphQLError(masked) ? masked : gatewayError('INTERNAL_SERVER_ERROR', masked.message));
      }
    };
    add(error);
    return [...errors];
  }

  /** The adapter's onRequest hooks (any may answer), the handler, then its onResponse hooks. */
  function handle(request: Request, params: Params, serverContext: ServerContext): MaybePromise<Response> {
    const arrival = new ArrivalPayload(request, serverContext, fetchAPI);
    const answered = then(
      runHooks(onRequestHooks, arrival, () => arrival.early !== undefined),
      () =>
        arrival.early ??
        (arrival.requestHandler
          ? arrival.requestHandler(arrival.request, serverContext)
          : graphql(arrival.request, params, serverContext)),
    );
    return then(answered, (response) => {
      if (onResponseHooks.length === 0) return response;
      const departure = new DeparturePayload(arrival.request, response, serverContext, fetchAPI);
      return then(
        runHooks(onResponseHooks, departure, () => false),
        () => departure.response,
      );
    });
  }

  return (req, res, body, fallback) => {
    // A JSON object; anything else (a batch, a malformed body) goes the usual way, which answers it.
    let params: unknown;
    try {
      params = JSON.parse(body.toString('utf8'));
    } catch {
      return fallback();
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params)) return fallback();
    const serverContext: ServerContext = { req, res, waitUntil };
    let response: MaybePromise<Response>;
    try {
      // The URL whatwg-node builds from a node request (plain HTTP: TLS ends in front of the gateway).
      const request = new fetchAPI.Request(`http://${req.headers.host}${req.url}`, {
        method: 'POST',
        headers: req.headers as Record<string, string>,
      });
      response = handle(request, params as Params, serverContext);
    } catch (err) {
      response = errorResponse(fetchAPI, err);
    }
    if (isThenable(response)) {
      Promise.resolve(response).then(
        (r) => send(r, res),
        (err: unknown) => send(errorResponse(fetchAPI, err), res),
      );
    } else send(response, res);
  };
}

type RequestHandler = (request: Request, serverContext: ServerContext) => MaybePromise<Response>;

/*
 * The payloads the onRequest and onResponse hooks get, as whatwg-node shapes them. Classes, not object literals:
 * a literal with a getter (the lazy `url`) gets an accessor pair of its own per request, which V8 keeps in old
 * space, and its young-generation collector then keeps alive whatever the getter's closure reaches (the request,
 * its context, the node response) until the next full collection. That promoted ~9% of all a request allocates
 * (~9 KB a request) and caused a full collection every second under load. The setters are per-object arrows
 * because hooks destructure them (`onRequest({ endResponse })`).
 */
class ArrivalPayload {
  early: Response | undefined;
  requestHandler: RequestHandler | undefined;
  private parsedUrl: URL | undefined;

  constructor(
    public request: Request,
    readonly serverContext: ServerContext,
    readonly fetchAPI: FetchAPI,
  ) {}

  /** Parsed for a hook that reads it (the routing hooks of other paths). */
  get url(): URL {
    return (this.parsedUrl ??= new this.fetchAPI.URL(this.request.url, 'http://localhost'));
  }

  readonly setRequest = (r: Request): void => {
    this.request = r;
  };

  readonly setRequestHandler = (h: RequestHandler): void => {
    this.requestHandler = h;
  };

  readonly endResponse = (r: Response): void => {
    this.early = r;
  };
}

type ParamsHandler = (input: { request: Request; params: Params; context: ServerContext }) => MaybePromise<Result>;

const never = () => false;

class ParamsPayload {
  result: Result | undefined;

  constructor(
    public params: Params,
    readonly request: Request,
    public paramsHandler: ParamsHandler,
    readonly fetchAPI: FetchAPI,
    readonly context: ServerContext,
  ) {}

  readonly setParams = (p: Params): void => {
    this.params = p;
  };

  readonly setParamsHandler = (h: ParamsHandler): void => {
    this.paramsHandler = h;
  };

  readonly setResult = (r: Result): void => {
    this.result = r;
  };
}

class ExecutionResultPayload {
  constructor(
    public result: Result,
    readonly request: Request,
    readonly context: ServerContext,
  ) {}

  readonly setResult = (r: Result): void => {
    this.result = r;
  };
}

class DeparturePayload {
  constructor(
    readonly request: Request,
    public response: Response,
    readonly serverContext: ServerContext,
    readonly fetchAPI: FetchAPI,
  ) {}

  readonly setResponse = (r: Response): void => {
    this.response = r;
  };
}

const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof GraphQLError;

function isAbortError(e: unknown): boolean {
  const err = e as { constructor?: { name?: string }; name?: string } | null;
  return (
    typeof e === 'object' &&
    err?.constructor?.name === 'DOMException' &&
    (err.name === 'AbortError' || err.name === 'TimeoutError')
  );
}

/** What whatwg-node answers when a hook or the handler throws. */
function errorResponse(fetchAPI: FetchAPI, error: unknown): Response {
  const e = error as { stack?: string; message?: string; status?: number } | null | undefined;
  return new fetchAPI.Response(e?.stack || e?.message || String(error), { status: e?.status || 500 });
}

/** Writes a Response held whole, as whatwg-node's sendNodeResponse does. */
function send(response: Response, res: ServerResponse): void {
  if (res.closed || res.destroyed || res.writableEnded) return;
  res.setHeaders(response.headers);
  res.writeHead(response.status, response.statusText);
  const r = response as Response & { bodyType?: unknown; bodyInit?: unknown; _buffer?: unknown };
  if (r.bodyType === 'String' && typeof r.bodyInit === 'string') res.end(r.bodyInit);
  else if (r._buffer instanceof Uint8Array) res.end(r._buffer);
  else if (response.body === null) res.end();
  else void pump(response.body, res);
}

async function pump(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done || res.destroyed) break;
    if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}
