import { Injectable } from '@nestjs/common';
import {
  BENEFICIARY_BREAKDOWNS, type BeneficiaryBreakdown, type BeneficiaryTable, type StrategyActivityRow, type StrategyBeneficiaryRow, type StrategyDifficultyRow,
  type StrategyGrantRow, type StrategyIndicatorRow, type StrategyLessonRow, type StrategyReportKind, type StrategyReportStatus,
} from '@grants/domain';
import type { EntityManager } from 'typeorm';

const TODAY = `(now() AT TIME ZONE 'Europe/Belgrade')::date`;

/** A grant counts in a period when it was in force (or has since been suspended, closed or terminated) at some time in it. */
const GRANT_IN_PERIOD = `g.status IN ('in_force', 'suspended', 'closed', 'terminated') AND g.start_date <= $2::date AND g.end_date >= $1::date`;
/** A narrative report of the period: handed in (submitted or accepted) and ending in it; its last frozen version is what counts. */
/** Visit reports count once shared (reviewed by the Secretariat and shared with the organisation and observers). */
const REPORTS_OF_PERIOD = `
  SELECT r.id, r.grant_id, r.period_end, r.submitted_version FROM narrative_reports r
   WHERE r.grant_id = ANY($3::uuid[]) AND r.status IN ('submitted', 'accepted') AND r.submitted_version > 0 AND r.period_end BETWEEN $1::date AND $2::date`;

export type StrategyReportRecord = {
  id: string;
  kind: StrategyReportKind;
  periodStart: string;
  periodEnd: string;
  status: StrategyReportStatus;
  figures: Record<string, unknown>;
  narrative: Record<string, unknown>;
  draftedAt: Date;
  version: number;
  sha256: string | null;
  issuedAt: Date | null;
  issuedByName: string | null;
  createdByName: string;
  updatedAt: Date;
};

export type StrategyReportListRow = Omit<StrategyReportRecord, 'figures' | 'narrative'> & { grants: number };

const COLUMNS = `
  s.id, s.kind, to_char(s.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(s.period_end, 'YYYY-MM-DD') AS "periodEnd", s.status,
  s.drafted_at AS "draftedAt", s.version, s.sha256, s.issued_at AS "issuedAt", iu.full_name AS "issuedByName", cu.full_name AS "createdByName", s.updated_at AS "updatedAt"`;
const FROM = `FROM strategy_reports s JOIN users cu ON cu.id = s.created_by LEFT JOIN users iu ON iu.id = s.issued_by`;

/** The rows a report is drafted from, for libs/domain draftStrategyReport. */
export type StrategyDraftRows = {
  grants: StrategyGrantRow[];
  indicators: StrategyIndicatorRow[];
  beneficiaries: StrategyBeneficiaryRow[];
  activities: StrategyActivityRow[];
  difficulties: StrategyDifficultyRow[];
  lessons: StrategyLessonRow[];
};

/** SQL of the strategy reports: the reports themselves, and the period's figures read set-wise (one query per kind of row, whatever the number of grants). */
@Injectable()
export class StrategyReportsRepository {
  async today(m: EntityManager): Promise<string> {
    const [{ today }] = await m.query(`SELECT to_char(${TODAY}, 'YYYY-MM-DD') AS today`);
    return today;
  }

  async list(m: EntityManager, opts: { issuedOnly: boolean }): Promise<StrategyReportListRow[]> {
    return m.query(
      `SELECT ${COLUMNS}, coalesce(jsonb_array_length(s.figures -> 'sections'), 0) AS sections, coalesce((s.figures -> 'totals' ->> 'grants')::int, 0) AS grants
       ${FROM} ${opts.issuedOnly ? `WHERE s.status = 'issued'` : ''} ORDER BY s.period_start DESC, s.kind, s.created_at DESC`);
  }

  async find(m: EntityManager, id: string, opts: { lock?: boolean } = {}): Promise<StrategyReportRecord | null> {
    if (opts.lock) await m.query(`SELECT id FROM strategy_reports WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await m.query(`SELECT ${COLUMNS}, s.figures, s.narrative ${FROM} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  /** The report without its figures (a large portfolio's are megabytes): for answering with figures already in hand. */
  async findMeta(m: EntityManager, id: string, opts: { lock?: boolean } = {}): Promise<Omit<StrategyReportRecord, 'figures'> | null> {
    if (opts.lock) await m.query(`SELECT id FROM strategy_reports WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await m.query(`SELECT ${COLUMNS}, s.narrative ${FROM} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  async findByPeriod(m: EntityManager, kind: StrategyReportKind, periodStart: string): Promise<{ id: string } | null> {
    const [row] = await m.query(`SELECT id FROM strategy_reports WHERE kind = $1 AND period_start = $2::date`, [kind, periodStart]);
    return row ?? null;
  }

  async insert(m: EntityManager, r: { kind: StrategyReportKind; periodStart: string; periodEnd: string; figures: object; narrative: object; createdBy: string }): Promise<string | null> {
    const [row] = await m.query(
      `INSERT INTO strategy_reports (kind, period_start, period_end, figures, narrative, created_by, updated_by) VALUES ($1, $2::date, $3::date, $4::jsonb, $5::jsonb, $6, $6)
       ON CONFLICT ON CONSTRAINT strategy_reports_one_per_period DO NOTHING RETURNING id`,
      [r.kind, r.periodStart, r.periodEnd, JSON.stringify(r.figures), JSON.stringify(r.narrative), r.createdBy]);
    return row?.id ?? null;
  }

  /** Writes the narrative of a draft at the version it was edited from; false when the version (or the status) moved on. */
  async updateNarrative(m: EntityManager, id: string, version: number, narrative: object, by: string): Promise<boolean> {
    // a SELECT over the statement's RETURNING: the driver answers an UPDATE with [rows, count]
    const rows = await m.query(
      `WITH u AS (UPDATE strategy_reports SET narrative = $3::jsonb, version = version + 1, updated_by = $4, updated_at = now()
        WHERE id = $1 AND version = $2 AND status = 'draft' RETURNING id) SELECT id FROM u`, [id, version, JSON.stringify(narrative), by]);
    return rows.length === 1;
  }

  async updateFigures(m: EntityManager, id: string, version: number, figures: object, by: string): Promise<boolean> {
    const rows = await m.query(
      `WITH u AS (UPDATE strategy_reports SET figures = $3::jsonb, drafted_at = now(), version = version + 1, updated_by = $4, updated_at = now()
        WHERE id = $1 AND version = $2 AND status = 'draft' RETURNING id) SELECT id FROM u`, [id, version, JSON.stringify(figures), by]);
    return rows.length === 1;
  }

  /** The active observers (the donor, the National Coordinator's office), told when a report is issued. */
  observers(m: EntityManager): Promise<{ id: string; email: string; language: 'en' | 'sq' | 'sr'; script: 'latin' | 'cyrillic' }[]> {
    return m.query(`SELECT id, email, language, script FROM users WHERE role = 'observer' AND active ORDER BY id`);
  }

  // -------------------------------------------------------------------------------------------------------
  // The period's figures

  async draftRows(m: EntityManager, periodStart: string, periodEnd: string): Promise<StrategyDraftRows> {
    const p = [periodStart, periodEnd];
    const grants: (Omit<StrategyGrantRow, 'amountCents' | 'paidCents' | 'reportedCents' | 'acceptedCents'> & Record<'amountCents' | 'paidCents' | 'reportedCents' | 'acceptedCents', string>)[] = await m.query(
      `WITH g AS (
         SELECT g.id, g.agreement_number, g.organization_id, g.call_id, g.start_date, g.end_date, g.logframe, g.amount_cents FROM grants g WHERE ${GRANT_IN_PERIOD}
       ),
       paid AS (
         SELECT t.grant_id, sum(t.amount_cents) AS cents FROM tranches t JOIN g ON g.id = t.grant_id
          WHERE t.status = 'paid' AND t.paid_on BETWEEN $1::date AND $2::date GROUP BY t.grant_id
       ),
       spent AS (
         SELECT e.grant_id, sum(e.spent_cents) AS reported, sum(e.spent_cents) FILTER (WHERE e.status = 'accepted') AS accepted
           FROM expenditure_reports e JOIN g ON g.id = e.grant_id
          WHERE e.status IN ('submitted', 'accepted') AND e.period_end BETWEEN $1::date AND $2::date GROUP BY e.grant_id
       )
       SELECT g.id AS "grantId", coalesce(g.agreement_number, '') AS "agreementNumber", o.legal_name AS "organizationName", c.reference AS "callReference",
              to_char(g.start_date, 'YYYY-MM-DD') AS "startDate", to_char(g.end_date, 'YYYY-MM-DD') AS "endDate", g.logframe,
              coalesce((SELECT array_agg(pr ->> 'nsObjective') FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.definition -> 'priorities') = 'array' THEN c.definition -> 'priorities' ELSE '[]'::jsonb END) pr
                         WHERE pr ->> 'nsObjective' IS NOT NULL), '{}') AS "callPriorityObjectives",
              g.amount_cents::text AS "amountCents", coalesce(paid.cents, 0)::text AS "paidCents",
              coalesce(spent.reported, 0)::text AS "reportedCents", coalesce(spent.accepted, 0)::text AS "acceptedCents"
         FROM g JOIN organizations o ON o.id = g.organization_id JOIN calls c ON c.id = g.call_id
         LEFT JOIN paid ON paid.grant_id = g.id LEFT JOIN spent ON spent.grant_id = g.id`, p);
    const ids = grants.map((g) => g.grantId);
    const q = [periodStart, periodEnd, ids];
    const [indicators, counts, contents, visits] = await Promise.all([
      m.query(
        `WITH rep AS (${REPORTS_OF_PERIOD})
         SELECT rep.grant_id AS "grantId", to_char(rep.period_end, 'YYYY-MM-DD') AS "reportPeriodEnd", v.indicator_id AS "indicatorKey",
                v.period_value::text AS "periodValue", v.cumulative_value::text AS "cumulativeValue"
           FROM rep JOIN narrative_report_indicator_values v ON v.report_id = rep.id`, q) as Promise<{ grantId: string; reportPeriodEnd: string; indicatorKey: string; periodValue: string | null; cumulativeValue: string | null }[]>,
      m.query(
        `WITH rep AS (${REPORTS_OF_PERIOD})
         SELECT rep.grant_id AS "grantId", rep.id AS "reportId", b.breakdown, b.key, b.count
           FROM rep JOIN narrative_report_beneficiary_counts b ON b.report_id = rep.id ORDER BY rep.id`, q) as Promise<{ grantId: string; reportId: string; breakdown: string; key: string; count: number }[]>,
      m.query(
        `WITH rep AS (${REPORTS_OF_PERIOD})
         SELECT rep.grant_id AS "grantId", to_char(rep.period_end, 'YYYY-MM-DD') AS "periodEnd",
                CASE WHEN jsonb_typeof(v.content -> 'activities') = 'object'
                     THEN (SELECT jsonb_object_agg(a.key, a.value -> 'status') FROM jsonb_each(v.content -> 'activities') a) END AS activities,
                coalesce(v.content ->> 'lessons', '') AS lessons, coalesce(v.content ->> 'challenges', '') AS challenges
           FROM rep JOIN narrative_report_versions v ON v.report_id = rep.id AND v.version = rep.submitted_version`, q) as Promise<{ grantId: string; periodEnd: string; activities: Record<string, unknown> | null; lessons: string; challenges: string }[]>,
      m.query(
        `SELECT vr.grant_id AS "grantId", to_char(mv.visit_date, 'YYYY-MM-DD') AS date, vr.rating,
                coalesce(vr.content ->> 'ratingReasons', '') AS reasons, coalesce(vr.content ->> 'correctiveActions', '') AS "correctiveActions"
           FROM visit_reports vr JOIN monitoring_visits mv ON mv.id = vr.visit_id
          WHERE vr.grant_id = ANY($3::uuid[]) AND vr.status = 'shared' AND vr.rating IN (2, 3)
            AND mv.visit_date BETWEEN $1::date AND $2::date`, q) as Promise<{ grantId: string; date: string; rating: 2 | 3; reasons: string; correctiveActions: string }[]>,
    ]);

    const scaled = (v: string | null) => (v === null ? null : Number(v));
    const tables = new Map<string, StrategyBeneficiaryRow>();
    for (const c of counts) {
      if (!(BENEFICIARY_BREAKDOWNS as readonly string[]).includes(c.breakdown)) continue;
      let row = tables.get(c.reportId);
      if (!row) {
        row = { grantId: c.grantId, reportId: c.reportId, table: { total: 0, bySex: {}, byAge: {}, byIntake: {}, byService: {}, byMunicipality: {} } };
        tables.set(c.reportId, row);
      }
      (row.table[c.breakdown as BeneficiaryBreakdown] as Record<string, number>)[c.key] = c.count;
    }
    // the rows hold the cells only; every breakdown adds up to the total (what the report was checked against on submission)
    for (const row of tables.values()) row.table.total = Object.values(row.table.bySex as Record<string, number>).reduce((s, n) => s + n, 0);

    return {
      grants: grants.map((g) => ({
        ...g, amountCents: Number(g.amountCents), paidCents: Number(g.paidCents), reportedCents: Number(g.reportedCents), acceptedCents: Number(g.acceptedCents),
      })),
      indicators: indicators.map((i) => ({ ...i, periodValue: scaled(i.periodValue), cumulativeValue: scaled(i.cumulativeValue) })),
      beneficiaries: [...tables.values()] as { grantId: string; reportId: string; table: BeneficiaryTable }[],
      activities: contents.flatMap((c) => Object.entries(c.activities ?? {}).map(([activityKey, status]) => ({
        grantId: c.grantId, reportPeriodEnd: c.periodEnd, activityKey, status: typeof status === 'number' ? status : null,
      }))),
      difficulties: [
        ...visits.map((v) => ({ grantId: v.grantId, source: 'visit' as const, date: v.date, rating: Number(v.rating) as 2 | 3, reasons: v.reasons, correctiveActions: v.correctiveActions })),
        ...contents.filter((c) => c.challenges.trim()).map((c) => ({ grantId: c.grantId, source: 'report' as const, date: c.periodEnd, text: c.challenges })),
      ],
      lessons: contents.filter((c) => c.lessons.trim()).map((c) => ({ grantId: c.grantId, date: c.periodEnd, text: c.lessons })),
    };
  }
}
