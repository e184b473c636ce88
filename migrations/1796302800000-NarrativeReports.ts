import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Interim and final reports against the logframe, and closing a grant (issue 12):
 *
 * - `narrative_reports`: one row per report of the grant's reporting schedule (grants.reporting_schedule, libs/domain
 *   grantReportingSchedule), made when the grant is in force; `seq` and `kind` (interim / final) are the schedule's,
 *   `due_date` the scheduled one and `extended_due_date` the one an extension granted. `content` is the libs/domain
 *   narrative report content the organisation types (results and activities 1–4, indicators, beneficiaries as counts,
 *   challenges, lessons, next period's plan); `expenditure_report_id` links the financial part (the grants work's
 *   expenditure report of the same period, never typed twice). draft → submitted → accepted | returned → submitted…
 *   (libs/domain NARRATIVE_REPORT_TRANSITIONS). `submitted_version` is the number of the last frozen submission.
 * - `narrative_report_versions`: each submission frozen with `sha256` of its canonical content, and the privacy-scan
 *   confirmations the writer gave for it (libs/domain personalDataConfirmation: kind + hash of the passage, never the
 *   passage). Appended, never rewritten.
 * - `narrative_report_comments`: the Secretariat's review comments per section (and per indicator) of a version,
 *   the monitor's comments, the organisation's answers. Appended, never rewritten.
 * - `narrative_report_indicator_values` and `narrative_report_beneficiary_counts`: the figures of the latest
 *   submitted version, one row per indicator and per count cell, written on submission, so that the portfolio adds
 *   them up in SQL (issue 13) instead of reading every report's jsonb. Values are libs/domain indicator values
 *   scaled by INDICATOR_VALUE_SCALE (integers, never floats).
 * - `report_extension_requests`: the organisation asks for a later due date with a reason; the Secretariat grants
 *   or refuses (libs/domain EXTENSION_STATUSES).
 * - `recovery_orders` and `recovery_repayments`: when more was paid than is eligible, the final balance draws up a
 *   recovery order instead of a payment; repayments are appended until it is settled.
 * - `grants`: the final balance as computed when the final report was accepted (`final_balance`, libs/domain
 *   grantFinalBalance, with its sha256), and the closure (`closed_at`, `closed_by`, `closing_note`).
 * - `grant_reminders.subject` gains 'narrative_report'.
 */
const APP_ROLE = 'grants_app';
const REPORT_KINDS = ['interim', 'final'];
const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'];
const EXTENSION_STATUSES = ['requested', 'granted', 'refused'];
const COMMENT_KINDS = ['review', 'comment'];
const AUTHOR_ROLES = ['secretariat', 'monitor', 'organisation'];
const RECOVERY_STATUSES = ['issued', 'partially_repaid', 'settled'];
const BREAKDOWNS = ['bySex', 'byAge', 'byIntake', 'byService', 'byMunicipality'];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

export class NarrativeReports1796302800000 implements MigrationInterface {
  name = 'NarrativeReports1796302800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE narrative_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL REFERENCES grants(id),
        seq integer NOT NULL CHECK (seq > 0),
        kind text NOT NULL CHECK (kind IN (${list(REPORT_KINDS)})),
        period_start date NOT NULL,
        period_end date NOT NULL,
        due_date date NOT NULL,
        extended_due_date date,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN (${list(REPORT_STATUSES)})),
        content jsonb NOT NULL DEFAULT '{}',
        expenditure_report_id uuid REFERENCES expenditure_reports(id),
        submitted_version integer NOT NULL DEFAULT 0 CHECK (submitted_version >= 0),
        sha256 char(64),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        reviewed_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (grant_id, kind, seq),
        CONSTRAINT narrative_reports_period_ordered CHECK (period_end >= period_start),
        CONSTRAINT narrative_reports_content_object CHECK (jsonb_typeof(content) = 'object')
      )`);
    await q.query(`CREATE INDEX narrative_reports_grant_idx ON narrative_reports (grant_id, due_date)`);
    // the Secretariat's list to review (submitted, oldest due first) and the overdue ones
    await q.query(`CREATE INDEX narrative_reports_status_due_idx ON narrative_reports (status, (COALESCE(extended_due_date, due_date)), id)`);

    await q.query(`
      CREATE TABLE narrative_report_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES narrative_reports(id),
        version integer NOT NULL CHECK (version > 0),
        content jsonb NOT NULL,
        sha256 char(64) NOT NULL,
        privacy_confirmations jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(privacy_confirmations) = 'array'),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        submitted_by uuid NOT NULL REFERENCES users(id),
        UNIQUE (report_id, version)
      )`);

    await q.query(`
      CREATE TABLE narrative_report_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES narrative_reports(id),
        version integer NOT NULL CHECK (version >= 0),
        kind text NOT NULL CHECK (kind IN (${list(COMMENT_KINDS)})),
        author_id uuid NOT NULL REFERENCES users(id),
        author_role text NOT NULL CHECK (author_role IN (${list(AUTHOR_ROLES)})),
        section text,
        indicator_id text,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX narrative_report_comments_report_idx ON narrative_report_comments (report_id, created_at)`);

    await q.query(`
      CREATE TABLE narrative_report_indicator_values (
        report_id uuid NOT NULL REFERENCES narrative_reports(id),
        indicator_id text NOT NULL,
        period_value bigint,
        cumulative_value bigint,
        PRIMARY KEY (report_id, indicator_id)
      )`);
    await q.query(`
      CREATE TABLE narrative_report_beneficiary_counts (
        report_id uuid NOT NULL REFERENCES narrative_reports(id),
        breakdown text NOT NULL CHECK (breakdown IN (${list(BREAKDOWNS)})),
        key text NOT NULL,
        count integer NOT NULL CHECK (count >= 0),
        PRIMARY KEY (report_id, breakdown, key)
      )`);

    await q.query(`
      CREATE TABLE report_extension_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES narrative_reports(id),
        requested_due_date date NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        status text NOT NULL DEFAULT 'requested' CHECK (status IN (${list(EXTENSION_STATUSES)})),
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_note text,
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX report_extension_requests_report_idx ON report_extension_requests (report_id, requested_at)`);
    // one open request per report at a time
    await q.query(`CREATE UNIQUE INDEX report_extension_requests_one_open ON report_extension_requests (report_id) WHERE status = 'requested'`);

    await q.query(`
      CREATE TABLE recovery_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL UNIQUE REFERENCES grants(id),
        number text NOT NULL UNIQUE,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        repaid_cents bigint NOT NULL DEFAULT 0 CHECK (repaid_cents >= 0),
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'issued' CHECK (status IN (${list(RECOVERY_STATUSES)})),
        final_balance jsonb NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT recovery_orders_not_overpaid CHECK (repaid_cents <= amount_cents)
      )`);
    await q.query(`
      CREATE TABLE recovery_repayments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recovery_order_id uuid NOT NULL REFERENCES recovery_orders(id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        received_on date NOT NULL,
        bank_reference text NOT NULL CHECK (length(bank_reference) BETWEEN 1 AND 140),
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX recovery_repayments_order_idx ON recovery_repayments (recovery_order_id, received_on)`);

    await q.query(`
      ALTER TABLE grants
        ADD COLUMN final_balance jsonb,
        ADD COLUMN final_balance_sha256 char(64),
        ADD COLUMN final_balance_at timestamptz,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closed_by uuid REFERENCES users(id),
        ADD COLUMN closing_note text`);

    await q.query(`ALTER TABLE grant_reminders DROP CONSTRAINT IF EXISTS grant_reminders_subject_check`);
    await q.query(`ALTER TABLE grant_reminders ADD CONSTRAINT grant_reminders_subject_check CHECK (subject IN ('signature','report','tranche','action_point','visit','narrative_report'))`);

    const tables = [
      'narrative_reports', 'narrative_report_versions', 'narrative_report_comments', 'narrative_report_indicator_values',
      'narrative_report_beneficiary_counts', 'report_extension_requests', 'recovery_orders', 'recovery_repayments',
    ];
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables.join(', ')} TO ${APP_ROLE}`);
    // frozen submissions, comments and repayments are appended, never rewritten
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON narrative_report_versions, narrative_report_comments, recovery_repayments FROM ${APP_ROLE}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grant_reminders DROP CONSTRAINT grant_reminders_subject_check`);
    await q.query(`DELETE FROM grant_reminders WHERE subject = 'narrative_report'`);
    await q.query(`ALTER TABLE grant_reminders ADD CONSTRAINT grant_reminders_subject_check CHECK (subject IN ('signature','report','tranche','action_point','visit'))`);
    await q.query(`
      ALTER TABLE grants
        DROP COLUMN closing_note, DROP COLUMN closed_by, DROP COLUMN closed_at,
        DROP COLUMN final_balance_at, DROP COLUMN final_balance_sha256, DROP COLUMN final_balance`);
    await q.query(`DROP TABLE recovery_repayments`);
    await q.query(`DROP TABLE recovery_orders`);
    await q.query(`DROP TABLE report_extension_requests`);
    await q.query(`DROP TABLE narrative_report_beneficiary_counts`);
    await q.query(`DROP TABLE narrative_report_indicator_values`);
    await q.query(`DROP TABLE narrative_report_comments`);
    await q.query(`DROP TABLE narrative_report_versions`);
    await q.query(`DROP TABLE narrative_reports`);
  }
}
