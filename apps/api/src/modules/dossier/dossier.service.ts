import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DOSSIER_STALE_REASON, dossierProgressPercent, planDossierRequestAt } from '@grants/domain';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { jobIds } from '../../jobs/job-names';
import { AuditService } from '../audit/audit.service';
import { FILE_STORAGE, type FileStorage } from '../files/storage';
import { OutboxService } from '../outbox/outbox.service';
import { changeDossierStatus } from './dossier-status';
import { DossierRepository, type DossierRow } from './dossier.repository';
import type { DossierListResponseDto, DossierResponseDto } from './dtos/dossier-response.dto';

/**
 * The auditor's dossier of a grant, for the Secretariat only (`grant.manage` on the grant; anyone else finds nothing):
 * requested here (the worker's `dossier.build` queued through the outbox in the same transaction), listed, followed,
 * downloaded.
 */
@Injectable()
export class DossierService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly access: AccessService,
    private readonly repo: DossierRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * A dossier in the making is the answer; one left building with no progress for DOSSIER_STALE_MINUTES (its worker
   * died) is marked failed and a new one is queued; a failed one is requested again; otherwise a new one is queued.
   */
  async request(actor: AuthUser, grantId: string): Promise<DossierResponseDto> {
    await this.access.requireAccess(actor, 'grant.manage', [grantId]);
    const id = await this.ds.transaction(async (m) => {
      const grant = await this.repo.lockGrant(m, grantId);
      if (!grant) throw AppError.notFound('grant');
      const dossiers = (await this.repo.list(m, grantId)).map((d) => ({ ...d, lastProgressAt: d.updatedAt }));
      const plan = planDossierRequestAt(dossiers, await this.repo.now(m));
      if (plan.kind === 'existing') return plan.id;
      if (plan.kind === 'replace_stale') {
        // its job, if it ever runs again, finds it failed and leaves it alone (dossier-build.job.ts)
        await changeDossierStatus(m, this.audit, actor, plan.staleId, 'failed', {
          set: { error: DOSSIER_STALE_REASON, finishedAt: new Date() }, summary: `${grant.agreementNumber}: ${DOSSIER_STALE_REASON}`,
        });
      }
      let dossierId: string;
      if (plan.kind === 'retry') {
        dossierId = plan.id;
        await changeDossierStatus(m, this.audit, actor, dossierId, 'queued', {
          set: { requestedBy: actor.id, requestedAt: new Date(), progressDone: 0, progressTotal: 0, error: null, finishedAt: null }, summary: `${grant.agreementNumber}: requested again`,
        });
      } else {
        dossierId = await this.repo.insert(m, grantId, actor.id);
        await this.audit.record(m, actor, { action: 'grant_dossier.requested', entity: 'grant_dossier', entityId: dossierId, summary: `Auditor's dossier of ${grant.agreementNumber} requested` });
      }
      await this.enqueue(m, dossierId);
      return dossierId;
    });
    return this.view(actor, id);
  }

  private async enqueue(m: EntityManager, dossierId: string) {
    const [row] = await m.query(`SELECT attempts FROM grant_dossiers WHERE id = $1`, [dossierId]);
    await this.outbox.enqueue(m, 'dossier.build', { dossierId }, { jobId: jobIds.dossierBuild(dossierId, row.attempts) });
  }

  async list(actor: AuthUser, grantId: string): Promise<DossierListResponseDto> {
    await this.access.requireAccess(actor, 'grant.manage', [grantId]);
    const [grant] = await this.ds.query(`SELECT agreement_number FROM grants WHERE id = $1`, [grantId]);
    if (!grant) throw AppError.notFound('grant');
    return { items: (await this.repo.list(this.ds.manager, grantId)).map((r) => viewOf(r, grant.agreement_number)) };
  }

  async view(actor: AuthUser, id: string): Promise<DossierResponseDto> {
    const row = await this.reachable(actor, id);
    const [grant] = await this.ds.query(`SELECT agreement_number FROM grants WHERE id = $1`, [row.grantId]);
    return viewOf(row, grant.agreement_number);
  }

  /** The ZIP of a ready dossier (404 while it is not). */
  async download(actor: AuthUser, id: string): Promise<{ dossier: DossierResponseDto; stream: Readable }> {
    const dossier = await this.view(actor, id);
    const row = await this.repo.find(this.ds.manager, id);
    if (dossier.status !== 'ready' || !row?.fileId) throw AppError.notFound('dossier');
    const file = await this.repo.file(this.ds.manager, row.fileId);
    if (!file) throw AppError.notFound('dossier');
    return { dossier, stream: await this.storage.get(file.storageKey) };
  }

  private async reachable(actor: AuthUser, id: string): Promise<DossierRow> {
    const grantId = await this.repo.grantOf(this.ds.manager, id);
    if (!grantId) throw AppError.notFound('dossier');
    await this.access.requireAccess(actor, 'grant.manage', [grantId]);
    const row = await this.repo.find(this.ds.manager, id);
    if (!row) throw AppError.notFound('dossier');
    return row;
  }
}

function viewOf(r: DossierRow, agreementNumber: string): DossierResponseDto {
  return {
    id: r.id, grantId: r.grantId, status: r.status, progressDone: r.progressDone, progressTotal: r.progressTotal,
    progressPercent: r.status === 'ready' ? 100 : dossierProgressPercent(r.progressDone, r.progressTotal),
    sha256: r.sha256, manifestSha256: r.manifestSha256, size: r.size, fileCount: r.fileCount, auditRows: r.auditRows, error: r.error,
    requestedByName: r.requestedByName, requestedAt: r.requestedAt, finishedAt: r.finishedAt,
    fileName: `dossier-${agreementNumber.replace(/[^\w.-]+/g, '_')}-${r.requestedAt.slice(0, 10)}.zip`,
  };
}
