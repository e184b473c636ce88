import { canTransitionAward, type AwardStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { AwardEntity } from './entities/award.entity';

const AWARD: StatusMachine<AwardEntity, AwardStatus> = { entity: AwardEntity, noun: 'award', canTransition: canTransitionAward, label: (a) => a.id };

/**
 * The only writer of `awards.status` after an award or offer is made (offered → awarded | refused by the
 * organisation's answer or a top-up to the request; awarded → declined): checks AWARD_TRANSITIONS (libs/domain
 * award.ts) and writes the audit row.
 */
export async function changeAwardStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: AwardStatus, opts: StatusChangeOptions<AwardEntity> = {},
): Promise<AwardEntity> {
  const [changed] = await changeStatus(m, audit, actor, AWARD, id, to, opts);
  return changed.row;
}
