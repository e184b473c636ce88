import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission } from '@grants/domain';
import type { AuthUser } from './auth-user';

export const ACCESS_KEY = 'access';
/** The access decision a route declares. Every route must declare one; a test walks all routes to check it. */
export type RouteAccess = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: Permission; hidden?: boolean };

/** Anyone, logged in or not. */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies RouteAccess);
/** Any logged-in, active user; the service checks the record with requireAccess. */
export const Authenticated = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies RouteAccess);
/** A logged-in user whose role grants this permission (libs/domain permissions map). */
export const RequirePermission = (permission: Permission) =>
  SetMetadata(ACCESS_KEY, { kind: 'permission', permission } satisfies RouteAccess);

/**
 * Like RequirePermission, but a caller without the permission gets 404, before its body is even read: for routes
 * whose very existence is not for others (the safeguarding focal points' case routes).
 */
export const RequireHiddenPermission = (permission: Permission) =>
  SetMetadata(ACCESS_KEY, { kind: 'permission', permission, hidden: true } satisfies RouteAccess);

/** The logged-in user of this request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});
