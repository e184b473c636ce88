import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computeAuditHash, CURRENT_AUDIT_HASH_VERSION, GENESIS_HASH, verifyAuditChain, type AuditAnchor } from '@grants/domain';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { AnchorRow, auditRepository } from './audit.repository';
import { AuditLogEntity } from './entities/audit-log.entity';

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export type AuditInput = { action: string; entity: string; entityId: string | null; summary: string };
export type VerifyResult = { ok: boolean; checked: number; brokenAt: number | null; reason: string | null; anchorsChecked: number };
export type { AnchorRow } from './audit.repository';

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Appends one entry in the caller's transaction, so the record of a change commits or rolls back with the change.
   * Must be called with a transactional EntityManager. The hash covers every column (hash version 2).
   */
  async record(manager: EntityManager, actor: AuditActor, input: AuditInput): Promise<AuditLogEntity> {
    const last = await auditRepository.lockedHead(manager);
    const at = new Date();
    const fields = {
      seq: (last?.seq ?? 0) + 1, at: at.toISOString(), actorId: actor.id, actorEmail: actor.email ?? null, action: input.action, entity: input.entity,
      entityId: input.entityId, summary: `${input.summary}`, prevHash: last?.hash ?? GENESIS_HASH, hashVersion: CURRENT_AUDIT_HASH_VERSION,
    };
    const hash = computeAuditHash(fields, sha256Hex);
    const row = manager.create(AuditLogEntity, { ...fields, at, hash });
    await manager.insert(AuditLogEntity, row);
    return row;
  }

  /**
   * Records the head of the chain (its length and last hash) as an anchor, so that a later cut or rewrite of the tail
   * shows. Written daily by the `audit.anchor` job and with each committee decision (pass the decision's transaction
   * so the anchor commits with it; the decision record should keep the returned seq and hash). Returns the anchor.
   */
  async anchor(reason: string, manager?: EntityManager): Promise<AnchorRow> {
    const write = async (m: EntityManager) => {
      await auditRepository.lockChain(m);
      const head = await auditRepository.head(m);
      return auditRepository.insertAnchor(m, { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH }, reason);
    };
    return manager ? write(manager) : this.ds.transaction(write);
  }

  /** The daily anchor: once per reason and day, however often the job runs. */
  async anchorOnce(reason: string, since: Date): Promise<AnchorRow> {
    return this.ds.transaction(async (m) => {
      await auditRepository.lockChain(m);
      return (await auditRepository.anchorSince(m, reason, since)) ?? this.anchor(reason, m);
    });
  }

  /** The most recent anchor, for the daily digest to the Secretariat admins. */
  latestAnchor(): Promise<AnchorRow | null> {
    return auditRepository.latestAnchor(this.ds.manager);
  }

  async list(opts: { page: number; pageSize: number; entity?: string; action?: string }) {
    const qb = this.ds.getRepository(AuditLogEntity).createQueryBuilder('a').orderBy('a.seq', 'DESC');
    if (opts.entity) qb.andWhere('a.entity = :entity', { entity: opts.entity });
    if (opts.action) qb.andWhere('a.action = :action', { action: opts.action });
    const [items, total] = await qb.skip((opts.page - 1) * opts.pageSize).take(opts.pageSize).getManyAndCount();
    return { items: items.map((a) => ({ ...a, at: a.at.toISOString() })), total };
  }

  /**
   * Recomputes every hash from the first entry and checks every anchor recorded in the database, plus any given
   * (heads published elsewhere, e.g. copied from a digest or a decision record); says where the chain breaks.
   */
  async verify(published: readonly AuditAnchor[] = []): Promise<VerifyResult> {
    // one snapshot: an entry and its anchor written between two reads would look like a cut tail
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const rows = await m.getRepository(AuditLogEntity).find({ order: { seq: 'ASC' } });
      const anchors = [...(await auditRepository.anchors(m)), ...published];
      const entries = rows.map((r) => ({
        seq: r.seq, at: r.at.toISOString(), actorId: r.actorId, actorEmail: r.actorEmail, action: r.action, entity: r.entity,
        entityId: r.entityId, summary: r.summary, prevHash: r.prevHash, hash: r.hash, hashVersion: r.hashVersion,
      }));
      const result = verifyAuditChain(entries, sha256Hex, anchors);
      return { ok: result.ok, checked: result.checked, brokenAt: result.brokenAt, reason: result.reason, anchorsChecked: anchors.length };
    });
  }
}
