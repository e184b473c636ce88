import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for reading grants at portfolio size (bench:grants, issue 10): a grant page's timeline reads the audit
 * entries of the grant, its tranches and its amendments by entity id alone, which the existing (entity, entity_id)
 * index cannot serve; without this index every grant page scanned the whole audit log.
 */
export class GrantReadIndexes1796239590281 implements MigrationInterface {
  name = 'GrantReadIndexes1796239590281';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_log_entity_id_idx ON audit_log (entity_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_entity_id_idx`);
  }
}
