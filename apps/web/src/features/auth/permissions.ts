import { can, type Permission } from '@grants/domain';
import type { Me } from '../../api/types';

/**
 * The one place the web app asks "may this user do that?". The answer comes from the
 * permission map in @grants/domain, the same one the API enforces, applied to the user
 * the API returned (`me.permissions` is what the server granted this session).
 */
export function allows(me: Me | null | undefined, permission: Permission): boolean {
  if (!me) return false;
  if (me.permissions.includes(permission)) return true;
  return can(me, permission);
}

export type { Permission };
