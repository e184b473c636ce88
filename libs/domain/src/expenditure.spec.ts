import fc from 'fast-check';
import { addDays } from './dates';
import {
  acceptedSpentCents,
  burnRate,
  canTransitionExpenditureReport,
  expenditureReportProblems,
  expenditureStatement,
  shareBp,
  type ApprovedBudgetLine,
  type ExpenditureReport,
} from './expenditure';

const LINES: ApprovedBudgetLine[] = [
  { lineId: 'hr', heading: 'human_resources', approvedCents: 1_000_000 },
  { lineId: 'tr', heading: 'travel', approvedCents: 200_000 },
  { lineId: 'hr2', heading: 'human_resources', approvedCents: 300_000 },
];
const GRANT = { startDate: '2027-01-01', endDate: '2027-12-31' };
const report = (id: string, status: ExpenditureReport['status'], periodStart: string, periodEnd: string, lines: ExpenditureReport['lines']): ExpenditureReport => ({ id, status, periodStart, periodEnd, lines });

describe('expenditure report states', () => {
  it('goes draft → submitted → accepted, or returned and submitted again', () => {
    expect(canTransitionExpenditureReport('draft', 'submitted')).toBe(true);
    expect(canTransitionExpenditureReport('submitted', 'returned')).toBe(true);
    expect(canTransitionExpenditureReport('returned', 'submitted')).toBe(true);
    expect(canTransitionExpenditureReport('submitted', 'accepted')).toBe(true);
    expect(canTransitionExpenditureReport('accepted', 'returned')).toBe(false);
    expect(canTransitionExpenditureReport('draft', 'accepted')).toBe(false);
  });
});

describe('expenditure report problems', () => {
  it('names the field of each bad line and period', () => {
    const r = report('r2', 'draft', '2027-06-01', '2028-01-05', [
      { lineId: 'hr', spentCents: 100 },
      { lineId: 'hr', spentCents: 100 },
      { lineId: 'zz', spentCents: -1 },
      { lineId: 'tr', spentCents: 1.5 },
    ]);
    const others = [report('r1', 'accepted', '2027-01-01', '2027-06-30', []), report('r0', 'returned', '2027-01-01', '2027-12-31', [])];
    expect(expenditureReportProblems(r, LINES, GRANT, others)).toEqual([
      { field: 'lines.1.lineId', code: 'duplicate' },
      { field: 'lines.2.lineId', code: 'not_in_budget' },
      { field: 'lines.2.spentCents', code: 'negative' },
      { field: 'lines.3.spentCents', code: 'not_cents' },
      { field: 'periodEnd', code: 'after_grant_end' },
      { field: 'periodStart', code: 'overlaps_report', params: { reportId: 'r1' } },
    ]);
    expect(expenditureReportProblems(report('r', 'draft', '2027-07-01', '2027-06-30', []), LINES, GRANT)).toEqual([
      { field: 'lines', code: 'required' },
      { field: 'periodEnd', code: 'before_start' },
    ]);
    expect(expenditureReportProblems(report('r2', 'draft', '2027-07-01', '2027-12-31', [{ lineId: 'hr', spentCents: 0 }]), LINES, GRANT, others)).toEqual([]);
  });
});

describe('expenditure statement', () => {
  const r1 = report('r1', 'accepted', '2027-01-01', '2027-06-30', [{ lineId: 'hr', spentCents: 400_000 }, { lineId: 'tr', spentCents: 50_000 }]);
  const r2 = report('r2', 'submitted', '2027-07-01', '2027-12-31', [{ lineId: 'hr', spentCents: 500_000 }, { lineId: 'tr', spentCents: 170_000 }]);
  const returned = report('rx', 'returned', '2027-01-01', '2027-03-31', [{ lineId: 'hr', spentCents: 999_999 }]);

  it('gives spent in period, cumulative, remaining and variance per line', () => {
    const s = expenditureStatement(LINES, r2, [r1, r2, returned]);
    expect(s.lines).toEqual([
      { lineId: 'hr', heading: 'human_resources', approvedCents: 1_000_000, spentInPeriodCents: 500_000, cumulativeCents: 900_000, remainingCents: 100_000, varianceBp: -1000, usedBp: 9000, overspent: false },
      { lineId: 'tr', heading: 'travel', approvedCents: 200_000, spentInPeriodCents: 170_000, cumulativeCents: 220_000, remainingCents: -20_000, varianceBp: 1000, usedBp: 11_000, overspent: true },
      { lineId: 'hr2', heading: 'human_resources', approvedCents: 300_000, spentInPeriodCents: 0, cumulativeCents: 0, remainingCents: 300_000, varianceBp: -10_000, usedBp: 0, overspent: false },
    ]);
    expect(s.headings).toEqual([
      { heading: 'human_resources', approvedCents: 1_300_000, spentInPeriodCents: 500_000, cumulativeCents: 900_000, remainingCents: 400_000, varianceBp: -3076 },
      { heading: 'travel', approvedCents: 200_000, spentInPeriodCents: 170_000, cumulativeCents: 220_000, remainingCents: -20_000, varianceBp: 1000 },
    ]);
    expect(s.totals).toEqual({ approvedCents: 1_500_000, spentInPeriodCents: 670_000, cumulativeCents: 1_120_000, remainingCents: 380_000, varianceBp: -2533 });
    // the first report alone: the returned one and the later one do not count
    expect(expenditureStatement(LINES, r1, [r1, r2, returned]).totals.cumulativeCents).toBe(450_000);
    expect(acceptedSpentCents([r1, r2, returned])).toBe(450_000);
    expect(s.unbudgeted).toEqual([]);
  });

  it('shows spending on a line no longer in the budget apart, never dropping it', () => {
    const old = report('r1', 'accepted', '2027-01-01', '2027-06-30', [{ lineId: 'gone', spentCents: 7_000 }, { lineId: 'hr', spentCents: 1 }]);
    const now = report('r2', 'submitted', '2027-07-01', '2027-12-31', [{ lineId: 'gone', spentCents: 3_000 }]);
    const s = expenditureStatement(LINES, now, [old, now]);
    expect(s.unbudgeted).toEqual([{ lineId: 'gone', spentInPeriodCents: 3_000, cumulativeCents: 10_000 }]);
    expect(s.totals.cumulativeCents).toBe(1);
  });

  it('is cumulative across accepted reports, and adds up (property)', () => {
    const lineArb = fc.constantFrom('hr', 'tr', 'hr2');
    const reportsArb = fc.array(fc.tuple(fc.constantFrom('accepted', 'submitted', 'returned', 'draft') as fc.Arbitrary<ExpenditureReport['status']>, fc.array(fc.record({ lineId: lineArb, spentCents: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 4 })), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(reportsArb, (rs) => {
        const reports = rs.map(([status, lines], i) => report(`r${i}`, status, addDays('2027-01-01', i * 30), addDays('2027-01-01', i * 30 + 29), lines));
        const last = reports[reports.length - 1]!;
        const s = expenditureStatement(LINES, last, reports);
        const earlierAccepted = reports.slice(0, -1).filter((r) => r.status === 'accepted');
        const expected = acceptedSpentCents(earlierAccepted) + last.lines.reduce((a, l) => a + l.spentCents, 0);
        expect(s.totals.cumulativeCents).toBe(expected);
        expect(s.totals.spentInPeriodCents).toBe(last.lines.reduce((a, l) => a + l.spentCents, 0));
        expect(s.lines.reduce((a, l) => a + l.cumulativeCents, 0)).toBe(s.totals.cumulativeCents);
        expect(s.unbudgeted).toEqual([]);
        expect(s.headings.reduce((a, h) => a + h.remainingCents, 0)).toBe(s.totals.remainingCents);
        for (const l of s.lines) {
          expect(l.remainingCents + l.cumulativeCents).toBe(l.approvedCents);
          expect(l.cumulativeCents).toBeGreaterThanOrEqual(l.spentInPeriodCents);
          expect(l.overspent).toBe(l.remainingCents < 0);
        }
      }),
    );
  });
});

describe('burn rate', () => {
  it('compares money spent with time elapsed', () => {
    expect(burnRate({ spentCents: 250_000, approvedCents: 1_000_000, startDate: '2027-01-01', endDate: '2027-12-31', asOf: '2027-07-02' })).toEqual({
      spentCents: 250_000, approvedCents: 1_000_000, daysElapsed: 183, totalDays: 365, spentBp: 2500, elapsedBp: 5013, gapBp: -2513, burnRatioBp: 4986,
    });
    const before = burnRate({ spentCents: 0, approvedCents: 1_000_000, startDate: '2027-01-01', endDate: '2027-12-31', asOf: '2026-12-01' });
    expect([before.daysElapsed, before.elapsedBp, before.burnRatioBp]).toEqual([0, 0, null]);
    const after = burnRate({ spentCents: 1_000_000, approvedCents: 1_000_000, startDate: '2027-01-01', endDate: '2027-12-31', asOf: '2028-03-01' });
    expect([after.daysElapsed, after.elapsedBp, after.spentBp, after.gapBp, after.burnRatioBp]).toEqual([365, 10_000, 10_000, 0, 10_000]);
    expect(burnRate({ spentCents: 0, approvedCents: 0, startDate: '2027-01-01', endDate: '2027-01-01', asOf: '2027-01-01' }).spentBp).toBeNull();
    expect(() => burnRate({ spentCents: 0, approvedCents: 1, startDate: '2027-01-02', endDate: '2027-01-01', asOf: '2027-01-01' })).toThrow(RangeError);
  });

  it('keeps elapsed time within the grant and grows with the day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: -100, max: 1700 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (len, at, step, approved, spent) => {
        const startDate = '2027-01-01';
        const endDate = addDays(startDate, len);
        const a = burnRate({ spentCents: spent, approvedCents: approved, startDate, endDate, asOf: addDays(startDate, at) });
        const b = burnRate({ spentCents: spent, approvedCents: approved, startDate, endDate, asOf: addDays(startDate, at + step) });
        expect(a.elapsedBp).toBeGreaterThanOrEqual(0);
        expect(a.elapsedBp).toBeLessThanOrEqual(10_000);
        expect(b.elapsedBp).toBeGreaterThanOrEqual(a.elapsedBp);
        expect(a.spentBp).toBe(shareBp(spent, approved));
      }),
    );
  });
});
