// Sandbox simulator: card authorisations and reversals (test and demo flows only).
import type { UqpayApi } from './api';
import type { Caller } from './caller';
import { normaliseTransaction } from './transactions';

export const SIMULATION_ROUTES = {
  authorize: 'POST /v1/simulation/issuing/authorization',
  reverse: 'POST /v1/simulation/issuing/reversal',
} as const;

export function simulationApi(c: Caller): UqpayApi['simulation'] {
  const R = SIMULATION_ROUTES;
  return {
    authorize: (scope, body, opts) =>
      c.post(scope, R.authorize, '/v1/simulation/issuing/authorization', body, opts, normaliseTransaction),
    reverse: (scope, body, opts) =>
      c.post(scope, R.reverse, '/v1/simulation/issuing/reversal', body, opts, normaliseTransaction),
  };
}
