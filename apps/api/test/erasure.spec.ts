import { AuditService } from '../src/modules/audit/audit.service';
import { Client, Harness, loginAs, PASSWORD, startApi } from './harness';
import { grantInForce, testCall } from './monitoring-factory';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Detail = { field: string; code: string };
type Entry = { seq: number; action: string; actorEmail: string | null; actorErased: boolean; actorPseudonym: string | null; summary: string; summaryShown: string; hashVersion: number };

/**
 * Erasing a person's data on request (issue 14) on the real database: audit entries of hash version 3 carry a
 * pseudonym, never the e-mail (also not in summaries); the audit screen shows the e-mail through the pseudonym's
 * link; erasure blanks the account, ends sessions, removes second factors and the link, so the chain still verifies
 * and no trace of the e-mail is left in users, audit_log and audit_pseudonyms; 400s name the field; only an admin.
 */
describe('erasure of a person', () => {
  let h: Harness;
  let admin: Login;
  let officer: Login;
  let person: Login;
  const codes = (body: { details: Detail[] }) => body.details.map((d) => `${d.field}:${d.code}`);
  const containsEmail = async (table: string, email: string) =>
    (await h.asOwner((q) => q(`SELECT count(*)::int AS n FROM ${table} t WHERE strpos(lower(row_to_json(t)::text), lower($1)) > 0`, [email])) as { n: number }[])[0]!.n;

  beforeAll(async () => {
    h = await startApi();
    admin = await loginAs(h, 'secretariat_admin');
    officer = await loginAs(h, 'secretariat');
    const owner = await loginAs(h, 'applicant', { orgRole: 'owner' });
    person = await loginAs(h, 'applicant', { orgRole: 'member', organizationId: owner.user.organizationId! });
  }, 60_000);
  afterAll(() => h.close());

  it('writes version-3 entries that name the actor by pseudonym, with no e-mail in the row or its summary', async () => {
    await person.client.post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: 'another-long-passphrase-42' }).expect(204);
    await admin.client.post(`/api/users/${person.user.id}/deactivate`).expect(204);
    await admin.client.post(`/api/users/${person.user.id}/reactivate`).expect(204);
    const rows = await h.ds.query(`SELECT actor_id, actor_email, actor_pseudonym, summary, hash_version FROM audit_log WHERE action IN ('user.password_changed', 'user.deactivated')`);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({ actor_id: null, actor_email: null, hash_version: 3 });
      expect(r.actor_pseudonym).toMatch(/^[0-9a-f]{32}$/);
      expect(r.summary).not.toContain('@');
      expect(r.summary).toMatch(/person:[0-9a-f]{32}/);
    }
    expect(await containsEmail('audit_log', person.email)).toBe(0);

    const page = (await admin.client.get('/api/audit?action=user.deactivated').expect(200)).body as { items: Entry[] };
    expect(page.items[0]).toMatchObject({ actorEmail: admin.email, actorErased: false, hashVersion: 3 });
    expect(page.items[0]!.summaryShown).toBe(`${admin.email} deactivated ${person.email}`);
  });

  it('refuses without a reason, naming the field, and changes nothing', async () => {
    const r = await admin.client.post(`/api/users/${person.user.id}/erase`, {});
    expect(r.status).toBe(400);
    expect(codes(r.body)).toContain('reason:required');
    const r2 = await admin.client.post(`/api/users/${person.user.id}/erase`, { reason: 'x', extra: 1 });
    expect(r2.status).toBe(400);
    expect(r2.body.details.map((d: Detail) => d.field)).toContain('extra');
    const [u] = await h.ds.query(`SELECT email, erased_at FROM users WHERE id = $1`, [person.user.id]);
    expect(u).toEqual({ email: person.email, erased_at: null });
  });

  it('lets only an admin erase (403 for other roles, 401 anonymous), never oneself', async () => {
    expect((await officer.client.post(`/api/users/${person.user.id}/erase`, { reason: 'asked' })).status).toBe(403);
    expect((await person.client.post(`/api/users/${person.user.id}/erase`, { reason: 'asked' })).status).toBe(403);
    const anonymous = await new Client(h.app).init();
    expect((await anonymous.post(`/api/users/${person.user.id}/erase`, { reason: 'asked' })).status).toBe(401);
    const self = await admin.client.post(`/api/users/${admin.user.id}/erase`, { reason: 'asked' });
    expect(self.status).toBe(400);
    expect(codes(self.body)).toEqual(['id:self']);
    expect((await admin.client.post(`/api/users/00000000-0000-4000-8000-000000000000/erase`, { reason: 'asked' })).status).toBe(404);
  });

  it('refuses the sole owner of an organisation with an open grant, and the monitor of an open grant', async () => {
    const call = await testCall(h.ds, officer.client, `MF-ER-${process.pid}`);
    const g = await grantInForce(h.ds, call);
    let r = await admin.client.post(`/api/users/${g.owner.user.id}/erase`, { reason: 'asked by e-mail' });
    expect(r.status).toBe(400);
    expect(codes(r.body)).toEqual(['id:sole_owner_open_work']);
    r = await admin.client.post(`/api/users/${g.monitor.user.id}/erase`, { reason: 'asked by e-mail' });
    expect(r.status).toBe(400);
    expect(codes(r.body)).toEqual(['id:monitor_of_open_grants']);
    // a member of that organisation may go: the owner carries on
    r = await admin.client.post(`/api/users/${g.member.user.id}/erase`, { reason: 'asked by e-mail' });
    expect(r.status).toBe(200);
  });

  it('erases: account blanked, sessions and factors gone, link removed; the chain verifies; no trace of the e-mail', async () => {
    await h.ds.query(`INSERT INTO notifications (user_id, kind, params, dedupe_key) VALUES ($1, 'account.deactivated', '{}', $2)`, [person.user.id, `n:${person.user.id}`]);
    const before = (await h.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    const r = await admin.client.post(`/api/users/${person.user.id}/erase`, { reason: 'Written request of 1 December, by post' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ userId: person.user.id, legacyAuditEntries: 0 });

    const [u] = await h.ds.query(`SELECT email, full_name, password_hash, active, erased_at FROM users WHERE id = $1`, [person.user.id]);
    expect(u).toMatchObject({ email: `erased-${person.user.id}@erased.invalid`, full_name: 'Erased person', password_hash: null, active: false });
    expect(u.erased_at).not.toBeNull();
    expect((await h.ds.query(`SELECT count(*)::int AS n FROM sessions WHERE sess->'passport'->>'user' = $1`, [person.user.id]))[0].n).toBe(0);
    expect((await h.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [person.user.id]))[0].n).toBe(0);
    const factors = await h.ds.query(`SELECT to_regclass('user_totp_factors') IS NOT NULL AS present`);
    if (factors[0].present) expect((await h.ds.query(`SELECT count(*)::int AS n FROM user_totp_factors WHERE user_id = $1`, [person.user.id]))[0].n).toBe(0);
    expect((await person.client.get('/api/auth/me')).status).toBe(401);

    for (const table of ['users', 'audit_log', 'audit_pseudonyms', 'audit_anchors']) expect(await containsEmail(table, person.email)).toBe(0);
    const [link] = await h.ds.query(`SELECT user_id, email, erased_at FROM audit_pseudonyms WHERE erased_at IS NOT NULL`);
    expect(link).toMatchObject({ user_id: null, email: null });

    const verified = await h.app.get(AuditService).verify();
    expect(verified).toMatchObject({ ok: true, reason: null });
    expect((await h.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(before + 1);

    const erased = await h.ds.query(`SELECT actor_email, summary FROM audit_log WHERE action = 'user.erased' AND entity_id = $1`, [person.user.id]);
    expect(erased).toHaveLength(1);
    expect(erased[0].actor_email).toBeNull();
    expect(erased[0].summary).not.toContain('Written request');

    const page = (await admin.client.get('/api/audit?action=user.password_changed').expect(200)).body as { items: Entry[] };
    expect(page.items[0]).toMatchObject({ actorEmail: null, actorErased: true });
    expect(page.items[0]!.summaryShown).toBe('erased person changed the password');
    const deact = (await admin.client.get('/api/audit?action=user.deactivated').expect(200)).body as { items: Entry[] };
    expect(deact.items[0]!.summaryShown).toBe(`${admin.email} deactivated erased person`);
    expect((await admin.client.post('/api/audit/verify').expect(200)).body).toMatchObject({ ok: true });
  });

  it('refuses a second erasure and a reactivation, and the erased pseudonym can never be linked again', async () => {
    const again = await admin.client.post(`/api/users/${person.user.id}/reactivate`);
    expect(again.status).toBe(400);
    expect(codes(again.body)).toEqual(['id:erased']);
    await expect(h.ds.query(`UPDATE users SET active = true WHERE id = $1`, [person.user.id])).rejects.toThrow(/users_erased_inactive/);
    const r = await admin.client.post(`/api/users/${person.user.id}/erase`, { reason: 'again' });
    expect(r.status).toBe(400);
    expect(codes(r.body)).toEqual(['id:already_erased']);
    const [p] = await h.ds.query(`SELECT pseudonym FROM audit_pseudonyms WHERE erased_at IS NOT NULL LIMIT 1`);
    await expect(h.ds.query(`UPDATE audit_pseudonyms SET user_id = $2, email = 'x@example.org' WHERE pseudonym = $1`, [p.pseudonym, person.user.id])).rejects.toThrow(/only erasure/);
    await expect(h.ds.query(`DELETE FROM audit_pseudonyms WHERE pseudonym = $1`, [p.pseudonym])).rejects.toThrow(/permission denied/);
  });
});
