// What one operation may spend of the shared UQPAY budget. Before execution, the document and its variables
// give an upper estimate (./upstream-estimate.ts): `nodes(ids:)` over GATEWAY_MAX_NODE_IDS ids, or an estimate
// over GATEWAY_MAX_UPSTREAM_CALLS, is refused with QUERY_LIMIT_EXCEEDED before a single call. During execution a
// per-operation meter counts the calls actually made and refuses any past the limit (the estimate counts a
// shared list once; a query spanning accounts may need more). Subscriptions are exempt: each event's re-read
// is its own small cost, and they never reach onExecute.
import type { ExecutionArgs, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CallLimits } from '../config';
import { gatewayError } from '../errors/graphql';
import { estimateUpstreamCalls } from './upstream-estimate';

export const DEFAULT_CALL_LIMITS: CallLimits = { maxNodeIds: 100, maxUpstreamCalls: 100 };

function limitError(message: string): GraphQLError {
  return gatewayError('QUERY_LIMIT_EXCEEDED', message);
}

/** Counts one operation's upstream calls; unlimited until armed (context building and subscriptions are not). */
export class CallMeter {
  private limit = Infinity;
  calls = 0;

  arm(limit: number): void {
    this.limit = limit;
  }

  /** Before each upstream call: throws QUERY_LIMIT_EXCEEDED past the limit (the call is not made). */
  charge(route: string): void {
    if (++this.calls > this.limit) {
      throw limitError(
        `This operation reached its limit of ${this.limit} UQPAY calls; ${route} was not called. ` +
          'Ask for smaller pages or fewer objects.',
      );
    }
  }
}

export function useUpstreamCallLimits(limits: CallLimits): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { schema, document, operationName, variableValues } = args as ExecutionArgs;
      const estimate = estimateUpstreamCalls(schema, document, operationName, variableValues);
      if (estimate.maxNodeIds > limits.maxNodeIds) {
        setResultAndStopExecution({
          errors: [
            limitError(
              `nodes(ids:) names ${estimate.maxNodeIds} ids; at most ${limits.maxNodeIds} are allowed per request.`,
            ),
          ],
        });
        return;
      }
      if (estimate.calls > limits.maxUpstreamCalls) {
        setResultAndStopExecution({
          errors: [
            limitError(
              `This operation may make up to ${estimate.calls} UQPAY calls; ` +
                `at most ${limits.maxUpstreamCalls} are allowed per operation. ` +
                'Ask for smaller pages (`first`) or fewer objects.',
            ),
          ],
        });
        return;
      }
      (args.contextValue as { upstreamCalls?: CallMeter }).upstreamCalls?.arm(limits.maxUpstreamCalls);
    },
  };
}
