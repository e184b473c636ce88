import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can } from '@grants/domain';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ACCESS_KEY, RouteAccess } from './decorators';
import { AppError } from './errors';
import type { AuthUser } from './auth-user';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The CSRF error: the same for Nest routes and for the express routes mounted beside them (bull-board). */
export const csrfError = () => new AppError(403, 'csrf', 'Missing or invalid CSRF token: reload the page and try again', [
  { field: 'x-csrf-token', code: 'csrf', message: 'Missing or invalid CSRF token' },
]);

/** Whether a request may change state: a safe method, or the session's CSRF token in the x-csrf-token header. */
export function csrfOk(req: Request & { session?: { csrfToken?: string } }): boolean {
  return SAFE_METHODS.has(req.method) || sameToken(req.get('x-csrf-token'), req.session?.csrfToken);
}

/**
 * The one gate every route passes: CSRF on state-changing requests, then the access decision the route
 * declares (@Public, @Authenticated or @RequirePermission). A route that declares nothing is refused.
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
    if (access.kind === 'permission' && !can(user, access.permission)) throw access.hidden ? AppError.notFound() : AppError.forbidden();
    return true;
  }
}
