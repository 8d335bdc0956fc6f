// Connections are bounded: a cap on open connections (the rest are closed at once), a headers timeout that closes
// silent sockets, a receive timeout that cuts off a trickled body, a keep-alive timeout for idle connections. For
// the gateway's server and the emulator's (embedded by `npm start`, or `npm run emulator`). Loopback only.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { startHarness, type Harness } from '../harness';
import { head, raw, sleep } from './helpers';

interface Idle {
  socket: Socket;
  opened: number;
  /** ms from open to close, once closed. */
  lived?: number;
}

/** Opens `n` connections that never send a byte and records when each is closed by the server. */
async function openIdle(port: number, n: number): Promise<Idle[]> {
  const idle = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Idle>((resolve) => {
          const entry: Idle = { socket: connect(port, '127.0.0.1'), opened: Date.now() };
          entry.socket.on('error', () => undefined);
          entry.socket.on('close', () => (entry.lived = Date.now() - entry.opened));
          entry.socket.once('connect', () => resolve(entry));
          entry.socket.once('error', () => resolve(entry));
        }),
    ),
  );
  opened.push(...idle);
  return idle;
}

const closedCount = (idle: Idle[]) => idle.filter((i) => i.lived !== undefined).length;
/** Sockets a failed assertion left open would keep the server from closing. */
const opened: Idle[] = [];
const destroyOpened = () => opened.splice(0).forEach((i) => i.socket.destroy());

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await sleep(25);
  // One more turn of the event loop: close events already due are seen even if the last sleep overran the deadline.
  await new Promise((resolve) => setImmediate(resolve));
}

const health = (port: number) =>
  raw(port, head('GET /health HTTP/1.1', ['host: 127.0.0.1', 'connection: close']), { timeoutMs: 2_000 });

describe('gateway server', () => {
  const CAP = 20;
  const HEADERS_MS = 600;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        GATEWAY_MAX_CONNECTIONS: String(CAP),
        GATEWAY_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
        GATEWAY_RECEIVE_TIMEOUT_MS: '1200',
        GATEWAY_KEEP_ALIVE_TIMEOUT_MS: '300',
      },
    });
  });
  afterAll(async () => {
    destroyOpened();
    await h?.close();
  });

  it('closes connections over the cap at once, silent ones after the headers timeout, then serves again', async () => {
    const idle = await openIdle(h.gateway.port, 300);
    // Everything past the cap is closed straight away, long before any timeout.
    await until(() => closedCount(idle) >= 300 - CAP, HEADERS_MS / 2);
    expect(closedCount(idle)).toBeGreaterThanOrEqual(300 - CAP);
    // While the cap is full, a newcomer is turned away too.
    const turnedAway = await health(h.gateway.port);
    expect(turnedAway.status).toBe(0);
    // The silent ones are closed by the headers timeout (generous margin for a loaded machine: without the
    // bound they would live for minutes).
    await until(() => closedCount(idle) === 300, HEADERS_MS * 10);
    expect(closedCount(idle)).toBe(300);
    const longest = Math.max(...idle.map((i) => i.lived!));
    expect(longest).toBeLessThan(HEADERS_MS * 10);
    const fresh = await health(h.gateway.port);
    expect(fresh.status).toBe(200);
  });

  it('keeps answering a request that takes longer than the headers timeout (slow upstream)', async () => {
    const faults = (body: unknown) =>
      fetch(`${h.emulator.url}/__emulator/faults`, {
        method: body ? 'POST' : 'DELETE',
        headers: { 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
    await faults({ latencyMs: HEADERS_MS * 2 });
    try {
      const r = await h.gql('{ cards(first: 1) { totalCount } }');
      expect(r.status).toBe(200);
      expect(r.data.cards.totalCount).toBeGreaterThan(0);
    } finally {
      await faults(undefined);
    }
  });

  it('cuts off a webhook body trickled slower than the receive timeout', async () => {
    const socket = connect(h.gateway.port, '127.0.0.1');
    socket.on('error', () => undefined);
    let text = '';
    socket.on('data', (d) => (text += d.toString('latin1')));
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    const started = Date.now();
    socket.write(
      head('POST /webhooks/uqpay HTTP/1.1', [
        'host: 127.0.0.1',
        'content-type: application/json',
        'content-length: 5000',
      ]),
    );
    const trickle = setInterval(() => socket.writable && socket.write('{'), 100);
    const at = await Promise.race([closed, sleep(5_000).then(() => 0)]);
    clearInterval(trickle);
    socket.destroy();
    expect(at, 'the trickling connection was still open after 5 s').toBeGreaterThan(0);
    expect(at - started).toBeLessThan(3_500);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
  });

  it('counts open WebSockets against the cap: a WebSocket is a connection too', async () => {
    const sockets = await Promise.all(
      Array.from({ length: CAP }, async () => {
        const ws = new WebSocket(`ws://127.0.0.1:${h.gateway.port}/graphql`, 'graphql-transport-ws');
        ws.on('error', () => undefined);
        await new Promise((resolve) => ws.once('open', resolve).once('close', resolve));
        // Keep it past the connection_init wait: acknowledged connections stay open.
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'connection_init' }));
        return ws;
      }),
    );
    try {
      await until(() => sockets.every((ws) => ws.readyState !== ws.CONNECTING), 2_000);
      expect(sockets.filter((ws) => ws.readyState === ws.OPEN).length).toBe(CAP);
      expect((await health(h.gateway.port)).status).toBe(0);
    } finally {
      sockets.forEach((ws) => ws.terminate());
    }
    let fresh = await health(h.gateway.port);
    for (let i = 0; i < 20 && fresh.status !== 200; i++) fresh = await sleep(50).then(() => health(h.gateway.port));
    expect(fresh.status).toBe(200);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const socket = connect(h.gateway.port, '127.0.0.1');
    socket.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    let answered = 0;
    socket.on('data', () => (answered = answered || Date.now()));
    socket.write(head('GET /health HTTP/1.1', ['host: 127.0.0.1']));
    const at = await Promise.race([closed, sleep(4_000).then(() => 0)]);
    socket.destroy();
    expect(answered).toBeGreaterThan(0);
    expect(at, 'the idle keep-alive connection was still open after 4 s').toBeGreaterThan(0);
    expect(at - answered).toBeLessThan(2_000);
  });
});

describe('emulator server', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({
      port: 0,
      seed: false,
      maxConnections: 10,
      headersTimeoutMs: 500,
      requestTimeoutMs: 1_000,
      keepAliveTimeoutMs: 300,
    });
  });
  afterAll(async () => {
    destroyOpened();
    await emu?.close();
  });

  it('caps connections and closes silent ones after its headers timeout', async () => {
    const port = Number(new URL(emu.url).port);
    const idle = await openIdle(port, 100);
    await until(() => closedCount(idle) >= 90, 250);
    expect(closedCount(idle)).toBeGreaterThanOrEqual(90);
    // Generous margin for a loaded machine (the suite runs two workers on two cores): without the bound they
    // would live for minutes.
    await until(() => closedCount(idle) === 100, 10_000);
    expect(closedCount(idle)).toBe(100);
    const res = await raw(port, head('GET /__emulator/stats HTTP/1.1', ['host: 127.0.0.1', 'connection: close']));
    expect(res.status).toBe(200);
  });
});
