import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Independent evaluation and the committee's decision: the evaluator pool of a call, the declarations of
 * impartiality and confidentiality, assignments with their scoring sheets, the decisions (frozen: the database
 * refuses to change them) and the awards that grant agreements will start from.
 */
export class Evaluation1795490000000 implements MigrationInterface {
  name = 'Evaluation1795490000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_evaluators (
        call_id uuid NOT NULL REFERENCES calls(id),
        user_id uuid NOT NULL REFERENCES users(id),
        added_by uuid REFERENCES users(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (call_id, user_id)
      )`);
    await q.query(`CREATE INDEX call_evaluators_user_idx ON call_evaluators (user_id)`);
    await q.query(`
      CREATE TABLE evaluator_declarations (
        call_id uuid NOT NULL REFERENCES calls(id),
        user_id uuid NOT NULL REFERENCES users(id),
        language text NOT NULL CHECK (language IN ('en','sq','sr')),
        text_sha256 char(64) NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (call_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE evaluation_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id),
        application_id uuid NOT NULL REFERENCES applications(id),
        evaluator_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned','accepted','submitted','conflict','removed')),
        origin text NOT NULL CHECK (origin IN ('automatic','manual','replacement','divergence')),
        due_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        conflict_reason text,
        conflict_at timestamptz,
        scores jsonb NOT NULL DEFAULT '{}',
        comments jsonb NOT NULL DEFAULT '{}',
        total numeric(8,2),
        submitted_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (application_id, evaluator_id)
      )`);
    await q.query(`CREATE INDEX evaluation_assignments_call_idx ON evaluation_assignments (call_id, status)`);
    await q.query(`CREATE INDEX evaluation_assignments_evaluator_idx ON evaluation_assignments (evaluator_id, call_id)`);
    await q.query(`
      CREATE TABLE award_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id),
        seq integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('decision','move_up')),
        committee_members text[] NOT NULL DEFAULT '{}',
        decided_on date NOT NULL,
        envelope_cents bigint NOT NULL,
        snapshot jsonb NOT NULL,
        sha256 char(64) NOT NULL,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (call_id, seq)
      )`);
    await q.query(`CREATE UNIQUE INDEX award_decisions_one_decision ON award_decisions (call_id) WHERE kind = 'decision'`);
    await q.query(`
      CREATE FUNCTION award_decisions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'award_decisions is frozen once recorded: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER award_decisions_frozen BEFORE UPDATE OR DELETE ON award_decisions FOR EACH ROW EXECUTE FUNCTION award_decisions_refuse_change()`);
    await q.query(`CREATE TRIGGER award_decisions_no_truncate BEFORE TRUNCATE ON award_decisions FOR EACH STATEMENT EXECUTE FUNCTION award_decisions_refuse_change()`);
    await q.query(`
      CREATE TABLE awards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id),
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        decision_id uuid NOT NULL REFERENCES award_decisions(id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        adjustment_reason text,
        status text NOT NULL DEFAULT 'awarded' CHECK (status IN ('awarded','declined')),
        declined_at timestamptz,
        decline_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX awards_call_idx ON awards (call_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE awards`);
    await q.query(`DROP TRIGGER award_decisions_no_truncate ON award_decisions`);
    await q.query(`DROP TRIGGER award_decisions_frozen ON award_decisions`);
    await q.query(`DROP TABLE award_decisions`);
    await q.query(`DROP FUNCTION award_decisions_refuse_change()`);
    await q.query(`DROP TABLE evaluation_assignments`);
    await q.query(`DROP TABLE evaluator_declarations`);
    await q.query(`DROP TABLE call_evaluators`);
  }
}
