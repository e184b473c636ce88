/**
 * Whether a grant is overdue on a day, for the grants list's filter: a scheduled report (an expenditure report
 * covering its period) not handed in after its due date, or a pre-financing or instalment still not requested
 * after its planned date. Only a grant in force owes anything; the balance waits on the final report, which
 * the schedule already covers. Pure: the grant's schedule, reports and tranches in, the answer out.
 */
import { isOverdue } from './grant-deadlines';
import { overdueReports, type ExpenditureReportRef } from './grant-reminders';
import type { ScheduledReport } from './grant-agreement';
import type { GrantStatus } from './grant-state';
import type { TrancheKind, TrancheStatus } from './tranches';

export type GrantOverdueInput = {
  status: GrantStatus;
  schedule: readonly Pick<ScheduledReport, 'periodEnd' | 'dueDate'>[];
  reports: readonly ExpenditureReportRef[];
  tranches: readonly { kind: TrancheKind; status: TrancheStatus; plannedDate: string }[];
  /** Kosovo calendar date, YYYY-MM-DD. */
  today: string;
};

export type GrantOverdue = {
  overdue: boolean;
  /** The earliest due date passed without what it asked for; null when nothing is overdue. */
  since: string | null;
  reports: number;
  tranches: number;
};

export function grantOverdue(g: GrantOverdueInput): GrantOverdue {
  if (g.status !== 'in_force') return { overdue: false, since: null, reports: 0, tranches: 0 };
  const reports = overdueReports(g.schedule, g.reports, g.today).map((r) => r.dueDate);
  const tranches = g.tranches.filter((t) => t.status === 'planned' && t.kind !== 'balance' && isOverdue(t.plannedDate, g.today)).map((t) => t.plannedDate);
  const dates = [...reports, ...tranches].sort();
  return { overdue: dates.length > 0, since: dates[0] ?? null, reports: reports.length, tranches: tranches.length };
}
