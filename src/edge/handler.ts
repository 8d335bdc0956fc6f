// The gateway's node:http request listener, in front of yoga. For every request, whatever its path or transfer
// encoding: normalise the target and route on it (unknown paths end here), refuse an unauthenticated GraphQL
// request before reading its body, refuse a declared body over its route's limit, read a chunked body bounded.
// Only then does yoga see the request, with the canonical path. Kept cheap: the common request (a canonical
// path with a content-length) costs a few string checks and header sets.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { GraphQLError } from 'graphql';
import { bodyOf, readBounded } from './body';
import { takesDirectPath, type DirectHandler } from './direct';
import { setSecurityHeaders } from './headers';
import { BAD_REQUEST, NOT_FOUND, sendRefusal, SINGLE_CONNECTION, TOO_LARGE, type Refusal } from './refuse';
import { isValidHost, normaliseTarget } from './target';

export type RouteKind = 'graphql' | 'webhook' | 'operator';

export interface EdgeRoute {
  kind: RouteKind;
  /** Largest body this route takes; 0 = none. */
  maxBodyBytes: number;
  /** The 413's body in the route's own shape; default the GraphQL `errors` shape. */
  tooLargeBody?: string;
}

export interface RefusalEvent {
  method: string;
  /** The canonical path, or the raw target when it could not be normalised. */
  path: string;
  status: number;
  code: string;
}

export interface EdgeHandlerOptions {
  /** Exact canonical paths served; anything else is a 404 here. */
  routes: ReadonlyMap<string, EdgeRoute>;
  /**
   * Throws the GraphQL error a GraphQL request's headers alone earn (missing or unknown key, a partner naming
   * another account), so such a request is refused before its body is read. Absent = nothing to check.
   */
  checkHeaders?: (authorization: string | undefined, onBehalfOf: string | undefined) => void;
  /** yoga's request listener. */
  next: (req: IncomingMessage, res: ServerResponse) => unknown;
  /**
   * yoga for a JSON POST to GraphQL, once the edge has read its body (./direct.ts); absent = every request goes to
   * `next`. It calls `fallback` for a body it leaves to `next`.
   */
  direct?: DirectHandler;
  onRefusal?(event: RefusalEvent): void;
}

/** The refusal a GraphQL error thrown by a check earns: its code, message and HTTP status (400 when it has none). */
export function fromGraphQLError(err: unknown): Refusal {
  const e = err as GraphQLError;
  const http = e.extensions?.http;
  const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'BAD_REQUEST';
  return { status: http?.status ?? 400, code, message: e.message, headers: http?.headers };
}

export function createEdgeHandler(opts: EdgeHandlerOptions): RequestListener {
  const { routes, checkHeaders, next, direct } = opts;
  return (req, res) => {
    setSecurityHeaders(res);
    const raw = req.url ?? '/';
    const body = bodyOf(req);
    const target = normaliseTarget(raw);
    const refuse = (refusal: Refusal, path = target?.path ?? raw) => {
      sendRefusal(req, res, refusal, body.kind !== 'none');
      opts.onRefusal?.({ method: req.method ?? '', path, status: refusal.status, code: refusal.code });
    };
    if (target === undefined || !isValidHost(req.headers.host)) return refuse(BAD_REQUEST);
    const route = routes.get(target.path);
    if (route === undefined) return refuse(NOT_FOUND);
    if (req.method === 'PUT' && route.kind === 'graphql') return refuse(SINGLE_CONNECTION);
    const canonical = target.search ? target.path + target.search : target.path;
    if (canonical !== raw) req.url = canonical;
    if (body.kind === 'none') return void next(req, res);

    if (route.kind === 'graphql' && checkHeaders) {
      try {
        checkHeaders(req.headers.authorization, headerValue(req.headers['x-on-behalf-of']));
      } catch (err) {
        return refuse(fromGraphQLError(err));
      }
    }
    const limit = route.maxBodyBytes;
    const tooLarge = () => refuse({ ...TOO_LARGE(limit), body: route.tooLargeBody });
    if (body.kind === 'declared' && body.bytes > limit) return tooLarge();
    const toYoga = direct && route.kind === 'graphql' && takesDirectPath(req) ? direct : undefined;
    if (body.kind === 'declared' && !toYoga) return void next(req, res);
    if (limit === 0) return tooLarge();
    readBounded(req, limit, {
      onBody(buffer) {
        // whatwg-node (under yoga) takes a body already read from `req.body` instead of the consumed stream.
        const fallback = () => {
          (req as IncomingMessage & { body?: Buffer }).body = buffer;
          void next(req, res);
        };
        if (toYoga) toYoga(req, res, buffer, fallback);
        else fallback();
      },
      onTooLarge: tooLarge,
    });
  };
}

const headerValue = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
