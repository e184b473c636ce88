import { Client, Harness, lastLinkTo, loginAs, startApi, tokenOf } from './harness';

describe('Secretariat admin: staff, deactivation, audit trail', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

  it('invites an evaluator by e-mail, who accepts and logs in', async () => {
    const admin = await loginAs(h, 'secretariat_admin');
    await admin.client.post('/api/invitations', { email: 'eval@experts.eu', role: 'evaluator', language: 'en' }).expect(201);
    const bad = await admin.client.post('/api/invitations', { email: 'eval2@experts.eu', role: 'applicant', language: 'en' }).expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'role', code: 'enum' });
    const list = await admin.client.get('/api/invitations').expect(200);
    expect(list.body[0]).toMatchObject({ email: 'eval@experts.eu', role: 'evaluator', acceptedAt: null });

    const c = await new Client(h.app).init();
    const token = tokenOf(await lastLinkTo(h.ds, 'eval@experts.eu'));
    const r = await c.post('/api/auth/accept-invitation', { token, fullName: 'Eva Luator', password: 'impartial-scoring-2026', language: 'en' }).expect(200);
    expect(r.body.user).toMatchObject({ role: 'evaluator', organizationId: null });
    const c2 = await new Client(h.app).init();
    await c2.login('eval@experts.eu', 'impartial-scoring-2026');
    const me = await c2.get('/api/auth/me').expect(200);
    expect(me.body.permissions).toContain('evaluation.score');
    expect(me.body.permissions).not.toContain('user.invite');
  });

  it('keeps admin routes from everyone else', async () => {
    for (const role of ['applicant', 'secretariat', 'evaluator', 'monitor', 'observer'] as const) {
      const { client } = await loginAs(h, role);
      await client.post('/api/invitations', { email: 'a@b.org', role: 'observer', language: 'en' }).expect(403);
      await client.get('/api/audit').expect(403);
      await client.get('/api/admin/queues').expect(403);
    }
  });

  it('deactivating a user ends their session at once', async () => {
    const admin = await loginAs(h, 'secretariat_admin');
    const victim = await loginAs(h, 'monitor');
    await victim.client.get('/api/auth/me').expect(200);
    await admin.client.post(`/api/users/${victim.user.id}/deactivate`).expect(204);
    await victim.client.get('/api/auth/me').expect(401);
    const again = await new Client(h.app).init();
    const r = await again.post('/api/auth/login', { email: victim.email, password: victim.password }).expect(401);
    expect(r.body.details[0].code).toBe('deactivated');
    await admin.client.post(`/api/users/${victim.user.id}/reactivate`).expect(204);
    await again.login(victim.email, victim.password);
    const users = await admin.client.get('/api/users?role=monitor').expect(200);
    expect(users.body.items.some((u: { email: string }) => u.email === victim.email)).toBe(true);
  });

  it('keeps an append-only, hash-chained audit log and finds where it was tampered with', async () => {
    const admin = await loginAs(h, 'secretariat_admin');
    const ok = await admin.client.post('/api/audit/verify').expect(200);
    expect(ok.body).toMatchObject({ ok: true, brokenAt: null });
    expect(ok.body.checked).toBeGreaterThan(3);

    // the table's owner (migrations' role): the API's own role may not even try
    const owner = (sql: string) => h.asOwner((q) => q(sql));
    await expect(owner(`UPDATE audit_log SET summary = 'x' WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(owner(`DELETE FROM audit_log WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(owner(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);

    // someone with superuser rights goes around the trigger: the chain shows where
    await owner(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await owner(`UPDATE audit_log SET summary = 'rewritten history' WHERE seq = 3`);
    await owner(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    const broken = await admin.client.post('/api/audit/verify').expect(200);
    expect(broken.body).toMatchObject({ ok: false, brokenAt: 3 });

    const page = await admin.client.get('/api/audit?pageSize=5').expect(200);
    expect(page.body.items).toHaveLength(5);
    expect(page.body.items[0].seq).toBeGreaterThan(page.body.items[1].seq);
  });

  it('keeps the chain without gaps when many changes happen at once', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, () => loginAs(h, 'applicant')));
    await Promise.all(clients.map(async ({ client, user }) => {
      const org = (await client.get('/api/organizations/mine')).body;
      await client.patch(`/api/organizations/${user.organizationId}`, { version: org.version, phone: '+383 44 123 456' }).expect(200);
    }));
    const rows = await h.ds.query(`SELECT count(*)::int AS n, max(seq)::int AS m FROM audit_log`);
    expect(rows[0].n).toBe(rows[0].m);
  });
});
