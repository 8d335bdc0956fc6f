// UQPAY's error body is {type, code, message}; every 4xx type is HTTP 400 except unauthorized_error (401) and
// not_found (404, see NotFoundError).
export type ErrorType =
  | 'invalid_request_error'
  | 'card_error'
  | 'cardholder_error'
  | 'account_error'
  | 'idempotency_error'
  | 'unauthorized_error'
  | 'not_found'
  | 'api_error';

export interface ErrorBody {
  type: ErrorType;
  code: string;
  message: string;
  /** kyc_insufficient only: the cardholder fields still needed (Node SDK src/error.ts KycMissingField). */
  missing_fields?: MissingField[];
}

/** A cardholder field a KYC check found missing; an object's missing parts are listed in `fields`. */
export interface MissingField {
  name: string;
  type: 'string' | 'object';
  required: boolean;
  description?: string;
  fields?: MissingField[];
}

export class UqpayError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly missingFields?: MissingField[],
  ) {
    super(message);
  }

  get body(): ErrorBody {
    const missing = this.missingFields ? { missing_fields: this.missingFields } : {};
    return { type: this.type, code: this.code, message: this.message, ...missing };
  }
}

/** UQPAY's answer when a cardholder lacks what the KYC level or the card product needs: every missing field at once. */
export const kycInsufficient = (message: string, missing: MissingField[]) =>
  new UqpayError(400, 'cardholder_error', 'kyc_insufficient', message, missing);

export const badRequest = (type: ErrorType, code: string, message: string) => new UqpayError(400, type, code, message);

/**
 * The object a request names does not exist (for the acting account). Raised in the older 400 form; the router
 * answers it as HTTP 404 {type:"not_found", code} unless the emulator runs with notFoundStatus 400.
 */
export class NotFoundError extends UqpayError {
  /** The current form: HTTP 404, type not_found, same code and message. */
  asNotFound(): UqpayError {
    return new UqpayError(404, 'not_found', this.code, this.message);
  }
}

export const notFound = (legacyType: ErrorType, code: string, message: string) =>
  new NotFoundError(400, legacyType, code, message);

export const missingField = (field: string) =>
  badRequest('invalid_request_error', 'missing_parameter', `${field} is required`);

export const invalidField = (field: string, why: string) =>
  badRequest('invalid_request_error', 'invalid_parameter', `${field} ${why}`);

export const unauthorized = (message: string) => new UqpayError(401, 'unauthorized_error', 'unauthorized', message);

export const apiError = (message = 'internal server error, please retry later') =>
  new UqpayError(500, 'api_error', 'internal_error', message);

// UQPAY's 429 body has no `type`; the datasource keys on `code`.
export const TOO_MANY_REQUESTS = {
  code: 'too_many_requests',
  message: 'Too many requests, please slow down and retry after the Retry-After interval',
} as const;
