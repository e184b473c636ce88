import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_RETENTION,
  effectiveRetention,
  isRetentionRecordType,
  RETENTION_ANCHORS,
  RETENTION_RECORD_TYPES,
  retentionPeriodProblem,
  type RetentionPeriod,
  type RetentionRecordType,
} from '@grants/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditActor, AuthUser } from '../../common/auth-user';
import { SYSTEM_ACTOR } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { FILE_STORAGE, type FileStorage } from '../files/storage';
import { NotificationsService } from '../notifications/notifications.service';
import type { RetentionSettingInputDto } from './dtos/retention.dtos';
import { retentionRepository, type RemovedFile, type SweepItem } from './retention.repository';

/** Rows removed per transaction: short transactions, so the sweep never holds locks the portal waits on. */
export const RETENTION_BATCH = 1000;
/** The order of the sweep: evaluations before their applications (an application goes once its evaluations have). */
const SWEEP_ORDER: readonly RetentionRecordType[] = ['session', 'notification', 'safeguarding_report', 'monitoring_photo', 'grant', 'evaluation', 'application_unfunded'];
/** The types whose removal takes stored files with it: their run report has a `files` item (the file rows removed). */
const WITH_FILES: ReadonlySet<RetentionRecordType> = new Set(['monitoring_photo', 'grant', 'application_unfunded']);

const describe = (items: SweepItem[]) =>
  items.filter((i) => i.count > 0).map((i) => `${i.type}/${i.table} ${i.count}${i.firstId ? ` (${i.firstId} … ${i.lastId})` : ''}`).join('; ') || 'nothing had expired';

/**
 * Retention (issue 14): how long each kind of record is kept (settings), what has expired now (dry run), and the
 * sweep that removes it in batches and records a run report (retention_runs and the audit trail). The audit log is
 * never swept.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly notifications: NotificationsService,
  ) {}

  private async periods(m: EntityManager): Promise<Record<RetentionRecordType, RetentionPeriod>> {
    const stored = await retentionRepository.settings(m);
    return effectiveRetention(Object.fromEntries(stored.map((s) => [s.type, { amount: s.amount, unit: s.unit }])));
  }

  async settings() {
    const stored = new Map((await retentionRepository.settings(this.ds.manager)).map((s) => [s.type, s]));
    return RETENTION_RECORD_TYPES.map((type) => {
      const s = stored.get(type);
      return {
        type, amount: s?.amount ?? DEFAULT_RETENTION[type].amount, unit: s?.unit ?? DEFAULT_RETENTION[type].unit, anchor: RETENTION_ANCHORS[type],
        defaultAmount: DEFAULT_RETENTION[type].amount, defaultUnit: DEFAULT_RETENTION[type].unit, updatedAt: s?.updatedAt.toISOString() ?? null,
      };
    });
  }

  /** Sets the given periods (all or nothing); each change is audited with the old and the new period. */
  async update(actor: AuthUser, input: RetentionSettingInputDto[]) {
    const seen = new Set<string>();
    input.forEach((s, i) => {
      if (!isRetentionRecordType(s.type)) throw AppError.badRequest(`settings.${i}.type`, 'enum', `Unknown record type ${String(s.type)}`);
      if (seen.has(s.type)) throw AppError.badRequest(`settings.${i}.type`, 'duplicate', `${s.type} is given twice`);
      seen.add(s.type);
      const problem = retentionPeriodProblem(s.type, s);
      if (problem) {
        const field = problem === 'unit' ? 'unit' : 'amount';
        throw AppError.badRequest(`settings.${i}.${field}`, problem === 'amount' || problem === 'unit' ? 'type' : problem,
          problem === 'too_short' ? `${s.type} records must be kept at least as long as the EU rule allows` : problem === 'too_long' ? 'At most 50 years' : `Invalid ${field}`);
      }
    });
    await this.ds.transaction(async (m) => {
      const before = await this.periods(m);
      for (const s of input) {
        const old = before[s.type as RetentionRecordType];
        if (old.amount === s.amount && old.unit === s.unit) continue;
        await retentionRepository.saveSetting(m, s.type as RetentionRecordType, { amount: s.amount, unit: s.unit }, actor.id);
        await this.audit.record(m, actor, {
          action: 'retention.setting_changed', entity: 'retention_setting', entityId: s.type,
          summary: `${s.type}: kept ${old.amount} ${old.unit} → ${s.amount} ${s.unit} after ${RETENTION_ANCHORS[s.type as RetentionRecordType]}`,
        });
      }
    });
    return this.settings();
  }

  /** What the sweep would remove now, changing nothing. */
  async dryRun() {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const periods = await this.periods(m);
      const items: SweepItem[] = [];
      for (const type of SWEEP_ORDER) items.push(...(await retentionRepository.preview(m, type, periods[type], periods.evaluation)));
      return { at: new Date().toISOString(), items };
    });
  }

  async runs(limit = 20) {
    return (await retentionRepository.runs(this.ds.manager, limit)).map((r) => ({
      id: r.id, startedAt: r.started_at.toISOString(), finishedAt: r.finished_at?.toISOString() ?? null, status: r.status,
      byPerson: r.triggered_by !== null, items: r.report, error: r.error,
    }));
  }

  /**
   * Removes what has expired, type by type, in batches of RETENTION_BATCH rows each in its own transaction, then
   * records the run (retention_runs) and one audit entry `retention.swept` saying what was removed. Stored files go
   * after their rows' transaction commits. Idempotent: a second run finds nothing more.
   */
  async sweep(actor: AuditActor = SYSTEM_ACTOR) {
    const runId = await retentionRepository.startRun(this.ds.manager, actor.id);
    const items: SweepItem[] = [];
    try {
      const periods = await this.periods(this.ds.manager);
      for (const type of SWEEP_ORDER) items.push(...(await this.sweepType(type, periods[type], periods.evaluation)));
      await this.ds.transaction(async (m) => {
        await retentionRepository.finishRun(m, runId, 'done', items, null);
        await this.audit.record(m, actor, { action: 'retention.swept', entity: 'retention_run', entityId: runId, summary: `Retention sweep removed: ${describe(items)}` });
      });
      return { id: runId, status: 'done' as const, items };
    } catch (e) {
      const message = (e as Error).message;
      this.logger.error(`Retention sweep ${runId} failed: ${message}`);
      await this.ds.transaction(async (m) => {
        await retentionRepository.finishRun(m, runId, 'failed', items, message.slice(0, 1000));
        await this.audit.record(m, actor, { action: 'retention.sweep_failed', entity: 'retention_run', entityId: runId, summary: `Retention sweep stopped after removing: ${describe(items)}` });
        // the admins must look: nothing past the failure is removed until the sweep runs again
        await this.notifications.notify(m, {
          recipients: await retentionRepository.admins(m), kind: 'retention.sweep_failed', params: { removed: items.reduce((n, i) => n + i.count, 0) },
          link: '/admin/retention', eventKey: `retention.sweep_failed:${runId}`,
        });
      });
      throw e;
    }
  }

  private async sweepType(type: RetentionRecordType, period: RetentionPeriod, evaluation: RetentionPeriod): Promise<SweepItem[]> {
    if (type === 'session') {
      const counts = new Map<string, number>();
      for (;;) {
        const batch = await this.ds.transaction((m) => retentionRepository.removeSessions(m, period, RETENTION_BATCH));
        for (const b of batch) counts.set(b.table, (counts.get(b.table) ?? 0) + b.count);
        if (batch.every((b) => b.count < RETENTION_BATCH)) break;
      }
      return [...counts].map(([table, count]) => ({ type, table, count, firstId: null, lastId: null }));
    }
    const out: SweepItem[] = [];
    const tables = retentionRepository.tablesOf(type);
    const removedFiles: string[] = [];
    for (let index = 0; index < tables.length; index++) {
      const removed: string[] = [];
      for (;;) {
        const files: RemovedFile[] = [];
        const ids = await this.ds.transaction(async (m) => {
          const batch = await retentionRepository.nextBatch(m, type, index, period, RETENTION_BATCH, evaluation);
          if (!batch.length) return { batch, gone: batch };
          const r = await this.removeBatch(m, type, tables[index]!, batch);
          files.push(...r.files);
          return { batch, gone: r.ids ?? batch };
        });
        await this.removeBytes(files);
        removedFiles.push(...files.map((f) => f.file_id));
        removed.push(...ids.gone);
        if (ids.batch.length < RETENTION_BATCH) break;
      }
      out.push(retentionRepository.summarise(type, tables[index]!, removed));
    }
    if (WITH_FILES.has(type)) out.push(retentionRepository.summarise(type, 'files', removedFiles));
    return out;
  }

  /** Removes one batch; `ids` when more went than the batch named (a grant's photos go together). */
  private async removeBatch(m: EntityManager, type: RetentionRecordType, table: string, ids: string[]): Promise<{ files: RemovedFile[]; ids?: string[] }> {
    switch (type) {
      case 'evaluation':
        await retentionRepository.removeEvaluations(m, ids);
        return { files: [] };
      case 'application_unfunded':
        return { files: await retentionRepository.removeApplications(m, ids) };
      case 'grant': {
        const files: RemovedFile[] = [];
        for (const id of ids) files.push(...(await retentionRepository.purgeGrant(m, id, false)));
        return { files };
      }
      case 'monitoring_photo': {
        const files: RemovedFile[] = [];
        const grants = await retentionRepository.grantsOfPhotos(m, ids);
        const all = await retentionRepository.photosOfGrants(m, grants);
        for (const id of grants) files.push(...(await retentionRepository.purgeGrant(m, id, true)));
        return { files, ids: all };
      }
      case 'safeguarding_report':
        await retentionRepository.removeSafeguarding(m, ids);
        return { files: [] };
      case 'notification':
        await retentionRepository.removeNotifications(m, table, ids);
        return { files: [] };
      case 'session':
        return { files: [] };
    }
  }

  private async removeBytes(files: RemovedFile[]) {
    for (const f of files) {
      await this.storage.remove(f.storage_key).catch((e) => this.logger.warn(`Could not remove the stored file ${f.file_id}: ${(e as Error).message}`));
    }
  }
}
