import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The auditor's dossier of a grant (issue 13): one ZIP with every record of the grant, its manifest and the audit
 * extract, built by the worker (`dossier.build`).
 *
 * - `grant_dossiers`: one row per request. queued → building → ready | failed, a failed one queued again (libs/domain
 *   DOSSIER_TRANSITIONS; only modules/dossier/dossier-status.ts writes the status). `progress_done` of
 *   `progress_total` steps, written as the worker goes. When ready: `file_id` (the ZIP in files/storage), `sha256` of
 *   the ZIP and `manifest_sha256` of its manifest.json (what the auditor compares with what verify.mjs prints),
 *   `size`; `error` when it failed. Who asked and when, when it finished.
 */
const APP_ROLE = 'grants_app';
const STATUSES = ['queued', 'building', 'ready', 'failed'];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

export class GrantDossiers1796312000000 implements MigrationInterface {
  name = 'GrantDossiers1796312000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grant_dossiers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL REFERENCES grants(id),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN (${list(STATUSES)})),
        progress_done integer NOT NULL DEFAULT 0 CHECK (progress_done >= 0),
        progress_total integer NOT NULL DEFAULT 0 CHECK (progress_total >= 0),
        file_id uuid REFERENCES files(id),
        sha256 char(64),
        manifest_sha256 char(64),
        size bigint,
        file_count integer,
        audit_rows integer,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'ready' OR (file_id IS NOT NULL AND sha256 IS NOT NULL AND manifest_sha256 IS NOT NULL AND finished_at IS NOT NULL)),
        CHECK (status <> 'failed' OR error IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX grant_dossiers_grant_idx ON grant_dossiers (grant_id, requested_at DESC)`);
    // at most one dossier of a grant in the making: two requests at once answer with the same row
    await q.query(`CREATE UNIQUE INDEX grant_dossiers_one_active_idx ON grant_dossiers (grant_id) WHERE status IN ('queued', 'building')`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON grant_dossiers TO ${APP_ROLE}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grant_dossiers`);
  }
}
