// Request bodies are bounded while they stream, on every path and in every transfer encoding: a chunked body
// several times the limit is cut off at the limit (413, connection closed, bytes read bounded, RSS flat), an
// unauthenticated request is refused before its body is read, and odd request targets (absolute-form, `//graphql`,
// dot segments, fragments) are routed like the path they normalise to, never to a stack trace.
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness';
import { accessFiles, allCalls, FRONTEND_KEY } from '../access/helpers';
import { chunkedFlood, head, raw } from './helpers';

const LIMIT = 64 * 1024;
const WEBHOOK_LIMIT = 1024 * 1024;
// What the server may read past a limit before it stops: node's socket reads are 64 KB at a time, and a paused
// request still takes what is already in flight. Reading the whole flood would be megabytes past it.
const SLACK = 256 * 1024;

let h: Harness;
let port: number;
/** The newest server-side connection: each flood below opens one. */
let newest: Socket | undefined;

beforeAll(async () => {
  const { keysFile } = accessFiles();
  h = await startHarness({ env: { GATEWAY_KEYS_FILE: keysFile, GATEWAY_MAX_BODY_BYTES: String(LIMIT) } });
  port = h.gateway.port;
  h.gateway.server.on('connection', (s: Socket) => (newest = s));
});
afterAll(async () => {
  await h?.close();
});

const auth = `authorization: Bearer ${FRONTEND_KEY}`;
const chunkedHead = (target: string, extra: string[] = []) =>
  head(`POST ${target} HTTP/1.1`, [
    'host: 127.0.0.1',
    'content-type: application/json',
    'transfer-encoding: chunked',
    ...extra,
  ]);
/** Bytes the server read from the newest connection (headers included). */
const newestServerBytes = () => newest?.bytesRead ?? Infinity;

const targets = () => [
  '/graphql',
  '//graphql',
  '/./graphql',
  '/x/../graphql',
  '/graphql#a',
  '/graphql/',
  `http://127.0.0.1:${port}/graphql`,
  'http://elsewhere.example/graphql',
];

describe('GraphQL bodies', () => {
  it('cuts a chunked body off at the limit on every spelling of the path (413, closed, bytes bounded)', async () => {
    for (const target of targets()) {
      const r = await chunkedFlood(port, chunkedHead(target, [auth]), 4 * 1024 * 1024);
      const read = newestServerBytes();
      expect({ target, status: r.status, code: r.body.includes('REQUEST_ENTITY_TOO_LARGE') }).toEqual({
        target,
        status: 413,
        code: true,
      });
      expect(r.closed, target).toBe(true);
      expect(read, target).toBeLessThan(LIMIT + SLACK);
      expect(r.bytesWritten, target).toBeLessThan(4 * 1024 * 1024);
    }
    expect(allCalls(await h.stats())).toBe(0);
  });

  it('keeps RSS flat while a 48 MB chunked body is thrown at //graphql', async () => {
    const before = process.memoryUsage().rss;
    const r = await chunkedFlood(port, chunkedHead('//graphql', [auth]), 48 * 1024 * 1024, { timeoutMs: 20_000 });
    const grown = process.memoryUsage().rss - before;
    expect(r.status).toBe(413);
    expect(r.closed).toBe(true);
    expect(newestServerBytes()).toBeLessThan(LIMIT + SLACK);
    expect(grown).toBeLessThan(12 * 1024 * 1024);
  });

  it('refuses a missing or unknown key (401) before reading a byte of the body, on every spelling', async () => {
    for (const target of targets()) {
      for (const key of [undefined, 'Bearer not-a-key']) {
        // The body is announced but never sent: only a gateway that refuses before reading can answer.
        const lines = [
          'host: 127.0.0.1',
          'content-type: application/json',
          'content-length: 60000',
          ...(key ? [`authorization: ${key}`] : []),
        ];
        const r = await raw(port, head(`POST ${target} HTTP/1.1`, lines), { timeoutMs: 2_000 });
        expect({ target, key, status: r.status }).toEqual({ target, key, status: 401 });
        expect(r.body).toContain('UNAUTHENTICATED');
        expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
        const chunked = await raw(port, chunkedHead(target, key ? [`authorization: ${key}`] : []), {
          timeoutMs: 2_000,
        });
        expect({ target, key, chunked: chunked.status }).toEqual({ target, key, chunked: 401 });
      }
    }
  });

  it('accepts a chunked body within the limit, on the canonical path and on the others', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    for (const target of targets()) {
      const r = await raw(
        port,
        chunkedHead(target, [auth, 'connection: close']) + `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
      );
      expect({ target, status: r.status, body: r.body }).toEqual({
        target,
        status: 200,
        body: '{"data":{"__typename":"Query"}}',
      });
    }
  });

  it('answers an absolute-form request line like its path, never 500 with a stack trace', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    for (const hostHeader of ['127.0.0.1', `127.0.0.1:${port}`, 'other.example:81']) {
      const lines = [
        `host: ${hostHeader}`,
        'content-type: application/json',
        `content-length: ${body.length}`,
        auth,
        'connection: close',
      ];
      const r = await raw(port, head(`POST http://127.0.0.1:${port}/graphql HTTP/1.1`, lines) + body);
      expect({ hostHeader, status: r.status, body: r.body }).toEqual({
        hostHeader,
        status: 200,
        body: '{"data":{"__typename":"Query"}}',
      });
    }
    const bad = await raw(
      port,
      head('POST http://[::1/graphql HTTP/1.1', ['host: 127.0.0.1', 'content-length: 0', 'connection: close']),
    );
    expect(bad.status).toBe(400);
    expect(bad.text).not.toMatch(/\bat .*\(.*:\d+:\d+\)|node_modules/);
  });

  it('refuses a declared body over the limit (413) before reading it', async () => {
    const r = await raw(
      port,
      head('POST //graphql HTTP/1.1', [
        'host: 127.0.0.1',
        'content-type: application/json',
        `content-length: ${LIMIT + 1}`,
        auth,
      ]),
    );
    expect(r.status).toBe(413);
    expect(r.closed).toBe(true);
  });

  it('answers a path nobody serves with 404 without reading its body', async () => {
    const r = await raw(port, head('POST /graphqlx HTTP/1.1', ['host: 127.0.0.1', 'content-length: 50000']), {
      timeoutMs: 2_000,
    });
    expect(r.status).toBe(404);
    expect(r.closed).toBe(true);
  });
});

describe('malformed bodies', () => {
  it('never repeats a malformed body in the 400, nor carries originalError', async () => {
    const secretish = '4096360800133951';
    const big = `{"query": "{ __typename }", "x": ${secretish}, ${'y'.repeat(60_000)}`;
    const res = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${FRONTEND_KEY}` },
      body: big,
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text.length).toBeLessThan(1_000);
    expect(text).not.toContain('originalError');
    expect(text).not.toContain(secretish);
    expect(text).not.toContain('yyyyyyyy');
  });
});

describe('webhook bodies', () => {
  it('cuts a chunked webhook body off at its own limit while streaming', async () => {
    for (const target of ['/webhooks/uqpay', '//webhooks/uqpay', '/webhooks/./uqpay']) {
      const r = await chunkedFlood(
        port,
        chunkedHead(target, ['x-wk-timestamp: 1', 'x-wk-signature: 00']),
        8 * 1024 * 1024,
      );
      expect({ target, status: r.status }).toEqual({ target, status: 413 });
      expect(r.closed).toBe(true);
      expect(newestServerBytes()).toBeLessThan(WEBHOOK_LIMIT + SLACK);
    }
  });

  it('refuses a declared webhook body over its limit before reading it', async () => {
    const r = await raw(
      port,
      head('POST /webhooks/uqpay HTTP/1.1', [
        'host: 127.0.0.1',
        'content-type: application/json',
        `content-length: ${WEBHOOK_LIMIT + 1}`,
      ]),
    );
    expect(r.status).toBe(413);
  });
});
