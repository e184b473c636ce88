import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An info session can be cancelled by the Secretariat, with a reason the registered organisations are told.
 * The record stays (status 'cancelled'), so organisations still see that it was planned and why it is off.
 * The statuses are the domain's INFO_SESSION_STATUSES.
 */
export class InfoSessionCancellation1796208077657 implements MigrationInterface {
  name = 'InfoSessionCancellation1796208077657';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE info_sessions
        ADD COLUMN status text NOT NULL DEFAULT 'planned' CONSTRAINT info_sessions_status_known CHECK (status IN ('planned', 'cancelled')),
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancelled_by uuid REFERENCES users(id),
        ADD COLUMN cancel_reason text,
        ADD CONSTRAINT info_sessions_cancelled_with_reason CHECK (status <> 'cancelled' OR (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE info_sessions
        DROP CONSTRAINT info_sessions_cancelled_with_reason,
        DROP COLUMN cancel_reason, DROP COLUMN cancelled_by, DROP COLUMN cancelled_at, DROP COLUMN status`);
  }
}
