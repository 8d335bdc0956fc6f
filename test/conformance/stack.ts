// Emulator → recording proxy → gateway, all on loopback port 0, for tests that check what the gateway actually
// sends to UQPAY. The emulator runs with its defaults (strict, as UQPAY is) unless a test passes options.
import { loadConfig } from '../../src/config';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import type { GraphQLResponse } from '../harness';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

export interface ConformanceStack {
  emulator: RunningEmulator;
  proxy: RecordingProxy;
  gateway: RunningGateway;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** An `/__emulator` control call (JSON in, JSON out). */
  control(method: string, path: string, body?: unknown): Promise<any>;
  close(): Promise<void>;
}

export async function startConformanceStack(
  opts: { emulator?: EmulatorOptions; env?: Record<string, string> } = {},
): Promise<ConformanceStack> {
  const emulator = await startEmulator({ port: 0, asyncDelayMs: 0, ...opts.emulator });
  const proxy = await startRecordingProxy(emulator.url);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    UQPAY_BASE_URL: proxy.baseUrl,
    UQPAY_CLIENT_ID: emulator.clientId,
    UQPAY_API_KEY: emulator.apiKey,
    UQPAY_WEBHOOK_SECRET: emulator.webhookSecret,
    ...opts.env,
  });
  const gateway = await startGateway(config, { logger: createLogger({ level: 'silent' }) });
  return {
    emulator,
    proxy,
    gateway,
    async gql(query, variables, headers = {}) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { ...((await res.json()) as object), status: res.status };
    },
    async control(method, path, body) {
      const res = await fetch(`${emulator.url}/__emulator${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async close() {
      await gateway.close();
      await proxy.close();
      await emulator.close();
    },
  };
}
