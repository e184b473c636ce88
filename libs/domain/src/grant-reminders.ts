/**
 * Which of a grant's reminders the worker plans, and when a tranche is worth telling someone about. Pure: the
 * worker reads the database, these decide.
 */
import { isoDateToDayNumber } from './dates';
import type { ScheduledReport } from './grant-agreement';
import type { GrantReminder } from './grant-deadlines';
import type { TrancheCondition, TrancheStatus } from './tranches';

/**
 * Of one record's reminders (in order, as grantDueReminders / signatureReminders give them), those to plan at
 * `now`: every one still to come, and of those already due only the latest, sent late and once. Earlier ones
 * that are due too are superseded: a worker that was down for three weeks sends one reminder, not three.
 */
export function remindersToPlan<K extends string>(reminders: readonly GrantReminder<K>[], now: Date | string): GrantReminder<K>[] {
  const t = new Date(now).getTime();
  if (!Number.isFinite(t)) throw new RangeError('now must be an instant');
  const due = reminders.filter((r) => new Date(r.at).getTime() <= t);
  const latestDue = due.length ? due.reduce((a, b) => (new Date(b.at).getTime() >= new Date(a.at).getTime() ? b : a)) : null;
  return reminders.filter((r) => r === latestDue || new Date(r.at).getTime() > t);
}

/** An expenditure report as the reminders see it. */
export type ExpenditureReportRef = { periodEnd: string; status: 'draft' | 'submitted' | 'accepted' | 'returned' };

/**
 * Whether a scheduled report is handed in: an expenditure report of the grant that was submitted (or already
 * accepted) and covers the scheduled period, i.e. ends on or after its end. A draft or a returned one does not.
 */
export function reportHandedIn(entry: Pick<ScheduledReport, 'periodEnd'>, reports: readonly ExpenditureReportRef[]): boolean {
  const end = isoDateToDayNumber(entry.periodEnd);
  if (end === null) throw new RangeError('periodEnd must be a calendar date YYYY-MM-DD');
  return reports.some((r) => (r.status === 'submitted' || r.status === 'accepted') && (isoDateToDayNumber(r.periodEnd) ?? -Infinity) >= end);
}

/** The scheduled reports not handed in whose due date has passed on `today` (a Kosovo calendar date), the oldest first. */
export function overdueReports<E extends Pick<ScheduledReport, 'periodEnd' | 'dueDate'>>(schedule: readonly E[], reports: readonly ExpenditureReportRef[], today: string): E[] {
  const t = isoDateToDayNumber(today);
  if (t === null) throw new RangeError('today must be a calendar date YYYY-MM-DD');
  return schedule
    .filter((e) => (isoDateToDayNumber(e.dueDate) ?? Infinity) < t && !reportHandedIn(e, reports))
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

export type TrancheReadiness = 'may_request' | 'may_approve' | null;

/**
 * Whom a tranche waits on once its conditions allow it. A planned tranche the organisation may request (the
 * request rules say yes) with every condition met but the documents, which come with the request: the
 * organisation may request it. A requested one with every condition met: the Secretariat may approve it.
 * Anything else: nobody yet (or it is done).
 */
export function trancheReadiness(status: TrancheStatus, requestable: boolean, conditions: readonly Pick<TrancheCondition, 'kind' | 'met'>[]): TrancheReadiness {
  if (status === 'planned') return requestable && conditions.every((c) => c.met || c.kind === 'documents_attached') ? 'may_request' : null;
  if (status === 'requested') return conditions.every((c) => c.met) ? 'may_approve' : null;
  return null;
}
