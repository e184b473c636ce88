import { permissionsFor } from '@grants/domain';
import type { AuthUser } from '../../common/auth-user';
import { secondFactorOf } from '../../common/second-factor';
import type { UserEntity } from './entities/user.entity';

export function toAuthUser(u: UserEntity): AuthUser {
  return {
    id: u.id, email: u.email, fullName: u.fullName, role: u.role, orgRole: u.orgRole, organizationId: u.organizationId,
    language: u.language, script: u.script, active: u.active, emailVerified: Boolean(u.emailVerifiedAt), safeguardingFocalPoint: u.safeguardingFocalPoint,
    secondFactorAt: u.secondFactorAt,
  };
}

/** What GET /api/auth/me answers: the user and what the permission map lets them do. */
export function toMe(u: AuthUser) {
  return {
    id: u.id, email: u.email, fullName: u.fullName, role: u.role, language: u.language, script: u.script,
    organizationId: u.organizationId, orgRole: u.orgRole, emailVerified: u.emailVerified,
    permissions: permissionsFor(u),
    secondFactor: secondFactorOf(u),
  };
}
