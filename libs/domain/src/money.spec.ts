import fc from 'fast-check';
import { formatEuroCents, parseEuroToCents, splitCents } from './money';

describe('formatEuroCents', () => {
  it('formats in English with the euro sign first', () => {
    expect(formatEuroCents(123456, 'en')).toBe('€1,234.56');
    expect(formatEuroCents(6_000_000, 'en')).toBe('€60,000.00');
    expect(formatEuroCents(5, 'en')).toBe('€0.05');
    expect(formatEuroCents(0, 'en')).toBe('€0.00');
  });

  it('formats in Albanian and Serbian with dots for thousands and a comma for cents', () => {
    expect(formatEuroCents(123456, 'sq')).toBe('1.234,56 €');
    expect(formatEuroCents(123456, 'sr')).toBe('1.234,56 €');
    expect(formatEuroCents(123456789012, 'sq')).toBe('1.234.567.890,12 €');
    expect(formatEuroCents(99, 'sr')).toBe('0,99 €');
  });

  it('puts a minus sign before negative amounts', () => {
    expect(formatEuroCents(-500, 'en')).toBe('-€5.00');
    expect(formatEuroCents(-123456, 'sq')).toBe('-1.234,56 €');
  });

  it('refuses fractional cents', () => {
    expect(() => formatEuroCents(10.5, 'en')).toThrow(RangeError);
    expect(() => formatEuroCents(Number.NaN, 'en')).toThrow(RangeError);
  });
});

describe('parseEuroToCents', () => {
  it.each([
    ['1234.56', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1234', 123400],
    ['1234,5', 123450],
    ['0.05', 5],
    ['60.000', 6_000_000],
    ['60,000', 6_000_000],
    ['1.234.567,89', 123456789],
    ['1,234,567.89', 123456789],
    ['1 234,56', 123456],
    ['1\u00a0234,56 €', 123456],
    ['€1,234.56', 123456],
    ['  42  ', 4200],
    ['0', 0],
  ])('reads %j as %i cents', (input, cents) => {
    expect(parseEuroToCents(input)).toBe(cents);
  });

  it('reads a single separator before exactly three digits as thousands, since cents have two digits', () => {
    expect(parseEuroToCents('1.234')).toBe(123400);
    expect(parseEuroToCents('1,234')).toBe(123400);
    expect(parseEuroToCents('1,23')).toBe(123);
  });

  it.each(['-5', '-1.234,56', '1.2345', '12.345,678', '0.123', '1,23,456', '1.23.45', '12.', '.5', '', 'abc', '1e3', '12 €x', '1.234.56', '99999999999999999999'])(
    'rejects %j',
    (input) => {
      expect(parseEuroToCents(input)).toBeNull();
    },
  );

  it('reads back what formatEuroCents prints, in every language', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.constantFrom('en', 'sq', 'sr' as const), (cents, lang) => {
        expect(parseEuroToCents(formatEuroCents(cents, lang))).toBe(cents);
      }),
    );
  });
});

describe('splitCents', () => {
  it('splits a grant 80/20 into pre-financing and balance', () => {
    expect(splitCents(6_000_000, [80, 20])).toEqual([4_800_000, 1_200_000]);
  });

  it('gives leftover cents to the largest remainders, earlier parts first on ties', () => {
    expect(splitCents(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitCents(10, [0.3, 0.3, 0.4])).toEqual([3, 3, 4]);
    expect(splitCents(1001, [1, 2])).toEqual([334, 667]);
  });

  it('gives nothing to a zero weight', () => {
    expect(splitCents(1000, [0, 3, 1])).toEqual([0, 750, 250]);
    expect(splitCents(0, [0, 0])).toEqual([0, 0]);
  });

  it('is exact where floating point is not (0.1 + 0.2)', () => {
    expect(splitCents(3, [0.1, 0.2])).toEqual([1, 2]);
  });

  it('refuses impossible inputs', () => {
    expect(() => splitCents(100, [])).toThrow(RangeError);
    expect(() => splitCents(100, [0, 0])).toThrow(RangeError);
    expect(() => splitCents(100, [1, -1])).toThrow(RangeError);
    expect(() => splitCents(100, [1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => splitCents(-100, [1])).toThrow(RangeError);
    expect(() => splitCents(10.5, [1])).toThrow(RangeError);
  });

  const weightsArb = fc
    .array(fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 1000, noNaN: true, noDefaultInfinity: true })), {
      minLength: 1,
      maxLength: 12,
    })
    .filter((ws) => ws.some((w) => w > 0));

  it('property: parts sum exactly to the total, are never negative and stay within a cent of the exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_00 }), weightsArb, (total, weights) => {
        const parts = splitCents(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        expect(parts).toHaveLength(weights.length);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((part, i) => {
          expect(Number.isInteger(part)).toBe(true);
          expect(part).toBeGreaterThanOrEqual(0);
          expect(Math.abs(part - (total * weights[i]!) / sum)).toBeLessThanOrEqual(1 + 1e-6 * Math.max(1, total / 1e6));
        });
      }),
    );
  });

  it('property: scaling all weights by the same factor changes nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1000 }), (total, weights, k) => {
        fc.pre(weights.some((w) => w > 0));
        expect(splitCents(total, weights.map((w) => w * k))).toEqual(splitCents(total, weights));
      }),
    );
  });
});
