import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExpenditureReportRef, LocalizedText, ScheduledReport, TrancheKind, TrancheStatus } from '@grants/domain';

export type GrantTrancheRef = { kind: TrancheKind; status: TrancheStatus; plannedDate: string };
import type { DataSource } from 'typeorm';

/** One thing waiting on the reader, as the queries find it: the record, what it belongs to, and its date. */
export type TodoRow = {
  id: string;
  /** The record's own reference (an application's), or null. */
  reference: string | null;
  /** Whom it is about: an organisation's name, an invited address. */
  name: string | null;
  callId: string | null;
  callReference: string | null;
  callTitle: LocalizedText | null;
  /** The date it is ordered by: when it started waiting, or its deadline (ISO instant). */
  at: string | null;
  /** How many things wait inside it (assignments behind a declaration, open sheets of a call), or null. */
  pending: number | null;
  /** The grant it is about (a grant's, a tranche's, an expenditure report's, an amendment's), or null. */
  grantId: string | null;
  /** The reporting period a report due is for (a narrative report's, a scheduled expenditure report's), or null. */
  periodStart?: string | null;
  periodEnd?: string | null;
};

/** How many entries of each kind are listed; the count is always the whole number. */
export const ENTRY_LIMIT = 10;

type Raw = Record<string, unknown>;
const toRow = (r: Raw): TodoRow => ({
  id: String(r.id),
  reference: (r.reference as string | null) ?? null,
  name: (r.name as string | null) ?? null,
  callId: (r.call_id as string | null) ?? null,
  callReference: (r.call_reference as string | null) ?? null,
  callTitle: (r.call_title as LocalizedText | null) ?? null,
  at: r.at instanceof Date ? r.at.toISOString() : ((r.at as string | null) ?? null),
  pending: r.pending === null || r.pending === undefined ? null : Number(r.pending),
  grantId: (r.grant_id as string | null | undefined) ?? null,
  ...(r.period_end ? { periodStart: String(r.period_start).slice(0, 10), periodEnd: String(r.period_end).slice(0, 10) } : {}),
});

/** A list of one kind: its total and its first entries, oldest (or soonest due) first. */
export type TodoList = { count: number; rows: TodoRow[] };

/**
 * The queries behind each role's home page, one per kind of thing to do. Every query orders by its date
 * (oldest first, nulls last) and returns the total beside the first ENTRY_LIMIT rows.
 */
@Injectable()
export class HomeRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private async list(sql: string, params: unknown[]): Promise<TodoList> {
    const rows: Raw[] = await this.ds.query(
      `WITH t AS (${sql}) SELECT t.*, count(*) OVER () AS total FROM t ORDER BY t.at ASC NULLS LAST, t.id LIMIT ${ENTRY_LIMIT}`,
      params,
    );
    return { count: rows.length ? Number(rows[0].total) : 0, rows: rows.map(toRow) };
  }

  // ——— evaluator ———

  /** Calls whose evaluator pool the evaluator is in and whose declaration they have not signed, with the assignments waiting behind it. */
  declarationsPending(userId: string): Promise<TodoList> {
    return this.list(
      `SELECT c.id, NULL::text AS reference, NULL::text AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, ce.added_at AS at,
              (SELECT count(*) FROM evaluation_assignments a WHERE a.call_id = c.id AND a.evaluator_id = ce.user_id AND a.status IN ('assigned','accepted')) AS pending
         FROM call_evaluators ce JOIN calls c ON c.id = ce.call_id
        WHERE ce.user_id = $1 AND c.status NOT IN ('decided','archived')
          AND NOT EXISTS (SELECT 1 FROM evaluator_declarations d WHERE d.call_id = ce.call_id AND d.user_id = ce.user_id)`,
      [userId],
    );
  }

  /** The evaluator's sheets to score (assigned or accepted, not submitted) on calls whose declaration they signed, soonest due first. */
  sheetsToScore(userId: string): Promise<TodoList> {
    return this.list(
      `SELECT a.id, ap.reference, NULL::text AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, a.due_at AS at, NULL::int AS pending
         FROM evaluation_assignments a JOIN applications ap ON ap.id = a.application_id JOIN calls c ON c.id = a.call_id
        WHERE a.evaluator_id = $1 AND a.status IN ('assigned','accepted')
          AND EXISTS (SELECT 1 FROM evaluator_declarations d WHERE d.call_id = a.call_id AND d.user_id = a.evaluator_id)`,
      [userId],
    );
  }

  // ——— Secretariat ———

  /** Submitted applications of calls past their deadline with no admissibility decision yet, oldest submission first. */
  admissibilityPending(): Promise<TodoList> {
    return this.list(
      `SELECT ap.id, ap.reference, o.legal_name AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, ap.submitted_at AS at, NULL::int AS pending
         FROM applications ap JOIN calls c ON c.id = ap.call_id JOIN organizations o ON o.id = ap.organization_id
         LEFT JOIN admissibility_checks k ON k.application_id = ap.id
        WHERE ap.status = 'submitted' AND c.submission_deadline_at <= now() AND k.decided_at IS NULL`,
      [],
    );
  }

  /** Calls in evaluation without the committee's decision, with their sheets still open, the longest closed first. */
  decisionsPending(): Promise<TodoList> {
    return this.list(
      `SELECT c.id, NULL::text AS reference, NULL::text AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, coalesce(c.closed_at, c.submission_deadline_at) AS at,
              (SELECT count(*) FROM evaluation_assignments a WHERE a.call_id = c.id AND a.status IN ('assigned','accepted')) AS pending
         FROM calls c
        WHERE c.status = 'in_evaluation'
          AND NOT EXISTS (SELECT 1 FROM award_decisions d WHERE d.call_id = c.id AND d.kind = 'decision')`,
      [],
    );
  }

  /** Organisations' questions about a call that have no answer yet, oldest first. */
  questionsUnanswered(): Promise<TodoList> {
    return this.list(
      `SELECT q.id, NULL::text AS reference, o.legal_name AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, q.created_at AS at, NULL::int AS pending
         FROM call_questions q JOIN calls c ON c.id = q.call_id JOIN organizations o ON o.id = q.organization_id
        WHERE q.answer IS NULL`,
      [],
    );
  }

  /** Planned info sessions still to come, the soonest first, with the organisations registered. */
  infoSessionsUpcoming(): Promise<TodoList> {
    return this.list(
      `SELECT s.id, NULL::text AS reference, s.place AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, s.starts_at AS at,
              (SELECT count(*) FROM info_session_registrations r WHERE r.session_id = s.id) AS pending
         FROM info_sessions s JOIN calls c ON c.id = s.call_id
        WHERE s.status = 'planned' AND s.starts_at > now()`,
      [],
    );
  }

  /** Invitations to staff and organisations not accepted, revoked or expired, the oldest first. */
  invitationsPending(): Promise<TodoList> {
    return this.list(
      `SELECT i.id, NULL::text AS reference, i.email AS name, NULL::uuid AS call_id, NULL::text AS call_reference,
              NULL::jsonb AS call_title, i.expires_at AS at, NULL::int AS pending
         FROM invitations i
        WHERE i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()`,
      [],
    );
  }

  /** Invitations that ran out in the last 30 days without being accepted: to send again or let go. */
  invitationsExpired(): Promise<TodoList> {
    return this.list(
      `SELECT i.id, NULL::text AS reference, i.email AS name, NULL::uuid AS call_id, NULL::text AS call_reference,
              NULL::jsonb AS call_title, i.expires_at AS at, NULL::int AS pending
         FROM invitations i
        WHERE i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= now() AND i.expires_at > now() - interval '30 days'
          AND NOT EXISTS (SELECT 1 FROM invitations j WHERE lower(j.email) = lower(i.email) AND j.created_at > i.created_at)`,
      [],
    );
  }

  // ——— applicant organisation ———

  /** The organisation's drafts on calls still open, the soonest deadline first. */
  draftsDue(organizationId: string): Promise<TodoList> {
    return this.list(
      `SELECT ap.id, ap.reference, NULL::text AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, c.submission_deadline_at AS at, NULL::int AS pending
         FROM applications ap JOIN calls c ON c.id = ap.call_id
        WHERE ap.organization_id = $1 AND ap.status = 'draft' AND c.status = 'published' AND c.submission_deadline_at > now()`,
      [organizationId],
    );
  }

  /** Offers (an amount lower than requested) the organisation has not answered yet, the oldest first. */
  offersToAnswer(organizationId: string): Promise<TodoList> {
    return this.list(
      `SELECT ap.id, ap.reference, NULL::text AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, aw.created_at AS at, NULL::int AS pending
         FROM awards aw JOIN applications ap ON ap.id = aw.application_id JOIN calls c ON c.id = aw.call_id
        WHERE ap.organization_id = $1 AND aw.status = 'offered'`,
      [organizationId],
    );
  }

  /** Planned info sessions still to come that the organisation registered for, the soonest first. */
  infoSessionsRegistered(organizationId: string): Promise<TodoList> {
    return this.list(
      `SELECT s.id, NULL::text AS reference, s.place AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, s.starts_at AS at, r.attendees AS pending
         FROM info_session_registrations r JOIN info_sessions s ON s.id = r.session_id JOIN calls c ON c.id = s.call_id
        WHERE r.organization_id = $1 AND s.status = 'planned' AND s.starts_at > now()`,
      [organizationId],
    );
  }

  // ——— grants (issue 10) ———

  /** The columns every grant entry shares: the agreement number as its reference, the organisation, the call. */
  private static readonly GRANT_COLUMNS = `g.agreement_number AS reference, o.legal_name AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, g.id AS grant_id`;
  private static readonly GRANT_JOINS = `JOIN calls c ON c.id = g.call_id JOIN organizations o ON o.id = g.organization_id`;

  /** Agreements sent to the organisation for signature and not signed, the longest waiting first. */
  agreementsToSign(organizationId: string): Promise<TodoList> {
    return this.list(
      `SELECT g.id, ${HomeRepository.GRANT_COLUMNS}, g.sent_at AS at, NULL::int AS pending
         FROM grants g ${HomeRepository.GRANT_JOINS}
        WHERE g.organization_id = $1 AND g.status = 'sent_for_signature'`,
      [organizationId],
    );
  }

  /** Awards in force lowered below what the organisation asked, with no revised budget yet and no grant: the application is the entry. */
  budgetRevisionsToMake(organizationId: string): Promise<TodoList> {
    return this.list(
      `SELECT ap.id, ap.reference, NULL::text AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, coalesce(w.answered_at, w.created_at) AS at, NULL::int AS pending
         FROM awards w JOIN applications ap ON ap.id = w.application_id JOIN calls c ON c.id = w.call_id
        WHERE ap.organization_id = $1 AND w.status = 'awarded' AND w.amount_cents < ap.requested_cents
          AND NOT EXISTS (SELECT 1 FROM grant_budget_revisions r WHERE r.award_id = w.id)
          AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.award_id = w.id)`,
      [organizationId],
    );
  }

  /** The first tranche not paid of each of the organisation's grants that may be paid, when it is planned (whether it may be requested is the domain's to say). */
  async plannedFirstTranches(organizationId: string): Promise<TodoRow[]> {
    const rows: Raw[] = await this.ds.query(
      `SELECT t.id, ${HomeRepository.GRANT_COLUMNS}, t.planned_date::timestamptz AS at, t.seq AS pending
         FROM grants g ${HomeRepository.GRANT_JOINS}
         JOIN LATERAL (SELECT * FROM tranches x WHERE x.grant_id = g.id AND x.status <> 'paid' ORDER BY x.seq LIMIT 1) t ON true
        WHERE g.organization_id = $1 AND g.status IN ('signed_by_organization', 'in_force') AND t.status = 'planned'
        ORDER BY t.planned_date, t.id`,
      [organizationId],
    );
    return rows.map(toRow);
  }

  /** Grants in force (of an organisation, or followed by a monitor) with their reporting schedule, their expenditure reports and today in Kosovo. */
  async grantsWithSchedule(filter: { organizationId: string } | { monitorId: string }): Promise<{ row: TodoRow; schedule: ScheduledReport[]; reports: ExpenditureReportRef[]; tranches: GrantTrancheRef[]; today: string }[]> {
    const byOrg = 'organizationId' in filter;
    const rows: (Raw & { schedule: ScheduledReport[]; reports: ExpenditureReportRef[] | null; tranches: GrantTrancheRef[] | null; today: string })[] = await this.ds.query(
      `SELECT g.id, ${HomeRepository.GRANT_COLUMNS}, NULL::timestamptz AS at, NULL::int AS pending, g.reporting_schedule AS schedule,
              (SELECT json_agg(json_build_object('periodEnd', e.period_end, 'status', e.status)) FROM expenditure_reports e WHERE e.grant_id = g.id) AS reports,
              (SELECT json_agg(json_build_object('kind', t.kind, 'status', t.status, 'plannedDate', t.planned_date)) FROM tranches t WHERE t.grant_id = g.id) AS tranches,
              to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today
         FROM grants g ${HomeRepository.GRANT_JOINS}
        WHERE g.status = 'in_force' AND ${byOrg ? 'g.organization_id' : 'g.monitor_id'} = $1`,
      [byOrg ? filter.organizationId : filter.monitorId],
    );
    return rows.map((r) => ({
      row: toRow(r), schedule: r.schedule ?? [], today: r.today,
      reports: (r.reports ?? []).map((e) => ({ periodEnd: String(e.periodEnd).slice(0, 10), status: e.status })),
      tranches: (r.tranches ?? []).map((t) => ({ ...t, plannedDate: String(t.plannedDate).slice(0, 10) })),
    }));
  }

  /** The organisation's expenditure reports the Secretariat returned, to correct and submit again, the oldest return first. */
  expenditureReturned(organizationId: string): Promise<TodoList> {
    return this.list(
      `SELECT e.id, ${HomeRepository.GRANT_COLUMNS}, e.reviewed_at AS at, e.seq AS pending
         FROM expenditure_reports e JOIN grants g ON g.id = e.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE g.organization_id = $1 AND e.status = 'returned'`,
      [organizationId],
    );
  }

  /** Changes to the organisation's grants the Secretariat decided in the last 14 days (approved or rejected, with its reason). */
  amendmentsDecided(organizationId: string): Promise<TodoList> {
    return this.list(
      `SELECT a.id, ${HomeRepository.GRANT_COLUMNS}, a.decided_at AS at, NULL::int AS pending
         FROM grant_amendments a JOIN grants g ON g.id = a.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE g.organization_id = $1 AND a.status IN ('approved', 'rejected') AND a.decided_at > now() - interval '14 days'`,
      [organizationId],
    );
  }

  /** Agreements the organisation signed, waiting for the Secretariat's countersignature, the longest waiting first. */
  agreementsToCountersign(): Promise<TodoList> {
    return this.list(
      `SELECT g.id, ${HomeRepository.GRANT_COLUMNS}, g.signed_at AS at, NULL::int AS pending
         FROM grants g ${HomeRepository.GRANT_JOINS}
        WHERE g.status = 'signed_by_organization'`,
      [],
    );
  }

  /** Budgets revised to a lowered award, not accepted yet (and no grant drawn up), the oldest first. */
  budgetRevisionsToAccept(): Promise<TodoList> {
    return this.list(
      `SELECT r.id, ap.reference, o.legal_name AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, r.submitted_at AS at, NULL::int AS pending
         FROM grant_budget_revisions r JOIN awards w ON w.id = r.award_id JOIN applications ap ON ap.id = w.application_id
         JOIN calls c ON c.id = w.call_id JOIN organizations o ON o.id = ap.organization_id
        WHERE r.accepted_at IS NULL AND w.status = 'awarded' AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.award_id = w.id)`,
      [],
    );
  }

  /** Awards in force with no grant yet whose agreement may be drawn up (not lowered, or on an accepted revised budget), the oldest first. */
  awardsToDrawUp(): Promise<TodoList> {
    return this.list(
      `SELECT w.id, ap.reference, o.legal_name AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, coalesce(r.accepted_at, w.answered_at, w.created_at) AS at, NULL::int AS pending
         FROM awards w JOIN applications ap ON ap.id = w.application_id JOIN calls c ON c.id = w.call_id
         JOIN organizations o ON o.id = ap.organization_id LEFT JOIN grant_budget_revisions r ON r.award_id = w.id
        WHERE w.status = 'awarded' AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.award_id = w.id)
          AND (w.amount_cents >= ap.requested_cents OR r.accepted_at IS NOT NULL)`,
      [],
    );
  }

  /** Tranches in a status, with the date they reached it: requested (to approve), or approved and on no payment order yet (to pay). */
  tranchesIn(status: 'requested' | 'approved'): Promise<TodoList> {
    return this.list(
      `SELECT t.id, ${HomeRepository.GRANT_COLUMNS}, ${status === 'requested' ? 't.requested_at' : 't.approved_at'} AS at, t.seq AS pending
         FROM tranches t JOIN grants g ON g.id = t.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE t.status = $1 ${status === 'approved' ? 'AND t.payment_order_id IS NULL' : ''}`,
      [status],
    );
  }

  /** Expenditure reports submitted and not reviewed yet, the oldest first. */
  expenditureToReview(): Promise<TodoList> {
    return this.list(
      `SELECT e.id, ${HomeRepository.GRANT_COLUMNS}, e.submitted_at AS at, e.seq AS pending
         FROM expenditure_reports e JOIN grants g ON g.id = e.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE e.status = 'submitted'`,
      [],
    );
  }

  /** Requested changes to grants not decided yet: bank-account changes apart (they come with the bank's letter), the oldest first. */
  amendmentsToDecide(bankAccount: boolean): Promise<TodoList> {
    return this.list(
      `SELECT a.id, ${HomeRepository.GRANT_COLUMNS}, a.requested_at AS at, NULL::int AS pending
         FROM grant_amendments a JOIN grants g ON g.id = a.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE a.status = 'requested' AND (a.kind = 'bank_account_change') = $1`,
      [bankAccount],
    );
  }

  // ——— monitoring (issue 11) ———

  /** Today in Kosovo, and a day's noon there as an instant (visits and due dates are days). */
  private static readonly TODAY = `(now() AT TIME ZONE 'Europe/Belgrade')::date`;
  private static noon(column: string): string {
    return `((${column})::timestamp + interval '12 hours') AT TIME ZONE 'Europe/Belgrade'`;
  }

  /** The monitor's own visits from today to 14 days ahead, the soonest first; `pending` is the days until it. */
  visitsUpcoming(monitorId: string): Promise<TodoList> {
    return this.list(
      `SELECT v.id, ${HomeRepository.GRANT_COLUMNS}, ${HomeRepository.noon('v.visit_date')} AS at, (v.visit_date - ${HomeRepository.TODAY}) AS pending
         FROM monitoring_visits v JOIN grants g ON g.id = v.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE v.monitor_id = $1 AND v.visit_date BETWEEN ${HomeRepository.TODAY} AND ${HomeRepository.TODAY} + 14`,
      [monitorId],
    );
  }

  /** The monitor's visits of today or before whose report is still a draft or was returned, the oldest visit first. */
  visitReportsToWrite(monitorId: string): Promise<TodoList> {
    return this.list(
      `SELECT v.id, ${HomeRepository.GRANT_COLUMNS}, ${HomeRepository.noon('v.visit_date')} AS at, NULL::int AS pending
         FROM monitoring_visits v JOIN visit_reports r ON r.visit_id = v.id JOIN grants g ON g.id = v.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE v.monitor_id = $1 AND v.visit_date <= ${HomeRepository.TODAY} AND r.status IN ('draft', 'returned')`,
      [monitorId],
    );
  }

  /** Live action points of the monitor's grants answered by their owner, to verify (close or reopen), the oldest answer first; `pending` is the point's number. */
  actionPointsToVerify(monitorId: string): Promise<TodoList> {
    return this.list(
      `SELECT p.id, ${HomeRepository.GRANT_COLUMNS}, p.answered_at AS at, p.seq AS pending
         FROM action_points p JOIN grants g ON g.id = p.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE g.monitor_id = $1 AND p.live AND p.status = 'answered'`,
      [monitorId],
    );
  }

  /** Visit reports in a status, for the Secretariat: submitted (to review, the oldest submission first) or accepted (to share, the oldest review first). */
  visitReportsIn(status: 'submitted' | 'accepted'): Promise<TodoList> {
    return this.list(
      `SELECT v.id, ${HomeRepository.GRANT_COLUMNS}, ${status === 'submitted' ? 'r.submitted_at' : 'r.reviewed_at'} AS at, NULL::int AS pending
         FROM visit_reports r JOIN monitoring_visits v ON v.id = r.visit_id JOIN grants g ON g.id = v.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE r.status = $1`,
      [status],
    );
  }

  /** Live high-priority action points past their due date and still waiting on their owner (escalated to the Secretariat), the longest overdue first; `pending` is the days overdue. */
  actionPointsEscalated(): Promise<TodoList> {
    return this.list(
      `SELECT p.id, ${HomeRepository.GRANT_COLUMNS}, ${HomeRepository.noon('p.due_date')} AS at, (${HomeRepository.TODAY} - p.due_date) AS pending
         FROM action_points p JOIN grants g ON g.id = p.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE p.live AND p.priority = 'high' AND p.status IN ('open', 'reopened') AND p.due_date < ${HomeRepository.TODAY}`,
      [],
    );
  }

  /** Live action points the organisation owns, open or reopened, the soonest (or most overdue) due date first; `name` is what is to be done. */
  actionPointsToAnswer(organizationId: string): Promise<TodoList> {
    return this.list(
      `SELECT p.id, g.agreement_number AS reference, p.what AS name, c.id AS call_id, c.reference AS call_reference,
              c.definition->'texts'->'title' AS call_title, g.id AS grant_id, ${HomeRepository.noon('p.due_date')} AS at, p.seq AS pending
         FROM action_points p JOIN grants g ON g.id = p.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE g.organization_id = $1 AND p.live AND p.owner = 'organisation' AND p.status IN ('open', 'reopened')`,
      [organizationId],
    );
  }

  /** Announced visits (planned, follow-up) to the organisation's grants from today on, the soonest first (an unannounced visit is never told ahead). */
  visitsAnnounced(organizationId: string): Promise<TodoList> {
    return this.list(
      `SELECT v.id, ${HomeRepository.GRANT_COLUMNS}, ${HomeRepository.noon('v.visit_date')} AS at, (v.visit_date - ${HomeRepository.TODAY}) AS pending
         FROM monitoring_visits v JOIN grants g ON g.id = v.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE g.organization_id = $1 AND v.type <> 'unannounced' AND v.visit_date >= ${HomeRepository.TODAY}`,
      [organizationId],
    );
  }
  // ——— narrative reports (issue 12) ———

  /** The due date in force of a narrative report `r`: the later of the scheduled one and the one an extension granted (as narrative-reports.repository.ts). */
  private static readonly REPORT_DUE = `GREATEST(r.due_date, r.extended_due_date)`;
  private static readonly REPORT_FROM = `FROM narrative_reports r JOIN grants g ON g.id = r.grant_id ${HomeRepository.GRANT_JOINS}`;

  /** The organisation's narrative reports not handed in (drafts of grants in force) due from today to 30 days ahead, the soonest first; `pending` is the days left. */
  narrativeReportsDueSoon(organizationId: string, days = 30): Promise<TodoList> {
    const due = HomeRepository.REPORT_DUE;
    return this.list(
      `SELECT r.id, ${HomeRepository.GRANT_COLUMNS}, ${HomeRepository.noon(due)} AS at, (${due} - ${HomeRepository.TODAY}) AS pending,
              to_char(r.period_start, 'YYYY-MM-DD') AS period_start, to_char(r.period_end, 'YYYY-MM-DD') AS period_end
         ${HomeRepository.REPORT_FROM}
        WHERE g.organization_id = $1 AND g.status = 'in_force' AND r.status = 'draft' AND ${due} BETWEEN ${HomeRepository.TODAY} AND ${HomeRepository.TODAY} + $2::int`,
      [organizationId, days],
    );
  }

  // ——— the observer's overview ———

  /** Every grant in force, the soonest ending first (`at` is its end date). */
  portfolioGrantsInForce(): Promise<TodoList> {
    return this.list(
      `SELECT g.id, ${HomeRepository.GRANT_COLUMNS}, ${HomeRepository.noon('g.end_date')} AS at, NULL::int AS pending
         FROM grants g ${HomeRepository.GRANT_JOINS}
        WHERE g.status = 'in_force'`,
      [],
    );
  }

  /** Narrative reports handed in during the last `days` days (whatever their review since), in the order they came. */
  portfolioReportsSubmitted(days = 30): Promise<TodoList> {
    return this.list(
      `SELECT r.id, ${HomeRepository.GRANT_COLUMNS}, r.submitted_at AS at, NULL::int AS pending
         ${HomeRepository.REPORT_FROM}
        WHERE r.status <> 'draft' AND r.submitted_at >= now() - make_interval(days => $1::int)`,
      [days],
    );
  }

  /**
   * The portfolio dashboard (issue 13), as the home page shows it: how many grants it holds, and what is overdue across
   * them, oldest first (the dashboard's pre-aggregated portfolio_overdue, refreshed every minute; `at` is the due date).
   */
  async portfolioDashboard(): Promise<TodoList> {
    const [[{ n }], rows] = await Promise.all([
      this.ds.query(`SELECT count(*)::int AS n FROM portfolio_grant_figures`),
      this.ds.query(
        `SELECT o.record_id AS id, f.agreement_number AS reference, f.organization_name AS name, f.call_id, f.call_reference, NULL::jsonb AS call_title,
                f.grant_id, ${HomeRepository.noon('o.due_date')} AS at, NULL::int AS pending
           FROM portfolio_overdue o JOIN portfolio_grant_figures f ON f.grant_id = o.grant_id
          ORDER BY o.due_date, o.kind, o.record_id LIMIT ${ENTRY_LIMIT}`),
    ]);
    return { count: Number(n), rows: (rows as Raw[]).map(toRow) };
  }

  // ——— closing grants (issue 12) ———

  /** Recovery orders not settled yet (an organisation's, or all), the soonest due first. */
  recoveryOrdersUnsettled(organizationId: string | null): Promise<TodoList> {
    return this.list(
      `SELECT r.id, ${HomeRepository.GRANT_COLUMNS}, ${HomeRepository.noon('r.due_date')} AS at, NULL::int AS pending
         FROM recovery_orders r JOIN grants g ON g.id = r.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE r.status <> 'settled' AND ($1::uuid IS NULL OR g.organization_id = $1)`,
      [organizationId],
    );
  }

  /** Grants whose final narrative report is accepted and whose final balance is not drawn up yet, the longest waiting first. */
  finalBalancesToDrawUp(): Promise<TodoList> {
    return this.list(
      `SELECT g.id, ${HomeRepository.GRANT_COLUMNS}, f.at, NULL::int AS pending
         FROM grants g ${HomeRepository.GRANT_JOINS}
         JOIN LATERAL (SELECT max(coalesce(n.reviewed_at, n.updated_at)) AS at FROM narrative_reports n WHERE n.grant_id = g.id AND n.kind = 'final' AND n.status = 'accepted') f ON f.at IS NOT NULL
        WHERE g.status IN ('in_force','suspended') AND g.final_balance IS NULL`,
      [],
    );
  }

  /**
   * Grants whose final balance is settled (nothing owed, the balance tranche paid, or the recovery order repaid) and
   * not closed yet, the longest waiting first; `pending` is their open action points (the checklist says the rest).
   */
  grantsToClose(): Promise<TodoList> {
    return this.list(
      `SELECT g.id, ${HomeRepository.GRANT_COLUMNS}, g.final_balance_at AS at,
              (SELECT count(*) FROM action_points a WHERE a.grant_id = g.id AND a.status <> 'closed') AS pending
         FROM grants g ${HomeRepository.GRANT_JOINS}
        WHERE g.status IN ('in_force','suspended') AND g.final_balance IS NOT NULL
          AND (g.final_balance->>'kind' = 'nil'
               OR (g.final_balance->>'kind' = 'payment' AND EXISTS (SELECT 1 FROM tranches t WHERE t.grant_id = g.id AND t.kind = 'balance' AND t.status = 'paid'))
               OR (g.final_balance->>'kind' = 'recovery' AND EXISTS (SELECT 1 FROM recovery_orders r WHERE r.grant_id = g.id AND r.status = 'settled')))`,
      [],
    );
  }

  /** The organisation's narrative reports past their due date in force and not handed in, the most overdue first; `pending` is the days overdue. */
  narrativeReportsOverdue(organizationId: string): Promise<TodoList> {
    const due = HomeRepository.REPORT_DUE;
    return this.list(
      `SELECT r.id, ${HomeRepository.GRANT_COLUMNS}, ${HomeRepository.noon(due)} AS at, (${HomeRepository.TODAY} - ${due}) AS pending,
              to_char(r.period_start, 'YYYY-MM-DD') AS period_start, to_char(r.period_end, 'YYYY-MM-DD') AS period_end
         ${HomeRepository.REPORT_FROM}
        WHERE g.organization_id = $1 AND g.status = 'in_force' AND r.status = 'draft' AND ${due} < ${HomeRepository.TODAY}`,
      [organizationId],
    );
  }

  /** The organisation's narrative reports returned by the Secretariat to revise, the longest waiting first; `pending` is the review comments on them. */
  narrativeReportsReturned(organizationId: string): Promise<TodoList> {
    return this.list(
      `SELECT r.id, ${HomeRepository.GRANT_COLUMNS}, r.reviewed_at AS at,
              (SELECT count(*) FROM narrative_report_comments c WHERE c.report_id = r.id AND c.kind = 'review' AND c.version = r.submitted_version) AS pending
         ${HomeRepository.REPORT_FROM}
        WHERE g.organization_id = $1 AND g.status = 'in_force' AND r.status = 'returned'`,
      [organizationId],
    );
  }

  /** Narrative reports submitted and waiting for the Secretariat's review, the oldest due date first (those handed in late lead); `pending` is the version submitted. */
  narrativeReportsToReview(): Promise<TodoList> {
    return this.list(
      `SELECT r.id, ${HomeRepository.GRANT_COLUMNS}, ${HomeRepository.noon(HomeRepository.REPORT_DUE)} AS at, r.submitted_version AS pending
         ${HomeRepository.REPORT_FROM}
        WHERE r.status = 'submitted'`,
      [],
    );
  }

  /** Requests for more time waiting for the Secretariat's decision (one open per report: the entry is the report), the oldest request first. */
  narrativeReportExtensionsToDecide(): Promise<TodoList> {
    return this.list(
      `SELECT r.id, ${HomeRepository.GRANT_COLUMNS}, x.requested_at AS at, NULL::int AS pending
         FROM report_extension_requests x JOIN narrative_reports r ON r.id = x.report_id JOIN grants g ON g.id = r.grant_id ${HomeRepository.GRANT_JOINS}
        WHERE x.status = 'requested'`,
      [],
    );
  }

  /** Narrative reports of the monitor's grants submitted (to read before the Secretariat decides), the oldest submission first. */
  narrativeReportsOfMonitor(monitorId: string): Promise<TodoList> {
    return this.list(
      `SELECT r.id, ${HomeRepository.GRANT_COLUMNS}, r.submitted_at AS at, NULL::int AS pending
         ${HomeRepository.REPORT_FROM}
        WHERE g.monitor_id = $1 AND r.status = 'submitted'`,
      [monitorId],
    );
  }
}
