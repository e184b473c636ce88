import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expenditure reports as the organisation writes them and the Secretariat reviews them (issue 10):
 *
 * - `lines` stays the jsonb list `[{lineId, spentCents}]` per approved budget line that the 70 % rule, the
 *   reminders and the reallocation rule already read; `spent_cents` is their total, written with them.
 * - `document_file_ids`: the supporting documents (invoices, payroll, bank statements), files of the organisation
 *   uploaded through POST /api/grants/:id/documents.
 * - `line_comments` `{lineId: comment}` and `return_comment`: the Secretariat's review, per line and for the report.
 * - `created_by`, `submitted_by`; `version` for optimistic locking; `updated_at`.
 */
export class ExpenditureReports1796241150464 implements MigrationInterface {
  name = 'ExpenditureReports1796241150464';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE expenditure_reports
        ADD COLUMN document_file_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN line_comments jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN return_comment text,
        ADD COLUMN created_by uuid REFERENCES users(id),
        ADD COLUMN submitted_by uuid REFERENCES users(id),
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT expenditure_reports_period_ordered CHECK (period_end >= period_start),
        ADD CONSTRAINT expenditure_reports_lines_array CHECK (jsonb_typeof(lines) = 'array'),
        ADD CONSTRAINT expenditure_reports_line_comments_object CHECK (jsonb_typeof(line_comments) = 'object')`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON expenditure_reports TO grants_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE expenditure_reports
        DROP CONSTRAINT expenditure_reports_line_comments_object, DROP CONSTRAINT expenditure_reports_lines_array, DROP CONSTRAINT expenditure_reports_period_ordered,
        DROP COLUMN updated_at, DROP COLUMN version, DROP COLUMN submitted_by, DROP COLUMN created_by, DROP COLUMN return_comment,
        DROP COLUMN line_comments, DROP COLUMN document_file_ids`);
  }
}
