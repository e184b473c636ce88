import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index of the narrative reports' lists at portfolio size (bench:reports, issue 12: 2,000 grants, 12,000 reports,
 * 200,000 indicator values, 500,000 count cells):
 *
 * - `narrative_reports_status_due_in_force_idx`: reports by status, due date in force and id. The due date in force is
 *   now the later of the scheduled one and the one an extension granted (`GREATEST(due_date, extended_due_date)`, as
 *   narrative-reports.repository.ts, the worker's reminders and the home to-dos read it), so the index of the first
 *   migration on `COALESCE(extended_due_date, due_date)` no longer matched any query and is replaced. It serves the
 *   Secretariat's list filtered by one status in its order (due date, then id) as one index range read in order, a page
 *   without a sort of every report of the status, once the list orders by those keys (under a status filter the
 *   "overdue first" key orders nothing: a handed-in report is never overdue, and a draft is overdue exactly when its
 *   due date is before today); and the drafts the reminders and to-dos look for by due date.
 */
export class NarrativeReportListIndexes1796306400000 implements MigrationInterface {
  name = 'NarrativeReportListIndexes1796306400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX narrative_reports_status_due_in_force_idx ON narrative_reports (status, (GREATEST(due_date, extended_due_date)), id)`);
    await q.query(`DROP INDEX narrative_reports_status_due_idx`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX narrative_reports_status_due_idx ON narrative_reports (status, (COALESCE(extended_due_date, due_date)), id)`);
    await q.query(`DROP INDEX narrative_reports_status_due_in_force_idx`);
  }
}
