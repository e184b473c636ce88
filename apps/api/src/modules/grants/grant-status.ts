import {
  canTransitionGrant, canTransitionGrantAmendment, canTransitionRecoveryOrder, canTransitionTranche, type GrantAmendmentStatus, type GrantStatus,
  type RecoveryOrderStatus, type TrancheStatus,
} from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { GrantAmendmentEntity, GrantEntity, TrancheEntity } from './entities/grant.entity';
import { RecoveryOrderEntity } from './entities/recovery-order.entity';

const GRANT: StatusMachine<GrantEntity, GrantStatus> = { entity: GrantEntity, noun: 'grant', canTransition: canTransitionGrant, label: (g) => g.agreementNumber ?? g.id };
const TRANCHE: StatusMachine<TrancheEntity, TrancheStatus> = { entity: TrancheEntity, noun: 'tranche', canTransition: canTransitionTranche, label: (t) => `${t.seq} of grant ${t.grantId}` };
const RECOVERY: StatusMachine<RecoveryOrderEntity, RecoveryOrderStatus> = { entity: RecoveryOrderEntity, noun: 'recovery_order', canTransition: canTransitionRecoveryOrder, label: (r) => r.number };
const AMENDMENT: StatusMachine<GrantAmendmentEntity, GrantAmendmentStatus> = {
  entity: GrantAmendmentEntity, noun: 'grant_amendment', canTransition: canTransitionGrantAmendment, label: (a) => `${a.kind} ${a.id}`,
};

/**
 * The only writer of `grants.status`: checks GRANT_TRANSITIONS (libs/domain grant-state.ts) and writes the audit row
 * (who, and why in its summary). Who may make the move (the organisation's owner signs, the Secretariat does the
 * rest) is checked by the service with checkGrantTransition before it calls this.
 */
export async function changeGrantStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: GrantStatus, opts: StatusChangeOptions<GrantEntity> = {},
): Promise<GrantEntity> {
  const [changed] = await changeStatus(m, audit, actor, GRANT, id, to, opts);
  return changed.row;
}

/** The only writer of `tranches.status`: checks TRANCHE_TRANSITIONS (libs/domain tranches.ts) and writes the audit row. */
export async function changeTrancheStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: TrancheStatus, opts: StatusChangeOptions<TrancheEntity> = {},
): Promise<TrancheEntity> {
  const [changed] = await changeStatus(m, audit, actor, TRANCHE, id, to, opts);
  return changed.row;
}

/** The only writer of `grant_amendments.status`: checks GRANT_AMENDMENT_TRANSITIONS and writes the audit row. */
export async function changeGrantAmendmentStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: GrantAmendmentStatus, opts: StatusChangeOptions<GrantAmendmentEntity> = {},
): Promise<GrantAmendmentEntity> {
  const [changed] = await changeStatus(m, audit, actor, AMENDMENT, id, to, opts);
  return changed.row;
}

/**
 * The only writer of `recovery_orders.status` (and, with it, what is repaid): checks RECOVERY_ORDER_TRANSITIONS
 * (libs/domain final-balance.ts) and writes the audit row.
 */
export async function changeRecoveryOrderStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: RecoveryOrderStatus, opts: StatusChangeOptions<RecoveryOrderEntity> = {},
): Promise<RecoveryOrderEntity> {
  const [changed] = await changeStatus(m, audit, actor, RECOVERY, id, to, opts);
  return changed.row;
}
