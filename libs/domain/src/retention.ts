/**
 * How long each kind of record is kept, and from when (issue 14). Pure: the API stores the periods an admin sets,
 * asks here when a record expires, and its sweep removes only what these rules say has expired.
 *
 * Sources and assumptions behind the defaults (all editable by a Secretariat admin):
 * - Grant records (the grant, its agreement, tranches, expenditure and narrative reports, amendments, monitoring
 *   visits, their reports and action points, the files of all of them): 5 years after the final payment (the balance)
 *   of the grant, or its closure when no balance was paid. The EU Financial Regulation (2024/2509 Art. 76, formerly
 *   2018/1046 Art. 75) asks recipients to keep records 5 years after the payment of the balance (3 for funding up to
 *   €60,000); the sub-grants are financial support to third parties under the Secretariat's own EU grant, so the
 *   longer period is taken. A Secretariat whose contract with the donor runs longer (audit of the main grant) sets more.
 * - Applications never funded (drafts, withdrawn, inadmissible, rejected, reserve, declined) and their evaluations:
 *   3 years after the call's decision (or its submission deadline, when no decision was recorded). Assumption: long
 *   enough for complaints and the donor's checks of the selection, the shorter period of the same article.
 * - Monitoring photos: with the grant by default; they may show people, so an admin may set a shorter period.
 * - Safeguarding reports: their own rule: 5 years after the case was closed (assumption until the Secretariat's
 *   safeguarding policy says otherwise); an open case is never removed.
 * - Sessions and login failures: 30 days after they ended (security investigation window).
 * - Notifications and copies of e-mails sent: 1 year after they were created.
 */

export const RETENTION_RECORD_TYPES = [
  'application_unfunded',
  'evaluation',
  'grant',
  'monitoring_photo',
  'safeguarding_report',
  'session',
  'notification',
] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

export const isRetentionRecordType = (v: unknown): v is RetentionRecordType =>
  typeof v === 'string' && (RETENTION_RECORD_TYPES as readonly string[]).includes(v);

export type RetentionUnit = 'days' | 'months' | 'years';
export const RETENTION_UNITS: readonly RetentionUnit[] = ['days', 'months', 'years'];

export type RetentionPeriod = { amount: number; unit: RetentionUnit };

/** What the period counts from, per record type (shown on the screen). */
export const RETENTION_ANCHORS: Readonly<Record<RetentionRecordType, string>> = {
  application_unfunded: 'call_decision',
  evaluation: 'call_decision',
  grant: 'final_payment',
  monitoring_photo: 'final_payment',
  safeguarding_report: 'case_closed',
  session: 'ended',
  notification: 'created',
};

export const DEFAULT_RETENTION: Readonly<Record<RetentionRecordType, RetentionPeriod>> = {
  application_unfunded: { amount: 3, unit: 'years' },
  evaluation: { amount: 3, unit: 'years' },
  grant: { amount: 5, unit: 'years' },
  monitoring_photo: { amount: 5, unit: 'years' },
  safeguarding_report: { amount: 5, unit: 'years' },
  session: { amount: 30, unit: 'days' },
  notification: { amount: 1, unit: 'years' },
};

/** Bounds of a period an admin may set: at least a day, at most 50 years. */
export const MAX_RETENTION_DAYS = 50 * 366;

/** The period's length in days, roughly (a year as 365.25, a month as 30.44): for comparing and bounding only. */
export function approximateDays(p: RetentionPeriod): number {
  return p.unit === 'days' ? p.amount : p.unit === 'months' ? p.amount * 30.44 : p.amount * 365.25;
}

export type RetentionPeriodProblem = 'amount' | 'unit' | 'too_short' | 'too_long';

/**
 * Why a period cannot be set, or null. Grant records may not be kept for less than the EU minimum (5 years unless
 * the admin lowers the grant type knowingly: we refuse below 3, the shortest period of the rule); everything else at
 * least a day, nothing longer than 50 years.
 */
export function retentionPeriodProblem(type: RetentionRecordType, p: { amount: unknown; unit: unknown }): RetentionPeriodProblem | null {
  if (typeof p.unit !== 'string' || !(RETENTION_UNITS as readonly string[]).includes(p.unit)) return 'unit';
  if (typeof p.amount !== 'number' || !Number.isSafeInteger(p.amount) || p.amount < 1) return 'amount';
  const period = p as RetentionPeriod;
  const days = approximateDays(period);
  if (days > MAX_RETENTION_DAYS) return 'too_long';
  if ((type === 'grant' || type === 'evaluation' || type === 'application_unfunded') && days < approximateDays(MINIMUM_RETENTION[type])) return 'too_short';
  return null;
}

/** The shortest periods an admin may set for the records the EU rule covers. */
export const MINIMUM_RETENTION: Readonly<Record<'grant' | 'evaluation' | 'application_unfunded', RetentionPeriod>> = {
  grant: { amount: 3, unit: 'years' },
  evaluation: { amount: 1, unit: 'years' },
  application_unfunded: { amount: 1, unit: 'years' },
};

/**
 * Adds a period to an instant, in UTC calendar terms: months and years keep the day of the month, clamped to the
 * month's last day (29 February + 1 year = 28 February), days are 24-hour days.
 */
export function addPeriod(from: Date, p: RetentionPeriod): Date {
  if (p.unit === 'days') return new Date(from.getTime() + p.amount * 86_400_000);
  const months = p.unit === 'years' ? p.amount * 12 : p.amount;
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(from.getUTCDate(), lastDay);
  return new Date(Date.UTC(targetYear, targetMonth, day, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
}

/**
 * The date from which a grant's records are counted: its final payment (the latest paid tranche), or its closure
 * when no tranche was paid (or the closure came later, e.g. a recovery). Null while the grant is not closed or
 * terminated: an open grant never expires.
 */
export function grantRetentionStart(g: { status: string; closedAt: Date | null; lastPaymentAt: Date | null }): Date | null {
  if (g.status !== 'closed' && g.status !== 'terminated') return null;
  const dates = [g.closedAt, g.lastPaymentAt].filter((d): d is Date => d !== null);
  if (!dates.length) return null;
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

/** When a record counted from `start` expires under the period; null start: never. */
export function retentionExpiry(start: Date | null, p: RetentionPeriod): Date | null {
  return start === null ? null : addPeriod(start, p);
}

/** Whether a record counted from `start` has expired at `now` (expiry on or before now). */
export function hasExpired(start: Date | null, p: RetentionPeriod, now: Date): boolean {
  const e = retentionExpiry(start, p);
  return e !== null && e.getTime() <= now.getTime();
}

/** A sweep's progress (retention_runs.status): written only by the sweep that runs. */
export const RETENTION_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export type RetentionRunStatus = (typeof RETENTION_RUN_STATUSES)[number];

/** Application statuses that never led to a grant: the ones `application_unfunded` covers. */
export const UNFUNDED_APPLICATION_STATUSES = ['draft', 'withdrawn', 'rejected_admissibility', 'rejected', 'reserve', 'declined'] as const;

/** The settings as stored (type → period), completed with the defaults for the types not stored. */
export function effectiveRetention(stored: Partial<Record<RetentionRecordType, RetentionPeriod>>): Record<RetentionRecordType, RetentionPeriod> {
  const out = {} as Record<RetentionRecordType, RetentionPeriod>;
  for (const t of RETENTION_RECORD_TYPES) out[t] = stored[t] ?? DEFAULT_RETENTION[t];
  return out;
}

/** A period as PostgreSQL interval text ('5 years'), for the database's own checks. */
export const periodToInterval = (p: RetentionPeriod): string => `${p.amount} ${p.unit}`;
