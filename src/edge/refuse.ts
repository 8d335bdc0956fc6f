// Answers the edge gives itself, before yoga: the GraphQL-over-HTTP error shape (an `errors` list with an
// extensions code), and the connection closed whenever a body is still on the wire (it may be megabytes).
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { TopLevelCode } from '../errors/codes';
import { statusOf } from '../errors/graphql';

export interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: OutgoingHttpHeaders;
  /** A body in the route's own shape (the webhook route answers `{"error": …}` like its receiver). */
  body?: string;
}

/** A refusal with a code of the catalogue, at the status the catalogue gives it. */
const refusal = (code: TopLevelCode, message: string): Refusal => ({ status: statusOf(code) ?? 400, code, message });

export const TOO_LARGE = (limit: number): Refusal =>
  refusal('REQUEST_ENTITY_TOO_LARGE', `Request body too large: at most ${limit} bytes.`);
export const NOT_FOUND: Refusal = refusal('NOT_FOUND', 'Not found.');
export const BAD_REQUEST: Refusal = refusal('BAD_REQUEST', 'Malformed request target or Host header.');

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
  res.writeHead(refusal.status, {
    ...refusal.headers,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...(closeConnection ? { connection: 'close' } : {}),
  });
  res.end(body);
  // Node would otherwise go on reading (and discarding) the rest of the body to reuse the connection.
  if (closeConnection) res.once('finish', () => req.socket.destroySoon());
}
