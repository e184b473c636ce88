import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, Permission } from '@grants/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from './auth-user';
import { AppError } from './errors';

/**
 * The one access check for records (immich's utils/access.ts). Each service method that touches a record
 * starts here. A record the actor may not see answers 404, so its existence does not leak.
 *
 * The permission names the kind of record the ids are: organization.* → organizations, call.* → calls,
 * application.* → applications.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async requireAccess(actor: AuthUser, permission: Permission, ids: string[]): Promise<void> {
    if (!(await this.hasAccess(actor, permission, ids))) throw AppError.notFound();
  }

  /**
   * An evaluator on a call: in its pool and, unless `declared` is false (reading and signing the declaration
   * itself), having signed its declaration of impartiality and confidentiality. Without it the call's
   * applications do not exist for them.
   */
  async requireCallEvaluator(actor: AuthUser, callId: string, declared = true): Promise<void> {
    if (!actor.active || !can(actor, 'evaluation.score')) throw AppError.notFound();
    const rows: { declared: boolean }[] = await this.ds.query(
      `SELECT EXISTS (SELECT 1 FROM evaluator_declarations d WHERE d.call_id = p.call_id AND d.user_id = p.user_id) AS declared
         FROM call_evaluators p WHERE p.call_id = $1 AND p.user_id = $2`, [callId, actor.id]);
    if (!rows.length || (declared && !rows[0].declared)) throw AppError.notFound();
  }

  async hasAccess(actor: AuthUser, permission: Permission, ids: string[]): Promise<boolean> {
    if (!actor.active) return false;
    const unique = [...new Set(ids)];
    switch (permission) {
      case 'organization.read.own':
        if (can(actor, 'organization.read.any')) return true;
        return can(actor, permission) && unique.every((id) => id === actor.organizationId);
      case 'organization.update.own':
      case 'organization.members.invite':
      case 'organization.documents.manage':
        return can(actor, permission) && unique.every((id) => id === actor.organizationId);
      case 'call.read.published': {
        if (can(actor, 'call.manage')) return true;
        if (!can(actor, permission)) return false;
        const rows: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM calls WHERE id = ANY($1::uuid[]) AND status <> 'draft'`, [unique]);
        return rows[0].n === unique.length;
      }
      case 'call.manage':
        return can(actor, permission);
      case 'application.read.own':
      case 'application.create': {
        if (permission === 'application.read.own' && can(actor, 'application.read.any')) return true;
        if (permission === 'application.read.own' && can(actor, 'evaluation.score')) {
          // an evaluator reads (the files of) an application they confirmed no conflict with, under a signed declaration
          const rows: { n: number }[] = await this.ds.query(
            `SELECT count(DISTINCT a.application_id)::int AS n FROM evaluation_assignments a
               JOIN evaluator_declarations d ON d.call_id = a.call_id AND d.user_id = a.evaluator_id
              WHERE a.application_id = ANY($1::uuid[]) AND a.evaluator_id = $2 AND a.status IN ('accepted','submitted')`, [unique, actor.id]);
          return rows[0].n === unique.length;
        }
        if (!can(actor, permission) || !actor.organizationId) return false;
        const rows: { n: number }[] = await this.ds.query(
          `SELECT count(*)::int AS n FROM applications WHERE id = ANY($1::uuid[]) AND organization_id = $2`, [unique, actor.organizationId]);
        return rows[0].n === unique.length;
      }
      case 'application.read.any':
      case 'application.admissibility':
        return can(actor, permission);
      case 'evaluation.score': {
        // ids are assignments: the evaluator's own, not taken off them, on a call whose declaration they signed
        if (!can(actor, permission)) return false;
        const rows: { n: number }[] = await this.ds.query(
          `SELECT count(*)::int AS n FROM evaluation_assignments a
             JOIN evaluator_declarations d ON d.call_id = a.call_id AND d.user_id = a.evaluator_id
            WHERE a.id = ANY($1::uuid[]) AND a.evaluator_id = $2 AND a.status <> 'removed'`, [unique, actor.id]);
        return rows[0].n === unique.length;
      }
      default:
        // Permissions that are not about a record of a particular owner: the role decides.
        return can(actor, permission);
    }
  }
}
