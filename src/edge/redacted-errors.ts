// One redaction where errors are formatted for the client. Every result passes here before it is serialised:
// request errors (bad JSON), parse, validation and variable errors (which quote the input: a whole
// AssignCardInput with its card number, 95 KB of a bad UUID), and execution errors. Messages keep their meaning
// with card numbers masked and long quotes shortened (`redactErrorMessage`), and `originalError` never leaves:
// yoga puts the JSON parser's message there, with a snippet of the body.
import type { ExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { rewriteError } from '../errors/graphql';
import { redactErrorMessage } from '../redact';

type Extensions = Record<string, unknown> & { originalError?: unknown; http?: Record<string, unknown> };

/** The error as it may leave, or the same object when nothing in it needs changing. */
export function redactError(error: GraphQLError): GraphQLError {
  const message = redactErrorMessage(error.message);
  const extensions = error.extensions as Extensions | undefined;
  const leaks = extensions !== undefined && 'originalError' in extensions;
  if (message === error.message && !leaks) return error;
  let safe: Extensions | undefined = extensions;
  if (leaks) {
    const { originalError: _dropped, ...rest } = extensions;
    // Yoga answered an error carrying originalError with its HTTP status even under `accept: application/json`;
    // keep that status (400 for bad JSON) now the extension is gone.
    safe = rest.http ? { ...rest, http: { ...rest.http, spec: false } } : rest;
  }
  return rewriteError(error, message, safe);
}

/**
 * An error as a stream writes it (a WebSocket message, a multipart part): redacted, and without the HTTP details
 * yoga keeps in `extensions.http` (a response's status and headers, not the client's business in a stream).
 */
export function formatError(error: GraphQLError): GraphQLFormattedError {
  const json: GraphQLFormattedError = redactError(error).toJSON();
  if (json.extensions && 'http' in json.extensions) {
    const { http: _http, ...rest } = json.extensions;
    return { ...json, extensions: Object.keys(rest).length > 0 ? rest : undefined };
  }
  return json;
}

function redactResult(result: ExecutionResult): ExecutionResult {
  if (!result?.errors?.length) return result;
  let changed = false;
  const errors = result.errors.map((e) => {
    const safe = redactError(e);
    changed ||= safe !== e;
    return safe;
  });
  return changed ? { ...result, errors } : result;
}

export function useRedactedErrors(): Plugin {
  return {
    onResultProcess(payload) {
      const { result } = payload;
      // Streams (subscriptions) carry execution errors only, which maskError already wrote.
      if (Array.isArray(result)) {
        const safe = (result as ExecutionResult[]).map(redactResult);
        if (safe.some((r, i) => r !== result[i])) payload.setResult(safe);
      } else if (result && !(Symbol.asyncIterator in (result as object))) {
        const safe = redactResult(result as ExecutionResult);
        if (safe !== result) payload.setResult(safe);
      }
    },
  };
}
