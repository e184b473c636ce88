import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The grant that an award becomes: one per award, for the awarded organisation, with the monitor who follows
 * it. Minimal for now, so that record access (own organisation's grants, a monitor's assigned grants, the
 * Secretariat's any grant, the portfolio) can be checked before grants are built: issue 10 extends this table
 * (dates, approved budget and logframe, tranche and reporting schedules) and adds the agreement's state function.
 */
export class Grants1796207267056 implements MigrationInterface {
  name = 'Grants1796207267056';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id uuid NOT NULL UNIQUE REFERENCES awards(id),
        call_id uuid NOT NULL REFERENCES calls(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        monitor_id uuid REFERENCES users(id),
        agreement_number text UNIQUE,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','sent_for_signature','signed_by_organization','in_force','suspended','closed','terminated')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // the access checks ask "which of these grants are this organisation's / this monitor's"
    await q.query(`CREATE INDEX grants_organization_idx ON grants (organization_id)`);
    await q.query(`CREATE INDEX grants_monitor_idx ON grants (monitor_id) WHERE monitor_id IS NOT NULL`);
    await q.query(`CREATE INDEX grants_call_idx ON grants (call_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grants`);
  }
}
