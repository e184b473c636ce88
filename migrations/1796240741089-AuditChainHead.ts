import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The head of the audit chain read under the chain's lock in one round trip (bench:grants, issue 10): every audited
 * write holds the chain's advisory lock from reading the head to its commit, so each round trip inside it is paid by
 * every writer queued behind. The function takes the lock, then reads the head with a fresh snapshot (a VOLATILE
 * function's queries each take their own, so it sees the entry the previous holder committed), as the two separate
 * statements did.
 */
export class AuditChainHead1796240741089 implements MigrationInterface {
  name = 'AuditChainHead1796240741089';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_chain_head(lock_key bigint) RETURNS TABLE (seq bigint, hash char(64)) LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        RETURN QUERY SELECT a.seq, a.hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
      END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_chain_head(bigint)`);
  }
}
