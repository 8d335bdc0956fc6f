// Sandbox simulator: card authorisations and reversals (test and demo flows only).
import type { Caller, WriteOptions } from './caller';
import { amountSpec } from '../transport/wire-json';
import { normaliseTransaction } from './transactions';
import type { RequestScope } from '../transport/pipeline';
import type { SimulateAuthorizationBody, Transaction } from './types';

export const SIMULATION_ROUTES = {
  authorize: 'POST /v1/simulation/issuing/authorization',
  reverse: 'POST /v1/simulation/issuing/reversal',
} as const;

// transaction_amount goes out as a JSON number (Go simulator/issuing.go AuthorizationRequest float64).
const AUTHORIZE_WIRE = { amounts: amountSpec(['transaction_amount']) };

export interface SimulationApi {
  authorize(scope: RequestScope, body: SimulateAuthorizationBody, opts?: WriteOptions): Promise<Transaction>;
  reverse(scope: RequestScope, body: { transaction_id: string }, opts?: WriteOptions): Promise<Transaction>;
}

export function simulationApi(c: Caller): SimulationApi {
  const R = SIMULATION_ROUTES;
  return {
    authorize: (scope, body, opts) =>
      c.post(
        scope,
        R.authorize,
        '/v1/simulation/issuing/authorization',
        body,
        opts,
        normaliseTransaction,
        AUTHORIZE_WIRE,
      ),
    reverse: (scope, body, opts) =>
      c.post(scope, R.reverse, '/v1/simulation/issuing/reversal', body, opts, normaliseTransaction),
  };
}
