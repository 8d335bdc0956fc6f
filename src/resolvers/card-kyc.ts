// A card UQPAY accepted for a cardholder whose KYC is not done: the answer carries `cardholder_status` and a
// `message` (Go SDK issuing/cards.go CardCreationResponse: "returned when cardholder KYC is pending or incomplete").
// The card exists (PENDING) and is issued once the review passes, so the payload returns it AND says why it waits.
import type { CardCreateResult } from '../datasources/uqpay';
import { redactText } from '../redact';
import { userError, type UserError } from './user-errors';

export function kycPendingUserErrors(
  result: CardCreateResult,
  secrets: readonly string[] = [],
): { userErrors?: UserError[] } {
  const status = result.cardholder_status?.toUpperCase();
  if (!status || status === 'SUCCESS') return {};
  const message = result.message
    ? redactText(result.message, secrets).slice(0, 500)
    : `The cardholder's KYC is ${status}: the card stays PENDING until it passes.`;
  return { userErrors: [userError('CARDHOLDER_KYC_PENDING', message, ['cardholderId'])] };
}
