// The request body size limit for in-process use (`yoga.fetch`), where the HTTP edge is not in front: a body
// declaring more than the limit gets 413 before it is read. Over HTTP the edge (src/edge) bounds every body on
// every path first, chunked ones while they stream. One header read per request; no stream wrapping (yoga's own
// limiter pipes every body through a TransformStream, ~8% of a request's CPU).
import type { Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors/graphql';

export function useDeclaredBodySize(limit: number): Plugin {
  return {
    onRequestParse({ request }) {
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > limit) {
        throw gatewayError('REQUEST_ENTITY_TOO_LARGE', 'Request body too large');
      }
    },
  };
}
