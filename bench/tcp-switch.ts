// A TCP forwarder between the gateway and the emulator that can take the upstream away: `refuse` stops
// listening (connection refused), `reset` accepts and destroys, `blackhole` accepts and never answers. It counts
// the connections it sees while down, which proves an open circuit without timing anything.
import { connect, createServer, type Server, type Socket } from 'node:net';

export type SwitchMode = 'up' | 'refuse' | 'reset' | 'blackhole';

export interface TcpSwitch {
  port: number;
  url: string;
  mode(): SwitchMode;
  set(mode: SwitchMode): Promise<void>;
  /** Connections accepted while in `reset` or `blackhole` mode. */
  downConnections(): number;
  close(): Promise<void>;
}

export async function startTcpSwitch(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpSwitch> {
  let mode: SwitchMode = 'up';
  let downConnections = 0;
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const onConnection = (client: Socket) => {
    track(client);
    if (mode === 'reset') {
      downConnections++;
      client.resetAndDestroy();
      return;
    }
    if (mode === 'blackhole') {
      downConnections++;
      client.resume();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    track(upstream);
    client.pipe(upstream).pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  };

  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((res, rej) => {
      server.once('error', rej);
      server.listen(port, '127.0.0.1', () => {
        const addr = server.address();
        res(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  const port = await listen(0);
  const closeListener = () => new Promise<void>((res) => server.close(() => res()));

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    mode: () => mode,
    async set(next) {
      if (next === mode) return;
      const wasListening = mode !== 'refuse';
      mode = next;
      // Taking the upstream away also kills the keep-alive connections the gateway holds.
      if (next !== 'up') for (const s of sockets) s.destroy();
      if (next === 'refuse' && wasListening) await closeListener();
      if (next !== 'refuse' && !wasListening) {
        server = createServer(onConnection);
        await listen(port);
      }
    },
    downConnections: () => downConnections,
    async close() {
      for (const s of sockets) s.destroy();
      if (mode !== 'refuse') await closeListener();
    },
  };
}
