// Every error code a client of this gateway can see, in one place: the top-level `extensions.code` values (with
// the HTTP status each answers) and the `userErrors[].code` values of mutation payloads. Code elsewhere names a
// code through these types, so the compiler refuses one that is not listed; README's "Error codes" tables are
// checked against these lists by test/errors/catalogue.test.ts.

export interface TopLevelCodeInfo {
  /**
   * The HTTP status of a response refused with this code. Absent: GraphQL's own, the error rides in a result (an
   * execution error in a 200 beside `data`; a parse or validation error is 400, or 200 under
   * `accept: application/json`).
   */
  readonly status?: number;
  /** Response headers every such refusal carries. */
  readonly headers?: Readonly<Record<string, string>>;
  /** When a client sees it, in a sentence. */
  readonly meaning: string;
  /** Raised by graphql-yoga itself, passed through unchanged (the gateway never builds it). */
  readonly from?: 'graphql-yoga';
}

/** Top-level `errors[].extensions.code`: the request, or a field, failed as a whole. */
export const TOP_LEVEL_CODES = {
  BAD_REQUEST: {
    status: 400,
    meaning:
      'Not a GraphQL request: a malformed request target or Host header (the HTTP edge); a body that is not ' +
      'JSON or not a GraphQL request, or a mutation over GET (405), from graphql-yoga.',
  },
  NOT_FOUND: {
    status: 404,
    meaning: 'No such path: the gateway serves /graphql, /webhooks/uqpay, /health, /ready and /metrics.',
  },
  REQUEST_ENTITY_TOO_LARGE: { status: 413, meaning: 'The request body is over GATEWAY_MAX_BODY_BYTES.' },
  CSRF_PREVENTED: {
    status: 403,
    meaning:
      'A request a page on another site could send without a CORS preflight (form post, text/plain, simple GET).',
  },
  UNAUTHENTICATED: {
    status: 401,
    // RFC 9110: a 401 names the scheme it wants.
    headers: { 'WWW-Authenticate': 'Bearer realm="uqpay-gateway"' },
    meaning: 'Keys are required and the request has none, a malformed Authorization header, or an unknown key.',
  },
  FORBIDDEN: { status: 403, meaning: 'A partner key names, or reaches into, an account other than its own.' },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 400,
    meaning:
      "The persisted document id is not in this gateway's manifest, nor (frontends, open explorer) registered by " +
      'automatic persisted queries. The message is `PersistedQueryNotFound`, on which Apollo and urql send the ' +
      'document again.',
  },
  PERSISTED_QUERY_HASH_MISMATCH: {
    status: 400,
    meaning: 'A document sent with `extensions.persistedQuery.sha256Hash` whose sha256 is not that hash.',
  },
  PERSISTED_QUERY_ID_REQUIRED: {
    status: 400,
    meaning: 'The request carries neither a document nor a persisted document id.',
  },
  PERSISTED_QUERY_ONLY: {
    status: 403,
    meaning: 'A partner key sent a document of its own: it may run persisted documents only.',
  },
  BATCH_LIMIT_EXCEEDED: {
    status: 400,
    meaning:
      'A batch (a JSON array of operations) holds more than GATEWAY_MAX_BATCH_SIZE operations, or none: nothing in ' +
      'it ran.',
  },
  TRANSPORT_NOT_SUPPORTED: {
    status: 405,
    headers: { Allow: 'GET, POST' },
    meaning:
      "A transport the gateway does not serve: graphql-sse's single connection mode (`PUT /graphql`). Use " +
      'distinct connections, WebSocket (graphql-transport-ws) or multipart.',
  },
  NOT_ACCEPTABLE: {
    status: 406,
    meaning:
      'The result is a stream (a subscription, or @defer/@stream) and the Accept header names no streaming type: ' +
      'send `text/event-stream` or `multipart/mixed`.',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    meaning: 'A GET request whose document holds several operations and names none of them.',
    from: 'graphql-yoga',
  },
  GRAPHQL_PARSE_FAILED: { meaning: 'The document is not valid GraphQL syntax.', from: 'graphql-yoga' },
  GRAPHQL_VALIDATION_FAILED: {
    meaning: 'The document does not validate against the schema (unknown field, wrong argument type, …).',
    from: 'graphql-yoga',
  },
  INTROSPECTION_DISABLED: {
    meaning: 'A partner key asked for `__schema` or `__type`: introspection is off for partners.',
  },
  QUERY_LIMIT_EXCEEDED: {
    status: 400,
    meaning:
      'Over a document limit (depth, cost, aliases, tokens, directives, repeated fields), `nodes(ids:)` over ' +
      'GATEWAY_MAX_NODE_IDS, or more UQPAY calls than GATEWAY_MAX_UPSTREAM_CALLS (estimated before execution, ' +
      'counted during it).',
  },
  SUBSCRIPTION_LIMIT_EXCEEDED: {
    status: 429,
    meaning: 'The API client already holds its allowance of concurrent subscriptions on this replica.',
  },
  TIMEOUT: {
    status: 504,
    meaning: 'The operation did not finish within GATEWAY_REQUEST_TIMEOUT_MS; its UQPAY calls were aborted.',
  },
  BAD_USER_INPUT: {
    status: 400,
    meaning:
      'A malformed argument, variable or header: x-on-behalf-of not a UUID, a global ID or cursor not issued by ' +
      'this API, `first` out of range, a transaction window over 90 days, `UNKNOWN` used as a filter; a variable ' +
      'of the wrong type (`extensions.variable` names it, `extensions.field` is the path into `variables`; 200 ' +
      'under `accept: application/json`, as GraphQL over HTTP says).',
  },
  CURSOR_EXPIRED: {
    status: 410,
    meaning:
      'An event cursor (`after`, Last-Event-ID) is older than the event log retains (GATEWAY_EVENT_RETENTION_MS / ' +
      '_COUNT), or the log it came from was lost: events after it may be gone, so none are replayed.',
  },
  EVENT_LOG_UNAVAILABLE: {
    status: 503,
    meaning: 'The event log (Redis) could not be read to start a subscription or page the `events` history: retry.',
  },
  ACCOUNT_NOT_FOUND: {
    status: 400,
    meaning: 'The account x-on-behalf-of names does not exist for these credentials, or is not active (UQPAY).',
  },
  UPSTREAM_UNAVAILABLE: {
    meaning: 'UQPAY could not be reached or kept failing (timeouts, 5xx, 429 after retries, circuit open): retry.',
  },
  UPSTREAM_OUTCOME_UNKNOWN: {
    meaning:
      'A write may or may not have been applied by UQPAY: retry with `extensions.idempotencyKey` (applied at most ' +
      'once).',
  },
  UPSTREAM_BUDGET_EXHAUSTED: {
    meaning: "The shared UQPAY call budget (or this client's share) has no slot in time: retry after `retryAfterMs`.",
  },
  UPSTREAM_AUTH: { meaning: "UQPAY refused the gateway's own credentials: an operator must fix the configuration." },
  UPSTREAM_REJECTED: {
    meaning: 'UQPAY refused with a 4xx where no userError applies (a read); `extensions.upstreamCode` is its code.',
  },
  INTERNAL_SERVER_ERROR: { meaning: "Anything unexpected: a short message, the details only in the gateway's log." },
} as const satisfies Record<string, TopLevelCodeInfo>;

export type TopLevelCode = keyof typeof TOP_LEVEL_CODES;

/**
 * `userErrors[].code`: an expected failure of a mutation. Nothing was changed, except with
 * CARDHOLDER_KYC_PENDING (the card was accepted and waits for the cardholder's KYC review).
 */
export const USER_ERROR_CODES = {
  VALIDATION: 'The input is invalid (the message names the rule, `field` the input path); nothing was sent to UQPAY.',
  NOT_FOUND: 'The card, cardholder, product, balance, order or transaction the input names does not exist.',
  DUPLICATE_EMAIL: 'Another cardholder already has this email.',
  DUPLICATE_PHONE_NUMBER: 'Another cardholder already has this phone number.',
  INSUFFICIENT_BALANCE: 'Not enough money in the balance or on the card.',
  INVALID_STATUS_TRANSITION: 'The card cannot move from its status to the one asked for.',
  INVALID_CARD_STATUS: "The card's status does not allow this operation.",
  CARDHOLDER_NOT_ELIGIBLE: 'The cardholder may not hold this card (KYC not approved, wrong status).',
  INVALID_CARD_NUMBER: 'Not a card number: 13–19 digits (checked before any upstream call), or UQPAY refused it.',
  CARD_ALREADY_ASSIGNED: 'The card number is already assigned.',
  CARD_SUPPLY_EXHAUSTED: 'The product has no cards left to issue.',
  UNSUPPORTED_CURRENCY: 'The product or account does not support this currency.',
  PRODUCT_DISABLED: 'The card product is disabled.',
  NOT_SUPPORTED: 'UQPAY does not support this operation on this card or product.',
  ACCOUNT_NOT_FOUND: 'The account named in the input does not exist.',
  FORBIDDEN: 'The caller may not move money out of, or into, the account the input names.',
  IDEMPOTENCY_KEY_REQUIRED: 'A money-moving mutation without an idempotencyKey.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotencyKey was already used for a different request; nothing was changed.',
  REQUEST_IN_PROGRESS: 'A request with this idempotencyKey is still being processed: retry shortly.',
  KYC_INSUFFICIENT: "The cardholder's KYC lacks a field UQPAY requires (one userError per missing field).",
  CARDHOLDER_KYC_PENDING: "The card was accepted and waits for the cardholder's KYC review (the payload returns it).",
  CARD_ERROR: 'UQPAY refused the card operation for a reason without a more specific code.',
  CARDHOLDER_ERROR: 'UQPAY refused the cardholder operation for a reason without a more specific code.',
  ACCOUNT_ERROR: 'UQPAY refused the operation for an account reason without a more specific code.',
  UPSTREAM_REJECTED: "UQPAY refused the request with a reason the gateway has no code for (the message is UQPAY's).",
} as const satisfies Record<string, string>;

export type UserErrorCode = keyof typeof USER_ERROR_CODES;
