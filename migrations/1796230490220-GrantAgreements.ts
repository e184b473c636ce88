import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grant agreements, tranches and payment orders (issue 10, the API core).
 *
 * - `grants` gains what the agreement freezes: the application and submission it comes from, a per-call sequence
 *   (the agreement number is the call's reference and it), start and end dates, the approved budget and logframe
 *   of the frozen submission (or of the accepted budget revision), the reporting schedule and the call's grant
 *   settings as they were, the IBAN frozen at signature, the agreement PDF (file and SHA-256), who signed and
 *   countersigned and when, a signed paper copy.
 * - `grant_budget_revisions`: when the committee lowered the amount, the organisation revises its budget to the
 *   awarded amount and the Secretariat accepts it before the agreement is drawn up (one per award).
 * - `grant_versions`: v1 (the signed agreement) and one per approved amendment, frozen JSON and its SHA-256.
 * - `tranches`: the schedule of libs/domain tranchePlan, each planned → requested → approved → paid.
 * - `payment_orders`: a day's approved tranches sent to the bank (pain.001), the tranches they carry.
 * - `grant_amendments`: requests to change a grant in force (here the bank account, with the bank's letter).
 * - `expenditure_reports`: the accepted spending the 70 % rule of a tranche counts (the reports' screens come later).
 *
 * Every status has a CHECK named `<table>_status_known` with the domain's list (test/status-writes.spec.ts). New
 * tables reach grants_app through the default privileges of AppRoleAndAuditAnchors; granted here again explicitly
 * so a database whose tables were made by another role still works.
 */
const APP_ROLE = 'grants_app';
const GRANT_STATUSES = ['draft', 'sent_for_signature', 'signed_by_organization', 'in_force', 'suspended', 'closed', 'terminated'];
const TRANCHE_STATUSES = ['planned', 'requested', 'approved', 'paid'];
const AMENDMENT_STATUSES = ['requested', 'approved', 'rejected'];
const EXPENDITURE_STATUSES = ['draft', 'submitted', 'accepted', 'returned'];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
const NEW_TABLES = ['grant_budget_revisions', 'grant_versions', 'payment_orders', 'tranches', 'grant_amendments', 'expenditure_reports'];

export class GrantAgreements1796230490220 implements MigrationInterface {
  name = 'GrantAgreements1796230490220';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grants DROP CONSTRAINT IF EXISTS grants_status_check`);
    await q.query(`ALTER TABLE grants ADD CONSTRAINT grants_status_known CHECK (status IN (${list(GRANT_STATUSES)}))`);
    await q.query(`
      ALTER TABLE grants
        ADD COLUMN application_id uuid REFERENCES applications(id),
        ADD COLUMN call_seq integer CHECK (call_seq > 0),
        ADD COLUMN start_date date,
        ADD COLUMN end_date date,
        ADD COLUMN submission_sha256 char(64),
        ADD COLUMN budget jsonb,
        ADD COLUMN logframe jsonb,
        ADD COLUMN reporting_schedule jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN settings jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN iban text,
        ADD COLUMN account_holder text,
        ADD COLUMN agreement_file_id uuid REFERENCES files(id),
        ADD COLUMN agreement_sha256 char(64),
        ADD COLUMN agreement_language text CHECK (agreement_language IN ('en','sq','sr')),
        ADD COLUMN signed_copy_file_id uuid REFERENCES files(id),
        ADD COLUMN signatory_name text,
        ADD COLUMN signatory_function text,
        ADD COLUMN signed_at timestamptz,
        ADD COLUMN signed_by uuid REFERENCES users(id),
        ADD COLUMN countersigned_at timestamptz,
        ADD COLUMN countersigned_by uuid REFERENCES users(id),
        ADD COLUMN sent_at timestamptz,
        ADD COLUMN drawn_up_by uuid REFERENCES users(id),
        ADD CONSTRAINT grants_call_seq_unique UNIQUE (call_id, call_seq),
        ADD CONSTRAINT grants_dates_ordered CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
        ADD CONSTRAINT grants_signed_has_signatory CHECK (signed_at IS NULL OR (signatory_name IS NOT NULL AND signatory_function IS NOT NULL AND iban IS NOT NULL)),
        ADD CONSTRAINT grants_in_force_countersigned CHECK (status NOT IN ('in_force','suspended','closed') OR countersigned_at IS NOT NULL)`);

    await q.query(`
      CREATE TABLE grant_budget_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id uuid NOT NULL UNIQUE REFERENCES awards(id),
        budget jsonb NOT NULL,
        computed jsonb NOT NULL,
        requested_cents bigint NOT NULL CHECK (requested_cents > 0),
        submitted_by uuid NOT NULL REFERENCES users(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        accepted_by uuid REFERENCES users(id),
        accepted_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);

    await q.query(`
      CREATE TABLE grant_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL REFERENCES grants(id),
        version integer NOT NULL CHECK (version > 0),
        snapshot jsonb NOT NULL,
        sha256 char(64) NOT NULL,
        amendment_id uuid,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (grant_id, version)
      )`);

    await q.query(`
      CREATE TABLE payment_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        day date NOT NULL,
        message_id text NOT NULL UNIQUE,
        count integer NOT NULL CHECK (count > 0),
        control_sum_cents bigint NOT NULL CHECK (control_sum_cents > 0),
        xml_sha256 char(64) NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX payment_orders_day_idx ON payment_orders (day)`);

    await q.query(`
      CREATE TABLE tranches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL REFERENCES grants(id),
        seq integer NOT NULL CHECK (seq > 0),
        kind text NOT NULL CHECK (kind IN ('pre_financing','instalment','balance')),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        planned_date date NOT NULL,
        period_start date,
        period_end date,
        conditions text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'planned',
        requested_at timestamptz,
        requested_by uuid REFERENCES users(id),
        expenditure_report_id uuid,
        document_file_ids uuid[] NOT NULL DEFAULT '{}',
        request_note text,
        approved_at timestamptz,
        approved_by uuid REFERENCES users(id),
        approved_on date,
        paid_at timestamptz,
        paid_on date,
        paid_by uuid REFERENCES users(id),
        bank_reference text,
        payment_order_id uuid REFERENCES payment_orders(id),
        return_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (grant_id, seq),
        CONSTRAINT tranches_status_known CHECK (status IN (${list(TRANCHE_STATUSES)})),
        CONSTRAINT tranches_paid_has_reference CHECK (status <> 'paid' OR (paid_on IS NOT NULL AND bank_reference IS NOT NULL)),
        CONSTRAINT tranches_approved_has_day CHECK (status NOT IN ('approved','paid') OR approved_on IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX tranches_approved_on_idx ON tranches (approved_on) WHERE status = 'approved'`);

    await q.query(`
      CREATE TABLE grant_amendments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL REFERENCES grants(id),
        kind text NOT NULL CHECK (kind IN ('budget_reallocation','no_cost_extension','logframe_change','bank_account_change')),
        status text NOT NULL DEFAULT 'requested',
        change jsonb NOT NULL,
        justification text NOT NULL,
        bank_letter_file_id uuid REFERENCES files(id),
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_reason text,
        version_id uuid REFERENCES grant_versions(id),
        CONSTRAINT grant_amendments_status_known CHECK (status IN (${list(AMENDMENT_STATUSES)})),
        CONSTRAINT grant_amendments_bank_letter CHECK (kind <> 'bank_account_change' OR bank_letter_file_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX grant_amendments_grant_idx ON grant_amendments (grant_id)`);

    await q.query(`
      CREATE TABLE expenditure_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL REFERENCES grants(id),
        seq integer NOT NULL CHECK (seq > 0),
        period_start date NOT NULL,
        period_end date NOT NULL,
        lines jsonb NOT NULL DEFAULT '[]',
        spent_cents bigint NOT NULL DEFAULT 0 CHECK (spent_cents >= 0),
        status text NOT NULL DEFAULT 'draft',
        submitted_at timestamptz,
        reviewed_at timestamptz,
        reviewed_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (grant_id, seq),
        CONSTRAINT expenditure_reports_status_known CHECK (status IN (${list(EXPENDITURE_STATUSES)}))
      )`);
    await q.query(`ALTER TABLE tranches ADD CONSTRAINT tranches_expenditure_report_fk FOREIGN KEY (expenditure_report_id) REFERENCES expenditure_reports(id)`);
    await q.query(`CREATE INDEX tranches_grant_idx ON tranches (grant_id)`);
    await q.query(`CREATE INDEX expenditure_reports_grant_idx ON expenditure_reports (grant_id)`);

    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${NEW_TABLES.join(', ')} TO ${APP_ROLE}`);
    // a frozen version and a sent payment order are never rewritten
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON grant_versions, payment_orders FROM ${APP_ROLE}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tranches`);
    await q.query(`DROP TABLE expenditure_reports`);
    await q.query(`DROP TABLE grant_amendments`);
    await q.query(`DROP TABLE payment_orders`);
    await q.query(`DROP TABLE grant_versions`);
    await q.query(`DROP TABLE grant_budget_revisions`);
    await q.query(`
      ALTER TABLE grants
        DROP CONSTRAINT grants_in_force_countersigned, DROP CONSTRAINT grants_signed_has_signatory, DROP CONSTRAINT grants_dates_ordered,
        DROP CONSTRAINT grants_call_seq_unique,
        DROP COLUMN drawn_up_by, DROP COLUMN sent_at, DROP COLUMN countersigned_by, DROP COLUMN countersigned_at, DROP COLUMN signed_by,
        DROP COLUMN signed_at, DROP COLUMN signatory_function, DROP COLUMN signatory_name, DROP COLUMN signed_copy_file_id,
        DROP COLUMN agreement_language, DROP COLUMN agreement_sha256, DROP COLUMN agreement_file_id, DROP COLUMN account_holder, DROP COLUMN iban,
        DROP COLUMN settings, DROP COLUMN reporting_schedule, DROP COLUMN logframe, DROP COLUMN budget, DROP COLUMN submission_sha256,
        DROP COLUMN end_date, DROP COLUMN start_date, DROP COLUMN call_seq, DROP COLUMN application_id`);
    await q.query(`ALTER TABLE grants DROP CONSTRAINT grants_status_known`);
    await q.query(`ALTER TABLE grants ADD CONSTRAINT grants_status_check CHECK (status IN (${list(GRANT_STATUSES)}))`);
  }
}
