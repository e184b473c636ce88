import fc from 'fast-check';
import { suppressSmallCount } from './suppress';

describe('suppressSmallCount', () => {
  it('hides counts from 1 to 4', () => {
    expect([1, 2, 3, 4].map(suppressSmallCount)).toEqual(['<5', '<5', '<5', '<5']);
  });

  it('shows zero and counts of five or more as they are', () => {
    expect(suppressSmallCount(0)).toBe(0);
    expect(suppressSmallCount(5)).toBe(5);
    expect(suppressSmallCount(1234)).toBe(1234);
  });

  it('refuses values that are not counts rather than leaking them', () => {
    expect(() => suppressSmallCount(-1)).toThrow(RangeError);
    expect(() => suppressSmallCount(2.5)).toThrow(RangeError);
    expect(() => suppressSmallCount(Number.NaN)).toThrow(RangeError);
  });

  it('property: a count is suppressed exactly when it is between 1 and 4, and shown unchanged otherwise', () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        const shown = suppressSmallCount(n);
        if (n >= 1 && n <= 4) expect(shown).toBe('<5');
        else expect(shown).toBe(n);
      }),
    );
  });

  it('property: no number from 1 to 4 ever comes out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), (n) => {
        expect([1, 2, 3, 4]).not.toContain(suppressSmallCount(n));
      }),
    );
  });
});
