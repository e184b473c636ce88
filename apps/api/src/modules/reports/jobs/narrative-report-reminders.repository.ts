import { Injectable } from '@nestjs/common';
import type { NarrativeReportKind, NarrativeReportStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';

/** A reminder to plan. */
export type PlannedNarrativeReportRow = { key: string; grantId: string; runAt: string };
export type PendingNarrativeReportReminder = { key: string; grantId: string; runAt: Date; doneAt: Date | null; due: boolean };

/** A report as its reminders see it: `dueDate` is the one in force (an extension granted moves it). */
export type NarrativeReportForReminders = {
  id: string; grantId: string; grantStatus: string; kind: NarrativeReportKind; seq: number; status: NarrativeReportStatus; dueDate: string;
  agreementNumber: string; organizationId: string; organizationName: string;
};

const SUBJECT = 'narrative_report';
/** The due date in force: the later of the scheduled one and the one an extension granted (as narrative-reports.repository.ts). */
const DUE = `GREATEST(r.due_date, r.extended_due_date)`;

/**
 * The SQL of the worker's narrative-report reminders: the reports not handed in (drafts) of grants in force, and
 * their rows of grant_reminders (subject 'narrative_report'). Dates come as 'YYYY-MM-DD' text (to_char), never
 * through a JavaScript Date and the process's time zone.
 */
@Injectable()
export class NarrativeReportRemindersRepository {
  /**
   * Drafts of grants in force whose reminders for the due date in force are not planned yet (R+7d, the last of
   * them, is always planned with the others, so its row says the chain is planned).
   */
  reportsToPlan(m: EntityManager): Promise<{ id: string; grantId: string; status: NarrativeReportStatus; dueDate: string }[]> {
    return m.query(
      `SELECT id, "grantId", status, "dueDate" FROM (
         SELECT r.id, r.grant_id AS "grantId", r.status, to_char(${DUE}, 'YYYY-MM-DD') AS "dueDate"
           FROM narrative_reports r JOIN grants g ON g.id = r.grant_id
          WHERE r.status = 'draft' AND g.status = 'in_force') x
        WHERE NOT EXISTS (SELECT 1 FROM grant_reminders gr WHERE gr.key = 'narrative-report.' || x.id || '.' || x."dueDate" || '.R+7d')
        ORDER BY x."dueDate", x.id`);
  }

  /** Records the reminders not planned before; returns those it added (the caller queues them through the outbox in the same transaction). */
  async insertPlanned(m: EntityManager, rows: PlannedNarrativeReportRow[]): Promise<PlannedNarrativeReportRow[]> {
    if (!rows.length) return [];
    const added: { key: string }[] = await m.query(
      `INSERT INTO grant_reminders (key, grant_id, subject, run_at)
       SELECT k, g, '${SUBJECT}', t FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS x(k, g, t)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [rows.map((r) => r.key), rows.map((r) => r.grantId), rows.map((r) => r.runAt)],
    );
    const keys = new Set(added.map((a) => a.key));
    return rows.filter((r) => keys.has(r.key));
  }

  /** Narrative-report reminders planned and not done (all, or only those due for some minutes), for offering to the queue again. */
  pending(m: EntityManager, onlyOverdueMinutes: number | null): Promise<{ key: string; runAt: Date }[]> {
    return m.query(
      `SELECT key, run_at AS "runAt" FROM grant_reminders
        WHERE done_at IS NULL AND subject = '${SUBJECT}' ${onlyOverdueMinutes === null ? '' : `AND run_at < now() - make_interval(mins => $1)`}
        ORDER BY run_at LIMIT 5000`,
      onlyOverdueMinutes === null ? [] : [onlyOverdueMinutes],
    );
  }

  /** The reminder, locked for the transaction that sends it; `due` by the database's clock. */
  async lock(m: EntityManager, key: string): Promise<PendingNarrativeReportReminder | null> {
    const [row] = await m.query(
      `SELECT key, grant_id AS "grantId", run_at AS "runAt", done_at AS "doneAt", run_at <= now() AS due
         FROM grant_reminders WHERE key = $1 AND subject = '${SUBJECT}' FOR UPDATE`, [key]);
    return row ?? null;
  }

  async markDone(m: EntityManager, key: string | string[], outcome: 'sent' | 'not_needed'): Promise<void> {
    await m.query(`UPDATE grant_reminders SET done_at = now(), outcome = $2 WHERE key = ANY($1::text[]) AND done_at IS NULL`, [Array.isArray(key) ? key : [key], outcome]);
  }

  /**
   * The report with its grant and organisation, locked for share: a submission (or an extension granted) waits for
   * the reminder's transaction, or the reminder for theirs, so a report handed in a moment before is never chased.
   */
  async report(m: EntityManager, id: string): Promise<NarrativeReportForReminders | null> {
    const [row] = await m.query(
      `SELECT r.id, r.grant_id AS "grantId", g.status AS "grantStatus", r.kind, r.seq, r.status, to_char(${DUE}, 'YYYY-MM-DD') AS "dueDate",
              coalesce(g.agreement_number, '') AS "agreementNumber", g.organization_id AS "organizationId", o.legal_name AS "organizationName"
         FROM narrative_reports r JOIN grants g ON g.id = r.grant_id JOIN organizations o ON o.id = g.organization_id
        WHERE r.id = $1 FOR SHARE OF r`, [id]);
    return row ?? null;
  }
}
