import { canTransitionDossier, type DossierStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { GrantDossierEntity } from './entities/grant-dossier.entity';

const GRANT_DOSSIER: StatusMachine<GrantDossierEntity, DossierStatus> = {
  entity: GrantDossierEntity, noun: 'grant_dossier', canTransition: canTransitionDossier, label: (d) => `of grant ${d.grantId}`,
};

/**
 * The only writer of `grant_dossiers.status`: checks DOSSIER_TRANSITIONS (libs/domain dossier.ts) and writes the audit
 * row `grant_dossier.<to>` (common/status-change.ts), with the columns that go with it, in the caller's transaction.
 */
export async function changeDossierStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, id: string, to: DossierStatus,
  opts: { set?: Partial<Omit<GrantDossierEntity, 'id' | 'status'>>; summary?: string } = {},
): Promise<GrantDossierEntity> {
  const current = await m.findOne(GrantDossierEntity, { where: { id } });
  const [changed] = await changeStatus(m, audit, actor, GRANT_DOSSIER, id, to, {
    set: opts.set,
    audit: { action: `grant_dossier.${to}`, summary: `Dossier of grant ${current?.grantId ?? '?'}: ${current?.status ?? '?'} → ${to}${opts.summary ? `; ${opts.summary}` : ''}` },
  });
  return changed!.row;
}
