// The gateway's node:http server with its connection bounds: a headers timeout (a socket that never completes
// its request head is closed: idle sockets no longer live ~83 s), a receive timeout (a body trickled byte by byte
// is cut off with 408), a keep-alive timeout, and a cap on open connections (beyond it node closes new sockets
// at once, so a flood of idle sockets cannot use up the process's file descriptors). Subscription streams are not
// affected: the timeouts cover receiving the request, not the response.
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { GatewayHttpConfig } from '../config';

export const DEFAULT_HTTP: Readonly<Omit<GatewayHttpConfig, 'corsOrigins'>> = Object.freeze({
  headersTimeoutMs: 10_000,
  receiveTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 4_096,
  streamHeartbeatMs: 15_000,
});

export type ServerBounds = Pick<
  GatewayHttpConfig,
  'headersTimeoutMs' | 'receiveTimeoutMs' | 'keepAliveTimeoutMs' | 'maxConnections'
>;

/**
 * How often node looks for connections past their timeouts (its default, 30 s, would let a silent socket live
 * headersTimeout + 30 s): a tenth of the shorter timeout, between 50 ms and 1 s.
 */
export function checkingIntervalMs(bounds: ServerBounds): number {
  return Math.max(50, Math.min(1_000, Math.floor(Math.min(bounds.headersTimeoutMs, bounds.receiveTimeoutMs) / 10)));
}

export function createBoundedServer(listener: RequestListener, bounds: ServerBounds, onDrop?: () => void): Server {
  const server = createServer(
    {
      headersTimeout: bounds.headersTimeoutMs,
      requestTimeout: bounds.receiveTimeoutMs,
      connectionsCheckingInterval: checkingIntervalMs(bounds),
      requireHostHeader: true,
    },
    (req, res) => {
      // A request arrived: the silent-socket timeout below is done (an answer may take longer, a stream forever).
      if (req.socket.timeout) req.socket.setTimeout(0);
      listener(req, res);
    },
  );
  server.keepAliveTimeout = bounds.keepAliveTimeoutMs;
  server.maxConnections = bounds.maxConnections;
  // Node's headers timeout starts with a request's first byte: a socket that never sends one is not covered. An
  // inactivity timeout from accept closes those (node destroys a socket whose timeout nobody handles); it is
  // cleared when a request arrives, and node sets its keep-alive one after each response.
  server.on('connection', (socket: Socket) => socket.setTimeout(bounds.headersTimeoutMs));
  if (onDrop) server.on('drop', onDrop);
  return server;
}

/** The soft limit on open files (Linux), or undefined where it cannot be read. */
export function openFileLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line ? Number(line[1]) : undefined;
  } catch {
    return undefined;
  }
}
