import { Injectable } from '@nestjs/common';
import type { ExpenditureReportRef, ScheduledReport } from '@grants/domain';
import type { EntityManager } from 'typeorm';

/** A reminder to plan; `alreadyTold`: recorded as done (not needed) at once, never queued. */
export type PlannedRow = { key: string; grantId: string; subject: 'signature' | 'report' | 'tranche'; runAt: string; alreadyTold?: boolean };
export type PendingReminder = { key: string; grantId: string; subject: 'signature' | 'report' | 'tranche'; runAt: Date; doneAt: Date | null; due: boolean };

/** Dates come as 'YYYY-MM-DD' text (to_char, json): never through a JavaScript Date and the process's time zone. */
/**
 * A tranche requested this recently with every condition met already: the request itself told the Secretariat
 * (tranche.requested), so its "may approve" reminder is recorded as not needed instead of sent a second time.
 */
export const JUST_REQUESTED_MINUTES = 15;

const isoDate = (d: unknown) => String(d).slice(0, 10);

/** The SQL of the worker's grant deadlines: what is waiting (read from the grants), and grant_reminders (what was planned and done). */
@Injectable()
export class GrantDeadlinesRepository {
  /** Agreements sent for signature and not signed, with when they were sent. */
  awaitingSignature(m: EntityManager): Promise<{ id: string; sentAt: Date }[]> {
    return m.query(`SELECT id, sent_at AS "sentAt" FROM grants WHERE status = 'sent_for_signature' AND sent_at IS NOT NULL`);
  }

  /** Grants in force with their reporting schedule and the expenditure reports they have (any status). */
  async inForceWithReports(m: EntityManager): Promise<{ id: string; schedule: ScheduledReport[]; reports: ExpenditureReportRef[] }[]> {
    const rows: { id: string; schedule: ScheduledReport[]; reports: { periodEnd: string; status: ExpenditureReportRef['status'] }[] | null }[] = await m.query(
      `SELECT g.id, g.reporting_schedule AS schedule,
              (SELECT json_agg(json_build_object('periodEnd', e.period_end, 'status', e.status)) FROM expenditure_reports e WHERE e.grant_id = g.id) AS reports
         FROM grants g WHERE g.status = 'in_force'`);
    return rows.map((r) => ({ id: r.id, schedule: r.schedule ?? [], reports: (r.reports ?? []).map((e) => ({ periodEnd: isoDate(e.periodEnd), status: e.status })) }));
  }

  /**
   * Of every grant that may be paid (signed by the organisation or in force), its first tranche not paid when it
   * waits on someone (planned or requested), unless the reminder for its current version was planned already.
   */
  trancheCandidates(m: EntityManager): Promise<{ trancheId: string; grantId: string; status: 'planned' | 'requested'; version: number; justRequested: boolean }[]> {
    return m.query(
      `SELECT t.id AS "trancheId", t.grant_id AS "grantId", t.status, t.version,
              coalesce(t.requested_at > now() - make_interval(mins => ${JUST_REQUESTED_MINUTES}), false) AS "justRequested"
         FROM grants g
         JOIN LATERAL (SELECT * FROM tranches x WHERE x.grant_id = g.id AND x.status <> 'paid' ORDER BY x.seq LIMIT 1) t ON true
        WHERE g.status IN ('signed_by_organization', 'in_force') AND t.status IN ('planned', 'requested')
          AND NOT EXISTS (SELECT 1 FROM grant_reminders r
                           WHERE r.key = 'tranche.' || t.id || '.' || CASE t.status WHEN 'planned' THEN 'may_request' ELSE 'may_approve' END || '.' || t.version || '.' || g.id)`);
  }

  /** Records the reminders not planned before; returns those it added (the caller queues them through the outbox in the same transaction). */
  async insertPlanned(m: EntityManager, rows: PlannedRow[]): Promise<PlannedRow[]> {
    if (!rows.length) return [];
    const added: { key: string }[] = await m.query(
      `INSERT INTO grant_reminders (key, grant_id, subject, run_at)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[])
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [rows.map((r) => r.key), rows.map((r) => r.grantId), rows.map((r) => r.subject), rows.map((r) => r.runAt)],
    );
    const keys = new Set(added.map((a) => a.key));
    return rows.filter((r) => keys.has(r.key));
  }

  /**
   * Reminders planned and not done (all of them, or only those due for some minutes), for offering to the queue
   * again. Only the grants' own subjects: the monitoring reminders in the same table are another job's.
   */
  pending(m: EntityManager, onlyOverdueMinutes: number | null): Promise<{ key: string; runAt: Date }[]> {
    return m.query(
      `SELECT key, run_at AS "runAt" FROM grant_reminders
        WHERE done_at IS NULL AND subject IN ('signature', 'report', 'tranche') ${onlyOverdueMinutes === null ? '' : `AND run_at < now() - make_interval(mins => $1)`}
        ORDER BY run_at LIMIT 5000`,
      onlyOverdueMinutes === null ? [] : [onlyOverdueMinutes],
    );
  }

  /** The reminder, locked for the transaction that sends it; `due` by the database's clock. */
  async lock(m: EntityManager, key: string): Promise<PendingReminder | null> {
    const [row] = await m.query(
      `SELECT key, grant_id AS "grantId", subject, run_at AS "runAt", done_at AS "doneAt", run_at <= now() AS due FROM grant_reminders WHERE key = $1 FOR UPDATE`, [key]);
    return row ?? null;
  }

  async markDone(m: EntityManager, key: string | string[], outcome: 'sent' | 'not_needed'): Promise<void> {
    await m.query(`UPDATE grant_reminders SET done_at = now(), outcome = $2 WHERE key = ANY($1::text[]) AND done_at IS NULL`, [Array.isArray(key) ? key : [key], outcome]);
  }

  /** The expenditure reports of one grant, as the reminders see them. */
  async reportsOf(m: EntityManager, grantId: string): Promise<ExpenditureReportRef[]> {
    const rows: { periodEnd: unknown; status: ExpenditureReportRef['status'] }[] = await m.query(
      `SELECT to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", status FROM expenditure_reports WHERE grant_id = $1`, [grantId]);
    return rows.map((r) => ({ periodEnd: isoDate(r.periodEnd), status: r.status }));
  }

  async organizationName(m: EntityManager, organizationId: string): Promise<string> {
    const [row] = await m.query(`SELECT legal_name FROM organizations WHERE id = $1`, [organizationId]);
    return row?.legal_name ?? '';
  }

  /** The grant's monitor, when it has an active one, as a recipient. */
  monitor(m: EntityManager, monitorId: string | null): Promise<{ id: string; email: string; language: 'en' | 'sq' | 'sr'; script: string }[]> {
    if (!monitorId) return Promise.resolve([]);
    return m.query(`SELECT id, email, language, script FROM users WHERE id = $1 AND active`, [monitorId]);
  }
}
