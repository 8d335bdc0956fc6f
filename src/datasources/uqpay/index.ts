// Public surface of the UQPAY datasource.
export type { RequestScope, UqpayApi, WriteOptions } from './api';
export type * from './types';
export { createUqpayClient, TOKEN_ROUTE, type UqpayClient, type UqpayClientOptions, type UqpayObserver } from './client';
export { createUqpayApi } from './create-api';
export {
  UqpayError, UqpayAuthError, UpstreamOutcomeUnknownError, UpstreamUnavailableError, isNotFound, isRequestProcessing,
  isTokenExpired, parseUqpayError,
  type UnavailableReason, type UqpayErrorType,
} from './errors';
export { AmountFormatError, toDecimal } from './amounts';
export { createLoaders, primeCardholders, primeCards, type LoaderOptions, type Loaders, type UqpayLoaders } from './loaders';
export { fetchAll, fetchWindow, planWindow, MAX_PAGE_SIZE, MIN_PAGE_SIZE, type PageRequest } from './paging';
export type {
  Attempt, AttemptHandler, AttemptMiddleware, CallHandler, CallMiddleware, RawResponse, UqpayCall,
} from './pipeline';
export type { RetryReason } from './retry';
export { MasterAccountUnknownError, type TokenRefreshReason } from './token';
export {
  UpstreamBudgetExhaustedError, defaultRateLimitPerMin, type BudgetRejectReason,
} from './budget';
export { createUpstreamEconomy, type UpstreamEconomy, type EconomyObserver } from './economy';
