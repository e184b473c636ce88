import fc from 'fast-check';
import { cents, wholeNumber, wholeNumbers } from './whole-numbers';

describe('whole numbers from bigint columns', () => {
  it('reads text and numbers exactly, and null cents as 0', () => {
    expect(cents('4161900')).toBe(4_161_900);
    expect(cents(12)).toBe(12);
    expect(cents(null)).toBe(0);
    expect(cents(undefined)).toBe(0);
    expect(wholeNumber(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses what is not a whole number within 2^53, naming the column', () => {
    expect(() => cents('9007199254740993')).toThrow(RangeError);
    expect(() => cents('12.5')).toThrow(/cents amount/);
    expect(() => wholeNumbers({ size: '1e400' }, ['size'])).toThrow(/size/);
  });

  it('turns only the named columns and keeps nulls', () => {
    expect(wholeNumbers({ a: '7', b: '8', c: null as string | null }, ['a', 'c'])).toEqual({ a: 7, b: '8', c: null });
  });

  it('round-trips every safe integer written as text', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => cents(String(n)) === n));
  });
});
