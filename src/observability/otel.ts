// Tracing with the OpenTelemetry SDK (see tracing.ts; imported only when an OTLP endpoint is configured). Nothing is
// registered globally: the provider, the context manager and the W3C propagator belong to this gateway, so several
// gateways (tests) or an application embedding one do not share or overwrite each other's tracing.
//
//   <caller's span>                                   from `traceparent` (a new trace when absent)
//     query Dashboard              SERVER             one per GraphQL request
//       GET /v1/issuing/cards      INTERNAL           one per logical UQPAY call (retries, budget, coalescing inside)
//         POST /v1/connect/token   INTERNAL           a token the call had to fetch first
//         GET /v1/issuing/cards    CLIENT             one per HTTP exchange; its traceparent goes to UQPAY
//
// What a span may carry is an allow-list: constants (route templates, methods, statuses, outcome words), numbers,
// the request id, the API client's name, the acting account's UUID, validated operation names and document hashes.
// Never a card number, key, token, idempotency key, variable, document text, body, error message or URL query.
import { createHash } from 'node:crypto';
import {
  DiagLogLevel,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  createContextKey,
  defaultTextMapSetter,
  diag,
  isSpanContextValid,
  trace,
  type Attributes,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import {
  getOperationAST,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { callerOf } from '../access/plugin';
import { extractDocumentId } from '../access/persisted';
import type { TracingConfig } from '../config';
import {
  UpstreamBudgetExhaustedError,
  UpstreamOutcomeUnknownError,
  UpstreamUnavailableError,
  UqpayAuthError,
  UqpayError,
  type AttemptMiddleware,
  type CallMiddleware,
  type RawResponse,
  type UqpayCall,
} from '../datasources/uqpay';
import type { Logger } from '../logger';
import { containsPan } from '../redact';
import { requestIdOf } from './request-id';

// Semantic-convention names still "incubating" upstream: copied here, as the OpenTelemetry docs advise, instead of
// importing the incubating entry point (thousands of constants).
const ATTR_URL_TEMPLATE = 'url.template';
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
// The gateway's own attributes.
const ATTR_DOCUMENT_HASH = 'graphql.document.hash';
const ATTR_DOCUMENT_ID = 'graphql.document.id';
const ATTR_ERROR_CODES = 'graphql.error.codes';
const ATTR_REQUEST_ID = 'gateway.request_id';
const ATTR_CLIENT = 'gateway.client';
const ATTR_ROUTE = 'uqpay.route';
const ATTR_ACCOUNT = 'uqpay.account_id';
const ATTR_ATTEMPT = 'uqpay.attempt';
const ATTR_ATTEMPTS = 'uqpay.attempts';
const ATTR_BUDGET_WAIT = 'uqpay.budget.wait_ms';
const ATTR_OUTCOME = 'uqpay.outcome';
const ATTR_SHARED = 'uqpay.shared';

export const DEFAULT_SERVICE_NAME = 'uqpay-graphql-gateway';

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const DOCUMENT_ID = /^[\w:.-]{1,128}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** A client-chosen name or id, or undefined when it is malformed or could hold a card number. */
const safe = (value: string | null | undefined, shape: RegExp): string | undefined =>
  value && shape.test(value) && !containsPan(value) ? value : undefined;

const headersGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

interface RequestSpan {
  span: Span;
  named: boolean;
  errorCodes?: Set<string>;
  status?: number;
}

/** What a call span learns from its attempts. */
interface CallState {
  attempts: number;
  status?: number;
}
const CALL = createContextKey('uqpay call');

/** What tracing.ts passes (its TracingOptions; declared there, not imported: tracing.ts imports this file). */
export interface OtelOptions {
  logger: Logger;
  graphqlPath: string;
  upstreamBaseUrl: string;
}

export function createTracing(config: TracingConfig, opts: OtelOptions) {
  // The SDK's own complaints (an unreachable collector, a bad OTEL_* value) as one scrubbed line each.
  const warn = (message: string, ...args: unknown[]) =>
    opts.logger.warn(`opentelemetry: ${[message, ...args].map(describe).join(' ').slice(0, 1_000)}`);
  diag.setLogger(
    {
      error: warn,
      warn,
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (read by the env detector) win over the default name.
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: DEFAULT_SERVICE_NAME }))
    .merge(detectResources({ detectors: [envDetector] }));
  // The sampler (OTEL_TRACES_SAMPLER, default parent-based always-on), span limits and the batch processor's
  // OTEL_BSP_* settings come from the environment through the SDK; exporter headers, timeout and compression too.
  const exporter = new OTLPTraceExporter({ url: config.tracesUrl });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });
  const tracer = provider.getTracer('uqpay-graphql-gateway');
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const propagator = new W3CTraceContextPropagator();
  const upstream = new URL(opts.upstreamBaseUrl);
  const upstreamPrefix = upstream.pathname.replace(/\/+$/, '');
  const upstreamPort = Number(upstream.port) || (upstream.protocol === 'https:' ? 443 : 80);

  // --- GraphQL requests -----------------------------------------------------------------------------------------

  const requests = new WeakMap<Request, RequestSpan>();
  const isTraced = (request: Request): boolean => {
    const q = request.url.indexOf('?');
    const path = new URL(q < 0 ? request.url : request.url.slice(0, q)).pathname;
    // GraphiQL's page load is not a GraphQL request.
    const page = request.method === 'GET' && (request.headers.get('accept')?.includes('text/html') ?? false);
    return path === opts.graphqlPath && !page;
  };

  const endRequest = (state: RequestSpan, err?: unknown) => {
    const { span } = state;
    if (state.status !== undefined) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, state.status);
    if (state.errorCodes) span.setAttribute(ATTR_ERROR_CODES, [...state.errorCodes]);
    if (err !== undefined || (state.status ?? 0) >= 500 || state.errorCodes) {
      const code = state.errorCodes ? [...state.errorCodes][0] : err !== undefined ? 'unhandled' : String(state.status);
      span.setAttribute(ATTR_ERROR_TYPE, code!);
      span.setStatus({ code: SpanStatusCode.ERROR, message: code });
    }
    span.end();
  };

  const nameOperation = (request: Request | undefined, document: DocumentNode, operationName?: string | null) => {
    const state = request && requests.get(request);
    // Several operations in one request (a batch): the first one names the span.
    if (!state || state.named) return;
    const op = getOperationAST(document, operationName);
    const type = op?.operation;
    if (!type) return;
    state.named = true;
    const name = safe(op.name?.value, OPERATION_NAME);
    state.span.updateName(name ? `${type} ${name}` : type);
    state.span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, type);
    if (name) state.span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, name);
  };

  const plugin: Plugin = {
    instrumentation: {
      request({ request }, wrapped) {
        if (!isTraced(request)) return wrapped();
        const parent = propagator.extract(ROOT_CONTEXT, request.headers, headersGetter);
        const span = tracer.startSpan(
          'GraphQL Operation',
          {
            kind: SpanKind.SERVER,
            attributes: {
              [ATTR_HTTP_REQUEST_METHOD]: request.method,
              [ATTR_HTTP_ROUTE]: opts.graphqlPath,
              [ATTR_URL_PATH]: opts.graphqlPath,
              [ATTR_URL_SCHEME]: request.url.startsWith('https:') ? 'https' : 'http',
              [ATTR_REQUEST_ID]: requestIdOf(request),
            },
          },
          parent,
        );
        const state: RequestSpan = { span, named: false };
        requests.set(request, state);
        let out: Promise<void> | void;
        try {
          out = contextManager.with(trace.setSpan(parent, span), wrapped);
        } catch (err) {
          endRequest(state, err);
          throw err;
        }
        if (out === undefined || typeof out.then !== 'function') {
          endRequest(state);
          return out;
        }
        return out.then(
          () => endRequest(state),
          (err: unknown) => {
            endRequest(state, err);
            throw err;
          },
        );
      },
    },
    onParams({ request, params }) {
      const state = requests.get(request);
      if (!state) return;
      const id = safe(extractDocumentId(params, request), DOCUMENT_ID);
      if (id) state.span.setAttribute(ATTR_DOCUMENT_ID, id);
      // The document itself never: inline literals can be card numbers. Its sha256 (Apollo's APQ hash) instead.
      else if (typeof params.query === 'string') {
        state.span.setAttribute(ATTR_DOCUMENT_HASH, createHash('sha256').update(params.query).digest('hex'));
      }
    },
    onExecute({ args }) {
      const { contextValue, document, operationName } = args as ExecutionArgs;
      nameOperation((contextValue as { request?: Request }).request, document, operationName);
    },
    onSubscribe({ args }) {
      const { contextValue, document, operationName } = args as ExecutionArgs;
      const request = (contextValue as { request?: Request }).request;
      nameOperation(request, document, operationName);
      if (!request || !requests.has(request)) return;
      // Events are executed when the stream is pulled, outside this request's context: each pull runs in it, so
      // the UQPAY calls an event's fields make join the subscription's trace.
      const ctx = contextManager.active();
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(bindIterator(result, (next) => contextManager.with(ctx, next)));
        },
      };
    },
    onResultProcess({ request, result }) {
      const state = requests.get(request);
      if (!state) return;
      const client = callerOf(request)?.name;
      if (client) state.span.setAttribute(ATTR_CLIENT, client);
      const results = (Array.isArray(result) ? result : [result]) as (ExecutionResult | undefined)[];
      for (const r of results) {
        for (const err of (r?.errors ?? []) as GraphQLError[]) {
          const code = typeof err.extensions?.code === 'string' ? err.extensions.code : 'INTERNAL_SERVER_ERROR';
          (state.errorCodes ??= new Set()).add(safe(code, ERROR_CODE) ?? 'INVALID_CODE');
        }
      }
    },
    onResponse({ request, response }) {
      const state = requests.get(request);
      if (state) state.status = response.status;
    },
  };

  // --- UQPAY calls and their attempts ---------------------------------------------------------------------------

  const template = (route: string) => upstreamPrefix + route.slice(route.indexOf(' ') + 1);
  const baseAttributes = (call: UqpayCall): Attributes => ({
    [ATTR_HTTP_REQUEST_METHOD]: call.method,
    [ATTR_URL_TEMPLATE]: template(call.route),
    [ATTR_SERVER_ADDRESS]: upstream.hostname,
    [ATTR_SERVER_PORT]: upstreamPort,
    [ATTR_ROUTE]: call.route,
  });

  const endCall = (span: Span, state: CallState, err?: unknown) => {
    span.setAttribute(ATTR_ATTEMPTS, state.attempts);
    if (state.status !== undefined) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, state.status);
    if (err === undefined) {
      span.setAttribute(ATTR_OUTCOME, 'ok');
      // No exchange of its own: an identical call in flight (coalescing) or the read cache answered it.
      if (state.attempts === 0) span.setAttribute(ATTR_SHARED, true);
    } else {
      const outcome = outcomeOf(err);
      span.setAttribute(ATTR_OUTCOME, outcome);
      span.setAttribute(ATTR_ERROR_TYPE, errorType(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
    }
    span.end();
  };

  const callMiddleware: CallMiddleware = (next) => (call) => {
    const parent = contextManager.active();
    // Only calls made for a traced request (not the /ready probe or a token refresh of its own).
    if (trace.getSpan(parent) === undefined) return next(call);
    const attributes = baseAttributes(call);
    if (call.onBehalf && call.scope.accountId) attributes[ATTR_ACCOUNT] = call.scope.accountId;
    const span = tracer.startSpan(call.route, { kind: SpanKind.INTERNAL, attributes }, parent);
    const state: CallState = { attempts: 0 };
    let result: Promise<unknown>;
    try {
      result = contextManager.with(trace.setSpan(parent, span).setValue(CALL, state), next, undefined, call);
    } catch (err) {
      endCall(span, state, err);
      throw err;
    }
    return result.then(
      (value) => {
        endCall(span, state);
        return value;
      },
      (err: unknown) => {
        endCall(span, state, err);
        throw err;
      },
    );
  };

  const attemptMiddleware: AttemptMiddleware = (next) => (a) => {
    const parent = contextManager.active();
    const state = parent.getValue(CALL) as CallState | undefined;
    if (state === undefined) return next(a);
    state.attempts++;
    const attributes = baseAttributes(a.call);
    attributes[ATTR_ATTEMPT] = a.n;
    if (a.n > 1) attributes[ATTR_HTTP_REQUEST_RESEND_COUNT] = a.n - 1;
    const span = tracer.startSpan(a.call.route, { kind: SpanKind.CLIENT, attributes }, parent);
    const headers: Record<string, string> = {};
    propagator.inject(trace.setSpan(parent, span), headers, defaultTextMapSetter);
    const started = performance.now();
    let sentAt: number | undefined;
    const onSend = () => {
      sentAt = performance.now();
      a.onSend?.();
    };
    // The time between the attempt's start and the request leaving: what the upstream budget made it wait.
    const waited = () => Math.round(((sentAt ?? performance.now()) - started) * 10) / 10;
    return next({ ...a, headers, onSend }).then(
      (res: RawResponse) => {
        state.status = res.status;
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.status);
        span.setAttribute(ATTR_BUDGET_WAIT, waited());
        if (res.status >= 400) {
          span.setAttribute(ATTR_ERROR_TYPE, String(res.status));
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(res.status) });
        }
        span.end();
        return res;
      },
      (err: unknown) => {
        span.setAttribute(ATTR_BUDGET_WAIT, waited());
        span.setAttribute(ATTR_ERROR_TYPE, errorType(err));
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorType(err) });
        span.end();
        throw err;
      },
    );
  };

  // --- Logs -------------------------------------------------------------------------------------------------------

  const traceFields = (obj: object): object => {
    const span = trace.getSpan(contextManager.active());
    if (!span) return obj;
    const sc = span.spanContext();
    if (!isSpanContextValid(sc)) return obj;
    return { ...obj, trace_id: sc.traceId, span_id: sc.spanId, trace_flags: `0${sc.traceFlags.toString(16)}` };
  };

  return {
    plugin,
    callMiddleware,
    attemptMiddleware,
    logger: (logger: Logger): Logger => logger.child({}, { formatters: { log: traceFields } }),
    forceFlush: (): Promise<void> => provider.forceFlush(),
    async shutdown(): Promise<void> {
      // An unreachable collector would hold shutdown for the exporter's retries (up to its 10 s timeout).
      let timer: NodeJS.Timeout | undefined;
      const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS)));
      await Promise.race([provider.shutdown().catch(warn), cap]);
      clearTimeout(timer);
      contextManager.disable();
    },
  };
}

/** How long shutdown waits for the last spans to be exported. */
const SHUTDOWN_WAIT_MS = 3_000;

/** The SDK reports exceptions as JSON (`{"message": …, "stack": …}`): their message and code, no stack. */
function describe(value: unknown): string {
  const text = value instanceof Error ? value.message : String(value);
  if (!text.startsWith('{')) return text;
  try {
    const e = JSON.parse(text) as { message?: unknown; code?: unknown };
    if (typeof e.message === 'string') return typeof e.code === 'string' ? `${e.message} (${e.code})` : e.message;
  } catch {
    // not JSON after all
  }
  return text;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';

/** The iterator, each of its calls made through `run` (here: inside a trace context). */
function bindIterator<T>(iterable: AsyncIterable<T>, run: <R>(fn: () => R) => R): AsyncIterableIterator<T> {
  const inner = iterable[Symbol.asyncIterator]();
  const bound: AsyncIterableIterator<T> = {
    next: (...args: [] | [unknown]) => run(() => inner.next(...args)),
    [Symbol.asyncIterator]: () => bound,
  };
  if (inner.return) bound.return = (value?: unknown) => run(() => inner.return!(value));
  if (inner.throw) bound.throw = (err?: unknown) => run(() => inner.throw!(err));
  return bound;
}

/** One word for how a UQPAY call ended (never its message: upstream messages can echo input). */
function outcomeOf(err: unknown): string {
  if (err instanceof UpstreamBudgetExhaustedError) return 'budget_exhausted';
  if (err instanceof UpstreamOutcomeUnknownError) return 'outcome_unknown';
  if (err instanceof UpstreamUnavailableError) return 'unavailable';
  if (err instanceof UqpayAuthError) return 'auth_failed';
  if (err instanceof UqpayError) return 'refused';
  return 'error';
}

/** `error.type`: the HTTP status UQPAY answered, the transport failure's reason, or the error's class. */
function errorType(err: unknown): string {
  if (err instanceof UpstreamBudgetExhaustedError) return `budget_${err.reason}`;
  if (err instanceof UpstreamUnavailableError) return err.reason;
  if (err instanceof UqpayError) return String(err.status);
  return err instanceof Error && /^\w{1,64}$/.test(err.name) ? err.name : 'error';
}
