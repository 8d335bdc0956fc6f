// Answers the edge gives itself, before yoga: the GraphQL-over-HTTP error shape (an `errors` list with an
// extensions code), and the connection closed whenever a body is still on the wire (it may be megabytes).
import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { TOP_LEVEL_CODES, type TopLevelCode, type TopLevelCodeInfo } from '../errors/codes';
import { statusOf } from '../errors/graphql';
import { SECURITY_HEADERS } from './headers';

export interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: OutgoingHttpHeaders;
  /** A body in the route's own shape (the webhook route answers `{"error": …}` like its receiver). */
  body?: string;
  /** A reason phrase of its own, for clients that show only the status line. */
  statusText?: string;
}

/** A refusal with a code of the catalogue, at the status the catalogue gives it. */
export const refusal = (code: TopLevelCode, message: string): Refusal => {
  const headers = (TOP_LEVEL_CODES[code] as TopLevelCodeInfo).headers;
  return { status: statusOf(code) ?? 400, code, message, ...(headers ? { headers: { ...headers } } : {}) };
};

export const TOO_LARGE = (limit: number): Refusal =>
  refusal('REQUEST_ENTITY_TOO_LARGE', `Request body too large: at most ${limit} bytes.`);
export const NOT_FOUND: Refusal = refusal('NOT_FOUND', 'Not found.');
export const BAD_REQUEST: Refusal = refusal('BAD_REQUEST', 'Malformed request target or Host header.');
/** graphql-sse's single connection mode reserves a stream with `PUT /graphql` (one replica would hold it). */
export const SINGLE_CONNECTION: Refusal = {
  ...refusal(
    'TRANSPORT_NOT_SUPPORTED',
    "graphql-sse's single connection mode (PUT /graphql) is not served: its reserved stream would live on one " +
      "replica. Use distinct connections mode (graphql-sse's default, `singleConnection: false`), or one " +
      'WebSocket for many operations (graphql-transport-ws on /graphql).',
  ),
  statusText: 'Method Not Allowed: graphql-sse single connection mode is not served',
};

export function sendRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  refusal: Refusal,
  closeConnection: boolean,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const accept = req.headers.accept ?? '';
  const graphqlResponse = accept.includes('application/graphql-response+json') && !accept.includes('application/json');
  const type =
    refusal.body === undefined && graphqlResponse
      ? 'application/graphql-response+json; charset=utf-8'
      : 'application/json; charset=utf-8';
  const body =
    refusal.body ?? JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
  res.writeHead(refusal.status, refusal.statusText ?? STATUS_CODES[refusal.status] ?? '', {
    ...refusal.headers,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...(closeConnection ? { connection: 'close' } : {}),
  });
  res.end(body);
  // Node would otherwise go on reading (and discarding) the rest of the body to reuse the connection.
  if (closeConnection) res.once('finish', () => req.socket.destroySoon());
}

/**
 * The same answer to an upgrade request (a WebSocket handshake), written on its socket since there is no
 * ServerResponse; the socket is closed after it.
 */
export function writeUpgradeRefusal(socket: Duplex, refusal: Refusal): void {
  const body =
    refusal.body ?? JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    ...(refusal.headers as Record<string, string> | undefined),
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n${head.join('\r\n')}\r\n\r\n${body}`);
}
