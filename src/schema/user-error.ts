import { USER_ERROR_CODES } from '../errors/codes';
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
      // The list comes from the error catalogue, so a new code shows in GraphiQL without a second edit.
      description: `Stable machine-readable code, one of: ${Object.keys(USER_ERROR_CODES).join(', ')}.`,
    }),
    message: t.exposeString('message', { description: 'Human-readable explanation, safe to show to an operator.' }),
    field: t.exposeStringList('field', {
      nullable: true,
      description: 'Path to the offending input field, e.g. ["input", "email"]; null when no single field is at fault.',
    }),
  }),
});
