import { canTransitionApplication, type ApplicationStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { ApplicationEntity } from './entities/application.entity';

const APPLICATION: StatusMachine<ApplicationEntity, ApplicationStatus> = {
  entity: ApplicationEntity, noun: 'application', canTransition: canTransitionApplication, label: (a) => a.reference ?? a.id,
};

/**
 * The only writer of `applications.status`: checks APPLICATION_TRANSITIONS for each application (bulk changes
 * too: one illegal transition refuses them all) and writes the audit row, in the caller's transaction.
 */
export function changeApplicationStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, ids: string | readonly string[], to: ApplicationStatus,
  opts: StatusChangeOptions<ApplicationEntity> = {},
) {
  return changeStatus(m, audit, actor, APPLICATION, ids, to, opts);
}
