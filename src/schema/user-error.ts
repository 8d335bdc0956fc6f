import { UserErrorRef } from './refs';

UserErrorRef.implement({
  description:
    'An expected failure of a mutation (invalid input, a duplicate, insufficient funds, a wrong card state, an ' +
    'upstream rejection). ' +
    'Nothing was changed when a payload carries userErrors, with one exception: CARDHOLDER_KYC_PENDING reports a ' +
    'card that was ' +
    "accepted and waits for its cardholder's KYC review (the payload returns it).",
  fields: (t) => ({
    code: t.exposeString('code', {
      description:
        'Stable machine-readable code: VALIDATION, NOT_FOUND, DUPLICATE_EMAIL, DUPLICATE_PHONE_NUMBER, ' +
        'INSUFFICIENT_BALANCE, ' +
        'INVALID_STATUS_TRANSITION, INVALID_CARD_STATUS, CARDHOLDER_NOT_ELIGIBLE, INVALID_CARD_NUMBER, ' +
        'CARD_ALREADY_ASSIGNED, ' +
        'CARD_SUPPLY_EXHAUSTED, UNSUPPORTED_CURRENCY, PRODUCT_DISABLED, NOT_SUPPORTED, ACCOUNT_NOT_FOUND, ' +
        'IDEMPOTENCY_KEY_REUSED, ' +
        'REQUEST_IN_PROGRESS, KYC_INSUFFICIENT (one per missing cardholder field), CARDHOLDER_KYC_PENDING, ' +
        'CARD_ERROR, ' +
        'CARDHOLDER_ERROR, ACCOUNT_ERROR, UPSTREAM_REJECTED.',
    }),
    message: t.exposeString('message', { description: 'Human-readable explanation, safe to show to an operator.' }),
    field: t.exposeStringList('field', {
      nullable: true,
      description: 'Path to the offending input field, e.g. ["input", "email"]; null when no single field is at fault.',
    }),
  }),
});
