import { canTransitionInfoSession, type InfoSessionStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { InfoSessionEntity } from './entities/call.entity';

const INFO_SESSION: StatusMachine<InfoSessionEntity, InfoSessionStatus> = {
  entity: InfoSessionEntity, noun: 'info session', canTransition: canTransitionInfoSession, label: (s) => s.startsAt.toISOString(),
};

/**
 * The only writer of `info_sessions.status`: checks INFO_SESSION_TRANSITIONS and writes the audit row, in the caller's
 * transaction. Audit rows of info sessions name their call (pass `audit` with the call as the entity).
 */
export async function changeInfoSessionStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: InfoSessionStatus, opts: StatusChangeOptions<InfoSessionEntity> = {},
): Promise<InfoSessionEntity> {
  const [changed] = await changeStatus(m, audit, actor, INFO_SESSION, id, to, opts);
  return changed.row;
}
