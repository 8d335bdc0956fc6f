// Limits that refuse abusive documents at parse/validation time, before the context exists and so before any
// upstream call: depth, cost, aliases, tokens, directives (graphql-armor), repeated fields (./repeated-fields);
// plus field suggestions hidden in production. Bodies are bounded by the HTTP edge (src/edge) and ./body-size;
// the request timeout is an execution concern (src/execution/timeout.ts).
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationRule } from 'graphql';
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
  // The four validation limits as rules made once, not armor's plugins (which make each rule anew on every
  // request): a rule only makes its visitor per validation, and the same functions on every request let the
  // validation cache (src/execution/validation-cache.ts) know the rule set by identity.
  // In armor's order (its errors come out in this order when several limits are passed).
  const rules: ValidationRule[] = [
    maxDirectivesRule({ n: limits.maxDirectives, onReject, propagateOnRejection: false }),
    maxAliasesRule({ n: limits.maxAliases, onReject, propagateOnRejection: false }),
    costLimitRule({ maxCost: limits.maxCost, onReject, propagateOnRejection: false }),
    maxDepthRule({ n: limits.maxDepth, onReject, propagateOnRejection: false }),
  ];
  const limitRules: Plugin = {
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
  // Armor for what is not a validation rule: suggestions hidden, and the token limit (the lexer has no validation
  // context to report to: it throws, and the hook below adds the code).
  const armor = new EnvelopArmor({
    blockFieldSuggestion: { enabled: opts.hideSuggestions },
    maxTokens: { n: limits.maxTokens },
    maxDepth: { enabled: false },
    costLimit: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
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
    limitRules,
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
