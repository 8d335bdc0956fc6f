// The one bounded body reader. A body with a content-length needs none: node's parser never delivers more than
// the declared length, so comparing the header with the limit bounds it before a byte is read (yoga then streams
// it as usual, no TransformStream limiter per request). A chunked body has no length to compare: it is read
// here, counting, and the moment it passes the limit reading stops and the caller answers 413.
import type { IncomingMessage } from 'node:http';

export type BodyCheck = { kind: 'none' } | { kind: 'declared'; bytes: number } | { kind: 'streamed' };

/** What a request says about its body. Node's parser already refused conflicting or malformed framing (400). */
export function bodyOf(req: IncomingMessage): BodyCheck {
  const te = req.headers['transfer-encoding'];
  if (te !== undefined) return { kind: 'streamed' };
  const declared = req.headers['content-length'];
  if (declared === undefined) return { kind: 'none' };
  const bytes = Number(declared);
  return bytes === 0 ? { kind: 'none' } : { kind: 'declared', bytes };
}

export interface BoundedRead {
  /** The whole body, at most `limit` bytes. */
  onBody(body: Buffer): void;
  /** The body passed `limit`: reading has stopped (the request is paused); answer and close. */
  onTooLarge(): void;
}

/**
 * Reads a streamed body up to `limit` bytes. Past the limit it stops listening and pauses the request, so node
 * stops reading the socket once its small buffer is full: what the server ever reads stays near the limit.
 * If the client goes away mid-body, neither callback fires (the response is closed with it).
 */
export function readBounded(req: IncomingMessage, limit: number, then: BoundedRead): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      stop();
      chunks.length = 0;
      req.pause();
      then.onTooLarge();
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    stop();
    then.onBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
  };
  const stop = () => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', stop);
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', stop);
}
