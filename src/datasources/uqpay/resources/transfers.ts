// Transfers between the master account and sub-accounts. UQPAY has no list endpoint for them.
import { normaliseAmounts } from '../transport/amounts';
import { seg, type Caller, type WriteOptions } from './caller';
import { amountSpec } from '../transport/wire-json';
import type { RequestScope } from '../transport/pipeline';
import type { CreateTransferBody, Transfer } from './types';

export const TRANSFER_ROUTES = {
  create: 'POST /v1/issuing/transfers',
  retrieve: 'GET /v1/issuing/transfers/{id}',
} as const;

const TRANSFER_AMOUNTS = ['amount', 'fee_amount'] as const;
export const normaliseTransfer = (t: unknown): void => void normaliseAmounts(t, TRANSFER_AMOUNTS);

// The amount goes out as a JSON number (Go issuing/transfers.go CreateTransferRequest.Amount float64).
const CREATE_WIRE = { amounts: amountSpec(['amount']) };

export interface TransfersApi {
  create(scope: RequestScope, body: CreateTransferBody, opts?: WriteOptions): Promise<{ transfer_id: string }>;
  retrieve(scope: RequestScope, transferId: string): Promise<Transfer>;
}

export function transfersApi(c: Caller): TransfersApi {
  return {
    create: (scope, body, opts) =>
      c.post(scope, TRANSFER_ROUTES.create, '/v1/issuing/transfers', body, opts, undefined, CREATE_WIRE),
    retrieve: (scope, id) =>
      c.get(scope, TRANSFER_ROUTES.retrieve, `/v1/issuing/transfers/${seg(id)}`, normaliseTransfer),
  };
}
