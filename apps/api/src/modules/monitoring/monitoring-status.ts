import { canTransitionActionPoint, canTransitionVisitReport, type ActionPointStatus, type VisitReportStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { ActionPointEntity } from './entities/action-point.entity';
import { VisitReportEntity } from './entities/visit-report.entity';

const VISIT_REPORT: StatusMachine<VisitReportEntity, VisitReportStatus> = {
  entity: VisitReportEntity, noun: 'visit_report', canTransition: canTransitionVisitReport, label: (r) => `of visit ${r.visitId}`,
};

const ACTION_POINT: StatusMachine<ActionPointEntity, ActionPointStatus> = {
  entity: ActionPointEntity, noun: 'action_point', canTransition: canTransitionActionPoint, label: (p) => `${p.seq} of report ${p.reportId}`,
};

/** The only writer of `visit_reports.status`: checks VISIT_REPORT_TRANSITIONS (libs/domain monitoring-visits.ts) and writes the audit row. */
export async function changeVisitReportStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: VisitReportStatus, opts: StatusChangeOptions<VisitReportEntity> = {},
): Promise<VisitReportEntity> {
  const [changed] = await changeStatus(m, audit, actor, VISIT_REPORT, id, to, opts);
  return changed.row;
}

/** The only writer of `action_points.status`: checks ACTION_POINT_TRANSITIONS (libs/domain action-points.ts) and writes the audit row. */
export async function changeActionPointStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: ActionPointStatus, opts: StatusChangeOptions<ActionPointEntity> = {},
): Promise<ActionPointEntity> {
  const [changed] = await changeStatus(m, audit, actor, ACTION_POINT, id, to, opts);
  return changed.row;
}
