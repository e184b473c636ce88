import { Client, Harness, loginAs, startApi } from './harness';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Detail = { field: string; code: string };

const SECRET = 'The driver of the shelter van threatened residents on 3 March';
const REPLY = 'Could you tell us which shelter this was?';
const ANSWER = 'It was the shelter in the old town, near the bus station';

/**
 * The confidential safeguarding channel on the real database: anyone (no account) reports a concern and gets a
 * follow-up code; the content is sealed at rest (the stored bytes hold none of the text), the code stored only as a
 * hash; only a designated focal point reaches reports (every other role, an admin too: 404; anonymous: 401); each
 * opening is audited, the audit trail never holds the content; focal points are notified and the reporter e-mailed
 * with no content; the reporter follows the case with the code and answers; the status goes received → under review →
 * closed with an outcome through its status function; an admin designates focal points (audited) yet reads nothing.
 */
describe('safeguarding reports', () => {
  let h: Harness;
  let focal: Login;
  let admin: Login;
  let others: Record<string, Login>;
  let anonymous: Client;
  let code: string;
  let reportId: string;
  const fields = (body: { details: Detail[] }) => body.details.map((d) => `${d.field}:${d.code}`);

  beforeAll(async () => {
    h = await startApi();
    focal = await loginAs(h, 'secretariat');
    await h.ds.query(`UPDATE users SET safeguarding_focal_point = true WHERE id = $1`, [focal.user.id]);
    admin = await loginAs(h, 'secretariat_admin');
    const owner = await loginAs(h, 'applicant', { orgRole: 'owner' });
    others = {
      owner,
      member: await loginAs(h, 'applicant', { orgRole: 'member', organizationId: owner.user.organizationId! }),
      otherOrganization: await loginAs(h, 'applicant'),
      evaluator: await loginAs(h, 'evaluator'),
      monitor: await loginAs(h, 'monitor'),
      observer: await loginAs(h, 'observer'),
      secretariat: await loginAs(h, 'secretariat'),
      admin,
    };
    anonymous = await new Client(h.app).init();
  }, 60_000);
  afterAll(() => h.close());

  it('refuses a report without what happened, or with a field it does not know, naming the field; nothing is stored', async () => {
    let r = await anonymous.post('/api/safeguarding/reports', { category: 'abuse', whatHappened: '' });
    expect(r.status).toBe(400);
    expect(fields(r.body)).toContain('whatHappened:required');
    r = await anonymous.post('/api/safeguarding/reports', { category: 'abuse', whatHappened: 'x', grantId: 'y' });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: Detail) => d.field)).toContain('grantId');
    r = await anonymous.post('/api/safeguarding/reports', { category: 'gossip', whatHappened: 'x' });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: Detail) => d.field)).toContain('category');
    expect((await h.ds.query(`SELECT count(*)::int AS n FROM safeguarding_reports`))[0].n).toBe(0);
  });

  it('takes a report from someone without an account and gives a follow-up code, shown once and stored only as a hash', async () => {
    const r = await anonymous.post('/api/safeguarding/reports', {
      category: 'sexual_exploitation', whatHappened: SECRET, concerns: 'Shelter project of a funded CSO', contact: '+383 44 000 000', email: 'reporter@example.org', language: 'sq',
    });
    expect([r.status, r.status === 201 ? null : r.body]).toEqual([201, null]);
    code = r.body.followUpCode;
    expect(code).toMatch(/^([0-9A-Z]{5}-){4}[0-9A-Z]{5}$/);
    const [row] = await h.asOwner((q) => q(`SELECT id, follow_up_hash, encode(content, 'escape') AS content, encode(reporter_email, 'escape') AS email, content::text AS hex FROM safeguarding_reports`)) as Record<string, string>[];
    reportId = row.id;
    expect(row.follow_up_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.follow_up_hash).not.toContain(code.replace(/-/g, '').toLowerCase());
    for (const stored of [row.content, row.email, row.hex]) {
      expect(stored).not.toContain('driver');
      expect(stored).not.toContain('Shelter project');
      expect(stored).not.toContain('+383');
      expect(stored).not.toContain('reporter@example.org');
    }
    expect(Buffer.from(row.hex.slice(2), 'hex').includes(Buffer.from('threatened'))).toBe(false);
    // the whole database, as a dump would show it
    const dump = await h.asOwner((q) => q(`SELECT string_agg(t::text, ' ') AS s FROM (SELECT * FROM safeguarding_reports) t`)) as { s: string }[];
    expect(dump[0].s).not.toContain('threatened');
  });

  it('tells the focal points (in the portal and by e-mail) that a report arrived, and nothing of what it says; the audit says only that it exists', async () => {
    const notes: { user_id: string; params: object; link: string }[] = await h.ds.query(`SELECT user_id, params, link FROM notifications WHERE kind = 'safeguarding.report_received'`);
    expect(notes.map((n) => n.user_id)).toEqual([focal.user.id]);
    expect(notes[0].link).toBe(`/safeguarding/reports/${reportId}`);
    expect(JSON.stringify(notes[0].params)).not.toContain('driver');
    const mails: { subject: string; text_body: string; html_body: string }[] = await h.ds.query(`SELECT subject, text_body, html_body FROM emails WHERE to_address = $1`, [focal.email]);
    expect(mails).toHaveLength(1);
    expect(mails[0].text_body).toContain(`/safeguarding/reports/${reportId}`);
    for (const part of [mails[0].subject, mails[0].text_body, mails[0].html_body]) {
      expect(part).not.toContain('driver');
      expect(part).not.toContain('Shelter');
      expect(part).not.toContain('reporter@example.org');
    }
    const audit: { action: string; actor_id: string | null; actor_pseudonym: string | null }[] = await h.ds.query(`SELECT action, actor_id, actor_pseudonym FROM audit_log WHERE entity_id = $1`, [reportId]);
    expect(audit).toEqual([{ action: 'safeguarding_report.received', actor_id: null, actor_pseudonym: null }]);
  });

  it('answers 401 to anonymous and 404 to every role but the focal point, on every route, an admin too', async () => {
    const routes = (c: Client) => [
      c.get('/api/safeguarding/reports'),
      c.get(`/api/safeguarding/reports/${reportId}`),
      c.post(`/api/safeguarding/reports/${reportId}/messages`, { body: 'hello' }),
      c.post(`/api/safeguarding/reports/${reportId}/status`, { status: 'under_review' }),
    ];
    for (const r of await Promise.all(routes(anonymous))) expect(r.status).toBe(401);
    for (const [name, who] of Object.entries(others)) {
      const answers = await Promise.all(routes(who.client));
      expect([name, answers.map((r) => r.status)]).toEqual([name, [404, 404, 404, 404]]);
      for (const r of answers) expect(JSON.stringify(r.body)).not.toContain('driver');
    }
    const [row] = await h.ds.query(`SELECT status FROM safeguarding_reports WHERE id = $1`, [reportId]);
    expect(row.status).toBe('received');
    expect((await h.ds.query(`SELECT count(*)::int AS n FROM safeguarding_messages`))[0].n).toBe(0);
  });

  it('lists reports for the focal point without their content, and records each opening by who opened it', async () => {
    const list = await focal.client.get('/api/safeguarding/reports').expect(200);
    expect(list.body).toMatchObject({ received: 1, underReview: 0, items: [{ id: reportId, status: 'received', category: 'sexual_exploitation', messages: 0, reporterWaiting: false }] });
    expect(JSON.stringify(list.body)).not.toContain('driver');
    const r = await focal.client.get(`/api/safeguarding/reports/${reportId}`).expect(200);
    expect(r.body).toMatchObject({ whatHappened: SECRET, concerns: 'Shelter project of a funded CSO', contact: '+383 44 000 000', reporterEmail: 'reporter@example.org', can: { review: true, close: true, message: true } });
    await focal.client.get(`/api/safeguarding/reports/${reportId}`).expect(200);
    // who opened it: the entry names its actor by pseudonym, linked to the person until an erasure
    const opened: { user_id: string }[] = await h.ds.query(
      `SELECT p.user_id FROM audit_log a JOIN audit_pseudonyms p ON p.pseudonym = a.actor_pseudonym WHERE a.action = 'safeguarding_report.opened' AND a.entity_id = $1`, [reportId]);
    expect(opened.map((o) => o.user_id)).toEqual([focal.user.id, focal.user.id]);
    await focal.client.get('/api/safeguarding/reports/00000000-0000-0000-0000-000000000000').expect(404);
  });

  it('writes to the reporter, who is e-mailed only that there is news, reads it with the code and answers', async () => {
    await focal.client.post(`/api/safeguarding/reports/${reportId}/messages`, { body: '' }).expect(400);
    const r = await focal.client.post(`/api/safeguarding/reports/${reportId}/messages`, { body: REPLY }).expect(200);
    expect(r.body.thread).toEqual([expect.objectContaining({ author: 'focal_point', body: REPLY })]);
    const [mail] = await h.ds.query(`SELECT subject, text_body, html_body, language FROM emails WHERE to_address = 'reporter@example.org'`);
    expect(mail.language).toBe('sq');
    expect(mail.text_body).toContain('/safeguarding/follow-up');
    for (const part of [mail.subject, mail.text_body, mail.html_body]) {
      expect(part).not.toContain('shelter');
      expect(part).not.toContain('driver');
    }
    // the reporter: a wrong code is a 404; the right one, however typed, shows the case
    await anonymous.post('/api/safeguarding/follow-up', { code: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA' }).expect(404);
    await anonymous.post('/api/safeguarding/follow-up', { code: 'not a code' }).expect(404);
    const seen = await anonymous.post('/api/safeguarding/follow-up', { code: code.toLowerCase().replace(/-/g, ' ') }).expect(200);
    expect(seen.body).toMatchObject({ status: 'received', outcome: null, whatHappened: SECRET, messages: [{ author: 'focal_point', body: REPLY }] });
    const answered = await anonymous.post('/api/safeguarding/follow-up/messages', { code, body: ANSWER }).expect(200);
    expect(answered.body.messages.map((m: { author: string }) => m.author)).toEqual(['focal_point', 'reporter']);
    const stored = await h.asOwner((q) => q(`SELECT string_agg(encode(body, 'escape'), ' ') AS s FROM safeguarding_messages`)) as { s: string }[];
    expect(stored[0].s).not.toContain('old town');
    expect(stored[0].s).not.toContain('which shelter');
    const [note] = await h.ds.query(`SELECT user_id, params FROM notifications WHERE kind = 'safeguarding.reporter_replied'`);
    expect(note.user_id).toBe(focal.user.id);
    expect(JSON.stringify(note.params)).not.toContain('old town');
    const list = await focal.client.get('/api/safeguarding/reports').expect(200);
    expect(list.body.items[0]).toMatchObject({ messages: 2, reporterWaiting: true });
  });

  it('moves the case received → under review → closed with an outcome; closing needs one; a closed case is final', async () => {
    await focal.client.post(`/api/safeguarding/reports/${reportId}/status`, { status: 'under_review', outcome: 'referred' }).expect(400);
    const review = await focal.client.post(`/api/safeguarding/reports/${reportId}/status`, { status: 'under_review' }).expect(200);
    expect(review.body).toMatchObject({ status: 'under_review', can: { review: false, close: true } });
    const noOutcome = await focal.client.post(`/api/safeguarding/reports/${reportId}/status`, { status: 'closed' }).expect(400);
    expect(fields(noOutcome.body)).toEqual(['outcome:required']);
    const closed = await focal.client.post(`/api/safeguarding/reports/${reportId}/status`, { status: 'closed', outcome: 'referred' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'referred', can: { review: false, close: false, message: false } });
    expect(closed.body.closedAt).toBeTruthy();
    const again = await focal.client.post(`/api/safeguarding/reports/${reportId}/status`, { status: 'under_review' }).expect(409);
    expect(again.body.message).toMatch(/invalid|cannot/i);
    await focal.client.post(`/api/safeguarding/reports/${reportId}/messages`, { body: 'more' }).expect(409);
    await anonymous.post('/api/safeguarding/follow-up/messages', { code, body: 'more' }).expect(409);
    expect((await anonymous.post('/api/safeguarding/follow-up', { code }).expect(200)).body).toMatchObject({ status: 'closed', outcome: 'referred' });
    const actions: { action: string }[] = await h.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'safeguarding_report.%' ORDER BY seq`, [reportId]);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['safeguarding_report.under_review', 'safeguarding_report.closed']));
    // the reporter heard of the closing too, with no content
    const mails: { text_body: string }[] = await h.ds.query(`SELECT text_body FROM emails WHERE to_address = 'reporter@example.org'`);
    expect(mails).toHaveLength(2);
  });

  it('never writes the content into the audit trail', async () => {
    const rows = await h.asOwner((q) => q(`SELECT string_agg(t::text, ' ') AS s FROM (SELECT * FROM audit_log) t`)) as { s: string }[];
    for (const words of ['threatened', 'Shelter project', '+383', 'reporter@example.org', 'which shelter', 'old town']) expect(rows[0].s).not.toContain(words);
  });

  it('lets an admin designate a focal point (audited), never a non-staff account, and the admin still reads nothing', async () => {
    const list = await admin.client.get('/api/safeguarding/focal-points').expect(200);
    expect(list.body.items.find((u: { id: string }) => u.id === focal.user.id)).toMatchObject({ focalPoint: true });
    await others.secretariat.client.get('/api/safeguarding/focal-points').expect(403);
    await admin.client.put(`/api/safeguarding/focal-points/${others.owner.user.id}`, { focalPoint: true }).expect(400);
    await admin.client.put(`/api/safeguarding/focal-points/${others.observer.user.id}`, { focalPoint: 'yes' }).expect(400);
    const set = await admin.client.put(`/api/safeguarding/focal-points/${others.observer.user.id}`, { focalPoint: true }).expect(200);
    expect(set.body.items.find((u: { id: string }) => u.id === others.observer.user.id)).toMatchObject({ focalPoint: true });
    const [audit] = await h.ds.query(
      `SELECT p.user_id FROM audit_log a JOIN audit_pseudonyms p ON p.pseudonym = a.actor_pseudonym WHERE a.action = 'user.safeguarding_focal_point_designated' AND a.entity_id = $1`, [others.observer.user.id]);
    expect(audit.user_id).toBe(admin.user.id);
    // the observer now reaches the report (the flag counts from the next request); the admin who set it does not
    await others.observer.client.get(`/api/safeguarding/reports/${reportId}`).expect(200);
    await admin.client.get(`/api/safeguarding/reports/${reportId}`).expect(404);
    const me = await others.observer.client.get('/api/auth/me').expect(200);
    expect(me.body.permissions ?? me.body.user?.permissions).toContain('safeguarding.handle');
    await admin.client.put(`/api/safeguarding/focal-points/${others.observer.user.id}`, { focalPoint: false }).expect(200);
    await others.observer.client.get(`/api/safeguarding/reports/${reportId}`).expect(404);
  });
});
