import { canRequestTranche, trancheReadiness, type TrancheReadiness } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { GrantsRepository } from '../grants.repository';
import type { TrancheConditionsService } from '../tranche-conditions.service';

/**
 * Whom a tranche of a grant waits on now, its conditions computed as the approval computes them (libs/domain
 * trancheReadiness): the organisation may request it, the Secretariat may approve it, or nobody yet. Used by the
 * worker's reminders and by the home to-do lists, so both say the same.
 */
export async function trancheReadinessOf(
  m: EntityManager, grants: GrantsRepository, conditions: TrancheConditionsService, grantId: string, trancheId: string,
): Promise<TrancheReadiness> {
  const g = await grants.grant(m, grantId);
  const { tranches, refs, grant, conditionsOf } = await conditions.context(m, g);
  const t = tranches.find((x) => x.id === trancheId);
  if (!t) return null;
  const requestable = canRequestTranche(t, { status: grant.status, tranches: refs }).ok;
  return trancheReadiness(t.status, requestable, conditionsOf(t));
}
