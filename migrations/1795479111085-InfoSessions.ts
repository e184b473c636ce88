import { MigrationInterface, QueryRunner } from 'typeorm';

/** Info sessions for potential applicants of a call, with registrations by organisation. */
export class InfoSessions1795479111085 implements MigrationInterface {
  name = 'InfoSessions1795479111085';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE info_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id),
        starts_at timestamptz NOT NULL,
        place text,
        online_link text,
        capacity integer NOT NULL CHECK (capacity > 0),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (place IS NOT NULL OR online_link IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE info_session_registrations (
        session_id uuid NOT NULL REFERENCES info_sessions(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        user_id uuid NOT NULL REFERENCES users(id),
        attendees integer NOT NULL CHECK (attendees BETWEEN 1 AND 10),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, organization_id)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE info_session_registrations`);
    await q.query(`DROP TABLE info_sessions`);
  }
}
