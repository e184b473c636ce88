import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monitoring visits, their reports and action points (issue 11):
 *
 * - `monitoring_visits`: planned by the grant's monitor (or the Secretariat): date, type (planned / follow_up /
 *   unannounced), purpose. An unannounced visit is not shown to the organisation before its date (the rule of
 *   libs/domain isVisitVisibleToOrganisation, in SQL `type <> 'unannounced' OR visit_date <= today`).
 * - `visit_reports`: one per visit, made with it (so a report synced twice from a phone is still one report); its
 *   `content` is libs/domain VisitReportContent (activities 1–4, rating 1–3 with reasons and corrective actions,
 *   findings, people met by function, beneficiaries observed as counts); `rating` repeats the content's rating for
 *   the monitoring priority. draft → submitted → accepted | returned → shared: frozen with `sha256` of
 *   visitReportCanonicalContent; a trigger refuses any change to a shared report's content.
 * - `visit_report_photos`: photos stored after their EXIF/GPS was stripped; `client_key` makes an upload retried
 *   from a phone that lost its network land once.
 * - `visit_report_comments`: appended, never edited (UPDATE and DELETE revoked from the app role).
 * - `action_points`: what, owner (organisation / secretariat), priority, due date, status open → answered →
 *   closed | reopened; written with the report while it is editable, live once it is shared.
 * - `action_point_events`: the history of answers (with evidence), reopenings (with the reason) and closing.
 * - `grant_reminders.subject` gains 'action_point' and 'visit' (the worker's reminders of both).
 */
const APP_ROLE = 'grants_app';
const VISIT_TYPES = ['planned', 'follow_up', 'unannounced'];
const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned', 'shared'];
const ACTION_POINT_STATUSES = ['open', 'answered', 'reopened', 'closed'];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

export class MonitoringVisits1796281909876 implements MigrationInterface {
  name = 'MonitoringVisits1796281909876';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE monitoring_visits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL REFERENCES grants(id),
        monitor_id uuid NOT NULL REFERENCES users(id),
        type text NOT NULL CHECK (type IN (${list(VISIT_TYPES)})),
        visit_date date NOT NULL,
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX monitoring_visits_grant_idx ON monitoring_visits (grant_id, visit_date)`);
    await q.query(`CREATE INDEX monitoring_visits_monitor_idx ON monitoring_visits (monitor_id, visit_date)`);
    await q.query(`CREATE INDEX monitoring_visits_date_idx ON monitoring_visits (visit_date, id)`);

    await q.query(`
      CREATE TABLE visit_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        visit_id uuid NOT NULL UNIQUE REFERENCES monitoring_visits(id),
        grant_id uuid NOT NULL REFERENCES grants(id),
        status text NOT NULL DEFAULT 'draft',
        content jsonb NOT NULL DEFAULT '{"activities":[],"rating":null,"peopleMet":[],"beneficiariesObserved":[]}',
        rating smallint CHECK (rating BETWEEN 1 AND 3),
        sha256 char(64),
        review_comment text,
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        reviewed_by uuid REFERENCES users(id),
        shared_at timestamptz,
        shared_by uuid REFERENCES users(id),
        saved_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT visit_reports_status_known CHECK (status IN (${list(REPORT_STATUSES)})),
        CONSTRAINT visit_reports_content_object CHECK (jsonb_typeof(content) = 'object'),
        CONSTRAINT visit_reports_shared_hashed CHECK (status <> 'shared' OR (sha256 IS NOT NULL AND shared_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX visit_reports_grant_idx ON visit_reports (grant_id, status)`);
    await q.query(`CREATE INDEX visit_reports_review_idx ON visit_reports (submitted_at) WHERE status = 'submitted'`);
    // a shared report is frozen: its content, rating and hash never change again (comments are rows of their own)
    await q.query(`
      CREATE FUNCTION visit_reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'shared' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.rating IS DISTINCT FROM OLD.rating
            OR NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.status IS DISTINCT FROM OLD.status) THEN
          RAISE EXCEPTION 'visit report % is shared and frozen', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER visit_reports_frozen BEFORE UPDATE ON visit_reports FOR EACH ROW EXECUTE FUNCTION visit_reports_frozen()`);

    await q.query(`
      CREATE TABLE visit_report_photos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES visit_reports(id),
        file_id uuid NOT NULL REFERENCES files(id),
        client_key text NOT NULL CHECK (length(client_key) BETWEEN 1 AND 100),
        caption text CHECK (length(caption) <= 500),
        width integer NOT NULL,
        height integer NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (report_id, client_key)
      )`);

    await q.query(`
      CREATE TABLE visit_report_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES visit_reports(id),
        author_id uuid NOT NULL REFERENCES users(id),
        author_kind text NOT NULL CHECK (author_kind IN ('monitor','secretariat','organisation')),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX visit_report_comments_report_idx ON visit_report_comments (report_id, created_at)`);

    await q.query(`
      CREATE TABLE action_points (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES visit_reports(id),
        grant_id uuid NOT NULL REFERENCES grants(id),
        seq integer NOT NULL CHECK (seq > 0),
        what text NOT NULL CHECK (length(what) BETWEEN 1 AND 2000),
        owner text NOT NULL CHECK (owner IN ('organisation','secretariat')),
        priority text NOT NULL CHECK (priority IN ('low','medium','high')),
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'open',
        live boolean NOT NULL DEFAULT false,
        answer text,
        evidence_file_ids uuid[] NOT NULL DEFAULT '{}',
        answered_at timestamptz,
        answered_by uuid REFERENCES users(id),
        reopen_reason text,
        closed_at timestamptz,
        closed_by uuid REFERENCES users(id),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (report_id, seq),
        CONSTRAINT action_points_status_known CHECK (status IN (${list(ACTION_POINT_STATUSES)})),
        CONSTRAINT action_points_closed_has_closer CHECK (status <> 'closed' OR closed_at IS NOT NULL)
      )`);
    // the Secretariat's list: live points by status and due date; a grant's points; the priority's overdue counts
    await q.query(`CREATE INDEX action_points_list_idx ON action_points (status, due_date, id) WHERE live`);
    await q.query(`CREATE INDEX action_points_grant_idx ON action_points (grant_id, status)`);

    await q.query(`
      CREATE TABLE action_point_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_point_id uuid NOT NULL REFERENCES action_points(id),
        kind text NOT NULL CHECK (kind IN ('answer','reopen','close')),
        body text,
        evidence_file_ids uuid[] NOT NULL DEFAULT '{}',
        by_user uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX action_point_events_point_idx ON action_point_events (action_point_id, created_at)`);

    await q.query(`ALTER TABLE grant_reminders DROP CONSTRAINT IF EXISTS grant_reminders_subject_check`);
    await q.query(`ALTER TABLE grant_reminders ADD CONSTRAINT grant_reminders_subject_check CHECK (subject IN ('signature','report','tranche','action_point','visit'))`);

    const tables = ['monitoring_visits', 'visit_reports', 'visit_report_photos', 'visit_report_comments', 'action_points', 'action_point_events'];
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables.join(', ')} TO ${APP_ROLE}`);
    // comments and the history of action points are appended, never rewritten
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON visit_report_comments, action_point_events FROM ${APP_ROLE}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grant_reminders DROP CONSTRAINT grant_reminders_subject_check`);
    await q.query(`DELETE FROM grant_reminders WHERE subject IN ('action_point','visit')`);
    await q.query(`ALTER TABLE grant_reminders ADD CONSTRAINT grant_reminders_subject_check CHECK (subject IN ('signature','report','tranche'))`);
    await q.query(`DROP TABLE action_point_events`);
    await q.query(`DROP TABLE action_points`);
    await q.query(`DROP TABLE visit_report_comments`);
    await q.query(`DROP TABLE visit_report_photos`);
    await q.query(`DROP TRIGGER visit_reports_frozen ON visit_reports`);
    await q.query(`DROP FUNCTION visit_reports_frozen()`);
    await q.query(`DROP TABLE visit_reports`);
    await q.query(`DROP TABLE monitoring_visits`);
  }
}
