import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can, stepUpFresh } from '@grants/domain';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ACCESS_KEY, PendingSecondFactor, RouteAccess, SECOND_FACTOR_PENDING_KEY, STEP_UP_KEY } from './decorators';
import { AppError } from './errors';
import type { AuthUser } from './auth-user';
import { secondFactorOf } from './second-factor';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The CSRF error: the same for Nest routes and for the express routes mounted beside them (bull-board). */
export const csrfError = () => new AppError(403, 'csrf', 'Missing or invalid CSRF token: reload the page and try again', [
  { field: 'x-csrf-token', code: 'csrf', message: 'Missing or invalid CSRF token' },
]);

/** A logged-in user whose session has not passed the second factor yet (issue 14). */
export const secondFactorRequired = () => new AppError(401, 'second_factor_required', 'Enter your second factor to continue');
/** A logged-in user whose role requires a second factor and who has none yet. */
export const secondFactorEnrolmentRequired = () =>
  new AppError(403, 'second_factor_enrolment_required', 'Set up a second factor (an authenticator app or a passkey) to continue');
/** A sensitive action whose session passed its second factor more than 15 minutes ago. */
export const stepUpRequired = () => new AppError(403, 'step_up_required', 'Confirm it is you: enter your second factor again');

/** Whether a request may change state: a safe method, or the session's CSRF token in the x-csrf-token header. */
export function csrfOk(req: Request & { session?: { csrfToken?: string } }): boolean {
  return SAFE_METHODS.has(req.method) || sameToken(req.get('x-csrf-token'), req.session?.csrfToken);
}

/**
 * The one gate every route passes: CSRF on state-changing requests, then the access decision the route
 * declares (@Public, @Authenticated or @RequirePermission). A route that declares nothing is refused. A logged-in
 * user who has not passed (or must first enrol) a second factor reaches only @AllowPendingSecondFactor routes, and a
 * @RequireRecentSecondFactor route wants the factor passed in the last 15 minutes.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser; session?: { csrfToken?: string } }>();
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!access) throw AppError.forbidden('This route declares no access rule');

    if (!csrfOk(req)) throw csrfError();
    if (access.kind === 'public') return true;
    const user = req.user;
    if (!user) throw AppError.unauthorized();
    if (!user.active) throw AppError.unauthorized('deactivated', 'This account has been deactivated');
    const { state } = secondFactorOf(user);
    if (state === 'challenge' || state === 'enrol') {
      const allowed = this.reflector.getAllAndOverride<PendingSecondFactor[] | undefined>(SECOND_FACTOR_PENDING_KEY, [context.getHandler(), context.getClass()]);
      if (!allowed?.includes(state)) throw state === 'challenge' ? secondFactorRequired() : secondFactorEnrolmentRequired();
    }
    if (access.kind === 'permission' && !can(user, access.permission)) throw access.hidden ? AppError.notFound() : AppError.forbidden();
    const stepUp = this.reflector.getAllAndOverride<boolean | undefined>(STEP_UP_KEY, [context.getHandler(), context.getClass()]);
    if (stepUp && user.secondFactorAt && !stepUpFresh(user.secondFactorVerifiedAt, Date.now())) throw stepUpRequired();
    return true;
  }
}
