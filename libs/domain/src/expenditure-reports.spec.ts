import fc from 'fast-check';
import { addDays } from './dates';
import type { ApprovedBudgetLine, ExpenditureReport } from './expenditure';
import {
  expenditureLinesTotal, expenditureReviewProblems, expenditureSubmissionProblems, grantExpenditure, nextExpenditurePeriod, normalizeExpenditureLines, openExpenditureReport,
} from './expenditure-reports';

const LINES: ApprovedBudgetLine[] = [
  { lineId: 'L1', heading: 'human_resources', approvedCents: 1_000_000 },
  { lineId: 'L2', heading: 'travel', approvedCents: 200_000 },
];
const GRANT = { startDate: '2027-01-01', endDate: '2028-12-31' };
const SCHEDULE = [
  { kind: 'interim' as const, periodEnd: '2027-06-30' },
  { kind: 'interim' as const, periodEnd: '2027-12-31' },
  { kind: 'interim' as const, periodEnd: '2028-06-30' },
  { kind: 'final' as const, periodEnd: '2028-12-31' },
];
const report = (id: string, status: ExpenditureReport['status'], periodStart: string, periodEnd: string, lines: ExpenditureReport['lines']) => ({ id, status, periodStart, periodEnd, lines });

describe('the next expenditure period', () => {
  it('starts at the grant and ends with the reporting period, then follows the last report without a gap', () => {
    expect(nextExpenditurePeriod(GRANT, SCHEDULE, [])).toEqual({ ok: true, periodStart: '2027-01-01', periodEnd: '2027-06-30' });
    const first = report('a', 'accepted', '2027-01-01', '2027-04-30', []);
    expect(nextExpenditurePeriod(GRANT, SCHEDULE, [first])).toEqual({ ok: true, periodStart: '2027-05-01', periodEnd: '2027-06-30' });
    expect(nextExpenditurePeriod(GRANT, SCHEDULE, [first], '2027-05-31')).toEqual({ ok: true, periodStart: '2027-05-01', periodEnd: '2027-05-31' });
    expect(nextExpenditurePeriod(GRANT, SCHEDULE, [report('b', 'accepted', '2027-01-01', '2028-07-31', [])])).toEqual({ ok: true, periodStart: '2028-08-01', periodEnd: '2028-12-31' });
  });

  it('refuses while a report is open, past the grant, and a period end out of bounds', () => {
    expect(nextExpenditurePeriod(GRANT, SCHEDULE, [report('a', 'returned', '2027-01-01', '2027-06-30', [])])).toMatchObject({ ok: false, code: 'open_report' });
    expect(nextExpenditurePeriod(GRANT, SCHEDULE, [report('a', 'accepted', '2027-01-01', '2028-12-31', [])])).toMatchObject({ ok: false, code: 'grant_fully_reported' });
    expect(nextExpenditurePeriod(GRANT, SCHEDULE, [], '2026-12-31')).toMatchObject({ ok: false, field: 'periodEnd', code: 'before_start' });
    expect(nextExpenditurePeriod(GRANT, SCHEDULE, [], '2029-01-01')).toMatchObject({ ok: false, field: 'periodEnd', code: 'after_grant_end' });
    expect(nextExpenditurePeriod(GRANT, SCHEDULE, [], '2027-02-30')).toMatchObject({ ok: false, field: 'periodEnd', code: 'invalid_date' });
    expect(openExpenditureReport([report('a', 'accepted', '2027-01-01', '2027-02-01', []), report('b', 'submitted', '2027-02-02', '2027-03-01', [])])?.id).toBe('b');
  });

  it('never leaves a gap nor overlaps, whatever the chosen ends (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 8 }), (steps) => {
      const reports: ReturnType<typeof report>[] = [];
      for (const [i, step] of steps.entries()) {
        const start = nextExpenditurePeriod(GRANT, SCHEDULE, reports);
        if (!start.ok) break;
        const end = new Date(Date.parse(`${start.periodStart}T00:00:00Z`) + step * 86_400_000).toISOString().slice(0, 10);
        const next = nextExpenditurePeriod(GRANT, SCHEDULE, reports, end > GRANT.endDate ? GRANT.endDate : end);
        if (!next.ok) return false;
        if (reports.length) {
          const prev = reports[reports.length - 1]!;
          if (Date.parse(`${next.periodStart}T00:00:00Z`) - Date.parse(`${prev.periodEnd}T00:00:00Z`) !== 86_400_000) return false;
        } else if (next.periodStart !== GRANT.startDate) return false;
        reports.push(report(`r${i}`, 'accepted', next.periodStart, next.periodEnd, []));
      }
      return true;
    }));
  });
});

describe('what stops a submission', () => {
  it('names a line spent beyond its approved amount, counting earlier accepted reports, with the figures', () => {
    const earlier = report('a', 'accepted', '2027-01-01', '2027-06-30', [{ lineId: 'L1', spentCents: 900_000 }]);
    const r = { ...report('b', 'draft', '2027-07-01', '2027-12-31', [{ lineId: 'L1', spentCents: 150_000 }, { lineId: 'L2', spentCents: 200_000 }]), documentFileIds: ['f'] };
    expect(expenditureSubmissionProblems(r, LINES, GRANT, [earlier, r])).toEqual([
      { field: 'lines.0.spentCents', code: 'over_budget', params: { approvedCents: 1_000_000, spentBeforeCents: 900_000, cumulativeCents: 1_050_000, overCents: 50_000 } },
    ]);
    const ok = { ...r, lines: [{ lineId: 'L1', spentCents: 100_000 }, { lineId: 'L2', spentCents: 200_000 }] };
    expect(expenditureSubmissionProblems(ok, LINES, GRANT, [earlier, ok])).toEqual([]);
  });

  it('asks for a supporting document when money was spent, and keeps the base problems', () => {
    const r = { ...report('b', 'draft', '2027-07-01', '2029-12-31', [{ lineId: 'L1', spentCents: 1 }, { lineId: 'XX', spentCents: 2 }]), documentFileIds: [] };
    const fields = expenditureSubmissionProblems(r, LINES, GRANT, []).map((p) => `${p.field}:${p.code}`);
    expect(fields).toEqual(['lines.1.lineId:not_in_budget', 'periodEnd:after_grant_end', 'documentFileIds:required']);
    const zero = { ...report('c', 'draft', '2027-07-01', '2027-12-31', [{ lineId: 'L1', spentCents: 0 }]), documentFileIds: [] };
    expect(expenditureSubmissionProblems(zero, LINES, GRANT, [])).toEqual([]);
  });

  it('never passes a report that takes a line beyond its approved amount (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 2_000_000 }), (before, now) => {
      const earlier = report('a', 'accepted', '2027-01-01', '2027-06-30', [{ lineId: 'L1', spentCents: before }]);
      const r = { ...report('b', 'draft', '2027-07-01', '2027-12-31', [{ lineId: 'L1', spentCents: now }]), documentFileIds: ['f'] };
      const over = expenditureSubmissionProblems(r, LINES, GRANT, [earlier]).some((p) => p.code === 'over_budget');
      return over === before + now > 1_000_000;
    }));
  });
});

describe('no spending reported for days that have not come', () => {
  const r = { ...report('b', 'draft', '2027-07-01', '2027-12-31', [{ lineId: 'L1', spentCents: 0 }]), documentFileIds: [] };

  it('refuses a report whose period starts after today, naming periodStart with the start', () => {
    expect(expenditureSubmissionProblems(r, LINES, GRANT, [], '2027-06-30')).toEqual([{ field: 'periodStart', code: 'not_started', params: { periodStart: '2027-07-01' } }]);
  });

  it('accepts a period that begins today or has begun, even if it ends after today; without today there is no such check', () => {
    expect(expenditureSubmissionProblems(r, LINES, GRANT, [], '2027-07-01')).toEqual([]);
    expect(expenditureSubmissionProblems(r, LINES, GRANT, [], '2027-09-15')).toEqual([]);
    expect(expenditureSubmissionProblems(r, LINES, GRANT, [])).toEqual([]);
  });

  it('names periodStart exactly when the period starts after today (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -400, max: 400 }), (offset) => {
      const today = addDays(r.periodStart, offset);
      const refused = expenditureSubmissionProblems(r, LINES, GRANT, [], today).some((p) => p.field === 'periodStart' && p.code === 'not_started');
      return refused === offset < 0;
    }));
  });
});

describe('the Secretariat\'s review', () => {
  it('asks a return to say why, on the report or a line, and line comments to name lines of the budget', () => {
    expect(expenditureReviewProblems({ decision: 'accept' }, ['L1'])).toEqual([]);
    expect(expenditureReviewProblems({ decision: 'return', comment: '  ' }, ['L1'])).toEqual([{ field: 'comment', code: 'required' }]);
    expect(expenditureReviewProblems({ decision: 'return', lineComments: [{ lineId: 'L1', comment: 'Invoice missing' }] }, ['L1'])).toEqual([]);
    expect(expenditureReviewProblems({ decision: 'return', comment: 'x', lineComments: [{ lineId: 'L9', comment: 'a' }, { lineId: 'L1', comment: ' ' }] }, ['L1']))
      .toEqual([{ field: 'lineComments.0.lineId', code: 'not_in_budget' }, { field: 'lineComments.1.comment', code: 'required' }]);
  });
});

describe('the grant\'s statement and lines', () => {
  it('counts every accepted report cumulatively, the latest as the period, with the burn rate', () => {
    const reports = [
      report('a', 'accepted', '2027-01-01', '2027-06-30', [{ lineId: 'L1', spentCents: 300_000 }]),
      report('b', 'accepted', '2027-07-01', '2027-12-31', [{ lineId: 'L1', spentCents: 100_000 }, { lineId: 'L2', spentCents: 50_000 }]),
      report('c', 'submitted', '2028-01-01', '2028-06-30', [{ lineId: 'L1', spentCents: 500_000 }]),
    ];
    const g = grantExpenditure(LINES, reports, GRANT, '2027-12-31');
    expect(g.period).toEqual({ periodStart: '2027-07-01', periodEnd: '2027-12-31' });
    expect(g.statement.lines.map((l) => [l.lineId, l.spentInPeriodCents, l.cumulativeCents, l.remainingCents, l.varianceBp])).toEqual([
      ['L1', 100_000, 400_000, 600_000, -6000], ['L2', 50_000, 50_000, 150_000, -7500],
    ]);
    expect(g.burnRate).toMatchObject({ spentCents: 450_000, approvedCents: 1_200_000, spentBp: 3750, elapsedBp: 4993 });
    expect(grantExpenditure(LINES, [], GRANT, '2026-01-01')).toMatchObject({ period: null, statement: { totals: { cumulativeCents: 0 } }, burnRate: { daysElapsed: 0 } });
  });

  it('keeps one line per approved line in order, missing ones at zero, and totals exactly', () => {
    expect(normalizeExpenditureLines([{ lineId: 'L2', spentCents: 5 }, { lineId: 'X', spentCents: 1 }], LINES)).toEqual([
      { lineId: 'L1', spentCents: 0 }, { lineId: 'L2', spentCents: 5 }, { lineId: 'X', spentCents: 1 },
    ]);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { maxLength: 30 }), (xs) =>
      expenditureLinesTotal(xs.map((c, i) => ({ lineId: `L${i}`, spentCents: c }))) === xs.reduce((s, c) => s + c, 0)));
    expect(() => expenditureLinesTotal([{ lineId: 'a', spentCents: Number.MAX_SAFE_INTEGER }, { lineId: 'b', spentCents: 1 }])).toThrow(RangeError);
  });
});
