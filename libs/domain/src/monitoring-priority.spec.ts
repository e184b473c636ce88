import fc from 'fast-check';
import { burnRate } from './expenditure';
import { compareMonitoringPriority, MONITORING_PRIORITY_MAX, monitoringPriority, type MonitoringPriorityInput } from './monitoring-priority';

const calm: MonitoringPriorityInput = { latestRating: 1, overdueReports: 0, overdueActionPoints: 0, overdueHighActionPoints: 0, gapBp: 0, daysSinceLastVisit: 30, visited: true };

const inputArb: fc.Arbitrary<MonitoringPriorityInput> = fc
  .record({
    latestRating: fc.constantFrom(null, 1, 2, 3) as fc.Arbitrary<1 | 2 | 3 | null>,
    overdueReports: fc.integer({ min: 0, max: 10 }),
    overdueActionPoints: fc.integer({ min: 0, max: 20 }),
    highShare: fc.integer({ min: 0, max: 20 }),
    gapBp: fc.option(fc.integer({ min: -10_000, max: 10_000 })),
    daysSinceLastVisit: fc.integer({ min: 0, max: 2_000 }),
    visited: fc.boolean(),
  })
  .map(({ highShare, ...r }) => ({ ...r, overdueHighActionPoints: Math.min(highShare, r.overdueActionPoints) }));

const score = (i: MonitoringPriorityInput) => monitoringPriority(i).score;

describe('monitoring priority', () => {
  it('is 0 and low for a grant on track, visited recently, spending as time goes', () => {
    expect(monitoringPriority(calm)).toEqual({ score: 0, band: 'low', reasons: [{ code: 'rating', points: 0, params: { rating: 1 } }] });
  });

  it('adds up each signal with the figure behind it', () => {
    const p = monitoringPriority({ latestRating: 3, overdueReports: 1, overdueActionPoints: 2, overdueHighActionPoints: 1, gapBp: -3_500, daysSinceLastVisit: 130, visited: true });
    expect(p.reasons).toEqual([
      { code: 'rating', points: 50, params: { rating: 3 } },
      { code: 'overdue_reports', points: 15, params: { count: 1 } },
      { code: 'overdue_action_points', points: 20, params: { count: 2, high: 1 } },
      // 35 pp behind: 25 pp beyond the 10 pp tolerance → 3 steps
      { code: 'spending_gap', points: 15, params: { gapBp: -3_500 } },
      // 40 days beyond the 90 → 2 steps
      { code: 'days_since_visit', points: 10, params: { days: 130 } },
    ]);
    expect(p).toMatchObject({ score: 110, band: 'high' });
  });

  it('counts a grant never rated and never visited', () => {
    const p = monitoringPriority({ ...calm, latestRating: null, gapBp: null, daysSinceLastVisit: 200, visited: false });
    expect(p.reasons.map((r) => [r.code, r.points])).toEqual([['unrated', 10], ['never_visited', 20]]);
    expect(p.band).toBe('medium');
  });

  it('caps each part', () => {
    const p = monitoringPriority({ latestRating: 3, overdueReports: 99, overdueActionPoints: 99, overdueHighActionPoints: 99, gapBp: 10_000, daysSinceLastVisit: 9_999, visited: true });
    expect(p.score).toBe(MONITORING_PRIORITY_MAX);
    expect(MONITORING_PRIORITY_MAX).toBe(50 + 45 + 40 + 25 + 30);
  });

  it('takes the gap from burnRate, either way', () => {
    const asOf = '2027-07-01';
    const behind = burnRate({ spentCents: 100_000, approvedCents: 1_000_000, startDate: '2027-01-01', endDate: '2027-12-31', asOf });
    const ahead = burnRate({ spentCents: 900_000, approvedCents: 1_000_000, startDate: '2027-01-01', endDate: '2027-12-31', asOf });
    expect(score({ ...calm, gapBp: behind.gapBp })).toBeGreaterThan(0);
    expect(score({ ...calm, gapBp: ahead.gapBp })).toBeGreaterThan(0);
    expect(score({ ...calm, gapBp: 999 })).toBe(0);
  });

  it('refuses impossible facts', () => {
    expect(() => monitoringPriority({ ...calm, overdueReports: -1 })).toThrow(RangeError);
    expect(() => monitoringPriority({ ...calm, overdueActionPoints: 1, overdueHighActionPoints: 2 })).toThrow(RangeError);
    expect(() => monitoringPriority({ ...calm, gapBp: 0.5 })).toThrow(RangeError);
    expect(() => monitoringPriority({ ...calm, daysSinceLastVisit: 1.5 })).toThrow(RangeError);
  });

  it('is an integer sum of its reasons, within 0..max, and deterministic (property)', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const p = monitoringPriority(i);
        expect(Number.isSafeInteger(p.score)).toBe(true);
        expect(p.score).toBe(p.reasons.reduce((s, r) => s + r.points, 0));
        expect(p.score).toBeGreaterThanOrEqual(0);
        expect(p.score).toBeLessThanOrEqual(MONITORING_PRIORITY_MAX);
        expect(monitoringPriority({ ...i })).toEqual(p);
      }),
    );
  });

  it('a worse rating never lowers the priority (property)', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>, fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>, (i, r1, r2) => {
        const [better, worse] = r1 <= r2 ? [r1, r2] : [r2, r1];
        expect(score({ ...i, latestRating: worse })).toBeGreaterThanOrEqual(score({ ...i, latestRating: better }));
      }),
    );
  });

  it('more overdue reports or action points never lower the priority (property)', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.boolean(), (i, moreReports, morePoints, high) => {
        const base = score(i);
        expect(score({ ...i, overdueReports: i.overdueReports + moreReports })).toBeGreaterThanOrEqual(base);
        const more = { ...i, overdueActionPoints: i.overdueActionPoints + morePoints, overdueHighActionPoints: i.overdueHighActionPoints + (high ? morePoints : 0) };
        expect(score(more)).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('a bigger gap or a longer time since the last visit never lowers the priority (property)', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 1_000 }), (i, widen, moreDays) => {
        const base = score(i);
        if (i.gapBp !== null) {
          const wider = i.gapBp >= 0 ? i.gapBp + widen : i.gapBp - widen;
          expect(score({ ...i, gapBp: wider })).toBeGreaterThanOrEqual(base);
        }
        expect(score({ ...i, daysSinceLastVisit: i.daysSinceLastVisit + moreDays })).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('sorts the most urgent first, deterministically', () => {
    const rows = [
      { grantId: 'g2', daysSinceLastVisit: 10, priority: monitoringPriority({ ...calm, latestRating: 2 }) },
      { grantId: 'g1', daysSinceLastVisit: 50, priority: monitoringPriority({ ...calm, latestRating: 2 }) },
      { grantId: 'g3', daysSinceLastVisit: 10, priority: monitoringPriority({ ...calm, latestRating: 3 }) },
      { grantId: 'g0', daysSinceLastVisit: 10, priority: monitoringPriority({ ...calm, latestRating: 2 }) },
    ];
    expect([...rows].sort(compareMonitoringPriority).map((r) => r.grantId)).toEqual(['g3', 'g1', 'g0', 'g2']);
  });
});
