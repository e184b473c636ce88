import { MigrationInterface, QueryRunner } from 'typeorm';

/** Calls for proposals, clarifications, info sessions, applications with their frozen submissions, admissibility. */
export class CallsAndApplications1795476667770 implements MigrationInterface {
  name = 'CallsAndApplications1795476667770';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programmes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES programmes(id),
        reference text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','closed','in_evaluation','decided','archived')),
        definition jsonb NOT NULL,
        questions_deadline_at timestamptz,
        submission_deadline_at timestamptz,
        published_at timestamptz,
        closed_at timestamptz,
        application_seq integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX calls_status_idx ON calls (status)`);
    await q.query(`
      CREATE TABLE call_amendments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id),
        reason text NOT NULL,
        fields text[] NOT NULL,
        before jsonb NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE call_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id),
        kind text NOT NULL CHECK (kind IN ('guidelines','template','other')),
        language text CHECK (language IN ('en','sq','sr')),
        file_id uuid NOT NULL REFERENCES files(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE files ADD COLUMN call_id uuid REFERENCES calls(id)`);
    await q.query(`
      CREATE TABLE call_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        asked_by uuid NOT NULL REFERENCES users(id),
        question text NOT NULL,
        answer text,
        answered_by uuid REFERENCES users(id),
        answered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX call_questions_call_idx ON call_questions (call_id)`);
    await q.query(`
      CREATE TABLE call_followers (
        call_id uuid NOT NULL REFERENCES calls(id),
        user_id uuid NOT NULL REFERENCES users(id),
        PRIMARY KEY (call_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        status text NOT NULL DEFAULT 'draft',
        content jsonb NOT NULL DEFAULT '{}',
        requested_cents bigint NOT NULL DEFAULT 0,
        reference text UNIQUE,
        sha256 char(64),
        submitted_at timestamptz,
        withdrawn_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX applications_one_per_org ON applications (call_id, organization_id) WHERE status <> 'withdrawn'`);
    await q.query(`CREATE INDEX applications_call_status_idx ON applications (call_id, status)`);
    await q.query(`ALTER TABLE files ADD COLUMN application_id uuid REFERENCES applications(id)`);
    await q.query(`
      CREATE TABLE application_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        requirement_id text NOT NULL,
        file_id uuid NOT NULL REFERENCES files(id),
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Every submission is kept, frozen: its content, the hashes of its attachments, and the SHA-256 over both.
    await q.query(`
      CREATE TABLE application_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        seq integer NOT NULL,
        reference text NOT NULL,
        snapshot jsonb NOT NULL,
        sha256 char(64) NOT NULL,
        submitted_by uuid NOT NULL REFERENCES users(id),
        submitted_at timestamptz NOT NULL,
        superseded_at timestamptz,
        UNIQUE (application_id, seq)
      )`);
    await q.query(`
      CREATE TABLE admissibility_checks (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
        answers jsonb NOT NULL,
        flags text[] NOT NULL DEFAULT '{}',
        outcome text CHECK (outcome IN ('admissible','rejected','incomplete')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE admissibility_checks`);
    await q.query(`DROP TABLE application_submissions`);
    await q.query(`DROP TABLE application_attachments`);
    await q.query(`ALTER TABLE files DROP COLUMN application_id`);
    await q.query(`DROP TABLE applications`);
    await q.query(`DROP TABLE call_followers`);
    await q.query(`DROP TABLE call_questions`);
    await q.query(`ALTER TABLE files DROP COLUMN call_id`);
    for (const t of ['call_documents', 'call_amendments', 'calls', 'programmes']) await q.query(`DROP TABLE ${t}`);
  }
}
