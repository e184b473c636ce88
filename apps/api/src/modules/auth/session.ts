import { randomBytes } from 'node:crypto';
import type { Request } from 'express';

type SessionData = {
  csrfToken?: string;
  /** When the user logged in (ms since the epoch): the absolute lifetime counts from here. */
  loginAt?: number;
  /** When the session last served a request (ms since the epoch): the idle timeout counts from here. */
  seenAt?: number;
  passport?: { user?: string };
  regenerate(cb: (e?: unknown) => void): void;
  save(cb: (e?: unknown) => void): void;
};
type SessionReq = Request & { session: SessionData; user?: unknown };

/** The CSRF token lives in the session; the web app sends it back in the x-csrf-token header. */
export function ensureCsrfToken(req: Request): string {
  const r = req as SessionReq;
  r.session.csrfToken ??= randomBytes(24).toString('base64url');
  return r.session.csrfToken;
}

export function rotateCsrfToken(req: Request): string {
  const r = req as SessionReq;
  r.session.csrfToken = randomBytes(24).toString('base64url');
  return r.session.csrfToken;
}

export function logout(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    (req as Request & { logout(cb: (e?: unknown) => void): void }).logout((err) => {
      if (err) return reject(err);
      (req as SessionReq).session.regenerate((e) => (e ? reject(e) : resolve()));
    });
  });
}

export function login(req: Request, user: unknown): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    (req as Request & { logIn(u: unknown, cb: (e?: unknown) => void): void }).logIn(user, (e) => (e ? reject(e) : resolve())),
  ).then(() => markLogin(req));
}

/** Stamps a fresh login on the (regenerated) session: its lifetime and idle time start now. */
export function markLogin(req: Request, now = Date.now()): void {
  const r = req as SessionReq;
  r.session.loginAt = now;
  r.session.seenAt = now;
}

/**
 * Ends a logged-in session 12 hours after its login however active it is (maxMs), or after 30 minutes without a
 * request (idleMs): the visitor is then anonymous again, on a fresh session. A logged-in session without a login time
 * (written before this rule) ends too. The clock is injectable; the tests move the stored times instead.
 */
export function sessionLifetime(opts: { maxMs: number; idleMs: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  return (req: Request, _res: unknown, next: (e?: unknown) => void) => {
    const r = req as SessionReq;
    if (!r.session?.passport?.user) return next();
    const t = now();
    const { loginAt, seenAt } = r.session;
    const expired = typeof loginAt !== 'number' || typeof seenAt !== 'number' || t - loginAt >= opts.maxMs || t - seenAt >= opts.idleMs;
    if (!expired) {
      r.session.seenAt = t;
      return next();
    }
    r.user = undefined;
    r.session.regenerate((e) => next(e));
  };
}
