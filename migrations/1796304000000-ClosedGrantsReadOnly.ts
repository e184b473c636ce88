import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closed grant is read-only everywhere (issue 12): the database refuses any change to a closed grant's row and to
 * every record that hangs from it — tranches, expenditure reports, amendments and versions, monitoring visits, their
 * reports, photos, comments and action points, narrative reports and everything of theirs, the recovery order and
 * its repayments — with SQLSTATE GC409, which the API answers as 409 `grant_closed`. The services refuse first
 * with the same answer; this holds whatever path a write takes (a job, a forgotten route, a new module).
 *
 * AFTER row triggers, so that an `INSERT … ON CONFLICT DO NOTHING` that inserts nothing (the narrative reports'
 * idempotent "ensure") is not refused. The grant's reminders (grant_reminders) are the worker's bookkeeping and stay
 * writable. Closing itself writes closed_at and the closing note before the status, so it passes.
 */
const DIRECT = ['tranches', 'expenditure_reports', 'grant_amendments', 'grant_versions', 'monitoring_visits', 'visit_reports', 'action_points', 'narrative_reports', 'recovery_orders'];
/** table, its parent table, the column naming the parent */
const THROUGH: [string, string, string][] = [
  ['action_point_events', 'action_points', 'action_point_id'],
  ['visit_report_comments', 'visit_reports', 'report_id'],
  ['visit_report_photos', 'visit_reports', 'report_id'],
  ['narrative_report_versions', 'narrative_reports', 'report_id'],
  ['narrative_report_comments', 'narrative_reports', 'report_id'],
  ['narrative_report_indicator_values', 'narrative_reports', 'report_id'],
  ['narrative_report_beneficiary_counts', 'narrative_reports', 'report_id'],
  ['report_extension_requests', 'narrative_reports', 'report_id'],
  ['recovery_repayments', 'recovery_orders', 'recovery_order_id'],
];

export class ClosedGrantsReadOnly1796304000000 implements MigrationInterface {
  name = 'ClosedGrantsReadOnly1796304000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION refuse_write_on_closed_grant() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        rec jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
        gid uuid;
      BEGIN
        IF TG_NARGS = 0 THEN
          gid := (rec ->> 'grant_id')::uuid;
        ELSE
          EXECUTE format('SELECT grant_id FROM %I WHERE id = $1', TG_ARGV[0]) INTO gid USING (rec ->> TG_ARGV[1])::uuid;
        END IF;
        IF gid IS NOT NULL AND EXISTS (SELECT 1 FROM grants WHERE id = gid AND status = 'closed') THEN
          RAISE EXCEPTION 'grant % is closed: its records are read-only', gid USING ERRCODE = 'GC409';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION refuse_change_of_closed_grant() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'closed' THEN
          RAISE EXCEPTION 'grant % is closed: its records are read-only', OLD.id USING ERRCODE = 'GC409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER grants_closed_read_only BEFORE UPDATE OR DELETE ON grants FOR EACH ROW EXECUTE FUNCTION refuse_change_of_closed_grant()`);
    for (const t of DIRECT) {
      await q.query(`CREATE TRIGGER ${t}_closed_grant AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION refuse_write_on_closed_grant()`);
    }
    for (const [t, parent, column] of THROUGH) {
      await q.query(`CREATE TRIGGER ${t}_closed_grant AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION refuse_write_on_closed_grant('${parent}', '${column}')`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [t] of THROUGH) await q.query(`DROP TRIGGER ${t}_closed_grant ON ${t}`);
    for (const t of DIRECT) await q.query(`DROP TRIGGER ${t}_closed_grant ON ${t}`);
    await q.query(`DROP TRIGGER grants_closed_read_only ON grants`);
    await q.query(`DROP FUNCTION refuse_change_of_closed_grant()`);
    await q.query(`DROP FUNCTION refuse_write_on_closed_grant()`);
  }
}
