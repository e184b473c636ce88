import { Injectable } from '@nestjs/common';
import { can, isPermission, Permission } from '@grants/domain';
import { AccessRepository } from './access.repository';
import type { AuthUser } from './auth-user';
import { AppError } from './errors';

/** The kind of record a permission's ids name. */
export type AccessRecord = 'organization' | 'user' | 'notification' | 'call' | 'application' | 'assignment' | 'grant' | 'visit' | 'action_point' | 'narrative_report' | 'safeguarding_report';

/** A permission about no record (listing users, the audit log): the role decides, and ids are refused. */
export type NoRecordCase = {
  record: null;
  /** The coarse permissions any of which lets the actor in; the permission itself unless said. */
  coarse?: readonly Permission[];
};

/** A permission about records of one kind: the ids are required, and the actor must reach every one. */
export type RecordCase = {
  record: AccessRecord;
  /** The coarse permissions any of which lets the actor in at all (the permission itself, or a broader one). */
  coarse?: readonly Permission[];
  /**
   * The same permission used about no record yet (creating one, listing one's own, which the query then
   * filters): the condition on the actor. Without it, calling the permission with no ids is a programming error.
   */
  withoutIds?: (actor: AuthUser) => boolean;
  /** Which of these ids the actor reaches (an unknown id is never reached). */
  reach: (actor: AuthUser, ids: string[]) => Promise<Set<string>>;
};

export type AccessCase = NoRecordCase | RecordCase;

const none = async () => new Set<string>();
const only = (id: string | null, ids: string[]) => new Set(id ? ids.filter((x) => x === id) : []);
const always = () => true;
/** Observers and the Secretariat read the whole portfolio; a monitor only its own grants' part. */
const wholePortfolio = (a: AuthUser) => a.role === 'observer' || can(a, 'grant.manage');

/**
 * Every permission's access case. A `Record` over the permission union, so a permission added to the map
 * without a case does not compile; and `hasAccess` denies whatever has no case at run time (immich's
 * `default: return new Set()`).
 */
export function accessCases(repo: AccessRepository): Record<Permission, AccessCase> {
  const ownOrganization = async (a: AuthUser, ids: string[]) => only(a.organizationId, ids);
  const organizationApplications = (a: AuthUser, ids: string[]) => (a.organizationId ? repo.organizationApplications(a.organizationId, ids) : none());
  const organizationGrants = (a: AuthUser, ids: string[]) => (a.organizationId ? repo.organizationGrants(a.organizationId, ids) : none());
  return {
    // organisations: an applicant its own; the Secretariat any
    'organization.read.own': {
      record: 'organization', coarse: ['organization.read.own', 'organization.read.any'],
      reach: (a, ids) => (can(a, 'organization.read.any') ? repo.organizations(ids) : ownOrganization(a, ids)),
    },
    'organization.update.own': { record: 'organization', reach: ownOrganization },
    'organization.members.invite': { record: 'organization', reach: ownOrganization },
    'organization.documents.manage': { record: 'organization', reach: ownOrganization },
    'organization.read.any': { record: 'organization', withoutIds: always, reach: (_a, ids) => repo.organizations(ids) },

    // users and administration
    'user.list': { record: null },
    'user.invite': { record: null },
    'user.deactivate': { record: 'user', reach: (_a, ids) => repo.users(ids) },
    'user.erase': { record: 'user', reach: (_a, ids) => repo.users(ids) },
    'retention.manage': { record: null },
    'audit.read': { record: null },
    'audit.verify': { record: null },
    'queues.dashboard': { record: null },
    'notification.read.own': { record: 'notification', withoutIds: always, reach: (a, ids) => repo.ownNotifications(a.id, ids) },

    // calls: published ones for everyone; drafts for the Secretariat
    'call.read.published': {
      record: 'call', coarse: ['call.read.published', 'call.manage'], withoutIds: always,
      reach: (a, ids) => (can(a, 'call.manage') ? repo.calls(ids) : repo.publishedCalls(ids)),
    },
    'call.manage': { record: 'call', withoutIds: always, reach: (_a, ids) => repo.calls(ids) },
    'call.question.ask': { record: 'call', reach: (a, ids) => (a.organizationId ? repo.publishedCalls(ids) : none()) },
    'call.question.answer': { record: 'call', reach: (_a, ids) => repo.calls(ids) },

    // applications: an organisation's own; the Secretariat any; an evaluator only as evaluation material
    'application.create': { record: 'application', withoutIds: (a) => !!a.organizationId, reach: organizationApplications },
    'application.read.own': {
      record: 'application', coarse: ['application.read.own', 'application.read.any'],
      reach: (a, ids) => (can(a, 'application.read.any') ? repo.applications(ids) : organizationApplications(a, ids)),
    },
    'application.read.any': { record: 'application', withoutIds: always, reach: (_a, ids) => repo.applications(ids) },
    'application.admissibility': { record: 'application', reach: (_a, ids) => repo.applications(ids) },

    // evaluation: ids of the evaluator's own assignments; the Secretariat's ids are calls
    'evaluation.score': { record: 'assignment', withoutIds: always, reach: (a, ids) => repo.evaluatorAssignments(a.id, ids) },
    'evaluation.read.application': { record: 'application', reach: (a, ids) => repo.evaluatorApplications(a.id, ids) },
    // the Secretariat's evaluation work and the committee's decision: ids of the calls (of an assignment or award, its call)
    'evaluation.manage': { record: 'call', reach: (_a, ids) => repo.calls(ids) },
    'award.decide': { record: 'call', reach: (_a, ids) => repo.calls(ids) },

    // grants: an organisation its own; a monitor those assigned to it; the Secretariat and observers any (observers read only)
    'grant.read.own': {
      record: 'grant', coarse: ['grant.read.own', 'grant.manage', 'grant.read.any'],
      reach: (a, ids) => {
        if (can(a, 'grant.manage') || can(a, 'grant.read.any')) return repo.grants(ids);
        if (a.role === 'monitor') return repo.monitorGrants(a.id, ids);
        return organizationGrants(a, ids);
      },
    },
    'grant.read.any': { record: 'grant', withoutIds: always, reach: (_a, ids) => repo.grants(ids) },
    // what the organisation does on its own grant (signing is further limited to its owner by the grant's state rules)
    'grant.act.own': { record: 'grant', reach: organizationGrants },
    'grant.manage': { record: 'grant', withoutIds: always, reach: (_a, ids) => repo.grants(ids) },
    // with no ids: a monitor (or the Secretariat) listing what it follows, which the query then limits to its grants
    'monitoring.visit': { record: 'grant', withoutIds: (a) => a.role === 'monitor' || can(a, 'grant.manage'), reach: (a, ids) => (can(a, 'grant.manage') ? repo.grants(ids) : repo.monitorGrants(a.id, ids)) },
    // monitoring visits: the Secretariat all; a monitor those of its grants; the organisation those of its grants it may
    // see (announced ones, unannounced ones from their day on); an observer those whose report is shared
    'visit.read': {
      record: 'visit', withoutIds: always,
      reach: (a, ids) => {
        if (can(a, 'grant.manage')) return repo.visits(ids);
        if (a.role === 'monitor') return repo.monitorVisits(a.id, ids);
        if (a.role === 'observer') return repo.sharedVisits(ids);
        return a.organizationId ? repo.organizationVisits(a.organizationId, ids) : none();
      },
    },
    // action points: the Secretariat all; a monitor its grants'; the organisation and observers only live ones (of a shared report)
    'action_point.read': {
      record: 'action_point', withoutIds: always,
      reach: (a, ids) => {
        if (can(a, 'grant.manage')) return repo.actionPoints(ids);
        if (a.role === 'monitor') return repo.monitorActionPoints(a.id, ids);
        if (a.role === 'observer') return repo.liveActionPoints(ids);
        return a.organizationId ? repo.organizationActionPoints(a.organizationId, ids) : none();
      },
    },
    'report.submit': { record: 'grant', reach: organizationGrants },
    'report.review': { record: 'grant', reach: (_a, ids) => repo.grants(ids) },
    // narrative reports: the Secretariat and observers all; a monitor its grants'; the organisation its grants'
    'narrative_report.read': {
      record: 'narrative_report', withoutIds: always,
      reach: (a, ids) => {
        if (wholePortfolio(a)) return repo.narrativeReports(ids);
        if (a.role === 'monitor') return repo.monitorNarrativeReports(a.id, ids);
        return a.organizationId ? repo.organizationNarrativeReports(a.organizationId, ids) : none();
      },
    },
    'portfolio.read': {
      record: 'grant', withoutIds: wholePortfolio,
      reach: (a, ids) => (wholePortfolio(a) ? repo.grants(ids) : repo.monitorGrants(a.id, ids)),
    },
    // the Secretariat's reports on the National Strategy: about the whole portfolio, no record of one grant
    'strategy_report.manage': { record: null },
    // safeguarding reports: only a designated focal point (the user's flag, never a role) reaches them; everyone else, an admin too, gets 404
    'safeguarding.handle': { record: 'safeguarding_report', withoutIds: always, reach: (_a, ids) => repo.safeguardingReports(ids) },
  };
}

/**
 * The one access check for records (immich's utils/access.ts). Each service method that touches a record
 * starts here, with the ids of the records it touches. A record the actor may not see answers 404, so its
 * existence does not leak. Denied by default: a permission without a case gets nothing.
 */
@Injectable()
export class AccessService {
  private readonly cases: Record<Permission, AccessCase>;

  constructor(private readonly repo: AccessRepository) {
    this.cases = accessCases(repo);
  }

  async requireAccess(actor: AuthUser, permission: Permission, ids: string[]): Promise<void> {
    if (!(await this.hasAccess(actor, permission, ids))) throw AppError.notFound();
  }

  /** Passes when any one of the permissions reaches every id (a file seen by its organisation, or by its evaluator). */
  async requireAnyAccess(actor: AuthUser, permissions: readonly Permission[], ids: string[]): Promise<void> {
    for (const p of permissions) if (await this.hasAccess(actor, p, ids)) return;
    throw AppError.notFound();
  }

  /**
   * An evaluator on a call: in its pool and, unless `declared` is false (reading and signing the declaration
   * itself), having signed its declaration of impartiality and confidentiality. Without it the call's
   * applications do not exist for them.
   */
  async requireCallEvaluator(actor: AuthUser, callId: string, declared = true): Promise<void> {
    if (!actor.active || !can(actor, 'evaluation.score')) throw AppError.notFound();
    const pool = await this.repo.callEvaluator(actor.id, callId);
    if (!pool || (declared && !pool.declared)) throw AppError.notFound();
  }

  /**
   * The whole portfolio at once (open data): `portfolio.read` and a reader of all of it, the Secretariat or an
   * observer; a monitor's portfolio is partial (its own grants), so a whole-portfolio file does not exist for it.
   */
  async requireWholePortfolio(actor: AuthUser): Promise<void> {
    if (!actor.active || !can(actor, 'portfolio.read') || !wholePortfolio(actor)) throw AppError.notFound();
  }

  /** The ids of the batch the actor reaches with this permission (immich's checkAccess). */
  async reachable(actor: AuthUser, permission: Permission, ids: string[]): Promise<Set<string>> {
    const c = isPermission(permission) ? this.cases[permission] : undefined;
    if (!actor.active || !c || c.record === null || !ids.length) return new Set();
    if (!(c.coarse ?? [permission]).some((p) => can(actor, p))) return new Set();
    return c.reach(actor, [...new Set(ids)]);
  }

  async hasAccess(actor: AuthUser, permission: Permission, ids: string[]): Promise<boolean> {
    const c = isPermission(permission) ? this.cases[permission] : undefined;
    if (!c) return false;
    const unique = [...new Set(ids)];
    if (c.record === null) {
      if (unique.length) throw new Error(`Programming error: ${permission} is about no record, yet was given ids`);
    } else if (!unique.length && !c.withoutIds) {
      throw new Error(`Programming error: ${permission} is about ${c.record} records: pass the ids of those the method touches`);
    }
    if (!actor.active || !(c.coarse ?? [permission]).some((p) => can(actor, p))) return false;
    if (c.record === null) return true;
    if (!unique.length) return c.withoutIds!(actor);
    const reached = await c.reach(actor, unique);
    return unique.every((id) => reached.has(id));
  }
}
