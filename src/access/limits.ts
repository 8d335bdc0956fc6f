// Limits that refuse abusive documents at parse/validation time, before the context exists and so before any
// upstream call: depth, cost, aliases, tokens, directives (graphql-armor), repeated fields (./repeated-fields);
// plus field suggestions hidden in production. Bodies are bounded by the HTTP edge (src/edge) and ./body-size;
// the request timeout is an execution concern (src/execution/timeout.ts).
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayLimits } from '../config';
import type { TopLevelCode } from '../errors/codes';
import { gatewayError } from '../errors/graphql';
import { useRepeatedFieldLimit } from './repeated-fields';

export type LimitsConfig = GatewayLimits;

export const LIMIT_CODE: TopLevelCode = 'QUERY_LIMIT_EXCEEDED';
export const DEFAULT_MAX_REPEATED_FIELDS = 20;

// `spec: false`: yoga answers spec-defined validation errors with 200 under `accept: application/json`; a limit
// refusal is the gateway's own and answers 400 whatever the Accept header.
export function limitError(message: string): GraphQLError {
  return gatewayError(LIMIT_CODE, message.replace(/^Syntax Error: /, ''), { spec: false });
}

// Report through the validation context instead of throwing from inside a visitor, so the refusal is an
// ordinary validation error carrying a code.
type ArmorConfig = NonNullable<ConstructorParameters<typeof EnvelopArmor>[0]>;
type RejectCallback = NonNullable<NonNullable<ArmorConfig['maxDepth']>['onReject']>[number];
const report: RejectCallback = (ctx, error) => ctx?.reportError(limitError(error.message));

export interface LimitsPluginOptions {
  limits: LimitsConfig;
  /** Hide "Did you mean …" field suggestions (production): they map the schema for a prober. */
  hideSuggestions: boolean;
}

export function useLimits(opts: LimitsPluginOptions): Plugin[] {
  const { limits } = opts;
  const onReject = [report];
  const armor = new EnvelopArmor({
    blockFieldSuggestion: { enabled: opts.hideSuggestions },
    maxDepth: { n: limits.maxDepth, onReject, propagateOnRejection: false },
    costLimit: { maxCost: limits.maxCost, onReject, propagateOnRejection: false },
    maxAliases: { n: limits.maxAliases, onReject, propagateOnRejection: false },
    maxDirectives: { n: limits.maxDirectives, onReject, propagateOnRejection: false },
    // The lexer has no validation context to report to: it throws, and the hook below adds the code.
    maxTokens: { n: limits.maxTokens },
  });
  const tokenLimitCode: Plugin = {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof Error && /Token limit of \d+ exceeded/.test(result.message)) {
          replaceParseResult(limitError(result.message));
        }
      };
    },
  };
  return [
    useRepeatedFieldLimit(limits.maxRepeatedFields ?? DEFAULT_MAX_REPEATED_FIELDS, limitError),
    ...(armor.protect().plugins as Plugin[]),
    tokenLimitCode,
    limitStatus,
  ];
}

/**
 * Limit refusals answer 400 whatever the Accept header. Yoga marks every parse error as spec-defined (`spec`,
 * which `accept: application/json` answers with 200), the token limit's included; undone here, at the end.
 */
const limitStatus: Plugin = {
  onResultProcess({ result }) {
    for (const r of Array.isArray(result) ? result : [result]) {
      for (const error of (r as { errors?: readonly GraphQLError[] } | undefined)?.errors ?? []) {
        const http = error.extensions?.http;
        if (error.extensions?.code === LIMIT_CODE && http?.spec) http.spec = false;
      }
    }
  },
};
