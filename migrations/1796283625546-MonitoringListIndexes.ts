import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the monitoring lists at portfolio size (bench:monitoring, issue 11: 2,000 grants, 20,000 visits,
 * 60,000 live action points):
 *
 * - `action_points_waiting_idx`: the live points waiting on their owner (open or reopened) by priority and due date,
 *   with status and grant: the overdue ones (`due_date < today`), and the high-priority overdue ones (escalated), are
 *   one index range, read without the table — the Secretariat's `overdue=true&priority=high` count and page, and the
 *   monitoring priority's overdue counts per grant (EXPLAIN ANALYZE: the count 25 → 5 ms; before, the list index
 *   (status, due_date, id) gave 10,000 overdue rows of which 7,000 were not high and were read from the table to be
 *   thrown away).
 * - `action_points_live_grant_idx`: the live points of a grant by status with their sort keys (priority, due date,
 *   id): a list filtered by the grants' municipality or monitor reads the page's keys from the index only (the count
 *   of open points in Prishtinë 16 → 5 ms).
 * - `organizations_municipality_idx`: the organisations of one municipality (the list's `municipality` filter).
 */
export class MonitoringListIndexes1796283625546 implements MigrationInterface {
  name = 'MonitoringListIndexes1796283625546';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX action_points_waiting_idx ON action_points (priority, due_date, id) INCLUDE (status, grant_id) WHERE live AND status IN ('open','reopened')`);
    await q.query(`CREATE INDEX action_points_live_grant_idx ON action_points (grant_id, status, priority, due_date, id) WHERE live`);
    await q.query(`CREATE INDEX organizations_municipality_idx ON organizations (municipality)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX organizations_municipality_idx`);
    await q.query(`DROP INDEX action_points_live_grant_idx`);
    await q.query(`DROP INDEX action_points_waiting_idx`);
  }
}
