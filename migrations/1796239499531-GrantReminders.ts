import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker's grant reminders (issue 10, deadlines): one row per reminder it planned, keyed by the job id
 * (`grant.<id>.signature.<sentMs>.S+7d`, `grant.<id>.report.<seq>.<dueDate>.T-14d`, `tranche.<id>.may_request` …).
 * PostgreSQL is the source of truth: a planned row not yet sent is offered to the queue again whenever the worker
 * starts, so a lost Redis loses no reminder; `done_at` is set in the transaction that sends it (or finds it no
 * longer needed), so a job run twice sends once.
 */
const APP_ROLE = 'grants_app';

export class GrantReminders1796239499531 implements MigrationInterface {
  name = 'GrantReminders1796239499531';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grant_reminders (
        key text PRIMARY KEY,
        grant_id uuid NOT NULL REFERENCES grants(id),
        subject text NOT NULL CHECK (subject IN ('signature','report','tranche')),
        run_at timestamptz NOT NULL,
        planned_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        outcome text CHECK (outcome IN ('sent','not_needed')),
        CONSTRAINT grant_reminders_done_has_outcome CHECK ((done_at IS NULL) = (outcome IS NULL))
      )`);
    await q.query(`CREATE INDEX grant_reminders_pending_idx ON grant_reminders (run_at) WHERE done_at IS NULL`);
    await q.query(`CREATE INDEX grant_reminders_grant_idx ON grant_reminders (grant_id)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON grant_reminders TO ${APP_ROLE}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grant_reminders`);
  }
}
