import { can, type Permission } from '@grants/domain';
import type { Me } from './types';

/**
 * The one place the web app asks "may this user do that?". The API sends the permissions it
 * granted this session (`me.permissions`, computed from the shared map in @grants/domain); they
 * are authoritative. Only when an answer lacks them does the shared map decide from the role.
 * The API still enforces every rule: this only shows or hides things.
 */
export function allows(me: Me | null | undefined, permission: Permission): boolean {
  if (!me) return false;
  if (Array.isArray(me.permissions)) return me.permissions.includes(permission);
  return can(me, permission);
}

export type { Permission };
