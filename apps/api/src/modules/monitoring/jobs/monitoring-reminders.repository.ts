import { Injectable } from '@nestjs/common';
import type { ActionPointOwner, ActionPointPriority, ActionPointStatus, VisitType } from '@grants/domain';
import type { EntityManager } from 'typeorm';

export type MonitoringReminderSubject = 'action_point' | 'visit';
/** A reminder to plan; `alreadyTold`: recorded as done (not needed) at once, never queued. */
export type PlannedMonitoringRow = { key: string; grantId: string; subject: MonitoringReminderSubject; runAt: string; alreadyTold?: boolean };
export type PendingMonitoringReminder = { key: string; grantId: string; subject: MonitoringReminderSubject; runAt: Date; doneAt: Date | null; due: boolean };

/** An action point as its reminders see it; `round` counts its reopenings (part of the reminder keys). */
export type ActionPointForReminders = {
  id: string; grantId: string; seq: number; what: string; owner: ActionPointOwner; priority: ActionPointPriority; dueDate: string;
  status: ActionPointStatus; live: boolean; round: number; agreementNumber: string; organizationId: string; organizationName: string;
};

/** A visit as its reminder sees it. */
export type VisitForReminders = {
  id: string; grantId: string; type: VisitType; date: string; changedAt: Date; agreementNumber: string; organizationId: string; monitorName: string;
};

const SUBJECTS: readonly MonitoringReminderSubject[] = ['action_point', 'visit'];

/** How many times a point was reopened (its reminders' round), in SQL for `ap`. */
const ROUND = `(SELECT count(*)::int FROM action_point_events e WHERE e.action_point_id = ap.id AND e.kind = 'reopen')`;

/**
 * The SQL of the worker's monitoring reminders: what waits (live action points on their owner, announced visits
 * to come) and their rows of grant_reminders (subjects 'action_point' and 'visit'). Dates come as 'YYYY-MM-DD'
 * text (to_char), never through a JavaScript Date and the process's time zone.
 */
@Injectable()
export class MonitoringRemindersRepository {
  /**
   * Live action points waiting on their owner (open or reopened) whose reminders for the current due date and
   * round are not planned yet (A+7d, the last of them, is always planned with the others).
   */
  pointsToPlan(m: EntityManager): Promise<{ id: string; grantId: string; dueDate: string; priority: ActionPointPriority; round: number }[]> {
    return m.query(
      `SELECT id, "grantId", "dueDate", priority, round FROM (
         SELECT ap.id, ap.grant_id AS "grantId", to_char(ap.due_date, 'YYYY-MM-DD') AS "dueDate", ap.priority, ${ROUND} AS round
           FROM action_points ap WHERE ap.live AND ap.status IN ('open', 'reopened')) p
        WHERE NOT EXISTS (SELECT 1 FROM grant_reminders r WHERE r.key = 'action_point.' || p.id || '.' || p."dueDate" || '.' || p.round || '.A+7d')`);
  }

  /** Announced visits after `today` (a Kosovo calendar date) whose reminder for their current date is not planned yet. */
  visitsToPlan(m: EntityManager, today: string): Promise<{ id: string; grantId: string; type: VisitType; date: string; changedAt: Date }[]> {
    return m.query(
      `SELECT id, "grantId", type, date, "changedAt" FROM (
         SELECT v.id, v.grant_id AS "grantId", v.type, to_char(v.visit_date, 'YYYY-MM-DD') AS date, greatest(v.created_at, v.updated_at) AS "changedAt"
           FROM monitoring_visits v WHERE v.type <> 'unannounced' AND v.visit_date > $1::date) x
        WHERE NOT EXISTS (SELECT 1 FROM grant_reminders r WHERE r.key = 'visit.' || x.id || '.' || x.date || '.V-2d')`, [today]);
  }

  /** Records the reminders not planned before; returns those it added (the caller queues them through the outbox in the same transaction). */
  async insertPlanned(m: EntityManager, rows: PlannedMonitoringRow[]): Promise<PlannedMonitoringRow[]> {
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

  /** Monitoring reminders planned and not done (all, or only those due for some minutes), for offering to the queue again. */
  pending(m: EntityManager, onlyOverdueMinutes: number | null): Promise<{ key: string; runAt: Date }[]> {
    return m.query(
      `SELECT key, run_at AS "runAt" FROM grant_reminders
        WHERE done_at IS NULL AND subject = ANY($1::text[]) ${onlyOverdueMinutes === null ? '' : `AND run_at < now() - make_interval(mins => $2)`}
        ORDER BY run_at LIMIT 5000`,
      onlyOverdueMinutes === null ? [SUBJECTS] : [SUBJECTS, onlyOverdueMinutes],
    );
  }

  /** The reminder, locked for the transaction that sends it; `due` by the database's clock. */
  async lock(m: EntityManager, key: string): Promise<PendingMonitoringReminder | null> {
    const [row] = await m.query(
      `SELECT key, grant_id AS "grantId", subject, run_at AS "runAt", done_at AS "doneAt", run_at <= now() AS due
         FROM grant_reminders WHERE key = $1 AND subject = ANY($2::text[]) FOR UPDATE`, [key, SUBJECTS]);
    return row ?? null;
  }

  async markDone(m: EntityManager, key: string | string[], outcome: 'sent' | 'not_needed'): Promise<void> {
    await m.query(`UPDATE grant_reminders SET done_at = now(), outcome = $2 WHERE key = ANY($1::text[]) AND done_at IS NULL`, [Array.isArray(key) ? key : [key], outcome]);
  }

  /** The action point with its grant and organisation, locked (an answer waits for the reminder's transaction, or the reminder for the answer's). */
  async actionPoint(m: EntityManager, id: string): Promise<ActionPointForReminders | null> {
    const [row] = await m.query(
      `SELECT ap.id, ap.grant_id AS "grantId", ap.seq, ap.what, ap.owner, ap.priority, to_char(ap.due_date, 'YYYY-MM-DD') AS "dueDate",
              ap.status, ap.live, ${ROUND} AS round, coalesce(g.agreement_number, '') AS "agreementNumber",
              g.organization_id AS "organizationId", o.legal_name AS "organizationName"
         FROM action_points ap JOIN grants g ON g.id = ap.grant_id JOIN organizations o ON o.id = g.organization_id
        WHERE ap.id = $1 FOR SHARE OF ap`, [id]);
    return row ?? null;
  }

  /** The visit with its grant and monitor, locked like the action point. */
  async visit(m: EntityManager, id: string): Promise<VisitForReminders | null> {
    const [row] = await m.query(
      `SELECT v.id, v.grant_id AS "grantId", v.type, to_char(v.visit_date, 'YYYY-MM-DD') AS date, greatest(v.created_at, v.updated_at) AS "changedAt",
              coalesce(g.agreement_number, '') AS "agreementNumber", g.organization_id AS "organizationId", u.full_name AS "monitorName"
         FROM monitoring_visits v JOIN grants g ON g.id = v.grant_id JOIN users u ON u.id = v.monitor_id
        WHERE v.id = $1 FOR SHARE OF v`, [id]);
    return row ?? null;
  }
}
