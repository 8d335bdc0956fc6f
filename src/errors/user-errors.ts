// Expected business failures as `userErrors`: the builder, and THE mapping from UQPAY's error codes (and, for
// codes it does not list, UQPAY's error types) to the catalogue's userError codes, with a path into the input.
// Everything else (upstream down, auth, bugs) is not a userError: the mask (./mask.ts) makes it a top-level error.
import type { z } from 'zod';
import { UqpayAuthError, UqpayError, isRequestProcessing } from '../datasources/uqpay';
import { redactText } from '../redact';
import type { UserErrorCode } from './codes';

export interface UserError {
  code: UserErrorCode;
  message: string;
  field: string[] | null;
}

interface Mapping {
  code: UserErrorCode;
  /** Input field (GraphQL name) the error concerns; overrides the one derived from the message. */
  field?: string;
}

/** UQPAY error `code` → userError code. Codes not listed fall back by UQPAY error `type` (below). */
export const UQPAY_CODE_TO_USER_ERROR: Record<string, Mapping> = {
  duplicate_email: { code: 'DUPLICATE_EMAIL', field: 'email' },
  duplicate_phone_number: { code: 'DUPLICATE_PHONE_NUMBER', field: 'phoneNumber' },
  insufficient_balance: { code: 'INSUFFICIENT_BALANCE', field: 'amount' },
  insufficient_card_balance: { code: 'INSUFFICIENT_BALANCE', field: 'amount' },
  insufficient_funds: { code: 'INSUFFICIENT_BALANCE', field: 'amount' },
  invalid_card_status_transition: { code: 'INVALID_STATUS_TRANSITION', field: 'status' },
  invalid_status_transition: { code: 'INVALID_STATUS_TRANSITION', field: 'status' },
  invalid_card_status: { code: 'INVALID_CARD_STATUS', field: 'cardId' },
  card_not_active: { code: 'INVALID_CARD_STATUS', field: 'cardId' },
  card_not_found: { code: 'NOT_FOUND', field: 'cardId' },
  cardholder_not_found: { code: 'NOT_FOUND', field: 'cardholderId' },
  product_not_found: { code: 'NOT_FOUND', field: 'productId' },
  card_product_not_found: { code: 'NOT_FOUND', field: 'productId' },
  transfer_not_found: { code: 'NOT_FOUND' },
  balance_not_found: { code: 'NOT_FOUND', field: 'currency' },
  sub_account_not_found: { code: 'ACCOUNT_NOT_FOUND' },
  account_not_found: { code: 'ACCOUNT_NOT_FOUND' },
  cardholder_not_eligible: { code: 'CARDHOLDER_NOT_ELIGIBLE', field: 'cardholderId' },
  cardholder_not_approved: { code: 'CARDHOLDER_NOT_ELIGIBLE', field: 'cardholderId' },
  invalid_cardholder_status: { code: 'CARDHOLDER_NOT_ELIGIBLE', field: 'cardholderId' },
  invalid_number: { code: 'INVALID_CARD_NUMBER', field: 'cardNumber' },
  invalid_card_number: { code: 'INVALID_CARD_NUMBER', field: 'cardNumber' },
  card_number_in_use: { code: 'CARD_ALREADY_ASSIGNED', field: 'cardNumber' },
  card_already_assigned: { code: 'CARD_ALREADY_ASSIGNED', field: 'cardNumber' },
  insufficient_sub_bin: { code: 'CARD_SUPPLY_EXHAUSTED' },
  card_quota_exceeded: { code: 'CARD_SUPPLY_EXHAUSTED' },
  unsupported_currency: { code: 'UNSUPPORTED_CURRENCY', field: 'currency' },
  currency_not_supported: { code: 'UNSUPPORTED_CURRENCY', field: 'currency' },
  product_disabled: { code: 'PRODUCT_DISABLED', field: 'productId' },
  card_order_not_found: { code: 'NOT_FOUND' },
  transaction_not_found: { code: 'NOT_FOUND' },
  card_limit_not_updatable: { code: 'NOT_SUPPORTED', field: 'cardLimit' },
  recharge_not_supported: { code: 'NOT_SUPPORTED', field: 'cardId' },
  withdraw_not_supported: { code: 'NOT_SUPPORTED', field: 'cardId' },
  operation_not_supported: { code: 'NOT_SUPPORTED' },
  not_supported: { code: 'NOT_SUPPORTED' },
  idempotency_key_reused: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' },
  request_processing: { code: 'REQUEST_IN_PROGRESS', field: 'idempotencyKey' },
  missing_parameter: { code: 'VALIDATION' },
  invalid_parameter: { code: 'VALIDATION' },
};

/** Fallback by UQPAY error `type` for codes the table does not know. */
const UQPAY_TYPE_TO_USER_ERROR: Record<string, UserErrorCode> = {
  invalid_request_error: 'VALIDATION',
  card_error: 'CARD_ERROR',
  cardholder_error: 'CARDHOLDER_ERROR',
  account_error: 'ACCOUNT_ERROR',
  idempotency_error: 'IDEMPOTENCY_KEY_REUSED',
  not_found: 'NOT_FOUND',
};

/** UQPAY wire field names whose GraphQL input name is not simply the camelCase form. */
const WIRE_TO_INPUT_FIELD: Record<string, string> = {
  card_currency: 'currency',
  card_product_id: 'productId',
  card_mode: 'mode',
  card_status: 'status',
  update_reason: 'reason',
  line_en: 'lineEn',
  allow_3ds_transactions: 'allow3dsTransactions',
};

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `residential_address.city` (as UQPAY's messages start) → ["residentialAddress", "city"]. */
function inputPathFromMessage(message: string): string[] | undefined {
  const m = /^([a-z][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z][a-z0-9_]*(?:\[\d+\])?)*)\b/.exec(message);
  if (!m?.[1] || (!m[1].includes('_') && !/\bis required|\bmust\b|\binvalid\b/.test(message))) return undefined;
  const out: string[] = [];
  for (const part of m[1].split('.')) {
    const [, name, index] = /^([a-z0-9_]+)(?:\[(\d+)\])?$/.exec(part) ?? [];
    if (!name) return undefined;
    out.push(WIRE_TO_INPUT_FIELD[name] ?? camel(name));
    if (index !== undefined) out.push(index);
  }
  return out;
}

export function userError(code: UserErrorCode, message: string, field?: readonly string[]): UserError {
  return { code, message, field: field ? ['input', ...field] : null };
}

/** A UQPAY 4xx → userError, or undefined when the error is not an expected business failure. */
export function userErrorFromUpstream(err: unknown, secrets: readonly string[] = []): UserError | undefined {
  if (!(err instanceof UqpayError) || err instanceof UqpayAuthError) return undefined;
  if (err.status >= 500 || err.status === 429 || err.status < 400) return undefined;
  const message = redactText(err.message, secrets);
  if (isRequestProcessing(err)) {
    const retry = 'A request with this idempotencyKey is still being processed; retry shortly.';
    return userError('REQUEST_IN_PROGRESS', retry, ['idempotencyKey']);
  }
  const mapped = UQPAY_CODE_TO_USER_ERROR[err.code];
  const code = mapped?.code ?? UQPAY_TYPE_TO_USER_ERROR[err.type] ?? 'UPSTREAM_REJECTED';
  const field = mapped?.field ? [mapped.field] : inputPathFromMessage(err.message);
  return userError(code, message, field);
}

interface MissingLeaf {
  /** UQPAY's path, e.g. ["residential_address", "city"]. */
  wire: string[];
  description: string | null;
}

/** A KYC rejection's `missing_fields` (nested objects) → its leaves; odd entries are skipped, depth bounded. */
function missingLeaves(fields: readonly unknown[], prefix: string[] = []): MissingLeaf[] {
  if (prefix.length > 5) return [];
  const out: MissingLeaf[] = [];
  for (const entry of fields) {
    if (!entry || typeof entry !== 'object') continue;
    const f = entry as { name?: unknown; description?: unknown; fields?: unknown };
    if (typeof f.name !== 'string' || !/^[a-z][a-z0-9_]{0,63}$/i.test(f.name)) continue;
    const path = [...prefix, f.name];
    const inner = Array.isArray(f.fields) ? missingLeaves(f.fields, path) : [];
    if (inner.length > 0) out.push(...inner);
    else out.push({ wire: path, description: typeof f.description === 'string' ? f.description : null });
  }
  return out;
}

const inputName = (wire: string) => WIRE_TO_INPUT_FIELD[wire] ?? camel(wire);

/**
 * UQPAY's `kyc_insufficient` with `missing_fields` → one KYC_INSUFFICIENT userError per missing field. By default
 * each points into the input (`residential_address.city` → ["input", "residentialAddress", "city"]); a mutation
 * whose input cannot carry the field (createCard) names where the fix goes instead.
 */
function kycUserErrors(
  err: UqpayError,
  at: UpstreamUserErrorOptions['missingFieldsAt'],
  secrets: readonly string[],
): UserError[] | undefined {
  const leaves = missingLeaves(err.missingFields ?? []);
  if (leaves.length === 0) return undefined;
  return leaves.map(({ wire, description }) => {
    const path = wire.map(inputName);
    const what = `${path.join('.')}${description ? ` (${redactText(description, secrets).slice(0, 200)})` : ''}`;
    if (at && at !== 'input') {
      const message = `The cardholder has no ${what}, which this card product requires: add it with updateCardholder.`;
      return userError('KYC_INSUFFICIENT', message, at);
    }
    return userError('KYC_INSUFFICIENT', `${what} is required for the cardholder's KYC.`, path);
  });
}

/** A UQPAY 4xx → userErrors (one per missing field for a KYC rejection), or undefined when not a business failure. */
export function userErrorsFromUpstream(err: unknown, opts: UpstreamUserErrorOptions = {}): UserError[] | undefined {
  const ue = userErrorFromUpstream(err, opts.secrets);
  if (!ue) return undefined;
  return (err instanceof UqpayError && kycUserErrors(err, opts.missingFieldsAt, opts.secrets ?? [])) || [ue];
}

/** zod issues → VALIDATION userErrors (or the code a refinement names in `params.code`). */
export function userErrorsFromZod(error: z.ZodError): UserError[] {
  return error.issues.map((issue) => {
    // A refinement names its code in `params.code` (INVALID_CARD_NUMBER); test/errors checks it is a catalogue code.
    const params = (issue as { params?: { code?: UserErrorCode } }).params;
    return userError(params?.code ?? 'VALIDATION', issue.message, issue.path.map(String));
  });
}

export interface UpstreamUserErrorOptions {
  /** Literal values to keep out of any message (a full card number from assignCard's input). */
  secrets?: readonly string[];
  /**
   * Where a KYC rejection's missing fields point: 'input' (default) maps each into the input (cardholder
   * mutations); a path names the input field to fix instead (createCard: ["cardholderId"]).
   */
  missingFieldsAt?: 'input' | readonly string[];
}

export const keyRequired = (): UserError =>
  userError(
    'IDEMPOTENCY_KEY_REQUIRED',
    'This mutation moves money: send an idempotencyKey (a new UUID per intended change, the same one on every ' +
      'retry of it).',
    ['idempotencyKey'],
  );
