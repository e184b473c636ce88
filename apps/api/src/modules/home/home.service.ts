import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, daysOverdue, grantOverdue, isoDateToDayNumber, kosovoLocalToUtc, reportHandedIn } from '@grants/domain';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { GrantsRepository } from '../grants/grants.repository';
import { trancheReadinessOf } from '../grants/jobs/tranche-readiness';
import { TrancheConditionsService } from '../grants/tranche-conditions.service';
import { TODO_OVERVIEW_KINDS, type TodoEntryDto, type TodoItemDto, type TodoKind, type TodoResponseDto } from './dtos/todo-response.dto';
import { ENTRY_LIMIT, HomeRepository, type TodoList, type TodoRow } from './home.repository';

/** A report is listed as due from 14 days before its due date (when the worker's first reminder goes out). */
const REPORT_DUE_WINDOW_DAYS = 14;
/** The middle of a Kosovo calendar day as an instant, for lists ordered by a day. */
const dayAt = (date: string) => kosovoLocalToUtc(date, '12:00');
const listOf = (rows: TodoRow[]): TodoList => ({ count: rows.length, rows: rows.slice(0, ENTRY_LIMIT) });

type Section = {
  kind: TodoKind;
  /** Where the whole list is handled. */
  link: (rows: TodoRow[]) => string;
  /** Where one entry is handled. */
  entryLink: (row: TodoRow) => string;
  load: () => Promise<TodoList>;
  /** Which of the entries the reader may reach (access.service decides); the rest are dropped. */
  reach: (rows: TodoRow[]) => Promise<Set<string>>;
};

/**
 * Each role's home page is its to-do list: what waits on the reader, counted, linked and oldest first. A role
 * gets a section only when its permissions allow the work, and every entry is checked through access.service.
 */
@Injectable()
export class HomeService {
  constructor(
    private readonly repo: HomeRepository,
    private readonly access: AccessService,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly grants: GrantsRepository,
    private readonly conditions: TrancheConditionsService,
  ) {}

  async todo(user: AuthUser): Promise<TodoResponseDto> {
    const sections = await this.sections(user);
    const items: TodoItemDto[] = [];
    for (const s of sections) {
      const list = await s.load();
      const reached = await s.reach(list.rows);
      const rows = list.rows.filter((r) => reached.has(r.id));
      // an entry the reader cannot reach is not theirs to do: it is neither listed nor counted
      const count = list.count - (list.rows.length - rows.length);
      const entries: TodoEntryDto[] = rows.map((r) => ({ ...r, link: s.entryLink(r), ...(s.kind === 'expenditure.report_due' ? { missing: 'expenditure' as const } : {}) }));
      items.push({ kind: s.kind, count, oldestAt: entries[0]?.at ?? null, link: s.link(rows), entries });
    }
    await this.oneEntryPerPeriod(user, items);
    // what has something to do comes first, the oldest first; empty kinds keep their order at the end
    const order = new Map(items.map((i, n) => [i.kind, n]));
    items.sort((a, b) => {
      if (!!a.count !== !!b.count) return a.count ? -1 : 1;
      if (a.oldestAt && b.oldestAt && a.oldestAt !== b.oldestAt) return a.oldestAt < b.oldestAt ? -1 : 1;
      return order.get(a.kind)! - order.get(b.kind)!;
    });
    return { items, total: items.reduce((n, i) => n + (TODO_OVERVIEW_KINDS.has(i.kind) ? 0 : i.count), 0) };
  }

  /**
   * A period's narrative report and its expenditure report (the financial part) share one deadline: where both are
   * listed the organisation sees one entry, on the narrative report (whose form links the expenditure report), saying
   * what is missing; an expenditure report due alone says so.
   */
  private async oneEntryPerPeriod(user: AuthUser, items: TodoItemDto[]): Promise<void> {
    const narrative = items.filter((i) => i.kind === 'narrative_report.due_soon' || i.kind === 'narrative_report.overdue');
    const expenditure = items.find((i) => i.kind === 'expenditure.report_due');
    if (!narrative.length || !user.organizationId) return;
    const periodOf = (e: TodoEntryDto) => `${e.grantId}|${e.periodEnd}`;
    const outstanding = await this.expenditureOutstanding(user.organizationId);
    const merged = new Set<string>();
    for (const item of narrative) {
      for (const e of item.entries) {
        e.missing = outstanding.has(periodOf(e)) ? 'both' : 'narrative';
        merged.add(periodOf(e));
      }
    }
    if (!expenditure) return;
    const kept = expenditure.entries.filter((e) => !merged.has(periodOf(e)));
    expenditure.count -= expenditure.entries.length - kept.length;
    expenditure.entries = kept;
    expenditure.oldestAt = kept[0]?.at ?? null;
  }

  /** The organisation's scheduled periods (grant|periodEnd) whose expenditure report is not handed in, whatever their due date. */
  private async expenditureOutstanding(organizationId: string): Promise<Set<string>> {
    const out = new Set<string>();
    for (const g of await this.repo.grantsWithSchedule({ organizationId })) {
      for (const e of g.schedule) if (!reportHandedIn(e, g.reports)) out.add(`${g.row.grantId}|${e.periodEnd}`);
    }
    return out;
  }

  private async sections(user: AuthUser): Promise<Section[]> {
    const ids = (rows: TodoRow[]) => rows.map((r) => r.id);
    const callIds = (rows: TodoRow[]) => rows.map((r) => r.callId!).filter(Boolean);
    /** Entries whose call the reader reaches with the permission. */
    const byCall = (permission: 'award.decide' | 'call.manage' | 'call.read.published') => async (rows: TodoRow[]) => {
      const calls = await this.access.reachable(user, permission, callIds(rows));
      return new Set(rows.filter((r) => r.callId && calls.has(r.callId)).map((r) => r.id));
    };
    const byId = (permission: 'application.admissibility' | 'application.read.own' | 'evaluation.score') => (rows: TodoRow[]) =>
      this.access.reachable(user, permission, ids(rows));
    const all = async (rows: TodoRow[]) => new Set(ids(rows));
    const out: Section[] = [];

    if (await this.access.hasAccess(user, 'evaluation.score', [])) {
      out.push({
        kind: 'evaluation.declaration_pending',
        link: (rows) => (rows.length === 1 ? `/evaluations/${rows[0].callId}` : '/evaluations'),
        entryLink: (r) => `/evaluations/${r.callId}`,
        load: () => this.repo.declarationsPending(user.id),
        // the query is the evaluator's own pool: being in it is the access
        reach: all,
      });
      out.push({
        kind: 'evaluation.sheets_to_score',
        link: () => '/evaluations',
        entryLink: (r) => `/evaluations/assignments/${r.id}`,
        load: () => this.repo.sheetsToScore(user.id),
        reach: byId('evaluation.score'),
      });
    }
    if (can(user, 'application.admissibility') && (await this.access.hasAccess(user, 'application.read.any', []))) {
      out.push({
        kind: 'application.admissibility_pending',
        link: (rows) => (rows[0]?.callId ? `/calls/${rows[0].callId}/applications` : '/calls'),
        entryLink: (r) => `/applications/${r.id}/admissibility`,
        load: () => this.repo.admissibilityPending(),
        reach: byId('application.admissibility'),
      });
    }
    if (can(user, 'award.decide')) {
      out.push({
        kind: 'call.decision_pending',
        link: (rows) => (rows[0]?.callId ? `/calls/${rows[0].callId}/ranking` : '/calls'),
        entryLink: (r) => `/calls/${r.callId}/ranking`,
        load: () => this.repo.decisionsPending(),
        reach: byCall('award.decide'),
      });
    }
    if (can(user, 'call.question.answer')) {
      out.push({
        kind: 'call.questions_unanswered',
        link: (rows) => (rows[0]?.callId ? `/calls/${rows[0].callId}` : '/calls'),
        entryLink: (r) => `/calls/${r.callId}`,
        load: () => this.repo.questionsUnanswered(),
        reach: byCall('call.manage'),
      });
    }
    if (await this.access.hasAccess(user, 'call.manage', [])) {
      out.push({
        kind: 'call.info_sessions_upcoming',
        link: (rows) => (rows[0]?.callId ? `/calls/${rows[0].callId}` : '/calls'),
        entryLink: (r) => `/calls/${r.callId}`,
        load: () => this.repo.infoSessionsUpcoming(),
        reach: byCall('call.manage'),
      });
    }
    if (await this.access.hasAccess(user, 'user.invite', [])) {
      for (const kind of ['user.invitations_pending', 'user.invitations_expired'] as const) {
        out.push({
          kind,
          link: () => '/admin/invitations',
          entryLink: () => '/admin/invitations',
          load: () => (kind === 'user.invitations_pending' ? this.repo.invitationsPending() : this.repo.invitationsExpired()),
          reach: all,
        });
      }
    }
    const org = user.organizationId;
    if (org && (await this.access.hasAccess(user, 'organization.read.own', [org]))) {
      if (can(user, 'application.read.own')) {
        out.push({
          kind: 'application.drafts_due',
          link: () => '/applications',
          entryLink: (r) => `/applications/${r.id}`,
          load: () => this.repo.draftsDue(org),
          reach: byId('application.read.own'),
        });
        out.push({
          kind: 'award.offer_to_answer',
          link: (rows) => (rows.length === 1 ? `/applications/${rows[0].id}/outcome` : '/applications'),
          entryLink: (r) => `/applications/${r.id}/outcome`,
          load: () => this.repo.offersToAnswer(org),
          reach: byId('application.read.own'),
        });
      }
      out.push({
        kind: 'call.info_sessions_registered',
        link: (rows) => (rows[0]?.callId ? `/calls/${rows[0].callId}` : '/calls'),
        entryLink: (r) => `/calls/${r.callId}`,
        load: () => this.repo.infoSessionsRegistered(org),
        reach: byCall('call.read.published'),
      });
    }
    out.push(...(await this.grantSections(user)));
    out.push(...this.monitoringSections(user));
    out.push(...this.narrativeReportSections(user));
    out.push(...this.observerSections(user));
    out.push(...this.portfolioSections(user));
    return out;
  }

  /**
   * The Secretariat's and the observer's way to the portfolio dashboard (issue 13): the grants it holds, counted, and
   * what is overdue across them, oldest first, each entry on its grant. Something to look at, not counted as work.
   */
  private portfolioSections(user: AuthUser): Section[] {
    if (!can(user, 'portfolio.read') || !(user.role === 'observer' || can(user, 'grant.manage'))) return [];
    return [{
      kind: 'portfolio.dashboard', link: () => '/portfolio', entryLink: (r) => `/grants/${r.grantId}`, load: () => this.repo.portfolioDashboard(),
      reach: async (rows) => {
        const grants = await this.access.reachable(user, 'portfolio.read', rows.map((r) => r.grantId!).filter(Boolean));
        return new Set(rows.filter((r) => r.grantId && grants.has(r.grantId)).map((r) => r.id));
      },
    }];
  }

  /**
   * The observer (donor, national coordinator) has no work on the portal: its home says what it can look at — the
   * portfolio's grants in force and the narrative reports handed in over the last 30 days, counted and linked.
   */
  private observerSections(user: AuthUser): Section[] {
    if (user.role !== 'observer' || !can(user, 'grant.read.any')) return [];
    const out: Section[] = [{
      kind: 'portfolio.grants_in_force', link: () => '/grants', entryLink: (r) => `/grants/${r.id}`, load: () => this.repo.portfolioGrantsInForce(),
      reach: (rows) => this.access.reachable(user, 'grant.read.any', rows.map((r) => r.id)),
    }];
    if (can(user, 'narrative_report.read')) {
      out.push({
        kind: 'portfolio.reports_submitted', link: () => '/reports', entryLink: (r) => `/reports/${r.id}`, load: () => this.repo.portfolioReportsSubmitted(),
        reach: (rows) => this.access.reachable(user, 'narrative_report.read', rows.map((r) => r.id)),
      });
    }
    return out;
  }

  /**
   * Narrative reports' to-dos (issue 12): the organisation's reports due within 30 days, overdue, and returned to
   * revise; the Secretariat's reports to review and requests for more time to decide; the monitor's submitted reports
   * of its grants to read. Every entry is a report, checked through narrative_report.read; it opens on /reports/:id.
   */
  private narrativeReportSections(user: AuthUser): Section[] {
    const reach = (rows: TodoRow[]) => this.access.reachable(user, 'narrative_report.read', rows.map((r) => r.id));
    const toReport = (r: TodoRow) => `/reports/${r.id}`;
    /** One entry: that report; several: the list, filtered. */
    const listOr = (path: string) => (rows: TodoRow[]) => (rows.length === 1 ? toReport(rows[0]!) : path);
    const out: Section[] = [];
    if (!can(user, 'narrative_report.read')) return out;
    const org = user.organizationId;
    if (org && can(user, 'report.submit')) {
      out.push({ kind: 'narrative_report.overdue', link: listOr('/reports?overdue=true'), entryLink: toReport, load: () => this.repo.narrativeReportsOverdue(org), reach });
      out.push({ kind: 'narrative_report.due_soon', link: listOr('/reports?status=draft'), entryLink: toReport, load: () => this.repo.narrativeReportsDueSoon(org), reach });
      out.push({ kind: 'narrative_report.returned', link: listOr('/reports?status=returned'), entryLink: toReport, load: () => this.repo.narrativeReportsReturned(org), reach });
    }
    if (can(user, 'report.review')) {
      out.push({ kind: 'narrative_report.to_review', link: listOr('/reports?status=submitted'), entryLink: toReport, load: () => this.repo.narrativeReportsToReview(), reach });
      out.push({ kind: 'narrative_report.extension_to_decide', link: listOr('/reports'), entryLink: toReport, load: () => this.repo.narrativeReportExtensionsToDecide(), reach });
    } else if (user.role === 'monitor') {
      out.push({ kind: 'narrative_report.to_read', link: listOr('/reports?status=submitted'), entryLink: toReport, load: () => this.repo.narrativeReportsOfMonitor(user.id), reach });
    }
    return out;
  }

  /** The grants' to-dos (issue 10): the organisation's, the Secretariat's, the monitor's. Every entry is checked on its grant (or call). */
  private async grantSections(user: AuthUser): Promise<Section[]> {
    const grantIds = (rows: TodoRow[]) => [...new Set(rows.map((r) => r.grantId!).filter(Boolean))];
    /** Entries whose grant the reader reaches with the permission. */
    const byGrant = (permission: 'grant.read.own' | 'grant.act.own' | 'grant.manage') => async (rows: TodoRow[]) => {
      const grants = await this.access.reachable(user, permission, grantIds(rows));
      return new Set(rows.filter((r) => r.grantId && grants.has(r.grantId)).map((r) => r.id));
    };
    const byCall = async (rows: TodoRow[]) => {
      const calls = await this.access.reachable(user, 'award.decide', rows.map((r) => r.callId!).filter(Boolean));
      return new Set(rows.filter((r) => r.callId && calls.has(r.callId)).map((r) => r.id));
    };
    const toGrant = (r: TodoRow) => `/grants/${r.grantId}`;
    /** An expenditure report to correct or to review opens on its own page. */
    const toReport = (r: TodoRow) => `/expenditure-reports/${r.id}`;
    /** One entry: that grant; several: the list of grants. */
    const grantsLink = (rows: TodoRow[]) => (rows.length === 1 && rows[0]!.grantId ? `/grants/${rows[0]!.grantId}` : '/grants');
    /** Closing: a grant's final balance and checklist; a recovery order on its own page, several on the list. */
    const toClosure = (r: TodoRow) => `/grants/${r.grantId}/closure`;
    const closureLink = (rows: TodoRow[]) => (rows.length === 1 ? toClosure(rows[0]!) : '/grants');
    const toOrder = (r: TodoRow) => `/recovery-orders/${r.id}`;
    const ordersLink = (rows: TodoRow[]) => (rows.length === 1 ? toOrder(rows[0]!) : '/recovery-orders');
    const out: Section[] = [];

    const org = user.organizationId;
    if (org && can(user, 'grant.act.own')) {
      // only the owner signs (the grant's state rules); a member has nothing to do there
      if (user.orgRole === 'owner') {
        out.push({ kind: 'grant.agreement_to_sign', link: grantsLink, entryLink: toGrant, load: () => this.repo.agreementsToSign(org), reach: byGrant('grant.act.own') });
      }
      out.push({
        kind: 'grant.budget_revision_to_make',
        link: (rows) => (rows.length === 1 ? `/applications/${rows[0]!.id}/outcome` : '/applications'),
        entryLink: (r) => `/applications/${r.id}/outcome`,
        load: () => this.repo.budgetRevisionsToMake(org),
        reach: (rows) => this.access.reachable(user, 'application.read.own', rows.map((r) => r.id)),
      });
      out.push({ kind: 'tranche.to_request', link: grantsLink, entryLink: toGrant, load: () => this.tranchesToRequest(org), reach: byGrant('grant.act.own') });
      out.push({ kind: 'expenditure.report_due', link: grantsLink, entryLink: toGrant, load: () => this.reportsDue(org), reach: byGrant('grant.act.own') });
      out.push({ kind: 'expenditure.report_returned', link: grantsLink, entryLink: toReport, load: () => this.repo.expenditureReturned(org), reach: byGrant('grant.act.own') });
      out.push({ kind: 'grant.amendment_decided', link: grantsLink, entryLink: toGrant, load: () => this.repo.amendmentsDecided(org), reach: byGrant('grant.read.own') });
      out.push({ kind: 'recovery_order.to_repay', link: ordersLink, entryLink: toOrder, load: () => this.repo.recoveryOrdersUnsettled(org), reach: byGrant('grant.read.own') });
    }

    if (can(user, 'grant.manage')) {
      out.push({ kind: 'grant.agreement_to_countersign', link: grantsLink, entryLink: toGrant, load: () => this.repo.agreementsToCountersign(), reach: byGrant('grant.manage') });
      if (can(user, 'award.decide')) {
        // before a grant exists the award is the record: the awards waiting for a grant (revisions to accept, agreements to draw up) have their own screen
        const pendingAwards = () => '/grants/pending-awards';
        out.push({ kind: 'grant.budget_revision_to_accept', link: pendingAwards, entryLink: pendingAwards, load: () => this.repo.budgetRevisionsToAccept(), reach: byCall });
        out.push({ kind: 'award.grant_to_draw_up', link: pendingAwards, entryLink: (r) => `/awards/${r.id}/draw-up`, load: () => this.repo.awardsToDrawUp(), reach: byCall });
      }
      out.push({ kind: 'tranche.to_approve', link: grantsLink, entryLink: toGrant, load: () => this.repo.tranchesIn('requested'), reach: byGrant('grant.manage') });
      out.push({ kind: 'tranche.to_pay', link: () => '/payment-orders', entryLink: () => '/payment-orders', load: () => this.repo.tranchesIn('approved'), reach: byGrant('grant.manage') });
      out.push({ kind: 'expenditure.report_to_review', link: grantsLink, entryLink: toReport, load: () => this.repo.expenditureToReview(), reach: byGrant('grant.manage') });
      out.push({ kind: 'grant.amendment_to_decide', link: grantsLink, entryLink: toGrant, load: () => this.repo.amendmentsToDecide(false), reach: byGrant('grant.manage') });
      out.push({ kind: 'grant.bank_account_change_to_decide', link: grantsLink, entryLink: toGrant, load: () => this.repo.amendmentsToDecide(true), reach: byGrant('grant.manage') });
      // closing grants (issue 12): the balance to draw up once the final report is accepted, what is still to recover, the grants to close
      out.push({ kind: 'grant.final_balance_to_draw_up', link: closureLink, entryLink: toClosure, load: () => this.repo.finalBalancesToDrawUp(), reach: byGrant('grant.manage') });
      out.push({ kind: 'recovery_order.outstanding', link: ordersLink, entryLink: toOrder, load: () => this.repo.recoveryOrdersUnsettled(null), reach: byGrant('grant.manage') });
      out.push({ kind: 'grant.to_close', link: closureLink, entryLink: toClosure, load: () => this.repo.grantsToClose(), reach: byGrant('grant.manage') });
    } else if (user.role === 'monitor' && can(user, 'grant.read.own')) {
      out.push({ kind: 'grant.overdue', link: grantsLink, entryLink: toGrant, load: () => this.overdueOfMonitor(user.id), reach: byGrant('grant.read.own') });
    }
    return out;
  }

  /**
   * Monitoring's to-dos (issue 11): the monitor's visits coming up, reports to write and answered action points to
   * verify; the Secretariat's reports to review and to share and escalated action points; the organisation's action
   * points to answer and announced visits coming up. Every entry is checked on its visit or action point.
   */
  private monitoringSections(user: AuthUser): Section[] {
    const reach = (permission: 'visit.read' | 'action_point.read') => (rows: TodoRow[]) => this.access.reachable(user, permission, rows.map((r) => r.id));
    const toVisit = (r: TodoRow) => `/visits/${r.id}`;
    const toPoint = (r: TodoRow) => `/action-points/${r.id}`;
    const out: Section[] = [];
    if (user.role === 'monitor' && can(user, 'monitoring.visit')) {
      out.push({ kind: 'visit.upcoming', link: () => '/visits', entryLink: toVisit, load: () => this.repo.visitsUpcoming(user.id), reach: reach('visit.read') });
      out.push({ kind: 'visit_report.to_write', link: () => '/visits', entryLink: (r) => `/visits/${r.id}/report`, load: () => this.repo.visitReportsToWrite(user.id), reach: reach('visit.read') });
      out.push({ kind: 'action_point.to_verify', link: () => '/action-points?status=answered', entryLink: toPoint, load: () => this.repo.actionPointsToVerify(user.id), reach: reach('action_point.read') });
    }
    if (can(user, 'grant.manage') && can(user, 'monitoring.visit')) {
      out.push({ kind: 'visit_report.to_review', link: () => '/visits?reportStatus=submitted', entryLink: toVisit, load: () => this.repo.visitReportsIn('submitted'), reach: reach('visit.read') });
      out.push({ kind: 'visit_report.to_share', link: () => '/visits?reportStatus=accepted', entryLink: toVisit, load: () => this.repo.visitReportsIn('accepted'), reach: reach('visit.read') });
      out.push({ kind: 'action_point.escalated', link: () => '/action-points?escalated=true', entryLink: toPoint, load: () => this.repo.actionPointsEscalated(), reach: reach('action_point.read') });
    }
    const org = user.organizationId;
    if (org && can(user, 'grant.act.own') && can(user, 'action_point.read')) {
      out.push({ kind: 'action_point.to_answer', link: () => '/action-points', entryLink: toPoint, load: () => this.repo.actionPointsToAnswer(org), reach: reach('action_point.read') });
      out.push({ kind: 'visit.announced_upcoming', link: () => '/visits', entryLink: toVisit, load: () => this.repo.visitsAnnounced(org), reach: reach('visit.read') });
    }
    return out;
  }

  /** The organisation's planned tranches whose conditions now allow a request (the same rule as the worker's reminder). */
  private async tranchesToRequest(organizationId: string): Promise<TodoList> {
    const rows: TodoRow[] = [];
    for (const r of await this.repo.plannedFirstTranches(organizationId)) {
      if ((await trancheReadinessOf(this.ds.manager, this.grants, this.conditions, r.grantId!, r.id)) === 'may_request') rows.push(r);
    }
    return listOf(rows);
  }

  /** Scheduled reports of the organisation's grants not handed in, from 14 days before their due date, the soonest (or most overdue) first; `pending` is the days overdue. */
  private async reportsDue(organizationId: string): Promise<TodoList> {
    const rows: TodoRow[] = [];
    for (const g of await this.repo.grantsWithSchedule({ organizationId })) {
      const horizon = (isoDateToDayNumber(g.today) ?? 0) + REPORT_DUE_WINDOW_DAYS;
      for (const e of g.schedule) {
        if ((isoDateToDayNumber(e.dueDate) ?? Infinity) > horizon || reportHandedIn(e, g.reports)) continue;
        const late = daysOverdue(e.dueDate, g.today);
        rows.push({ ...g.row, id: `${g.row.grantId}.report.${e.seq}`, at: dayAt(e.dueDate), pending: late > 0 ? late : null, periodStart: e.periodStart, periodEnd: e.periodEnd });
      }
    }
    rows.sort((a, b) => (a.at! < b.at! ? -1 : a.at! > b.at! ? 1 : 0));
    return listOf(rows);
  }

  /**
   * The monitor's grants with something overdue (libs/domain grantOverdue, as the grants list's filter: a report not
   * handed in after its due date, a pre-financing or instalment not requested after its planned date), the longest
   * overdue first; `pending` is how many things are overdue.
   */
  private async overdueOfMonitor(monitorId: string): Promise<TodoList> {
    const rows: TodoRow[] = [];
    for (const g of await this.repo.grantsWithSchedule({ monitorId })) {
      const o = grantOverdue({ status: 'in_force', schedule: g.schedule, reports: g.reports, tranches: g.tranches, today: g.today });
      if (o.overdue) rows.push({ ...g.row, at: dayAt(o.since!), pending: o.reports + o.tranches });
    }
    rows.sort((a, b) => (a.at! < b.at! ? -1 : a.at! > b.at! ? 1 : 0));
    return listOf(rows);
  }
}
