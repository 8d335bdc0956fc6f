// What an unexpected failure looks like to a client: a short message with a stable `extensions.code` (yoga's
// `maskedErrors.maskError`). The datasource's error classes are not GraphQL errors; this is where each becomes a
// code of the catalogue. Nothing upstream leaks: only the codes, the key to retry with and UQPAY's own message
// for a 4xx (already scrubbed by the datasource).
import {
  UpstreamBudgetExhaustedError,
  UpstreamOutcomeUnknownError,
  UpstreamUnavailableError,
  UqpayAuthError,
  UqpayError,
} from '../datasources/uqpay';
import type { Logger } from '../logger';
import type { TopLevelCode } from './codes';
import { gatewayError, isGraphQLError } from './graphql';

export function maskError(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const graphqlError = isGraphQLError(error) ? error : undefined;
    const original = graphqlError ? graphqlError.originalError : error;
    if (graphqlError && (!original || isGraphQLError(original))) return graphqlError;
    const fail = (code: TopLevelCode, msg: string, extensions?: Record<string, unknown>) =>
      gatewayError(code, msg, { nodes: graphqlError?.nodes, path: graphqlError?.path, extensions });
    if (original instanceof UpstreamBudgetExhaustedError) {
      logger.warn({ route: original.route, reason: original.reason }, 'upstream budget exhausted');
      return fail('UPSTREAM_BUDGET_EXHAUSTED', 'The UQPAY call budget is exhausted; retry shortly.', {
        retryAfterMs: original.retryAfterMs,
      });
    }
    if (original instanceof UpstreamOutcomeUnknownError) {
      const cause = (original.cause as Error | undefined)?.message;
      logger.warn({ route: original.route, cause }, 'upstream outcome unknown');
      const retry = 'Retry with the same idempotencyKey: it is applied at most once.';
      return fail('UPSTREAM_OUTCOME_UNKNOWN', `UQPAY may or may not have applied this change. ${retry}`, {
        idempotencyKey: original.idempotencyKey,
      });
    }
    if (original instanceof UpstreamUnavailableError) {
      logger.warn({ route: original.route, reason: original.reason }, 'upstream unavailable');
      return fail('UPSTREAM_UNAVAILABLE', 'UQPAY is unavailable; retry shortly.');
    }
    if (original instanceof UqpayAuthError) {
      logger.error({ route: original.route, status: original.status }, 'UQPAY refused the gateway credentials');
      return fail('UPSTREAM_AUTH', 'The gateway could not authenticate with UQPAY.');
    }
    if (original instanceof UqpayError && original.type === 'account_error') {
      return fail('ACCOUNT_NOT_FOUND', 'The acting account does not exist or is not active.');
    }
    if (original instanceof UqpayError && original.status >= 400 && original.status < 500 && original.status !== 429) {
      return fail('UPSTREAM_REJECTED', `UQPAY rejected the request: ${original.message}`, {
        upstreamCode: original.code,
      });
    }
    logger.error({ err: original, path: graphqlError?.path }, 'unexpected error');
    return fail('INTERNAL_SERVER_ERROR', message);
  };
}
