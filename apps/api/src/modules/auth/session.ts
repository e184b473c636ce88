import { randomBytes } from 'node:crypto';
import type { Request } from 'express';

type SessionReq = Request & { session: { csrfToken?: string; regenerate(cb: (e?: unknown) => void): void; save(cb: (e?: unknown) => void): void } };

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
  return new Promise((resolve, reject) =>
    (req as Request & { logIn(u: unknown, cb: (e?: unknown) => void): void }).logIn(user, (e) => (e ? reject(e) : resolve())),
  );
}
