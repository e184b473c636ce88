import type { DataSource } from 'typeorm';

/**
 * What the queue should hold, read from the database (OutboxRelay.sweep): the rows each rebuilt job comes from. Each
 * query answers only what is still to come or still undone, so a job rebuilt from it has not run yet.
 */
export class QueueRebuildRepository {
  constructor(private readonly ds: DataSource) {}

  /** E-mails still pending a minute after they were written (their job lost, or failed for good). */
  stuckEmails(): Promise<{ id: string }[]> {
    return this.ds.query(`SELECT id FROM emails WHERE status = 'pending' AND created_at < now() - interval '1 minute' ORDER BY created_at LIMIT 200`);
  }

  /** Published calls with their submission deadline as the call's definition states it (the jobs' payload). */
  publishedCallDeadlines(): Promise<{ id: string; deadline: string }[]> {
    return this.ds.query(
      `SELECT id, definition #>> '{dates,submissionDeadlineAt}' AS deadline FROM calls
        WHERE status = 'published' AND submission_deadline_at IS NOT NULL AND definition #>> '{dates,submissionDeadlineAt}' IS NOT NULL`,
    );
  }

  /** Each due date still ahead of a call's evaluation that some evaluator has not submitted (AssignmentsService.scheduleDue). */
  openEvaluationDueDates(): Promise<{ callId: string; dueAt: Date }[]> {
    return this.ds.query(
      `SELECT DISTINCT call_id AS "callId", due_at AS "dueAt" FROM evaluation_assignments
        WHERE status IN ('assigned', 'accepted') AND due_at > now() ORDER BY 1, 2`,
    );
  }

  /** Planned (not cancelled) info sessions whose reminder, a day before, is still to come (CallsService.createInfoSession). */
  comingInfoSessions(): Promise<{ id: string; startsAt: Date }[]> {
    return this.ds.query(
      `SELECT id, starts_at AS "startsAt" FROM info_sessions WHERE status = 'planned' AND starts_at - interval '1 day' > now() ORDER BY starts_at`,
    );
  }
}
