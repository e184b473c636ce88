import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../src/modules/audit/audit.service';
import { retentionRepository } from '../src/modules/retention/retention.repository';
import { RetentionService } from '../src/modules/retention/retention.service';
import { Client, Harness, loginAs, newUser, startApi } from './harness';
import { grantInForce, testCall } from './monitoring-factory';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Detail = { field: string; code: string };
type Item = { type: string; table: string; count: number; firstId: string | null; lastId: string | null };

/**
 * Retention (issue 14) on the real database: settings per record type with the defaults (5 years after the final
 * payment for grants, 3 years after the decision for unfunded applications), edited by an admin only (400s name the
 * field and change nothing); a dry run that says what would go and changes nothing; the sweep removing exactly the
 * expired rows (and the bytes of their files), recording a run report and an audit entry; the chain still verifies;
 * the app role still cannot delete a closed grant's records by itself.
 */
describe('retention', () => {
  let h: Harness;
  let admin: Login;
  let officer: Login;
  const ids: Record<string, string> = {};
  const count = async (sql: string, params: unknown[] = []) => (await h.ds.query(sql, params))[0].n as number;
  const exists = (table: string, id: string, key = 'id') => count(`SELECT count(*)::int AS n FROM ${table} WHERE ${key} = $1`, [id]);
  const storedFile = async (name: string) => {
    const key = `retention-test/${randomUUID()}`;
    mkdirSync(join(process.env.FILE_STORAGE_DIR!, 'retention-test'), { recursive: true });
    writeFileSync(join(process.env.FILE_STORAGE_DIR!, key), Buffer.from(`%PDF-1.4 ${name}`));
    const [f] = await h.ds.query(
      `INSERT INTO files (storage, storage_key, file_name, mime_type, size, sha256) VALUES ('local', $1, $2, 'application/pdf', 12, repeat('a', 64)) RETURNING id`, [key, `${name}.pdf`]);
    return { id: f.id as string, path: join(process.env.FILE_STORAGE_DIR!, key) };
  };

  beforeAll(async () => {
    h = await startApi();
    admin = await loginAs(h, 'secretariat_admin');
    officer = await loginAs(h, 'secretariat');
    const evaluator = await newUser(h.ds, 'evaluator');

    // a call decided 4 years ago: its rejected application (with an evaluation and a file) and its draft have expired
    const oldCall = (await officer.client.post('/api/calls', { reference: `MF-RET-OLD-${process.pid}`, title: { en: 'O', sq: 'O', sr: 'O' } }).expect(201)).body.id as string;
    await h.ds.query(`INSERT INTO award_decisions (call_id, seq, kind, decided_on, envelope_cents, snapshot, sha256, recorded_at)
                      VALUES ($1, 1, 'decision', current_date - 1460, 100000000, '{}', repeat('0', 64), now() - interval '4 years')`, [oldCall]);
    const org = (await newUser(h.ds, 'applicant')).user.organizationId!;
    const [rejected] = await h.ds.query(`INSERT INTO applications (call_id, organization_id, status) VALUES ($1, $2, 'rejected') RETURNING id`, [oldCall, org]);
    const org2 = (await newUser(h.ds, 'applicant')).user.organizationId!;
    const [draft] = await h.ds.query(`INSERT INTO applications (call_id, organization_id, status) VALUES ($1, $2, 'draft') RETURNING id`, [oldCall, org2]);
    ids.rejected = rejected.id;
    ids.draft = draft.id;
    const [ev] = await h.ds.query(
      `INSERT INTO evaluation_assignments (call_id, application_id, evaluator_id, origin, due_at, status) VALUES ($1, $2, $3, 'automatic', now() - interval '4 years', 'submitted') RETURNING id`,
      [oldCall, rejected.id, evaluator.user.id]);
    ids.evaluation = ev.id;
    const appFile = await storedFile('application-attachment');
    await h.ds.query(`UPDATE files SET application_id = $2, organization_id = $3 WHERE id = $1`, [appFile.id, rejected.id, org]);
    ids.appFile = appFile.id;
    ids.appFilePath = appFile.path;

    // a call decided now: its rejected application stays
    const call = await testCall(h.ds, officer.client, `MF-RET-${process.pid}`);
    const [recent] = await h.ds.query(`INSERT INTO applications (call_id, organization_id, status) VALUES ($1, $2, 'rejected') RETURNING id`, [call.callId, org]);
    ids.recentRejected = recent.id;

    // grants: one closed 6 years ago (final payment then), one closed a year ago, one in force
    const old = await grantInForce(h.ds, call);
    const agreement = await storedFile('agreement');
    ids.agreementFile = agreement.id;
    ids.agreementPath = agreement.path;
    await h.ds.query(`UPDATE grants SET agreement_file_id = $2 WHERE id = $1`, [old.grantId, agreement.id]);
    await h.ds.query(`INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_on, paid_on, paid_at, bank_reference)
                      VALUES ($1, 1, 'pre_financing', 4000000, current_date - 2200, 'paid', current_date - 2200, current_date - 2200, now() - interval '6 years', 'REF-1')`, [old.grantId]);
    await h.ds.query(`INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by) VALUES ($1, $2, 'planned', current_date - 2300, 'Check', $2)`, [old.grantId, old.monitor.user.id]);
    await h.ds.query(`UPDATE grants SET status = 'closed', closed_at = now() - interval '6 years' WHERE id = $1`, [old.grantId]);
    ids.oldGrant = old.grantId;
    const closedRecently = await grantInForce(h.ds, call);
    await h.ds.query(`INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status) VALUES ($1, 1, 'pre_financing', 4000000, current_date, 'planned')`, [closedRecently.grantId]);
    await h.ds.query(`UPDATE grants SET status = 'closed', closed_at = now() - interval '1 year' WHERE id = $1`, [closedRecently.grantId]);
    ids.recentGrant = closedRecently.grantId;
    ids.openGrant = (await grantInForce(h.ds, call)).grantId;

    // notifications and e-mails: two years old go, new ones stay; a pending e-mail is never removed
    const [n1] = await h.ds.query(`INSERT INTO notifications (user_id, kind, params, dedupe_key, created_at) VALUES ($1, 'account.deactivated', '{}', 'ret-old', now() - interval '2 years') RETURNING id`, [officer.user.id]);
    const [n2] = await h.ds.query(`INSERT INTO notifications (user_id, kind, params, dedupe_key) VALUES ($1, 'account.deactivated', '{}', 'ret-new') RETURNING id`, [officer.user.id]);
    ids.oldNotification = n1.id;
    ids.newNotification = n2.id;
    const [e1] = await h.ds.query(`INSERT INTO emails (dedupe_key, to_address, template, language, subject, text_body, html_body, status, created_at)
                                   VALUES ('ret-mail-old', 'x@example.org', 't', 'en', 's', 'b', 'b', 'sent', now() - interval '2 years') RETURNING id`);
    const [e2] = await h.ds.query(`INSERT INTO emails (dedupe_key, to_address, template, language, subject, text_body, html_body, status, created_at)
                                   VALUES ('ret-mail-pending', 'x@example.org', 't', 'en', 's', 'b', 'b', 'pending', now() - interval '2 years') RETURNING id`);
    ids.oldEmail = e1.id;
    ids.pendingEmail = e2.id;

    // sessions: one ended 40 days ago goes, a live one stays
    await h.ds.query(`INSERT INTO sessions (sid, sess, expire) VALUES ('ret-old-session', '{}', now() - interval '40 days'), ('ret-live-session', '{}', now() + interval '1 day')`);

    // safeguarding: closed 6 years ago goes (with its messages), closed a year ago and an open one stay
    const sg = async (status: string, closedAgo: string | null, receivedAgo: string) => (await h.ds.query(
      `INSERT INTO safeguarding_reports (id, status, outcome, category, content, follow_up_hash, received_at, closed_at)
       VALUES (gen_random_uuid(), $1, $2, 'other', '\\x00', $3, now() - $4::interval, CASE WHEN $5::text IS NULL THEN NULL ELSE now() - $5::interval END) RETURNING id`,
      [status, status === 'closed' ? 'not_substantiated' : null, randomUUID().replace(/-/g, '').padEnd(64, '0'), receivedAgo, closedAgo]))[0].id as string;
    ids.sgOld = await sg('closed', '6 years', '7 years');
    await h.ds.query(`INSERT INTO safeguarding_messages (id, report_id, author, body) VALUES (gen_random_uuid(), $1, 'reporter', '\\x00')`, [ids.sgOld]);
    ids.sgRecent = await sg('closed', '1 year', '2 years');
    ids.sgOpen = await sg('received', null, '10 years');
  }, 120_000);
  afterAll(() => h.close());

  it('shows the defaults: 5 years after the final payment for grants, 3 after the decision for unfunded applications', async () => {
    const r = await admin.client.get('/api/retention/settings').expect(200);
    const byType = Object.fromEntries(r.body.map((s: { type: string }) => [s.type, s]));
    expect(byType.grant).toMatchObject({ amount: 5, unit: 'years', anchor: 'final_payment', defaultAmount: 5 });
    expect(byType.application_unfunded).toMatchObject({ amount: 3, unit: 'years', anchor: 'call_decision' });
    expect(byType.safeguarding_report).toMatchObject({ amount: 5, unit: 'years', anchor: 'case_closed' });
    expect(Object.keys(byType).sort()).toEqual(['application_unfunded', 'evaluation', 'grant', 'monitoring_photo', 'notification', 'safeguarding_report', 'session']);
  });

  it('lets only an admin see or change retention (403 for others, 401 anonymous)', async () => {
    const owner = await loginAs(h, 'applicant');
    for (const c of [officer.client, owner.client]) {
      expect((await c.get('/api/retention/settings')).status).toBe(403);
      expect((await c.put('/api/retention/settings', { settings: [{ type: 'session', amount: 1, unit: 'days' }] })).status).toBe(403);
      expect((await c.post('/api/retention/dry-run')).status).toBe(403);
      expect((await c.post('/api/retention/runs')).status).toBe(403);
      expect((await c.get('/api/retention/runs')).status).toBe(403);
    }
    expect((await (await new Client(h.app).init()).get('/api/retention/settings')).status).toBe(401);
  });

  it('refuses a bad period naming the field, and changes nothing', async () => {
    const before = await h.ds.query(`SELECT * FROM retention_settings ORDER BY record_type`);
    const bad = async (settings: unknown[], field: string) => {
      const r = await admin.client.put('/api/retention/settings', { settings });
      expect(r.status).toBe(400);
      expect(r.body.details.map((d: Detail) => d.field)).toContain(field);
    };
    await bad([{ type: 'grant', amount: 2, unit: 'years' }], 'settings.0.amount');
    await bad([{ type: 'session', amount: 7, unit: 'days' }, { type: 'grant', amount: 0, unit: 'years' }], 'settings.1.amount');
    await bad([{ type: 'audit_log', amount: 5, unit: 'years' }], 'settings.0.type');
    await bad([{ type: 'session', amount: 5, unit: 'weeks' }], 'settings.0.unit');
    await bad([{ type: 'notification', amount: 51, unit: 'years' }], 'settings.0.amount');
    expect(await h.ds.query(`SELECT * FROM retention_settings ORDER BY record_type`)).toEqual(before);
  });

  it('changes a period and audits it', async () => {
    const r = await admin.client.put('/api/retention/settings', { settings: [{ type: 'grant', amount: 6, unit: 'years' }] }).expect(200);
    expect(r.body.find((s: { type: string }) => s.type === 'grant')).toMatchObject({ amount: 6, unit: 'years' });
    const [a] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'retention.setting_changed' AND entity_id = 'grant'`);
    expect(a.summary).toBe('grant: kept 5 years → 6 years after final_payment');
    await admin.client.put('/api/retention/settings', { settings: [{ type: 'grant', amount: 5, unit: 'years' }] }).expect(200);
  });

  const expected: Record<string, { removed: string[]; kept: string[] }> = {};

  it('dry run: says what would go now, and changes nothing', async () => {
    const auditBefore = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const r = await admin.client.post('/api/retention/dry-run').expect(200);
    const by = (table: string) => (r.body.items as Item[]).find((i) => i.table === table)!;
    // the rejected one with its evaluation (which goes first, in the same sweep), and the draft
    expect(by('applications')).toMatchObject({ type: 'application_unfunded', count: 2 });
    expect(by('evaluation_assignments')).toMatchObject({ count: 1, firstId: ids.evaluation, lastId: ids.evaluation });
    expect(by('grants')).toMatchObject({ count: 1, firstId: ids.oldGrant });
    expect(by('notifications')).toMatchObject({ count: 1, firstId: ids.oldNotification });
    expect(by('emails')).toMatchObject({ count: 1, firstId: ids.oldEmail });
    expect(by('safeguarding_reports')).toMatchObject({ count: 1, firstId: ids.sgOld });
    expect(by('sessions')).toMatchObject({ count: 1, firstId: null });
    expect(await exists('grants', ids.oldGrant)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(auditBefore);
    Object.assign(expected, {
      applications: { removed: [ids.rejected, ids.draft], kept: [ids.recentRejected] },
      grants: { removed: [ids.oldGrant], kept: [ids.recentGrant, ids.openGrant] },
    });
  });

  it('the app role alone still cannot delete anything of a closed grant, nor purge one before its time', async () => {
    await expect(h.ds.query(`DELETE FROM tranches WHERE grant_id = $1`, [ids.recentGrant])).rejects.toThrow(/closed/);
    await expect(h.ds.query(`SELECT set_config('grants.retention_purge', $1, false)`, [ids.recentGrant]).then(() => h.ds.query(`DELETE FROM tranches WHERE grant_id = $1`, [ids.recentGrant]))).rejects.toThrow(/closed/);
    await h.ds.query(`SELECT set_config('grants.retention_purge', '', false)`);
    await expect(h.ds.query(`SELECT * FROM retention_purge_grant($1, false)`, [ids.recentGrant])).rejects.toThrow(/retention period/);
    await expect(h.ds.query(`SELECT * FROM retention_purge_grant($1, false)`, [ids.openGrant])).rejects.toThrow(/not closed/);
    await expect(h.ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
  });

  it('the sweep removes exactly the expired rows, with their files, and records what it removed', async () => {
    const auditBefore = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const r = await admin.client.post('/api/retention/runs').expect(200);
    expect(r.body).toMatchObject({ status: 'done', byPerson: true });
    const by = (table: string) => (r.body.items as Item[]).find((i) => i.table === table)!;
    expect(by('evaluation_assignments')).toMatchObject({ count: 1, firstId: ids.evaluation });
    expect(by('applications').count).toBe(2);
    expect([by('applications').firstId, by('applications').lastId].sort()).toEqual([ids.rejected, ids.draft].sort());
    expect(by('grants')).toMatchObject({ count: 1, firstId: ids.oldGrant, lastId: ids.oldGrant });
    expect(by('sessions').count).toBe(1);

    for (const id of expected.applications!.removed) expect(await exists('applications', id)).toBe(0);
    for (const id of expected.applications!.kept) expect(await exists('applications', id)).toBe(1);
    expect(await exists('evaluation_assignments', ids.evaluation)).toBe(0);
    expect(await exists('grants', ids.oldGrant)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM tranches WHERE grant_id = $1`, [ids.oldGrant])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM monitoring_visits WHERE grant_id = $1`, [ids.oldGrant])).toBe(0);
    for (const id of expected.grants!.kept) expect(await exists('grants', id)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM tranches WHERE grant_id = $1`, [ids.recentGrant])).toBe(1);
    expect(await exists('files', ids.agreementFile)).toBe(0);
    expect(existsSync(ids.agreementPath!)).toBe(false);
    expect(await exists('files', ids.appFile)).toBe(0);
    expect(existsSync(ids.appFilePath!)).toBe(false);
    expect(await exists('notifications', ids.oldNotification)).toBe(0);
    expect(await exists('notifications', ids.newNotification)).toBe(1);
    expect(await exists('emails', ids.oldEmail)).toBe(0);
    expect(await exists('emails', ids.pendingEmail)).toBe(1);
    expect(await exists('sessions', 'ret-old-session', 'sid')).toBe(0);
    expect(await exists('sessions', 'ret-live-session', 'sid')).toBe(1);
    expect(await exists('safeguarding_reports', ids.sgOld)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM safeguarding_messages WHERE report_id = $1`, [ids.sgOld])).toBe(0);
    expect(await exists('safeguarding_reports', ids.sgRecent)).toBe(1);
    expect(await exists('safeguarding_reports', ids.sgOpen)).toBe(1);

    // the audit trail grew by the run's entry, and still verifies
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(auditBefore + 1);
    const [entry] = await h.ds.query(`SELECT summary, entity_id FROM audit_log WHERE action = 'retention.swept' ORDER BY seq DESC LIMIT 1`);
    expect(entry.entity_id).toBe(r.body.id);
    expect(entry.summary).toContain(`grant/grants 1 (${ids.oldGrant} … ${ids.oldGrant})`);
    expect(await h.app.get(AuditService).verify()).toMatchObject({ ok: true });

    const runs = (await admin.client.get('/api/retention/runs').expect(200)).body;
    expect(runs[0]).toMatchObject({ id: r.body.id, status: 'done' });
  });

  it('is idempotent: the daily job run again removes nothing more', async () => {
    const run = await h.app.get(RetentionService).sweep();
    expect(run.items.every((i) => i.count === 0)).toBe(true);
    const [entry] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'retention.swept' ORDER BY seq DESC LIMIT 1`);
    expect(entry.summary).toBe('Retention sweep removed: nothing had expired');
    const dry = (await admin.client.post('/api/retention/dry-run').expect(200)).body.items as Item[];
    expect(dry.every((i) => i.count === 0)).toBe(true);
  });

  it('a sweep that stops is recorded as failed, in the audit trail, and the admins are told (they must act)', async () => {
    await h.ds.query(`INSERT INTO notifications (user_id, kind, params, dedupe_key, created_at) VALUES ($1, 'account.deactivated', '{}', 'ret-fail', now() - interval '2 years')`, [officer.user.id]);
    const spy = jest.spyOn(retentionRepository, 'removeNotifications').mockRejectedValueOnce(new Error('disk full'));
    try {
      await expect(h.app.get(RetentionService).sweep()).rejects.toThrow('disk full');
    } finally {
      spy.mockRestore();
    }
    const [run] = await h.ds.query(`SELECT id, status, error FROM retention_runs ORDER BY started_at DESC LIMIT 1`);
    expect(run).toMatchObject({ status: 'failed', error: 'disk full' });
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'retention.sweep_failed' AND entity_id = $1`, [run.id])).toBe(1);
    const told = await h.ds.query(`SELECT user_id, link FROM notifications WHERE kind = 'retention.sweep_failed'`);
    expect(told).toEqual([{ user_id: admin.user.id, link: '/admin/retention' }]);
    expect(await h.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });
});
