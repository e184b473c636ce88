import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actionPointWaitsOn, can, checkActionPointTransition, isActionPointEscalated, isActionPointOverdue, type ActionPointStatus } from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { AnswerActionPointDto, ListActionPointsQuery } from './dtos/monitoring.dtos';
import { changeActionPointStatus } from './monitoring-status';
import { MonitoringRepository, type ActionPointFilter, type ActionPointRow } from './monitoring.repository';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Action points of shared visit reports: the owner (the organisation's members, or the Secretariat for its own)
 * answers with evidence; the grant's monitor verifies and closes, or reopens saying why. Lists for the Secretariat
 * (every live point, filtered by status, owner, priority, overdue, municipality), a monitor (its grants') and the
 * organisation (its own), in the order of libs/domain compareActionPoints. Status through monitoring-status.ts.
 */
@Injectable()
export class ActionPointsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly repo: MonitoringRepository,
  ) {}

  /** What the actor sees of these points (of one report, or a page of a list), with what it may do. */
  async views(m: EntityManager, actor: AuthUser, rows: readonly ActionPointRow[], today?: string) {
    const day = today ?? (await this.repo.today(m));
    const events = await this.repo.pointEvents(m, rows.map((r) => r.id));
    const names = await this.repo.fileNames(m, [...new Set([...rows.flatMap((r) => r.evidenceFileIds), ...events.flatMap((e) => e.evidenceFileIds)])]);
    const evidence = (ids: readonly string[]) => ids.filter((id) => names.has(id)).map((id) => ({ id, fileName: names.get(id)! }));
    return rows.map((p) => {
      const status = p.status as ActionPointStatus;
      const waitsOn = actionPointWaitsOn(status, p.owner);
      const owner = p.owner === 'organisation' ? !!actor.organizationId && actor.organizationId === p.organizationId && actor.role === 'applicant' : can(actor, 'grant.manage');
      const monitor = actor.role === 'monitor' && p.monitorId === actor.id;
      return {
        id: p.id, seq: p.seq, visitId: p.visitId, visitDate: p.visitDate, grantId: p.grantId, agreementNumber: p.agreementNumber, organizationName: p.organizationName,
        municipality: p.municipality, what: p.what, owner: p.owner, priority: p.priority, dueDate: p.dueDate, status,
        overdue: isActionPointOverdue({ status, dueDate: p.dueDate }, day), escalated: isActionPointEscalated({ status, dueDate: p.dueDate, priority: p.priority }, day),
        waitsOn: p.live ? waitsOn : null, answer: p.answer, evidence: evidence(p.evidenceFileIds), reopenReason: p.reopenReason,
        answeredAt: iso(p.answeredAt), closedAt: iso(p.closedAt), version: p.version,
        events: events.filter((e) => e.actionPointId === p.id).map((e) => ({ kind: e.kind as 'answer' | 'reopen' | 'close', body: e.body, byName: e.byName, createdAt: iso(e.createdAt)!, evidence: evidence(e.evidenceFileIds) })),
        can: {
          answer: p.live && owner && (status === 'open' || status === 'reopened'),
          close: p.live && monitor && status === 'answered',
          reopen: p.live && monitor && status === 'answered',
        },
      };
    });
  }

  async list(actor: AuthUser, q: ListActionPointsQuery) {
    await this.access.requireAccess(actor, 'action_point.read', []);
    const scope: ActionPointFilter['scope'] | null = can(actor, 'grant.manage') ? { kind: 'all' }
      : actor.role === 'monitor' ? { kind: 'monitor', monitorId: actor.id }
        : actor.role === 'observer' ? { kind: 'live' }
          : actor.organizationId ? { kind: 'organization', organizationId: actor.organizationId } : null;
    if (!scope) throw AppError.notFound();
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const m = this.ds.manager;
    const { rows, total } = await this.repo.points(m, {
      scope, status: q.status, owner: q.owner, priority: q.priority, overdue: q.overdue === 'true', escalated: q.escalated === 'true',
      municipality: q.municipality, grantId: q.grantId, monitorId: q.monitorId, limit: pageSize, offset: (page - 1) * pageSize,
    });
    return { items: await this.views(m, actor, rows), total, page, pageSize };
  }

  async view(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'action_point.read', [id]);
    return this.viewOf(this.ds.manager, actor, id);
  }

  private async viewOf(m: EntityManager, actor: AuthUser, id: string) {
    const [v] = await this.views(m, actor, [await this.repo.point(m, id)]);
    return v;
  }

  private stale() {
    return AppError.conflict('version_conflict', 'The action point has changed since you opened it. Reload to see the changes.', [
      { field: 'version', code: 'version_conflict', message: 'The action point has changed since you opened it' },
    ]);
  }

  private check(actor: AuthUser, p: { owner: 'organisation' | 'secretariat'; status: ActionPointStatus }, to: ActionPointStatus, input: Parameters<typeof checkActionPointTransition>[4]) {
    const c = checkActionPointTransition({ role: actor.role, orgRole: actor.orgRole, active: actor.active }, p.owner, p.status, to, input);
    if (c.ok) return c.action;
    if (c.reason === 'not_allowed_for_actor') throw AppError.forbidden(to === 'answered' ? 'The action point is answered by its owner' : "The grant's monitor verifies action points");
    if (c.reason === 'reason_required') throw AppError.badRequest('reason', 'required', 'Say why the action point is reopened');
    if (c.reason === 'evidence_required') throw AppError.badRequest('answer', 'evidence_required', 'Say what was done, or attach the evidence');
    throw AppError.conflict('invalid_transition', `The action point is ${p.status} and cannot become ${to}`, [{ field: 'status', code: 'invalid_transition', message: `${p.status} → ${to}` }]);
  }

  /** A point and its grant, locked, live, at the version the actor saw. */
  private async locked(m: EntityManager, id: string, version: number) {
    const p = await this.repo.lockPoint(m, id);
    if (!p.live) throw AppError.notFound('action point');
    if (p.version !== version) throw this.stale();
    const g = await this.repo.grant(m, p.grantId);
    return { p, g };
  }

  async answer(actor: AuthUser, id: string, dto: AnswerActionPointDto) {
    await this.access.requireAccess(actor, 'action_point.read', [id]);
    await this.ds.transaction(async (m) => {
      const { p, g } = await this.locked(m, id, dto.version);
      const mine = p.owner === 'organisation' ? actor.organizationId === g.organizationId : can(actor, 'grant.manage');
      if (!mine) throw AppError.forbidden('The action point is answered by its owner');
      const evidenceFileIds = [...new Set(dto.evidenceFileIds ?? [])];
      const answer = dto.answer?.trim() || null;
      this.check(actor, p, 'answered', { answer, evidenceFileIds });
      const files = await this.repo.files(m, g.organizationId, evidenceFileIds);
      if (files.length !== evidenceFileIds.length) throw AppError.badRequest('evidenceFileIds', 'unknown_file', 'Upload the evidence first (POST /api/grants/:id/documents)');
      await changeActionPointStatus(m, this.audit, actor, id, 'answered', {
        set: { answer, evidenceFileIds, answeredAt: new Date(), answeredBy: actor.id },
        audit: { action: 'action_point.answered', summary: `${g.agreementNumber}: action point ${p.seq} answered by ${actor.email}${files.length ? ` with ${files.map((f) => f.fileName).join(', ')}` : ''}` },
      });
      await this.repo.insertPointEvent(m, { actionPointId: id, kind: 'answer', body: answer, evidenceFileIds, byUser: actor.id });
      await this.notifications.notify(m, {
        recipients: g.monitorId ? await this.repo.users(m, [g.monitorId]) : await this.repo.secretariat(m), kind: 'action_point.answered',
        params: { organization: g.organizationName, agreementNumber: g.agreementNumber, seq: p.seq, what: p.what }, link: `/action-points/${id}`, eventKey: `action_point:${id}:answered:${p.version}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, id);
  }

  /** The grant's monitor verifies an answered point: closes it, or reopens it saying why. */
  private async verify(actor: AuthUser, id: string, version: number, to: 'closed' | 'reopened', reason?: string) {
    await this.access.requireAccess(actor, 'action_point.read', [id]);
    await this.ds.transaction(async (m) => {
      const { p, g } = await this.locked(m, id, version);
      if (!(actor.role === 'monitor' && g.monitorId === actor.id)) throw AppError.forbidden("The grant's monitor verifies action points");
      const why = reason?.trim() || null;
      this.check(actor, p, to, { reason: why });
      await changeActionPointStatus(m, this.audit, actor, id, to, {
        set: to === 'closed' ? { closedAt: new Date(), closedBy: actor.id } : { reopenReason: why },
        audit: { action: `action_point.${to}`, summary: `${g.agreementNumber}: action point ${p.seq} ${to} by ${actor.email}${why ? `: ${why}` : ''}` },
      });
      await this.repo.insertPointEvent(m, { actionPointId: id, kind: to === 'closed' ? 'close' : 'reopen', body: why, evidenceFileIds: [], byUser: actor.id });
      await this.notifications.notify(m, {
        recipients: p.owner === 'organisation' ? await this.notifications.membersOf(m, g.organizationId) : await this.repo.secretariat(m),
        kind: to === 'closed' ? 'action_point.closed' : 'action_point.reopened',
        params: { agreementNumber: g.agreementNumber, seq: p.seq, what: p.what, reason: why ?? '', date: p.dueDate }, link: `/action-points/${id}`, eventKey: `action_point:${id}:${to}:${p.version}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, id);
  }

  close(actor: AuthUser, id: string, version: number) {
    return this.verify(actor, id, version, 'closed');
  }

  reopen(actor: AuthUser, id: string, version: number, reason: string) {
    return this.verify(actor, id, version, 'reopened', reason);
  }
}
