import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention periods and a person's data erased by pseudonym (issue 14).
 *
 * - `audit_pseudonyms`: one random pseudonym per person; audit entries of hash version 3 store and hash the pseudonym,
 *   never the e-mail nor the user id. Erasure empties `user_id` and `email` and sets `erased_at`: the entries still
 *   verify, and nothing says whose they were. The app role may insert, read and erase (update), never delete.
 * - `audit_log.actor_pseudonym`, and hash_version 3 allowed (libs/domain audit-chain).
 * - `retention_settings`: the period per record type (seeded with the defaults of libs/domain retention.ts), and
 *   `retention_runs`: each sweep (or dry run) with its report per type (how many, which id range).
 * - `retention_purge_grant(grant, photos_only)`: removes a closed grant's records once the grant's period (or, for
 *   photos, the photos' period) after its final payment has passed, checked here, in the database, against the stored
 *   setting. It runs as the tables' owner (SECURITY DEFINER): several of a grant's tables are append-only for the app
 *   role, and a closed grant is read-only by trigger (ClosedGrantsReadOnly). The triggers let a delete through only
 *   inside this function (a transaction-local setting naming the grant, and the tables' owner as current user), so the
 *   app role alone still cannot delete anything of a closed grant. It returns the stored files it removed, whose bytes
 *   the sweep then deletes.
 * - The audit log itself is never deleted from (its triggers refuse it; nothing here changes that).
 */
const DEFAULTS: [string, number, string][] = [
  ['application_unfunded', 3, 'years'],
  ['evaluation', 3, 'years'],
  ['grant', 5, 'years'],
  ['monitoring_photo', 5, 'years'],
  ['safeguarding_report', 5, 'years'],
  ['session', 30, 'days'],
  ['notification', 1, 'years'],
];

const GRANT_OWNER_CHECK = `current_setting('grants.retention_purge', true) = gid::text
          AND current_user::text = (SELECT r.rolname::text FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = 'grants'::regclass)`;

export class Retention1796331000000 implements MigrationInterface {
  name = 'Retention1796331000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_pseudonyms (
        pseudonym text PRIMARY KEY CHECK (pseudonym ~ '^[0-9a-f]{32}$'),
        -- no foreign key: the pseudonym is made outside the writer's transaction (see audit.repository pseudonymOf), and
        -- a key check would wait on a user row that transaction locks; users are never deleted anyway
        user_id uuid UNIQUE,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CHECK ((erased_at IS NULL) = (user_id IS NOT NULL)),
        CHECK (erased_at IS NULL OR email IS NULL)
      )`);
    // an erased account: its personal fields blanked, the request's reason kept apart from the audit chain (free text)
    await q.query(`ALTER TABLE users ADD COLUMN erased_at timestamptz`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_erased_inactive CHECK (erased_at IS NULL OR NOT active)`);
    await q.query(`
      CREATE TABLE user_erasures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL UNIQUE REFERENCES users(id),
        erased_by uuid NOT NULL REFERENCES users(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        erased_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE audit_log ADD COLUMN actor_pseudonym text`);
    await q.query(`CREATE INDEX audit_log_actor_pseudonym_idx ON audit_log (actor_pseudonym) WHERE actor_pseudonym IS NOT NULL`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_hash_version_check`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_hash_version_check CHECK (hash_version IN (1, 2, 3))`);
    // a version-3 entry names no one: the pseudonym only
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_v3_no_person CHECK (hash_version < 3 OR (actor_id IS NULL AND actor_email IS NULL))`);

    await q.query(`
      CREATE TABLE retention_settings (
        record_type text PRIMARY KEY CHECK (record_type IN (${DEFAULTS.map(([t]) => `'${t}'`).join(', ')})),
        amount integer NOT NULL CHECK (amount BETWEEN 1 AND 18300),
        unit text NOT NULL CHECK (unit IN ('days', 'months', 'years')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      )`);
    for (const [t, amount, unit] of DEFAULTS) {
      await q.query(`INSERT INTO retention_settings (record_type, amount, unit) VALUES ($1, $2, $3)`, [t, amount, unit]);
    }
    await q.query(`
      CREATE TABLE retention_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dry_run boolean NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
        triggered_by uuid REFERENCES users(id),
        report jsonb NOT NULL DEFAULT '[]',
        error text
      )`);
    await q.query(`CREATE INDEX retention_runs_started_idx ON retention_runs (started_at DESC)`);

    // the closed-grant triggers let the purge through, and nothing else
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_write_on_closed_grant() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        rec jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
        gid uuid;
      BEGIN
        IF TG_NARGS = 0 THEN
          gid := (rec ->> 'grant_id')::uuid;
        ELSE
          EXECUTE format('SELECT grant_id FROM %I WHERE id = $1', TG_ARGV[0]) INTO gid USING (rec ->> TG_ARGV[1])::uuid;
        END IF;
        IF TG_OP = 'DELETE' AND gid IS NOT NULL AND ${GRANT_OWNER_CHECK} THEN
          RETURN NULL;
        END IF;
        IF gid IS NOT NULL AND EXISTS (SELECT 1 FROM grants WHERE id = gid AND status = 'closed') THEN
          RAISE EXCEPTION 'grant % is closed: its records are read-only', gid USING ERRCODE = 'GC409';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_change_of_closed_grant() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE gid uuid := OLD.id;
      BEGIN
        IF TG_OP = 'DELETE' AND ${GRANT_OWNER_CHECK} THEN
          RETURN OLD;
        END IF;
        IF OLD.status = 'closed' THEN
          RAISE EXCEPTION 'grant % is closed: its records are read-only', OLD.id USING ERRCODE = 'GC409';
        END IF;
        RETURN NEW;
      END $$`);

    await q.query(`
      CREATE FUNCTION retention_purge_grant(gid uuid, photos_only boolean)
      RETURNS TABLE (file_id uuid, storage text, storage_key text)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        g grants%ROWTYPE;
        start_at timestamptz;
        keep interval;
        fids uuid[];
        app uuid;
      BEGIN
        SELECT * INTO g FROM grants WHERE id = gid FOR UPDATE;
        IF NOT FOUND THEN RETURN; END IF;
        IF g.status NOT IN ('closed', 'terminated') THEN
          RAISE EXCEPTION 'grant % is not closed: it is kept', gid USING ERRCODE = 'check_violation';
        END IF;
        SELECT GREATEST(COALESCE(g.closed_at, CASE WHEN g.status = 'terminated' THEN g.updated_at END), max(t.paid_at)) INTO start_at
          FROM tranches t WHERE t.grant_id = gid AND t.paid_at IS NOT NULL;
        SELECT (s.amount || ' ' || s.unit)::interval INTO keep FROM retention_settings s
          WHERE s.record_type = CASE WHEN photos_only THEN 'monitoring_photo' ELSE 'grant' END;
        IF start_at IS NULL OR keep IS NULL OR start_at + keep > now() THEN
          RAISE EXCEPTION 'grant % has not reached the end of its retention period', gid USING ERRCODE = 'check_violation';
        END IF;
        PERFORM set_config('grants.retention_purge', gid::text, true);

        SELECT array_agg(p.file_id) INTO fids FROM visit_report_photos p JOIN visit_reports r ON r.id = p.report_id WHERE r.grant_id = gid;
        DELETE FROM visit_report_photos p USING visit_reports r WHERE r.id = p.report_id AND r.grant_id = gid;
        IF NOT photos_only THEN
          app := g.application_id;
          fids := COALESCE(fids, '{}') || ARRAY[g.agreement_file_id, g.signed_copy_file_id]
            || COALESCE((SELECT array_agg(x) FROM (SELECT addendum_file_id AS x FROM grant_amendments WHERE grant_id = gid
                 UNION ALL SELECT bank_letter_file_id FROM grant_amendments WHERE grant_id = gid
                 UNION ALL SELECT d.file_id FROM grant_dossiers d WHERE d.grant_id = gid
                 UNION ALL SELECT unnest(document_file_ids) FROM tranches WHERE grant_id = gid
                 UNION ALL SELECT a.file_id FROM application_attachments a WHERE a.application_id = app
                 UNION ALL SELECT f.id FROM files f WHERE f.application_id = app) u), '{}');
          DELETE FROM action_point_events e USING action_points p WHERE p.id = e.action_point_id AND p.grant_id = gid;
          DELETE FROM action_points WHERE grant_id = gid;
          DELETE FROM visit_report_comments c USING visit_reports r WHERE r.id = c.report_id AND r.grant_id = gid;
          DELETE FROM visit_reports WHERE grant_id = gid;
          DELETE FROM monitoring_visits WHERE grant_id = gid;
          DELETE FROM narrative_report_versions v USING narrative_reports r WHERE r.id = v.report_id AND r.grant_id = gid;
          DELETE FROM narrative_report_comments v USING narrative_reports r WHERE r.id = v.report_id AND r.grant_id = gid;
          DELETE FROM narrative_report_indicator_values v USING narrative_reports r WHERE r.id = v.report_id AND r.grant_id = gid;
          DELETE FROM narrative_report_beneficiary_counts v USING narrative_reports r WHERE r.id = v.report_id AND r.grant_id = gid;
          DELETE FROM report_extension_requests v USING narrative_reports r WHERE r.id = v.report_id AND r.grant_id = gid;
          DELETE FROM narrative_reports WHERE grant_id = gid;
          DELETE FROM recovery_repayments v USING recovery_orders o WHERE o.id = v.recovery_order_id AND o.grant_id = gid;
          DELETE FROM recovery_orders WHERE grant_id = gid;
          DELETE FROM tranches WHERE grant_id = gid;
          DELETE FROM expenditure_reports WHERE grant_id = gid;
          DELETE FROM grant_amendments WHERE grant_id = gid;
          DELETE FROM grant_versions WHERE grant_id = gid;
          DELETE FROM grant_reminders WHERE grant_id = gid;
          DELETE FROM grant_dossiers WHERE grant_id = gid;
          DELETE FROM portfolio_grant_figures WHERE grant_id = gid;
          DELETE FROM portfolio_money_events WHERE grant_id = gid;
          DELETE FROM portfolio_overdue WHERE grant_id = gid;
          DELETE FROM portfolio_indicator_figures WHERE grant_id = gid;
          DELETE FROM portfolio_beneficiary_figures WHERE grant_id = gid;
          DELETE FROM portfolio_report_figures WHERE grant_id = gid;
          DELETE FROM portfolio_award_figures WHERE grant_id = gid OR award_id = g.award_id;
          DELETE FROM grants WHERE id = gid;
          DELETE FROM grant_budget_revisions WHERE award_id = g.award_id;
          DELETE FROM awards WHERE id = g.award_id OR application_id = app;
          DELETE FROM evaluation_assignments WHERE application_id = app;
          DELETE FROM admissibility_checks WHERE application_id = app;
          DELETE FROM application_attachments WHERE application_id = app;
          DELETE FROM application_submissions WHERE application_id = app;
          UPDATE files SET application_id = NULL WHERE application_id = app AND NOT (id = ANY(fids));
          DELETE FROM applications WHERE id = app;
        END IF;
        PERFORM set_config('grants.retention_purge', '', true);
        RETURN QUERY DELETE FROM files f WHERE f.id = ANY(fids)
          AND NOT EXISTS (SELECT 1 FROM organization_documents d WHERE d.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM call_documents d WHERE d.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM visit_report_photos d WHERE d.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM application_attachments d WHERE d.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM grant_dossiers d WHERE d.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM grants d WHERE d.agreement_file_id = f.id OR d.signed_copy_file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM grant_amendments d WHERE d.addendum_file_id = f.id OR d.bank_letter_file_id = f.id)
          RETURNING f.id, f.storage, f.storage_key;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION retention_purge_grant(uuid, boolean) FROM PUBLIC`);

    // for readers of the audit log in SQL (a grant's timeline): the actor and the summary as shown, through the links
    await q.query(`
      CREATE FUNCTION audit_shown_actor(email text, pseudonym text) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN pseudonym IS NULL THEN email ELSE (SELECT p.email FROM audit_pseudonyms p WHERE p.pseudonym = audit_shown_actor.pseudonym) END
      $$`);
    await q.query(`
      CREATE FUNCTION audit_shown_summary(summary text) RETURNS text LANGUAGE plpgsql STABLE AS $$
      DECLARE
        out text := summary;
        ref text;
      BEGIN
        FOR ref IN SELECT DISTINCT (regexp_matches(summary, 'person:([0-9a-f]{32})', 'g'))[1] LOOP
          out := replace(out, 'person:' || ref, COALESCE((SELECT p.email FROM audit_pseudonyms p WHERE p.pseudonym = ref), 'erased person'));
        END LOOP;
        RETURN out;
      END $$`);
    // erasure is one way: a pseudonym never changes, and once erased is never linked to anyone again
    await q.query(`
      CREATE FUNCTION audit_pseudonyms_one_way() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.pseudonym IS DISTINCT FROM OLD.pseudonym OR NEW.created_at IS DISTINCT FROM OLD.created_at
           OR (OLD.erased_at IS NOT NULL AND (NEW.user_id IS NOT NULL OR NEW.email IS NOT NULL OR NEW.erased_at IS DISTINCT FROM OLD.erased_at))
           OR (OLD.user_id IS NOT NULL AND NEW.user_id IS NOT NULL AND NEW.user_id <> OLD.user_id) THEN
          RAISE EXCEPTION 'audit pseudonym %: only erasure or a new e-mail may change it', OLD.pseudonym USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_pseudonyms_one_way BEFORE UPDATE ON audit_pseudonyms FOR EACH ROW EXECUTE FUNCTION audit_pseudonyms_one_way()`);
    await q.query(`REVOKE DELETE, TRUNCATE ON audit_pseudonyms, retention_runs, user_erasures FROM grants_app`);
    await q.query(`GRANT EXECUTE ON FUNCTION retention_purge_grant(uuid, boolean) TO grants_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION retention_purge_grant(uuid, boolean)`);
    await q.query(`DROP FUNCTION audit_shown_summary(text)`);
    await q.query(`DROP FUNCTION audit_shown_actor(text, text)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_change_of_closed_grant() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'closed' THEN
          RAISE EXCEPTION 'grant % is closed: its records are read-only', OLD.id USING ERRCODE = 'GC409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_write_on_closed_grant() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await q.query(`DROP TABLE retention_runs`);
    await q.query(`DROP TABLE retention_settings`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_v3_no_person`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_hash_version_check`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_hash_version_check CHECK (hash_version IN (1, 2))`);
    await q.query(`DROP INDEX audit_log_actor_pseudonym_idx`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN actor_pseudonym`);
    await q.query(`DROP TABLE audit_pseudonyms`);
    await q.query(`DROP TABLE user_erasures`);
    await q.query(`ALTER TABLE users DROP COLUMN erased_at`);
    await q.query(`DROP FUNCTION audit_pseudonyms_one_way()`);
  }
}
