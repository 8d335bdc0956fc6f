// The request body size limit, checked on `content-length` in front of yoga (node:http level) instead of
// yoga's `maxRequestBodySize`, which pipes every body through a TransformStream (~8% of a request's CPU).
// A body over the limit gets 413 before a byte of it is read; a body without a declared length (chunked
// transfer-encoding) gets 411, so every body that reaches yoga has a length we already checked.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { createGraphQLError } from 'graphql-yoga';

const TOO_LARGE = { message: 'Request body too large', code: 'REQUEST_ENTITY_TOO_LARGE' } as const;
const LENGTH_REQUIRED = { message: 'Content-Length header is required.', code: 'LENGTH_REQUIRED' } as const;

function refuse(req: IncomingMessage, res: ServerResponse, status: number, error: { message: string; code: string }): void {
  // The same shape yoga answers with (GraphQL-over-HTTP: an `errors` list with an extensions code).
  const accept = req.headers.accept ?? '';
  const type = accept.includes('application/graphql-response+json') && !accept.includes('application/json')
    ? 'application/graphql-response+json; charset=utf-8'
    : 'application/json; charset=utf-8';
  const body = JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] });
  // Close rather than read (and discard) a body we refused: it may be many megabytes.
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

/**
 * For `path` (the GraphQL endpoint): refuses a body over `limit` bytes (413) or without a content-length
 * (411) and returns true; otherwise returns false and the request goes on to yoga. Node's HTTP parser has
 * already refused malformed or conflicting content-length headers (400).
 */
export function createBodySizeGuard(limit: number, path: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const method = req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
    const url = req.url ?? '';
    if (url !== path && !(url.startsWith(path) && (url[path.length] === '?' || url[path.length] === '/'))) return false;
    const declared = req.headers['content-length'];
    if (declared === undefined) {
      // No length and no transfer-encoding: no body at all (yoga answers that one).
      if (req.headers['transfer-encoding'] === undefined) return false;
      refuse(req, res, 411, LENGTH_REQUIRED);
      return true;
    }
    if (Number(declared) > limit) {
      refuse(req, res, 413, TOO_LARGE);
      return true;
    }
    return false;
  };
}

/**
 * The same content-length check inside yoga, for in-process use (`yoga.fetch`) where the node:http guard is
 * not in front. One header read per request; no stream wrapping.
 */
export function useDeclaredBodySize(limit: number): Plugin {
  return {
    onRequestParse({ request }) {
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > limit) {
        throw createGraphQLError(TOO_LARGE.message, { extensions: { code: TOO_LARGE.code, http: { status: 413 } } });
      }
    },
  };
}
