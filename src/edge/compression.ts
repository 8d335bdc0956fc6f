// Response compression. A client that sends `accept-encoding: br` or `gzip` gets GraphQL results (and /metrics) of
// at least GATEWAY_COMPRESSION_MIN_BYTES compressed; smaller ones cost more CPU to compress than they save on the
// wire. Only whole bodies are compressed: streamed responses (server-sent events, multipart) pass untouched, so
// compression never holds back an event. Every response of a compressible type says `vary: accept-encoding`, so a
// shared cache keeps the encodings apart (GET queries are cacheable).
import { promisify } from 'node:util';
import {
  brotliCompress,
  brotliCompressSync,
  constants,
  gzip,
  gzipSync,
  type BrotliOptions,
  type ZlibOptions,
} from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to answer with: br or gzip, whichever the client ranks higher (br on a tie), none when it accepts
 * neither (`q=0` refuses; `*` stands for any encoding not named).
 */
export function negotiateEncoding(header: string | null | undefined): Encoding | undefined {
  if (!header) return undefined;
  let br: number | undefined;
  let gz: number | undefined;
  let any: number | undefined;
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName!.trim().toLowerCase();
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Math.min(1, Number(m[1]) || 0);
    }
    if (name === 'br') br = q;
    else if (name === 'gzip' || name === 'x-gzip') gz = Math.max(gz ?? 0, q);
    else if (name === '*') any = q;
  }
  const brQ = br ?? any ?? 0;
  const gzQ = gz ?? any ?? 0;
  if (brQ <= 0 && gzQ <= 0) return undefined;
  return brQ >= gzQ ? 'br' : 'gzip';
}

const brotli = promisify<Buffer | string, BrotliOptions, Buffer>(brotliCompress);
const gzipAsync = promisify<Buffer | string, ZlibOptions, Buffer>(gzip);

/**
 * Per-response levels: the fastest ones. On GraphQL JSON they reach within a point or two of the default levels'
 * ratio (a 13 KB result: gzip 1 → 15.5%, gzip 6 → 15.2%; brotli 1 → 15.2%, brotli 4 → 12.7%) for about half the
 * CPU (README, Performance).
 */
export const DYNAMIC = { br: 1, gzip: 1 } as const;
/** Static content compressed once per process (GraphiQL): the best ratio that still takes about a second. */
export const STATIC = { br: 9, gzip: 9 } as const;
/**
 * Up to this size a response is compressed on the event loop: ~15–30 µs for a few KB, where a hop to the thread
 * pool costs ~100 µs more CPU than the compression itself. Above it (~0.3 ms and up) it goes to the thread pool.
 */
export const INLINE_MAX_BYTES = 128 * 1024;

const brotliOptions = (level: number, size: number): BrotliOptions => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: level,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
});

/** Compresses on libuv's thread pool: the event loop (and every other request on it) goes on meanwhile. */
export function compress(body: Buffer, encoding: Encoding, level: number): Promise<Buffer> {
  return encoding === 'gzip' ? gzipAsync(body, { level }) : brotli(body, brotliOptions(level, body.length));
}

/** Compresses a small body in place, on the event loop. */
export function compressInline(body: Buffer, encoding: Encoding, level: number): Buffer {
  return encoding === 'gzip' ? gzipSync(body, { level }) : brotliCompressSync(body, brotliOptions(level, body.length));
}

/** Appends `accept-encoding` to a response's Vary unless it is there (CORS may have set `Vary: Origin`). */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'accept-encoding');
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set('vary', `${vary}, accept-encoding`);
}

// Whole-body types only: JSON results and the Prometheus text format. Not text/event-stream, not multipart/mixed.
const COMPRESSIBLE = /^(?:application\/(?:graphql-response\+)?json|text\/plain)\s*(?:;|$)/i;

/**
 * The body of a response whose body is a string held in memory (what yoga builds for a JSON result, through
 * whatwg-node's fetch ponyfill), without consuming it; undefined for anything else (a stream, another fetch).
 */
function bodyString(response: Response): string | undefined {
  const r = response as Response & { bodyType?: unknown; bodyInit?: unknown };
  return r.bodyType === 'String' && typeof r.bodyInit === 'string' ? r.bodyInit : undefined;
}

export interface CompressionOptions {
  /** Bodies smaller than this (bytes, UTF-8) are sent as they are. */
  minBytes: number;
}

/** Yoga plugin: compresses whole-body responses of at least `minBytes` for clients that accept br or gzip. */
export function useCompression(opts: CompressionOptions): Plugin {
  const { minBytes } = opts;
  return {
    onResponse(payload) {
      const { request, response, fetchAPI } = payload;
      const type = response.headers.get('content-type');
      if (type === null || !COMPRESSIBLE.test(type) || response.headers.has('content-encoding')) return;
      varyOnEncoding(response.headers);
      const encoding = negotiateEncoding(request.headers.get('accept-encoding'));
      if (encoding === undefined) return;
      const text = bodyString(response);
      // A string shorter than minBytes / 3 cannot reach minBytes in UTF-8: no byte count needed.
      if (text !== undefined && (text.length < minBytes / 3 || Buffer.byteLength(text) < minBytes)) return;
      const rebuild = (body: string | Buffer, encoded: boolean) => {
        const headers = new fetchAPI.Headers(response.headers);
        if (encoded) {
          headers.set('content-encoding', encoding);
          headers.set('content-length', String(body.length));
        }
        const init = { status: response.status, statusText: response.statusText, headers };
        payload.setResponse(new fetchAPI.Response(body as BodyInit, init));
      };
      const send = (body: string): Promise<void> | void => {
        const bytes = Buffer.from(body);
        if (bytes.length < minBytes) return text === undefined ? rebuild(body, false) : undefined;
        if (bytes.length <= INLINE_MAX_BYTES) return rebuild(compressInline(bytes, encoding, DYNAMIC[encoding]), true);
        return compress(bytes, encoding, DYNAMIC[encoding]).then((out) => rebuild(out, true));
      };
      // Another fetch implementation (or a body that is not a string): read the whole body, then decide.
      return text === undefined ? response.text().then(send) : send(text);
    },
  };
}
