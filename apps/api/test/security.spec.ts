import { computeAuditHash } from '@grants/domain';
import { AuditService, sha256Hex } from '../src/modules/audit/audit.service';
import { Client, Harness, loginAs, newUser, PASSWORD, startApi } from './harness';

/** Holes found by probing a running instance (issue 8): each test failed before its fix. */
describe('security holes', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

  const FAR = { 'X-Forwarded-For': '203.0.113.7' };

  describe('the demo mailbox (reset and invitation links in it)', () => {
    it('is not shown to an anonymous visitor from another machine, nor to a logged-in non-admin', async () => {
      const anon = await new Client(h.app).init();
      await anon.get('/api/dev/mailbox').set(FAR).expect(404);
      await anon.get('/api/dev/mailbox').set('Forwarded', 'for=203.0.113.7').expect(404);
      for (const role of ['applicant', 'secretariat', 'evaluator'] as const) {
        const { client } = await loginAs(h, role);
        await client.get('/api/dev/mailbox').set(FAR).expect(404);
      }
    });

    it('is shown to a Secretariat admin, and to a visitor on the machine itself', async () => {
      const { client } = await loginAs(h, 'secretariat_admin');
      const r = await client.get('/api/dev/mailbox').set(FAR).expect(200);
      expect(r.body.enabled).toBe(true);
      const local = await new Client(h.app).get('/api/dev/mailbox').expect(200);
      expect(local.body.enabled).toBe(true);
    });
  });

  describe('caching of personal data', () => {
    it('answers authenticated API calls with Cache-Control: no-store', async () => {
      const { client, user } = await loginAs(h, 'applicant');
      for (const path of ['/api/auth/me', '/api/organizations/mine', `/api/organizations/${user.organizationId}`]) {
        const r = await client.get(path);
        expect(r.status).toBe(200);
        expect(r.headers['cache-control']).toBe('no-store');
        expect(r.headers['pragma']).toBe('no-cache');
      }
    });
  });

  describe('the queue dashboard', () => {
    it('refuses a change without the CSRF token, even from an admin', async () => {
      const { client } = await loginAs(h, 'secretariat_admin');
      const r = await client.agent.put('/api/admin/queues/api/queues/resume').expect(403);
      expect(r.body.details[0]).toMatchObject({ field: 'x-csrf-token', code: 'csrf' });
      const ok = await client.put('/api/admin/queues/api/queues/resume');
      expect(ok.status).toBe(200);
      const stranger = await loginAs(h, 'secretariat');
      await stranger.client.put('/api/admin/queues/api/queues/resume').expect(403);
    });
  });

  describe('sessions', () => {
    const sessionOf = async (userId: string) =>
      (await h.ds.query(`SELECT sid, sess FROM sessions WHERE sess->'passport'->>'user' = $1`, [userId])) as { sid: string; sess: Record<string, unknown> }[];
    /** Moves the session's clock: what the server stored about when it began and when it was last used. */
    const age = async (userId: string, field: 'loginAt' | 'seenAt', msAgo: number) => {
      await h.ds.query(
        `UPDATE sessions SET sess = jsonb_set(sess::jsonb, $2, to_jsonb((extract(epoch FROM now()) * 1000)::bigint - $3::bigint))::json
          WHERE sess->'passport'->>'user' = $1`,
        [userId, `{${field}}`, msAgo],
      );
    };

    it('changing the password ends the other sessions and keeps the current one', async () => {
      const u = await newUser(h.ds, 'monitor');
      const here = await new Client(h.app).init().then((c) => c.login(u.email, u.password));
      const there = await new Client(h.app).init().then((c) => c.login(u.email, u.password));
      await there.get('/api/auth/me').expect(200);
      await here.post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: 'a-brand-new-passphrase' }).expect(204);
      await here.get('/api/auth/me').expect(200);
      await there.get('/api/auth/me').expect(401);
      expect(await sessionOf(u.user.id)).toHaveLength(1);
    });

    it('ends a session 12 hours after login, however active it was', async () => {
      const { client, user } = await loginAs(h, 'observer');
      await age(user.id, 'loginAt', 11 * 3600_000 + 59 * 60_000);
      await client.get('/api/auth/me').expect(200);
      await age(user.id, 'loginAt', 12 * 3600_000 + 60_000);
      await client.get('/api/auth/me').expect(401);
      expect(await sessionOf(user.id)).toHaveLength(0);
    });

    it('ends a session left idle for 30 minutes', async () => {
      const { client, user } = await loginAs(h, 'observer');
      await age(user.id, 'seenAt', 29 * 60_000);
      await client.get('/api/auth/me').expect(200);
      await age(user.id, 'seenAt', 31 * 60_000);
      await client.get('/api/auth/me').expect(401);
    });
  });

  describe('what a stranger can learn about accounts', () => {
    const registration = (email: string, password = 'a-long-enough-passphrase') => ({
      email, password, fullName: 'Arta Krasniqi', language: 'en',
      organization: { legalName: 'Shelter Hope', registrationNumber: `REG-${Math.random()}`, municipality: 'prishtina' },
    });

    it('registration answers the same for a taken address, and tells its owner by e-mail', async () => {
      const c = await new Client(h.app).init();
      const fresh = await c.post('/api/auth/register', registration('first@cso.example.org'));
      const { email } = await newUser(h.ds, 'applicant', { email: 'taken@cso.example.org' });
      const taken = await c.post('/api/auth/register', registration(email));
      expect(taken.status).toBe(fresh.status);
      expect(taken.body).toEqual(fresh.body);
      const mails = await h.ds.query(`SELECT template FROM emails WHERE to_address = $1`, [email]);
      expect(mails.map((m: { template: string }) => m.template)).toEqual(['account_exists']);
      expect(await h.ds.query(`SELECT 1 FROM users WHERE lower(email) = $1`, [email])).toHaveLength(1);
    });

    it('an unknown address "locks" after 5 wrong passwords, exactly like a real one', async () => {
      const { email } = await newUser(h.ds, 'applicant');
      const tries = async (address: string) => {
        const c = await new Client(h.app).init();
        const out: { status: number; code: string }[] = [];
        for (let i = 0; i < 6; i++) {
          const r = await c.post('/api/auth/login', { email: address, password: 'wrong-password-123' });
          out.push({ status: r.status, code: r.body.details?.[0]?.code ?? r.body.error });
        }
        return out;
      };
      const real = await tries(email);
      const unknown = await tries('nobody-here@cso.example.org');
      expect(real.at(-1)!.status).toBe(429);
      expect(unknown).toEqual(real);
    });

    it('refuses guessable passwords with a strength estimator (qwerty1234, Password1!)', async () => {
      const c = await new Client(h.app).init();
      for (const password of ['qwerty1234', 'Password1!', 'arta-krasniqi-1']) {
        const r = await c.post('/api/auth/register', registration(`weak${Math.random()}@cso.example.org`, password)).expect(400);
        expect(r.body.details[0]).toMatchObject({ field: 'password', code: 'password_too_weak' });
      }
      const u = await loginAs(h, 'monitor');
      const r = await u.client.post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: 'Password1!' }).expect(400);
      expect(r.body.details[0]).toMatchObject({ field: 'newPassword', code: 'password_too_weak' });
    });
  });

  describe('the audit log', () => {
    /** What someone with the database owner's rights can do around the triggers. */
    const tamper = (sql: string, params: unknown[] = [], tables = ['audit_log']) => h.asOwner(async (q) => {
      await q('BEGIN');
      for (const t of tables) await q(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
      await q(sql, params);
      for (const t of tables) await q(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
      await q('COMMIT');
    });
    const verify = async () => (await (await loginAs(h, 'secretariat_admin')).client.post('/api/audit/verify').expect(200)).body;
    // typed so that this file compiled before AuditService.anchor existed (the test had to fail first)
    const anchorNow = () => (h.app.get(AuditService) as AuditService & { anchor(reason: string): Promise<{ seq: number; hash: string }> }).anchor('test');
    const head = async () => (await h.ds.query(`SELECT seq::int AS seq FROM audit_log ORDER BY seq DESC LIMIT 1`))[0].seq as number;

    it('detects a changed actor (a version-3 entry names its actor by pseudonym; the database refuses an e-mail on one)', async () => {
      await loginAs(h, 'observer'); // writes a fresh entry
      const seq = await head();
      expect((await verify()).ok).toBe(true);
      await expect(tamper(`UPDATE audit_log SET actor_email = 'someone-else@example.org' WHERE seq = ${seq}`)).rejects.toThrow(/audit_log_v3_no_person/);
      await tamper(`UPDATE audit_log SET actor_pseudonym = '${'f'.repeat(32)}' WHERE seq = ${seq}`);
      expect(await verify()).toMatchObject({ ok: false, brokenAt: seq, reason: 'hash_mismatch' });
      await tamper(`DELETE FROM audit_log WHERE seq >= ${seq}`);
    });

    it('detects deleted entries at the tail, below the last anchor', async () => {
      await loginAs(h, 'observer');
      const anchor = await anchorNow();
      expect(anchor.seq).toBe(await head());
      expect((await verify()).ok).toBe(true);
      await tamper(`DELETE FROM audit_log WHERE seq >= ${anchor.seq - 1}`);
      expect(await verify()).toMatchObject({ ok: false, reason: 'truncated' });
      await tamper(`DELETE FROM audit_anchors WHERE seq = ${anchor.seq}`, [], ['audit_anchors']);
    });

    it('detects a rewritten last entry whose hash was recomputed', async () => {
      await loginAs(h, 'observer');
      const anchor = await anchorNow();
      const [row] = await h.ds.query(`SELECT * FROM audit_log WHERE seq = $1`, [anchor.seq]);
      const entry = {
        seq: Number(row.seq), at: row.at.toISOString(), actorId: row.actor_id, actorEmail: row.actor_email, actorPseudonym: row.actor_pseudonym, action: row.action,
        entity: row.entity, entityId: row.entity_id, summary: 'nothing happened here', prevHash: row.prev_hash, hashVersion: row.hash_version,
      };
      const hash = computeAuditHash(entry, sha256Hex);
      await tamper(`UPDATE audit_log SET summary = $1, hash = $2 WHERE seq = $3`, [entry.summary, hash, anchor.seq]);
      expect(await verify()).toMatchObject({ ok: false, brokenAt: anchor.seq, reason: 'anchor_mismatch' });
    });
  });

  describe('the database role the API connects as', () => {
    it('is no superuser and cannot switch off the append-only triggers nor change the audit log or a decision', async () => {
      const [me] = await h.ds.query(`SELECT rolsuper, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
      expect(me).toEqual({ rolsuper: false, rolcreaterole: false, rolbypassrls: false });
      await expect(h.ds.query(`ALTER TABLE audit_log DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner|permission denied/);
      await expect(h.ds.query(`ALTER TABLE award_decisions DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner|permission denied/);
      await expect(h.ds.query(`UPDATE audit_log SET summary = 'x' WHERE seq = 1`)).rejects.toThrow(/permission denied/);
      await expect(h.ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
      await expect(h.ds.query(`UPDATE award_decisions SET envelope_cents = 1`)).rejects.toThrow(/permission denied/);
      await expect(h.ds.query(`DELETE FROM audit_anchors`)).rejects.toThrow(/permission denied/);
      await expect(h.ds.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
      // and the API still works as that role: a registration writes users, organisations, the audit log and an e-mail
      const c = await new Client(h.app).init();
      await c.post('/api/auth/register', {
        email: 'as-app-role@cso.example.org', password: 'a-long-enough-passphrase', fullName: 'Drita Berisha', language: 'sq',
        organization: { legalName: 'Drita', registrationNumber: 'REG-APP-ROLE', municipality: 'prishtina' },
      }).expect(201);
    });
  });

  describe('in production', () => {
    let p: Harness;
    beforeAll(async () => (p = await startApi({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), SAFEGUARDING_KEY: 'ab'.repeat(32), MFA_KEY: 'cd'.repeat(32), DEMO_MODE: 'true' })));
    afterAll(() => p.close());

    it('has no demo mailbox at all, not even for a local visitor', async () => {
      await new Client(p.app).get('/api/dev/mailbox').expect(404);
    });
  });
});
