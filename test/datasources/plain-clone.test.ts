// The coalescer's copy for joiners: equal to structuredClone's for parsed JSON, and handed to structuredClone for
// anything that is not plain data.
import { describe, expect, it } from 'vitest';
import { plainClone } from '../../src/datasources/uqpay/economy/plain-clone';

describe('plainClone', () => {
  it('copies parsed JSON deeply, as structuredClone does', () => {
    const value = JSON.parse(
      '{"data":{"card_id":"c1","balance":"12.30","limits":[1,-2.5,null,true,{"x":[]}],"__proto__":{"p":1}},"n":0}',
    ) as Record<string, unknown>;
    const copy = plainClone(value);
    expect(copy).toStrictEqual(structuredClone(value));
    expect(Object.keys((copy.data as object) ?? {})).toEqual(Object.keys(value.data as object));
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype);
    expect(Object.hasOwn(copy.data as object, '__proto__')).toBe(true);
    expect(copy.data).not.toBe(value.data);
    expect((copy.data as { limits: unknown[] }).limits).not.toBe((value.data as { limits: unknown[] }).limits);
  });

  it('keeps primitives and -0 as they are', () => {
    for (const v of [undefined, null, 0, -0, 'x', true, 1.5]) expect(Object.is(plainClone(v), v)).toBe(true);
    expect(Object.is(plainClone({ a: -0 }).a, -0)).toBe(true);
  });

  it('hands what is not plain data to structuredClone', () => {
    const date = new Date(0);
    expect(plainClone({ d: date }).d).toStrictEqual(structuredClone(date));
    const holes = [1, , 3]; // eslint-disable-line no-sparse-arrays
    expect(plainClone(holes)).toStrictEqual(structuredClone(holes));
    const extra = Object.assign([1], { tag: 'x' });
    expect(plainClone(extra)).toStrictEqual(structuredClone(extra));
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(plainClone(bare)).toStrictEqual(structuredClone(bare));
  });
});
