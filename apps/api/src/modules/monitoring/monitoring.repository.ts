import { Injectable } from '@nestjs/common';
import type { ActionPointOwner, ActionPointPriority, ExpenditureReportRef, GrantLogframe, ScheduledReport, VisitReportContent, VisitType } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';
import { refuseClosedGrant } from '../grants/closed-grant';
import type { Recipient } from '../notifications/notifications.service';
import { ActionPointEntity } from './entities/action-point.entity';
import { VisitReportEntity } from './entities/visit-report.entity';

/** The grant as monitoring needs it. */
export type MonitoredGrant = {
  id: string; agreementNumber: string; status: string; organizationId: string; organizationName: string; municipality: string;
  monitorId: string | null; monitorName: string | null; startDate: string | null; endDate: string | null; logframe: GrantLogframe | null;
};

export type VisitRow = {
  id: string; grantId: string; agreementNumber: string; organizationId: string; organizationName: string; municipality: string;
  monitorId: string; monitorName: string; type: VisitType; date: string; purpose: string; version: number;
  reportId: string; reportStatus: string; rating: number | null; openActionPoints: number;
};

export type VisitFilter = {
  /** Whose visits: every one, a monitor's grants', an organisation's grants' (visible ones), or those with a shared report. */
  scope: { kind: 'all' } | { kind: 'monitor'; monitorId: string } | { kind: 'organization'; organizationId: string } | { kind: 'shared' };
  from?: string; to?: string; monitorId?: string; grantId?: string; reportStatus?: string;
  limit: number; offset: number;
};

export type ActionPointRow = {
  id: string; seq: number; reportId: string; visitId: string; visitDate: string; grantId: string; agreementNumber: string; organizationId: string;
  organizationName: string; municipality: string; monitorId: string | null; what: string; owner: ActionPointOwner; priority: ActionPointPriority;
  dueDate: string; status: string; live: boolean; answer: string | null; evidenceFileIds: string[]; reopenReason: string | null;
  answeredAt: Date | null; closedAt: Date | null; version: number;
};

export type ActionPointFilter = {
  scope: { kind: 'all' } | { kind: 'monitor'; monitorId: string } | { kind: 'organization'; organizationId: string } | { kind: 'live' };
  status?: string; owner?: string; priority?: string; overdue?: boolean; escalated?: boolean; municipality?: string; grantId?: string; monitorId?: string;
  limit: number; offset: number;
};

export type PriorityFacts = {
  grantId: string; agreementNumber: string; organizationName: string; municipality: string; monitorId: string | null; monitorName: string | null;
  startDate: string; endDate: string; latestRating: number | null; lastVisitDate: string | null; nextVisitDate: string | null;
  overdueActionPoints: number; overdueHighActionPoints: number; approvedCents: string; spentCents: string;
  /** The reporting schedule and the expenditure reports, for libs/domain overdueReports. */
  schedule: ScheduledReport[]; reports: ExpenditureReportRef[];
};

const TODAY = `(now() AT TIME ZONE 'Europe/Belgrade')::date`;

const VISIT_COLUMNS = `
  v.id, v.grant_id AS "grantId", g.agreement_number AS "agreementNumber", g.organization_id AS "organizationId", o.legal_name AS "organizationName",
  o.municipality, v.monitor_id AS "monitorId", u.full_name AS "monitorName", v.type, to_char(v.visit_date, 'YYYY-MM-DD') AS date, v.purpose,
  v.version, r.id AS "reportId", r.status AS "reportStatus", r.rating,
  (SELECT count(*)::int FROM action_points p WHERE p.report_id = r.id AND p.live AND p.status <> 'closed') AS "openActionPoints"`;
const VISIT_FROM = `
  FROM monitoring_visits v JOIN grants g ON g.id = v.grant_id JOIN organizations o ON o.id = g.organization_id
  JOIN users u ON u.id = v.monitor_id JOIN visit_reports r ON r.visit_id = v.id`;

const POINT_COLUMNS = `
  p.id, p.seq, p.report_id AS "reportId", r.visit_id AS "visitId", to_char(v.visit_date, 'YYYY-MM-DD') AS "visitDate", p.grant_id AS "grantId",
  g.agreement_number AS "agreementNumber", g.organization_id AS "organizationId", o.legal_name AS "organizationName", o.municipality,
  g.monitor_id AS "monitorId", p.what, p.owner, p.priority, to_char(p.due_date, 'YYYY-MM-DD') AS "dueDate", p.status, p.live, p.answer,
  p.evidence_file_ids AS "evidenceFileIds", p.reopen_reason AS "reopenReason", p.answered_at AS "answeredAt", p.closed_at AS "closedAt", p.version`;
const POINT_FROM = `
  FROM action_points p JOIN visit_reports r ON r.id = p.report_id JOIN monitoring_visits v ON v.id = r.visit_id
  JOIN grants g ON g.id = p.grant_id JOIN organizations o ON o.id = g.organization_id`;

/** The SQL of monitoring: visits, their reports, photos, comments and action points, and the facts of the monitoring priority. */
@Injectable()
export class MonitoringRepository {
  async today(m: EntityManager): Promise<string> {
    const [{ today }] = await m.query(`SELECT to_char(${TODAY}, 'YYYY-MM-DD') AS today`);
    return today;
  }

  async grant(m: EntityManager, id: string, lock = false): Promise<MonitoredGrant> {
    if (lock) await m.query(`SELECT 1 FROM grants WHERE id = $1 FOR UPDATE`, [id]);
    const [g] = await m.query(
      `SELECT g.id, g.agreement_number AS "agreementNumber", g.status, g.organization_id AS "organizationId", o.legal_name AS "organizationName",
              o.municipality, g.monitor_id AS "monitorId", u.full_name AS "monitorName",
              to_char(g.start_date, 'YYYY-MM-DD') AS "startDate", to_char(g.end_date, 'YYYY-MM-DD') AS "endDate", g.logframe
         FROM grants g JOIN organizations o ON o.id = g.organization_id LEFT JOIN users u ON u.id = g.monitor_id WHERE g.id = $1`, [id]);
    if (!g) throw AppError.notFound('grant');
    // a grant is locked to be written: a closed one is read-only (409 grant_closed)
    if (lock) refuseClosedGrant(g);
    return g;
  }

  // -------------------------------------------------------------------------------------------------------
  // Visits

  /** A new visit and its empty draft report, in the caller's transaction. */
  async insertVisit(m: EntityManager, row: { grantId: string; monitorId: string; type: VisitType; date: string; purpose: string; createdBy: string }): Promise<string> {
    const [v] = await m.query(
      `INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [row.grantId, row.monitorId, row.type, row.date, row.purpose, row.createdBy]);
    await m.query(`INSERT INTO visit_reports (visit_id, grant_id) VALUES ($1, $2)`, [v.id, row.grantId]);
    return v.id;
  }

  async updateVisit(m: EntityManager, id: string, change: { type: VisitType; date: string; purpose: string }): Promise<void> {
    await m.query(`UPDATE monitoring_visits SET type = $2, visit_date = $3, purpose = $4, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, change.type, change.date, change.purpose]);
  }

  async grantIdOfVisit(m: EntityManager, id: string): Promise<string> {
    const [row] = await m.query(`SELECT grant_id AS "grantId" FROM monitoring_visits WHERE id = $1`, [id]);
    if (!row) throw AppError.notFound('visit');
    return row.grantId;
  }

  async visit(m: EntityManager, id: string, lock = false): Promise<VisitRow> {
    if (lock) await m.query(`SELECT 1 FROM monitoring_visits WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await m.query(`SELECT ${VISIT_COLUMNS} ${VISIT_FROM} WHERE v.id = $1`, [id]);
    if (!row) throw AppError.notFound('visit');
    return row;
  }

  async visits(m: EntityManager, f: VisitFilter): Promise<{ rows: VisitRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => { params.push(value); where.push(sql.replace('?', `$${params.length}`)); };
    // through the grants' ids, so the visits are read by (grant, date) rather than every monitor's by date
    if (f.scope.kind === 'monitor') add('v.grant_id IN (SELECT id FROM grants WHERE monitor_id = ?)', f.scope.monitorId);
    if (f.scope.kind === 'organization') {
      add('v.grant_id IN (SELECT id FROM grants WHERE organization_id = ?)', f.scope.organizationId);
      where.push(`(v.type <> 'unannounced' OR v.visit_date <= ${TODAY})`);
    }
    if (f.scope.kind === 'shared') where.push(`r.status = 'shared'`);
    if (f.from) add('v.visit_date >= ?', f.from);
    if (f.to) add('v.visit_date <= ?', f.to);
    if (f.monitorId) add('v.monitor_id = ?', f.monitorId);
    if (f.grantId) add('v.grant_id = ?', f.grantId);
    if (f.reportStatus) add('r.status = ?', f.reportStatus);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await m.query(`SELECT count(*)::int AS total ${VISIT_FROM} ${w}`, params);
    const rows = await m.query(`SELECT ${VISIT_COLUMNS} ${VISIT_FROM} ${w} ORDER BY v.visit_date, v.id LIMIT ${f.limit} OFFSET ${f.offset}`, params);
    return { rows, total };
  }

  // -------------------------------------------------------------------------------------------------------
  // Reports

  async reportOfVisit(m: EntityManager, visitId: string, lock = false): Promise<VisitReportEntity> {
    const row = await m.findOne(VisitReportEntity, { where: { visitId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row) throw AppError.notFound('visit report');
    return row;
  }

  /** The monitor's content while the report is editable; the version moves. */
  async saveContent(m: EntityManager, id: string, content: VisitReportContent, savedBy: string): Promise<void> {
    await m.createQueryBuilder().update(VisitReportEntity).set({ content, rating: content.rating ?? null, savedBy }).where({ id }).execute();
  }

  async photos(m: EntityManager, reportId: string): Promise<{ id: string; fileId: string; clientKey: string; caption: string | null; width: number; height: number }[]> {
    return m.query(
      `SELECT id, file_id AS "fileId", client_key AS "clientKey", caption, width, height FROM visit_report_photos WHERE report_id = $1 ORDER BY created_at, id`, [reportId]);
  }

  async photoByClientKey(m: EntityManager, reportId: string, clientKey: string) {
    const [row] = await m.query(
      `SELECT id, file_id AS "fileId", client_key AS "clientKey", caption, width, height FROM visit_report_photos WHERE report_id = $1 AND client_key = $2`, [reportId, clientKey]);
    return (row ?? null) as { id: string; fileId: string; clientKey: string; caption: string | null; width: number; height: number } | null;
  }

  async insertPhoto(m: EntityManager, row: { reportId: string; fileId: string; clientKey: string; caption: string | null; width: number; height: number; createdBy: string }): Promise<string> {
    const [p] = await m.query(
      `INSERT INTO visit_report_photos (report_id, file_id, client_key, caption, width, height, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [row.reportId, row.fileId, row.clientKey, row.caption, row.width, row.height, row.createdBy]);
    return p.id;
  }

  async photo(m: EntityManager, reportId: string, photoId: string): Promise<{ id: string; fileId: string } | null> {
    const [row] = await m.query(`SELECT id, file_id AS "fileId" FROM visit_report_photos WHERE report_id = $1 AND id = $2`, [reportId, photoId]);
    return row ?? null;
  }

  async deletePhoto(m: EntityManager, photoId: string): Promise<void> {
    await m.query(`DELETE FROM visit_report_photos WHERE id = $1`, [photoId]);
  }

  async comments(m: EntityManager, reportId: string): Promise<{ id: string; authorName: string; authorKind: string; body: string; createdAt: Date }[]> {
    return m.query(
      `SELECT c.id, u.full_name AS "authorName", c.author_kind AS "authorKind", c.body, c.created_at AS "createdAt"
         FROM visit_report_comments c JOIN users u ON u.id = c.author_id WHERE c.report_id = $1 ORDER BY c.created_at, c.id`, [reportId]);
  }

  async insertComment(m: EntityManager, row: { reportId: string; authorId: string; authorKind: string; body: string }): Promise<void> {
    await m.query(`INSERT INTO visit_report_comments (report_id, author_id, author_kind, body) VALUES ($1,$2,$3,$4)`, [row.reportId, row.authorId, row.authorKind, row.body]);
  }

  // -------------------------------------------------------------------------------------------------------
  // Action points

  pointsOfReport(m: EntityManager, reportId: string): Promise<ActionPointRow[]> {
    return m.query(`SELECT ${POINT_COLUMNS} ${POINT_FROM} WHERE p.report_id = $1 ORDER BY p.seq`, [reportId]);
  }

  /**
   * The report's action points as the monitor wrote them (while the report is editable): those given with an id are
   * updated, new ones numbered after the last, those left out removed. Returns nothing; the caller re-reads.
   */
  async replacePoints(m: EntityManager, report: { id: string; grantId: string }, points: readonly { id?: string; what: string; owner: ActionPointOwner; priority: ActionPointPriority; dueDate: string }[], userId: string): Promise<void> {
    const keep = points.filter((p) => p.id).map((p) => p.id!);
    await m.query(`DELETE FROM action_points WHERE report_id = $1 AND NOT (id = ANY($2::uuid[]))`, [report.id, keep]);
    for (const p of points) {
      if (p.id) {
        await m.query(`UPDATE action_points SET what = $3, owner = $4, priority = $5, due_date = $6, version = version + 1, updated_at = now() WHERE id = $1 AND report_id = $2`,
          [p.id, report.id, p.what, p.owner, p.priority, p.dueDate]);
      } else {
        await m.query(
          `INSERT INTO action_points (report_id, grant_id, seq, what, owner, priority, due_date, created_by)
           VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM action_points WHERE report_id = $1), $3, $4, $5, $6, $7)`,
          [report.id, report.grantId, p.what, p.owner, p.priority, p.dueDate, userId]);
      }
    }
  }

  async pointIdsOfReport(m: EntityManager, reportId: string): Promise<string[]> {
    return (await m.query(`SELECT id FROM action_points WHERE report_id = $1`, [reportId])).map((r: { id: string }) => r.id);
  }

  /** A shared report's action points go live: listed, reminded, counted. */
  async makePointsLive(m: EntityManager, reportId: string): Promise<number> {
    const rows = await m.query(`UPDATE action_points SET live = true, updated_at = now() WHERE report_id = $1 RETURNING id`, [reportId]);
    return rows.length ?? 0;
  }

  async grantIdOfPoint(m: EntityManager, id: string): Promise<string> {
    const [row] = await m.query(`SELECT grant_id AS "grantId" FROM action_points WHERE id = $1`, [id]);
    if (!row) throw AppError.notFound('action point');
    return row.grantId;
  }

  async point(m: EntityManager, id: string): Promise<ActionPointRow> {
    const [row] = await m.query(`SELECT ${POINT_COLUMNS} ${POINT_FROM} WHERE p.id = $1`, [id]);
    if (!row) throw AppError.notFound('action point');
    return row;
  }

  async lockPoint(m: EntityManager, id: string): Promise<ActionPointEntity> {
    const row = await m.findOne(ActionPointEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw AppError.notFound('action point');
    return row;
  }

  async points(m: EntityManager, f: ActionPointFilter): Promise<{ rows: ActionPointRow[]; total: number }> {
    const where: string[] = ['p.live'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => { params.push(value); where.push(sql.replace('?', `$${params.length}`)); };
    // the grant and the organisation are joined only when a filter needs them
    let grants = false;
    let organizations = false;
    if (f.scope.kind === 'monitor') { grants = true; add('g.monitor_id = ?', f.scope.monitorId); }
    if (f.scope.kind === 'organization') { grants = true; add('g.organization_id = ?', f.scope.organizationId); }
    if (f.status) add('p.status = ?', f.status);
    if (f.owner) add('p.owner = ?', f.owner);
    if (f.priority) add('p.priority = ?', f.priority);
    if (f.municipality) { grants = true; organizations = true; add('o.municipality = ?', f.municipality); }
    if (f.grantId) add('p.grant_id = ?', f.grantId);
    if (f.monitorId) { grants = true; add('g.monitor_id = ?', f.monitorId); }
    const waiting = `p.status IN ('open','reopened')`;
    const overdue = `(${waiting} AND p.due_date < ${TODAY})`;
    if (f.overdue) where.push(overdue);
    if (f.escalated) where.push(`${overdue} AND p.priority = 'high'`);
    const from = `FROM action_points p${grants ? ' JOIN grants g ON g.id = p.grant_id' : ''}${organizations ? ' JOIN organizations o ON o.id = g.organization_id' : ''}`;
    const w = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await m.query(`SELECT count(*)::int AS total ${from} ${w}`, params);
    // the order of libs/domain compareActionPoints (escalated, overdue, priority high first, due date, id), sorted on the
    // keys alone; only the page's rows are then read whole
    const order = `(CASE WHEN ${overdue} AND p.priority = 'high' THEN 0 ELSE 1 END), (CASE WHEN ${overdue} THEN 0 ELSE 1 END),
                   (CASE p.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END), p.due_date, p.id`;
    const rows = await m.query(
      `WITH page AS (SELECT p.id ${from} ${w} ORDER BY ${order} LIMIT ${f.limit} OFFSET ${f.offset})
       SELECT ${POINT_COLUMNS} FROM page JOIN action_points p ON p.id = page.id JOIN visit_reports r ON r.id = p.report_id
         JOIN monitoring_visits v ON v.id = r.visit_id JOIN grants g ON g.id = p.grant_id JOIN organizations o ON o.id = g.organization_id
        ORDER BY ${order}`, params);
    return { rows, total };
  }

  async pointEvents(m: EntityManager, pointIds: readonly string[]): Promise<{ actionPointId: string; kind: string; body: string | null; evidenceFileIds: string[]; byName: string; createdAt: Date }[]> {
    if (!pointIds.length) return [];
    return m.query(
      `SELECT e.action_point_id AS "actionPointId", e.kind, e.body, e.evidence_file_ids AS "evidenceFileIds", u.full_name AS "byName", e.created_at AS "createdAt"
         FROM action_point_events e JOIN users u ON u.id = e.by_user WHERE e.action_point_id = ANY($1::uuid[]) ORDER BY e.created_at, e.id`, [pointIds]);
  }

  async insertPointEvent(m: EntityManager, row: { actionPointId: string; kind: 'answer' | 'reopen' | 'close'; body: string | null; evidenceFileIds: string[]; byUser: string }): Promise<void> {
    await m.query(`INSERT INTO action_point_events (action_point_id, kind, body, evidence_file_ids, by_user) VALUES ($1,$2,$3,$4,$5)`,
      [row.actionPointId, row.kind, row.body, row.evidenceFileIds, row.byUser]);
  }

  /** Files of the organisation among these ids (evidence it uploaded through POST /api/grants/:id/documents). */
  async files(m: EntityManager, organizationId: string, ids: readonly string[]): Promise<{ id: string; fileName: string }[]> {
    if (!ids.length) return [];
    return m.query(`SELECT id, file_name AS "fileName" FROM files WHERE id = ANY($1::uuid[]) AND organization_id = $2 ORDER BY created_at, id`, [ids, organizationId]);
  }

  async fileNames(m: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; fileName: string }[] = await m.query(`SELECT id, file_name AS "fileName" FROM files WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.fileName]));
  }

  // -------------------------------------------------------------------------------------------------------
  // People

  secretariat(m: EntityManager): Promise<Recipient[]> {
    return m.query(`SELECT id, email, language, script FROM users WHERE active AND role IN ('secretariat','secretariat_admin')`);
  }

  users(m: EntityManager, ids: readonly string[]): Promise<Recipient[]> {
    if (!ids.length) return Promise.resolve([]);
    return m.query(`SELECT id, email, language, script FROM users WHERE active AND id = ANY($1::uuid[])`, [ids]);
  }

  // -------------------------------------------------------------------------------------------------------
  // The monitoring priority's facts, one row per grant in force

  /**
   * One row of facts per grant in force (or suspended), in one pass of aggregates over the visits, reports, action points
   * and expenditure reports, not one subquery per grant.
   */
  async priorityFacts(m: EntityManager, scope: { monitorId?: string }): Promise<PriorityFacts[]> {
    const params: unknown[] = [];
    let w = `g.status IN ('in_force','suspended') AND g.start_date IS NOT NULL`;
    if (scope.monitorId) { params.push(scope.monitorId); w += ` AND g.monitor_id = $${params.length}`; }
    return m.query(
      `WITH scope AS (SELECT g.id FROM grants g WHERE ${w}),
       rated AS (
         SELECT DISTINCT ON (r.grant_id) r.grant_id, r.rating FROM visit_reports r JOIN monitoring_visits v ON v.id = r.visit_id
          WHERE r.grant_id IN (SELECT id FROM scope) AND r.status IN ('accepted','shared') AND r.rating IS NOT NULL
          ORDER BY r.grant_id, v.visit_date DESC, v.id DESC),
       visited AS (
         SELECT v.grant_id, max(v.visit_date) FILTER (WHERE v.visit_date <= ${TODAY} AND r.status <> 'draft') AS last,
                min(v.visit_date) FILTER (WHERE v.visit_date >= ${TODAY}) AS next
           FROM monitoring_visits v JOIN visit_reports r ON r.visit_id = v.id WHERE v.grant_id IN (SELECT id FROM scope) GROUP BY v.grant_id),
       points AS (
         SELECT p.grant_id, count(*)::int AS overdue, count(*) FILTER (WHERE p.priority = 'high')::int AS high
           FROM action_points p WHERE p.live AND p.status IN ('open','reopened') AND p.due_date < ${TODAY} AND p.grant_id IN (SELECT id FROM scope)
          GROUP BY p.grant_id),
       spent AS (
         SELECT e.grant_id, json_agg(json_build_object('periodEnd', to_char(e.period_end, 'YYYY-MM-DD'), 'status', e.status)) AS reports,
                coalesce(sum(e.spent_cents) FILTER (WHERE e.status = 'accepted'), 0) AS cents
           FROM expenditure_reports e WHERE e.grant_id IN (SELECT id FROM scope) GROUP BY e.grant_id)
       SELECT g.id AS "grantId", g.agreement_number AS "agreementNumber", o.legal_name AS "organizationName", o.municipality,
              g.monitor_id AS "monitorId", u.full_name AS "monitorName",
              to_char(g.start_date, 'YYYY-MM-DD') AS "startDate", to_char(g.end_date, 'YYYY-MM-DD') AS "endDate",
              rated.rating AS "latestRating", to_char(visited.last, 'YYYY-MM-DD') AS "lastVisitDate", to_char(visited.next, 'YYYY-MM-DD') AS "nextVisitDate",
              coalesce(points.overdue, 0) AS "overdueActionPoints", coalesce(points.high, 0) AS "overdueHighActionPoints",
              g.reporting_schedule AS schedule, coalesce(spent.reports, '[]') AS reports,
              coalesce((g.budget->>'directCents')::bigint, 0)::text AS "approvedCents", coalesce(spent.cents, 0)::text AS "spentCents"
         FROM scope JOIN grants g ON g.id = scope.id JOIN organizations o ON o.id = g.organization_id LEFT JOIN users u ON u.id = g.monitor_id
         LEFT JOIN rated ON rated.grant_id = g.id LEFT JOIN visited ON visited.grant_id = g.id LEFT JOIN points ON points.grant_id = g.id
         LEFT JOIN spent ON spent.grant_id = g.id`, params);
  }

  /** The audit chain's head and today's date: what the facts of the priority can change with (every change that moves them is audited). */
  async factsStamp(m: EntityManager): Promise<string> {
    const [{ stamp }] = await m.query(`SELECT coalesce(max(seq), 0)::text || '|' || to_char(${TODAY}, 'YYYY-MM-DD') AS stamp FROM audit_log`);
    return stamp;
  }
}
