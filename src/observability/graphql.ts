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
}

const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

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

export function useObservability(opts: ObservabilityPluginOptions): Plugin {
  const { metrics, logger } = opts;
  const infos = new WeakMap<Request, RequestInfo>();

  return {
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
      // Streams (subscriptions, @defer) are counted per request, not per event.
      const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
      for (const r of results) {
        for (const err of (r as ExecutionResult | undefined)?.errors ?? [])
          (info.errorCodes ??= []).push(errorCode(err));
      }
    },
    onResponse({ request, response }) {
      const info = infos.get(request);
      if (!info) return;
      const path = new URL(request.url).pathname;
      const durationMs = performance.now() - info.started;
      const isGraphQL =
        info.operationType !== undefined || info.errorCodes !== undefined || info.operationName !== undefined;
      const operation = metrics.operationLabel(info.operationName);
      if (isGraphQL) {
        metrics.graphqlDuration.observe({ operation, type: info.operationType ?? 'none' }, durationMs / 1000);
        for (const code of info.errorCodes ?? []) metrics.graphqlErrors.inc({ operation, code });
      }
      const caller = callerOf(request);
      const line = {
        reqId: requestIdOf(request),
        method: request.method,
        // The path and the operation name are the client's words: no card number reaches the logs through them.
        path: scrub(path),
        status: response.status,
        durationMs: Math.round(durationMs * 10) / 10,
        operation: info.operationName === undefined ? undefined : scrub(info.operationName),
        type: info.operationType,
        client: caller?.name,
        errors: info.errorCodes,
      };
      if (QUIET_PATHS.has(path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    },
  };
}
