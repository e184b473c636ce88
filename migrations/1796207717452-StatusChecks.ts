import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database refuses a status it does not know, on every table with a status column. Each list is the domain's
 * (libs/domain: APPLICATION_STATUSES, CALL_STATUSES, ASSIGNMENT_STATUSES, AWARD_STATUSES); test/status-writes.spec.ts
 * checks that the constraints and the domain's lists stay the same. Applications had no CHECK at all; the others
 * had an unnamed one, replaced here by a named one. (emails and grants already check theirs in their own migrations.)
 */
const STATUSES: Record<string, readonly string[]> = {
  applications: ['draft', 'submitted', 'withdrawn', 'admissible', 'rejected_admissibility', 'in_evaluation', 'evaluated', 'awarded', 'reserve', 'rejected', 'declined'],
  calls: ['draft', 'published', 'closed', 'in_evaluation', 'decided', 'archived'],
  evaluation_assignments: ['assigned', 'accepted', 'submitted', 'conflict', 'removed'],
  awards: ['awarded', 'declined'],
};

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

export class StatusChecks1796207717452 implements MigrationInterface {
  name = 'StatusChecks1796207717452';

  public async up(q: QueryRunner): Promise<void> {
    for (const [table, values] of Object.entries(STATUSES)) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_status_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_status_known CHECK (status IN (${list(values)}))`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table, values] of Object.entries(STATUSES)) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_status_known`);
      if (table !== 'applications') await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_status_check CHECK (status IN (${list(values)}))`);
    }
  }
}
