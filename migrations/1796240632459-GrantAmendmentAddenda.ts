import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grant amendments of every kind (issue 10): a budget reallocation within the call's limit is applied at once as a
 * notice (`notice`, no decision by the Secretariat), and the classification of a reallocation is kept as it was
 * computed when requested (`reallocation`, per heading, for the screens and the decision). Each approved (or
 * noticed) amendment has an addendum PDF, whose file and SHA-256 are recorded here.
 */
export class GrantAmendmentAddenda1796240632459 implements MigrationInterface {
  name = 'GrantAmendmentAddenda1796240632459';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE grant_amendments
        ADD COLUMN notice boolean NOT NULL DEFAULT false,
        ADD COLUMN reallocation jsonb,
        ADD COLUMN addendum_file_id uuid REFERENCES files(id),
        ADD COLUMN addendum_sha256 char(64),
        ADD CONSTRAINT grant_amendments_notice_is_reallocation CHECK (NOT notice OR kind = 'budget_reallocation')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE grant_amendments
        DROP CONSTRAINT grant_amendments_notice_is_reallocation,
        DROP COLUMN addendum_sha256, DROP COLUMN addendum_file_id, DROP COLUMN reallocation, DROP COLUMN notice`);
  }
}
