import type { AuditAnchor } from '@grants/domain';
import type { EntityManager } from 'typeorm';

/** Serialises writers of the chain (and anchors): one advisory lock, held to the end of the writer's transaction. */
const AUDIT_LOCK = 7_204_917_332;

export type AnchorRow = AuditAnchor & { id: number; reason: string; createdAt: string };

const toAnchor = (r: { id: string; seq: string; hash: string; reason: string; created_at: Date }): AnchorRow => ({
  id: Number(r.id), seq: Number(r.seq), hash: r.hash, reason: r.reason, createdAt: r.created_at.toISOString(),
});

/** SQL of the audit log and its anchors. */
export const auditRepository = {
  lockChain: (m: EntityManager) => m.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]),

  /**
   * The chain's lock and then its head, in one round trip (migration AuditChainHead): what a writer holds the lock
   * for until its commit is one statement less.
   */
  async lockedHead(m: EntityManager): Promise<{ seq: number; hash: string } | null> {
    const rows: { seq: string; hash: string }[] = await m.query('SELECT seq, hash FROM audit_chain_head($1)', [AUDIT_LOCK]);
    return rows.length ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
  },

  async head(m: EntityManager): Promise<{ seq: number; hash: string } | null> {
    const rows: { seq: string; hash: string }[] = await m.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    return rows.length ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
  },

  async insertAnchor(m: EntityManager, anchor: AuditAnchor, reason: string): Promise<AnchorRow> {
    const rows = await m.query(
      `INSERT INTO audit_anchors (seq, hash, reason) VALUES ($1, $2, $3) RETURNING id, seq, hash, reason, created_at`,
      [anchor.seq, anchor.hash, reason],
    );
    return toAnchor(rows[0]);
  },

  /** The anchor of this reason written on or after the instant, if any (so a retried job anchors once). */
  async anchorSince(m: EntityManager, reason: string, since: Date): Promise<AnchorRow | null> {
    const rows = await m.query(
      `SELECT id, seq, hash, reason, created_at FROM audit_anchors WHERE reason = $1 AND created_at >= $2 ORDER BY id DESC LIMIT 1`,
      [reason, since],
    );
    return rows.length ? toAnchor(rows[0]) : null;
  },

  async anchors(m: EntityManager): Promise<AnchorRow[]> {
    const rows = await m.query(`SELECT id, seq, hash, reason, created_at FROM audit_anchors ORDER BY seq, id`);
    return rows.map(toAnchor);
  },

  async latestAnchor(m: EntityManager): Promise<AnchorRow | null> {
    const rows = await m.query(`SELECT id, seq, hash, reason, created_at FROM audit_anchors ORDER BY id DESC LIMIT 1`);
    return rows.length ? toAnchor(rows[0]) : null;
  },
};
