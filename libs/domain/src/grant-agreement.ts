/**
 * The grant agreement drawn up from an award: its number, its duration in months, its reporting schedule, and
 * what must be true before it is drawn up (a budget revised to the awarded amount when the committee lowered it,
 * dates in order, a valid bank account). Dates are calendar dates `YYYY-MM-DD` (dates.ts).
 */
import { checkBudget, type BudgetProblem, type BudgetRules, type ComputedBudget } from './budget';
import { addDays, isoDateToDayNumber, isSaneDate } from './dates';
import type { GrantSettings } from './grant-settings';
import { checkIban } from './iban';

/** `MF-C3-2026-01` and 1 → `MF-C3-2026-01-G-001` (three digits at least, more when needed). */
export function grantAgreementNumber(callRef: string, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`seq must be a positive integer, got ${seq}`);
  if (typeof callRef !== 'string' || !callRef.trim()) throw new RangeError('callRef must not be empty');
  return `${callRef.trim()}-G-${String(seq).padStart(3, '0')}`;
}

const AGREEMENT_NUMBER = /^(.+)-G-(\d{3,})$/;

/** The call reference and sequence of an agreement number, or null when it is not one. */
export function parseGrantAgreementNumber(value: string): { callRef: string; seq: number } | null {
  const m = typeof value === 'string' ? AGREEMENT_NUMBER.exec(value) : null;
  if (!m) return null;
  const seq = Number(m[2]);
  return Number.isSafeInteger(seq) && seq >= 1 ? { callRef: m[1]!, seq } : null;
}

/** The next sequence of a call's agreements: one more than the highest already given (1 for the first). */
export function nextGrantSequence(existingNumbers: readonly string[], callRef: string): number {
  let max = 0;
  for (const n of existingNumbers) {
    const p = parseGrantAgreementNumber(n);
    if (p && p.callRef === callRef.trim() && p.seq > max) max = p.seq;
  }
  return max + 1;
}

function dayOf(value: string, name: string): number {
  const n = isoDateToDayNumber(value);
  if (n === null) throw new RangeError(`${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * The calendar date `months` months after `date`, on the same day of the month, or the month's last day when it
 * is shorter (2027-01-31 + 1 month = 2027-02-28).
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isSafeInteger(months)) throw new RangeError('months must be an integer');
  dayOf(date, 'date');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A grant's duration in whole months, a started month counting as a month: the least n for which the grant has
 * ended before `addMonths(start, n)`. 2027-01-01 to 2027-12-31 is 12 months; to 2028-01-01 it is 13.
 */
export function grantDurationMonths(startDate: string, endDate: string): number {
  const start = dayOf(startDate, 'startDate');
  const end = dayOf(endDate, 'endDate');
  if (end < start) throw new RangeError('endDate must not be before startDate');
  // a first guess from the calendar, then corrected by at most a step or two
  const [ys, ms] = startDate.split('-').map(Number) as [number, number];
  const [ye, me] = endDate.split('-').map(Number) as [number, number];
  let n = Math.max(1, (ye - ys) * 12 + (me - ms));
  while (n > 1 && dayOf(addMonths(startDate, n - 1), 'date') > end) n -= 1;
  while (dayOf(addMonths(startDate, n), 'date') <= end) n += 1;
  return n;
}

export type ReportKind = 'interim' | 'final';
export type ScheduledReport = { kind: ReportKind; seq: number; periodStart: string; periodEnd: string; dueDate: string };

/**
 * The reports a grant owes: an interim report for each full period of `interimReportEveryMonths` months that ends
 * before the grant does (due `interimReportDueDays` after the period), and the final report covering the whole
 * grant, due `finalReportDueDays` after the end date.
 */
export function grantReportingSchedule(startDate: string, endDate: string, settings: Pick<GrantSettings, 'interimReportEveryMonths' | 'interimReportDueDays' | 'finalReportDueDays'>): ScheduledReport[] {
  const end = dayOf(endDate, 'endDate');
  if (end < dayOf(startDate, 'startDate')) throw new RangeError('endDate must not be before startDate');
  const out: ScheduledReport[] = [];
  const every = settings.interimReportEveryMonths;
  if (every > 0) {
    for (let k = 1; ; k += 1) {
      const periodStart = addMonths(startDate, (k - 1) * every);
      const periodEnd = addDays(addMonths(startDate, k * every), -1);
      if (dayOf(periodEnd, 'periodEnd') >= end) break;
      out.push({ kind: 'interim', seq: k, periodStart, periodEnd, dueDate: addDays(periodEnd, settings.interimReportDueDays) });
    }
  }
  out.push({ kind: 'final', seq: out.length + 1, periodStart: startDate, periodEnd: endDate, dueDate: addDays(endDate, settings.finalReportDueDays) });
  return out;
}

/** When the committee lowered the amount, the organisation revises its budget to it before the agreement is drawn up. */
export function budgetRevisionNeeded(requestedCents: number, awardedCents: number): boolean {
  return awardedCents < requestedCents;
}

/**
 * What is wrong with a budget revised to the awarded amount: the call's budget rules (caps, indirect costs,
 * co-financing) with the awarded amount as the grant's ceiling, and the amount requested exactly the awarded one.
 * Fields as in checkBudget; `requestedCents` with `not_awarded_amount` when it differs.
 */
export function checkRevisedBudget(budget: ComputedBudget, awardedCents: number, rules: BudgetRules): BudgetProblem[] {
  const problems = checkBudget(budget, { ...rules, minGrantCents: Math.min(rules.minGrantCents, awardedCents), maxGrantCents: awardedCents });
  const rest = problems.filter((p) => !(p.field === 'requestedCents' && (p.code === 'below_min_grant' || p.code === 'above_max_grant')));
  if (budget.requestedCents !== awardedCents) rest.push({ field: 'requestedCents', code: 'not_awarded_amount', params: { awardedCents, requestedCents: budget.requestedCents } });
  return rest;
}

export type AgreementInput = {
  awardedCents: number;
  /** The amount the organisation requested (and the budget's amount requested, after any revision). */
  requestedCents: number;
  budgetRequestedCents: number;
  /** The Secretariat accepted the revised budget (only matters when the amount was lowered). */
  revisionAccepted: boolean;
  startDate: string;
  endDate: string;
  /** The call's longest duration. */
  maxDurationMonths: number;
  iban: string | null;
};

export type AgreementProblem = { field: string; code: string; params?: Record<string, string | number> };

/** What stops the agreement from being drawn up, field by field; empty when it may be. */
export function agreementProblems(input: AgreementInput): AgreementProblem[] {
  const problems: AgreementProblem[] = [];
  if (!Number.isSafeInteger(input.awardedCents) || input.awardedCents <= 0) problems.push({ field: 'amountCents', code: 'not_positive' });
  else {
    if (budgetRevisionNeeded(input.requestedCents, input.awardedCents)) {
      if (input.budgetRequestedCents !== input.awardedCents) problems.push({ field: 'budget', code: 'revision_required', params: { awardedCents: input.awardedCents } });
      else if (!input.revisionAccepted) problems.push({ field: 'budget', code: 'revision_not_accepted' });
    } else if (input.budgetRequestedCents > input.awardedCents) problems.push({ field: 'budget', code: 'above_awarded', params: { awardedCents: input.awardedCents } });
  }
  const startOk = isSaneDate(input.startDate);
  const endOk = isSaneDate(input.endDate);
  if (!startOk) problems.push({ field: 'startDate', code: 'invalid_date' });
  if (!endOk) problems.push({ field: 'endDate', code: 'invalid_date' });
  if (startOk && endOk) {
    if (input.endDate < input.startDate) problems.push({ field: 'endDate', code: 'before_start' });
    else if (grantDurationMonths(input.startDate, input.endDate) > input.maxDurationMonths) problems.push({ field: 'endDate', code: 'too_long', params: { maxMonths: input.maxDurationMonths } });
  }
  if (!input.iban) problems.push({ field: 'iban', code: 'required' });
  else {
    const check = checkIban(input.iban);
    if (!check.valid) problems.push({ field: 'iban', code: `iban_${check.reason ?? 'format'}` });
  }
  return problems;
}
