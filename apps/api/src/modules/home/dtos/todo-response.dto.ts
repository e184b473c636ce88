import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDto } from '../../calls/dtos/call.dtos';

/** Every kind of thing a home page can list, by role. */
export const TODO_KINDS = [
  // evaluator
  'evaluation.declaration_pending',
  'evaluation.sheets_to_score',
  // Secretariat
  'application.admissibility_pending',
  'call.decision_pending',
  'call.questions_unanswered',
  'call.info_sessions_upcoming',
  // Secretariat administrator
  'user.invitations_pending',
  'user.invitations_expired',
  // applicant organisation
  'application.drafts_due',
  'award.offer_to_answer',
  'call.info_sessions_registered',
  // grants — the organisation
  'grant.agreement_to_sign',
  'grant.budget_revision_to_make',
  'tranche.to_request',
  'expenditure.report_due',
  'expenditure.report_returned',
  'grant.amendment_decided',
  // grants — the Secretariat
  'grant.agreement_to_countersign',
  'grant.budget_revision_to_accept',
  'award.grant_to_draw_up',
  'tranche.to_approve',
  'tranche.to_pay',
  'expenditure.report_to_review',
  'grant.amendment_to_decide',
  'grant.bank_account_change_to_decide',
  // grants — the monitor
  'grant.overdue',
  // monitoring (issue 11) — the monitor
  'visit.upcoming',
  'visit_report.to_write',
  'action_point.to_verify',
  // monitoring — the Secretariat
  'visit_report.to_review',
  'visit_report.to_share',
  'action_point.escalated',
  // monitoring — the organisation
  'action_point.to_answer',
  'visit.announced_upcoming',
  // narrative reports (issue 12) — the organisation
  'narrative_report.due_soon',
  'narrative_report.overdue',
  'narrative_report.returned',
  // narrative reports — the Secretariat
  'narrative_report.to_review',
  'narrative_report.extension_to_decide',
  // narrative reports — the monitor
  'narrative_report.to_read',
  // closing grants (issue 12) — the organisation
  'recovery_order.to_repay',
  // closing grants — the Secretariat
  'grant.final_balance_to_draw_up',
  'recovery_order.outstanding',
  'grant.to_close',
  // the observer (issue 12 follow-up): what it can look at, not work to do — not counted in the total
  'portfolio.grants_in_force',
  'portfolio.reports_submitted',
  // the portfolio dashboard (issue 13): the Secretariat's and the observer's way to it
  'portfolio.dashboard',
] as const;
/** Kinds that say what the reader can look at rather than what waits on them: listed, never counted in the total. */
export const TODO_OVERVIEW_KINDS: ReadonlySet<TodoKind> = new Set<TodoKind>(['portfolio.grants_in_force', 'portfolio.reports_submitted', 'portfolio.dashboard']);
export type TodoKind = (typeof TODO_KINDS)[number];

/** One record waiting on the reader. */
export class TodoEntryDto {
  id!: string;
  /** The application's reference, when the entry is an application or a sheet. */
  reference!: string | null;
  /** Whom it is about: the organisation, the invited address, the session's place. */
  name!: string | null;
  callId!: string | null;
  callReference!: string | null;
  @ApiProperty({ type: LocalizedTextDto, nullable: true }) callTitle!: LocalizedTextDto | null;
  /** ISO instant the list is ordered by: when it started waiting, or its deadline (see the kind). */
  at!: string | null;
  /** How many things wait inside it (assignments behind a declaration, open sheets, registrations), or null. */
  pending!: number | null;
  /** The grant it is about (a grant, its tranche, expenditure report or amendment), or null. */
  grantId!: string | null;
  /** First day (YYYY-MM-DD) of the reporting period a report due is for; only on reports due. */
  periodStart?: string | null;
  /** Last day (YYYY-MM-DD) of that reporting period; only on reports due. */
  periodEnd?: string | null;
  /**
   * On a report due, what of the period is still to hand in: the narrative report, its expenditure report (the
   * financial part), or both — one entry, linking to the narrative report, when both are due.
   */
  @ApiProperty({ enum: ['narrative', 'expenditure', 'both'], required: false, nullable: true }) missing?: 'narrative' | 'expenditure' | 'both' | null;
  /** Path in the web app where it is done. */
  link!: string;
}

/** One kind of thing to do: how many, the oldest date, where to go, and the first entries oldest first. */
export class TodoItemDto {
  @ApiProperty({ enum: TODO_KINDS, enumName: 'TodoKind' }) kind!: TodoKind;
  count!: number;
  /** ISO instant of the first entry (the oldest or soonest due), or null when there is none. */
  oldestAt!: string | null;
  /** Path of the page that lists them all. */
  link!: string;
  entries!: TodoEntryDto[];
}

/** The reader's to-do list: every kind their role has, the ones with something to do first, each oldest first. */
export class TodoResponseDto {
  items!: TodoItemDto[];
  /** How many things wait in all (what an observer can look at is not counted). */
  total!: number;
}
