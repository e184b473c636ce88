/**
 * The life of an expenditure report around the statement of expenditure.ts: which period the next report covers,
 * what stops a submission (besides expenditureReportProblems: a line spent beyond what it was approved, spending
 * without any supporting document), what a Secretariat's return must say, and the grant's own statement (every
 * accepted report, cumulatively) with its burn rate. Amounts are integer cents.
 */
import type { ScheduledReport } from './grant-agreement';
import { addDays, isoDateToDayNumber } from './dates';
import {
  burnRate, expenditureReportProblems, expenditureStatement,
  type ApprovedBudgetLine, type BurnRate, type ExpenditureLine, type ExpenditureProblem, type ExpenditureReport, type ExpenditureReportStatus,
  type ExpenditureStatement,
} from './expenditure';

/** A report not accepted yet: the organisation works on one report at a time. */
export function openExpenditureReport<R extends { status: ExpenditureReportStatus }>(reports: readonly R[]): R | null {
  return reports.find((r) => r.status !== 'accepted') ?? null;
}

export type NextExpenditurePeriod =
  | { ok: true; periodStart: string; periodEnd: string }
  | { ok: false; field: 'periodEnd' | 'grant'; code: 'grant_fully_reported' | 'invalid_date' | 'before_start' | 'after_grant_end' | 'open_report' };

/**
 * The period of the next report: from the day after the last report's end (the grant's start for the first) to
 * `periodEnd` when given, else to the end of the reporting period of the schedule that contains the start (the
 * grant's end after the last interim period). Reports follow one another without gaps or overlaps.
 */
export function nextExpenditurePeriod(
  grant: { startDate: string; endDate: string },
  schedule: readonly Pick<ScheduledReport, 'kind' | 'periodEnd'>[],
  reports: readonly Pick<ExpenditureReport, 'status' | 'periodEnd'>[],
  periodEnd?: string,
): NextExpenditurePeriod {
  if (openExpenditureReport(reports)) return { ok: false, field: 'grant', code: 'open_report' };
  const last = [...reports].map((r) => r.periodEnd).sort().pop();
  const periodStart = last ? addDays(last, 1) : grant.startDate;
  if (periodStart > grant.endDate) return { ok: false, field: 'grant', code: 'grant_fully_reported' };
  if (periodEnd !== undefined) {
    if (isoDateToDayNumber(periodEnd) === null) return { ok: false, field: 'periodEnd', code: 'invalid_date' };
    if (periodEnd < periodStart) return { ok: false, field: 'periodEnd', code: 'before_start' };
    if (periodEnd > grant.endDate) return { ok: false, field: 'periodEnd', code: 'after_grant_end' };
    return { ok: true, periodStart, periodEnd };
  }
  const ends = schedule.filter((s) => s.kind === 'interim').map((s) => s.periodEnd).filter((e) => e >= periodStart && e <= grant.endDate).sort();
  return { ok: true, periodStart, periodEnd: ends[0] ?? grant.endDate };
}

/**
 * What stops a report from being submitted: expenditureReportProblems (lines of the budget, whole cents, the
 * period), then, per line, spending that takes the line beyond its approved amount counting every accepted report
 * of an earlier period (`lines.<i>.spentCents` `over_budget`, with the figures; money moves between lines only by a
 * reallocation or an amendment, which changes the approved budget), and spending without a supporting document
 * (`documentFileIds` `required`). With `today` (the Secretariat's calendar day, ISO): no spending is reported for
 * days that have not come, so a report whose period starts after today is refused (`periodStart` `not_started`,
 * with the start); a period that has begun may end later (an interim report may be filed ahead of its end).
 */
export function expenditureSubmissionProblems(
  report: Pick<ExpenditureReport, 'id' | 'periodStart' | 'periodEnd' | 'lines'> & { documentFileIds: readonly string[] },
  approved: readonly ApprovedBudgetLine[],
  grant: { startDate: string; endDate: string },
  reports: readonly Pick<ExpenditureReport, 'id' | 'status' | 'periodStart' | 'periodEnd' | 'lines'>[],
  today?: string,
): ExpenditureProblem[] {
  const problems = expenditureReportProblems(report, approved, grant, reports);
  if (today !== undefined && report.periodStart > today) problems.push({ field: 'periodStart', code: 'not_started', params: { periodStart: report.periodStart } });
  if (problems.some((p) => p.code === 'not_cents')) return problems;
  const statement = expenditureStatement(approved, report, reports);
  const byLine = new Map(statement.lines.map((l) => [l.lineId, l]));
  const flagged = new Set<string>();
  report.lines.forEach((l, i) => {
    const s = byLine.get(l.lineId);
    if (!s || !s.overspent || flagged.has(l.lineId)) return;
    flagged.add(l.lineId);
    problems.push({
      field: `lines.${i}.spentCents`, code: 'over_budget',
      params: { approvedCents: s.approvedCents, spentBeforeCents: s.cumulativeCents - s.spentInPeriodCents, cumulativeCents: s.cumulativeCents, overCents: s.cumulativeCents - s.approvedCents },
    });
  });
  if (statement.totals.spentInPeriodCents > 0 && report.documentFileIds.length === 0) problems.push({ field: 'documentFileIds', code: 'required' });
  return problems;
}

export type ExpenditureReviewInput = {
  decision: 'accept' | 'return';
  comment?: string | null;
  lineComments?: readonly { lineId: string; comment: string }[];
};

/**
 * What is wrong with the Secretariat's review: a return says why (the report's comment or at least one line's);
 * line comments name lines of the report's budget, once each, and are not blank.
 */
export function expenditureReviewProblems(input: ExpenditureReviewInput, lineIds: readonly string[]): ExpenditureProblem[] {
  const problems: ExpenditureProblem[] = [];
  const known = new Set(lineIds);
  const seen = new Set<string>();
  const comments = input.lineComments ?? [];
  comments.forEach((c, i) => {
    if (!known.has(c.lineId)) problems.push({ field: `lineComments.${i}.lineId`, code: 'not_in_budget' });
    else if (seen.has(c.lineId)) problems.push({ field: `lineComments.${i}.lineId`, code: 'duplicate' });
    seen.add(c.lineId);
    if (!c.comment.trim()) problems.push({ field: `lineComments.${i}.comment`, code: 'required' });
  });
  if (input.decision === 'return' && !(input.comment ?? '').trim() && !comments.some((c) => c.comment.trim())) {
    problems.push({ field: 'comment', code: 'required' });
  }
  return problems;
}

/** The lines as the report keeps them: one per approved line in the budget's order, missing ones at zero, strays kept. */
export function normalizeExpenditureLines(lines: readonly ExpenditureLine[], approved: readonly ApprovedBudgetLine[]): ExpenditureLine[] {
  const given = new Map(lines.map((l) => [l.lineId, l.spentCents]));
  const known = new Set(approved.map((l) => l.lineId));
  return [...approved.map((l) => ({ lineId: l.lineId, spentCents: given.get(l.lineId) ?? 0 })), ...lines.filter((l) => !known.has(l.lineId))];
}

/** Total of a report's lines, exactly (throws beyond what cents hold exactly). */
export function expenditureLinesTotal(lines: readonly ExpenditureLine[]): number {
  let s = 0;
  for (const l of lines) {
    s += l.spentCents;
    if (!Number.isSafeInteger(s)) throw new RangeError('amount too large to hold exactly in cents');
  }
  return s;
}

export type GrantExpenditure = {
  /** The latest accepted report's period (null before the first is accepted) and every accepted report cumulatively. */
  period: { periodStart: string; periodEnd: string } | null;
  statement: ExpenditureStatement;
  burnRate: BurnRate;
};

/**
 * The grant's budget against what it spent: per approved line, the latest accepted report's spending, cumulative
 * over every accepted report, remaining, variance; and the burn rate of the cumulative spending against the time
 * of the grant elapsed on `asOf`.
 */
export function grantExpenditure(
  approved: readonly ApprovedBudgetLine[],
  reports: readonly Pick<ExpenditureReport, 'id' | 'status' | 'periodStart' | 'periodEnd' | 'lines'>[],
  grant: { startDate: string; endDate: string },
  asOf: string,
): GrantExpenditure {
  const accepted = reports.filter((r) => r.status === 'accepted').sort((a, b) => (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0));
  const latest = accepted[accepted.length - 1];
  const statement = expenditureStatement(approved, latest ?? { id: '', periodStart: '0000-01-01', lines: [] }, accepted);
  return {
    period: latest ? { periodStart: latest.periodStart, periodEnd: latest.periodEnd } : null,
    statement,
    burnRate: burnRate({ spentCents: statement.totals.cumulativeCents, approvedCents: statement.totals.approvedCents, startDate: grant.startDate, endDate: grant.endDate, asOf }),
  };
}
