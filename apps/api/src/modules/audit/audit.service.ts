import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canonicalAuditPayload, GENESIS_HASH, verifyAuditChain } from '@grants/domain';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { AuditLogEntity } from './entities/audit-log.entity';

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Serialises writers of the chain: one advisory lock, held to the end of the writer's transaction. */
const AUDIT_LOCK = 7_204_917_332;

export type AuditInput = { action: string; entity: string; entityId: string | null; summary: string };
export type VerifyResult = { ok: boolean; checked: number; brokenAt: number | null; reason: string | null };

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Appends one entry in the caller's transaction, so the record of a change commits or rolls back with the change.
   * Must be called with a transactional EntityManager.
   */
  async record(manager: EntityManager, actor: AuditActor, input: AuditInput): Promise<AuditLogEntity> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last: { seq: string; hash: string }[] = await manager.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const seq = last.length ? Number(last[0].seq) + 1 : 1;
    const prevHash = last.length ? last[0].hash : GENESIS_HASH;
    const at = new Date();
    const fields = { seq, at: at.toISOString(), actorId: actor.id, action: input.action, entity: input.entity, entityId: input.entityId, summary: `${input.summary}`, prevHash };
    const hash = sha256Hex(canonicalAuditPayload(fields));
    const row = manager.create(AuditLogEntity, { ...fields, at, actorEmail: actor.email, hash });
    await manager.insert(AuditLogEntity, row);
    return row;
  }

  async list(opts: { page: number; pageSize: number; entity?: string; action?: string }) {
    const qb = this.ds.getRepository(AuditLogEntity).createQueryBuilder('a').orderBy('a.seq', 'DESC');
    if (opts.entity) qb.andWhere('a.entity = :entity', { entity: opts.entity });
    if (opts.action) qb.andWhere('a.action = :action', { action: opts.action });
    const [items, total] = await qb.skip((opts.page - 1) * opts.pageSize).take(opts.pageSize).getManyAndCount();
    return { items: items.map((a) => ({ ...a, at: a.at.toISOString() })), total };
  }

  /** Recomputes every hash from the first entry; says at which entry the chain breaks. */
  async verify(): Promise<VerifyResult> {
    const rows = await this.ds.getRepository(AuditLogEntity).find({ order: { seq: 'ASC' } });
    const entries = rows.map((r) => ({
      seq: r.seq, at: r.at.toISOString(), actorId: r.actorId, action: r.action, entity: r.entity,
      entityId: r.entityId, summary: r.summary, prevHash: r.prevHash, hash: r.hash,
    }));
    const result = verifyAuditChain(entries, sha256Hex);
    return { ok: result.ok, checked: result.checked, brokenAt: result.brokenAt, reason: result.reason };
  }
}
