import { canTransitionDossier, type DossierStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import type { AuditService } from '../audit/audit.service';
import type { DossierRepository, DossierRow } from './dossier.repository';

/**
 * The only writer of `grant_dossiers.status`: locks the row, checks DOSSIER_TRANSITIONS (libs/domain dossier.ts), writes
 * the status with its columns and the audit row `grant_dossier.<to>`, in the caller's transaction. An unknown dossier is
 * a 404, a transition the table refuses a 409 `invalid_transition` naming `status`.
 */
export async function changeDossierStatus(
  m: EntityManager, repo: DossierRepository, audit: AuditService, actor: AuditActor, id: string, to: DossierStatus,
  opts: { set?: Record<string, unknown>; summary?: string } = {},
): Promise<DossierRow> {
  const row = await repo.find(m, id, true);
  if (!row) throw AppError.notFound('dossier');
  if (!canTransitionDossier(row.status, to)) {
    throw AppError.conflict('invalid_transition', `Dossier ${id} is ${row.status} and cannot become ${to}`, [
      { field: 'status', code: 'invalid_transition', message: `${row.status} → ${to} is not allowed` },
    ]);
  }
  await repo.writeStatus(m, id, to, opts.set ?? {});
  await audit.record(m, actor, {
    action: `grant_dossier.${to}`, entity: 'grant_dossier', entityId: id,
    summary: `Dossier of grant ${row.grantId}: ${row.status} → ${to}${opts.summary ? `; ${opts.summary}` : ''}`,
  });
  return (await repo.find(m, id))!;
}
