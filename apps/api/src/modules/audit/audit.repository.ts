import type { AuditAnchor } from '@grants/domain';
import type { EntityManager } from 'typeorm';

/** A statement run on a connection of its own, outside any transaction (autocommit): rows back. */
export type OutsideQuery = { query(sql: string, params: unknown[]): Promise<unknown[]> };

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

  /**
   * The pseudonym of a user, made on the first entry that names them. Read in the caller's transaction; made (and its
   * e-mail kept current) by a statement of its own outside it (autocommit), so a writer never holds a pseudonym's row
   * lock while it waits for the chain's lock (two writers naming each other's actors would deadlock); hence no foreign
   * key to users either (its check would wait on a user row the caller's transaction holds). An erased person's old
   * pseudonym has no user_id any more, so a person erased and then named again (never, as an erased account cannot
   * sign in) would get a new one. `outside` must not be a connection of the pool the caller's transaction came from:
   * with every connection held by a writer waiting for one more, the process would wait for itself (AuditService's
   * side pool).
   */
  async pseudonymOf(m: EntityManager, outside: OutsideQuery, userId: string, email: string | null, fresh: string): Promise<string> {
    const mine: { pseudonym: string; email: string | null }[] = await m.query(`SELECT pseudonym, email FROM audit_pseudonyms WHERE user_id = $1`, [userId]);
    if (mine.length) {
      if (email && mine[0].email !== email) {
        await outside.query(`UPDATE audit_pseudonyms SET email = $2 WHERE user_id = $1 AND email IS DISTINCT FROM $2`, [userId, email]);
      }
      return mine[0].pseudonym;
    }
    const made = (await outside.query(
      `INSERT INTO audit_pseudonyms (pseudonym, user_id, email) VALUES ($1, $2, COALESCE($3, (SELECT email FROM users WHERE id = $2)))
       ON CONFLICT (user_id) DO NOTHING RETURNING pseudonym`,
      [fresh, userId, email])) as { pseudonym: string }[];
    if (made.length) return made[0].pseudonym;
    const now = (await outside.query(`SELECT pseudonym FROM audit_pseudonyms WHERE user_id = $1`, [userId])) as { pseudonym: string }[];
    return now[0].pseudonym;
  },

  /** Users by e-mail (lower-cased), for the summaries that name someone: id and current e-mail. */
  async usersByEmail(m: EntityManager, emails: string[]): Promise<{ id: string; email: string }[]> {
    if (!emails.length) return [];
    return m.query(`SELECT id, email FROM users WHERE lower(email) = ANY($1::text[])`, [emails.map((e) => e.toLowerCase())]);
  },

  /** What the pseudonyms link to now (no row: unknown; user_id null: erased). */
  async links(m: EntityManager, pseudonyms: string[]): Promise<Map<string, { userId: string | null; email: string | null }>> {
    const out = new Map<string, { userId: string | null; email: string | null }>();
    if (!pseudonyms.length) return out;
    const rows: { pseudonym: string; user_id: string | null; email: string | null }[] = await m.query(
      `SELECT pseudonym, user_id, email FROM audit_pseudonyms WHERE pseudonym = ANY($1::text[])`, [pseudonyms]);
    for (const r of rows) out.set(r.pseudonym, { userId: r.user_id, email: r.email });
    return out;
  },

  /** Erasure: the pseudonym no longer says whose it is. Returns the pseudonym (null if the person never acted). */
  async erasePseudonym(m: EntityManager, userId: string): Promise<string | null> {
    const result = await m.query(
      `UPDATE audit_pseudonyms SET user_id = NULL, email = NULL, erased_at = now() WHERE user_id = $1 RETURNING pseudonym`, [userId]);
    // TypeORM answers an UPDATE … RETURNING with [rows, count]
    const rows = (Array.isArray(result[0]) ? result[0] : result) as { pseudonym: string }[];
    return rows[0]?.pseudonym ?? null;
  },

  /** Entries written before version 3 that still carry the person's e-mail or id (hashed, so they cannot be changed). */
  async legacyEntriesNaming(m: EntityManager, userId: string, email: string): Promise<number> {
    const rows: { n: string }[] = await m.query(
      `SELECT count(*) AS n FROM audit_log WHERE hash_version < 3 AND (actor_id = $1 OR lower(actor_email) = lower($2) OR strpos(lower(summary), lower($2)) > 0)`,
      [userId, email]);
    return Number(rows[0].n);
  },

  async latestAnchor(m: EntityManager): Promise<AnchorRow | null> {
    const rows = await m.query(`SELECT id, seq, hash, reason, created_at FROM audit_anchors ORDER BY id DESC LIMIT 1`);
    return rows.length ? toAnchor(rows[0]) : null;
  },
};
