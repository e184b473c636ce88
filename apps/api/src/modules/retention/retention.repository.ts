import { periodToInterval, UNFUNDED_APPLICATION_STATUSES, type RetentionPeriod, type RetentionRecordType, type RetentionUnit } from '@grants/domain';
import type { EntityManager } from 'typeorm';

/** One table's part of a sweep (or of a dry run): how many rows, and the first and last id removed (by id order). */
export type SweepItem = { type: RetentionRecordType; table: string; count: number; firstId: string | null; lastId: string | null };
export type RemovedFile = { file_id: string; storage: string; storage_key: string };

const UNFUNDED = `ARRAY[${UNFUNDED_APPLICATION_STATUSES.map((s) => `'${s}'`).join(', ')}]::text[]`;

/** When the call of an application was decided (its latest decision record), or its submission deadline. */
const CALL_DECIDED = `COALESCE((SELECT max(d.recorded_at) FROM award_decisions d WHERE d.call_id = a.call_id), (SELECT c.submission_deadline_at FROM calls c WHERE c.id = a.call_id))`;
/** A grant's retention start, as retention_purge_grant computes it (libs/domain grantRetentionStart). */
const GRANT_START = `GREATEST(COALESCE(g.closed_at, CASE WHEN g.status = 'terminated' THEN g.updated_at END), (SELECT max(t.paid_at) FROM tranches t WHERE t.grant_id = g.id))`;

/**
 * The candidates of each record type: a query of ids (`id` column, text) whose period ($1, an interval) has passed
 * by the database clock. Written `start <= now() - period` where an index can serve it: at a month's end this keeps a
 * record up to three days longer than `start + period <= now()` (31 March − 1 month is 28 February), never shorter. Sessions and login failures are keyed by secrets and e-mails, so their ids are never reported.
 */
const CANDIDATES: Record<Exclude<RetentionRecordType, 'session'>, { table: string; ids: string }[]> = {
  evaluation: [{
    table: 'evaluation_assignments',
    ids: `SELECT e.id::text AS id FROM evaluation_assignments e JOIN applications a ON a.id = e.application_id
          WHERE a.status = ANY(${UNFUNDED}) AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.application_id = a.id)
            AND ${CALL_DECIDED} + $1::interval <= now()`,
  }],
  application_unfunded: [{
    table: 'applications',
    ids: `SELECT a.id::text AS id FROM applications a
          WHERE a.status = ANY(${UNFUNDED}) AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.application_id = a.id)
            AND ${CALL_DECIDED} + $1::interval <= now()
            -- its evaluations go first (or in the same sweep: the evaluation period, $2, has passed too)
            AND (NOT EXISTS (SELECT 1 FROM evaluation_assignments e WHERE e.application_id = a.id) OR ${CALL_DECIDED} + $2::interval <= now())`,
  }],
  grant: [{
    table: 'grants',
    ids: `SELECT g.id::text AS id FROM grants g WHERE g.status IN ('closed', 'terminated') AND ${GRANT_START} + $1::interval <= now()`,
  }],
  monitoring_photo: [{
    table: 'visit_report_photos',
    ids: `SELECT p.id::text AS id FROM visit_report_photos p JOIN visit_reports r ON r.id = p.report_id JOIN grants g ON g.id = r.grant_id
          WHERE g.status IN ('closed', 'terminated') AND ${GRANT_START} + $1::interval <= now()`,
  }],
  safeguarding_report: [{
    table: 'safeguarding_reports',
    ids: `SELECT s.id::text AS id FROM safeguarding_reports s WHERE s.status = 'closed' AND s.closed_at <= now() - $1::interval`,
  }],
  notification: [
    { table: 'notifications', ids: `SELECT n.id::text AS id FROM notifications n WHERE n.created_at <= now() - $1::interval` },
    { table: 'emails', ids: `SELECT m.id::text AS id FROM emails m WHERE m.status IN ('sent', 'caught', 'failed') AND m.created_at <= now() - $1::interval` },
  ],
};

const SESSION_TABLES = [
  { table: 'sessions', where: `expire <= now() - $1::interval`, key: 'sid' },
  { table: 'login_failures', where: `updated_at <= now() - $1::interval AND (locked_until IS NULL OR locked_until <= now())`, key: 'email' },
  { table: 'auth_tokens', where: `COALESCE(used_at, expires_at) <= now() - $1::interval AND expires_at <= now()`, key: 'id' },
] as const;

/** The rows of an UPDATE or DELETE … RETURNING (TypeORM's PostgreSQL driver answers those with [rows, count]). */
export const returned = <T>(result: unknown): T[] =>
  (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];

const summarise = (type: RetentionRecordType, table: string, ids: string[]): SweepItem => {
  const sorted = [...ids].sort();
  return { type, table, count: ids.length, firstId: sorted[0] ?? null, lastId: sorted.at(-1) ?? null };
};

/** SQL of retention: settings, runs, what has expired, and its removal in batches. */
export const retentionRepository = {
  async settings(m: EntityManager): Promise<{ type: RetentionRecordType; amount: number; unit: RetentionUnit; updatedAt: Date }[]> {
    const rows: { record_type: RetentionRecordType; amount: number; unit: RetentionUnit; updated_at: Date }[] =
      await m.query(`SELECT record_type, amount, unit, updated_at FROM retention_settings ORDER BY record_type`);
    return rows.map((r) => ({ type: r.record_type, amount: r.amount, unit: r.unit, updatedAt: r.updated_at }));
  },

  async saveSetting(m: EntityManager, type: RetentionRecordType, p: RetentionPeriod, by: string) {
    await m.query(
      `INSERT INTO retention_settings (record_type, amount, unit, updated_at, updated_by) VALUES ($1, $2, $3, now(), $4)
       ON CONFLICT (record_type) DO UPDATE SET amount = EXCLUDED.amount, unit = EXCLUDED.unit, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [type, p.amount, p.unit, by],
    );
  },

  /** What would be removed now: per table, the count and the id range (no row changes). */
  async preview(m: EntityManager, type: RetentionRecordType, p: RetentionPeriod, evaluation: RetentionPeriod): Promise<SweepItem[]> {
    const interval = periodToInterval(p);
    if (type === 'session') {
      const out: SweepItem[] = [];
      for (const t of SESSION_TABLES) {
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM ${t.table} WHERE ${t.where}`, [interval]);
        out.push({ type, table: t.table, count: n, firstId: null, lastId: null });
      }
      return out;
    }
    const out: SweepItem[] = [];
    for (const c of CANDIDATES[type]) {
      const params = type === 'application_unfunded' ? [interval, periodToInterval(evaluation)] : [interval];
      const [r] = await m.query(`SELECT count(*)::int AS n, min(id) AS first, max(id) AS last FROM (${c.ids}) x`, params);
      out.push({ type, table: c.table, count: r.n, firstId: r.first, lastId: r.last });
    }
    return out;
  },

  /** The next batch of expired ids of one type's table. */
  async nextBatch(m: EntityManager, type: Exclude<RetentionRecordType, 'session'>, index: number, p: RetentionPeriod, limit: number, evaluation: RetentionPeriod): Promise<string[]> {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`bad batch size ${limit}`);
    const params: unknown[] = type === 'application_unfunded' ? [periodToInterval(p), periodToInterval(evaluation)] : [periodToInterval(p)];
    const rows: { id: string }[] = await m.query(`SELECT id FROM (${CANDIDATES[type][index]!.ids}) x ORDER BY id LIMIT ${limit}`, params);
    return rows.map((r) => r.id);
  },

  tablesOf: (type: Exclude<RetentionRecordType, 'session'>) => CANDIDATES[type].map((c) => c.table),

  /** Removes one batch of sessions, login failures and spent tokens; returns how many of each. */
  async removeSessions(m: EntityManager, p: RetentionPeriod, limit: number): Promise<{ table: string; count: number }[]> {
    const out: { table: string; count: number }[] = [];
    for (const t of SESSION_TABLES) {
      const rows = returned(await m.query(
        `DELETE FROM ${t.table} WHERE ${t.key} IN (SELECT ${t.key} FROM ${t.table} WHERE ${t.where} LIMIT $2) RETURNING 1`, [periodToInterval(p), limit]));
      out.push({ table: t.table, count: rows.length });
    }
    return out;
  },

  async removeEvaluations(m: EntityManager, ids: string[]) {
    await m.query(`DELETE FROM evaluation_assignments WHERE id = ANY($1::uuid[])`, [ids]);
  },

  /** Removes unfunded applications with everything of theirs (not their call); returns the files whose bytes to delete. */
  async removeApplications(m: EntityManager, ids: string[]): Promise<RemovedFile[]> {
    const awards = `SELECT id FROM awards WHERE application_id = ANY($1::uuid[])`;
    await m.query(`DELETE FROM grant_budget_revisions WHERE award_id IN (${awards})`, [ids]);
    await m.query(`DELETE FROM portfolio_award_figures WHERE application_id = ANY($1::uuid[]) OR award_id IN (${awards})`, [ids]);
    await m.query(`DELETE FROM awards WHERE application_id = ANY($1::uuid[])`, [ids]);
    await m.query(`DELETE FROM evaluation_assignments WHERE application_id = ANY($1::uuid[])`, [ids]);
    await m.query(`DELETE FROM admissibility_checks WHERE application_id = ANY($1::uuid[])`, [ids]);
    const attached = returned<{ file_id: string }>(await m.query(`DELETE FROM application_attachments WHERE application_id = ANY($1::uuid[]) RETURNING file_id`, [ids]));
    // the files the applications' content and frozen submissions name (JSON, no foreign key)
    const named: { file_id: string }[] = await m.query(
      `SELECT j AS file_id FROM applications a, jsonb_uuids(a.content, '$.attachments[*].fileId') j WHERE a.id = ANY($1::uuid[])
       UNION SELECT j FROM application_submissions s, jsonb_uuids(s.snapshot, '$.content.attachments[*].fileId') j WHERE s.application_id = ANY($1::uuid[])`, [ids]);
    await m.query(`DELETE FROM application_submissions WHERE application_id = ANY($1::uuid[])`, [ids]);
    const fileIds = [...new Set([...attached.map((a) => a.file_id), ...named.map((a) => a.file_id)])];
    const own: { id: string }[] = await m.query(`SELECT id FROM files WHERE application_id = ANY($1::uuid[])`, [ids]);
    fileIds.push(...own.map((f) => f.id).filter((id) => !fileIds.includes(id)));
    await m.query(`UPDATE files SET application_id = NULL WHERE application_id = ANY($1::uuid[])`, [ids]);
    await m.query(`DELETE FROM applications WHERE id = ANY($1::uuid[])`, [ids]);
    return this.removeFiles(m, fileIds);
  },

  /**
   * Deletes the given file rows that nothing refers to any more; returns them, for their bytes. What refers to a file
   * (a foreign-key column, an id array such as expenditure_reports.document_file_ids, or JSON such as a narrative
   * report's evidence) is the database's `files_still_referenced` (migration 1796332000000), which
   * retention_purge_grant uses too.
   */
  async removeFiles(m: EntityManager, fileIds: string[]): Promise<RemovedFile[]> {
    if (!fileIds.length) return [];
    return returned<RemovedFile>(await m.query(
      `DELETE FROM files f WHERE f.id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM files_still_referenced($1::uuid[]) r WHERE r = f.id)
       RETURNING f.id AS file_id, f.storage, f.storage_key`,
      [fileIds],
    ));
  },

  /** A closed grant's records, or only its monitoring photos, by the database's own function (it re-checks the period). */
  async purgeGrant(m: EntityManager, grantId: string, photosOnly: boolean): Promise<RemovedFile[]> {
    return m.query(`SELECT file_id, storage, storage_key FROM retention_purge_grant($1, $2)`, [grantId, photosOnly]);
  },

  /** The grants whose photos are among the given ones. */
  async grantsOfPhotos(m: EntityManager, photoIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT DISTINCT r.grant_id::text AS id FROM visit_report_photos p JOIN visit_reports r ON r.id = p.report_id WHERE p.id = ANY($1::uuid[])`, [photoIds]);
    return rows.map((r) => r.id);
  },

  async photosOfGrants(m: EntityManager, grantIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT p.id::text AS id FROM visit_report_photos p JOIN visit_reports r ON r.id = p.report_id WHERE r.grant_id = ANY($1::uuid[])`, [grantIds]);
    return rows.map((r) => r.id);
  },

  async removeSafeguarding(m: EntityManager, ids: string[]) {
    await m.query(`DELETE FROM safeguarding_messages WHERE report_id = ANY($1::uuid[])`, [ids]);
    await m.query(`DELETE FROM safeguarding_reports WHERE id = ANY($1::uuid[])`, [ids]);
  },

  async removeNotifications(m: EntityManager, table: string, ids: string[]) {
    if (table !== 'notifications' && table !== 'emails') throw new Error(`not a notification table: ${table}`);
    await m.query(`DELETE FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
  },

  /** The active Secretariat admins (who hear that a sweep stopped). */
  admins(m: EntityManager): Promise<{ id: string; email: string; language: 'en' | 'sq' | 'sr'; script: 'latin' | 'cyrillic' }[]> {
    return m.query(`SELECT id, email, language, script FROM users WHERE role = 'secretariat_admin' AND active AND erased_at IS NULL`);
  },

  async startRun(m: EntityManager, triggeredBy: string | null): Promise<string> {
    const rows: { id: string }[] = await m.query(`INSERT INTO retention_runs (dry_run, triggered_by) VALUES (false, $1) RETURNING id`, [triggeredBy]);
    return rows[0].id;
  },

  async finishRun(m: EntityManager, id: string, status: 'done' | 'failed', report: SweepItem[], error: string | null) {
    await m.query(`UPDATE retention_runs SET finished_at = now(), status = $2, report = $3::jsonb, error = $4 WHERE id = $1`, [id, status, JSON.stringify(report), error]);
  },

  async runs(m: EntityManager, limit: number) {
    const rows: { id: string; started_at: Date; finished_at: Date | null; status: string; triggered_by: string | null; report: SweepItem[]; error: string | null }[] =
      await m.query(`SELECT id, started_at, finished_at, status, triggered_by, report, error FROM retention_runs WHERE NOT dry_run ORDER BY started_at DESC LIMIT $1`, [limit]);
    return rows;
  },

  summarise,
};
