// Public surface of the UQPAY datasource: what the rest of the gateway imports. Inside, three layers with arrows
// only downward: transport/ (the wire: HTTP pool, call pipeline, retries, deadline, circuit, tokens, errors,
// amounts), resources/ (the typed API, one file per resource, loaders, paging) and economy/ (budget, coalescing,
// read cache: middleware for the pipeline); client.ts composes them.
export { createUqpayClient, type UqpayClient } from './client';
export type { RequestScope, UqpayApi, WriteOptions } from './resources/api';
export type * from './resources/types';
export * from './resources/enums';
export { createUqpayApi } from './resources/create-api';
export {
  createLoaders,
  primeCardholders,
  primeCards,
  type LoaderOptions,
  type Loaders,
  type UqpayLoaders,
} from './resources/loaders';
export { fetchAll, fetchWindow, planWindow, MAX_PAGE_SIZE, MIN_PAGE_SIZE, type PageRequest } from './resources/paging';
export type { UqpayClientOptions, UqpayObserver } from './transport/client';
export {
  UqpayError,
  UqpayAuthError,
  UpstreamOutcomeUnknownError,
  UpstreamUnavailableError,
  isNotFound,
  isRequestProcessing,
  isTokenExpired,
  parseUqpayError,
  type UnavailableReason,
  type UqpayErrorType,
} from './transport/errors';
export { AmountFormatError, toDecimal } from './transport/amounts';
export type {
  Attempt,
  AttemptHandler,
  AttemptMiddleware,
  CallHandler,
  CallMiddleware,
  RawResponse,
  UqpayCall,
} from './transport/pipeline';
export type { RetryReason } from './transport/retry';
export { MasterAccountUnknownError, TOKEN_ROUTE, type Token, type TokenRefreshReason } from './transport/token';
export { UpstreamBudgetExhaustedError, defaultRateLimitPerMin, type BudgetRejectReason } from './economy/budget';
export { createUpstreamEconomy, type UpstreamEconomy, type EconomyObserver } from './economy/economy';
