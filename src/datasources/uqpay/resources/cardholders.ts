// Cardholders: create, retrieve, list, update (a POST in UQPAY, not PATCH). No amounts to normalise.
import { qs, seg, type Caller, type WriteOptions } from './caller';
import type { RequestScope } from '../transport/pipeline';
import type {
  Cardholder,
  CardholderResult,
  CreateCardholderBody,
  ListCardholdersQuery,
  Page,
  UpdateCardholderBody,
} from './types';

const BASE = '/v1/issuing/cardholders';

export const CARDHOLDER_ROUTES = {
  create: 'POST /v1/issuing/cardholders',
  retrieve: 'GET /v1/issuing/cardholders/{id}',
  list: 'GET /v1/issuing/cardholders',
  update: 'POST /v1/issuing/cardholders/{id}',
} as const;

export interface CardholdersApi {
  create(scope: RequestScope, body: CreateCardholderBody, opts?: WriteOptions): Promise<CardholderResult>;
  retrieve(scope: RequestScope, cardholderId: string): Promise<Cardholder>;
  list(scope: RequestScope, query?: ListCardholdersQuery): Promise<Page<Cardholder>>;
  update(
    scope: RequestScope,
    cardholderId: string,
    body: UpdateCardholderBody,
    opts?: WriteOptions,
  ): Promise<CardholderResult>;
}

export function cardholdersApi(c: Caller): CardholdersApi {
  const R = CARDHOLDER_ROUTES;
  return {
    create: (scope, body, opts) => c.post(scope, R.create, BASE, body, opts),
    retrieve: (scope, id) => c.get(scope, R.retrieve, `${BASE}/${seg(id)}`),
    list: (scope, query) => c.get(scope, R.list, BASE + qs(query)),
    update: (scope, id, body, opts) => c.post(scope, R.update, `${BASE}/${seg(id)}`, body, opts),
  };
}
