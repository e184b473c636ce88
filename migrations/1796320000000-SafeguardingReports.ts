import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The confidential safeguarding channel (issue 14).
 *
 * - `users.safeguarding_focal_point`: an admin designates who reads safeguarding reports; no role does by itself.
 * - `safeguarding_reports`: one concern. What happened, the project or organisation concerned and the reporter's
 *   contact are in `content` and `reporter_email`, AES-256-GCM with the key in SAFEGUARDING_KEY (12-byte IV, 16-byte
 *   tag, ciphertext; the report's id is the associated data), so a database dump shows none of it. The reporter's
 *   follow-up code is kept only as its SHA-256 (`follow_up_hash`). received → under_review → closed with an
 *   `outcome` (libs/domain SAFEGUARDING_TRANSITIONS; only modules/safeguarding/safeguarding-status.ts writes it).
 * - `safeguarding_messages`: the conversation between the focal points and the reporter, each body encrypted the same way.
 */
const APP_ROLE = 'grants_app';
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
const STATUSES = ['received', 'under_review', 'closed'];
const OUTCOMES = ['substantiated', 'not_substantiated', 'referred', 'no_action_possible', 'duplicate'];
const CATEGORIES = ['sexual_exploitation', 'abuse', 'harassment', 'misconduct', 'other'];

export class SafeguardingReports1796320000000 implements MigrationInterface {
  name = 'SafeguardingReports1796320000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN safeguarding_focal_point boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE safeguarding_reports (
        id uuid PRIMARY KEY,
        status text NOT NULL DEFAULT 'received' CHECK (status IN (${list(STATUSES)})),
        outcome text CHECK (outcome IN (${list(OUTCOMES)})),
        category text NOT NULL CHECK (category IN (${list(CATEGORIES)})),
        content bytea NOT NULL,
        reporter_email bytea,
        follow_up_hash char(64) NOT NULL UNIQUE,
        received_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'closed') = (outcome IS NOT NULL AND closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX safeguarding_reports_open_idx ON safeguarding_reports (received_at) WHERE status <> 'closed'`);
    await q.query(`
      CREATE TABLE safeguarding_messages (
        id uuid PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES safeguarding_reports(id),
        author text NOT NULL CHECK (author IN ('reporter', 'focal_point')),
        author_user_id uuid REFERENCES users(id),
        body bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((author = 'focal_point') = (author_user_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX safeguarding_messages_report_idx ON safeguarding_messages (report_id, created_at)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON safeguarding_reports TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON safeguarding_messages TO ${APP_ROLE}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE safeguarding_messages`);
    await q.query(`DROP TABLE safeguarding_reports`);
    await q.query(`ALTER TABLE users DROP COLUMN safeguarding_focal_point`);
  }
}
