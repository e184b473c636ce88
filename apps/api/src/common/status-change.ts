import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { In } from 'typeorm';
import type { AuditService } from '../modules/audit/audit.service';
import type { AuditActor } from './auth-user';
import { AppError } from './errors';

/** How one record type's status changes: its entity, its transition table (libs/domain), and how to name a row. */
export type StatusMachine<E extends ObjectLiteral & { id: string; status: S }, S extends string> = {
  entity: EntityTarget<E>;
  /** The audit log's name of the entity ('application', 'call', …). */
  noun: string;
  canTransition: (from: S, to: S) => boolean;
  /** How the audit row names one record (its reference, or its id). */
  label: (row: E) => string;
};

export type StatusChangeOptions<E> = {
  /** Other columns written with the status (by property name), e.g. closedAt. */
  set?: Partial<Omit<E, 'id' | 'status'>>;
  /** The audit row to write instead of one `<noun>.<to>` row per record: one row for the whole change. */
  audit?: { action: string; summary: string; entity?: string; entityId?: string | null };
  /**
   * A record already in `to` is a re-confirmation (e.g. an admissibility decision taken again): it is not rewritten
   * and not refused; the audit row given in `audit` is still written.
   */
  allowUnchanged?: boolean;
};

export type StatusChanged<E, S extends string> = { row: E; from: S };

/**
 * The one way a status changes: locks the rows, checks every transition against the domain's table (a record that
 * does not exist is a 404, an illegal transition a 409 `invalid_transition` naming the field `status`, and then
 * nothing is written), writes the new status and the audit row, all in the caller's transaction. The typed
 * wrappers (applications/application-status.ts, calls/call-status.ts, evaluations/assignment-status.ts,
 * awards/award-status.ts) are what services and jobs call; nothing else writes a status column.
 */
export async function changeStatus<E extends ObjectLiteral & { id: string; status: S }, S extends string>(
  m: EntityManager, audit: AuditService, actor: AuditActor, machine: StatusMachine<E, S>,
  ids: string | readonly string[], to: S, opts: StatusChangeOptions<E> = {},
): Promise<StatusChanged<E, S>[]> {
  const wanted = [...new Set(typeof ids === 'string' ? [ids] : ids)];
  if (!wanted.length) return [];
  // a stable lock order (by id), so two bulk changes over the same rows never deadlock
  const rows = await m.find(machine.entity, { where: { id: In(wanted) } as never, order: { id: 'ASC' } as never, lock: { mode: 'pessimistic_write' } });
  if (rows.length !== wanted.length) throw AppError.notFound(machine.noun);
  const changing = opts.allowUnchanged ? rows.filter((r) => r.status !== to) : rows;
  const refused = changing.filter((r) => !machine.canTransition(r.status, to));
  if (refused.length) {
    const r = refused[0];
    const message = `${cap(machine.noun)} ${machine.label(r)} is ${r.status} and cannot become ${to}`;
    throw AppError.conflict('invalid_transition', message, refused.map((x) => ({ field: 'status', code: 'invalid_transition', message: `${machine.label(x)}: ${x.status} → ${to} is not allowed` })));
  }
  if (!changing.length) {
    if (opts.audit) await audit.record(m, actor, { action: opts.audit.action, entity: opts.audit.entity ?? machine.noun, entityId: opts.audit.entityId ?? (rows.length === 1 ? rows[0].id : null), summary: opts.audit.summary });
    return [];
  }
  await m.createQueryBuilder().update(machine.entity).set({ ...(opts.set ?? {}), status: to } as never)
    .where({ id: In(changing.map((r) => r.id)) }).execute();
  // read back what the database now holds (version and updated_at move with the update)
  const fresh = new Map((await m.find(machine.entity, { where: { id: In(changing.map((r) => r.id)) } as never })).map((r) => [r.id, r]));
  const changed = changing.map((row) => ({ from: row.status, row: fresh.get(row.id)! }));
  if (opts.audit) {
    await audit.record(m, actor, {
      action: opts.audit.action, entity: opts.audit.entity ?? machine.noun,
      entityId: opts.audit.entityId !== undefined ? opts.audit.entityId : changed.length === 1 ? changed[0].row.id : null,
      summary: opts.audit.summary,
    });
  } else {
    for (const c of changed) {
      await audit.record(m, actor, { action: `${machine.noun}.${to}`, entity: machine.noun, entityId: c.row.id, summary: `${machine.label(c.row)}: ${c.from} → ${to}` });
    }
  }
  return changed;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
