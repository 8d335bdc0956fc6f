// Public surface of the UQPAY datasource.
export type { RequestScope, UqpayApi, WriteOptions } from './resources/api';
export type * from './resources/types';
export { createUqpayClient, TOKEN_ROUTE, type UqpayClient, type UqpayClientOptions, type UqpayObserver } from './transport/client';
export { createUqpayApi } from './resources/create-api';
export {
  UqpayError, UqpayAuthError, UpstreamOutcomeUnknownError, UpstreamUnavailableError, isNotFound, isRequestProcessing,
  isTokenExpired, parseUqpayError,
  type UnavailableReason, type UqpayErrorType,
} from './transport/errors';
export { AmountFormatError, toDecimal } from './transport/amounts';
export { createLoaders, primeCardholders, primeCards, type LoaderOptions, type Loaders, type UqpayLoaders } from './resources/loaders';
export { fetchAll, fetchWindow, planWindow, MAX_PAGE_SIZE, MIN_PAGE_SIZE, type PageRequest } from './resources/paging';
export type {
  Attempt, AttemptHandler, AttemptMiddleware, CallHandler, CallMiddleware, RawResponse, UqpayCall,
} from './transport/pipeline';
export type { RetryReason } from './transport/retry';
export { MasterAccountUnknownError, type TokenRefreshReason } from './transport/token';
export {
  UpstreamBudgetExhaustedError, defaultRateLimitPerMin, type BudgetRejectReason,
} from './economy/budget';
export { createUpstreamEconomy, type UpstreamEconomy, type EconomyObserver } from './economy/economy';
