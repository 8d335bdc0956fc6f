// What a UQPAY endpoint is to the emulator: a method, UQPAY's path, how it authenticates and a handler. Route files
// export lists of these; router.ts gives each one the request pipeline (stats, faults, auth, idempotency).
import type { Caller } from './auth';
import type { EmulatorCore } from './core';
import type { AccountStore } from './state';

/** One request, as a handler sees it: auth, the acting account and the body are already settled. */
export interface Call {
  core: EmulatorCore;
  /** the account the request acts for (x-on-behalf-of, else the token's master) */
  store: AccountStore;
  caller: Caller;
  body: unknown;
  query: Record<string, unknown>;
  params: Record<string, string>;
}

export interface RouteDef {
  method: 'GET' | 'POST';
  /** the UPSTREAM pattern, e.g. '/v1/issuing/cards/{id}': it is also the stats key */
  path: string;
  /** 'client' = x-client-id/x-api-key (the token call); default 'token' */
  auth?: 'token' | 'client';
  /** honour x-on-behalf-of; default true (UQPAY ignores it on the token and accounts calls) */
  onBehalf?: boolean;
  /** the answer (JSON), or a UqpayError thrown */
  handler: (call: Call) => unknown;
}
