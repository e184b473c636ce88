import { Injectable } from '@nestjs/common';
import { can, Permission } from '@grants/domain';
import type { AuthUser } from './auth-user';
import { AppError } from './errors';

/**
 * The one access check for records (immich's utils/access.ts). Each service method that touches a record
 * starts here. A record the actor may not see answers 404, so its existence does not leak.
 *
 * The permission names the kind of record the ids are: organization.* → organization ids.
 */
@Injectable()
export class AccessService {
  requireAccess(actor: AuthUser, permission: Permission, ids: string[]): void {
    if (!this.hasAccess(actor, permission, ids)) throw AppError.notFound();
  }

  hasAccess(actor: AuthUser, permission: Permission, ids: string[]): boolean {
    if (!actor.active) return false;
    switch (permission) {
      case 'organization.read.own':
        if (can(actor, 'organization.read.any')) return true;
        return can(actor, permission) && ids.every((id) => id === actor.organizationId);
      case 'organization.update.own':
      case 'organization.members.invite':
      case 'organization.documents.manage':
        return can(actor, permission) && ids.every((id) => id === actor.organizationId);
      default:
        // Permissions that are not about a record of a particular owner: the role decides.
        return can(actor, permission);
    }
  }
}
