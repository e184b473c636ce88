import { canTransitionStrategyReport, type StrategyReportStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { StrategyReportEntity } from './entities/strategy-report.entity';

const STRATEGY_REPORT: StatusMachine<StrategyReportEntity, StrategyReportStatus> = {
  entity: StrategyReportEntity, noun: 'strategy_report', canTransition: canTransitionStrategyReport, label: (r) => `${r.kind} ${r.periodStart}–${r.periodEnd}`,
};

/** The only writer of `strategy_reports.status`: checks STRATEGY_REPORT_TRANSITIONS (libs/domain strategy-report.ts) and writes the audit row. */
export async function changeStrategyReportStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: StrategyReportStatus, opts: StatusChangeOptions<StrategyReportEntity> = {},
): Promise<StrategyReportEntity> {
  const [changed] = await changeStatus(m, audit, actor, STRATEGY_REPORT, id, to, opts);
  return changed.row;
}
