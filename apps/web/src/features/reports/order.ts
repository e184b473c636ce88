import type { NarrativeReportStatus } from '@grants/domain';

type Row = { id: string; status: NarrativeReportStatus; overdue: boolean; dueDate: string };

/** What the organisation has to act on first: returned, then overdue, then the drafts still due, then handed-in ones. */
function rank(r: Row): number {
  if (r.status === 'returned') return 0;
  if (r.overdue) return 1;
  if (r.status === 'draft') return 2;
  if (r.status === 'submitted') return 3;
  return 4;
}

/** The organisation's list: returned, overdue, due (by due date, soonest first), then submitted and accepted. */
export function organisationReportOrder<T extends Row>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => rank(a) - rank(b) || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
