// The emulator and the gateway as two child processes, optionally with a TCP switch between them (to take the
// upstream away), plus a small GraphQL client for the gateway. Used by the soak, the upstream-down check and
// the fuzz suite.
import { startEmulatorProcess, startGatewayProcess, type EmulatorProcess, type GatewayProcess } from './processes';
import { startTcpSwitch, type TcpSwitch } from './tcp-switch';
import { EmulatorClient } from './upstream';

export interface Stack {
  emulator: EmulatorProcess;
  gateway: GatewayProcess;
  upstream: EmulatorClient;
  tcpSwitch?: TcpSwitch;
  close(): Promise<void>;
}

export async function startStack(
  opts: { gatewayEnv?: Record<string, string>; withSwitch?: boolean; emulatorEnv?: Record<string, string> } = {},
): Promise<Stack> {
  const emulator = await startEmulatorProcess({ env: opts.emulatorEnv });
  let tcpSwitch: TcpSwitch | undefined;
  let gateway: GatewayProcess;
  try {
    tcpSwitch = opts.withSwitch ? await startTcpSwitch(emulator.port) : undefined;
    gateway = await startGatewayProcess({
      upstreamBaseUrl: tcpSwitch ? `${tcpSwitch.url}/api` : emulator.baseUrl,
      env: opts.gatewayEnv,
    });
  } catch (err) {
    await tcpSwitch?.close();
    await emulator.stop();
    throw err;
  }
  return {
    emulator,
    gateway,
    upstream: new EmulatorClient(emulator.url),
    tcpSwitch,
    async close() {
      await gateway.stop();
      await tcpSwitch?.close();
      await emulator.stop();
    },
  };
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  /** undefined when the body was not JSON */
  json?: { data?: T | null; errors?: GraphQLError[] };
  text: string;
}

/** POSTs a GraphQL request body (an object, or a raw string to send malformed bodies) to the gateway. */
export async function postGraphQL<T = Record<string, unknown>>(
  graphqlUrl: string,
  body: unknown,
  opts: { headers?: Record<string, string>; timeoutMs?: number; contentType?: string } = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...opts.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let json: GraphQLResponse<T>['json'];
  try {
    json = JSON.parse(text) as GraphQLResponse<T>['json'];
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}
