// createCardDetailsToken: card number and CVV for the cardholder's eyes, shown by UQPAY's secure iframe, never by
// this API (no field anywhere returns a full card number or CVV).
import * as r from '../resolvers/card-details';
import { builder } from './builder';
import { field, inputFromZod } from './input-from-zod';
import { idempotencyKey, payloadType } from './payload';

const CardDetailsTokenInput = inputFromZod('CardDetailsTokenInput', r.CardDetailsTokenInput, {
  description: 'The card whose details the cardholder wants to see.',
  fields: {
    cardId: field('UUID', 'The card (ACTIVE, FROZEN or PENDING).'),
    idempotencyKey,
  },
});

const CardDetailsTokenPayload = payloadType<r.CardDetailsTokenPayload>(
  'CardDetailsTokenPayload',
  "Result of createCardDetailsToken: a single-use token for UQPAY's secure card-details iframe.",
  (t) => ({
    token: t.string({
      nullable: true,
      description:
        "Single use, valid until `expiresAt` (60 s): hand it to UQPAY's card-details iframe (`<embedded " +
        'host>/iframe/card?token=…&cardId=…`), ' +
        'which shows the number, expiry and CVV to the cardholder. Treat it as a secret: do not log or store it. ' +
        'Null with userErrors.',
      resolve: (p) => p.token ?? null,
    }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the token stops working.',
      resolve: (p) => p.expiresAt ?? null,
    }),
    expiresIn: t.int({
      nullable: true,
      description: "The token's lifetime in seconds, as UQPAY reported it.",
      resolve: (p) => p.expiresIn ?? null,
    }),
  }),
);

builder.mutationField('createCardDetailsToken', (t) =>
  t.field({
    type: CardDetailsTokenPayload,
    description:
      "A single-use, 60-second token that lets UQPAY's secure iframe show a cardholder their card number and CVV:" +
      ' they never pass ' +
      'through this API or your servers. Errors: NOT_FOUND, INVALID_CARD_STATUS (a CANCELLED card).',
    args: { input: t.arg({ type: CardDetailsTokenInput, required: true, description: 'The card.' }) },
    resolve: r.createCardDetailsToken,
  }),
);
