/**
 * The one permission map, shared by the API (which enforces it) and the web app (which only uses it to
 * show or hide actions). Record-level access (own organisation, assigned application, own grant) is
 * checked by the API on top of these coarse permissions.
 */
import type { OrgRole, Role } from './roles';

export const PERMISSIONS = [
  'organization.read.own',
  'organization.update.own',
  'organization.members.invite',
  'organization.documents.manage',
  'organization.read.any',
  'user.list',
  'user.invite',
  'user.deactivate',
  /** Erase a person's personal data on request (issue 14): a Secretariat admin. */
  'user.erase',
  /** Set how long each kind of record is kept, run and read the retention sweep (issue 14): a Secretariat admin. */
  'retention.manage',
  'audit.read',
  'audit.verify',
  'queues.dashboard',
  'notification.read.own',
  'call.read.published',
  'call.manage',
  'call.question.ask',
  'call.question.answer',
  'application.create',
  'application.read.own',
  'application.read.any',
  'application.admissibility',
  'evaluation.score',
  'evaluation.read.application',
  'evaluation.manage',
  'award.decide',
  'grant.read.own',
  /** Read every grant (list, page, agreement PDF) without acting on any: the observer (donor, national coordinator). */
  'grant.read.any',
  /** What the grant's organisation does on it: sign (the owner only, by the grant's state rules), request tranches, ask for a change. */
  'grant.act.own',
  'grant.manage',
  'monitoring.visit',
  /** Read monitoring visits and their reports: the record access decides which (a monitor its grants', an organisation its announced ones and shared reports, an observer shared reports). */
  'visit.read',
  /** Read action points: the Secretariat all, a monitor its grants', an organisation its grants' once the report is shared, an observer those of shared reports. */
  'action_point.read',
  'report.submit',
  'report.review',
  /** Read interim and final (narrative) reports: the Secretariat and observers all, a monitor its grants', an organisation its own (beneficiary counts 1–4 shown "<5" to all but the organisation). */
  'narrative_report.read',
  'portfolio.read',
  /** Draft, edit and issue the Secretariat's 6-month and annual reports on the National Strategy (issued ones are read with `portfolio.read`). */
  'strategy_report.manage',
  /**
   * Read and handle safeguarding reports (list, case, messages to the reporter, status). No role has it: an admin
   * designates a user a safeguarding focal point (`users.safeguarding_focal_point`), and only that flag grants it.
   */
  'safeguarding.handle',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Actor = { role: Role; orgRole?: OrgRole | null; active?: boolean; safeguardingFocalPoint?: boolean };

const APPLICANT_MEMBER: readonly Permission[] = [
  'organization.read.own',
  'organization.update.own',
  'organization.documents.manage',
  'notification.read.own',
  'call.read.published',
  'call.question.ask',
  'application.create',
  'application.read.own',
  'grant.read.own',
  'grant.act.own',
  'visit.read',
  'action_point.read',
  'report.submit',
  'narrative_report.read',
];

const APPLICANT_OWNER: readonly Permission[] = [...APPLICANT_MEMBER, 'organization.members.invite'];

/** An applicant account not (or no longer) attached to an organisation may only read public calls. */
const APPLICANT_WITHOUT_ORGANIZATION: readonly Permission[] = ['notification.read.own', 'call.read.published'];

const SECRETARIAT: readonly Permission[] = [
  'notification.read.own',
  'organization.read.any',
  'user.list',
  'call.read.published',
  'call.manage',
  'call.question.answer',
  'application.read.any',
  'application.admissibility',
  'evaluation.manage',
  'award.decide',
  'grant.manage',
  'monitoring.visit',
  'visit.read',
  'action_point.read',
  'report.review',
  'narrative_report.read',
  'portfolio.read',
  'strategy_report.manage',
];

const SECRETARIAT_ADMIN: readonly Permission[] = [
  ...SECRETARIAT,
  'user.invite',
  'user.deactivate',
  'user.erase',
  'retention.manage',
  'audit.read',
  'audit.verify',
  'queues.dashboard',
];

/**
 * An evaluator scores its assignments and reads, of an assigned application, what the evaluation needs (the
 * frozen submission's content and its attachments): never the applicant's own view of it (the receipt names
 * who submitted it), which `application.read.own` guards.
 */
const EVALUATOR: readonly Permission[] = ['notification.read.own', 'call.read.published', 'evaluation.score', 'evaluation.read.application'];

const MONITOR: readonly Permission[] = [
  'notification.read.own',
  'call.read.published',
  'grant.read.own',
  'monitoring.visit',
  'visit.read',
  'action_point.read',
  'narrative_report.read',
  'portfolio.read',
];

const OBSERVER: readonly Permission[] = ['notification.read.own', 'call.read.published', 'grant.read.any', 'visit.read', 'action_point.read', 'narrative_report.read', 'portfolio.read'];

function grantedTo(actor: Actor): ReadonlySet<Permission> {
  const granted = grantedToRole(actor);
  if (!actor.safeguardingFocalPoint || !ROLES_WITH_ANY.has(actor.role)) return granted;
  return new Set([...granted, 'safeguarding.handle']);
}

/** A role the map knows (an unknown one gets nothing, not even a focal point's flag). */
const ROLES_WITH_ANY: ReadonlySet<string> = new Set(['applicant', 'evaluator', 'monitor', 'secretariat', 'secretariat_admin', 'observer']);

function grantedToRole(actor: Actor): ReadonlySet<Permission> {
  switch (actor.role) {
    case 'applicant':
      if (actor.orgRole === 'owner') return new Set(APPLICANT_OWNER);
      if (actor.orgRole === 'member') return new Set(APPLICANT_MEMBER);
      return new Set(APPLICANT_WITHOUT_ORGANIZATION);
    case 'evaluator':
      return new Set(EVALUATOR);
    case 'monitor':
      return new Set(MONITOR);
    case 'secretariat':
      return new Set(SECRETARIAT);
    case 'secretariat_admin':
      return new Set(SECRETARIAT_ADMIN);
    case 'observer':
      return new Set(OBSERVER);
    default:
      // An unknown role (e.g. a stale token after a role was renamed) gets nothing.
      return new Set();
  }
}

/** The actor's permissions, in the canonical order of PERMISSIONS. An inactive actor has none. */
export function permissionsFor(actor: Actor): Permission[] {
  if (actor.active === false) return [];
  const granted = grantedTo(actor);
  return PERMISSIONS.filter((p) => granted.has(p));
}

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.active === false) return false;
  return grantedTo(actor).has(permission);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}
