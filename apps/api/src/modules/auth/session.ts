import connectPgSimple from 'connect-pg-simple';
import type { Request } from 'express';
import type session from 'express-session';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Pool } from 'pg';
import type { SecondFactorMethod } from '@grants/domain';
import type { AuthUser } from '../../common/auth-user';
import { UPDATE_SEEN_AT, UPDATE_SESSION } from './sessions.repository';

type SessionData = {
  csrfToken?: string;
  /** When the user logged in (ms since the epoch): the absolute lifetime counts from here. */
  loginAt?: number;
  /** When the session last served a request (ms since the epoch): the idle timeout counts from here. */
  seenAt?: number;
  passport?: { user?: string };
  /** When this session last passed a second factor (ms since the epoch): step-up counts from here (issue 14). */
  secondFactorAt?: number;
  /** The WebAuthn challenge this session was last given (registration or authentication), used once. */
  webauthnChallenge?: { kind: 'registration' | 'authentication'; challenge: string; at: number };
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

/** How often a session records that it is in use: at most one write of the session per minute, not one per request. */
export const SEEN_EVERY_MS = 60_000;

/**
 * Ends a logged-in session 12 hours after its login however active it is (maxMs), or after 30 minutes without a
 * request (idleMs): the visitor is then anonymous again, on a fresh session. A logged-in session without a login time
 * (written before this rule) ends too. The time a session was last used is written at most once a minute (seenEveryMs):
 * a read does not rewrite the session, and the idle time counts from that record, so an idle session ends between
 * 29 and 30 minutes after its last request, never later. The clock is injectable; the tests move the stored times instead.
 */
export function sessionLifetime(opts: { maxMs: number; idleMs: number; seenEveryMs?: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const seenEvery = opts.seenEveryMs ?? SEEN_EVERY_MS;
  return (req: Request, _res: unknown, next: (e?: unknown) => void) => {
    const r = req as SessionReq;
    if (!r.session?.passport?.user) return next();
    const t = now();
    const { loginAt, seenAt } = r.session;
    const expired = typeof loginAt !== 'number' || typeof seenAt !== 'number' || t - loginAt >= opts.maxMs || t - seenAt >= opts.idleMs;
    if (!expired) {
      if (t - seenAt >= seenEvery) r.session.seenAt = t; // changes the session: express-session writes it back
      return next();
    }
    r.user = undefined;
    r.session.regenerate((e) => next(e));
  };
}

// ---------------------------------------------------------------------------------------------- the session store

/** The columns of `users` a request's actor is made of (AuthUser), read with the session. */
type UserRow = {
  id: string; email: string; full_name: string; role: AuthUser['role']; org_role: AuthUser['orgRole']; organization_id: string | null;
  language: AuthUser['language']; script: AuthUser['script']; active: boolean; email_verified: boolean; safeguarding_focal_point: boolean;
  second_factor_at: Date | null; second_factor_methods: SecondFactorMethod[] | null;
};
/** The user row read with the session: on the session data the store hands express-session (a symbol: never stored), then on the request. */
const USER_ROW = Symbol('grants.sessionUser');
type WithUserRow = { [USER_ROW]?: UserRow | null };

const toAuthUser = (u: UserRow): AuthUser => ({
  id: u.id, email: u.email, fullName: u.full_name, role: u.role, orgRole: u.org_role, organizationId: u.organization_id,
  language: u.language, script: u.script, active: u.active, emailVerified: u.email_verified, safeguardingFocalPoint: u.safeguarding_focal_point,
  secondFactorAt: u.second_factor_at, secondFactorMethods: u.second_factor_methods ?? [],
});

/**
 * One query per request for who is asking: the session and its user are read together, with the kinds of second
 * factor a user who has one holds (three index lookups); the user by the session's
 * passport id, so a deactivated account, a new role or a new organisation counts from the very next request; nothing
 * about the user is cached or copied into the session. A prepared statement: PostgreSQL plans it once per connection.
 */
export const GET_SESSION = `
  SELECT s.sess, u.id, u.email, u.full_name, u.role, u.org_role, u.organization_id, u.language, u.script, u.active,
         u.email_verified_at IS NOT NULL AS email_verified, u.safeguarding_focal_point, u.second_factor_at,
         CASE WHEN u.second_factor_at IS NOT NULL THEN array_remove(ARRAY[
           CASE WHEN EXISTS (SELECT 1 FROM user_totp_factors t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) THEN 'totp' END,
           CASE WHEN EXISTS (SELECT 1 FROM user_passkeys p WHERE p.user_id = u.id) THEN 'passkey' END,
           CASE WHEN EXISTS (SELECT 1 FROM user_recovery_codes r WHERE r.user_id = u.id AND r.used_at IS NULL) THEN 'recovery' END
         ], NULL) END AS second_factor_methods
    FROM sessions s
    LEFT JOIN users u ON u.id = CASE WHEN s.sess->'passport'->>'user' ~ '^[0-9a-fA-F-]{36}$' THEN (s.sess->'passport'->>'user')::uuid END
   WHERE s.sid = $1 AND s.expire >= now()`;

/** The session as the store read it (its JSON), on the session object express-session saves: a symbol, never stored. */
const LOADED = Symbol('grants.sessionLoaded');
type WithLoaded = { [LOADED]?: string };

/** The last-seen time is all that changed since the session was read (the once-a-minute write of sessionLifetime). */
export function onlySeenAtChanged(loaded: string, now: object): boolean {
  const { seenAt: _before, ...before } = JSON.parse(loaded) as Record<string, unknown>;
  const { seenAt: _after, ...after } = JSON.parse(JSON.stringify(now)) as Record<string, unknown>;
  return isDeepStrictEqual(before, after);
}

/**
 * connect-pg-simple's store (table `sessions`), reading the session's user in the same query. A session is written
 * only when it changed (express-session's resave: false): its login, its CSRF token, its last-seen minute; the store's
 * touch on every unchanged request is off, since the lifetime is judged from loginAt and seenAt, not from the row's expiry.
 *
 * Two requests of one session run side by side (a tab's reads during a confirmation, another tab logging out), and
 * each writes the whole session it read at its start. So a session that was read from the table is only ever updated,
 * never inserted again (a logout, a password change or an admin's reset that ended it meanwhile stays final), and
 * when all that changed is the last-seen minute only that field is written (a second factor passed, a CSRF token
 * rotated or a WebAuthn challenge given by the request beside it is not put back to what this one read). A new
 * session (a first CSRF token, a login's regenerated session) is inserted as connect-pg-simple does.
 */
export function createSessionStore(sessionModule: typeof session, pool: Pool, opts: { pruneSessionInterval: number | false }) {
  const PgStore = connectPgSimple(sessionModule);
  class SessionStore extends PgStore {
    override get(sid: string, cb: (err: unknown, sess?: session.SessionData | null) => void): void {
      pool.query({ name: 'grants-session-get', text: GET_SESSION, values: [sid] }).then(
        ({ rows: [row] }) => {
          if (!row) return cb(null, null);
          const json = typeof row.sess === 'string' ? row.sess : JSON.stringify(row.sess);
          const sess = JSON.parse(json) as session.SessionData & WithUserRow & WithLoaded;
          sess[USER_ROW] = row.id ? (row as UserRow) : null;
          sess[LOADED] = json;
          cb(null, sess);
        },
        (e) => cb(e),
      );
    }
    override createSession(req: Request, sess: session.SessionData): session.Session & session.SessionData {
      const data = sess as session.SessionData & WithUserRow & WithLoaded;
      (req as Request & WithUserRow)[USER_ROW] = data[USER_ROW];
      const created = super.createSession(req, sess) as session.Session & session.SessionData & WithLoaded;
      created[LOADED] = data[LOADED];
      return created;
    }
    override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
      const loaded = (sess as session.SessionData & WithLoaded)[LOADED];
      if (loaded === undefined) return super.set(sid, sess, cb);
      const done = () => {
        // what is stored now is what the next write of this request compares with
        (sess as session.SessionData & WithLoaded)[LOADED] = JSON.stringify(sess);
        cb?.();
      };
      const seenOnly = onlySeenAtChanged(loaded, sess);
      const seenAt = (sess as Partial<SessionData>).seenAt;
      const write =
        seenOnly && typeof seenAt === 'number'
          ? pool.query({ name: 'grants-session-seen', text: UPDATE_SEEN_AT, values: [sid, seenAt] })
          : pool.query({ name: 'grants-session-update', text: UPDATE_SESSION, values: [sid, JSON.stringify(sess), expireSeconds(sess)] });
      write.then(done, (e: unknown) => cb?.(e));
    }
  }
  return new SessionStore({ pool, tableName: 'sessions', createTableIfMissing: false, disableTouch: true, pruneSessionInterval: opts.pruneSessionInterval });
}

/** The row's expiry, as connect-pg-simple computes it: the cookie's, else a day from now. */
function expireSeconds(sess: session.SessionData): number {
  const expires = sess.cookie?.expires;
  return Math.ceil((expires ? new Date(expires).valueOf() : Date.now() + 86_400_000) / 1000);
}

/**
 * passport.session() without its second query: the user read with the session becomes req.user (only when active,
 * like AuthService.loadUser); a session whose user is gone or deactivated loses its login, as passport does when
 * deserializeUser finds no one. A session that did not come from this store falls back to passport's own lookup.
 */
export function sessionUser(fallback: (req: Request, res: unknown, next: (e?: unknown) => void) => void) {
  return (req: Request, res: unknown, next: (e?: unknown) => void) => {
    const r = req as SessionReq & WithUserRow;
    const id = r.session?.passport?.user;
    if (!id) return next();
    const row = r[USER_ROW];
    if (row === undefined) return fallback(req, res, next);
    if (row && row.id === id && row.active) {
      const verifiedAt = r.session.secondFactorAt;
      r.user = { ...toAuthUser(row), secondFactorVerifiedAt: typeof verifiedAt === 'number' ? verifiedAt : null };
    }
    else delete r.session.passport!.user;
    next();
  };
}
