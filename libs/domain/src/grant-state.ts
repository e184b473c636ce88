/**
 * The life of a grant agreement: draft → sent for signature → signed by the organisation → in force →
 * suspended → closed / terminated, and who may move it. The organisation's owner signs; the Secretariat sends
 * the agreement, countersigns it (which puts the grant in force), suspends, resumes, closes and terminates.
 * The state names are the database's (`signed_by_organization`).
 */
import type { Actor } from './permissions';

export const GRANT_STATUSES = ['draft', 'sent_for_signature', 'signed_by_organization', 'in_force', 'suspended', 'closed', 'terminated'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export const GRANT_TRANSITIONS: Readonly<Record<GrantStatus, readonly GrantStatus[]>> = Object.freeze({
  // drawn up from the award (and the accepted budget revision when the committee lowered the amount)
  draft: ['sent_for_signature'],
  // recalled to draft to correct the agreement before the organisation has signed it
  sent_for_signature: ['signed_by_organization', 'draft'],
  // the Secretariat's countersignature puts the grant in force
  signed_by_organization: ['in_force'],
  // closed once the final report is accepted and the balance settled
  in_force: ['suspended', 'closed', 'terminated'],
  suspended: ['in_force', 'closed', 'terminated'],
  closed: [],
  terminated: [],
});

export function isGrantStatus(value: unknown): value is GrantStatus {
  return typeof value === 'string' && (GRANT_STATUSES as readonly string[]).includes(value);
}

export function canTransitionGrant(from: GrantStatus, to: GrantStatus): boolean {
  return GRANT_TRANSITIONS[from]?.includes(to) ?? false;
}

export function nextGrantStatuses(from: GrantStatus): readonly GrantStatus[] {
  return GRANT_TRANSITIONS[from] ?? [];
}

/** A grant that still runs: money may be requested and spent, reports are due. */
export function isGrantRunning(status: GrantStatus): boolean {
  return status === 'in_force' || status === 'suspended';
}

export function isGrantFinal(status: GrantStatus): boolean {
  return nextGrantStatuses(status).length === 0;
}

/**
 * Who acts on a grant. `organisation`: any active member of the grant's organisation; `organisation_owner`: its
 * owner (who signs); `secretariat`: the Secretariat's staff and admins. Whether the actor belongs to THIS grant's
 * organisation is checked by the API's record access, not here.
 */
export type GrantActorKind = 'organisation' | 'organisation_owner' | 'secretariat';

export function grantActorKinds(actor: Actor): ReadonlySet<GrantActorKind> {
  const kinds = new Set<GrantActorKind>();
  if (actor.active === false) return kinds;
  if (actor.role === 'secretariat' || actor.role === 'secretariat_admin') kinds.add('secretariat');
  if (actor.role === 'applicant' && actor.orgRole) {
    kinds.add('organisation');
    if (actor.orgRole === 'owner') kinds.add('organisation_owner');
  }
  return kinds;
}

type TransitionKey = `${GrantStatus}->${GrantStatus}`;

export type GrantTransitionRule = { by: GrantActorKind; reasonRequired: boolean; action: GrantAction };

/** The actions that change a grant's state, as the audit trail and the notifications name them. */
export const GRANT_ACTIONS = ['send_for_signature', 'recall', 'sign', 'countersign', 'suspend', 'resume', 'close', 'terminate'] as const;
export type GrantAction = (typeof GRANT_ACTIONS)[number];

const RULES: Readonly<Partial<Record<TransitionKey, GrantTransitionRule>>> = Object.freeze({
  'draft->sent_for_signature': { by: 'secretariat', reasonRequired: false, action: 'send_for_signature' },
  'sent_for_signature->draft': { by: 'secretariat', reasonRequired: true, action: 'recall' },
  'sent_for_signature->signed_by_organization': { by: 'organisation_owner', reasonRequired: false, action: 'sign' },
  'signed_by_organization->in_force': { by: 'secretariat', reasonRequired: false, action: 'countersign' },
  'in_force->suspended': { by: 'secretariat', reasonRequired: true, action: 'suspend' },
  'suspended->in_force': { by: 'secretariat', reasonRequired: true, action: 'resume' },
  'in_force->closed': { by: 'secretariat', reasonRequired: false, action: 'close' },
  'suspended->closed': { by: 'secretariat', reasonRequired: true, action: 'close' },
  'in_force->terminated': { by: 'secretariat', reasonRequired: true, action: 'terminate' },
  'suspended->terminated': { by: 'secretariat', reasonRequired: true, action: 'terminate' },
});

/** Who makes a transition and whether it needs a written reason; null when the transition does not exist. */
export function grantTransitionRule(from: GrantStatus, to: GrantStatus): GrantTransitionRule | null {
  if (!canTransitionGrant(from, to)) return null;
  return RULES[`${from}->${to}`] ?? null;
}

export type GrantTransitionRefusal = 'no_such_transition' | 'not_allowed_for_actor' | 'reason_required';
export type GrantTransitionCheck = { ok: true; action: GrantAction } | { ok: false; reason: GrantTransitionRefusal };

/**
 * May this actor move a grant from `from` to `to` now? Only the organisation's owner signs; only the
 * Secretariat sends, countersigns, suspends, resumes, closes and terminates; a suspension, a resumption, a
 * recall, a termination and the closing of a suspended grant say why.
 */
export function checkGrantTransition(actor: Actor, from: GrantStatus, to: GrantStatus, reason?: string | null): GrantTransitionCheck {
  const rule = grantTransitionRule(from, to);
  if (!rule) return { ok: false, reason: 'no_such_transition' };
  if (!grantActorKinds(actor).has(rule.by)) return { ok: false, reason: 'not_allowed_for_actor' };
  if (rule.reasonRequired && (typeof reason !== 'string' || reason.trim() === '')) return { ok: false, reason: 'reason_required' };
  return { ok: true, action: rule.action };
}

/** What may be done on a grant's records, by the grant's state (who may do it is checked per record). */
export const GRANT_RECORD_ACTIONS = [
  'upload_signed_copy',
  'request_tranche',
  'approve_tranche',
  'pay_tranche',
  'submit_expenditure_report',
  'review_expenditure_report',
  'submit_report',
  'review_report',
  'request_amendment',
  'decide_amendment',
] as const;
export type GrantRecordAction = (typeof GRANT_RECORD_ACTIONS)[number];

const REPORTING: readonly GrantRecordAction[] = ['submit_expenditure_report', 'review_expenditure_report', 'submit_report', 'review_report', 'request_amendment', 'decide_amendment'];

const RECORD_ACTIONS_BY_STATUS: Readonly<Record<GrantStatus, readonly GrantRecordAction[]>> = Object.freeze({
  draft: [],
  sent_for_signature: ['upload_signed_copy'],
  // the pre-financing may be requested once the organisation has signed (approved only once in force)
  signed_by_organization: ['upload_signed_copy', 'request_tranche'],
  in_force: ['upload_signed_copy', 'request_tranche', 'approve_tranche', 'pay_tranche', ...REPORTING],
  // a suspended grant keeps reporting and may be amended, but no money moves
  suspended: REPORTING,
  closed: [],
  terminated: [],
});

export function grantRecordActions(status: GrantStatus): readonly GrantRecordAction[] {
  return RECORD_ACTIONS_BY_STATUS[status] ?? [];
}

export function canDoOnGrant(status: GrantStatus, action: GrantRecordAction): boolean {
  return grantRecordActions(status).includes(action);
}
