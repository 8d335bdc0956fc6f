// Graceful shutdown: stop accepting, let in-flight requests finish (up to a grace period), then close the
// remaining connections (subscription streams, stragglers) and release pools and Redis.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from './logger';

export interface Closer {
  name: string;
  close(): unknown;
}

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** Longest wait for in-flight requests before their connections are cut. */
  graceMs: number;
  /** Released in order once the server stopped: the yoga instance, the datasource's pools, Redis clients. */
  closers?: readonly Closer[];
  /**
   * Long-lived connections the HTTP server no longer tracks (upgraded WebSockets): closed when the in-flight
   * requests are done, with the remaining connections, so that the server can stop.
   */
  closeStreams?: () => Promise<void>;
}

export interface Shutdown {
  /** True from the first shutdown call: /ready answers 503. */
  draining(): boolean;
  /** Ordinary requests being served (event streams excluded: they never finish on their own). */
  inFlight(): number;
  /** Idempotent: every call returns the same promise. */
  shutdown(reason: string): Promise<void>;
}

const isStream = (req: IncomingMessage) => (req.headers.accept ?? '').includes('text/event-stream');

export function createShutdown(opts: ShutdownOptions): Shutdown {
  const { server, logger } = opts;
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let done: Promise<void> | undefined;

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.setHeader('connection', 'close');
    if (isStream(req)) return;
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
  });

  async function run(reason: string): Promise<void> {
    draining = true;
    const started = Date.now();
    logger.info({ reason, inFlight }, 'shutting down: no new connections, draining in-flight requests');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        new Promise<boolean>((resolve) => (idle = () => resolve(true))),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), opts.graceMs))),
      ]);
      clearTimeout(timer);
      if (!drained) logger.warn({ inFlight, graceMs: opts.graceMs }, 'grace period over: cutting remaining requests');
    }
    await opts.closeStreams?.().catch((err: unknown) => {
      logger.warn({ err: (err as Error).message }, 'error while closing streams');
    });
    server.closeAllConnections();
    await closed;
    for (const c of opts.closers ?? []) {
      try {
        await c.close();
      } catch (err) {
        logger.warn({ closer: c.name, err: (err as Error).message }, 'error while closing');
      }
    }
    logger.info({ reason, durationMs: Date.now() - started }, 'shutdown complete');
  }

  return {
    draining: () => draining,
    inFlight: () => inFlight,
    shutdown(reason) {
      done ??= run(reason);
      return done;
    },
  };
}
