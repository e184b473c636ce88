import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An award for less than the organisation requested is an offer it accepts or refuses (libs/domain award.ts):
 * awards gain the statuses 'offered' and 'refused', applications the status 'offered', and an award records who
 * answered its offer and when. The lists are the domain's AWARD_STATUSES and APPLICATION_STATUSES
 * (test/status-writes.spec.ts checks they stay the same). No new table, so no new grant for grants_app.
 */
const BEFORE: Record<string, readonly string[]> = {
  applications: ['draft', 'submitted', 'withdrawn', 'admissible', 'rejected_admissibility', 'in_evaluation', 'evaluated', 'awarded', 'reserve', 'rejected', 'declined'],
  awards: ['awarded', 'declined'],
};
const AFTER: Record<string, readonly string[]> = {
  applications: [...BEFORE.applications, 'offered'],
  awards: ['offered', 'awarded', 'refused', 'declined'],
};

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

export class AwardOffers1796228175684 implements MigrationInterface {
  name = 'AwardOffers1796228175684';

  public async up(q: QueryRunner): Promise<void> {
    for (const [table, values] of Object.entries(AFTER)) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_status_known`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_status_known CHECK (status IN (${list(values)}))`);
    }
    await q.query(`
      ALTER TABLE awards
        ADD COLUMN answered_at timestamptz,
        ADD COLUMN answered_by uuid REFERENCES users(id),
        ADD CONSTRAINT awards_refused_answered CHECK (status <> 'refused' OR answered_at IS NOT NULL)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE awards DROP CONSTRAINT awards_refused_answered, DROP COLUMN answered_by, DROP COLUMN answered_at`);
    for (const [table, values] of Object.entries(BEFORE)) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_status_known`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_status_known CHECK (status IN (${list(values)}))`);
    }
  }
}
