// Cards and card orders. Card reads carry card_limit / available_balance / consumed_amount and spending
// control amounts; orders carry `amount`: all normalised to exact decimal strings. The full PAN only ever
// goes OUT (assign); reads return it masked.
import { normaliseAmountList, normaliseAmounts } from '../transport/amounts';
import { pageOf, qs, seg, type Caller, type WriteOptions } from './caller';
import { amountSpec } from '../transport/wire-json';
import type { RequestScope } from '../transport/pipeline';
import type {
  AssignCardBody,
  Card,
  CardCreateResult,
  CardDetailsToken,
  CardOrder,
  CardStatusBody,
  CardStatusResult,
  CreateCardBody,
  ElevateLimitBody,
  ElevateLimitResult,
  ListCardsQuery,
  Page,
  UpdateCardBody,
} from './types';

const BASE = '/v1/issuing/cards';

export const CARD_ROUTES = {
  create: 'POST /v1/issuing/cards',
  assign: 'POST /v1/issuing/cards/assign',
  retrieve: 'GET /v1/issuing/cards/{id}',
  list: 'GET /v1/issuing/cards',
  update: 'POST /v1/issuing/cards/{id}',
  setStatus: 'POST /v1/issuing/cards/{id}/status',
  recharge: 'POST /v1/issuing/cards/{id}/recharge',
  withdraw: 'POST /v1/issuing/cards/{id}/withdraw',
  order: 'GET /v1/issuing/cards/{card_order_id}/order',
  detailsToken: 'POST /v1/issuing/cards/{id}/token',
  elevateLimit: 'POST /v1/issuing/cards/{id}/elevate_limit',
} as const;

const CARD_AMOUNTS = ['card_limit', 'available_balance', 'consumed_amount'] as const;

// Request amounts go out as JSON numbers (Go issuing/cards.go, Node resources/issuing/types.ts).
const CREATE_WIRE = { amounts: amountSpec(['card_limit', 'spending_controls[].amount']) };
const UPDATE_WIRE = { amounts: amountSpec(['card_limit', 'no_pin_payment_amount', 'spending_controls[].amount']) };
const ORDER_WIRE = { amounts: amountSpec(['amount']) };
const ELEVATE_WIRE = { amounts: amountSpec(['limit_amount']) };
const ORDER_AMOUNTS = ['amount'] as const;

export function normaliseCard(card: unknown): void {
  normaliseAmounts(card, CARD_AMOUNTS);
  normaliseAmountList(card, 'spending_controls');
}

export function normaliseCardOrder(order: unknown): void {
  normaliseAmounts(order, ORDER_AMOUNTS);
}

const normaliseCardPage = pageOf(normaliseCard);

export interface CardsApi {
  create(scope: RequestScope, body: CreateCardBody, opts?: WriteOptions): Promise<CardCreateResult>;
  assign(scope: RequestScope, body: AssignCardBody, opts?: WriteOptions): Promise<CardCreateResult>;
  retrieve(scope: RequestScope, cardId: string): Promise<Card>;
  list(scope: RequestScope, query?: ListCardsQuery): Promise<Page<Card>>;
  update(scope: RequestScope, cardId: string, body: UpdateCardBody, opts?: WriteOptions): Promise<unknown>;
  setStatus(scope: RequestScope, cardId: string, body: CardStatusBody, opts?: WriteOptions): Promise<CardStatusResult>;
  recharge(scope: RequestScope, cardId: string, body: { amount: string }, opts?: WriteOptions): Promise<CardOrder>;
  withdraw(scope: RequestScope, cardId: string, body: { amount: string }, opts?: WriteOptions): Promise<CardOrder>;
  order(scope: RequestScope, cardOrderId: string): Promise<CardOrder>;
  /** A single-use token for UQPAY's card-details iframe. There is deliberately no `/secure` call: PCI data. */
  detailsToken(scope: RequestScope, cardId: string, opts?: WriteOptions): Promise<CardDetailsToken>;
  /** Raises the card's per-transaction limit for a while; UQPAY answers with a card order. */
  elevateLimit(
    scope: RequestScope,
    cardId: string,
    body: ElevateLimitBody,
    opts?: WriteOptions,
  ): Promise<ElevateLimitResult>;
}

export function cardsApi(c: Caller): CardsApi {
  const R = CARD_ROUTES;
  return {
    create: (scope, body, opts) => c.post(scope, R.create, BASE, body, opts, undefined, CREATE_WIRE),
    assign: (scope, body, opts) => c.post(scope, R.assign, `${BASE}/assign`, body, opts),
    retrieve: (scope, id) => c.get(scope, R.retrieve, `${BASE}/${seg(id)}`, normaliseCard),
    list: (scope, query) => c.get(scope, R.list, BASE + qs(query), normaliseCardPage),
    update: (scope, id, body, opts) =>
      c.post(scope, R.update, `${BASE}/${seg(id)}`, body, opts, normaliseCard, UPDATE_WIRE),
    setStatus: (scope, id, body, opts) => c.post(scope, R.setStatus, `${BASE}/${seg(id)}/status`, body, opts),
    recharge: (scope, id, body, opts) =>
      c.post(scope, R.recharge, `${BASE}/${seg(id)}/recharge`, body, opts, normaliseCardOrder, ORDER_WIRE),
    withdraw: (scope, id, body, opts) =>
      c.post(scope, R.withdraw, `${BASE}/${seg(id)}/withdraw`, body, opts, normaliseCardOrder, ORDER_WIRE),
    order: (scope, orderId) => c.get(scope, R.order, `${BASE}/${seg(orderId)}/order`, normaliseCardOrder),
    // An empty body, as UQPAY's SDKs send (Node createPanToken posts {}).
    detailsToken: (scope, id, opts) => c.post(scope, R.detailsToken, `${BASE}/${seg(id)}/token`, {}, opts),
    elevateLimit: (scope, id, body, opts) =>
      c.post(scope, R.elevateLimit, `${BASE}/${seg(id)}/elevate_limit`, body, opts, undefined, ELEVATE_WIRE),
  };
}
