import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  actionPointProblems, can, canCommentOnVisitReport, checkVisitReportTransition, isVisitReportEditable, isVisitReportVisibleToOrganisation, monitoringActorKinds,
  sniffFileType, visitAnnouncedInAdvance, visitPlanProblems, visitReportCanonicalContent, visitReportProblems, workPlanActivities,
  type VisitReportContent, type VisitReportStatus, type VisitType,
} from '@grants/domain';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { PhotoRejectedError, stripPhotoMetadata } from '../../common/photo';
import { AuditService } from '../audit/audit.service';
import { FileEntity } from '../files/entities/file.entity';
import { FilesService, type Upload } from '../files/files.service';
import { FILE_STORAGE, type FileStorage } from '../files/storage';
import { NotificationsService } from '../notifications/notifications.service';
import { ActionPointsService } from './action-points.service';
import type { ListVisitsQuery, PlanVisitDto, ReviewVisitReportDto, SaveVisitReportDto, UpdateVisitDto, VisitPhotoUploadDto } from './dtos/monitoring.dtos';
import type { VisitReportEntity } from './entities/visit-report.entity';
import { refuseClosedGrant } from '../grants/closed-grant';
import { changeVisitReportStatus } from './monitoring-status';
import { MonitoringRepository, type MonitoredGrant, type VisitFilter, type VisitRow } from './monitoring.repository';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Plain-English wording of each problem code; the screens translate `code` (monitoring.problems.<code>). */
const PROBLEM_TEXT: Record<string, string> = {
  required: 'Required',
  invalid: 'Not one of the allowed values',
  invalid_date: 'Not a calendar date',
  in_the_past: 'A visit is planned for today or later',
  before_grant_start: 'Before the grant starts',
  after_grant_end: 'After the grant ends',
  too_long: 'Too long',
  not_in_work_plan: "Not an activity of the grant's current work plan",
  duplicate: 'Given twice',
  activity_not_assessed: 'Every activity of the work plan needs a status',
  required_for_rating: 'A rating of 2 or 3 needs the reasons and the corrective actions',
  not_positive_integer: 'A whole number of at least 1',
  not_non_negative_integer: 'A whole number, 0 or more',
  too_many: 'Too many',
  before_visit: 'Due before the visit',
};

type Problem = { field: string; code: string; params?: Record<string, string | number> };
const details = (problems: readonly Problem[]) => problems.map((p) => ({ field: p.field, code: p.code, message: PROBLEM_TEXT[p.code] ?? p.code }));

/** The content as stored: every key present, nothing the domain does not know. */
function normalizeContent(c: SaveVisitReportDto['content']): VisitReportContent {
  const text = (s: string | null | undefined) => (typeof s === 'string' && s.trim() !== '' ? s : null);
  return {
    activities: c.activities.map((a) => ({ activityId: a.activityId, status: a.status ?? null, comment: text(a.comment) })),
    rating: c.rating ?? null,
    ratingReasons: text(c.ratingReasons),
    correctiveActions: text(c.correctiveActions),
    findings: text(c.findings),
    recommendations: text(c.recommendations),
    peopleMet: c.peopleMet.map((p) => ({ function: p.function.trim(), count: p.count })),
    beneficiariesObserved: c.beneficiariesObserved.map((b) => ({ group: b.group.trim(), count: b.count })),
  };
}

/** Who the actor is to this grant. */
type Standing = { secretariat: boolean; monitor: boolean; organisation: boolean; observer: boolean };

/**
 * Monitoring visits and their reports. The grant's monitor (or the Secretariat) plans a visit; the organisation is
 * told of announced ones only. The monitor writes the report (online, or synced from the phone with the version it
 * was edited from: a changed report is a 409, never overwritten), with photos stripped of their metadata; submits it;
 * the Secretariat accepts or returns it, then shares it: frozen with its SHA-256, its action points go live, the
 * organisation is told; later comments are appended. Every read and change starts at the access check.
 */
@Injectable()
export class VisitsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly files: FilesService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly repo: MonitoringRepository,
    private readonly points: ActionPointsService,
  ) {}

  private standing(actor: AuthUser, g: MonitoredGrant): Standing {
    return {
      secretariat: can(actor, 'grant.manage'),
      monitor: actor.role === 'monitor' && g.monitorId === actor.id,
      organisation: !!actor.organizationId && actor.organizationId === g.organizationId,
      observer: actor.role === 'observer',
    };
  }

  private stale() {
    return AppError.conflict('version_conflict', 'The report has changed since you opened it (on another device, or by someone else). Reload to see the changes.', [
      { field: 'version', code: 'version_conflict', message: 'The report has changed since you opened it' },
    ]);
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading

  async list(actor: AuthUser, q: ListVisitsQuery) {
    await this.access.requireAccess(actor, 'visit.read', []);
    const scope: VisitFilter['scope'] = can(actor, 'grant.manage') ? { kind: 'all' }
      : actor.role === 'monitor' ? { kind: 'monitor', monitorId: actor.id }
        : actor.role === 'observer' ? { kind: 'shared' }
          : actor.organizationId ? { kind: 'organization', organizationId: actor.organizationId } : null as never;
    if (!scope) throw AppError.notFound();
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 100;
    const { rows, total } = await this.repo.visits(this.ds.manager, {
      scope, from: q.from, to: q.to, monitorId: q.monitorId, grantId: q.grantId, reportStatus: q.reportStatus, limit: pageSize, offset: (page - 1) * pageSize,
    });
    const hideReport = scope.kind === 'organization' || scope.kind === 'shared';
    return { items: rows.map((r) => this.summary(r, hideReport)), total, page, pageSize };
  }

  async ofGrant(actor: AuthUser, grantId: string) {
    await this.access.requireAccess(actor, 'grant.read.own', [grantId]);
    const g = await this.repo.grant(this.ds.manager, grantId);
    const s = this.standing(actor, g);
    const scope: VisitFilter['scope'] = s.secretariat || s.monitor ? { kind: 'all' } : s.organisation ? { kind: 'organization', organizationId: g.organizationId } : { kind: 'shared' };
    const { rows } = await this.repo.visits(this.ds.manager, { scope, grantId, limit: 1000, offset: 0 });
    return { items: rows.map((r) => this.summary(r, !(s.secretariat || s.monitor))) };
  }

  private summary(r: VisitRow, hideUnshared: boolean) {
    const shared = r.reportStatus === 'shared';
    return {
      id: r.id, grantId: r.grantId, agreementNumber: r.agreementNumber, organizationName: r.organizationName, municipality: r.municipality,
      monitorId: r.monitorId, monitorName: r.monitorName, type: r.type, date: r.date, purpose: r.purpose,
      reportStatus: (hideUnshared && !shared ? null : r.reportStatus) as VisitReportStatus | null,
      rating: hideUnshared && !shared ? null : r.rating, openActionPoints: hideUnshared && !shared ? 0 : r.openActionPoints,
    };
  }

  async view(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'visit.read', [id]);
    return this.viewOf(this.ds.manager, actor, id);
  }

  private async viewOf(m: EntityManager, actor: AuthUser, id: string) {
    const v = await this.repo.visit(m, id);
    const g = await this.repo.grant(m, v.grantId);
    const s = this.standing(actor, g);
    const r = await this.repo.reportOfVisit(m, id);
    const staff = s.secretariat || s.monitor;
    const showReport = staff || isVisitReportVisibleToOrganisation(r.status);
    const today = await this.repo.today(m);
    const workPlan = workPlanActivities(g.logframe);
    const editable = isVisitReportEditable(r.status) && g.status === 'in_force';
    const kinds = monitoringActorKinds(actor);
    return {
      ...this.summary(v, !staff), version: v.version, grantStartDate: g.startDate, grantEndDate: g.endDate, workPlan,
      report: showReport ? await this.reportView(m, actor, v, r, workPlan.map((a) => a.activityId), staff) : null,
      can: {
        edit: s.monitor && editable,
        submit: s.monitor && editable && v.date <= today,
        review: s.secretariat && r.status === 'submitted',
        share: s.secretariat && r.status === 'accepted',
        comment: canCommentOnVisitReport(r.status, actor) && kinds.size > 0 && (staff || s.organisation),
        reschedule: (s.monitor || s.secretariat) && r.status === 'draft' && g.status === 'in_force',
      },
    };
  }

  private async reportView(m: EntityManager, actor: AuthUser, v: VisitRow, r: VisitReportEntity, workPlanIds: string[], staff: boolean) {
    const photos = await this.repo.photos(m, r.id);
    const points = await this.repo.pointsOfReport(m, r.id);
    const content = r.content;
    const problems: Problem[] = staff && isVisitReportEditable(r.status)
      ? [...visitReportProblems(content, workPlanIds, 'submit'), ...points.flatMap((p, i) => actionPointProblems(p, v.date).map((x) => ({ ...x, field: `actionPoints.${i}.${x.field}` })))]
      : [];
    return {
      id: r.id, status: r.status, version: r.version,
      content: {
        activities: content.activities ?? [], rating: content.rating ?? null, ratingReasons: content.ratingReasons ?? null, correctiveActions: content.correctiveActions ?? null,
        findings: content.findings ?? null, recommendations: content.recommendations ?? null, peopleMet: content.peopleMet ?? [], beneficiariesObserved: content.beneficiariesObserved ?? [],
      },
      sha256: r.sha256, reviewComment: staff ? r.reviewComment : null,
      submittedAt: iso(r.submittedAt), reviewedAt: iso(r.reviewedAt), sharedAt: iso(r.sharedAt), updatedAt: iso(r.updatedAt),
      photos: photos.map((p) => ({ id: p.id, clientKey: p.clientKey, caption: p.caption, width: p.width, height: p.height, url: `/api/visits/${v.id}/report/photos/${p.id}` })),
      actionPoints: await this.points.views(m, actor, points),
      comments: (await this.repo.comments(m, r.id)).map((c) => ({ ...c, createdAt: iso(c.createdAt)! })),
      problems,
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Planning

  async plan(actor: AuthUser, grantId: string, dto: PlanVisitDto) {
    await this.access.requireAccess(actor, 'monitoring.visit', [grantId]);
    const id = await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, grantId, true);
      if (g.status !== 'in_force') throw AppError.conflict('grant_not_in_force', 'Visits are planned on a grant in force', [{ field: 'grant', code: 'grant_not_in_force', message: g.status }]);
      if (!g.monitorId) throw AppError.conflict('no_monitor', 'Assign the grant a monitor first', [{ field: 'grant', code: 'no_monitor', message: 'no monitor' }]);
      const today = await this.repo.today(m);
      const problems = visitPlanProblems(dto, { startDate: g.startDate!, endDate: g.endDate! }, today);
      if (problems.length) throw new AppError(HttpStatus.BAD_REQUEST, 'invalid_visit', `The visit cannot be planned: ${problems.map((p) => `${p.field} ${p.code}`).join('; ')}`, details(problems));
      const purpose = dto.purpose.trim();
      const visitId = await this.repo.insertVisit(m, { grantId, monitorId: g.monitorId, type: dto.type, date: dto.date, purpose, createdBy: actor.id });
      await this.audit.record(m, actor, { action: 'visit.planned', entity: 'monitoring_visit', entityId: visitId, summary: `${g.agreementNumber}: ${dto.type} visit on ${dto.date} planned by ${actor.email}` });
      if (visitAnnouncedInAdvance(dto.type)) {
        await this.notifications.notify(m, {
          recipients: await this.notifications.membersOf(m, g.organizationId), kind: 'visit.planned',
          params: { agreementNumber: g.agreementNumber, monitor: g.monitorName ?? '', date: dto.date, purpose }, link: `/visits/${visitId}`, eventKey: `visit:${visitId}:planned`,
        });
      }
      return visitId;
    });
    return this.viewOf(this.ds.manager, actor, id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateVisitDto) {
    const grantId = await this.repo.grantIdOfVisit(this.ds.manager, id);
    await this.access.requireAccess(actor, 'visit.read', [id]);
    await this.access.requireAccess(actor, 'monitoring.visit', [grantId]);
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, grantId, true);
      const v = await this.repo.visit(m, id, true);
      if (v.version !== dto.version) throw AppError.conflict('version_conflict', 'The visit has changed since you opened it. Reload to see the changes.', [{ field: 'version', code: 'version_conflict', message: 'The visit has changed' }]);
      if (v.reportStatus !== 'draft') throw AppError.conflict('report_submitted', 'The visit took place: its report is submitted', [{ field: 'date', code: 'report_submitted', message: v.reportStatus }]);
      const next = { type: (dto.type ?? v.type) as VisitType, date: dto.date ?? v.date, purpose: (dto.purpose ?? v.purpose).trim() };
      const today = await this.repo.today(m);
      const problems = visitPlanProblems(next, { startDate: g.startDate!, endDate: g.endDate! }, today);
      // a visit of today or before that keeps its date may stay as it is (it took place or takes place now)
      const kept = problems.filter((p) => !(p.code === 'in_the_past' && next.date === v.date));
      if (kept.length) throw new AppError(HttpStatus.BAD_REQUEST, 'invalid_visit', `The visit cannot be changed: ${kept.map((p) => `${p.field} ${p.code}`).join('; ')}`, details(kept));
      await this.repo.updateVisit(m, id, next);
      await this.audit.record(m, actor, { action: 'visit.changed', entity: 'monitoring_visit', entityId: id, summary: `${g.agreementNumber}: visit ${v.type} ${v.date} → ${next.type} ${next.date} by ${actor.email}` });
      if (visitAnnouncedInAdvance(next.type) && (next.date !== v.date || next.type !== v.type)) {
        const wasAnnounced = visitAnnouncedInAdvance(v.type);
        await this.notifications.notify(m, {
          recipients: await this.notifications.membersOf(m, g.organizationId), kind: wasAnnounced ? 'visit.rescheduled' : 'visit.planned',
          params: { agreementNumber: g.agreementNumber, monitor: g.monitorName ?? '', date: next.date, purpose: next.purpose }, link: `/visits/${id}`, eventKey: `visit:${id}:moved:${v.version}`,
        });
      }
    });
    return this.viewOf(this.ds.manager, actor, id);
  }

  // -------------------------------------------------------------------------------------------------------
  // The monitor's report

  /** The grant's monitor, on a report it may still edit; anyone else who reaches it is refused (403), others 404. */
  private async editable(m: EntityManager, actor: AuthUser, visitId: string) {
    const v = await this.repo.visit(m, visitId, true);
    const g = await this.repo.grant(m, v.grantId);
    if (!(actor.role === 'monitor' && g.monitorId === actor.id)) throw AppError.forbidden('Only the grant\'s monitor writes the visit report');
    const r = await this.repo.reportOfVisit(m, visitId, true);
    if (!isVisitReportEditable(r.status)) {
      throw AppError.conflict('not_editable', `The report is ${r.status}: it is no longer changed`, [{ field: 'status', code: 'not_editable', message: r.status }]);
    }
    refuseClosedGrant(g);
    if (g.status !== 'in_force') throw AppError.conflict('grant_not_in_force', 'Visit reports are written on a grant in force', [{ field: 'grant', code: 'grant_not_in_force', message: g.status }]);
    return { v, g, r };
  }

  async save(actor: AuthUser, visitId: string, dto: SaveVisitReportDto) {
    await this.access.requireAccess(actor, 'visit.read', [visitId]);
    await this.ds.transaction(async (m) => {
      const { v, g, r } = await this.editable(m, actor, visitId);
      if (r.version !== dto.version) throw this.stale();
      const content = normalizeContent(dto.content);
      const workPlan = workPlanActivities(g.logframe).map((a) => a.activityId);
      const problems: Problem[] = [
        ...visitReportProblems(content, workPlan, 'draft').map((p) => ({ ...p, field: `content.${p.field}` })),
        ...dto.actionPoints.flatMap((p, i) => actionPointProblems(p, v.date).map((x) => ({ ...x, field: `actionPoints.${i}.${x.field}` }))),
      ];
      if (problems.length) throw new AppError(HttpStatus.BAD_REQUEST, 'invalid_report', `The report cannot be saved: ${problems.map((p) => `${p.field} ${p.code}`).join('; ')}`, details(problems));
      const known = new Set(await this.repo.pointIdsOfReport(m, r.id));
      const foreign = dto.actionPoints.findIndex((p) => p.id && !known.has(p.id));
      if (foreign >= 0) throw AppError.badRequest(`actionPoints.${foreign}.id`, 'unknown_action_point', 'Not an action point of this report');
      await this.repo.saveContent(m, r.id, content, actor.id);
      await this.repo.replacePoints(m, { id: r.id, grantId: g.id }, dto.actionPoints.map((p) => ({ ...p, what: p.what.trim() })), actor.id);
      await this.audit.record(m, actor, {
        action: 'visit_report.saved', entity: 'visit_report', entityId: r.id,
        summary: `${g.agreementNumber}: report of the visit of ${v.date} saved by ${actor.email} (version ${r.version}, rating ${content.rating ?? '—'}, ${content.activities.length} activities, ${dto.actionPoints.length} action points)`,
      });
    });
    return this.viewOf(this.ds.manager, actor, visitId);
  }

  async uploadPhoto(actor: AuthUser, visitId: string, upload: (Upload & { mimetype?: string }) | undefined, dto: VisitPhotoUploadDto) {
    await this.access.requireAccess(actor, 'visit.read', [visitId]);
    return this.ds.transaction(async (m) => {
      const { g, r } = await this.editable(m, actor, visitId);
      const clientKey = dto.clientKey.trim();
      const existing = await this.repo.photoByClientKey(m, r.id, clientKey);
      if (existing) return this.photoView(visitId, existing);
      if (!upload || !upload.buffer?.length) throw AppError.badRequest('file', 'required', 'Choose a photo');
      const sniffed = sniffFileType(new Uint8Array(upload.buffer.subarray(0, 4100)));
      let stripped;
      try {
        stripped = await stripPhotoMetadata(upload.buffer, sniffed?.mime ?? upload.mimetype ?? '');
      } catch (e) {
        if (e instanceof PhotoRejectedError) {
          throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'photo_rejected', e.code === 'too_large' ? 'The photo is too large' : 'Upload a photo: JPEG, PNG or WebP', [{ field: 'file', code: e.code, message: e.code }]);
        }
        throw e;
      }
      // stored with no organisation, call or application: the generic file route never serves it; only the visit's photo route, through the visit's access
      const file = await this.files.store(m, { originalname: upload.originalname || 'photo', buffer: stripped.buffer, size: stripped.buffer.length }, { organizationId: null, userId: actor.id });
      const caption = dto.caption?.trim() || null;
      const id = await this.repo.insertPhoto(m, { reportId: r.id, fileId: file.id, clientKey, caption, width: stripped.width, height: stripped.height, createdBy: actor.id });
      await this.audit.record(m, actor, {
        action: 'visit_report.photo_added', entity: 'visit_report', entityId: r.id,
        summary: `${g.agreementNumber}: photo ${file.fileName} (${stripped.width}×${stripped.height}, metadata removed, SHA-256 ${file.sha256}) added by ${actor.email}`,
      });
      return this.photoView(visitId, { id, clientKey, caption, width: stripped.width, height: stripped.height });
    });
  }

  private photoView(visitId: string, p: { id: string; clientKey: string; caption: string | null; width: number; height: number }) {
    return { id: p.id, clientKey: p.clientKey, caption: p.caption, width: p.width, height: p.height, url: `/api/visits/${visitId}/report/photos/${p.id}` };
  }

  async deletePhoto(actor: AuthUser, visitId: string, photoId: string) {
    await this.access.requireAccess(actor, 'visit.read', [visitId]);
    await this.ds.transaction(async (m) => {
      const { g, r } = await this.editable(m, actor, visitId);
      const p = await this.repo.photo(m, r.id, photoId);
      if (!p) throw AppError.notFound('photo');
      await this.repo.deletePhoto(m, photoId);
      await this.audit.record(m, actor, { action: 'visit_report.photo_removed', entity: 'visit_report', entityId: r.id, summary: `${g.agreementNumber}: photo ${photoId} removed by ${actor.email}` });
    });
  }

  async photoFile(actor: AuthUser, visitId: string, photoId: string) {
    await this.access.requireAccess(actor, 'visit.read', [visitId]);
    const m = this.ds.manager;
    const v = await this.repo.visit(m, visitId);
    const g = await this.repo.grant(m, v.grantId);
    const s = this.standing(actor, g);
    const r = await this.repo.reportOfVisit(m, visitId);
    if (!(s.secretariat || s.monitor) && !isVisitReportVisibleToOrganisation(r.status)) throw AppError.notFound('photo');
    const p = await this.repo.photo(m, r.id, photoId);
    if (!p) throw AppError.notFound('photo');
    const file = await m.getRepository(FileEntity).findOneOrFail({ where: { id: p.fileId } });
    return { file, stream: await this.storage.get(file.storageKey) };
  }

  async submit(actor: AuthUser, visitId: string, version: number) {
    await this.access.requireAccess(actor, 'visit.read', [visitId]);
    await this.ds.transaction(async (m) => {
      const { v, g, r } = await this.editable(m, actor, visitId);
      if (r.version !== version) throw this.stale();
      this.allowed(actor, r.status, 'submitted');
      const today = await this.repo.today(m);
      if (v.date > today) throw AppError.conflict('visit_not_yet', `The visit is on ${v.date}: its report is submitted once it took place`, [{ field: 'date', code: 'visit_not_yet', message: v.date }]);
      const workPlan = workPlanActivities(g.logframe).map((a) => a.activityId);
      const points = await this.repo.pointsOfReport(m, r.id);
      const problems: Problem[] = [
        ...visitReportProblems(r.content, workPlan, 'submit').map((p) => ({ ...p, field: `content.${p.field}` })),
        ...points.flatMap((p, i) => actionPointProblems(p, v.date).map((x) => ({ ...x, field: `actionPoints.${i}.${x.field}` }))),
      ];
      if (problems.length) throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_report', `The report cannot be submitted: ${problems.map((p) => `${p.field} ${p.code}`).join('; ')}`, details(problems));
      await changeVisitReportStatus(m, this.audit, actor, r.id, 'submitted', {
        set: { submittedAt: new Date(), submittedBy: actor.id },
        audit: { action: 'visit_report.submitted', summary: `${g.agreementNumber}: report of the visit of ${v.date} submitted by ${actor.email}, rating ${r.content.rating}, ${points.length} action points` },
      });
      await this.notifications.notify(m, {
        recipients: await this.repo.secretariat(m), kind: 'visit_report.submitted',
        params: { monitor: actor.fullName, date: v.date, organization: g.organizationName, agreementNumber: g.agreementNumber, rating: r.content.rating ?? 0 },
        link: `/visits/${visitId}`, eventKey: `visit_report:${r.id}:submitted:${r.version}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, visitId);
  }

  private allowed(actor: AuthUser, from: VisitReportStatus, to: VisitReportStatus, reason?: string | null) {
    const check = checkVisitReportTransition({ role: actor.role, orgRole: actor.orgRole, active: actor.active }, from, to, reason);
    if (check.ok) return check.action;
    if (check.reason === 'not_allowed_for_actor') throw AppError.forbidden();
    if (check.reason === 'reason_required') throw AppError.badRequest('comment', 'required', 'Say what is to be corrected');
    throw AppError.conflict('invalid_transition', `The report is ${from} and cannot become ${to}`, [{ field: 'status', code: 'invalid_transition', message: `${from} → ${to}` }]);
  }

  // -------------------------------------------------------------------------------------------------------
  // The Secretariat's review and sharing

  /**
   * The Secretariat of the visit's grant, checked before the transaction opens: the access check reads on a
   * connection of its own, and one taken while a transaction holds another (and the visit's row lock) is how 20
   * requests at once would hold every connection of the pool and wait for a 21st. A visit never changes grant.
   */
  private async requireSecretariat(actor: AuthUser, visitId: string) {
    await this.access.requireAccess(actor, 'visit.read', [visitId]);
    const v = await this.repo.visit(this.ds.manager, visitId, false);
    await this.access.requireAccess(actor, 'grant.manage', [v.grantId]);
  }

  private async forSecretariat(m: EntityManager, visitId: string) {
    const v = await this.repo.visit(m, visitId, true);
    const g = await this.repo.grant(m, v.grantId);
    const r = await this.repo.reportOfVisit(m, visitId, true);
    return { v, g, r };
  }

  async review(actor: AuthUser, visitId: string, dto: ReviewVisitReportDto) {
    await this.requireSecretariat(actor, visitId);
    await this.ds.transaction(async (m) => {
      const { v, g, r } = await this.forSecretariat(m, visitId);
      if (r.version !== dto.version) throw this.stale();
      const to = dto.decision === 'accept' ? 'accepted' : 'returned';
      const comment = dto.comment?.trim() || null;
      this.allowed(actor, r.status, to, comment);
      await changeVisitReportStatus(m, this.audit, actor, r.id, to, {
        set: { reviewedAt: new Date(), reviewedBy: actor.id, reviewComment: comment },
        audit: { action: `visit_report.${to}`, summary: `${g.agreementNumber}: report of the visit of ${v.date} ${to} by ${actor.email}${comment ? `: ${comment}` : ''}` },
      });
      await this.notifications.notify(m, {
        recipients: await this.repo.users(m, [v.monitorId]), kind: to === 'accepted' ? 'visit_report.accepted' : 'visit_report.returned',
        params: { date: v.date, agreementNumber: g.agreementNumber, reason: comment ?? '' }, link: `/visits/${visitId}`, eventKey: `visit_report:${r.id}:${to}:${r.version}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, visitId);
  }

  async share(actor: AuthUser, visitId: string, version: number) {
    await this.requireSecretariat(actor, visitId);
    await this.ds.transaction(async (m) => {
      const { v, g, r } = await this.forSecretariat(m, visitId);
      if (r.version !== version) throw this.stale();
      this.allowed(actor, r.status, 'shared');
      const photos = await this.repo.photos(m, r.id);
      const sha256 = createHash('sha256').update(visitReportCanonicalContent({ ...r.content, photoFileIds: photos.map((p) => p.fileId) }), 'utf8').digest('hex');
      await changeVisitReportStatus(m, this.audit, actor, r.id, 'shared', {
        set: { sharedAt: new Date(), sharedBy: actor.id, sha256 },
        audit: { action: 'visit_report.shared', summary: `${g.agreementNumber}: report of the visit of ${v.date} shared with ${g.organizationName} by ${actor.email}, frozen with SHA-256 ${sha256}` },
      });
      const count = await this.repo.makePointsLive(m, r.id);
      await this.notifications.notify(m, {
        recipients: await this.notifications.membersOf(m, g.organizationId), kind: 'visit_report.shared',
        params: { date: v.date, agreementNumber: g.agreementNumber, count }, link: `/visits/${visitId}`, eventKey: `visit_report:${r.id}:shared`,
      });
    });
    return this.viewOf(this.ds.manager, actor, visitId);
  }

  /** A comment appended to a shared report by the organisation, the monitor or the Secretariat; the content stays frozen. */
  async comment(actor: AuthUser, visitId: string, body: string) {
    await this.access.requireAccess(actor, 'visit.read', [visitId]);
    await this.ds.transaction(async (m) => {
      const v = await this.repo.visit(m, visitId, true);
      const g = await this.repo.grant(m, v.grantId);
      const s = this.standing(actor, g);
      const r = await this.repo.reportOfVisit(m, visitId);
      if (!(s.secretariat || s.monitor || s.organisation)) throw AppError.forbidden('Observers read visit reports; they do not comment');
      if (!canCommentOnVisitReport(r.status, actor)) throw AppError.conflict('not_shared', 'Comments are added once the report is shared', [{ field: 'status', code: 'not_shared', message: r.status }]);
      const authorKind = s.secretariat ? 'secretariat' : s.monitor ? 'monitor' : 'organisation';
      await this.repo.insertComment(m, { reportId: r.id, authorId: actor.id, authorKind, body: body.trim() });
      await this.audit.record(m, actor, { action: 'visit_report.commented', entity: 'visit_report', entityId: r.id, summary: `${g.agreementNumber}: comment on the report of the visit of ${v.date} by ${actor.email}` });
      const recipients = authorKind === 'organisation'
        ? [...(await this.repo.users(m, [v.monitorId])), ...(await this.repo.secretariat(m))]
        : await this.notifications.membersOf(m, g.organizationId);
      await this.notifications.notify(m, {
        recipients: recipients.filter((x) => x.id !== actor.id), kind: 'visit_report.commented',
        params: { author: actor.fullName, date: v.date, agreementNumber: g.agreementNumber }, link: `/visits/${visitId}`, eventKey: `visit_report:${r.id}:comment:${Date.now()}:${actor.id}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, visitId);
  }
}
