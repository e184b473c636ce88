import { canTransitionCall, type CallStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { CallEntity } from './entities/call.entity';

const CALL: StatusMachine<CallEntity, CallStatus> = { entity: CallEntity, noun: 'call', canTransition: canTransitionCall, label: (c) => c.reference };

/** The only writer of `calls.status`: checks CALL_TRANSITIONS and writes the audit row, in the caller's transaction. */
export async function changeCallStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: CallStatus, opts: StatusChangeOptions<CallEntity> = {},
): Promise<CallEntity> {
  const [changed] = await changeStatus(m, audit, actor, CALL, id, to, opts);
  return changed.row;
}
