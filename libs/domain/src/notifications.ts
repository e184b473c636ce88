/**
 * What the portal tells people about, and how. Each kind says whether it asks the reader to act
 * (mustAct): those always go out by e-mail at once, whatever the reader's preference, because a missed
 * one costs an organisation its licence, its application or its money.
 *
 * To add a kind: append it to NOTIFICATION_KINDS (the NotificationKind union follows), then add its
 * texts in en / sq / sr.
 */

export const NOTIFICATION_KINDS = [
  { kind: 'organization.member_invited', mustAct: false },
  { kind: 'organization.member_joined', mustAct: false },
  { kind: 'organization.document_uploaded', mustAct: false },
  { kind: 'organization.licence_expiring', mustAct: true },
  { kind: 'account.invitation_accepted', mustAct: false },
  { kind: 'account.deactivated', mustAct: false },
  { kind: 'system.announcement', mustAct: false },
  { kind: 'call.published', mustAct: false },
  { kind: 'call.amended', mustAct: true },
  { kind: 'call.question_answered', mustAct: false },
  { kind: 'call.info_session_reminder', mustAct: false },
  { kind: 'call.info_session_cancelled', mustAct: false },
  { kind: 'application.deadline_reminder', mustAct: true },
  { kind: 'application.submitted', mustAct: false },
  { kind: 'application.withdrawn', mustAct: false },
  { kind: 'application.admissibility_decided', mustAct: true },
  { kind: 'evaluation.pool_joined', mustAct: true },
  { kind: 'evaluation.assigned', mustAct: true },
  { kind: 'evaluation.reminder', mustAct: true },
  { kind: 'evaluation.overdue', mustAct: true },
  { kind: 'evaluation.sheet_reopened', mustAct: true },
  { kind: 'evaluation.unfilled', mustAct: true },
  { kind: 'application.outcome', mustAct: true },
  // an amount lower than requested is an offer: the organisation must accept or refuse it
  { kind: 'award.offered', mustAct: true },
  // the Secretariat hears the answer (as it prefers): an accepted offer leads to the agreement, a refused one re-ran the funding line
  { kind: 'award.offer_accepted', mustAct: false },
  { kind: 'award.offer_refused', mustAct: false },
  // grants: the Secretariat accepts a revised budget, the owner signs, the Secretariat countersigns, approves tranches and decides changes
  { kind: 'grant.budget_revision_submitted', mustAct: true },
  { kind: 'grant.agreement_to_sign', mustAct: true },
  { kind: 'grant.agreement_signed', mustAct: true },
  { kind: 'grant.in_force', mustAct: false },
  { kind: 'tranche.requested', mustAct: true },
  { kind: 'tranche.returned', mustAct: true },
  { kind: 'tranche.paid', mustAct: false },
  { kind: 'grant.bank_account_change_requested', mustAct: true },
  { kind: 'grant.amendment_decided', mustAct: false },
  // an amendment waits for the Secretariat's decision; a reallocation within the limit is applied at once and only notified
  { kind: 'grant.amendment_requested', mustAct: true },
  { kind: 'grant.reallocation_notice', mustAct: false },
  // the worker's grant deadlines (modules/grants/jobs): an agreement waiting for signature, a tranche the conditions now allow, a report due
  { kind: 'grant.signature_reminder', mustAct: true },
  { kind: 'grant.signature_overdue', mustAct: true },
  { kind: 'tranche.may_request', mustAct: true },
  { kind: 'tranche.may_approve', mustAct: true },
  { kind: 'grant.report_due_soon', mustAct: true },
  { kind: 'grant.report_due_today', mustAct: true },
  { kind: 'grant.report_overdue', mustAct: true },
  { kind: 'grant.report_escalated', mustAct: true },
  // expenditure reports: the Secretariat reviews a submitted one, the organisation corrects a returned one; an accepted one is only told
  { kind: 'expenditure.submitted', mustAct: true },
  { kind: 'expenditure.returned', mustAct: true },
  { kind: 'expenditure.accepted', mustAct: false },
  // monitoring (issue 11): the monitor is told of a grant given to it; the organisation of an announced visit (never of an
  // unannounced one) and of a shared report; the Secretariat reviews a submitted report; action points go back and forth
  { kind: 'grant.monitor_assigned', mustAct: false },
  { kind: 'visit.planned', mustAct: true },
  { kind: 'visit.rescheduled', mustAct: true },
  { kind: 'visit.reminder', mustAct: false },
  { kind: 'visit_report.submitted', mustAct: true },
  { kind: 'visit_report.returned', mustAct: true },
  { kind: 'visit_report.accepted', mustAct: false },
  { kind: 'visit_report.shared', mustAct: true },
  { kind: 'visit_report.commented', mustAct: false },
  { kind: 'action_point.answered', mustAct: true },
  { kind: 'action_point.reopened', mustAct: true },
  { kind: 'action_point.closed', mustAct: false },
  { kind: 'action_point.due_soon', mustAct: true },
  { kind: 'action_point.due_today', mustAct: true },
  { kind: 'action_point.overdue', mustAct: true },
  { kind: 'action_point.escalated', mustAct: true },
  // closing a grant (issue 12): the organisation hears its final balance (a payment to request, a recovery order to repay, or
  // nothing either way), the recovery order issued, and the grant closed (its monitor too)
  { kind: 'grant.final_balance', mustAct: true },
  { kind: 'recovery_order.issued', mustAct: true },
  { kind: 'grant.closed', mustAct: false },
  // narrative reports (issue 12): the Secretariat reviews a submitted report (the monitor is told too), the organisation revises a
  // returned one; the Secretariat decides a request for more time; an accepted report, a decision and a comment are only told
  { kind: 'narrative_report.submitted', mustAct: true },
  { kind: 'narrative_report.returned', mustAct: true },
  { kind: 'narrative_report.accepted', mustAct: false },
  { kind: 'narrative_report.extension_requested', mustAct: true },
  { kind: 'narrative_report.extension_decided', mustAct: false },
  { kind: 'narrative_report.commented', mustAct: false },
  // the worker's narrative-report reminders (modules/reports/jobs): to the organisation 14 days before, on the day and the day
  // after the due date in force (an extension granted moves it); 7 days after, escalated to the Secretariat
  { kind: 'narrative_report.due_soon', mustAct: true },
  { kind: 'narrative_report.due_today', mustAct: true },
  { kind: 'narrative_report.overdue', mustAct: true },
  { kind: 'narrative_report.escalated', mustAct: true },
  // the auditor's dossier of a grant (issue 13): the Secretariat member who asked downloads it and hands it over
  { kind: 'dossier.ready', mustAct: true },
  // the Secretariat's 6-month or annual report on the National Strategy is issued: observers (the donor, the National Coordinator) may read it
  { kind: 'strategy_report.issued', mustAct: false },
  // the safeguarding channel (issue 14): the focal points hear that a report arrived or its reporter wrote, never what it says
  { kind: 'safeguarding.report_received', mustAct: true },
  { kind: 'safeguarding.reporter_replied', mustAct: true },
  // second factors (issue 14): an admin reset the user's factors; they must enrol again at their next login
  { kind: 'account.second_factors_reset', mustAct: true },
  // retention (issue 14): the daily sweep stopped; the admins look at the run's error (nothing past it was removed)
  { kind: 'retention.sweep_failed', mustAct: true },
] as const satisfies readonly { kind: string; mustAct: boolean }[];

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]['kind'];

export const DELIVERIES = ['immediate', 'digest', 'in_app'] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const DEFAULT_DELIVERY: Delivery = 'immediate';

export type DeliveryPlan = { email: 'now' | 'digest' | 'none'; inApp: true };

const MUST_ACT: ReadonlyMap<string, boolean> = new Map(NOTIFICATION_KINDS.map((k) => [k.kind, k.mustAct]));

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && MUST_ACT.has(value);
}

export function isDelivery(value: unknown): value is Delivery {
  return typeof value === 'string' && (DELIVERIES as readonly string[]).includes(value);
}

export function isMustAct(kind: NotificationKind): boolean {
  return MUST_ACT.get(kind) === true;
}

/** How one notification reaches its reader. Every notification is also listed in the app. */
export function deliveryFor(kind: NotificationKind, preference: Delivery | undefined): DeliveryPlan {
  if (isMustAct(kind)) return { email: 'now', inApp: true };
  switch (preference ?? DEFAULT_DELIVERY) {
    case 'immediate':
      return { email: 'now', inApp: true };
    case 'digest':
      return { email: 'digest', inApp: true };
    case 'in_app':
      return { email: 'none', inApp: true };
  }
}
