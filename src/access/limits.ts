// Limits that refuse abusive documents at parse/validation time, before the context exists and so before any
// upstream call: depth, cost, aliases, tokens, directives (graphql-armor), repeated fields (./repeated-fields);
// plus field suggestions hidden in production and a per-request execution deadline. Bodies are bounded by the
// HTTP edge (src/edge) and ./body-size.
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { loadConfig, type GatewayConfig, type GatewayLimits } from '../config';
import { useRepeatedFieldLimit } from './repeated-fields';

export type LimitsConfig = GatewayLimits;

/** The configured limits; a hand-built config without them gets the environment defaults. */
export function limitsOf(config: Pick<GatewayConfig, 'limits'>): LimitsConfig {
  return config.limits ?? loadConfig({}).limits!;
}

export const LIMIT_CODE = 'QUERY_LIMIT_EXCEEDED';
export const DEFAULT_MAX_REPEATED_FIELDS = 20;

// `spec: false`: yoga answers spec-defined validation errors with 200 under `accept: application/json`; a limit
// refusal is the gateway's own and answers 400 whatever the Accept header.
function limitError(message: string): GraphQLError {
  return createGraphQLError(message.replace(/^Syntax Error: /, ''), {
    extensions: { code: LIMIT_CODE, http: { status: 400, spec: false } },
  });
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
    useRequestTimeout(limits.requestTimeoutMs),
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
        const http = error.extensions?.http as { spec?: boolean } | undefined;
        if (error.extensions?.code === LIMIT_CODE && http?.spec) http.spec = false;
      }
    }
  },
};

const controllers = new WeakMap<Request, AbortController>();

/**
 * Aborted when this request's execution outlives the timeout, so its upstream calls stop too (RequestScope's
 * `signal`). Only executions start the timer: a subscription's signal never fires. The controller is created
 * on first use: most requests never ask (their upstream calls are coalesced or they make none).
 */
export function requestSignalOf(request: Request): AbortSignal {
  let c = controllers.get(request);
  if (!c) controllers.set(request, (c = new AbortController()));
  return c.signal;
}

export function timeoutError(ms: number): GraphQLError {
  return createGraphQLError(`The request did not finish within ${ms} ms and was abandoned.`, {
    extensions: { code: 'TIMEOUT', http: { status: 504 } },
  });
}

interface Pending {
  request: Request;
  deadline: number;
  resolve: (result: { errors: GraphQLError[] }) => void;
}

/**
 * Queries and mutations get `ms` from arrival; subscriptions are long-lived by design and are exempt.
 * One coarse timer per plugin instead of a timer per request: while executions are pending it ticks every
 * `min(100, ms)` ms and abandons those past their deadline, so a timeout fires up to one tick late.
 */
export function useRequestTimeout(ms: number): Plugin {
  const arrivals = new WeakMap<Request, number>();
  const pending = new Set<Pending>();
  const tickMs = Math.max(1, Math.min(100, ms));
  let ticker: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = Date.now();
    for (const p of pending) {
      if (p.deadline > now) continue;
      pending.delete(p);
      // Created if nothing asked yet: a resolver that carries on after the timeout gets an aborted signal.
      requestSignalOf(p.request);
      controllers.get(p.request)!.abort(timeoutError(ms));
      p.resolve({ errors: [timeoutError(ms)] });
    }
    if (pending.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
  return {
    onRequest({ request }) {
      arrivals.set(request, Date.now());
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      const arrived = request && arrivals.get(request);
      if (!request || arrived === undefined) return;
      const deadline = arrived + ms;
      setExecuteFn((execArgs) => {
        const result = executeFn(execArgs) as unknown;
        // A synchronous result cannot outlive anything.
        if (typeof (result as PromiseLike<unknown> | null)?.then !== 'function') return result as ReturnType<typeof executeFn>;
        return new Promise((resolve, reject) => {
          const p: Pending = { request, deadline, resolve };
          pending.add(p);
          if (!ticker) {
            ticker = setInterval(tick, tickMs);
            ticker.unref?.();
          }
          (result as PromiseLike<unknown>).then(
            (value) => {
              pending.delete(p);
              resolve(value);
            },
            (err: unknown) => {
              pending.delete(p);
              reject(err);
            },
          );
        }) as ReturnType<typeof executeFn>;
      });
    },
  };
}
