// Raw HTTP over net sockets for the edge tests: request lines node's http client would never send (absolute-form,
// `//graphql`, fragments), chunked bodies of any size, idle and trickling connections.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Everything the server sent. */
  text: string;
  /** The server closed the connection (FIN or reset) before the client gave up. */
  closed: boolean;
  /** The client gave up waiting (`timeoutMs`). */
  timedOut: boolean;
}

export function parseResponse(text: string): Pick<RawResponse, 'status' | 'headers' | 'body'> {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: '' };
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = text.slice(end + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let out = '';
    let rest = body;
    for (;;) {
      const nl = rest.indexOf('\r\n');
      if (nl < 0) break;
      const size = parseInt(rest.slice(0, nl), 16);
      if (!size) break;
      out += rest.slice(nl + 2, nl + 2 + size);
      rest = rest.slice(nl + 2 + size + 2);
    }
    body = out;
  }
  return { status: Number(statusLine?.split(' ')[1] ?? 0), headers, body };
}

export interface RawOptions {
  timeoutMs?: number;
  /** Return as soon as a whole response head and its content-length body arrived (keep-alive responses). */
  untilResponse?: boolean;
}

/** Writes `head` (and optional body parts), collects whatever comes back until close or timeout. */
export function raw(port: number, head: string, opts: RawOptions = {}): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let text = '';
    let done = false;
    const finish = (closed: boolean, timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseResponse(text), text, closed, timedOut });
    };
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (opts.untilResponse) {
        const p = parseResponse(text);
        const length = Number(p.headers['content-length'] ?? NaN);
        if (p.status && Number.isFinite(length) && Buffer.byteLength(p.body, 'latin1') >= length) finish(false, false);
      }
    });
    socket.on('error', () => finish(true, false));
    socket.on('close', () => finish(true, false));
    const timer = setTimeout(() => finish(false, true), opts.timeoutMs ?? 3_000);
  });
}

export interface FloodResult extends RawResponse {
  /** Body bytes the client managed to hand to its socket before the server answered or closed. */
  bytesWritten: number;
}

/**
 * Streams a chunked body of up to `totalBytes` (in `chunkBytes` chunks, one reused buffer: the client allocates
 * nothing) while reading the answer; stops writing once the server answered or closed.
 */
export function chunkedFlood(
  port: number,
  head: string,
  totalBytes: number,
  opts: { chunkBytes?: number; timeoutMs?: number } = {},
): Promise<FloodResult> {
  const chunkBytes = opts.chunkBytes ?? 64 * 1024;
  const chunk = Buffer.concat([
    Buffer.from(`${chunkBytes.toString(16)}\r\n`),
    Buffer.alloc(chunkBytes, 'a'),
    Buffer.from('\r\n'),
  ]);
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let text = '';
    let written = 0;
    let done = false;
    let answered = false;
    const finish = (closed: boolean, timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseResponse(text), text, closed, timedOut, bytesWritten: written });
    };
    const pump = () => {
      while (!answered && !done && written < totalBytes) {
        written += chunkBytes;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      if (!answered && !done && written >= totalBytes) socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (text.includes('\r\n\r\n')) answered = true;
    });
    socket.on('error', () => finish(true, false));
    socket.on('close', () => finish(true, false));
    const timer = setTimeout(() => finish(false, true), opts.timeoutMs ?? 10_000);
  });
}

/** A request head with CRLFs; `lines` are header lines. */
export const head = (requestLine: string, lines: string[]): string => `${requestLine}\r\n${lines.join('\r\n')}\r\n\r\n`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
