// Subscriptions fed by UQPAY webhooks (over SSE): card events, cardholder events and every issuing event, each
// with the event's own data typed and the entity it concerns re-read fresh for the subscriber's account.
import type { ObjectFieldBuilder } from '@pothos/core';
import * as r from '../resolvers/events';
import type { IssuingEventMessage } from '../webhooks/events';
import { builder, type PothosTypes } from './builder';
import { CardholderStatusEnum, CardStatusEnum, OrderStatusEnum } from './enums';
import { CardholderRef, CardRef, MoneyRef } from './refs';

type EventFields = ObjectFieldBuilder<PothosTypes, IssuingEventMessage>;

/** What every event payload carries, whatever its kind. */
function commonFields(t: EventFields) {
  return {
    eventId: t.string({ description: 'UQPAY\'s `event_id`. Redeliveries of one event share it; subscribers receive each event once.', resolve: (e) => e.eventId }),
    type: t.string({ description: 'UQPAY\'s `event_type`, e.g. `card.recharge.succeeded`.', resolve: (e) => e.type }),
    occurredAt: t.field({ type: 'DateTime', description: 'When UQPAY says it happened (its completion or update time); else when the gateway received it.', resolve: (e) => e.occurredAt }),
    receivedAt: t.field({ type: 'DateTime', description: 'When the gateway received and verified the webhook.', resolve: (e) => e.receivedAt }),
    succeeded: t.boolean({ nullable: true, description: 'True for `*.succeeded` events, false for `*.failed`, null for events with no outcome.', resolve: r.eventSucceeded }),
  };
}

export const CardEventRef = builder.objectRef<IssuingEventMessage>('CardEvent');
CardEventRef.implement({
  description: 'Something happened to a card: created, updated, status changed, recharged or withdrawn (`card.*` webhooks).',
  fields: (t) => ({
    ...commonFields(t),
    cardId: t.field({ type: 'UUID', description: 'UQPAY\'s id of the card.', resolve: (e) => e.cardId! }),
    orderId: t.field({ type: 'UUID', nullable: true, description: 'The card order that finished, when the event reports one (create, recharge, withdraw).', resolve: r.eventOrderId }),
    orderStatus: t.field({ type: OrderStatusEnum, nullable: true, description: 'The card order\'s final status, when reported.', resolve: (e) => e.orderStatus as never }),
    amount: t.field({ type: MoneyRef, nullable: true, description: 'The amount recharged or withdrawn.', resolve: r.eventAmount }),
    cardAvailableBalance: t.field({ type: MoneyRef, nullable: true, description: 'The card\'s available balance as the event reported it. For the current balance read `card { availableBalance }`.', resolve: r.eventCardAvailableBalance }),
    cardStatus: t.field({ type: CardStatusEnum, nullable: true, description: 'The card\'s status as the event reported it.', resolve: (e) => e.cardStatus as never }),
    updateReason: t.string({ nullable: true, description: 'The reason given for a status change.', resolve: (e) => e.updateReason }),
    maskedNumber: t.string({ nullable: true, description: 'The card number, all but the last 4 digits masked, when reported.', resolve: (e) => e.maskedCardNumber }),
    card: t.field({ type: CardRef, nullable: true, description: 'The card as it is now, read fresh from UQPAY for the subscriber\'s account (null if it is no longer visible).', resolve: r.eventCard }),
  }),
});

export const CardholderEventRef = builder.objectRef<IssuingEventMessage>('CardholderEvent');
CardholderEventRef.implement({
  description: 'Something happened to a cardholder: KYC status changed or details updated (`cardholder.*` webhooks).',
  fields: (t) => ({
    ...commonFields(t),
    cardholderId: t.field({ type: 'UUID', description: 'UQPAY\'s id of the cardholder.', resolve: (e) => e.cardholderId! }),
    cardholderStatus: t.field({ type: CardholderStatusEnum, nullable: true, description: 'The cardholder\'s status as the event reported it.', resolve: (e) => e.cardholderStatus as never }),
    data: t.field({ type: 'JSONObject', description: 'The event\'s data as UQPAY sent it.', resolve: (e) => e.data }),
    cardholder: t.field({ type: CardholderRef, nullable: true, description: 'The cardholder as they are now, read fresh for the subscriber\'s account (null if no longer visible).', resolve: r.eventCardholder }),
  }),
});

export const IssuingEventRef = builder.objectRef<IssuingEventMessage>('IssuingEvent');
IssuingEventRef.implement({
  description: 'Any verified UQPAY issuing webhook: card, cardholder and transaction events alike.',
  fields: (t) => ({
    ...commonFields(t),
    sourceId: t.string({ nullable: true, description: 'UQPAY\'s `source_id`: the object the event is about.', resolve: (e) => e.sourceId }),
    cardId: t.field({ type: 'UUID', nullable: true, description: 'The card concerned, if any.', resolve: (e) => e.cardId }),
    cardholderId: t.field({ type: 'UUID', nullable: true, description: 'The cardholder concerned, if reported.', resolve: (e) => e.cardholderId }),
    transactionId: t.field({ type: 'UUID', nullable: true, description: 'The card transaction concerned, for `issuing.transaction.*` events.', resolve: (e) => e.transactionId }),
    orderId: t.field({ type: 'UUID', nullable: true, description: 'The card order concerned, if reported.', resolve: r.eventOrderId }),
    amount: t.field({ type: MoneyRef, nullable: true, description: 'The amount the event is about (recharge, withdrawal or transaction amount).', resolve: r.eventAmount }),
    data: t.field({ type: 'JSONObject', description: 'The event\'s data as UQPAY sent it (card numbers masked).', resolve: (e) => e.data }),
    card: t.field({ type: CardRef, nullable: true, description: 'The card concerned, read fresh for the subscriber\'s account.', resolve: r.eventCard }),
    cardholder: t.field({ type: CardholderRef, nullable: true, description: 'The cardholder concerned, read fresh for the subscriber\'s account.', resolve: r.eventCardholder }),
  }),
});

builder.subscriptionType({
  description:
    'Live UQPAY events, fed by its webhooks (over SSE at `/graphql` with `Accept: text/event-stream`). A subscriber receives only events about objects its acting account may read.',
});

builder.subscriptionFields((t) => ({
  cardEvents: t.field({
    type: CardEventRef,
    description: 'Card events (`card.*`: create, update, status, recharge, withdraw), for one card or every card of the acting account.',
    args: { cardId: t.arg({ type: 'UUID', description: 'Only this card\'s events; omit for all cards.' }) },
    subscribe: r.cardEvents,
    resolve: (e) => e,
  }),
  cardholderEvents: t.field({
    type: CardholderEventRef,
    description: 'Cardholder events (`cardholder.*`: KYC status, updates), for one cardholder or all of the acting account.',
    args: { cardholderId: t.arg({ type: 'UUID', description: 'Only this cardholder\'s events; omit for all.' }) },
    subscribe: r.cardholderEvents,
    resolve: (e) => e,
  }),
  issuingEvents: t.field({
    type: IssuingEventRef,
    description: 'Every verified UQPAY event the acting account may see, optionally only some types.',
    args: {
      types: t.arg.stringList({ description: 'Event types to receive, exact (`card.recharge.succeeded`) or a prefix ending in `*` (`issuing.transaction.*`); omit for all.' }),
    },
    subscribe: r.issuingEvents,
    resolve: (e) => e,
  }),
}));
