// GraphQL request metrics and the one structured log line per request. Timing runs from arrival (onRequest)
// to response (onResponse), so refusals before execution (limits, keys, unknown documents) are measured too.
import { getOperationAST, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { callerOf } from '../access/plugin';
import type { Logger } from '../logger';
import { redactText } from '../redact';
import type { GatewayMetrics } from './metrics';
import { requestIdOf } from './request-id';

interface RequestInfo {
  started: number;
  operationName?: string;
  operationType?: string;
  errorCodes?: string[];
  /** Operations in a batched request (a JSON array). */
  batch?: number;
  /** How the operation came, when not as an HTTP request of its own (`websocket`). */
  transport?: string;
}

/** The label of a batched request's duration: not a name a client can give an operation. */
const BATCH_LABEL = '(batch)';

const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

/** An absolute URL whose path needs no normalising (plain characters), split without a URL parser. */
const PLAIN_PATH = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*(\/[\w/-]*)?(?:[?#]|$)/i;

/** The URL's path, as `new URL(url).pathname` gives it. */
function pathOf(url: string): string {
  const plain = PLAIN_PATH.exec(url);
  return plain ? plain[1] || '/' : new URL(url).pathname;
}

export interface ObservabilityPluginOptions {
  metrics: GatewayMetrics;
  logger: Logger;
}

function errorCode(err: GraphQLError): string {
  const code = err.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

// What redactText looks for needs digits (a card number), `eyJ` (a JWT) or `Bearer`.
const MAY_HOLD_SECRET = /\d|eyJ|bearer/i;

/** Client-chosen text in a log field: no card numbers or tokens, and not the whole of a huge value. */
function scrub(text: string): string {
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  // `/graphql`, `CardDashboard`: nothing to scrub, no regex work on the common request.
  return MAY_HOLD_SECRET.test(short) ? redactText(short) : short;
}

/** Operations that arrive without an HTTP request of their own (WebSocket messages), timed and logged alike. */
export interface OperationTracker {
  /** The operation's clock starts; `request` is the one its hooks and context see. */
  begin: (request: Request, transport: string) => void;
  /** Its answer is known (a result, or the start of a stream): metrics and the log line, as for HTTP. */
  end: (request: Request, status: number, result?: ExecutionResult) => void;
}

export function useObservability(opts: ObservabilityPluginOptions): Plugin & { tracker: OperationTracker } {
  const { metrics, logger } = opts;
  const infos = new WeakMap<Request, RequestInfo>();

  const countErrors = (info: RequestInfo, result: unknown) => {
    // Streams (subscriptions, @defer) are counted per request, not per event.
    const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
    for (const r of results) {
      for (const err of (r as ExecutionResult | undefined)?.errors ?? []) (info.errorCodes ??= []).push(errorCode(err));
    }
  };

  const finish = (request: Request, status: number) => {
    const info = infos.get(request);
    if (!info) return;
    infos.delete(request);
    const durationMs = performance.now() - info.started;
    const isGraphQL =
      info.operationType !== undefined || info.errorCodes !== undefined || info.operationName !== undefined;
    const operation = info.batch !== undefined ? BATCH_LABEL : metrics.operationLabel(info.operationName);
    if (isGraphQL) {
      metrics.graphqlDuration.observe({ operation, type: info.operationType ?? 'none' }, durationMs / 1000);
      for (const code of info.errorCodes ?? []) metrics.graphqlErrors.inc({ operation, code });
    }
    // The line is built only when it is written (operators run at warn under load): quiet paths log at debug,
    // the rest at info, so below info nothing is written and the path is not even read.
    if (!logger.isLevelEnabled('info')) return;
    const path = pathOf(request.url);
    const quiet = QUIET_PATHS.has(path);
    if (quiet && !logger.isLevelEnabled('debug')) return;
    const caller = callerOf(request);
    const line = {
      reqId: requestIdOf(request),
      method: info.transport === undefined ? request.method : undefined,
      transport: info.transport,
      // The path and the operation name are the client's words: no card number reaches the logs through them.
      path: scrub(path),
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      operation: info.operationName === undefined ? undefined : scrub(info.operationName),
      type: info.operationType,
      batch: info.batch,
      client: caller?.name,
      errors: info.errorCodes,
    };
    if (quiet) logger.debug(line, 'request');
    else logger.info(line, 'request');
  };

  const tracker: OperationTracker = {
    begin(request, transport) {
      infos.set(request, { started: performance.now(), transport });
    },
    end(request, status, result) {
      const info = infos.get(request);
      if (info && result) countErrors(info, result);
      finish(request, status);
    },
  };

  return {
    tracker,
    onRequest({ request }) {
      infos.set(request, { started: performance.now() });
    },
    onParams({ request, params }) {
      const info = infos.get(request);
      if (info && params.operationName) info.operationName = params.operationName;
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      const info = request && infos.get(request);
      if (!info) return;
      const { document, operationName } = args as ExecutionArgs;
      const op = getOperationAST(document, operationName);
      info.operationType = op?.operation;
      if (op?.name?.value) info.operationName = op.name.value;
    },
    onSubscribe({ args }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      const info = request && infos.get(request);
      if (!info) return;
      const { document, operationName } = args as ExecutionArgs;
      const op = getOperationAST(document, operationName);
      info.operationType = 'subscription';
      if (op?.name?.value) info.operationName = op.name.value;
    },
    onResultProcess({ request, result }) {
      const info = infos.get(request);
      if (!info) return;
      // A batch's result is the list of its operations' results.
      if (Array.isArray(result)) info.batch = result.length;
      countErrors(info, result);
    },
    onResponse({ request, response }) {
      finish(request, response.status);
    },
  };
}
