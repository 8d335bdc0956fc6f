// One source per fact, checked at run time: each UQPAY enum's values are one list in the datasource
// (src/datasources/uqpay/resources/enums.ts), and the GraphQL enum and the zod validation are derived from it; each mutation
// input is one zod object in a resolver, and its GraphQL input type is derived from it. The compiler is the main
// guard (a description missing for a value, or an input field documented on one side only, does not compile);
// this test makes the contract visible and catches what a cast could slip past it.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  type GraphQLEnumType,
  type GraphQLInputObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as lists from '../../src/datasources/uqpay/resources/enums';
import * as card from '../../src/resolvers/card';
import * as cardDetails from '../../src/resolvers/card-details';
import * as cardholder from '../../src/resolvers/cardholder';
import * as transfer from '../../src/resolvers/transfer';
import { buildSchema } from '../../src/schema';
import { upstreamEnumSpec } from '../../src/schema/upstream-enums';

const schema = buildSchema();

/**
 * Every UQPAY-backed GraphQL enum: its value list, and what it answers for a value it does not list ('UNKNOWN', a
 * value added to the enum; null, the field answers null; 'input', an enum clients send and UQPAY never answers).
 */
const UQPAY_ENUMS: Record<string, { values: readonly string[]; fallback: 'UNKNOWN' | null | 'input' }> = {
  CardholderStatus: { values: lists.CARDHOLDER_STATUSES, fallback: 'UNKNOWN' },
  CardStatus: { values: lists.CARD_STATUSES, fallback: 'UNKNOWN' },
  CardStatusChange: { values: lists.CARD_STATUS_CHANGES, fallback: 'input' },
  CardMode: { values: lists.CARD_MODES, fallback: 'UNKNOWN' },
  OrderStatus: { values: lists.ORDER_STATUSES, fallback: 'UNKNOWN' },
  CardOrderType: { values: lists.CARD_ORDER_TYPES, fallback: 'UNKNOWN' },
  SpendingInterval: { values: lists.SPENDING_INTERVALS, fallback: 'UNKNOWN' },
  FormFactor: { values: lists.FORM_FACTORS, fallback: null },
  CardUsageType: { values: lists.USAGE_TYPES, fallback: 'input' },
  AutoCancelTrigger: { values: lists.AUTO_CANCEL_TRIGGERS, fallback: 'input' },
  Gender: { values: lists.GENDERS, fallback: null },
  IdentityType: { values: lists.IDENTITY_TYPES, fallback: 'input' },
  KycMethod: { values: lists.KYC_METHODS, fallback: 'input' },
  BalanceStatus: { values: lists.BALANCE_STATUSES, fallback: 'UNKNOWN' },
  TransferStatus: { values: lists.TRANSFER_STATUSES, fallback: 'UNKNOWN' },
  TransactionStatus: { values: lists.TRANSACTION_STATUSES, fallback: 'UNKNOWN' },
};

/** The gateway's own enums: not UQPAY's, so not in the datasource. */
const GATEWAY_ENUMS = new Set(['IssuingEventCategory']);

/** Every mutation input type and the zod object it is derived from. */
const INPUTS: Record<string, z.ZodObject> = {
  AddressInput: cardholder.AddressInput,
  IdentityInput: cardholder.IdentityInput,
  KycVerificationInput: cardholder.KycVerificationInput,
  CreateCardholderInput: cardholder.CreateCardholderInput,
  UpdateCardholderInput: cardholder.UpdateCardholderInput,
  SpendingControlInput: card.SpendingControlInput,
  RiskControlsInput: card.RiskControlsInput,
  CreateCardInput: card.CreateCardInput,
  AssignCardInput: card.AssignCardInput,
  UpdateCardInput: card.UpdateCardInput,
  SetCardStatusInput: card.SetCardStatusInput,
  CardAmountInput: card.CardAmountInput,
  ElevateCardLimitInput: card.ElevateCardLimitInput,
  CardDetailsTokenInput: cardDetails.CardDetailsTokenInput,
  CreateTransferInput: transfer.CreateTransferInput,
};

const schemaEnums = () =>
  Object.values(schema.getTypeMap()).filter((t): t is GraphQLEnumType => isEnumType(t) && !t.name.startsWith('__'));
const schemaInputs = () =>
  Object.values(schema.getTypeMap()).filter((t): t is GraphQLInputObjectType => isInputObjectType(t));
const valuesOf = (e: GraphQLEnumType) => e.getValues().map((v) => v.name);
const sorted = (values: readonly string[]) => [...values].sort();

/** What a zod field holds under optional/nullable/array/transform wrappers. */
function inner(t: z.ZodType): z.ZodType {
  if (t instanceof z.ZodOptional || t instanceof z.ZodNullable) return inner(t.unwrap() as z.ZodType);
  if (t instanceof z.ZodArray) return inner(t.element as z.ZodType);
  if (t instanceof z.ZodPipe) return inner(t.in as z.ZodType);
  return t;
}

describe('each UQPAY enum is one value list', () => {
  it("every enum in the schema is a UQPAY enum listed here, or one of the gateway's own", () => {
    const unlisted = schemaEnums()
      .map((e) => e.name)
      .filter((name) => !(name in UQPAY_ENUMS) && !GATEWAY_ENUMS.has(name));
    expect(unlisted).toEqual([]);
  });

  it.each(Object.entries(UQPAY_ENUMS))("%s has exactly its list's values, plus its documented fallback", (name, e) => {
    const type = schema.getType(name);
    expect(isEnumType(type)).toBe(true);
    const values = valuesOf(type as GraphQLEnumType);
    expect(sorted(values)).toEqual(sorted(e.fallback === 'UNKNOWN' ? [...e.values, 'UNKNOWN'] : e.values));

    const spec = upstreamEnumSpec(name);
    if (e.fallback === 'input') {
      expect(spec).toBeUndefined();
      return;
    }
    expect(spec?.fallback).toBe(e.fallback);
    expect(sorted([...spec!.known])).toEqual(sorted(e.values));
    const description = (type as GraphQLEnumType).description ?? '';
    if (e.fallback === 'UNKNOWN') {
      expect(description).toMatch(/answered as UNKNOWN/);
      expect((type as GraphQLEnumType).getValue('UNKNOWN')?.description).toMatch(/does not know yet/);
    } else {
      expect(description).toMatch(/answered as null, or left out of a list/);
    }
  });
});

describe('each mutation input is one zod object', () => {
  it('every input type in the schema is derived from a zod object listed here', () => {
    expect(sorted(schemaInputs().map((t) => t.name))).toEqual(sorted(Object.keys(INPUTS)));
  });

  it.each(Object.entries(INPUTS))(
    '%s: same fields, required exactly where zod requires them, same enum values',
    (name, zod) => {
      const type = schema.getType(name) as GraphQLInputObjectType;
      const fields = type.getFields();
      const shape = zod.shape as Record<string, z.ZodType>;
      expect(sorted(Object.keys(fields))).toEqual(sorted(Object.keys(shape)));
      for (const [key, f] of Object.entries(fields)) {
        const zf = shape[key]!;
        expect({ field: key, required: isNonNullType(f.type) }).toEqual({ field: key, required: !zf.isOptional() });
        expect(f.description, `${name}.${key} has a description`).toBeTruthy();
        const named = getNamedType(f.type);
        const held = inner(zf);
        if (isEnumType(named)) {
          // The zod enum takes the list's values; an upstream enum's UNKNOWN is an answer, refused as input.
          expect(held, `${name}.${key} is validated as an enum`).toBeInstanceOf(z.ZodEnum);
          const options = (held as z.ZodEnum).options as string[];
          expect(sorted(options)).toEqual(sorted(valuesOf(named).filter((v) => v !== 'UNKNOWN')));
          expect(sorted(options)).toEqual(sorted(UQPAY_ENUMS[named.name]!.values));
        }
        if (isInputObjectType(named)) {
          expect(held, `${name}.${key} is validated by ${named.name}'s own zod object`).toBe(INPUTS[named.name]);
        }
      }
    },
  );

  it("an upstream enum's UNKNOWN sent in an input is refused by its zod enum", () => {
    const parsed = card.AssignCardInput.safeParse({
      cardholderId: 'c',
      cardNumber: '4111111111111111',
      currency: 'USD',
      mode: 'UNKNOWN',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([['mode']]);
  });
});
