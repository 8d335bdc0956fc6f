// What a browser may do with the gateway. CORS: cross-origin reads only for origins on GATEWAY_CORS_ORIGINS
// (yoga's default reflected any Origin, `null` included, with credentials). CSRF: yoga's CSRF prevention refuses
// requests a page on another site can send without a preflight (form posts, text/plain, simple GETs) unless
// they carry a header no such request can have: CORS alone does not stop those, it only hides the answer.
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { CORSOptions, Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors/graphql';

/** Headers a page can only set after a preflight; any one of them proves the request is not a simple one. */
export const CSRF_HEADERS = [
  'x-graphql-yoga-csrf',
  'graphql-preflight',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'authorization',
] as const;

/** The headers a cross-origin page may send, and the ones it may read back. */
// last-event-id: an EventSource resuming a subscription after its last event (src/events/sse.ts).
const ALLOWED_HEADERS = [
  ...new Set(['content-type', 'accept', 'x-on-behalf-of', 'x-request-id', 'last-event-id', ...CSRF_HEADERS]),
];
const EXPOSED_HEADERS = ['x-request-id', 'www-authenticate'];

/**
 * Yoga's `cors` option for an allow-list: a listed origin gets itself back (credentials allowed, `Vary: Origin`);
 * with `*` every origin does, without credentials; any other origin, and `null` always, gets no CORS headers at
 * all, so the browser keeps the response from the page. Same-origin use (GraphiQL) needs none.
 */
export function corsOptions(allowed: readonly string[]): (request: Request) => CORSOptions {
  const exact = new Set(allowed.filter((o) => o !== '*'));
  const anyOrigin = allowed.includes('*');
  const base = {
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  };
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || origin === 'null') return false;
    // Two entries: whatwg-node then reflects the request's origin and adds `Vary: Origin` (one entry gets no Vary).
    if (exact.has(origin)) return { ...base, origin: [origin, origin], credentials: true };
    // Any origin, never with credentials (whatwg-node reflects the origin for `*`, which is the same to a browser).
    if (anyOrigin) return { ...base, origin: [origin, origin], credentials: false };
    return false;
  };
}

/** yoga's CSRF prevention, with a refusal that says what to send instead. */
export function useCsrfPrevention(): Plugin {
  const check = useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] });
  const refused = () =>
    gatewayError(
      'CSRF_PREVENTED',
      'Cross-site request refused: send `content-type: application/json`, or an `Authorization` or ' +
        '`x-graphql-yoga-csrf` header (requests a page on another site could send without a CORS preflight ' +
        'are refused).',
    );
  return {
    onRequestParse(payload) {
      try {
        return check.onRequestParse?.(payload);
      } catch {
        throw refused();
      }
    },
  };
}
