import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  indicatorNsCode, indicatorResult, isMunicipalityCode, isNsCode, logframeItems, nsLineage, specificObjectiveNsCode, type BeneficiaryBreakdown, type GrantLogframe, type Indicator,
} from '@grants/domain';
import type { DataSource, EntityManager } from 'typeorm';

const TODAY = `(now() AT TIME ZONE 'Europe/Belgrade')::date`;
/** Narrative reports whose figures count: handed in and not sent back. */
const HANDED_IN = `('submitted', 'accepted')`;

/** The dashboard's filter, checked (PortfolioFilterDto), plus the monitor whose grants only are read. */
export type PortfolioScope = { callId?: string; objective?: string; municipality?: string; from?: string; to?: string; monitorId?: string | null };

export type GrantMoneyRow = {
  grantId: string; callId: string; callReference: string; organizationId: string; organizationName: string; agreementNumber: string | null;
  status: string; startDate: string | null; endDate: string | null;
  awardedCents: number; contractedCents: number; paidCents: number; paidToDateCents: number; spentCents: number; acceptedCents: number; acceptedToDateCents: number; recoveredCents: number;
};

/** An award in force in scope (portfolio_award_figures), with its grant when one was drawn up. */
export type AwardMoneyRow = { awardId: string; callId: string; callReference: string; organizationId: string; organizationName: string; grantId: string | null; amountCents: number };

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * The portfolio's pre-aggregated figures (migrations/1796310000000-PortfolioFigures.ts): the refresh that rewrites them
 * from the records in one transaction, and the dashboard's reads, every one filtered the same way (`grantFilter`).
 */
@Injectable()
export class PortfolioRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** When the figures were last refreshed (null before the first refresh). */
  async refreshedAt(): Promise<Date | null> {
    const [row] = await this.ds.query(`SELECT refreshed_at FROM portfolio_refresh WHERE id = 1`);
    return row?.refreshed_at ?? null;
  }

  // ——— the refresh ———

  /**
   * Rewrites every figure from the records, in one transaction under an advisory lock (two refreshes at once run
   * one after the other; a reader sees the figures before or after, never between). Idempotent: run twice on the
   * same records, the figures are the same.
   */
  async refresh(): Promise<{ refreshedAt: Date; durationMs: number }> {
    const started = Date.now();
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('portfolio.refresh'))`);
      for (const t of ['portfolio_grant_figures', 'portfolio_money_events', 'portfolio_overdue', 'portfolio_award_figures']) await m.query(`DELETE FROM ${t}`);
      await this.refreshGrants(m);
      await this.refreshMoney(m);
      await this.refreshOverdue(m);
      await this.refreshReports(m);
      await this.refreshAwards(m);
      const durationMs = Date.now() - started;
      const [row] = await m.query(`UPDATE portfolio_refresh SET refreshed_at = now(), duration_ms = $1 WHERE id = 1 RETURNING refreshed_at`, [durationMs]);
      return { refreshedAt: row.refreshed_at as Date, durationMs };
    });
  }

  private async refreshGrants(m: EntityManager) {
    // the latest monitoring rating: of the latest visit whose report the Secretariat accepted (or shared since)
    await m.query(
      `INSERT INTO portfolio_grant_figures (grant_id, call_id, call_reference, organization_id, organization_name, organization_municipality, monitor_id, agreement_number,
                                            status, start_date, end_date, awarded_cents, contracted_cents, latest_rating, latest_visit_report_id, municipalities)
       SELECT g.id, g.call_id, c.reference, g.organization_id, o.legal_name, o.municipality, g.monitor_id, g.agreement_number,
              g.status, g.start_date, g.end_date, a.amount_cents, CASE WHEN g.countersigned_at IS NOT NULL THEN g.amount_cents ELSE 0 END,
              lr.rating, lr.id,
              ARRAY(SELECT DISTINCT x FROM unnest(array_append(coalesce(bm.codes, '{}'::text[]), o.municipality)) x WHERE x IS NOT NULL)
         FROM grants g
         JOIN calls c ON c.id = g.call_id
         JOIN organizations o ON o.id = g.organization_id
         JOIN awards a ON a.id = g.award_id
         LEFT JOIN LATERAL (
           SELECT vr.id, vr.rating FROM visit_reports vr JOIN monitoring_visits v ON v.id = vr.visit_id
            WHERE vr.grant_id = g.id AND vr.status IN ('accepted', 'shared') AND vr.rating IS NOT NULL
            ORDER BY v.visit_date DESC, vr.created_at DESC LIMIT 1) lr ON true
         LEFT JOIN LATERAL (
           SELECT array_agg(DISTINCT bc.key) AS codes FROM narrative_reports r JOIN narrative_report_beneficiary_counts bc ON bc.report_id = r.id
            WHERE r.grant_id = g.id AND r.status IN ${HANDED_IN} AND bc.breakdown = 'byMunicipality' AND bc.count > 0) bm ON true`);
  }

  private async refreshMoney(m: EntityManager) {
    const latest = `LEFT JOIN LATERAL (SELECT v.snapshot FROM grant_versions v WHERE v.grant_id = g.id ORDER BY v.version DESC LIMIT 1) gv ON true`;
    // the approved budget by heading: the latest frozen version's lines, else (a draft agreement) the grant's budget
    await m.query(
      `INSERT INTO portfolio_money_events (grant_id, kind, day, heading, amount_cents)
       SELECT g.id, 'approved', NULL, l.heading, sum(l.cents)
         FROM grants g ${latest}
         CROSS JOIN LATERAL (
           SELECT coalesce(x->>'heading', 'other') AS heading, coalesce((x->>'approvedCents')::bigint, (x->>'totalCents')::bigint, 0) AS cents
             FROM jsonb_array_elements(CASE WHEN gv.snapshot IS NOT NULL THEN coalesce(gv.snapshot->'budgetLines', '[]'::jsonb) ELSE coalesce(g.budget->'lines', '[]'::jsonb) END) x) l
        GROUP BY g.id, l.heading`);
    await m.query(
      `INSERT INTO portfolio_money_events (grant_id, kind, day, heading, amount_cents, record_id)
       SELECT t.grant_id, 'paid', t.paid_on, NULL, t.amount_cents, t.id FROM tranches t WHERE t.status = 'paid' AND t.paid_on IS NOT NULL`);
    // expenditure handed in, line by line under the heading of its budget line, on the last day of its period
    await m.query(
      `WITH lines AS (
         SELECT g.id AS grant_id, x->>'lineId' AS line_id, x->>'heading' AS heading
           FROM grants g ${latest} CROSS JOIN LATERAL jsonb_array_elements(coalesce(gv.snapshot->'budgetLines', '[]'::jsonb)) x)
       INSERT INTO portfolio_money_events (grant_id, kind, day, heading, amount_cents, record_id)
       SELECT er.grant_id, k.kind, er.period_end, coalesce(bl.heading, 'other'), sum(coalesce((l->>'spentCents')::bigint, 0)), er.id
         FROM expenditure_reports er
         CROSS JOIN LATERAL jsonb_array_elements(er.lines) l
         LEFT JOIN lines bl ON bl.grant_id = er.grant_id AND bl.line_id = l->>'lineId'
         CROSS JOIN (VALUES ('spent'), ('accepted')) k(kind)
        WHERE er.status IN ('submitted', 'accepted') AND (k.kind = 'spent' OR er.status = 'accepted')
        GROUP BY er.grant_id, k.kind, er.period_end, coalesce(bl.heading, 'other'), er.id`);
    await m.query(
      `INSERT INTO portfolio_money_events (grant_id, kind, day, heading, amount_cents, record_id)
       SELECT ro.grant_id, 'recovered', rr.received_on, NULL, rr.amount_cents, ro.id FROM recovery_repayments rr JOIN recovery_orders ro ON ro.id = rr.recovery_order_id`);
    await m.query(
      `INSERT INTO portfolio_money_events (grant_id, kind, day, heading, amount_cents, record_id)
       SELECT r.grant_id, 'report', (r.submitted_at AT TIME ZONE 'Europe/Belgrade')::date, NULL, 0, r.id
         FROM narrative_reports r WHERE r.status IN ${HANDED_IN} AND r.submitted_at IS NOT NULL`);
  }

  /**
   * What is overdue today, by the rules the reminders use (libs/domain grant-deadlines.ts, grant-overdue.ts): an
   * agreement not signed 7 days after it was sent (the first "overdue" reminder), or not countersigned 7 days after
   * the organisation signed; a narrative report not handed in after its due date in force; a pre-financing or
   * instalment of a grant in force still not requested after its planned date; a live action point not closed after
   * its due date.
   */
  private async refreshOverdue(m: EntityManager) {
    await m.query(
      `INSERT INTO portfolio_overdue (grant_id, kind, record_id, due_date)
       SELECT g.id, 'signature', g.id, (g.sent_at AT TIME ZONE 'Europe/Belgrade')::date + 7 FROM grants g
        WHERE g.status = 'sent_for_signature' AND g.sent_at IS NOT NULL AND (g.sent_at AT TIME ZONE 'Europe/Belgrade')::date + 7 < ${TODAY}
       UNION ALL
       SELECT g.id, 'countersignature', g.id, (g.signed_at AT TIME ZONE 'Europe/Belgrade')::date + 7 FROM grants g
        WHERE g.status = 'signed_by_organization' AND g.signed_at IS NOT NULL AND (g.signed_at AT TIME ZONE 'Europe/Belgrade')::date + 7 < ${TODAY}
       UNION ALL
       SELECT r.grant_id, 'report', r.id, GREATEST(r.due_date, r.extended_due_date) FROM narrative_reports r JOIN grants g ON g.id = r.grant_id
        WHERE g.status = 'in_force' AND r.status IN ('draft', 'returned') AND GREATEST(r.due_date, r.extended_due_date) < ${TODAY}
       UNION ALL
       SELECT t.grant_id, 'tranche', t.id, t.planned_date FROM tranches t JOIN grants g ON g.id = t.grant_id
        WHERE g.status = 'in_force' AND t.status = 'planned' AND t.kind <> 'balance' AND t.planned_date < ${TODAY}
       UNION ALL
       SELECT p.grant_id, 'action_point', p.id, p.due_date FROM action_points p
        WHERE p.live AND p.status IN ('open', 'answered', 'reopened') AND p.due_date < ${TODAY}`);
  }

  /**
   * The figures of the narrative reports handed in: each indicator value read against the grant's logframe in force
   * (the latest frozen version, else the grant's): its Strategy code (`indicatorNsCode`: the specific objective's own
   * tag, else the call's single priority objective) and its progress (`indicatorResult`); and the beneficiary cells.
   * Only reports whose status, submitted version or grant basis (logframe and call priorities) changed since they
   * were last computed are rewritten (portfolio_report_figures), then the grants' latest values marked again. Also
   * the Strategy codes each grant is tied to (its call's priorities and its logframe's tags, each with the
   * objectives above it).
   */
  private async refreshReports(m: EntityManager) {
    const grants: { id: string; logframe: GrantLogframe | null; priorities: { nsObjective?: string | null }[] | null }[] = await m.query(
      `SELECT g.id, coalesce(gv.snapshot->'logframe', g.logframe) AS logframe, c.definition->'priorities' AS priorities
         FROM grants g JOIN calls c ON c.id = g.call_id
         LEFT JOIN LATERAL (SELECT v.snapshot FROM grant_versions v WHERE v.grant_id = g.id ORDER BY v.version DESC LIMIT 1) gv ON true`);
    const byGrant = new Map<string, { logframe: GrantLogframe | null; priorities: string[]; indicators: Map<string, Indicator>; basis: string }>();
    const nsRows: { grant_id: string; codes: string[] }[] = [];
    for (const g of grants) {
      const priorities = (Array.isArray(g.priorities) ? g.priorities : []).map((p) => p?.nsObjective).filter(isNsCode);
      const indicators = new Map<string, Indicator>();
      const codes = new Set<string>();
      for (const p of priorities) for (const c of nsLineage(p)) codes.add(c);
      if (g.logframe && typeof g.logframe === 'object') {
        for (const item of logframeItems(g.logframe)) if (item.kind === 'indicator' && item.indicator) indicators.set(item.key, item.indicator as Indicator);
        for (const so of g.logframe.specificObjectives ?? []) {
          const tag = (so as { nsObjective?: unknown }).nsObjective;
          if (isNsCode(tag)) for (const c of nsLineage(tag)) codes.add(c);
        }
      }
      const basis = createHash('sha256').update(JSON.stringify([g.logframe, priorities])).digest('hex');
      byGrant.set(g.id, { logframe: g.logframe, priorities, indicators, basis });
      if (codes.size) nsRows.push({ grant_id: g.id, codes: [...codes] });
    }
    if (nsRows.length) {
      await m.query(
        `UPDATE portfolio_grant_figures f SET ns_codes = x.codes FROM jsonb_to_recordset($1::jsonb) AS x(grant_id uuid, codes text[]) WHERE f.grant_id = x.grant_id`,
        [JSON.stringify(nsRows)]);
    }

    // which reports' figures to (re)write: handed in now and new, or changed since; and which to drop
    const current: { id: string; grantId: string; status: string; version: number }[] = await m.query(
      `SELECT id, grant_id AS "grantId", status, submitted_version AS version FROM narrative_reports WHERE status IN ${HANDED_IN}`);
    const stored: { id: string; grantId: string; status: string; version: number; basis: string }[] = await m.query(
      `SELECT report_id AS id, grant_id AS "grantId", status, submitted_version AS version, basis FROM portfolio_report_figures`);
    const before = new Map(stored.map((r) => [r.id, r]));
    const now = new Set(current.map((r) => r.id));
    const changed = current.filter((r) => {
      const b = before.get(r.id);
      return !b || b.status !== r.status || b.version !== r.version || b.basis !== (byGrant.get(r.grantId)?.basis ?? '');
    });
    const gone = stored.filter((r) => !now.has(r.id));
    const rewrite = [...changed.map((r) => r.id), ...gone.map((r) => r.id)];
    if (!rewrite.length) return;
    for (const t of ['portfolio_indicator_figures', 'portfolio_beneficiary_figures', 'portfolio_report_figures']) {
      await m.query(`DELETE FROM ${t} WHERE report_id = ANY($1::uuid[])`, [rewrite]);
    }
    const changedIds = changed.map((r) => r.id);
    if (changedIds.length) {
      await m.query(
        `INSERT INTO portfolio_report_figures (report_id, grant_id, status, submitted_version, basis)
         SELECT x.report_id, x.grant_id, x.status, x.version, x.basis FROM jsonb_to_recordset($1::jsonb) AS x(report_id uuid, grant_id uuid, status text, version int, basis text)`,
        [JSON.stringify(changed.map((r) => ({ report_id: r.id, grant_id: r.grantId, status: r.status, version: r.version, basis: byGrant.get(r.grantId)?.basis ?? '' })))]);
      await m.query(
        `INSERT INTO portfolio_beneficiary_figures (grant_id, report_id, period_end, breakdown, key, count)
         SELECT r.grant_id, r.id, r.period_end, c.breakdown, c.key, c.count
           FROM narrative_reports r JOIN narrative_report_beneficiary_counts c ON c.report_id = r.id
          WHERE r.id = ANY($1::uuid[]) AND c.count > 0`, [changedIds]);
      const values: { reportId: string; grantId: string; periodEnd: string; indicatorId: string; cumulative: string | null }[] = await m.query(
        `SELECT r.id AS "reportId", r.grant_id AS "grantId", to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd", v.indicator_id AS "indicatorId", v.cumulative_value::text AS cumulative
           FROM narrative_report_indicator_values v JOIN narrative_reports r ON r.id = v.report_id
          WHERE r.id = ANY($1::uuid[])`, [changedIds]);
      type Row = { grant_id: string; report_id: string; period_end: string; indicator_key: string; ns_code: string | null; averaged: boolean; progress_bp: number | null; achieved: boolean };
      const rows: Row[] = [];
      for (const v of values) {
        const g = byGrant.get(v.grantId);
        const indicator = g?.indicators.get(v.indicatorId);
        if (!g || !indicator) continue; // a value of an indicator no longer in the logframe counts nowhere
        const r = indicatorResult(indicator, v.cumulative === null ? null : Number(v.cumulative));
        rows.push({
          grant_id: v.grantId, report_id: v.reportId, period_end: v.periodEnd, indicator_key: v.indicatorId,
          ns_code: indicatorNsCode(g.logframe, v.indicatorId, g.priorities), averaged: r.averaged, progress_bp: r.progressBp, achieved: r.achieved,
        });
      }
      for (let i = 0; i < rows.length; i += 5_000) {
        await m.query(
          `INSERT INTO portfolio_indicator_figures (grant_id, report_id, period_end, indicator_key, ns_code, averaged, progress_bp, achieved, is_latest)
           SELECT grant_id, report_id, period_end, indicator_key, ns_code, averaged, progress_bp, achieved, false
             FROM jsonb_to_recordset($1::jsonb) AS x(grant_id uuid, report_id uuid, period_end date, indicator_key text, ns_code text, averaged boolean, progress_bp int, achieved boolean)`,
          [JSON.stringify(rows.slice(i, i + 5_000))]);
      }
    }
    // each affected grant's latest value of each indicator: the report with the latest period
    const affected = [...new Set([...changed.map((r) => r.grantId), ...gone.map((r) => r.grantId)])];
    await m.query(
      `UPDATE portfolio_indicator_figures f SET is_latest = x.latest
         FROM (SELECT report_id, indicator_key, row_number() OVER (PARTITION BY grant_id, indicator_key ORDER BY period_end DESC, report_id DESC) = 1 AS latest
                 FROM portfolio_indicator_figures WHERE grant_id = ANY($1::uuid[])) x
        WHERE f.report_id = x.report_id AND f.indicator_key = x.indicator_key AND f.is_latest IS DISTINCT FROM x.latest`, [affected]);
  }

  /**
   * Every award in force of the recorded decisions (status `awarded`: awarded at once or an offer accepted; not
   * declined, refused or still offered), with its decision's day. An award drawn up into a grant takes the grant's
   * monitor, Strategy codes and municipalities (refreshGrants / refreshReports, run before), so awarded and contracted
   * are filtered alike; one still waiting for its grant takes the Strategy codes of its application's logframe as
   * submitted (`specificObjectiveNsCode` of each specific objective: its own tag, else the call's single priority;
   * with the objectives above them) and the municipalities of the organisation's seat and the project's targets.
   */
  private async refreshAwards(m: EntityManager) {
    const rows: {
      award_id: string; grant_id: string | null; priorities: { nsObjective?: string | null }[] | null; tags: (string | null)[] | null; municipalities: string[] | null; seat: string | null;
    }[] = await m.query(
      `SELECT w.id AS award_id, g.id AS grant_id, CASE WHEN g.id IS NULL THEN c.definition->'priorities' END AS priorities, s.tags, s.municipalities, o.municipality AS seat
         FROM awards w JOIN applications ap ON ap.id = w.application_id JOIN calls c ON c.id = w.call_id JOIN organizations o ON o.id = ap.organization_id
         LEFT JOIN grants g ON g.award_id = w.id
         LEFT JOIN LATERAL (
           SELECT ARRAY(SELECT so->>'nsObjective' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(x.snapshot->'content'->'logframe'->'specificObjectives') = 'array'
                                                                                 THEN x.snapshot->'content'->'logframe'->'specificObjectives' ELSE '[]'::jsonb END) WITH ORDINALITY e(so, i) ORDER BY i) AS tags,
                  ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(x.snapshot->'content'->'project'->'municipalities') = 'array'
                                                              THEN x.snapshot->'content'->'project'->'municipalities' ELSE '[]'::jsonb END)) AS municipalities
             FROM application_submissions x WHERE g.id IS NULL AND x.application_id = ap.id AND x.superseded_at IS NULL ORDER BY x.seq DESC LIMIT 1) s ON true
        WHERE w.status = 'awarded'`);
    const own = rows.filter((r) => !r.grant_id).map((r) => {
      const priorities = (Array.isArray(r.priorities) ? r.priorities : []).map((p) => p?.nsObjective).filter(isNsCode);
      const tags = r.tags ?? [];
      const logframe = { specificObjectives: tags.map((t) => ({ nsObjective: t })) };
      const codes = new Set<string>();
      const tagged = tags.length ? tags.map((_, i) => specificObjectiveNsCode(logframe, i, priorities)) : [specificObjectiveNsCode(logframe, 0, priorities)];
      for (const code of tagged) if (code) for (const c of nsLineage(code)) codes.add(c);
      const places = new Set([r.seat, ...(r.municipalities ?? [])].filter((x): x is string => isMunicipalityCode(x)));
      return { award_id: r.award_id, codes: [...codes], municipalities: [...places] };
    });
    await m.query(
      `INSERT INTO portfolio_award_figures (award_id, call_id, call_reference, organization_id, organization_name, application_id, grant_id, monitor_id, decided_on, amount_cents, ns_codes, municipalities)
       SELECT w.id, w.call_id, c.reference, o.id, o.legal_name, ap.id, g.id, g.monitor_id, d.decided_on, w.amount_cents,
              coalesce(f.ns_codes, x.codes, '{}'), coalesce(f.municipalities, x.municipalities, '{}')
         FROM awards w JOIN award_decisions d ON d.id = w.decision_id JOIN applications ap ON ap.id = w.application_id
         JOIN calls c ON c.id = w.call_id JOIN organizations o ON o.id = ap.organization_id
         LEFT JOIN grants g ON g.award_id = w.id LEFT JOIN portfolio_grant_figures f ON f.grant_id = g.id
         LEFT JOIN jsonb_to_recordset($1::jsonb) AS x(award_id uuid, codes text[], municipalities text[]) ON x.award_id = w.id
        WHERE w.status = 'awarded'`, [JSON.stringify(own)]);
  }

  // ——— the dashboard's reads ———

  /** The WHERE clause on portfolio_grant_figures `g` for a scope, with its parameters from `$start`. */
  private grantFilter(s: PortfolioScope, params: unknown[]): string {
    const w: string[] = ['true'];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (s.monitorId) w.push(`g.monitor_id = ${p(s.monitorId)}::uuid`);
    if (s.callId) w.push(`g.call_id = ${p(s.callId)}::uuid`);
    if (s.objective) w.push(`g.ns_codes @> ARRAY[${p(s.objective)}::text]`);
    if (s.municipality) w.push(`g.municipalities @> ARRAY[${p(s.municipality)}::text]`);
    if (s.from) w.push(`(g.end_date IS NULL OR g.end_date >= ${p(s.from)}::date)`);
    if (s.to) w.push(`(g.start_date IS NULL OR g.start_date <= ${p(s.to)}::date)`);
    return w.join(' AND ');
  }

  /** `day` within the period (both ends included), for a column `col`. */
  private period(s: PortfolioScope, params: unknown[], col: string, fromToo = true): string {
    const w: string[] = [];
    if (fromToo && s.from) {
      params.push(s.from);
      w.push(`${col} >= $${params.length}::date`);
    }
    if (s.to) {
      params.push(s.to);
      w.push(`${col} <= $${params.length}::date`);
    }
    return w.length ? w.join(' AND ') : 'true';
  }

  /** The calls, Strategy codes and municipalities present among the grants in scope (monitor only). */
  async filters(monitorId: string | null) {
    const params: unknown[] = [];
    const where = this.grantFilter({ monitorId }, params);
    const [calls, codes] = await Promise.all([
      this.ds.query(`SELECT DISTINCT g.call_id AS id, g.call_reference AS reference FROM portfolio_grant_figures g WHERE ${where} ORDER BY 2`, params),
      this.ds.query(
        `SELECT array(SELECT DISTINCT unnest(g.ns_codes) FROM portfolio_grant_figures g WHERE ${where}) AS objectives,
                array(SELECT DISTINCT unnest(g.municipalities) FROM portfolio_grant_figures g WHERE ${where}) AS municipalities,
                (SELECT min(g.start_date)::text FROM portfolio_grant_figures g WHERE ${where}) AS first_day,
                (SELECT max(g.end_date)::text FROM portfolio_grant_figures g WHERE ${where}) AS last_day`, params),
    ]);
    return { calls: calls as { id: string; reference: string }[], objectives: codes[0].objectives as string[], municipalities: codes[0].municipalities as string[], firstDay: codes[0].first_day as string | null, lastDay: codes[0].last_day as string | null };
  }

  /** Each grant in scope with its money in the period (paid, spent, accepted, recovered) and to its end (paid, accepted). */
  async grantMoney(s: PortfolioScope): Promise<GrantMoneyRow[]> {
    const params: unknown[] = [];
    const where = this.grantFilter(s, params);
    const inPeriod = this.period(s, params, 'e.day');
    const toEnd = this.period(s, params, 'e.day', false);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT g.grant_id, g.call_id, g.call_reference, g.organization_id, g.organization_name, g.agreement_number, g.status,
              to_char(g.start_date, 'YYYY-MM-DD') AS start_date, to_char(g.end_date, 'YYYY-MM-DD') AS end_date, g.awarded_cents, g.contracted_cents,
              e.paid, e.paid_to_date, e.spent, e.accepted, e.accepted_to_date, e.recovered
         FROM portfolio_grant_figures g
         LEFT JOIN LATERAL (
           SELECT sum(e.amount_cents) FILTER (WHERE e.kind = 'paid' AND ${inPeriod}) AS paid,
                  sum(e.amount_cents) FILTER (WHERE e.kind = 'paid' AND ${toEnd}) AS paid_to_date,
                  sum(e.amount_cents) FILTER (WHERE e.kind = 'spent' AND ${inPeriod}) AS spent,
                  sum(e.amount_cents) FILTER (WHERE e.kind = 'accepted' AND ${inPeriod}) AS accepted,
                  sum(e.amount_cents) FILTER (WHERE e.kind = 'accepted' AND ${toEnd}) AS accepted_to_date,
                  sum(e.amount_cents) FILTER (WHERE e.kind = 'recovered' AND ${inPeriod}) AS recovered
             FROM portfolio_money_events e WHERE e.grant_id = g.grant_id AND e.kind IN ('paid', 'spent', 'accepted', 'recovered')) e ON true
        WHERE ${where}
        ORDER BY g.call_reference, g.organization_name, g.agreement_number NULLS LAST, g.grant_id`, params);
    return rows.map((r) => ({
      grantId: String(r.grant_id), callId: String(r.call_id), callReference: String(r.call_reference), organizationId: String(r.organization_id),
      organizationName: String(r.organization_name), agreementNumber: (r.agreement_number as string | null) ?? null, status: String(r.status),
      startDate: (r.start_date as string | null) ?? null, endDate: (r.end_date as string | null) ?? null,
      awardedCents: n(r.awarded_cents), contractedCents: n(r.contracted_cents), paidCents: n(r.paid), paidToDateCents: n(r.paid_to_date), spentCents: n(r.spent),
      acceptedCents: n(r.accepted), acceptedToDateCents: n(r.accepted_to_date), recoveredCents: n(r.recovered),
    }));
  }

  /**
   * The awards in force in scope, decided in the period (their decision's day), with their grants if drawn up: by
   * call, organisation, Strategy objective and municipality as the grants are; a monitor's only those of its grants.
   */
  async awardMoney(s: PortfolioScope): Promise<AwardMoneyRow[]> {
    const params: unknown[] = [];
    const where = this.grantFilter({ ...s, from: undefined, to: undefined }, params).replace(/\bg\./g, 'a.');
    const inPeriod = this.period(s, params, 'a.decided_on');
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT a.award_id, a.call_id, a.call_reference, a.organization_id, a.organization_name, a.grant_id, a.amount_cents
         FROM portfolio_award_figures a WHERE ${where} AND ${inPeriod} ORDER BY a.call_reference, a.organization_name, a.award_id`, params);
    return rows.map((r) => ({
      awardId: String(r.award_id), callId: String(r.call_id), callReference: String(r.call_reference), organizationId: String(r.organization_id),
      organizationName: String(r.organization_name), grantId: (r.grant_id as string | null) ?? null, amountCents: n(r.amount_cents),
    }));
  }

  /** The approved budget (whole) and the expenditure handed in and accepted in the period, by budget heading. */
  async headings(s: PortfolioScope): Promise<{ heading: string; approvedCents: number; spentCents: number; acceptedCents: number; grantCount: number }[]> {
    const params: unknown[] = [];
    const where = this.grantFilter(s, params);
    const inPeriod = this.period(s, params, 'e.day');
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT e.heading, sum(e.amount_cents) FILTER (WHERE e.kind = 'approved') AS approved,
              sum(e.amount_cents) FILTER (WHERE e.kind = 'spent' AND ${inPeriod}) AS spent,
              sum(e.amount_cents) FILTER (WHERE e.kind = 'accepted' AND ${inPeriod}) AS accepted,
              count(DISTINCT e.grant_id) AS grants
         FROM portfolio_money_events e JOIN portfolio_grant_figures g ON g.grant_id = e.grant_id
        WHERE ${where} AND e.kind IN ('approved', 'spent', 'accepted')
        GROUP BY e.heading ORDER BY sum(e.amount_cents) FILTER (WHERE e.kind = 'approved') DESC NULLS LAST, e.heading`, params);
    return rows.map((r) => ({ heading: String(r.heading ?? 'other'), approvedCents: n(r.approved), spentCents: n(r.spent), acceptedCents: n(r.accepted), grantCount: n(r.grants) }));
  }

  /** By month of the period: tranches paid, expenditure accepted (by the last month of its period), narrative reports handed in. */
  async timeline(s: PortfolioScope): Promise<{ month: string; paidCents: number; acceptedCents: number; reports: number }[]> {
    const params: unknown[] = [];
    const where = this.grantFilter(s, params);
    const inPeriod = this.period(s, params, 'e.day');
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT to_char(date_trunc('month', e.day), 'YYYY-MM') AS month,
              sum(e.amount_cents) FILTER (WHERE e.kind = 'paid') AS paid, sum(e.amount_cents) FILTER (WHERE e.kind = 'accepted') AS accepted,
              count(*) FILTER (WHERE e.kind = 'report') AS reports
         FROM portfolio_money_events e JOIN portfolio_grant_figures g ON g.grant_id = e.grant_id
        WHERE ${where} AND e.kind IN ('paid', 'accepted', 'report') AND e.day IS NOT NULL AND ${inPeriod}
        GROUP BY 1 ORDER BY 1`, params);
    return rows.map((r) => ({ month: String(r.month), paidCents: n(r.paid), acceptedCents: n(r.accepted), reports: n(r.reports) }));
  }

  /** Grants in scope by latest monitoring rating and by status, with their ids (and the visit reports behind the ratings). */
  async grantGroups(s: PortfolioScope) {
    const params: unknown[] = [];
    const where = this.grantFilter(s, params);
    const [ratings, statuses] = await Promise.all([
      this.ds.query(
        `SELECT g.latest_rating AS rating, count(*)::int AS count, array_agg(g.grant_id ORDER BY g.grant_id) AS grant_ids,
                array_remove(array_agg(g.latest_visit_report_id ORDER BY g.grant_id), NULL) AS report_ids
           FROM portfolio_grant_figures g WHERE ${where} GROUP BY 1 ORDER BY 1 NULLS LAST`, params),
      this.ds.query(
        `SELECT g.status, count(*)::int AS count, array_agg(g.grant_id ORDER BY g.grant_id) AS grant_ids
           FROM portfolio_grant_figures g WHERE ${where} GROUP BY 1 ORDER BY 1`, params),
    ]);
    return {
      ratings: (ratings as Record<string, unknown>[]).map((r) => ({ rating: r.rating === null ? null : Number(r.rating), count: n(r.count), grantIds: r.grant_ids as string[], visitReportIds: r.report_ids as string[] })),
      statuses: (statuses as Record<string, unknown>[]).map((r) => ({ status: String(r.status), count: n(r.count), grantIds: r.grant_ids as string[] })),
    };
  }

  /** What is overdue among the grants in scope (due in the period), oldest first, at most `limit`; and how many of each kind. */
  async overdue(s: PortfolioScope, limit: number) {
    const params: unknown[] = [];
    const where = this.grantFilter(s, params);
    const inPeriod = this.period(s, params, 'o.due_date');
    const from = `FROM portfolio_overdue o JOIN portfolio_grant_figures g ON g.grant_id = o.grant_id WHERE ${where} AND ${inPeriod}`;
    const [items, counts, [today]] = await Promise.all([
      this.ds.query(
        `SELECT o.kind, o.record_id, to_char(o.due_date, 'YYYY-MM-DD') AS due_date, (${TODAY} - o.due_date) AS days, g.grant_id, g.agreement_number, g.organization_name
           ${from} ORDER BY o.due_date, o.kind, o.record_id LIMIT ${Math.floor(limit)}`, params),
      this.ds.query(`SELECT o.kind, count(*)::int AS count ${from} GROUP BY 1`, params),
      this.ds.query(`SELECT to_char(${TODAY}, 'YYYY-MM-DD') AS today`),
    ]);
    return {
      today: today.today as string,
      items: (items as Record<string, unknown>[]).map((r) => ({
        kind: String(r.kind), recordId: String(r.record_id), dueDate: String(r.due_date), daysOverdue: n(r.days), grantId: String(r.grant_id),
        agreementNumber: (r.agreement_number as string | null) ?? null, organizationName: String(r.organization_name),
      })),
      counts: Object.fromEntries((counts as { kind: string; count: number }[]).map((c) => [c.kind, c.count])) as Record<string, number>,
    };
  }

  /**
   * The grants' latest value of each indicator (as of the end of the period; a value reported before its start
   * does not count), with its Strategy code; under an objective filter, only the indicators tied to it or below.
   */
  async indicatorRows(s: PortfolioScope) {
    const params: unknown[] = [];
    const where = this.grantFilter(s, params);
    let ns = 'true';
    if (s.objective) {
      params.push(s.objective);
      ns = `(i.ns_code = $${params.length} OR i.ns_code LIKE $${params.length} || '.%')`;
    }
    let fromParam: string | null = null;
    if (s.from) {
      params.push(s.from);
      fromParam = `$${params.length}::date`;
    }
    let sql: string;
    if (s.to) {
      params.push(s.to);
      sql = `SELECT x.* FROM (
               SELECT DISTINCT ON (i.grant_id, i.indicator_key) i.grant_id, i.report_id, i.period_end, i.ns_code, i.averaged, i.progress_bp, i.achieved
                 FROM portfolio_indicator_figures i JOIN portfolio_grant_figures g ON g.grant_id = i.grant_id
                WHERE ${where} AND ${ns} AND i.period_end <= $${params.length}::date
                ORDER BY i.grant_id, i.indicator_key, i.period_end DESC) x
              WHERE ${fromParam ? `x.period_end >= ${fromParam}` : 'true'}`;
    } else {
      sql = `SELECT i.grant_id, i.report_id, i.ns_code, i.averaged, i.progress_bp, i.achieved
               FROM portfolio_indicator_figures i JOIN portfolio_grant_figures g ON g.grant_id = i.grant_id
              WHERE ${where} AND ${ns} AND i.is_latest AND ${fromParam ? `i.period_end >= ${fromParam}` : 'true'}`;
    }
    const rows: Record<string, unknown>[] = await this.ds.query(sql, params);
    return rows.map((r) => ({
      grantId: String(r.grant_id), reportId: String(r.report_id), nsCode: (r.ns_code as string | null) ?? null,
      averaged: Boolean(r.averaged), progressBp: r.progress_bp === null ? null : Number(r.progress_bp), achieved: Boolean(r.achieved),
    }));
  }

  /** The beneficiary cells of the reports handed in for periods ending in the period, summed, with the grants and the number of reports behind them. */
  async beneficiaryCells(s: PortfolioScope) {
    const params: unknown[] = [];
    const where = this.grantFilter(s, params);
    const inPeriod = this.period(s, params, 'b.period_end');
    const [cells, [behind]] = await Promise.all([
      this.ds.query(
        `SELECT b.breakdown, b.key, sum(b.count)::bigint AS count
           FROM portfolio_beneficiary_figures b JOIN portfolio_grant_figures g ON g.grant_id = b.grant_id
          WHERE ${where} AND ${inPeriod} GROUP BY 1, 2`, params),
      this.ds.query(
        `SELECT array(SELECT DISTINCT b.grant_id FROM portfolio_beneficiary_figures b JOIN portfolio_grant_figures g ON g.grant_id = b.grant_id WHERE ${where} AND ${inPeriod}) AS grant_ids,
                (SELECT count(DISTINCT b.report_id) FROM portfolio_beneficiary_figures b JOIN portfolio_grant_figures g ON g.grant_id = b.grant_id WHERE ${where} AND ${inPeriod})::int AS reports`, params),
    ]);
    return {
      cells: (cells as Record<string, unknown>[]).map((c) => ({ breakdown: c.breakdown as BeneficiaryBreakdown, key: String(c.key), count: n(c.count) })),
      grantIds: behind.grant_ids as string[],
      reports: n(behind.reports),
    };
  }

  /** The ids of the grants a monitor follows. */
  async monitorGrantIds(monitorId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM grants WHERE monitor_id = $1`, [monitorId]);
    return rows.map((r) => r.id);
  }
}
