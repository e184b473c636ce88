import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention follows every reference to a stored file, also those without a foreign key (issue 14).
 *
 * Several records keep file ids in an id array or in their JSON, with no foreign key to `files`:
 * `tranches.document_file_ids`, `expenditure_reports.document_file_ids`, `action_points.evidence_file_ids`,
 * `action_point_events.evidence_file_ids` (uuid[]); `narrative_reports.content` and `narrative_report_versions.content`
 * (`indicators.<key>.evidenceFileIds`), `grant_amendments.change` (`bankLetterFileId`), `applications.content` and
 * `application_submissions.snapshot` (`attachments[].fileId`, `content.attachments[].fileId`), `calls.definition` and
 * `call_amendments.before` (`documents[].fileId`), `visit_reports.content` (`photoFileIds`, when present).
 *
 * - `jsonb_uuids(doc, path)`: the uuids a JSON path finds in a document (strings of uuid shape only, lower case).
 * - `files_still_referenced(ids)`: which of the given files something still refers to, by a foreign-key column, an id
 *   array or JSON. The one list of references: `retention_purge_grant` and the repository's removeFiles both keep
 *   what it answers. A table that keeps a file id adds itself here.
 * - `retention_purge_grant`: also collects the files of the grant's expenditure reports, action points and their
 *   events, narrative reports and their versions, amendments' JSON and its application's submissions, and deletes
 *   only those `files_still_referenced` does not name (before, a tranche's document named by another grant was
 *   deleted, and the files named only by id arrays or JSON were kept forever). Its application's files are detached
 *   from the application before it goes (before, any file with `files.application_id` stopped the purge with a
 *   foreign-key error).
 */
const UUID_SHAPE = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;

/** Every reference to a file, as `SELECT <file id> FROM …` restricted to the ids in `ids`. */
const REFERENCES = [
  // foreign keys
  `SELECT d.file_id FROM application_attachments d WHERE d.file_id = ANY(ids)`,
  `SELECT d.file_id FROM organization_documents d WHERE d.file_id = ANY(ids)`,
  `SELECT d.file_id FROM call_documents d WHERE d.file_id = ANY(ids)`,
  `SELECT d.file_id FROM visit_report_photos d WHERE d.file_id = ANY(ids)`,
  `SELECT d.file_id FROM grant_dossiers d WHERE d.file_id = ANY(ids)`,
  `SELECT d.agreement_file_id FROM grants d WHERE d.agreement_file_id = ANY(ids)`,
  `SELECT d.signed_copy_file_id FROM grants d WHERE d.signed_copy_file_id = ANY(ids)`,
  `SELECT d.addendum_file_id FROM grant_amendments d WHERE d.addendum_file_id = ANY(ids)`,
  `SELECT d.bank_letter_file_id FROM grant_amendments d WHERE d.bank_letter_file_id = ANY(ids)`,
  // id arrays
  `SELECT x FROM tranches d, unnest(d.document_file_ids) x WHERE d.document_file_ids && ids AND x = ANY(ids)`,
  `SELECT x FROM expenditure_reports d, unnest(d.document_file_ids) x WHERE d.document_file_ids && ids AND x = ANY(ids)`,
  `SELECT x FROM action_points d, unnest(d.evidence_file_ids) x WHERE d.evidence_file_ids && ids AND x = ANY(ids)`,
  `SELECT x FROM action_point_events d, unnest(d.evidence_file_ids) x WHERE d.evidence_file_ids && ids AND x = ANY(ids)`,
  // JSON
  `SELECT x FROM narrative_reports d, jsonb_uuids(d.content, '$.indicators.*.evidenceFileIds[*]') x WHERE x = ANY(ids)`,
  `SELECT x FROM narrative_report_versions d, jsonb_uuids(d.content, '$.indicators.*.evidenceFileIds[*]') x WHERE x = ANY(ids)`,
  `SELECT x FROM grant_amendments d, jsonb_uuids(d.change, '$.bankLetterFileId') x WHERE x = ANY(ids)`,
  `SELECT x FROM applications d, jsonb_uuids(d.content, '$.attachments[*].fileId') x WHERE x = ANY(ids)`,
  `SELECT x FROM application_submissions d, jsonb_uuids(d.snapshot, '$.content.attachments[*].fileId') x WHERE x = ANY(ids)`,
  `SELECT x FROM calls d, jsonb_uuids(d.definition, '$.documents[*].fileId') x WHERE x = ANY(ids)`,
  `SELECT x FROM call_amendments d, jsonb_uuids(d.before, '$.documents[*].fileId') x WHERE x = ANY(ids)`,
  `SELECT x FROM visit_reports d, jsonb_uuids(d.content, '$.photoFileIds[*]') x WHERE x = ANY(ids)`,
];

/** The files of a grant and its application beyond the photos, as the purge collects them (`gid`, `app`). */
const OLD_COLLECT = `SELECT addendum_file_id AS x FROM grant_amendments WHERE grant_id = gid
                 UNION ALL SELECT bank_letter_file_id FROM grant_amendments WHERE grant_id = gid
                 UNION ALL SELECT d.file_id FROM grant_dossiers d WHERE d.grant_id = gid
                 UNION ALL SELECT unnest(document_file_ids) FROM tranches WHERE grant_id = gid
                 UNION ALL SELECT a.file_id FROM application_attachments a WHERE a.application_id = app
                 UNION ALL SELECT f.id FROM files f WHERE f.application_id = app`;
const NEW_COLLECT = `${OLD_COLLECT}
                 UNION ALL SELECT unnest(document_file_ids) FROM expenditure_reports WHERE grant_id = gid
                 UNION ALL SELECT unnest(p.evidence_file_ids) FROM action_points p WHERE p.grant_id = gid
                 UNION ALL SELECT unnest(e.evidence_file_ids) FROM action_point_events e JOIN action_points p ON p.id = e.action_point_id WHERE p.grant_id = gid
                 UNION ALL SELECT j FROM narrative_reports r, jsonb_uuids(r.content, '$.indicators.*.evidenceFileIds[*]') j WHERE r.grant_id = gid
                 UNION ALL SELECT j FROM narrative_report_versions v JOIN narrative_reports r ON r.id = v.report_id, jsonb_uuids(v.content, '$.indicators.*.evidenceFileIds[*]') j WHERE r.grant_id = gid
                 UNION ALL SELECT j FROM grant_amendments a, jsonb_uuids(a.change, '$.bankLetterFileId') j WHERE a.grant_id = gid
                 UNION ALL SELECT j FROM applications a, jsonb_uuids(a.content, '$.attachments[*].fileId') j WHERE a.id = app
                 UNION ALL SELECT j FROM application_submissions s, jsonb_uuids(s.snapshot, '$.content.attachments[*].fileId') j WHERE s.application_id = app`;

/** As 1796331000000-Retention left it: only foreign keys kept a file. */
const OLD_KEEP = `AND NOT EXISTS (SELECT 1 FROM organization_documents d WHERE d.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM call_documents d WHERE d.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM visit_report_photos d WHERE d.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM application_attachments d WHERE d.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM grant_dossiers d WHERE d.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM grants d WHERE d.agreement_file_id = f.id OR d.signed_copy_file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM grant_amendments d WHERE d.addendum_file_id = f.id OR d.bank_letter_file_id = f.id)`;
const NEW_KEEP = `AND NOT EXISTS (SELECT 1 FROM files_still_referenced(fids) r WHERE r = f.id)`;

/** Before: a file of the application that the purge collected kept its application (and the application's delete failed). */
const OLD_DETACH = `UPDATE files SET application_id = NULL WHERE application_id = app AND NOT (id = ANY(fids));`;
const NEW_DETACH = `UPDATE files SET application_id = NULL WHERE application_id = app;`;

const purgeFunction = (collect: string, detach: string, keep: string) => `
      CREATE OR REPLACE FUNCTION retention_purge_grant(gid uuid, photos_only boolean)
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
            || COALESCE((SELECT array_agg(x) FROM (${collect}) u), '{}');
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
          ${detach}
          DELETE FROM applications WHERE id = app;
        END IF;
        PERFORM set_config('grants.retention_purge', '', true);
        RETURN QUERY DELETE FROM files f WHERE f.id = ANY(fids)
          ${keep}
          RETURNING f.id, f.storage, f.storage_key;
      END $$`;

export class RetentionFileReferences1796332000000 implements MigrationInterface {
  name = 'RetentionFileReferences1796332000000';

  public async up(q: QueryRunner): Promise<void> {
    // CASE: the cast happens only for a string of uuid shape, whatever order the planner gives the conditions
    await q.query(`
      CREATE FUNCTION jsonb_uuids(doc jsonb, path jsonpath) RETURNS SETOF uuid LANGUAGE sql IMMUTABLE AS $$
        SELECT u FROM (
          SELECT CASE WHEN jsonb_typeof(v) = 'string' AND (v #>> '{}') ~ ${UUID_SHAPE} THEN lower(v #>> '{}')::uuid END AS u
          FROM jsonb_path_query(doc, path) v
        ) x WHERE u IS NOT NULL
      $$`);
    await q.query(`
      CREATE FUNCTION files_still_referenced(ids uuid[]) RETURNS SETOF uuid LANGUAGE sql STABLE SET search_path = public AS $$
        ${REFERENCES.join('\n        UNION ')}
      $$`);
    await q.query(purgeFunction(NEW_COLLECT, NEW_DETACH, NEW_KEEP));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(purgeFunction(OLD_COLLECT, OLD_DETACH, OLD_KEEP));
    await q.query(`DROP FUNCTION files_still_referenced(uuid[])`);
    await q.query(`DROP FUNCTION jsonb_uuids(jsonb, jsonpath)`);
  }
}
