import { canTransitionExtension, canTransitionNarrativeReport, type ExtensionStatus, type NarrativeReportStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { NarrativeReportEntity, ReportExtensionRequestEntity } from './entities/narrative-report.entity';

const NARRATIVE_REPORT: StatusMachine<NarrativeReportEntity, NarrativeReportStatus> = {
  entity: NarrativeReportEntity, noun: 'narrative_report', canTransition: canTransitionNarrativeReport, label: (r) => `${r.kind} ${r.seq} of grant ${r.grantId}`,
};

const EXTENSION_REQUEST: StatusMachine<ReportExtensionRequestEntity, ExtensionStatus> = {
  entity: ReportExtensionRequestEntity, noun: 'report_extension_request', canTransition: canTransitionExtension, label: (e) => `of report ${e.reportId}`,
};

/** The only writer of `narrative_reports.status`: checks NARRATIVE_REPORT_TRANSITIONS (libs/domain narrative-reports.ts) and writes the audit row. */
export async function changeNarrativeReportStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: NarrativeReportStatus, opts: StatusChangeOptions<NarrativeReportEntity> = {},
): Promise<NarrativeReportEntity> {
  const [changed] = await changeStatus(m, audit, actor, NARRATIVE_REPORT, id, to, opts);
  return changed.row;
}

/** The only writer of `report_extension_requests.status`: checks EXTENSION_TRANSITIONS (libs/domain narrative-reports.ts) and writes the audit row. */
export async function changeExtensionRequestStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: ExtensionStatus, opts: StatusChangeOptions<ReportExtensionRequestEntity> = {},
): Promise<ReportExtensionRequestEntity> {
  const [changed] = await changeStatus(m, audit, actor, EXTENSION_REQUEST, id, to, opts);
  return changed.row;
}
