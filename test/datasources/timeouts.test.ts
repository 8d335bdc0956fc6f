// A hung upstream cannot hold a call: connect, headers and body timeouts end single exchanges, and the call's
// overall deadline (or the caller's signal) ends the whole call, retries included. Real sockets throughout.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { UpstreamUnavailableError } from '../../src/datasources/uqpay';
import { client, fakeUpstream } from './helpers';

const hang = () => undefined; // never answer

// No wall-clock assertions: the error's `reason` names the mechanism that ended the call, and every other
// limit in each test is set well beyond the one under test, so only that mechanism can end the call.
async function expectUnavailable(p: Promise<unknown>, reason: string) {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UpstreamUnavailableError);
  expect(err).toMatchObject({ reason });
  return err as UpstreamUnavailableError;
}

describe('hung upstream', () => {
  it('headers timeout ends each attempt; GETs retry within budget', async () => {
    const up = await fakeUpstream(hang);
    const c = client(up.baseUrl, { headersTimeoutMs: 150, maxRetries: 1 });
    try {
      await expectUnavailable(c.api.cards.retrieve({}, 'c'), 'headers_timeout');
      expect(up.seen.filter((s) => s.url.includes('/cards/'))).toHaveLength(2);
    } finally {
      await c.close();
      await up.close();
    }
  });

  it('body timeout ends a response that stalls mid-body', async () => {
    const up = await fakeUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"card_id":');
    });
    const c = client(up.baseUrl, { bodyTimeoutMs: 150, maxRetries: 0 });
    try {
      await expectUnavailable(c.api.cards.retrieve({}, 'c'), 'body_timeout');
    } finally {
      await c.close();
      await up.close();
    }
  });

  it('connect timeout ends a handshake that never completes (TLS to a silent socket)', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => void sockets.push(s)); // accepts TCP, never speaks TLS
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    const c = client(`https://127.0.0.1:${port}/api`, { connectTimeoutMs: 150, maxRetries: 0 });
    try {
      const err = await expectUnavailable(c.api.cards.retrieve({}, 'c'), 'connect_timeout');
      expect(err.route).toBe('POST /v1/connect/token');
    } finally {
      await c.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('the overall deadline ends a hung call even when socket timeouts are generous', async () => {
    const up = await fakeUpstream(hang);
    const c = client(up.baseUrl, { headersTimeoutMs: 20_000, bodyTimeoutMs: 20_000 });
    try {
      await c.ready();
      await expectUnavailable(c.api.cards.retrieve({ deadline: Date.now() + 300 }, 'c'), 'deadline');
      // the default deadline (config.requestDeadlineMs) applies without a scope deadline
      const d = client(up.baseUrl, { headersTimeoutMs: 20_000, requestDeadlineMs: 250 });
      await expectUnavailable(d.api.cards.retrieve({}, 'c'), 'deadline');
      await d.close();
    } finally {
      await c.close();
      await up.close();
    }
  });

  it("the caller's signal aborts the call", async () => {
    const up = await fakeUpstream(hang);
    const c = client(up.baseUrl, { headersTimeoutMs: 20_000 });
    try {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      await expectUnavailable(c.api.cards.retrieve({ signal: ac.signal }, 'c'), 'aborted');
    } finally {
      await c.close();
      await up.close();
    }
  });

  it('a refused connection is "network", retried, then unavailable', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r)); // nothing listens there now
    const retries: string[] = [];
    const c = client(
      `http://127.0.0.1:${port}/api`,
      { maxRetries: 2 },
      { observer: { onRetry: (e) => void retries.push(e.reason) } },
    );
    try {
      await expectUnavailable(c.ready(), 'network');
      expect(retries).toEqual(['network', 'network']);
    } finally {
      await c.close();
    }
  });
});
