import fc from 'fast-check';
import { addDays } from './dates';
import { LICENCE_WARNING_DAYS, licenceStatus } from './licence';

describe('licenceStatus', () => {
  it('is missing when no expiry date is known', () => {
    expect(licenceStatus(null, '2025-06-01')).toEqual({ status: 'missing', daysLeft: null });
    expect(licenceStatus('', '2025-06-01')).toEqual({ status: 'missing', daysLeft: null });
  });

  it('is valid when more than 60 days are left', () => {
    expect(licenceStatus('2026-06-01', '2025-06-01')).toEqual({ status: 'valid', daysLeft: 365 });
    expect(licenceStatus('2025-08-01', '2025-06-01')).toEqual({ status: 'valid', daysLeft: 61 });
  });

  it('is expiring from 60 days before the expiry date until the expiry date itself', () => {
    expect(LICENCE_WARNING_DAYS).toBe(60);
    expect(licenceStatus('2025-07-31', '2025-06-01')).toEqual({ status: 'expiring', daysLeft: 60 });
    expect(licenceStatus('2025-06-10', '2025-06-01')).toEqual({ status: 'expiring', daysLeft: 9 });
    expect(licenceStatus('2025-06-01', '2025-06-01')).toEqual({ status: 'expiring', daysLeft: 0 });
  });

  it('is expired the day after the expiry date', () => {
    expect(licenceStatus('2025-05-31', '2025-06-01')).toEqual({ status: 'expired', daysLeft: -1 });
    expect(licenceStatus('2024-06-01', '2025-06-01')).toEqual({ status: 'expired', daysLeft: -365 });
  });

  it('counts calendar days across a leap year', () => {
    expect(licenceStatus('2024-03-01', '2024-02-28').daysLeft).toBe(2);
  });

  it('refuses malformed dates instead of guessing', () => {
    expect(() => licenceStatus('01/06/2025', '2025-06-01')).toThrow(RangeError);
    expect(() => licenceStatus('2025-06-01', 'today')).toThrow(RangeError);
    expect(() => licenceStatus(null, 'today')).toThrow(RangeError);
  });

  const dayArb = fc.integer({ min: 0, max: 30_000 }).map((n) => addDays('2000-01-01', n));
  const rank = { expired: 0, expiring: 1, valid: 2 } as const;

  it('never gives fewer days left, or a worse status, to a later expiry date', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -500, max: 500 }), fc.integer({ min: 0, max: 500 }), (today, offset, extra) => {
        const earlier = licenceStatus(addDays(today, offset), today);
        const later = licenceStatus(addDays(today, offset + extra), today);
        expect(later.daysLeft! - earlier.daysLeft!).toBe(extra);
        expect(rank[later.status as keyof typeof rank]).toBeGreaterThanOrEqual(rank[earlier.status as keyof typeof rank]);
      }),
    );
  });

  it('loses exactly one day left per day that passes', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -500, max: 500 }), fc.integer({ min: 0, max: 500 }), (expiry, from, wait) => {
        const before = licenceStatus(expiry, addDays(expiry, from));
        const after = licenceStatus(expiry, addDays(expiry, from + wait));
        expect(before.daysLeft! - after.daysLeft!).toBe(wait);
      }),
    );
  });
});
