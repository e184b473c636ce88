/**
 * Expenditure reports: for each approved budget line, what was spent in the report's period, cumulatively
 * across the reports, what remains, and the variance against the approved amount; the burn rate of the grant
 * against the time elapsed. Amounts are integer cents; shares are basis points, computed exactly in integers.
 */
import type { CostHeadingCode } from './budget';
import { isoDateToDayNumber } from './dates';

export const EXPENDITURE_REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ExpenditureReportStatus = (typeof EXPENDITURE_REPORT_STATUSES)[number];

export const EXPENDITURE_REPORT_TRANSITIONS: Readonly<Record<ExpenditureReportStatus, readonly ExpenditureReportStatus[]>> = Object.freeze({
  draft: ['submitted'],
  // the Secretariat accepts, or returns with comments per line
  submitted: ['accepted', 'returned'],
  // a returned report is corrected and submitted again
  returned: ['submitted'],
  accepted: [],
});

export function isExpenditureReportStatus(value: unknown): value is ExpenditureReportStatus {
  return typeof value === 'string' && (EXPENDITURE_REPORT_STATUSES as readonly string[]).includes(value);
}

export function canTransitionExpenditureReport(from: ExpenditureReportStatus, to: ExpenditureReportStatus): boolean {
  return EXPENDITURE_REPORT_TRANSITIONS[from]?.includes(to) ?? false;
}

/** A line of the grant's approved budget (after any reallocation or amendment). */
export type ApprovedBudgetLine = { lineId: string; heading: CostHeadingCode; description?: string; approvedCents: number };

export type ExpenditureLine = { lineId: string; spentCents: number };

export type ExpenditureReport = {
  id: string;
  status: ExpenditureReportStatus;
  periodStart: string;
  periodEnd: string;
  lines: readonly ExpenditureLine[];
};

export type ExpenditureProblem = { field: string; code: string; params?: Record<string, string | number> };

/**
 * What is wrong with an expenditure report before it is submitted: lines of the approved budget only, each
 * once, whole non-negative cents; a period inside the grant that does not overlap another submitted or accepted
 * report. Fields: `lines`, `lines.<i>.lineId`, `lines.<i>.spentCents`, `periodStart`, `periodEnd`.
 */
export function expenditureReportProblems(
  report: Pick<ExpenditureReport, 'id' | 'periodStart' | 'periodEnd' | 'lines'>,
  approved: readonly ApprovedBudgetLine[],
  grant: { startDate: string; endDate: string },
  otherReports: readonly Pick<ExpenditureReport, 'id' | 'status' | 'periodStart' | 'periodEnd'>[] = [],
): ExpenditureProblem[] {
  const problems: ExpenditureProblem[] = [];
  const known = new Set(approved.map((l) => l.lineId));
  const seen = new Set<string>();
  if (report.lines.length === 0) problems.push({ field: 'lines', code: 'required' });
  report.lines.forEach((l, i) => {
    if (!known.has(l.lineId)) problems.push({ field: `lines.${i}.lineId`, code: 'not_in_budget' });
    else if (seen.has(l.lineId)) problems.push({ field: `lines.${i}.lineId`, code: 'duplicate' });
    seen.add(l.lineId);
    if (!Number.isSafeInteger(l.spentCents)) problems.push({ field: `lines.${i}.spentCents`, code: 'not_cents' });
    else if (l.spentCents < 0) problems.push({ field: `lines.${i}.spentCents`, code: 'negative' });
  });
  const s = isoDateToDayNumber(report.periodStart);
  const e = isoDateToDayNumber(report.periodEnd);
  const gs = isoDateToDayNumber(grant.startDate);
  const ge = isoDateToDayNumber(grant.endDate);
  if (s === null) problems.push({ field: 'periodStart', code: 'invalid_date' });
  if (e === null) problems.push({ field: 'periodEnd', code: 'invalid_date' });
  if (s !== null && e !== null) {
    if (e < s) problems.push({ field: 'periodEnd', code: 'before_start' });
    else {
      if (gs !== null && s < gs) problems.push({ field: 'periodStart', code: 'before_grant_start' });
      if (ge !== null && e > ge) problems.push({ field: 'periodEnd', code: 'after_grant_end' });
      const overlap = otherReports.find((o) => {
        if (o.id === report.id || (o.status !== 'submitted' && o.status !== 'accepted')) return false;
        const os = isoDateToDayNumber(o.periodStart);
        const oe = isoDateToDayNumber(o.periodEnd);
        return os !== null && oe !== null && s <= oe && os <= e;
      });
      if (overlap) problems.push({ field: 'periodStart', code: 'overlaps_report', params: { reportId: overlap.id } });
    }
  }
  return problems;
}

/** `part / whole` in basis points rounded towards zero, exactly; null when `whole` is 0. */
export function shareBp(part: number, whole: number): number | null {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole)) throw new RangeError('amounts must be whole cents');
  if (whole === 0) return null;
  return Number((BigInt(part) * 10_000n) / BigInt(whole));
}

export type ExpenditureStatementLine = {
  lineId: string;
  heading: CostHeadingCode;
  approvedCents: number;
  spentInPeriodCents: number;
  /** This report and every accepted report of an earlier period. */
  cumulativeCents: number;
  /** Approved less cumulative (negative when overspent). */
  remainingCents: number;
  /** Cumulative against approved: (cumulative − approved) / approved, in basis points towards zero; null when nothing was approved. */
  varianceBp: number | null;
  /** Cumulative / approved in basis points (towards zero); null when nothing was approved. */
  usedBp: number | null;
  overspent: boolean;
};

export type ExpenditureStatement = {
  lines: ExpenditureStatementLine[];
  /** Per heading, in the order the lines first name it. */
  headings: { heading: CostHeadingCode; approvedCents: number; spentInPeriodCents: number; cumulativeCents: number; remainingCents: number; varianceBp: number | null }[];
  totals: { approvedCents: number; spentInPeriodCents: number; cumulativeCents: number; remainingCents: number; varianceBp: number | null };
  /**
   * Spending reported on lines no longer in the approved budget (e.g. removed by an amendment after money was
   * spent on them): shown apart, never dropped, so the report still adds up to the cent. Not in `totals`.
   */
  unbudgeted: { lineId: string; spentInPeriodCents: number; cumulativeCents: number }[];
};

function add(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new RangeError('amount too large to hold exactly in cents');
  return s;
}

function spentOn(report: Pick<ExpenditureReport, 'lines'>, lineId: string): number {
  let s = 0;
  for (const l of report.lines) if (l.lineId === lineId) s = add(s, l.spentCents);
  return s;
}

const variance = (cumulative: number, approved: number) => (approved === 0 ? null : shareBp(cumulative - approved, approved));

/**
 * The statement of one report: for every approved line, spent in this report's period, cumulative over the
 * accepted reports of earlier periods and this one, remaining, variance and use. Reports not accepted (drafts,
 * submitted, returned) other than this one do not count; neither do accepted reports of a later period.
 */
export function expenditureStatement(
  approved: readonly ApprovedBudgetLine[],
  report: Pick<ExpenditureReport, 'id' | 'periodStart' | 'lines'>,
  reports: readonly Pick<ExpenditureReport, 'id' | 'status' | 'periodStart' | 'lines'>[],
): ExpenditureStatement {
  const earlier = reports.filter((r) => r.id !== report.id && r.status === 'accepted' && r.periodStart < report.periodStart);
  const lines = approved.map((l): ExpenditureStatementLine => {
    const inPeriod = spentOn(report, l.lineId);
    const cumulative = earlier.reduce((s, r) => add(s, spentOn(r, l.lineId)), inPeriod);
    return {
      lineId: l.lineId,
      heading: l.heading,
      approvedCents: l.approvedCents,
      spentInPeriodCents: inPeriod,
      cumulativeCents: cumulative,
      remainingCents: l.approvedCents - cumulative,
      varianceBp: variance(cumulative, l.approvedCents),
      usedBp: l.approvedCents === 0 ? null : shareBp(cumulative, l.approvedCents),
      overspent: cumulative > l.approvedCents,
    };
  });
  const headingOrder: CostHeadingCode[] = [];
  for (const l of lines) if (!headingOrder.includes(l.heading)) headingOrder.push(l.heading);
  const total = (xs: readonly ExpenditureStatementLine[]) => {
    const approvedCents = xs.reduce((s, l) => add(s, l.approvedCents), 0);
    const spentInPeriodCents = xs.reduce((s, l) => add(s, l.spentInPeriodCents), 0);
    const cumulativeCents = xs.reduce((s, l) => add(s, l.cumulativeCents), 0);
    return { approvedCents, spentInPeriodCents, cumulativeCents, remainingCents: approvedCents - cumulativeCents, varianceBp: variance(cumulativeCents, approvedCents) };
  };
  const budgeted = new Set(approved.map((l) => l.lineId));
  const strays: string[] = [];
  for (const r of [...earlier, report]) for (const l of r.lines) if (!budgeted.has(l.lineId) && !strays.includes(l.lineId)) strays.push(l.lineId);
  const unbudgeted = strays.sort().map((lineId) => {
    const spentInPeriodCents = spentOn(report, lineId);
    return { lineId, spentInPeriodCents, cumulativeCents: earlier.reduce((s, r) => add(s, spentOn(r, lineId)), spentInPeriodCents) };
  });
  return {
    lines,
    headings: headingOrder.map((heading) => ({ heading, ...total(lines.filter((l) => l.heading === heading)) })),
    totals: total(lines),
    unbudgeted,
  };
}

/** Everything spent in accepted expenditure reports (the figure the 70 % rule reads). */
export function acceptedSpentCents(reports: readonly Pick<ExpenditureReport, 'status' | 'lines'>[]): number {
  let s = 0;
  for (const r of reports) if (r.status === 'accepted') for (const l of r.lines) s = add(s, l.spentCents);
  return s;
}

export type BurnRate = {
  spentCents: number;
  approvedCents: number;
  /** Days of the grant elapsed by `asOf` (inclusive), between 0 and totalDays. */
  daysElapsed: number;
  totalDays: number;
  /** Spent / approved, towards zero; null when nothing was approved. */
  spentBp: number | null;
  /** Time elapsed / duration, towards zero. */
  elapsedBp: number;
  /** Spent share minus elapsed share (negative: spending lags behind time); null when nothing was approved. */
  gapBp: number | null;
  /** Spent share per elapsed share (10,000 = spending exactly as fast as time goes); null before the start or when nothing was approved. */
  burnRatioBp: number | null;
};

/** The burn rate of a grant on a day: how much of its money is spent against how much of its time has gone. */
export function burnRate(input: { spentCents: number; approvedCents: number; startDate: string; endDate: string; asOf: string }): BurnRate {
  const s = isoDateToDayNumber(input.startDate);
  const e = isoDateToDayNumber(input.endDate);
  const a = isoDateToDayNumber(input.asOf);
  if (s === null || e === null || a === null) throw new RangeError('startDate, endDate and asOf must be calendar dates YYYY-MM-DD');
  if (e < s) throw new RangeError('endDate must not be before startDate');
  const totalDays = e - s + 1;
  const daysElapsed = Math.min(totalDays, Math.max(0, a - s + 1));
  const spentBp = shareBp(input.spentCents, input.approvedCents);
  const elapsedBp = Math.floor((daysElapsed * 10_000) / totalDays);
  const burnRatioBp =
    input.approvedCents === 0 || daysElapsed === 0
      ? null
      : Number((BigInt(input.spentCents) * BigInt(totalDays) * 10_000n) / (BigInt(input.approvedCents) * BigInt(daysElapsed)));
  return { spentCents: input.spentCents, approvedCents: input.approvedCents, daysElapsed, totalDays, spentBp, elapsedBp, gapBp: spentBp === null ? null : spentBp - elapsedBp, burnRatioBp };
}
