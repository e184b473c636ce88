import { Injectable } from '@nestjs/common';
import type { BeneficiaryBreakdown, ExtensionStatus, GrantLogframe, NarrativeReportKind, NarrativeReportStatus, PersonalDataConfirmation } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';
import type { Recipient } from '../notifications/notifications.service';

const TODAY = `(now() AT TIME ZONE 'Europe/Belgrade')::date`;

/**
 * Makes the narrative report rows of the grant's reporting schedule (grants.reporting_schedule), for one grant or for
 * every grant in force, and keeps the rows not handed in yet in step with a schedule an amendment changed: idempotent
 * (INSERT … ON CONFLICT on grant, kind and seq; nothing is written when nothing differs), in the caller's
 * transaction; answers how many rows it made or moved. Called when a grant enters force (grants.service countersign) and whenever a grant's reports are read.
 * A new row's content is '{}': the service fills it from the logframe (emptyNarrativeReportContent) on reading.
 */
export async function ensureNarrativeReportRows(m: EntityManager, grantId?: string): Promise<number> {
  const params: unknown[] = [];
  let where = `g.status = 'in_force'`;
  if (grantId) { params.push(grantId); where += ` AND g.id = $1`; }
  const entries = `
    SELECT g.id AS grant_id, (e->>'seq')::int AS seq, e->>'kind' AS kind, (e->>'periodStart')::date AS period_start,
           (e->>'periodEnd')::date AS period_end, (e->>'dueDate')::date AS due_date
      FROM grants g CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(g.reporting_schedule) = 'array' THEN g.reporting_schedule ELSE '[]'::jsonb END) e
     WHERE ${where}`;
  // a schedule changed by an amendment (a no-cost extension adds interim periods and moves the final report): the final
  // report not handed in yet follows it, with what the organisation wrote in it; so do interim drafts never submitted
  // (a SELECT over the statement's RETURNING: the driver answers an UPDATE with [rows, count])
  const [moved] = await m.query(
    `WITH moved AS (UPDATE narrative_reports r SET seq = s.seq, period_start = s.period_start, period_end = s.period_end, due_date = s.due_date
       FROM (${entries}) s
      WHERE r.grant_id = s.grant_id AND r.kind = 'final' AND s.kind = 'final' AND r.status = 'draft' AND r.submitted_version = 0
        AND (r.seq, r.period_start, r.period_end, r.due_date) IS DISTINCT FROM (s.seq, s.period_start, s.period_end, s.due_date)
     RETURNING r.id) SELECT count(*)::int AS n FROM moved`, params);
  const [made] = await m.query(
    `WITH made AS (INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date)
     SELECT grant_id, seq, kind, period_start, period_end, due_date FROM (${entries}) s
      WHERE NOT (s.kind = 'final' AND EXISTS (SELECT 1 FROM narrative_reports f WHERE f.grant_id = s.grant_id AND f.kind = 'final'))
        -- only what is missing or may move is proposed: ON CONFLICT DO UPDATE locks every conflicting row, even one it leaves as it is
        AND NOT EXISTS (SELECT 1 FROM narrative_reports x WHERE x.grant_id = s.grant_id AND x.kind = s.kind AND x.seq = s.seq
                          AND (x.status <> 'draft' OR x.submitted_version > 0 OR (x.period_start, x.period_end, x.due_date) = (s.period_start, s.period_end, s.due_date)))
     ON CONFLICT (grant_id, kind, seq) DO UPDATE SET period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, due_date = EXCLUDED.due_date
      WHERE narrative_reports.status = 'draft' AND narrative_reports.submitted_version = 0
        AND (narrative_reports.period_start, narrative_reports.period_end, narrative_reports.due_date) IS DISTINCT FROM (EXCLUDED.period_start, EXCLUDED.period_end, EXCLUDED.due_date)
     RETURNING id) SELECT count(*)::int AS n FROM made`, params);
  return moved.n + made.n;
}

/** The grant as the narrative reports need it. */
export type ReportedGrant = {
  id: string; agreementNumber: string; status: string; organizationId: string; organizationName: string;
  monitorId: string | null; startDate: string | null; endDate: string | null; logframe: GrantLogframe | null;
};

/** One report, as listed. `dueDate` is the one in force (an extension granted moves it). */
export type NarrativeReportRow = {
  id: string; grantId: string; agreementNumber: string; organizationId: string; organizationName: string; monitorId: string | null;
  kind: NarrativeReportKind; seq: number; periodStart: string; periodEnd: string; dueDate: string; scheduledDueDate: string;
  status: NarrativeReportStatus; submittedVersion: number; submittedAt: Date | null; sha256: string | null; version: number;
};

export type NarrativeReportRecord = NarrativeReportRow & { content: Record<string, unknown>; expenditureReportId: string | null; updatedAt: Date };

export type ReportScope = { kind: 'all' } | { kind: 'monitor'; monitorId: string } | { kind: 'organization'; organizationId: string };
export type ReportFilter = { scope: ReportScope; status?: NarrativeReportStatus; grantId?: string; overdue?: boolean; limit: number; offset: number };

export type FrozenVersionRow = { version: number; sha256: string; content: Record<string, unknown>; submittedAt: Date; submittedBy: string; submittedByName: string; privacyConfirmations: PersonalDataConfirmation[] };
export type ReportCommentRow = {
  id: string; version: number; kind: 'review' | 'comment'; authorId: string; authorName: string; authorRole: 'secretariat' | 'monitor' | 'organisation';
  section: string | null; indicatorId: string | null; body: string; createdAt: Date;
};
export type ExtensionRequestRow = {
  id: string; requestedDueDate: string; reason: string; status: ExtensionStatus; requestedBy: string; requestedByName: string; requestedAt: Date;
  decidedBy: string | null; decidedByName: string | null; decidedAt: Date | null; decisionNote: string | null; version: number;
};
export type LinkedExpenditureReport = { id: string; seq: number; status: string; spentCents: number; acceptedCents: number | null };

const ROW_COLUMNS = `
  r.id, r.grant_id AS "grantId", g.agreement_number AS "agreementNumber", g.organization_id AS "organizationId", o.legal_name AS "organizationName",
  g.monitor_id AS "monitorId", r.kind, r.seq, to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd",
  to_char(GREATEST(r.due_date, r.extended_due_date), 'YYYY-MM-DD') AS "dueDate", to_char(r.due_date, 'YYYY-MM-DD') AS "scheduledDueDate",
  r.status, r.submitted_version AS "submittedVersion", r.submitted_at AS "submittedAt", r.sha256, r.version`;
const ROW_FROM = `FROM narrative_reports r JOIN grants g ON g.id = r.grant_id JOIN organizations o ON o.id = g.organization_id`;
/** Not handed in (a draft) and past its due date in force: libs/domain isNarrativeReportOverdue. */
const OVERDUE = `(r.status = 'draft' AND GREATEST(r.due_date, r.extended_due_date) < ${TODAY})`;

/** The SQL of narrative reports: the rows of the schedule, content, frozen versions, figures, comments and requests for more time. */
@Injectable()
export class NarrativeReportsRepository {
  ensure(m: EntityManager, grantId?: string): Promise<number> {
    return ensureNarrativeReportRows(m, grantId);
  }

  async today(m: EntityManager): Promise<string> {
    const [{ today }] = await m.query(`SELECT to_char(${TODAY}, 'YYYY-MM-DD') AS today`);
    return today;
  }

  async grant(m: EntityManager, id: string): Promise<ReportedGrant> {
    const [g] = await m.query(
      `SELECT g.id, g.agreement_number AS "agreementNumber", g.status, g.organization_id AS "organizationId", o.legal_name AS "organizationName",
              g.monitor_id AS "monitorId", to_char(g.start_date, 'YYYY-MM-DD') AS "startDate", to_char(g.end_date, 'YYYY-MM-DD') AS "endDate", g.logframe
         FROM grants g JOIN organizations o ON o.id = g.organization_id WHERE g.id = $1`, [id]);
    if (!g) throw AppError.notFound('grant');
    return g;
  }

  async grantIdOf(m: EntityManager, reportId: string): Promise<string> {
    const [row] = await m.query(`SELECT grant_id AS "grantId" FROM narrative_reports WHERE id = $1`, [reportId]);
    if (!row) throw AppError.notFound('report');
    return row.grantId;
  }

  /** The reports in scope, filtered, in the Secretariat's order (libs/domain compareNarrativeReports: overdue first, then by due date, then id). */
  async list(m: EntityManager, f: ReportFilter): Promise<{ rows: NarrativeReportRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    if (f.scope.kind === 'monitor') where.push(`g.monitor_id = ${p(f.scope.monitorId)}`);
    if (f.scope.kind === 'organization') where.push(`g.organization_id = ${p(f.scope.organizationId)}`);
    if (f.status) where.push(`r.status = ${p(f.status)}`);
    if (f.grantId) where.push(`r.grant_id = ${p(f.grantId)}`);
    if (f.overdue !== undefined) where.push(f.overdue ? OVERDUE : `NOT ${OVERDUE}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // overdue first (libs/domain compareNarrativeReports): within one status the due date alone already orders them
    // so (only a draft is ever overdue, and an overdue draft is due before any other), and the index on
    // (status, due date in force, id) serves the page without sorting every report of the status
    const order = f.status ? '' : `${OVERDUE} DESC,`;
    // the count needs the grant only to scope it (a monitor's, an organisation's): the Secretariat's is read off the
    // reports' own index
    const countFrom = f.scope.kind === 'all' ? 'FROM narrative_reports r' : 'FROM narrative_reports r JOIN grants g ON g.id = r.grant_id';
    const countParams = [...params];
    const page = `LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`;
    const [[{ total }], rows] = await Promise.all([
      m.query(`SELECT count(*)::int AS total ${countFrom} ${w}`, countParams),
      // the Secretariat's pages: the page's ids off the reports' index first, then joined (a later page joined every
      // row before it to skip it: page 49 of 3,519 cost 13 ms of PostgreSQL, bench:reports)
      f.scope.kind === 'all'
        ? m.query(`SELECT ${ROW_COLUMNS}
            FROM (SELECT r.id FROM narrative_reports r ${w} ORDER BY ${order} GREATEST(r.due_date, r.extended_due_date) ASC, r.id ASC ${page}) p
            JOIN narrative_reports r ON r.id = p.id JOIN grants g ON g.id = r.grant_id JOIN organizations o ON o.id = g.organization_id
            ORDER BY ${order} GREATEST(r.due_date, r.extended_due_date) ASC, r.id ASC`, params)
        : m.query(`SELECT ${ROW_COLUMNS} ${ROW_FROM} ${w} ORDER BY ${order} GREATEST(r.due_date, r.extended_due_date) ASC, r.id ASC ${page}`, params),
    ]);
    return { rows, total };
  }

  async report(m: EntityManager, id: string, lock = false): Promise<NarrativeReportRecord> {
    if (lock) await m.query(`SELECT 1 FROM narrative_reports WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await m.query(
      `SELECT ${ROW_COLUMNS}, r.content, r.expenditure_report_id AS "expenditureReportId", r.updated_at AS "updatedAt" ${ROW_FROM} WHERE r.id = $1`, [id]);
    if (!row) throw AppError.notFound('report');
    return row;
  }

  /** The organisation's draft saved: the version moves by one (optimistic locking). */
  async saveContent(m: EntityManager, id: string, content: unknown, userId: string): Promise<void> {
    await m.query(`UPDATE narrative_reports SET content = $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1`, [id, JSON.stringify(content), userId]);
  }

  /** The due date an extension granted (the version does not move: the organisation's draft is not touched). */
  async setExtendedDueDate(m: EntityManager, id: string, date: string): Promise<void> {
    await m.query(`UPDATE narrative_reports SET extended_due_date = $2 WHERE id = $1`, [id, date]);
  }

  async linkExpenditureReport(m: EntityManager, id: string, expenditureReportId: string | null): Promise<void> {
    await m.query(`UPDATE narrative_reports SET expenditure_report_id = $2 WHERE id = $1`, [id, expenditureReportId]);
  }

  /** The grant's expenditure report of the same period (by its end), the latest if several. */
  async expenditureReportOfPeriod(m: EntityManager, grantId: string, periodEnd: string, linkedId: string | null): Promise<LinkedExpenditureReport | null> {
    const [row] = await m.query(
      `SELECT e.id, e.seq, e.status, e.spent_cents::bigint AS "spentCents" FROM expenditure_reports e
        WHERE e.grant_id = $1 AND (e.id = $3::uuid OR ($3::uuid IS NULL AND e.period_end = $2::date))
        ORDER BY e.seq DESC LIMIT 1`, [grantId, periodEnd, linkedId]);
    if (!row) return null;
    const spentCents = Number(row.spentCents);
    return { id: row.id, seq: row.seq, status: row.status, spentCents, acceptedCents: row.status === 'accepted' ? spentCents : null };
  }

  // -------------------------------------------------------------------------------------------------------
  // Frozen versions and their figures

  async versions(m: EntityManager, reportId: string): Promise<Omit<FrozenVersionRow, 'content' | 'privacyConfirmations'>[]> {
    return m.query(
      `SELECT v.version, v.sha256, v.submitted_at AS "submittedAt", v.submitted_by AS "submittedBy", u.full_name AS "submittedByName"
         FROM narrative_report_versions v JOIN users u ON u.id = v.submitted_by WHERE v.report_id = $1 ORDER BY v.version`, [reportId]);
  }

  async version(m: EntityManager, reportId: string, version: number): Promise<FrozenVersionRow | null> {
    const [row] = await m.query(
      `SELECT v.version, v.sha256, v.content, v.submitted_at AS "submittedAt", v.submitted_by AS "submittedBy", u.full_name AS "submittedByName",
              v.privacy_confirmations AS "privacyConfirmations"
         FROM narrative_report_versions v JOIN users u ON u.id = v.submitted_by WHERE v.report_id = $1 AND v.version = $2`, [reportId, version]);
    return row ?? null;
  }

  async insertVersion(m: EntityManager, row: { reportId: string; version: number; content: unknown; sha256: string; confirmations: PersonalDataConfirmation[]; submittedBy: string }): Promise<void> {
    await m.query(
      `INSERT INTO narrative_report_versions (report_id, version, content, sha256, privacy_confirmations, submitted_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.reportId, row.version, JSON.stringify(row.content), row.sha256, JSON.stringify(row.confirmations), row.submittedBy]);
  }

  /** The figures of the submitted version, replacing the report's rows: one per indicator (scaled values) and one per count cell above 0. */
  async replaceFigures(
    m: EntityManager, reportId: string,
    indicators: readonly { indicatorId: string; periodValue: number | null; cumulativeValue: number | null }[],
    counts: readonly { breakdown: BeneficiaryBreakdown; key: string; count: number }[],
  ): Promise<void> {
    await m.query(`DELETE FROM narrative_report_indicator_values WHERE report_id = $1`, [reportId]);
    await m.query(`DELETE FROM narrative_report_beneficiary_counts WHERE report_id = $1`, [reportId]);
    if (indicators.length) {
      await m.query(
        `INSERT INTO narrative_report_indicator_values (report_id, indicator_id, period_value, cumulative_value)
         SELECT $1, x.indicator_id, x.period_value, x.cumulative_value FROM jsonb_to_recordset($2::jsonb) AS x(indicator_id text, period_value bigint, cumulative_value bigint)`,
        [reportId, JSON.stringify(indicators.map((i) => ({ indicator_id: i.indicatorId, period_value: i.periodValue, cumulative_value: i.cumulativeValue })))]);
    }
    if (counts.length) {
      await m.query(
        `INSERT INTO narrative_report_beneficiary_counts (report_id, breakdown, key, count)
         SELECT $1, x.breakdown, x.key, x.count FROM jsonb_to_recordset($2::jsonb) AS x(breakdown text, key text, count int)`,
        [reportId, JSON.stringify(counts)]);
    }
  }

  async figures(m: EntityManager, reportId: string) {
    const indicators: { indicatorId: string; periodValue: string | null; cumulativeValue: string | null }[] = await m.query(
      `SELECT indicator_id AS "indicatorId", period_value::text AS "periodValue", cumulative_value::text AS "cumulativeValue" FROM narrative_report_indicator_values WHERE report_id = $1 ORDER BY indicator_id`, [reportId]);
    const counts: { breakdown: string; key: string; count: number }[] = await m.query(
      `SELECT breakdown, key, count FROM narrative_report_beneficiary_counts WHERE report_id = $1 ORDER BY breakdown, key`, [reportId]);
    return { indicators, counts };
  }

  /**
   * The cumulative values (scaled) of the grant's latest report before this one that was handed in, by indicator:
   * a cumulative figure never drops below what was reported before.
   */
  async previousCumulative(m: EntityManager, grantId: string, periodEnd: string, reportId: string): Promise<Record<string, number>> {
    const rows: { indicatorId: string; value: string }[] = await m.query(
      `SELECT v.indicator_id AS "indicatorId", v.cumulative_value::text AS value FROM narrative_report_indicator_values v
        WHERE v.report_id = (SELECT r.id FROM narrative_reports r WHERE r.grant_id = $1 AND r.id <> $3 AND r.period_end < $2::date AND r.submitted_version > 0
                              ORDER BY r.period_end DESC, r.seq DESC LIMIT 1)
          AND v.cumulative_value IS NOT NULL`, [grantId, periodEnd, reportId]);
    return Object.fromEntries(rows.map((r) => [r.indicatorId, Number(r.value)]));
  }

  // -------------------------------------------------------------------------------------------------------
  // Comments

  async comments(m: EntityManager, reportId: string): Promise<ReportCommentRow[]> {
    return m.query(
      `SELECT c.id, c.version, c.kind, c.author_id AS "authorId", u.full_name AS "authorName", c.author_role AS "authorRole", c.section,
              c.indicator_id AS "indicatorId", c.body, c.created_at AS "createdAt"
         FROM narrative_report_comments c JOIN users u ON u.id = c.author_id WHERE c.report_id = $1 ORDER BY c.created_at, c.id`, [reportId]);
  }

  async insertComment(m: EntityManager, row: { reportId: string; version: number; kind: 'review' | 'comment'; authorId: string; authorRole: string; section: string | null; indicatorId: string | null; body: string }): Promise<void> {
    await m.query(
      // clock_timestamp: the comments of one review keep the order they were written in (now() is the transaction's start)
      `INSERT INTO narrative_report_comments (report_id, version, kind, author_id, author_role, section, indicator_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp())`,
      [row.reportId, row.version, row.kind, row.authorId, row.authorRole, row.section, row.indicatorId, row.body]);
  }

  // -------------------------------------------------------------------------------------------------------
  // Requests for more time

  async extensionRequests(m: EntityManager, reportId: string): Promise<ExtensionRequestRow[]> {
    return m.query(
      `SELECT x.id, to_char(x.requested_due_date, 'YYYY-MM-DD') AS "requestedDueDate", x.reason, x.status, x.requested_by AS "requestedBy",
              ru.full_name AS "requestedByName", x.requested_at AS "requestedAt", x.decided_by AS "decidedBy", du.full_name AS "decidedByName",
              x.decided_at AS "decidedAt", x.decision_note AS "decisionNote", x.version
         FROM report_extension_requests x JOIN users ru ON ru.id = x.requested_by LEFT JOIN users du ON du.id = x.decided_by
        WHERE x.report_id = $1 ORDER BY x.requested_at, x.id`, [reportId]);
  }

  async insertExtensionRequest(m: EntityManager, row: { reportId: string; requestedDueDate: string; reason: string; requestedBy: string }): Promise<string> {
    const [x] = await m.query(
      `INSERT INTO report_extension_requests (report_id, requested_due_date, reason, requested_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [row.reportId, row.requestedDueDate, row.reason, row.requestedBy]);
    return x.id;
  }

  /** The organisation's files among these ids (evidence of indicators), with their names. */
  async organizationFiles(m: EntityManager, organizationId: string, ids: readonly string[]): Promise<{ id: string; fileName: string }[]> {
    if (!ids.length) return [];
    return m.query(`SELECT id, file_name AS "fileName" FROM files WHERE id = ANY($1::uuid[]) AND organization_id = $2 ORDER BY created_at, id`, [ids, organizationId]);
  }

  // -------------------------------------------------------------------------------------------------------
  // People

  secretariat(m: EntityManager): Promise<Recipient[]> {
    return m.query(`SELECT id, email, language, script FROM users WHERE active AND role IN ('secretariat','secretariat_admin')`);
  }

  users(m: EntityManager, ids: readonly (string | null)[]): Promise<Recipient[]> {
    const wanted = ids.filter((x): x is string => !!x);
    if (!wanted.length) return Promise.resolve([]);
    return m.query(`SELECT id, email, language, script FROM users WHERE active AND id = ANY($1::uuid[])`, [wanted]);
  }

  // -------------------------------------------------------------------------------------------------------
  // For the worker's reminders and the home to-dos

  /**
   * Reports not handed in (drafts) of grants in force, with the due date in force: what the reminders (R-14d, R0,
   * R+1d to the organisation, R+7d to the Secretariat; libs/domain narrativeReportRemindersToPlan) are planned from.
   */
  dueForReminders(m: EntityManager): Promise<{ id: string; grantId: string; agreementNumber: string; organizationId: string; organizationName: string; kind: NarrativeReportKind; seq: number; status: NarrativeReportStatus; dueDate: string }[]> {
    return m.query(
      `SELECT r.id, r.grant_id AS "grantId", g.agreement_number AS "agreementNumber", g.organization_id AS "organizationId", o.legal_name AS "organizationName",
              r.kind, r.seq, r.status, to_char(GREATEST(r.due_date, r.extended_due_date), 'YYYY-MM-DD') AS "dueDate"
         ${ROW_FROM} WHERE r.status = 'draft' AND g.status = 'in_force' ORDER BY GREATEST(r.due_date, r.extended_due_date), r.id`);
  }

  /** Reports submitted and waiting for the Secretariat's review. */
  async toReviewCount(m: EntityManager): Promise<number> {
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM narrative_reports WHERE status = 'submitted'`);
    return n;
  }

  /** Requests for more time waiting for the Secretariat's decision. */
  async extensionRequestsToDecideCount(m: EntityManager): Promise<number> {
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM report_extension_requests WHERE status = 'requested'`);
    return n;
  }

  /** The organisation's reports to act on: drafts due within `days` days or overdue, and returned ones. */
  organizationToDo(m: EntityManager, organizationId: string, days = 30): Promise<NarrativeReportRow[]> {
    return m.query(
      `SELECT ${ROW_COLUMNS} ${ROW_FROM}
        WHERE g.organization_id = $1 AND g.status = 'in_force'
          AND (r.status = 'returned' OR (r.status = 'draft' AND GREATEST(r.due_date, r.extended_due_date) <= ${TODAY} + $2::int))
        ORDER BY GREATEST(r.due_date, r.extended_due_date), r.id`, [organizationId, days]);
  }

  /** Reports of the monitor's grants submitted (to read, and comment on). */
  monitorSubmitted(m: EntityManager, monitorId: string): Promise<NarrativeReportRow[]> {
    return m.query(`SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE g.monitor_id = $1 AND r.status = 'submitted' ORDER BY r.submitted_at, r.id`, [monitorId]);
  }
}
