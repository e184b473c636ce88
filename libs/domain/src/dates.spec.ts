import fc from 'fast-check';
import { addDays, daysBetween, isIsoDate, isoDateToDayNumber, isSaneDate } from './dates';

describe('calendar dates', () => {
  it('counts days across month, year and leap-day boundaries', () => {
    expect(daysBetween('2025-01-31', '2025-02-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2025-01-01')).toBe(-365);
  });

  it('is not shifted by the daylight-saving change in Europe', () => {
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-10-25', '2025-10-27')).toBe(2);
  });

  it('rejects malformed or impossible dates', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('2025-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(isoDateToDayNumber('1970-01-02')).toBe(1);
    expect(() => daysBetween('2025-02-30', '2025-03-01')).toThrow(RangeError);
  });

  it('adds days and round-trips with daysBetween', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -5000, max: 5000 }), (start, n) => {
        const from = addDays('1970-01-01', start);
        expect(daysBetween(from, addDays(from, n))).toBe(n);
      }),
    );
  });
});

describe('sane dates', () => {
  it('takes 2000-01-01 to 2100-12-31 and nothing outside', () => {
    for (const ok of ['2000-01-01', '2026-07-01', '2100-12-31', '2028-02-29']) expect(isSaneDate(ok)).toBe(true);
    for (const bad of ['0000-01-01', '1999-12-31', '2101-01-01', '9999-12-31', '2027-02-30', '', null, 20260701]) expect(isSaneDate(bad)).toBe(false);
  });
});
