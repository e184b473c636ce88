import fc from 'fast-check';
import { computeBudget, COST_HEADINGS, type BudgetRules } from './budget';
import { addDays, daysBetween } from './dates';
import {
  addMonths,
  agreementProblems,
  budgetRevisionNeeded,
  checkRevisedBudget,
  grantAgreementNumber,
  grantDurationMonths,
  grantReportingSchedule,
  nextGrantSequence,
  parseGrantAgreementNumber,
  type AgreementInput,
} from './grant-agreement';
import { DEFAULT_GRANT_SETTINGS } from './grant-settings';

const IBAN = 'XK051212012345678906';
const dateArb = fc.integer({ min: 0, max: 365 * 60 }).map((d) => addDays('2000-01-01', d));

describe('agreement number', () => {
  it("is the call's reference, G and a per-call sequence", () => {
    expect(grantAgreementNumber('MF-C3-2026-01', 1)).toBe('MF-C3-2026-01-G-001');
    expect(grantAgreementNumber(' MF-C3-2026-01 ', 42)).toBe('MF-C3-2026-01-G-042');
    expect(grantAgreementNumber('MF-C3-2026-01', 1234)).toBe('MF-C3-2026-01-G-1234');
    expect(() => grantAgreementNumber('MF-C3-2026-01', 0)).toThrow(RangeError);
    expect(() => grantAgreementNumber('MF-C3-2026-01', 1.5)).toThrow(RangeError);
    expect(() => grantAgreementNumber(' ', 1)).toThrow(RangeError);
  });

  it('reads back and continues the sequence of its own call only', () => {
    expect(parseGrantAgreementNumber('MF-C3-2026-01-G-007')).toEqual({ callRef: 'MF-C3-2026-01', seq: 7 });
    expect(parseGrantAgreementNumber('MF-C3-2026-01-007')).toBeNull();
    expect(nextGrantSequence([], 'A-1')).toBe(1);
    expect(nextGrantSequence(['A-1-G-001', 'A-1-G-003', 'A-2-G-009', 'junk'], 'A-1')).toBe(4);
  });

  it('round-trips for any reference and sequence (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{1,20}[A-Z0-9]$/), fc.integer({ min: 1, max: 99_999 }), (ref, seq) => {
        expect(parseGrantAgreementNumber(grantAgreementNumber(ref, seq))).toEqual({ callRef: ref, seq });
      }),
    );
  });
});

describe('months and duration', () => {
  it('adds months, keeping to the end of shorter months', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-03-15', 12)).toBe('2028-03-15');
    expect(addMonths('2027-03-15', -3)).toBe('2026-12-15');
    expect(() => addMonths('2027-02-30', 1)).toThrow(RangeError);
  });

  it('counts a started month as a month', () => {
    expect(grantDurationMonths('2027-01-01', '2027-12-31')).toBe(12);
    expect(grantDurationMonths('2027-01-15', '2028-01-14')).toBe(12);
    expect(grantDurationMonths('2027-01-01', '2028-01-01')).toBe(13);
    expect(grantDurationMonths('2027-01-01', '2027-01-01')).toBe(1);
    expect(grantDurationMonths('2027-03-01', '2029-02-28')).toBe(24);
    expect(() => grantDurationMonths('2027-03-01', '2027-02-28')).toThrow(RangeError);
  });

  it('is the least n months that cover the grant (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 2000 }), (start, len) => {
        const end = addDays(start, len);
        const n = grantDurationMonths(start, end);
        expect(addMonths(start, n) > end).toBe(true);
        if (n > 1) expect(addMonths(start, n - 1) <= end).toBe(true);
      }),
    );
  });
});

describe('reporting schedule', () => {
  it('has interim reports every 6 months and the final report 60 days after the end', () => {
    expect(grantReportingSchedule('2027-01-01', '2027-12-31', DEFAULT_GRANT_SETTINGS)).toEqual([
      { kind: 'interim', seq: 1, periodStart: '2027-01-01', periodEnd: '2027-06-30', dueDate: '2027-07-30' },
      { kind: 'final', seq: 2, periodStart: '2027-01-01', periodEnd: '2027-12-31', dueDate: '2028-02-29' },
    ]);
    const long = grantReportingSchedule('2027-01-01', '2028-06-30', DEFAULT_GRANT_SETTINGS);
    expect(long.map((r) => `${r.kind}:${r.periodEnd}`)).toEqual(['interim:2027-06-30', 'interim:2027-12-31', 'final:2028-06-30']);
    expect(grantReportingSchedule('2027-01-01', '2027-05-31', DEFAULT_GRANT_SETTINGS).map((r) => r.kind)).toEqual(['final']);
    expect(grantReportingSchedule('2027-01-01', '2027-12-31', { ...DEFAULT_GRANT_SETTINGS, interimReportEveryMonths: 0 })).toHaveLength(1);
  });

  it('ends with the final report, interim periods back to back inside the grant (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 24 }), (start, len, every) => {
        const end = addDays(start, len);
        const s = grantReportingSchedule(start, end, { ...DEFAULT_GRANT_SETTINGS, interimReportEveryMonths: every });
        const final = s[s.length - 1]!;
        expect(final.kind).toBe('final');
        expect(daysBetween(end, final.dueDate)).toBe(60);
        const interims = s.slice(0, -1);
        interims.forEach((r, i) => {
          expect(r.periodEnd < end).toBe(true);
          expect(r.periodStart).toBe(i === 0 ? start : addDays(interims[i - 1]!.periodEnd, 1));
        });
      }),
    );
  });
});

describe('before the agreement is drawn up', () => {
  const RULES: BudgetRules = { minGrantCents: 1_000_000, maxGrantCents: 6_000_000, costHeadings: COST_HEADINGS.map((code) => ({ code, capPct: null })), indirectCostCapBp: 700, minCoFinancingBp: 0 };
  const lines = [{ heading: 'human_resources' as const, description: 'staff', unit: 'month', quantity: 10, unitCostCents: 200_000 }];

  it('asks for a revision only when the committee lowered the amount', () => {
    expect(budgetRevisionNeeded(2_000_000, 1_800_000)).toBe(true);
    expect(budgetRevisionNeeded(2_000_000, 2_000_000)).toBe(false);
  });

  it('checks a revised budget against the awarded amount, to the cent', () => {
    const revised = computeBudget(lines, { indirectCostBp: 0, coFinancingCents: 200_000 }); // 2,000,000 - 200,000
    expect(checkRevisedBudget(revised, 1_800_000, RULES)).toEqual([]);
    const off = computeBudget(lines, { indirectCostBp: 0, coFinancingCents: 199_999 });
    expect(checkRevisedBudget(off, 1_800_000, RULES)).toEqual([{ field: 'requestedCents', code: 'not_awarded_amount', params: { awardedCents: 1_800_000, requestedCents: 1_800_001 } }]);
    const indirect = computeBudget(lines, { indirectCostBp: 800, coFinancingCents: 360_000 });
    expect(checkRevisedBudget(indirect, 1_800_000, RULES).map((p) => p.field)).toEqual(['indirectCostBp']);
  });

  const base: AgreementInput = { awardedCents: 1_800_000, requestedCents: 2_000_000, budgetRequestedCents: 1_800_000, revisionAccepted: true, startDate: '2027-01-01', endDate: '2027-12-31', maxDurationMonths: 12, iban: IBAN };

  it('needs the accepted revision, dates in order within the call, and a valid IBAN', () => {
    expect(agreementProblems(base)).toEqual([]);
    expect(agreementProblems({ ...base, budgetRequestedCents: 2_000_000 })).toEqual([{ field: 'budget', code: 'revision_required', params: { awardedCents: 1_800_000 } }]);
    expect(agreementProblems({ ...base, revisionAccepted: false })).toEqual([{ field: 'budget', code: 'revision_not_accepted' }]);
    expect(agreementProblems({ ...base, requestedCents: 1_800_000, revisionAccepted: false })).toEqual([]);
    expect(agreementProblems({ ...base, endDate: '2028-01-01' })).toEqual([{ field: 'endDate', code: 'too_long', params: { maxMonths: 12 } }]);
    expect(agreementProblems({ ...base, endDate: '2026-12-31' })).toEqual([{ field: 'endDate', code: 'before_start' }]);
    expect(agreementProblems({ ...base, startDate: '2027-02-30' })).toEqual([{ field: 'startDate', code: 'invalid_date' }]);
    expect(agreementProblems({ ...base, iban: null })).toEqual([{ field: 'iban', code: 'required' }]);
    expect(agreementProblems({ ...base, iban: 'XK051212012345678907' })).toEqual([{ field: 'iban', code: 'iban_checksum' }]);
    expect(agreementProblems({ ...base, awardedCents: 0 })[0]).toEqual({ field: 'amountCents', code: 'not_positive' });
  });
});
