// One harness for every gateway test: boots the UQPAY emulator and the gateway on port 0 and gives a GraphQL
// client over real HTTP plus the emulator's upstream call counters.
import { loadConfig, type GatewayConfig } from '../src/config';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../src/emulator';
import { startGateway, type GatewayDeps, type RunningGateway } from '../src/server';
import { createLogger } from '../src/logger';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  /** HTTP status of the response. */
  status: number;
}

export interface Harness {
  emulator: RunningEmulator;
  gateway: RunningGateway;
  config: GatewayConfig;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** Upstream calls by route since the last reset, e.g. {'GET /v1/issuing/cards/{id}': 2}. */
  stats(): Promise<Record<string, number>>;
  resetStats(): Promise<void>;
  /** Restore the emulator's seeded state. */
  resetEmulator(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  env?: Record<string, string>;
  deps?: GatewayDeps;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  // Short webhook redelivery for tests (the emulator's default is a real sender's minutes-long schedule).
  const emulator = await startEmulator({
    port: 0,
    seed: true,
    asyncDelayMs: 0,
    webhookMaxAttempts: 5,
    webhookBackoffMs: 250,
    ...opts.emulator,
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    UQPAY_BASE_URL: emulator.baseUrl,
    UQPAY_CLIENT_ID: emulator.clientId,
    UQPAY_API_KEY: emulator.apiKey,
    UQPAY_WEBHOOK_SECRET: emulator.webhookSecret,
    ...opts.env,
  });
  const gateway = await startGateway(config, { logger: createLogger({ level: 'silent' }), ...opts.deps });
  const control = (path: string, init?: RequestInit) => fetch(`${emulator.url}/__emulator${path}`, init);

  return {
    emulator,
    gateway,
    config,
    async gql(query, variables, o = {}) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...o.headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GraphQLResponse, 'status'>;
      return { ...body, status: res.status };
    },
    async stats() {
      const body = (await (await control('/stats')).json()) as { requests: Record<string, number> };
      return body.requests;
    },
    async resetStats() {
      await control('/stats/reset', { method: 'POST' });
    },
    async resetEmulator() {
      await control('/reset', { method: 'POST' });
    },
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}

/** Upstream calls excluding the token endpoint (which depends on token lifetime, not on the query). */
export function apiCalls(stats: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(stats).filter(([route]) => !route.includes('/connect/token')));
}

export const totalCalls = (stats: Record<string, number>): number =>
  Object.values(apiCalls(stats)).reduce((a, b) => a + b, 0);
