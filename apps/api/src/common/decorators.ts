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

export const SECOND_FACTOR_PENDING_KEY = 'secondFactorPending';
export const STEP_UP_KEY = 'secondFactorStepUp';
/** The pending second-factor states a route serves (issue 14): `challenge` (factor not yet passed), `enrol` (must enrol). */
export type PendingSecondFactor = 'challenge' | 'enrol';

/**
 * A logged-in user who has not passed their second factor yet (`challenge`) or must enrol one first (`enrol`) reaches
 * only the routes marked with their state; every other route answers 401 second_factor_required or 403
 * second_factor_enrolment_required. A user with a factor must not add another before passing it: so enrolment routes
 * allow `enrol` only, challenge routes `challenge` only.
 */
export const AllowPendingSecondFactor = (...states: PendingSecondFactor[]) =>
  SetMetadata(SECOND_FACTOR_PENDING_KEY, states.length ? states : (['challenge', 'enrol'] satisfies PendingSecondFactor[]));

/**
 * A sensitive action: a user who has a second factor must have passed it less than 15 minutes ago (libs/domain
 * stepUpFresh), else 403 step_up_required before the body is read. A user with no factor (an optional role) is not asked.
 */
export const RequireRecentSecondFactor = () => SetMetadata(STEP_UP_KEY, true);

/** The logged-in user of this request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});
