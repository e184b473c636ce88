import session from 'express-session';
import { Pool } from 'pg';
import { createSessionStore, onlySeenAtChanged } from '../src/modules/auth/session';
import { Harness, loginAs, startApi } from './harness';

type Stored = { sid: string; sess: Record<string, unknown> };

/**
 * Two requests of one session side by side (issue 14): each writes back the session it read when it started. What
 * the one beside it did (a logout, a second factor passed) must survive the other's write. The "request in flight"
 * is the store's own read and write, as express-session makes them, so the order of the two is the test's to choose.
 */
describe('the session store, with two requests of one session side by side', () => {
  let h: Harness;
  let pool: Pool;
  let store: ReturnType<typeof createSessionStore>;

  beforeAll(async () => {
    h = await startApi();
    pool = new Pool({ connectionString: h.dbUrl, max: 2 });
    store = createSessionStore(session, pool, { pruneSessionInterval: false });
  });
  afterAll(async () => {
    await pool.end();
    await h.close();
  });

  const stored = async (userId: string) =>
    ((await h.ds.query(`SELECT sid, sess FROM sessions WHERE sess->'passport'->>'user' = $1`, [userId])) as Stored[])[0];
  const storedBySid = async (sid: string) => ((await h.ds.query(`SELECT sid, sess FROM sessions WHERE sid = $1`, [sid])) as Stored[])[0];

  /** What express-session does at a request's start: read the session and make it req.session. */
  const inFlight = (sid: string) =>
    new Promise<session.Session & Record<string, unknown>>((resolve, reject) =>
      store.get(sid, (err, data) => {
        if (err || !data) return reject(err ?? new Error(`no session ${sid}`));
        const req = { sessionID: sid, sessionStore: store } as unknown as Parameters<typeof store.createSession>[0];
        resolve(store.createSession(req, data) as session.Session & Record<string, unknown>);
      }),
    );
  /** …and at its end: write it back. */
  const save = (s: session.Session) => new Promise<void>((resolve, reject) => s.save((e) => (e ? reject(e) : resolve())));

  it('a logout beside a request that records the last-seen minute stays a logout', async () => {
    const { client, user } = await loginAs(h, 'observer');
    const { sid } = await stored(user.id);
    const request = await inFlight(sid);
    request.seenAt = Date.now(); // a minute since the last record: sessionLifetime changes the session
    await client.post('/api/auth/logout').expect(200);
    expect(await storedBySid(sid)).toBeUndefined();
    await save(request);
    expect(await storedBySid(sid)).toBeUndefined();
    await client.get('/api/auth/me').expect(401);
  });

  it('a password change that ended the other sessions is not undone by one of them still answering', async () => {
    const { client, user } = await loginAs(h, 'observer');
    const { sid } = await stored(user.id);
    const request = await inFlight(sid);
    request.csrfToken = 'rotated-by-the-request-in-flight'; // a genuine change, not only the minute
    await h.ds.query(`DELETE FROM sessions WHERE sid = $1`, [sid]); // what endUserSessions does
    await save(request);
    expect(await storedBySid(sid)).toBeUndefined();
    await client.get('/api/auth/me').expect(401);
  });

  it('the last-seen minute written beside a passed second factor leaves the factor in the session', async () => {
    const { client, user } = await loginAs(h, 'observer');
    const { sid, sess } = await stored(user.id);
    const request = await inFlight(sid);
    // the request beside it passes the second factor and writes its session first
    const passed = Date.now();
    await h.ds.query(`UPDATE sessions SET sess = jsonb_set(sess::jsonb, '{secondFactorAt}', to_jsonb($2::bigint))::json WHERE sid = $1`, [sid, passed]);
    const seen = (sess.seenAt as number) + 61_000;
    request.seenAt = seen;
    await save(request);
    const after = (await storedBySid(sid)).sess;
    expect(after.secondFactorAt).toBe(passed);
    expect(after.seenAt).toBe(seen);
    expect(after.loginAt).toBe(sess.loginAt);
    await client.get('/api/auth/me').expect(200);
  });

  it('a genuine change of a stored session is written whole; a second save of the same request compares with it', async () => {
    const { user } = await loginAs(h, 'observer');
    const { sid } = await stored(user.id);
    const request = await inFlight(sid);
    request.csrfToken = 'a-new-token';
    await save(request);
    expect((await storedBySid(sid)).sess.csrfToken).toBe('a-new-token');
    request.seenAt = Date.now() + 60_000;
    await save(request);
    const after = (await storedBySid(sid)).sess;
    expect(after.csrfToken).toBe('a-new-token');
    expect(after.seenAt).toBe(request.seenAt);
  });

  it('a new session (a first CSRF token) is inserted as before', async () => {
    const r = await h.ds.query(`SELECT count(*)::int AS n FROM sessions`);
    const agent = (await import('supertest')).default.agent(h.app.getHttpServer());
    await agent.get('/api/auth/csrf').expect(200);
    const after = await h.ds.query(`SELECT count(*)::int AS n FROM sessions`);
    expect(after[0].n).toBe(r[0].n + 1);
  });
});

describe('onlySeenAtChanged', () => {
  const cookie = { originalMaxAge: 43_200_000, expires: '2026-12-08T12:00:00.000Z', httpOnly: true, path: '/', sameSite: 'lax' };
  const loaded = JSON.stringify({ cookie, loginAt: 1, seenAt: 2, csrfToken: 't', passport: { user: 'u' } });

  it('is true when only the last-seen time moved, in whatever order the keys come', () => {
    expect(onlySeenAtChanged(loaded, { passport: { user: 'u' }, csrfToken: 't', seenAt: 99, loginAt: 1, cookie })).toBe(true);
  });
  it('is false for any other change: a field added, removed or changed, deep inside too', () => {
    expect(onlySeenAtChanged(loaded, { cookie, loginAt: 1, seenAt: 2, csrfToken: 't', passport: { user: 'u' }, secondFactorAt: 3 })).toBe(false);
    expect(onlySeenAtChanged(loaded, { cookie, loginAt: 1, seenAt: 2, passport: { user: 'u' } })).toBe(false);
    expect(onlySeenAtChanged(loaded, { cookie, loginAt: 1, seenAt: 2, csrfToken: 't', passport: {} })).toBe(false);
    expect(onlySeenAtChanged(loaded, { cookie: { ...cookie, expires: '2026-12-09T12:00:00.000Z' }, loginAt: 1, seenAt: 2, csrfToken: 't', passport: { user: 'u' } })).toBe(false);
  });
});
