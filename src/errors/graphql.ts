// The one way the gateway builds a top-level GraphQL error: a code from the catalogue (./codes.ts), which also
// decides the HTTP status. Built with graphql-yoga's createGraphQLError, so the error is the class yoga checks
// for whichever copy of graphql (ESM or CJS) a test runner loaded.
import type { ASTNode, GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { TOP_LEVEL_CODES, type TopLevelCode, type TopLevelCodeInfo } from './codes';

export interface GatewayErrorOptions {
  /**
   * `false`: answer the status whatever the Accept header. `true`: a request error GraphQL over HTTP defines (like
   * yoga's parse and validation errors): its status under `application/graphql-response+json`, 200 under
   * `accept: application/json`. Unset: the catalogue's status whatever the Accept header.
   */
  spec?: boolean;
  /** Where in the document or the result the error belongs. */
  nodes?: ASTNode | readonly ASTNode[] | null;
  path?: readonly (string | number)[];
  /** Extensions beside the code (retryAfterMs, idempotencyKey, upstreamCode). */
  extensions?: Record<string, unknown>;
}

/** The HTTP status the catalogue gives `code`; undefined when the error rides in a GraphQL result. */
export function statusOf(code: TopLevelCode): number | undefined {
  return (TOP_LEVEL_CODES[code] as TopLevelCodeInfo).status;
}

/** A top-level error with `extensions.code` and, when the code has them, its HTTP status and headers. */
export function gatewayError(code: TopLevelCode, message: string, opts: GatewayErrorOptions = {}): GraphQLError {
  const info: TopLevelCodeInfo = TOP_LEVEL_CODES[code];
  const extensions: Record<string, unknown> = { code };
  if (info.status !== undefined) {
    const http: Record<string, unknown> = { status: info.status };
    if (info.headers) http.headers = { ...info.headers };
    if (opts.spec !== undefined) http.spec = opts.spec;
    extensions.http = http;
  }
  Object.assign(extensions, opts.extensions);
  return createGraphQLError(message, { nodes: opts.nodes, path: opts.path, extensions });
}

/** A refusal of bad client input (400 BAD_USER_INPUT): a malformed argument, id, cursor or header. */
export function badUserInput(message: string): GraphQLError {
  return gatewayError('BAD_USER_INPUT', message);
}

/**
 * A scalar's refusal of a value, without a code of its own: graphql-js wraps it into the validation or variable
 * error that names the argument (GRAPHQL_VALIDATION_FAILED, or a variable's error).
 */
export function valueError(message: string, nodes?: ASTNode): GraphQLError {
  return createGraphQLError(message, nodes ? { nodes } : undefined);
}

/** The same error with another message and extensions: everything else (locations, path, cause) kept. */
export function rewriteError(
  error: GraphQLError,
  message: string,
  extensions: Record<string, unknown> | undefined,
): GraphQLError {
  // A copy: execution errors can be frozen, and cached validation errors are shared between requests.
  return createGraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions,
  });
}

/** Name check, not instanceof: test runners can load graphql twice (ESM and CJS). */
export const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError';
