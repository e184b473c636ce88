import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkExtensionDecision, dueDateWithExtension, extensionProblems } from '@grants/domain';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { refuseClosedGrant } from '../grants/closed-grant';
import { NotificationsService } from '../notifications/notifications.service';
import type { ExtensionDecisionInputDto, ExtensionRequestInputDto } from './dtos/narrative-reports.dtos';
import { changeExtensionRequestStatus } from './narrative-report-status';
import { NarrativeReportsRepository } from './narrative-reports.repository';
import { NarrativeReportsService, standingOf } from './narrative-reports.service';

const TEXT: Record<string, string> = {
  required: 'Required',
  invalid_date: 'Not a calendar date',
  not_after_due_date: 'Not after the due date in force',
  too_long: 'Too long',
  already_handed_in: 'The report is already handed in: no more time is needed',
  request_pending: 'A request is already waiting for the Secretariat',
};

/**
 * Requests for more time: the organisation asks for a later due date with a reason (one request waiting at a time,
 * before the report is handed in); the Secretariat grants it (the due date in force moves, and with it the reminders)
 * or refuses it saying why. Both are told; the decision goes through the request's state function and its audit row.
 */
@Injectable()
export class ReportExtensionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly repo: NarrativeReportsRepository,
    private readonly reports: NarrativeReportsService,
  ) {}

  async request(actor: AuthUser, reportId: string, dto: ExtensionRequestInputDto) {
    await this.access.requireAccess(actor, 'narrative_report.read', [reportId]);
    await this.ds.transaction(async (m) => {
      const r = await this.repo.report(m, reportId, true);
      const g = await this.repo.grant(m, r.grantId);
      if (!standingOf(actor, g).organisation) throw AppError.forbidden('The organisation asks for more time for its report');
      refuseClosedGrant(g);
      if (g.status !== 'in_force') throw AppError.conflict('grant_not_in_force', 'Reports are handed in on a grant in force', [{ field: 'grant', code: 'grant_not_in_force', message: g.status }]);
      const requests = await this.repo.extensionRequests(m, r.id);
      const problems = extensionProblems(dto, { status: r.status, dueDate: r.dueDate }, requests);
      const onReport = problems.filter((p) => p.field === 'report');
      if (onReport.length) throw AppError.conflict(onReport[0].code, TEXT[onReport[0].code] ?? onReport[0].code, onReport.map((p) => ({ field: 'report', code: p.code, message: TEXT[p.code] ?? p.code })));
      if (problems.length) {
        throw new AppError(HttpStatus.BAD_REQUEST, 'invalid_extension_request', `The request cannot be made: ${problems.map((p) => `${p.field} ${p.code}`).join('; ')}`,
          problems.map((p) => ({ field: p.field, code: p.code, message: TEXT[p.code] ?? p.code })));
      }
      const reason = dto.reason.trim();
      const requestId = await this.repo.insertExtensionRequest(m, { reportId: r.id, requestedDueDate: dto.requestedDueDate, reason, requestedBy: actor.id });
      await this.audit.record(m, actor, {
        action: 'narrative_report.extension_requested', entity: 'report_extension_request', entityId: requestId,
        summary: `${g.agreementNumber}: ${r.kind} report ${r.seq} — ${actor.email} asks for ${dto.requestedDueDate} instead of ${r.dueDate}`,
      });
      await this.notifications.notify(m, {
        recipients: await this.repo.secretariat(m), kind: 'narrative_report.extension_requested',
        params: { organization: g.organizationName, agreementNumber: g.agreementNumber, seq: r.seq, date: dto.requestedDueDate, due: r.dueDate, reason },
        link: `/reports/${r.id}`, eventKey: `narrative_report:${r.id}:extension:${requestId}:requested`,
      });
    });
    return this.reports.viewAfter(actor, reportId);
  }

  async decide(actor: AuthUser, reportId: string, requestId: string, dto: ExtensionDecisionInputDto) {
    await this.access.requireAccess(actor, 'narrative_report.read', [reportId]);
    await this.ds.transaction(async (m) => {
      const r = await this.repo.report(m, reportId, true);
      const g = await this.repo.grant(m, r.grantId);
      if (!standingOf(actor, g).secretariat) throw AppError.forbidden('The Secretariat decides requests for more time');
      refuseClosedGrant(g);
      const requests = await this.repo.extensionRequests(m, r.id);
      const x = requests.find((q) => q.id === requestId);
      if (!x) throw AppError.notFound('extension request');
      const note = dto.note?.trim() || null;
      const check = checkExtensionDecision({ role: actor.role, orgRole: actor.orgRole, active: actor.active }, x, dto.decision, r.dueDate, { reason: note });
      if (!check.ok) {
        if (check.reason === 'not_allowed_for_actor') throw AppError.forbidden();
        if (check.reason === 'reason_required') throw AppError.badRequest('note', 'required', 'Say why the request is refused');
        if (check.reason === 'no_such_transition') throw AppError.conflict('invalid_transition', `The request is ${x.status}: it is decided once`, [{ field: 'status', code: 'invalid_transition', message: `${x.status} → ${dto.decision}` }]);
        throw AppError.conflict(check.reason, `The date asked for is ${check.reason === 'invalid_date' ? 'not a calendar date' : 'not after the due date in force'}`, [{ field: 'requestedDueDate', code: check.reason, message: r.dueDate }]);
      }
      await changeExtensionRequestStatus(m, this.audit, actor, x.id, dto.decision, {
        set: { decidedBy: actor.id, decidedAt: new Date(), decisionNote: note },
        audit: {
          action: `narrative_report.extension_${dto.decision}`, entity: 'report_extension_request', entityId: x.id,
          summary: `${g.agreementNumber}: ${r.kind} report ${r.seq} — more time to ${x.requestedDueDate} ${dto.decision} by ${actor.email}${note ? `: ${note}` : ''}; due ${check.dueDate}`,
        },
      });
      let due = r.dueDate;
      if (check.action === 'grant') {
        due = dueDateWithExtension(r.scheduledDueDate, [...requests.filter((q) => q.id !== x.id), { ...x, status: 'granted' }]);
        await this.repo.setExtendedDueDate(m, r.id, due);
      }
      await this.notifications.notify(m, {
        recipients: await this.notifications.membersOf(m, g.organizationId), kind: 'narrative_report.extension_decided',
        params: { agreementNumber: g.agreementNumber, seq: r.seq, date: due, requested: x.requestedDueDate, note: note ?? '' },
        link: `/reports/${r.id}`, eventKey: `narrative_report:${r.id}:extension:${x.id}:${dto.decision}`,
      });
    });
    return this.reports.viewAfter(actor, reportId);
  }
}
