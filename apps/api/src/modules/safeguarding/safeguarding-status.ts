import { canTransitionSafeguarding, type SafeguardingStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { SafeguardingReportEntity } from './entities/safeguarding-report.entity';

const SAFEGUARDING_REPORT: StatusMachine<SafeguardingReportEntity, SafeguardingStatus> = {
  entity: SafeguardingReportEntity, noun: 'safeguarding_report', canTransition: canTransitionSafeguarding, label: (r) => r.id,
};

/** The only writer of `safeguarding_reports.status`: checks SAFEGUARDING_TRANSITIONS (libs/domain safeguarding.ts); the audit row names the report, never its content. */
export async function changeSafeguardingStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: SafeguardingStatus, opts: StatusChangeOptions<SafeguardingReportEntity> = {},
): Promise<SafeguardingReportEntity> {
  const [changed] = await changeStatus(m, audit, actor, SAFEGUARDING_REPORT, id, to, opts);
  return changed.row;
}
