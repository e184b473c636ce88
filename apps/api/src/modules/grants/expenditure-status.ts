import { canTransitionExpenditureReport, type ExpenditureReportStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { ExpenditureReportEntity } from './entities/expenditure-report.entity';

const EXPENDITURE_REPORT: StatusMachine<ExpenditureReportEntity, ExpenditureReportStatus> = {
  entity: ExpenditureReportEntity, noun: 'expenditure_report', canTransition: canTransitionExpenditureReport, label: (r) => `${r.seq} of grant ${r.grantId}`,
};

/** The only writer of `expenditure_reports.status`: checks EXPENDITURE_REPORT_TRANSITIONS (libs/domain expenditure.ts) and writes the audit row. */
export async function changeExpenditureReportStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: ExpenditureReportStatus, opts: StatusChangeOptions<ExpenditureReportEntity> = {},
): Promise<ExpenditureReportEntity> {
  const [changed] = await changeStatus(m, audit, actor, EXPENDITURE_REPORT, id, to, opts);
  return changed.row;
}
