import { describe, expect, it } from 'vitest';
import { LosslessNumber } from 'lossless-json';
import {
  AmountFormatError,
  InexactNumberError,
  normaliseAmounts,
  toDecimal,
} from '../../src/datasources/uqpay/transport/amounts';
import { normaliseCard } from '../../src/datasources/uqpay/resources/cards';
import { normaliseProduct } from '../../src/datasources/uqpay/resources/products';

describe('toDecimal', () => {
  it('keeps decimal strings exactly', () => {
    for (const s of ['0', '2000.05', '51.00', '-3.5', '0.01', '12345678901234567890.123456789'])
      expect(toDecimal(s)).toBe(s);
    expect(toDecimal(' 007.50 ')).toBe('7.50');
    expect(toDecimal('1e3')).toBe('1000');
    expect(toDecimal('+4')).toBe('4');
  });
  it('converts JSON numbers through their shortest repr, never float arithmetic', () => {
    expect(toDecimal(2000.05)).toBe('2000.05');
    expect(toDecimal(0.1)).toBe('0.1');
    expect(toDecimal(100)).toBe('100');
    expect(toDecimal(1e-7)).toBe('0.0000001');
    expect(toDecimal(-0.5)).toBe('-0.5');
    expect(toDecimal(-0)).toBe('0');
    expect(toDecimal(123456789012.34)).toBe('123456789012.34');
  });
  it('sends a double that may not be its literal back for a lossless parse (InexactNumberError)', () => {
    expect(() => toDecimal(0.1 + 0.2)).toThrow(InexactNumberError); // 0.30000000000000004: 17 digits
    expect(() => toDecimal(1.5e21)).toThrow(InexactNumberError); // ≥ 10^13: "1500000000000000000000.01" parses alike
    // eslint-disable-next-line no-loss-of-precision -- the inexact double is the input under test
    expect(() => toDecimal(99999999999999.99)).toThrow(InexactNumberError);
    expect(toDecimal(new LosslessNumber('99999999999999.99'))).toBe('99999999999999.99');
    expect(toDecimal(new LosslessNumber('1.5e21'))).toBe('1500000000000000000000');
  });
  it('refuses what is not an amount', () => {
    expect(() => toDecimal(Number.NaN)).toThrow(AmountFormatError);
    expect(() => toDecimal(Infinity)).toThrow(AmountFormatError);
    expect(() => toDecimal('2000USD')).toThrow(AmountFormatError);
    expect(() => toDecimal('.')).toThrow(AmountFormatError);
    expect(() => toDecimal({})).toThrow(AmountFormatError);
  });
  it('normalises every amount field of a card and a product, in place', () => {
    const card = JSON.parse(
      '{"card_id":"c","card_limit":100,"available_balance":"20.5","consumed_amount":51.1,"spending_controls":[{"amount":10,"interval":"DAILY"}],"no_pin_payment_amount":"2000USD","cardholder":{"cardholder_id":"h"}}',
    );
    normaliseCard(card);
    expect(card).toMatchObject({
      card_limit: '100',
      available_balance: '20.5',
      consumed_amount: '51.1',
      spending_controls: [{ amount: '10', interval: 'DAILY' }],
      no_pin_payment_amount: '2000USD',
    });
    const product = { no_pin_payment_amount: [{ amount: 2000, currency: 'USD' }] };
    normaliseProduct(product);
    expect(product.no_pin_payment_amount[0]!.amount).toBe('2000');
    const o = { amount: null, fee_amount: undefined, ending_balance: 7 };
    normaliseAmounts(o, ['amount', 'fee_amount', 'ending_balance']);
    expect(o).toEqual({ amount: null, fee_amount: undefined, ending_balance: '7' });
  });
});
