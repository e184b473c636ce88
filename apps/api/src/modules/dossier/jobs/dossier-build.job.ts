import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { dossierNeedsBuilding, isScript, type Language } from '@grants/domain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../../common/auth-user';
import type { JobHandler } from '../../../jobs/job-handler';
import { AuditService } from '../../audit/audit.service';
import { FILE_STORAGE, type FileStorage } from '../../files/storage';
import { NotificationsService } from '../../notifications/notifications.service';
import { DossierBuilder } from '../dossier-builder';
import { changeDossierStatus } from '../dossier-status';
import { DossierRepository } from '../dossier.repository';

/**
 * Builds one requested dossier (queued through the outbox with the request). Idempotent: a dossier already ready or
 * failed is left alone — also one that a later request marked failed as stale (no progress for DOSSIER_STALE_MINUTES;
 * dossier.service.ts), when its old job is run again, and a build still running for it stores nothing (its progress
 * and its end only write a dossier still building); a queued one, or one left building by a worker that died and
 * retried by the queue, is built (again) from the start in the same row. Progress is written as it goes; the ZIP is stored through files/storage, and the requester is told
 * (in-app and by e-mail: a person must download it) in the transaction that makes it ready. A build that fails marks
 * the dossier failed with the error, which the Secretariat can request again.
 */
@Injectable()
export class DossierBuildHandler implements JobHandler<'dossier.build'> {
  readonly name = 'dossier.build' as const;
  private readonly logger = new Logger('DossierBuild');
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly repo: DossierRepository,
    private readonly builder: DossierBuilder,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async handle({ dossierId }: { dossierId: string }): Promise<void> {
    const started = await this.ds.transaction(async (m) => {
      const row = await this.repo.find(m, dossierId, true);
      if (!row || !dossierNeedsBuilding(row.status)) return null;
      return changeDossierStatus(m, this.audit, SYSTEM_ACTOR, dossierId, 'building', {
        set: { attempts: row.attempts + 1, startedAt: new Date(), progressDone: 0, progressTotal: 0, error: null },
      }).then(() => this.repo.find(m, dossierId));
    });
    if (!started) return;
    const [requester] = await this.ds.query(`SELECT id, email, language, script FROM users WHERE id = $1`, [started.requestedBy]);
    const reader = { language: (requester?.language ?? 'en') as Language, script: isScript(requester?.script) ? requester.script : 'latin' as const };
    try {
      const built = await this.builder.build(started.grantId, reader, (done, total) => this.repo.progress(this.ds.manager, dossierId, done, total));
      const fileId = randomUUID();
      const storageKey = `dossiers/${started.grantId}/${dossierId}-${fileId}.zip`;
      await this.storage.put(storageKey, built.zip, 'application/zip');
      await this.ds.transaction(async (m) => {
        const row = await this.repo.find(m, dossierId, true);
        if (!row || row.status !== 'building') return;
        const [g] = await m.query(`SELECT agreement_number FROM grants WHERE id = $1`, [row.grantId]);
        await this.repo.insertFile(m, {
          id: fileId, storage: this.storage.kind, storageKey, fileName: `dossier-${g.agreement_number}.zip`, size: built.zip.length, sha256: built.sha256, createdBy: row.requestedBy,
        });
        await changeDossierStatus(m, this.audit, SYSTEM_ACTOR, dossierId, 'ready', {
          set: {
            fileId, sha256: built.sha256, manifestSha256: built.manifestSha256, size: built.zip.length, fileCount: built.fileCount, auditRows: built.auditRows,
            finishedAt: new Date(), progressDone: row.progressTotal || 1, progressTotal: row.progressTotal || 1,
          },
          summary: `${g.agreement_number}: ${built.fileCount} files, ${built.auditRows} audit rows; ZIP SHA-256 ${built.sha256}, manifest SHA-256 ${built.manifestSha256}`,
        });
        if (requester) {
          await this.notifications.notify(m, {
            recipients: [{ id: requester.id, email: requester.email, language: requester.language }],
            kind: 'dossier.ready', params: { agreementNumber: g.agreement_number, sha256: built.manifestSha256 },
            link: `/grants/${row.grantId}`, eventKey: `dossier.${dossierId}.ready`,
          });
        }
      });
    } catch (e) {
      const message = (e as Error).message || String(e);
      this.logger.warn(`Dossier ${dossierId} failed: ${message}`);
      await this.ds.transaction(async (m) => {
        const row = await this.repo.find(m, dossierId, true);
        if (!row || row.status !== 'building') return;
        await changeDossierStatus(m, this.audit, SYSTEM_ACTOR, dossierId, 'failed', { set: { error: message.slice(0, 2000), finishedAt: new Date() }, summary: message.slice(0, 500) });
      });
    }
  }
}
