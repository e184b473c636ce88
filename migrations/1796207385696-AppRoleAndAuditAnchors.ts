import { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the API and the worker connect as (their DATABASE_URL user is this role or a member of it). */
export const APP_ROLE = 'grants_app';

/**
 * Least privilege and an anchored audit chain (issue 8, holes 5, 8 and 10).
 *
 * - The role `grants_app`: the API and the worker connect as it (or as a LOGIN role that is a member of it), the
 *   migrations as the owner of the tables. It reads and writes rows, but owns no table, so it cannot alter a table
 *   nor disable a trigger, and it may only INSERT and SELECT on `audit_log`, `audit_anchors` and `award_decisions`.
 *   Created NOLOGIN when missing (roles are cluster-wide: an existing one is kept as it is); a deployment gives it a
 *   password and LOGIN, or grants it to the login role it uses (docker-compose's init script, scripts/start.mjs).
 *   Default privileges give it the same rights on the tables and sequences that later migrations create.
 *   CREATE on the database and on `public`: the queue's PostgreSQL backend keeps its tables in a schema of its own
 *   (`bullmq`, created by the queue on first use), and each published call gets its own application-number sequence.
 * - `audit_log.hash_version`: entries written from now on (version 2) hash every column, `actor_email` included;
 *   earlier entries keep verifying with the rule they were written under (version 1), so history is not rewritten.
 * - `audit_anchors`: the head of the chain (its length and hash) recorded daily and at each decision, append-only.
 * - `login_failures`: failed logins for addresses without an account, so that they "lock" like real ones.
 */
export class AppRoleAndAuditAnchors1796207385696 implements MigrationInterface {
  name = 'AppRoleAndAuditAnchors1796207385696';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN hash_version smallint NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2))`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN hash_version DROP DEFAULT`);

    await q.query(`
      CREATE TABLE audit_anchors (
        id bigserial PRIMARY KEY,
        seq bigint NOT NULL CHECK (seq >= 0),
        hash char(64) NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_anchors_seq_idx ON audit_anchors (seq)`);
    await q.query(`
      CREATE FUNCTION append_only_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_anchors_no_update BEFORE UPDATE OR DELETE ON audit_anchors FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change()`);

    await q.query(`
      CREATE TABLE login_failures (
        email text PRIMARY KEY,
        failed integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_failures_updated_idx ON login_failures (updated_at)`);

    // Two test runs (or two databases of one cluster) may create the role at the same moment.
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`DO $$ BEGIN EXECUTE format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO ${APP_ROLE}', current_database()); END $$`);
    await q.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_anchors, award_decisions FROM ${APP_ROLE}`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${APP_ROLE}`);
    // A queue schema made earlier by a superuser connection becomes the app role's, with what is in it.
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'bullmq') THEN
          EXECUTE 'ALTER SCHEMA bullmq OWNER TO ${APP_ROLE}';
          EXECUTE 'GRANT ALL ON ALL TABLES IN SCHEMA bullmq TO ${APP_ROLE}';
          EXECUTE 'GRANT ALL ON ALL SEQUENCES IN SCHEMA bullmq TO ${APP_ROLE}';
          EXECUTE 'GRANT ALL ON ALL FUNCTIONS IN SCHEMA bullmq TO ${APP_ROLE}';
        END IF;
      END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`DO $$ BEGIN EXECUTE format('REVOKE ALL ON DATABASE %I FROM ${APP_ROLE}', current_database()); END $$`);
    await q.query(`DROP TABLE login_failures`);
    await q.query(`DROP TABLE audit_anchors`);
    await q.query(`DROP FUNCTION append_only_refuse_change()`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN hash_version`);
    // the role itself stays: it is cluster-wide, and other databases of the cluster may use it
  }
}
