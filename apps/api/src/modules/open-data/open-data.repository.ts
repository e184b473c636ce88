import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IATI_PUBLISHED_STATUSES, type IatiGrantInput } from '@grants/domain';
import type { DataSource } from 'typeorm';
import { cents } from '../../common/whole-numbers';

const DAY = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;
const LOCAL_DAY = (col: string) => `to_char((${col}) AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD')`;

/**
 * What open data publishes of the grants signed by both sides or later, in one read: ids, figures, dates and
 * the organisation's name; free texts only from the logframe and the project title (checked in the domain).
 * Never a person's name, an e-mail, a phone number or a bank account: those columns are not read at all.
 */
@Injectable()
export class OpenDataRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * What the published figures depend on, in one cheap read (counts and last changes of the tables `grants` reads):
   * the same fingerprint, the same files. Every write the files reflect moves one of these.
   */
  async fingerprint(): Promise<string> {
    const [r] = await this.ds.query(
      `SELECT concat_ws('|',
         (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM grants WHERE status = ANY($1)),
         (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM tranches WHERE status = 'paid'),
         (SELECT count(*) || ':' || coalesce(max(GREATEST(updated_at, reviewed_at))::text, '') FROM narrative_reports WHERE status = 'accepted'),
         (SELECT count(*) || ':' || coalesce(max(recorded_at)::text, '') FROM recovery_repayments),
         (SELECT count(*) || ':' || coalesce(max(created_at)::text, '') FROM grant_versions),
         (SELECT coalesce(max(updated_at)::text, '') FROM organizations),
         (SELECT coalesce(max(updated_at)::text, '') FROM applications),
         (SELECT coalesce(max(updated_at)::text, '') FROM calls)) AS f`,
      [IATI_PUBLISHED_STATUSES],
    );
    return String(r.f);
  }

  async grants(): Promise<IatiGrantInput[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT g.agreement_number AS "agreementNumber", g.status, a.content->'project'->>'title' AS "projectTitle",
              c.reference AS "callReference", c.definition->'texts'->'title' AS "callTitle",
              COALESCE((SELECT jsonb_agg(p->>'nsObjective') FROM jsonb_array_elements(COALESCE(c.definition->'priorities', '[]'::jsonb)) p), '[]'::jsonb) AS "callPriorityObjectives",
              o.legal_name AS "organizationName", ${DAY('g.start_date')} AS "startDate", ${DAY('g.end_date')} AS "endDate",
              ${LOCAL_DAY('g.countersigned_at')} AS "signedOn",
              COALESCE(v1.amount, g.amount_cents)::text AS "signedAmountCents", g.amount_cents::text AS "amountCents",
              CASE WHEN COALESCE(v1.amount, g.amount_cents) <> g.amount_cents THEN ${LOCAL_DAY('vl.created_at')} END AS "amountChangedOn",
              ${LOCAL_DAY('g.closed_at')} AS "closedOn", COALESCE(g.logframe, '{}'::jsonb) AS logframe,
              COALESCE(t.paid, '[]'::jsonb) AS "tranchesPaid", COALESCE(rr.repaid, '[]'::jsonb) AS "recoveriesRepaid",
              COALESCE(iv.actuals, '{}'::jsonb) AS actuals,
              to_char(GREATEST(g.updated_at, o.updated_at, t.changed, rr.changed, iv.changed) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "lastUpdated"
         FROM grants g
         JOIN organizations o ON o.id = g.organization_id
         JOIN calls c ON c.id = g.call_id
         LEFT JOIN awards w ON w.id = g.award_id
         LEFT JOIN applications a ON a.id = COALESCE(g.application_id, w.application_id)
         LEFT JOIN LATERAL (SELECT (snapshot->>'amountCents')::bigint AS amount FROM grant_versions WHERE grant_id = g.id AND version = 1) v1 ON true
         LEFT JOIN LATERAL (SELECT created_at FROM grant_versions WHERE grant_id = g.id ORDER BY version DESC LIMIT 1) vl ON true
         LEFT JOIN LATERAL (
           SELECT jsonb_agg(jsonb_build_object('seq', seq, 'paidOn', ${DAY('paid_on')}, 'amountCents', amount_cents) ORDER BY seq) AS paid, max(updated_at) AS changed
             FROM tranches WHERE grant_id = g.id AND status = 'paid') t ON true
         LEFT JOIN LATERAL (
           SELECT jsonb_agg(jsonb_build_object('receivedOn', ${DAY('p.received_on')}, 'amountCents', p.amount_cents) ORDER BY p.received_on, p.recorded_at) AS repaid, max(p.recorded_at) AS changed
             FROM recovery_orders ro JOIN recovery_repayments p ON p.recovery_order_id = ro.id WHERE ro.grant_id = g.id) rr ON true
         LEFT JOIN LATERAL (
           SELECT jsonb_object_agg(x.indicator_id, jsonb_build_object('scaled', x.cumulative_value, 'periodEnd', ${DAY('x.period_end')})) AS actuals, max(x.reviewed_at) AS changed
             FROM (SELECT DISTINCT ON (v.indicator_id) v.indicator_id, v.cumulative_value, r.period_end, r.reviewed_at
                     FROM narrative_reports r JOIN narrative_report_indicator_values v ON v.report_id = r.id
                    WHERE r.grant_id = g.id AND r.status = 'accepted' AND v.cumulative_value IS NOT NULL
                    ORDER BY v.indicator_id, r.period_end DESC, r.reviewed_at DESC) x) iv ON true
        WHERE g.status = ANY($1) AND g.agreement_number IS NOT NULL AND g.start_date IS NOT NULL AND g.end_date IS NOT NULL AND g.countersigned_at IS NOT NULL
        ORDER BY g.agreement_number`,
      [IATI_PUBLISHED_STATUSES],
    );
    return rows.map((r) => ({
      ...(r as unknown as IatiGrantInput),
      signedAmountCents: cents(r.signedAmountCents as string),
      amountCents: cents(r.amountCents as string),
      callTitle: { en: '', sq: '', sr: '', ...((r.callTitle as object | null) ?? {}) },
      callPriorityObjectives: ((r.callPriorityObjectives as (string | null)[]) ?? []).filter((x): x is string => typeof x === 'string'),
      tranchesPaid: (r.tranchesPaid as { seq: number; paidOn: string; amountCents: number | string }[]).map((t) => ({ ...t, amountCents: cents(t.amountCents) })),
      recoveriesRepaid: (r.recoveriesRepaid as { receivedOn: string; amountCents: number | string }[]).map((x) => ({ ...x, amountCents: cents(x.amountCents) })),
      actuals: Object.fromEntries(Object.entries(r.actuals as Record<string, { scaled: number | string; periodEnd: string }>).map(([k, v]) => [k, { scaled: Number(v.scaled), periodEnd: v.periodEnd }])),
    }));
  }
}
