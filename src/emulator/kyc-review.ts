// A cardholder's KYC status: where a new cardholder starts, what an update does to a holder still in
// verification, and how a review (STANDARD) or an identity verification (SUMSUB_REDIRECT) ends on UQPAY's side.
import { badRequest } from './errors';
import { cardholderEventData } from './event-data';
import type { CardOrders } from './orders';
import type { AccountStore, Cardholder, KycLevel } from './state';
import type { Views } from './views';
import type { WebhookDispatcher } from './webhooks';

const IDV_URL_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type KycStatus = Pick<Cardholder, 'cardholder_status' | 'review_status' | 'idv_status'>;

/**
 * Where a new cardholder starts: SUMSUB_REDIRECT waits for IDV (INCOMPLETE, see kycOutcome); STANDARD goes to
 * manual review (PENDING); SIMPLIFIED and ENHANCED THIRD_PARTY pass at once.
 */
export function initialKyc(level: KycLevel, method: string | undefined): KycStatus {
  if (method === 'SUMSUB_REDIRECT') {
    return { cardholder_status: 'INCOMPLETE', review_status: 'PENDING', idv_status: 'PENDING' };
  }
  if (level === 'STANDARD') return { cardholder_status: 'PENDING', review_status: 'PENDING', idv_status: 'PENDING' };
  return { cardholder_status: 'SUCCESS', review_status: 'APPROVED', idv_status: 'PASSED' };
}

/**
 * SUMSUB_REDIRECT leaves a not-yet-verified holder INCOMPLETE with an IDV link, at any level (ENHANCED
 * THIRD_PARTY passes at once). A verified holder is never sent back to KYC by an update.
 */
export function kycOutcome(ch: Cardholder): void {
  if (ch.kyc_verification?.method === 'SUMSUB_REDIRECT' && ch.cardholder_status !== 'SUCCESS') {
    ch.cardholder_status = 'INCOMPLETE';
    ch.review_status = 'PENDING';
    ch.idv_status = 'PENDING';
    ch.idv_verification_url = `https://idv.sumsub.example/websdk/p/${ch.cardholder_id}`;
    ch.idv_url_expires_at = Date.now() + IDV_URL_TTL_MS;
  }
}

/** What ending a review needs of the running emulator. */
export interface ReviewEffects {
  views: Views;
  webhooks: Pick<WebhookDispatcher, 'emit'>;
  orders: Pick<CardOrders, 'releaseHeld'>;
}

/**
 * The end of a KYC review (STANDARD) or identity verification (SUMSUB_REDIRECT): what UQPAY decides on its side,
 * driven here by POST /__emulator/cardholders/{id}/kyc. Sends `cardholder.kyc.status_changed`.
 */
export function finishKycReview(
  effects: ReviewEffects,
  store: AccountStore,
  ch: Cardholder,
  outcome: 'SUCCESS' | 'FAILED',
): void {
  if (ch.cardholder_status !== 'PENDING' && ch.cardholder_status !== 'INCOMPLETE') {
    const why = `cardholder is ${ch.cardholder_status}: only PENDING or INCOMPLETE cardholders are under review`;
    throw badRequest('cardholder_error', 'invalid_cardholder_status', why);
  }
  const passed = outcome === 'SUCCESS';
  ch.cardholder_status = outcome;
  ch.idv_status = passed ? 'PASSED' : 'FAILED';
  ch.review_status = passed ? 'APPROVED' : 'REJECTED';
  const data = cardholderEventData(effects.views, store, ch);
  effects.webhooks.emit('cardholder.kyc.status_changed', ch.cardholder_id, store.id, data);
  // Cards asked for while the review ran are issued now, or fail with it.
  effects.orders.releaseHeld(ch.cardholder_id, outcome);
}
