import fc from 'fast-check';
import {
  DEFAULT_DELIVERY,
  DELIVERIES,
  deliveryFor,
  isDelivery,
  isMustAct,
  isNotificationKind,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from './notifications';

const kinds = NOTIFICATION_KINDS.map((k) => k.kind) as NotificationKind[];

describe('notification kinds', () => {
  it('lists each kind once', () => {
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toContain('organization.licence_expiring');
  });

  it('marks as needing action what costs an organisation its licence, its application or a changed rule', () => {
    expect(NOTIFICATION_KINDS.filter((k) => k.mustAct).map((k) => k.kind)).toEqual([
      'organization.licence_expiring', 'call.amended', 'application.deadline_reminder', 'application.admissibility_decided',
      'evaluation.pool_joined', 'evaluation.assigned', 'evaluation.reminder', 'evaluation.overdue', 'evaluation.sheet_reopened',
      'evaluation.unfilled', 'application.outcome', 'award.offered',
      // a grant waits on someone: the Secretariat for a revised budget, a requested tranche or a bank-account change,
      // the organisation for the agreement to sign, the Secretariat again to countersign, the organisation for a returned tranche
      'grant.budget_revision_submitted', 'grant.agreement_to_sign', 'grant.agreement_signed', 'tranche.requested', 'tranche.returned',
      'grant.bank_account_change_requested', 'grant.amendment_requested',
      // the worker's grant deadlines: an unsigned agreement (reminded, then escalated), a tranche its conditions allow, a report due or overdue
      'grant.signature_reminder', 'grant.signature_overdue', 'tranche.may_request', 'tranche.may_approve',
      'grant.report_due_soon', 'grant.report_due_today', 'grant.report_overdue', 'grant.report_escalated',
      // an expenditure report to review (the Secretariat), or returned to correct (the organisation)
      'expenditure.submitted', 'expenditure.returned',
      'visit.planned', 'visit.rescheduled', 'visit_report.submitted', 'visit_report.returned', 'visit_report.shared',
      'action_point.answered', 'action_point.reopened', 'action_point.due_soon', 'action_point.due_today', 'action_point.overdue', 'action_point.escalated',
      // closing a grant: the organisation requests its final payment or repays what the recovery order says
      'grant.final_balance', 'recovery_order.issued',
      // a narrative report to review (the Secretariat), returned to revise (the organisation), a request for more time to decide
      'narrative_report.submitted', 'narrative_report.returned', 'narrative_report.extension_requested',
      // a narrative report due, due today, overdue (the organisation), escalated (the Secretariat)
      'narrative_report.due_soon', 'narrative_report.due_today', 'narrative_report.overdue', 'narrative_report.escalated',
      // the auditor's dossier is ready to download (the Secretariat member who asked)
      'dossier.ready',
      // a safeguarding report arrived, or its reporter wrote (the focal points; never its content)
      'safeguarding.report_received', 'safeguarding.reporter_replied',
      // an admin reset the user's second factors (the user, who must enrol again)
      'account.second_factors_reset',
      // the daily retention sweep stopped (the admins)
      'retention.sweep_failed',
    ]);
    expect(isMustAct('organization.licence_expiring')).toBe(true);
    expect(isMustAct('system.announcement')).toBe(false);
  });

  it('recognises kinds and deliveries from untrusted input', () => {
    expect(isNotificationKind('account.deactivated')).toBe(true);
    expect(isNotificationKind('account.deleted')).toBe(false);
    expect(isDelivery('digest')).toBe(true);
    expect(isDelivery('sms')).toBe(false);
  });
});

describe('deliveryFor', () => {
  it('follows the reader’s preference for kinds that need no action', () => {
    expect(deliveryFor('organization.member_joined', 'immediate')).toEqual({ email: 'now', inApp: true });
    expect(deliveryFor('organization.member_joined', 'digest')).toEqual({ email: 'digest', inApp: true });
    expect(deliveryFor('organization.member_joined', 'in_app')).toEqual({ email: 'none', inApp: true });
  });

  it('sends e-mail at once when the reader has no preference', () => {
    expect(DEFAULT_DELIVERY).toBe('immediate');
    expect(deliveryFor('system.announcement', undefined)).toEqual({ email: 'now', inApp: true });
  });

  it('always e-mails a must-act notification at once, even to a reader who chose in-app only', () => {
    expect(deliveryFor('organization.licence_expiring', 'in_app')).toEqual({ email: 'now', inApp: true });
    expect(deliveryFor('organization.licence_expiring', 'digest')).toEqual({ email: 'now', inApp: true });
  });

  it('property: must-act kinds go by e-mail now regardless of preference; every kind is listed in the app', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.constantFrom(...DELIVERIES, undefined), (kind, preference) => {
        const plan = deliveryFor(kind, preference);
        expect(plan.inApp).toBe(true);
        if (isMustAct(kind)) expect(plan.email).toBe('now');
        else expect(plan.email).toBe({ immediate: 'now', digest: 'digest', in_app: 'none' }[preference ?? DEFAULT_DELIVERY]);
      }),
    );
  });
});
