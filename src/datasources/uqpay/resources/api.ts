// The typed surface of UQPAY's Card Issuance API that resolvers use. Implemented by `createUqpayApi` (transport/
// does the wire, tokens, retries; this file is the shape). Every method takes the request's scope, so the
// on-behalf-of account, request id and deadline reach every upstream call.
import type {
  AssignCardBody, Balance, Card, CardCreateResult, CardDetailsToken, CardOrder, Cardholder, CardholderResult,
  CardStatusBody,
  CardStatusResult, ConnectedAccount, CreateCardBody, CreateCardholderBody, CreateTransferBody, LedgerEntry,
  ListCardholdersQuery, ListCardsQuery, ListTransactionsQuery, Page, PageQuery, Product, SimulateAuthorizationBody,
  Transaction, Transfer, UpdateCardBody, UpdateCardholderBody,
} from './types';
import type { RequestScope } from '../transport/pipeline';

export type { RequestScope };

/** Options for POSTs: the caller's idempotency key, or one generated once per logical call. */
export interface WriteOptions {
  idempotencyKey?: string;
}

export interface UqpayApi {
  /** The master account id, read from the token's JWT payload (`entity_id`, else `account_id`). */
  masterAccountId(scope?: RequestScope): Promise<string>;
  cardholders: {
    create(scope: RequestScope, body: CreateCardholderBody, opts?: WriteOptions): Promise<CardholderResult>;
    retrieve(scope: RequestScope, cardholderId: string): Promise<Cardholder>;
    list(scope: RequestScope, query?: ListCardholdersQuery): Promise<Page<Cardholder>>;
    update(scope: RequestScope, cardholderId: string, body: UpdateCardholderBody, opts?: WriteOptions): Promise<CardholderResult>;
  };
  cards: {
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
  };
  products: {
    list(scope: RequestScope, query?: PageQuery): Promise<Page<Product>>;
  };
  balances: {
    list(scope: RequestScope, query?: PageQuery): Promise<Page<Balance>>;
    retrieve(scope: RequestScope, currency: string, opts?: WriteOptions): Promise<Balance>;
    ledger(scope: RequestScope, query?: PageQuery & { currency?: string }): Promise<Page<LedgerEntry>>;
  };
  transfers: {
    create(scope: RequestScope, body: CreateTransferBody, opts?: WriteOptions): Promise<{ transfer_id: string }>;
    retrieve(scope: RequestScope, transferId: string): Promise<Transfer>;
  };
  transactions: {
    list(scope: RequestScope, query?: ListTransactionsQuery): Promise<Page<Transaction>>;
    retrieve(scope: RequestScope, transactionId: string): Promise<Transaction>;
  };
  /** Connected accounts are master-level: no on-behalf-of header is sent. */
  accounts: {
    list(scope: RequestScope, query?: PageQuery): Promise<Page<ConnectedAccount>>;
    retrieve(scope: RequestScope, accountId: string): Promise<ConnectedAccount>;
  };
  simulation: {
    authorize(scope: RequestScope, body: SimulateAuthorizationBody, opts?: WriteOptions): Promise<Transaction>;
    reverse(scope: RequestScope, body: { transaction_id: string }, opts?: WriteOptions): Promise<Transaction>;
  };
}
