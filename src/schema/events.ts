// Subscriptions fed by UQPAY webhooks (over SSE): card events, cardholder events and every issuing event, each
// with the event's own data typed, its cursor in the event log, and the entity it concerns re-read fresh for the
// subscriber's account; and `events`, the same events as a history.
import type { ObjectFieldBuilder } from '@pothos/core';
import type { LoggedEvent } from '../events/log';
import { eventHistory } from '../resolvers/event-history';
import * as r from '../resolvers/events';
import { builder, type PothosTypes } from './builder';
import { SpendingControlRef } from './card';
import {
  CardholderStatusEnum,
  CardModeEnum,
  CardStatusEnum,
  FormFactorEnum,
  OrderStatusEnum,
  TransactionStatusEnum,
} from './enums';
import { CardholderRef, CardRef, MoneyRef } from './refs';
import { MerchantRef } from './transaction';

type EventFields = ObjectFieldBuilder<PothosTypes, LoggedEvent>;

const EventCategoryEnum = builder.enumType('IssuingEventCategory', {
  description:
    "Which kind of event this is, and so which of UQPAY's data it carries. Every kind is allow-listed: no activation " +
    'code, OTP, full card number or cardholder personal data (name, email, phone, date of birth, address) is ever ' +
    'forwarded.',
  values: {
    CARD: { description: "`card.*`: the card's state and settings (no cardholder profile, no activation code)." },
    CARDHOLDER: { description: "`cardholder.*`: the cardholder's id and KYC status only." },
    TRANSACTION: {
      description: '`issuing.transaction.*` and `issuing.fee.*`: the money movement, card number masked.',
    },
    GENERIC: { description: 'An event type this API does not know yet: only its ids, type and time.' },
  },
});

const CardEventRiskControlRef = builder
  .objectRef<NonNullable<LoggedEvent['riskControl']>>('CardEventRiskControl')
  .implement({
    description:
      "The card's transaction rules as a card event reports them (UQPAY's `risk_control`); null flags were not " +
      'reported.',
    fields: (t) => ({
      allow3dsTransactions: t.exposeBoolean('allow3dsTransactions', {
        nullable: true,
        description: '3-D Secure transactions allowed.',
      }),
      allowOnlineTransactions: t.exposeBoolean('allowOnlineTransactions', {
        nullable: true,
        description: 'Online transactions allowed.',
      }),
      allowAtmTransactions: t.exposeBoolean('allowAtmTransactions', {
        nullable: true,
        description: 'ATM withdrawals allowed.',
      }),
      allowContactlessTransactions: t.exposeBoolean('allowContactlessTransactions', {
        nullable: true,
        description: 'Contactless payments allowed.',
      }),
      allowInternationalTransactions: t.exposeBoolean('allowInternationalTransactions', {
        nullable: true,
        description: 'Payments abroad allowed.',
      }),
    }),
  });

/** What every event payload carries, whatever its kind. */
function commonFields(t: EventFields) {
  return {
    eventId: t.string({
      description: "UQPAY's `event_id`. Redeliveries of one event share it; subscribers receive each event once.",
      resolve: (e) => e.eventId,
    }),
    cursor: t.string({
      description:
        "The event's place in the gateway's event log: opaque, ordered (a later event of the account has a later " +
        'cursor). Pass it as `after` to a subscription to resume after this event (over SSE it is also the ' +
        "message's `id:`, which EventSource sends back as `Last-Event-ID`), or to `events` to page on.",
      resolve: (e) => e.cursor,
    }),
    type: t.string({ description: "UQPAY's `event_type`, e.g. `card.recharge.succeeded`.", resolve: (e) => e.type }),
    category: t.field({
      type: EventCategoryEnum,
      description: "Which kind of event this is, and so which of UQPAY's data it carries.",
      resolve: r.eventCategory,
    }),
    occurredAt: t.field({
      type: 'DateTime',
      description:
        'When the event says it happened (its completion, update or transaction time); else when the gateway ' +
        "received it. Never an object's creation time.",
      resolve: (e) => e.occurredAt,
    }),
    receivedAt: t.field({
      type: 'DateTime',
      description: 'When the gateway received and verified the webhook.',
      resolve: (e) => e.receivedAt,
    }),
    succeeded: t.boolean({
      nullable: true,
      description: 'True for `*.succeeded` events, false for `*.failed`, null for events with no outcome.',
      resolve: r.eventSucceeded,
    }),
  };
}

/** The event's allow-listed data (see EventCategory): UQPAY's names, card numbers masked, free text scrubbed. */
const dataField = (t: EventFields) =>
  t.field({
    type: 'JSONObject',
    description:
      "The event's data, reduced to what its category allows (UQPAY's snake_case names; card numbers masked; " +
      'digit runs of 6 or ' +
      'more starred out of free text). Never an activation code, OTP, full card number or cardholder personal ' +
      'data; empty for GENERIC events.',
    resolve: (e) => e.data,
  });

export const CardEventRef = builder.objectRef<LoggedEvent>('CardEvent');
CardEventRef.implement({
  description:
    'Something happened to a card: created, updated, status changed, recharged or withdrawn (`card.*` webhooks), ' +
    'or money moved on ' +
    'it (`issuing.transaction.*`, `issuing.fee.*`). Fields an event does not report are null.',
  fields: (t) => ({
    ...commonFields(t),
    cardId: t.field({ type: 'UUID', description: "UQPAY's id of the card.", resolve: (e) => e.cardId! }),
    cardholderId: t.field({
      type: 'UUID',
      nullable: true,
      description: "The card's cardholder, when reported.",
      resolve: r.eventCardholderId,
    }),
    cardholderStatus: t.field({
      type: CardholderStatusEnum,
      nullable: true,
      description: "The cardholder's KYC status as a card event reported it.",
      resolve: (e) => e.cardholderStatus,
    }),
    orderId: t.field({
      type: 'UUID',
      nullable: true,
      description: 'The card order that finished, when the event reports one (create, recharge, withdraw).',
      resolve: r.eventOrderId,
    }),
    orderStatus: t.field({
      type: OrderStatusEnum,
      nullable: true,
      description: "The card order's final status, when reported.",
      resolve: (e) => e.orderStatus,
    }),
    amount: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The amount recharged or withdrawn, or the transaction or fee amount.',
      resolve: r.eventAmount,
    }),
    cardAvailableBalance: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        "The card's available balance as the event reported it. For the current balance read `card { " +
        'availableBalance }`.',
      resolve: r.eventCardAvailableBalance,
    }),
    cardStatus: t.field({
      type: CardStatusEnum,
      nullable: true,
      description: "The card's status as the event reported it.",
      resolve: (e) => e.cardStatus,
    }),
    updateReason: t.string({
      nullable: true,
      description: 'The reason given for a status change.',
      resolve: (e) => e.updateReason,
    }),
    maskedNumber: t.string({
      nullable: true,
      description: 'The card number, all but the last 4 digits masked, when reported.',
      resolve: (e) => e.maskedCardNumber,
    }),
    productId: t.field({
      type: 'UUID',
      nullable: true,
      description: 'The card product, when reported (create, update).',
      resolve: (e) => asUuid(e.productId),
    }),
    bin: t.string({ nullable: true, description: "The card's BIN, when reported.", resolve: (e) => e.bin }),
    scheme: t.string({ nullable: true, description: 'The card scheme, when reported.', resolve: (e) => e.scheme }),
    mode: t.field({
      type: CardModeEnum,
      nullable: true,
      description: 'SINGLE or SHARE, when reported.',
      resolve: (e) => e.mode,
    }),
    formFactor: t.field({
      type: FormFactorEnum,
      nullable: true,
      description: 'Virtual or physical, when reported.',
      resolve: (e) => e.formFactor,
    }),
    cardLimit: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The card limit, when reported with a currency.',
      resolve: r.eventCardLimit,
    }),
    spendingLimits: t.field({
      type: [SpendingControlRef],
      nullable: true,
      description:
        "Spending limits as reported (UQPAY's `spending_limits` or `spending_controls`); null when not reported or" +
        ' reported without a currency (read `card { spendingControls }`).',
      resolve: r.eventSpendingLimits,
    }),
    riskControl: t.field({
      type: CardEventRiskControlRef,
      nullable: true,
      description: "Transaction rules as reported (UQPAY's `risk_control`).",
      resolve: (e) => e.riskControl,
    }),
    transactionId: t.field({
      type: 'UUID',
      nullable: true,
      description: "For transaction and fee events: the transaction (a fee's reference id).",
      resolve: (e) => asUuid(e.transactionId),
    }),
    transactionType: t.string({
      nullable: true,
      description: 'For transaction and fee events: AUTHORIZATION, REFUND, REVERSAL, FEE, … as UQPAY reports it.',
      resolve: (e) => e.transactionType,
    }),
    transactionStatus: t.field({
      type: TransactionStatusEnum,
      nullable: true,
      description: 'For transaction and fee events: the outcome.',
      resolve: (e) => e.transactionStatus,
    }),
    billingAmount: t.field({
      type: MoneyRef,
      nullable: true,
      description: "For transaction and fee events: the amount in the card's currency.",
      resolve: r.eventBillingAmount,
    }),
    fee: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'For transaction events: the fee charged, when reported.',
      resolve: r.eventFee,
    }),
    merchant: t.field({
      type: MerchantRef,
      nullable: true,
      description: 'For transaction events: where it happened.',
      resolve: (e) => e.merchant,
    }),
    description: t.string({
      nullable: true,
      description:
        "For transaction and fee events: UQPAY's description or remark (card numbers masked, long digit runs " +
        'starred out).',
      resolve: (e) => e.description,
    }),
    card: t.field({
      type: CardRef,
      nullable: true,
      description:
        "The card as it is now, read fresh from UQPAY for the subscriber's account (null if it is no longer visible).",
      resolve: r.eventCard,
    }),
  }),
});

export const CardholderEventRef = builder.objectRef<LoggedEvent>('CardholderEvent');
CardholderEventRef.implement({
  description:
    'Something happened to a cardholder: KYC status changed or details updated (`cardholder.*` webhooks). UQPAY ' +
    'sends the whole ' +
    'profile; only the id and the KYC status are forwarded: read `cardholder { … }` for the rest.',
  fields: (t) => ({
    ...commonFields(t),
    cardholderId: t.field({
      type: 'UUID',
      description: "UQPAY's id of the cardholder.",
      resolve: (e) => e.cardholderId!,
    }),
    cardholderStatus: t.field({
      type: CardholderStatusEnum,
      nullable: true,
      description: "The cardholder's status as the event reported it.",
      resolve: (e) => e.cardholderStatus,
    }),
    idvStatus: t.string({
      nullable: true,
      description: 'Identity verification status as reported (PENDING, PASSED, FAILED).',
      resolve: (e) => e.idvStatus,
    }),
    reviewStatus: t.string({
      nullable: true,
      description: 'KYC review status as reported.',
      resolve: (e) => e.reviewStatus,
    }),
    data: dataField(t),
    cardholder: t.field({
      type: CardholderRef,
      nullable: true,
      description:
        "The cardholder as they are now, read fresh for the subscriber's account (null if no longer visible).",
      resolve: r.eventCardholder,
    }),
  }),
});

export const IssuingEventRef = builder.objectRef<LoggedEvent>('IssuingEvent');
IssuingEventRef.implement({
  description:
    'Any verified UQPAY issuing webhook: card, cardholder, transaction and fee events alike, and types this API ' +
    'does not know yet (GENERIC).',
  fields: (t) => ({
    ...commonFields(t),
    sourceId: t.string({
      nullable: true,
      description: "UQPAY's `source_id`: the object the event is about.",
      resolve: (e) => e.sourceId,
    }),
    cardId: t.field({
      type: 'UUID',
      nullable: true,
      description: 'The card concerned, if any.',
      resolve: (e) => e.cardId,
    }),
    cardholderId: t.field({
      type: 'UUID',
      nullable: true,
      description: 'The cardholder concerned, if reported.',
      resolve: r.eventCardholderId,
    }),
    transactionId: t.field({
      type: 'UUID',
      nullable: true,
      description: 'The card transaction concerned, for `issuing.transaction.*` and fee events.',
      resolve: (e) => asUuid(e.transactionId),
    }),
    orderId: t.field({
      type: 'UUID',
      nullable: true,
      description: 'The card order concerned, if reported.',
      resolve: r.eventOrderId,
    }),
    amount: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The amount the event is about (recharge, withdrawal, transaction or fee amount).',
      resolve: r.eventAmount,
    }),
    data: dataField(t),
    card: t.field({
      type: CardRef,
      nullable: true,
      description: "The card concerned, read fresh for the subscriber's account.",
      resolve: r.eventCard,
    }),
    cardholder: t.field({
      type: CardholderRef,
      nullable: true,
      description: "The cardholder concerned, read fresh for the subscriber's account.",
      resolve: r.eventCardholder,
    }),
  }),
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const asUuid = (v: string | null) => (v && UUID_RE.test(v) ? v : null);

const AFTER_DESCRIPTION =
  "Resume: first replay, in order, the retained events after this cursor (an event's `cursor`) that this " +
  'subscription would have delivered, then continue live, with no gap and no duplicate. A cursor older than the ' +
  'retention is refused with CURSOR_EXPIRED. Over SSE a `Last-Event-ID` header does the same (and wins).';

builder.subscriptionType({
  description:
    'Live UQPAY events, fed by its webhooks (over SSE at `/graphql` with `Accept: text/event-stream`; each SSE ' +
    "message's `id:` is the event's cursor). A subscriber receives only events about objects its acting account " +
    'may read, in the order the gateway stored them, each once; `after` (or `Last-Event-ID`) replays what it ' +
    'missed first.',
});

builder.subscriptionFields((t) => ({
  cardEvents: t.field({
    type: CardEventRef,
    description:
      'Card events (`card.*`: create, update, status, recharge, withdraw, activation) and the money moving on cards ' +
      '(`issuing.transaction.*`, `issuing.fee.*`), for one card or every card of the acting account.',
    args: {
      cardId: t.arg({ type: 'UUID', description: "Only this card's events; omit for all cards." }),
      after: t.arg.string({ description: AFTER_DESCRIPTION }),
    },
    subscribe: r.cardEvents,
    resolve: (e) => e,
  }),
  cardholderEvents: t.field({
    type: CardholderEventRef,
    description:
      'Cardholder events (`cardholder.*`: KYC status, updates), for one cardholder or all of the acting account.',
    args: {
      cardholderId: t.arg({ type: 'UUID', description: "Only this cardholder's events; omit for all." }),
      after: t.arg.string({ description: AFTER_DESCRIPTION }),
    },
    subscribe: r.cardholderEvents,
    resolve: (e) => e,
  }),
  issuingEvents: t.field({
    type: IssuingEventRef,
    description: 'Every verified UQPAY event the acting account may see, optionally only some types.',
    args: {
      types: t.arg.stringList({
        description:
          'Event types to receive, exact (`card.recharge.succeeded`) or a prefix ending in `*` ' +
          '(`issuing.transaction.*`); omit for all.',
      }),
      after: t.arg.string({ description: AFTER_DESCRIPTION }),
    },
    subscribe: r.issuingEvents,
    resolve: (e) => e,
  }),
}));

const IssuingEventEdgeRef = builder.objectRef<{ cursor: string; node: LoggedEvent }>('IssuingEventEdge').implement({
  description: 'One event in a page of history, with its cursor.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', {
      description: "The event's cursor: `after` for the next page, or for a subscription to continue after it.",
    }),
    node: t.field({ type: IssuingEventRef, description: 'The event.', resolve: (edge) => edge.node }),
  }),
});

const IssuingEventConnectionRef = builder
  .objectRef<Awaited<ReturnType<typeof eventHistory>>>('IssuingEventConnection')
  .implement({
    description:
      "A page of the acting account's retained events, newest first. No totalCount: counting an account's events " +
      "would mean checking the owner of every retained event's card, cardholder or transaction.",
    fields: (t) => ({
      edges: t.field({
        type: [IssuingEventEdgeRef],
        description: 'The events of this page, newest first, each with its cursor.',
        resolve: (c) => c.edges,
      }),
      pageInfo: t.field({
        type: builder.pageInfoRef(),
        description:
          'Where this page sits. A page may hold fewer than `first` events and still have a next page (it stops ' +
          'after a bounded amount of work): continue from `endCursor` while `hasNextPage`.',
        resolve: (c) => c.pageInfo,
      }),
    }),
  });

builder.queryFields((t) => ({
  events: t.field({
    type: IssuingEventConnectionRef,
    description:
      "The acting account's recent events as the gateway stored them (the same events, visibility and data as " +
      "the subscriptions), newest first, for as long as the event log retains them. The newest edge's cursor " +
      'is the `after` of a subscription that carries on from here with no gap.',
    args: {
      first: t.arg.int({ description: 'How many events to return, 1–100 (default 20).' }),
      after: t.arg.string({
        description: 'Return the events older than this cursor (an edge `cursor` or `endCursor`).',
      }),
      types: t.arg.stringList({
        description: 'Only these event types: exact (`card.recharge.succeeded`) or a prefix ending in `*`.',
      }),
      cardId: t.arg({ type: 'UUID', description: "Only this card's events (card, transaction and fee events)." }),
    },
    resolve: eventHistory,
  }),
}));
