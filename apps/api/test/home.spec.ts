import request from 'supertest';
import { Harness, loginAs, newOrganization, startApi } from './harness';

/**
 * Each role's home page is its to-do list (GET /api/home/todo): an evaluator with assignments waiting for the
 * declaration, an officer with applications waiting for the admissibility check and a call waiting for its
 * decision, an organisation with a draft before the deadline, an administrator with invitations: counted,
 * linked, oldest first, and nobody sees what is not theirs.
 */
type Entry = { id: string; reference: string | null; name: string | null; callId: string | null; callReference: string | null; at: string | null; pending: number | null; link: string };
type Item = { kind: string; count: number; oldestAt: string | null; link: string; entries: Entry[] };
type Todo = { items: Item[]; total: number };
/** The grants' kinds each role also has (test/home-grants.spec.ts lists what is in them). */
const SECRETARIAT_GRANT_KINDS = ['grant.agreement_to_countersign', 'grant.budget_revision_to_accept', 'award.grant_to_draw_up', 'tranche.to_approve', 'tranche.to_pay',
  'expenditure.report_to_review', 'grant.amendment_to_decide', 'grant.bank_account_change_to_decide',
  // monitoring (test/home-monitoring.spec.ts)
  'visit_report.to_review', 'visit_report.to_share', 'action_point.escalated',
  // narrative reports and closing grants (test/home-reports.spec.ts, test/grant-closure.spec.ts)
  'narrative_report.to_review', 'narrative_report.extension_to_decide', 'grant.final_balance_to_draw_up', 'grant.to_close', 'recovery_order.outstanding',
  // the way to the portfolio dashboard (test/portfolio.spec.ts)
  'portfolio.dashboard'];
const ORGANIZATION_GRANT_KINDS = ['grant.agreement_to_sign', 'grant.budget_revision_to_make', 'tranche.to_request', 'expenditure.report_due', 'expenditure.report_returned', 'grant.amendment_decided',
  'action_point.to_answer', 'visit.announced_upcoming',
  'narrative_report.due_soon', 'narrative_report.overdue', 'narrative_report.returned', 'recovery_order.to_repay'];

describe('home: each role’s to-do list', () => {
  let h: Harness;
  let seq = 0;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

  const q = (sql: string, params: unknown[] = []) => h.ds.query(sql, params);
  const item = (todo: Todo, kind: string) => {
    const found = todo.items.find((i) => i.kind === kind);
    if (!found) throw new Error(`no ${kind} in ${todo.items.map((i) => i.kind).join(', ')}`);
    return found;
  };
  const kinds = (todo: Todo) => todo.items.map((i) => i.kind).sort();

  async function call(status: string, deadline: string) {
    const reference = `MF-HOME-${process.pid}-${++seq}`;
    const [p] = await q(`INSERT INTO programmes (name) VALUES ('Moving Forward – Cluster 3 grant scheme') ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`);
    const definition = { texts: { title: { en: `Call ${seq}`, sq: `Thirrja ${seq}`, sr: `Poziv ${seq}` } } };
    const [c] = await q(
      `INSERT INTO calls (programme_id, reference, status, definition, submission_deadline_at, closed_at) VALUES ($1,$2,$3,$4,$5::timestamptz, CASE WHEN $5::timestamptz < now() THEN $5::timestamptz END) RETURNING id`,
      [p.id, reference, status, JSON.stringify(definition), deadline],
    );
    return { id: c.id as string, reference };
  }
  async function application(callId: string, organizationId: string, status: string, submittedAt: string | null) {
    const reference = `APP-${process.pid}-${++seq}`;
    const [a] = await q(
      `INSERT INTO applications (call_id, organization_id, status, reference, submitted_at) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [callId, organizationId, status, reference, submittedAt],
    );
    return { id: a.id as string, reference };
  }
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  it('answers only a signed-in reader', async () => {
    await request(h.app.getHttpServer()).get('/api/home/todo').expect(401);
  });

  it('lists an evaluator’s declarations to sign with the assignments behind them, then the sheets to score, soonest due first', async () => {
    const evaluator = await loginAs(h, 'evaluator');
    const c = await call('in_evaluation', ago(10));
    const org1 = await newOrganization(h.ds);
    const org2 = await newOrganization(h.ds);
    const a1 = await application(c.id, org1.id, 'in_evaluation', ago(12));
    const a2 = await application(c.id, org2.id, 'in_evaluation', ago(11));
    await q(`INSERT INTO call_evaluators (call_id, user_id) VALUES ($1,$2)`, [c.id, evaluator.user.id]);
    const [s1] = await q(`INSERT INTO evaluation_assignments (call_id, application_id, evaluator_id, origin, due_at) VALUES ($1,$2,$3,'automatic',$4) RETURNING id`, [c.id, a1.id, evaluator.user.id, ahead(9)]);
    const [s2] = await q(`INSERT INTO evaluation_assignments (call_id, application_id, evaluator_id, origin, due_at) VALUES ($1,$2,$3,'automatic',$4) RETURNING id`, [c.id, a2.id, evaluator.user.id, ahead(3)]);

    let todo: Todo = (await evaluator.client.get('/api/home/todo').expect(200)).body;
    expect(kinds(todo)).toEqual(['evaluation.declaration_pending', 'evaluation.sheets_to_score']);
    const declaration = item(todo, 'evaluation.declaration_pending');
    expect(declaration).toMatchObject({ count: 1, link: `/evaluations/${c.id}` });
    expect(declaration.entries[0]).toMatchObject({ callId: c.id, callReference: c.reference, pending: 2, link: `/evaluations/${c.id}` });
    // the sheets stay out of reach until the declaration is signed
    expect(item(todo, 'evaluation.sheets_to_score').count).toBe(0);
    expect(todo.items[0].kind).toBe('evaluation.declaration_pending');
    expect(todo.total).toBe(1);

    await q(`INSERT INTO evaluator_declarations (call_id, user_id, language, text_sha256) VALUES ($1,$2,'en',$3)`, [c.id, evaluator.user.id, 'a'.repeat(64)]);
    todo = (await evaluator.client.get('/api/home/todo').expect(200)).body;
    expect(item(todo, 'evaluation.declaration_pending').count).toBe(0);
    const sheets = item(todo, 'evaluation.sheets_to_score');
    expect(sheets.count).toBe(2);
    expect(sheets.entries.map((e) => e.id)).toEqual([s2.id, s1.id]); // soonest due first
    expect(sheets.entries[0]).toMatchObject({ reference: a2.reference, link: `/evaluations/assignments/${s2.id}` });
    expect(sheets.oldestAt).toBe(sheets.entries[0].at);

    // a submitted sheet is done
    await q(`UPDATE evaluation_assignments SET status = 'submitted', submitted_at = now() WHERE id = $1`, [s2.id]);
    expect(item((await evaluator.client.get('/api/home/todo').expect(200)).body, 'evaluation.sheets_to_score').count).toBe(1);
    // another evaluator has nothing of this
    const other = await loginAs(h, 'evaluator');
    expect((await other.client.get('/api/home/todo').expect(200)).body.total).toBe(0);
  });

  it('lists an officer’s admissibility checks oldest first, calls waiting for their decision, questions and info sessions', async () => {
    const officer = await loginAs(h, 'secretariat');
    const before: Todo = (await officer.client.get('/api/home/todo').expect(200)).body;
    expect(kinds(before)).toEqual(['application.admissibility_pending', 'call.decision_pending', 'call.info_sessions_upcoming', 'call.questions_unanswered', ...SECRETARIAT_GRANT_KINDS].sort());

    const closed = await call('closed', ago(2));
    const orgs = [await newOrganization(h.ds), await newOrganization(h.ds), await newOrganization(h.ds)];
    const late = await application(closed.id, orgs[0].id, 'submitted', ago(3));
    const early = await application(closed.id, orgs[1].id, 'submitted', ago(20));
    const decided = await application(closed.id, orgs[2].id, 'admissible', ago(25));
    await q(`INSERT INTO admissibility_checks (application_id, answers, outcome, decided_at) VALUES ($1,'[]','admissible',now())`, [decided.id]);
    // a call still open: its submitted applications wait for the deadline, not for the officer
    const open = await call('published', ahead(5));
    await application(open.id, orgs[0].id, 'submitted', ago(1));
    const evaluating = await call('in_evaluation', ago(15));
    const decidedCall = await call('in_evaluation', ago(30));
    await q(
      `INSERT INTO award_decisions (call_id, seq, kind, decided_on, envelope_cents, snapshot, sha256) VALUES ($1,1,'decision',current_date,100,'{}',$2)`,
      [decidedCall.id, 'b'.repeat(64)],
    );
    const [session] = await q(`INSERT INTO info_sessions (call_id, starts_at, place, capacity) VALUES ($1,$2,'Prishtinë',30) RETURNING id`, [open.id, ahead(2)]);
    await q(`INSERT INTO info_sessions (call_id, starts_at, place, capacity) VALUES ($1,$2,'Prizren',30)`, [open.id, ago(2)]); // past
    const asker = await loginAs(h, 'applicant');
    await q(`INSERT INTO call_questions (call_id, organization_id, asked_by, question) VALUES ($1,$2,$3,'Can we apply twice?')`, [open.id, asker.user.organizationId, asker.user.id]);

    const todo: Todo = (await officer.client.get('/api/home/todo').expect(200)).body;
    const adm = item(todo, 'application.admissibility_pending');
    const admissibilityBefore = item(before, 'application.admissibility_pending').count;
    expect(adm.count).toBe(admissibilityBefore + 2);
    const mine = adm.entries.filter((e) => e.callId === closed.id);
    expect(mine.map((e) => e.id)).toEqual([early.id, late.id]); // oldest submission first
    expect(mine[0]).toMatchObject({ reference: early.reference, name: orgs[1].legalName, link: `/applications/${early.id}/admissibility` });

    const decision = item(todo, 'call.decision_pending');
    expect(decision.entries.map((e) => e.callId)).toContain(evaluating.id);
    expect(decision.entries.map((e) => e.callId)).not.toContain(decidedCall.id);
    expect(decision.entries.find((e) => e.callId === evaluating.id)).toMatchObject({ link: `/calls/${evaluating.id}/ranking`, pending: 0 });

    const sessions = item(todo, 'call.info_sessions_upcoming');
    expect(sessions.entries.map((e) => e.id)).toContain(session.id);
    expect(sessions.entries.find((e) => e.id === session.id)).toMatchObject({ name: 'Prishtinë', pending: 0, link: `/calls/${open.id}` });
    expect(sessions.entries.map((e) => e.name)).not.toContain('Prizren');
    expect(item(todo, 'call.questions_unanswered').entries.map((e) => e.callId)).toContain(open.id);

    // the list puts what has something to do first, the oldest first
    const withWork = todo.items.filter((i) => i.count > 0);
    expect(todo.items.slice(0, withWork.length)).toEqual(withWork);
    const dates = withWork.map((i) => i.oldestAt!);
    expect([...dates].sort()).toEqual(dates);
    expect(todo.total).toBe(todo.items.reduce((n, i) => n + i.count, 0));

    // an evaluator and an organisation see none of it
    const evaluator = await loginAs(h, 'evaluator');
    expect(kinds((await evaluator.client.get('/api/home/todo').expect(200)).body)).not.toContain('application.admissibility_pending');
    expect(kinds((await asker.client.get('/api/home/todo').expect(200)).body)).toEqual(['application.drafts_due', 'award.offer_to_answer', 'call.info_sessions_registered', ...ORGANIZATION_GRANT_KINDS].sort());
  });

  it('lists an organisation’s drafts before the deadline, soonest first, and its info sessions; never another organisation’s', async () => {
    const owner = await loginAs(h, 'applicant');
    const orgId = owner.user.organizationId!;
    const soon = await call('published', ahead(3));
    const later = await call('published', ahead(30));
    const past = await call('closed', ago(1));
    const dLater = await application(later.id, orgId, 'draft', null);
    const dSoon = await application(soon.id, orgId, 'draft', null);
    await application(past.id, orgId, 'draft', null); // too late: nothing to do any more
    const stranger = await newOrganization(h.ds);
    const theirs = await call('published', ahead(2));
    await application(theirs.id, stranger.id, 'draft', null);
    const [s] = await q(`INSERT INTO info_sessions (call_id, starts_at, online_link, capacity) VALUES ($1,$2,'https://meet.example.org/x',30) RETURNING id`, [soon.id, ahead(1)]);
    await q(`INSERT INTO info_session_registrations (session_id, organization_id, user_id, attendees) VALUES ($1,$2,$3,2)`, [s.id, orgId, owner.user.id]);

    const todo: Todo = (await owner.client.get('/api/home/todo').expect(200)).body;
    const drafts = item(todo, 'application.drafts_due');
    expect(drafts.count).toBe(2);
    expect(drafts.entries.map((e) => e.id)).toEqual([dSoon.id, dLater.id]);
    expect(drafts.entries[0]).toMatchObject({ callReference: soon.reference, link: `/applications/${dSoon.id}` });
    expect(drafts.link).toBe('/applications');
    expect(item(todo, 'call.info_sessions_registered').entries).toEqual([expect.objectContaining({ id: s.id, pending: 2, link: `/calls/${soon.id}` })]);
    expect(item(todo, 'award.offer_to_answer').count).toBe(0);

    // a member of the organisation sees the same drafts
    const member = await loginAs(h, 'applicant', { organizationId: orgId, orgRole: 'member' });
    expect(item((await member.client.get('/api/home/todo').expect(200)).body, 'application.drafts_due').count).toBe(2);
  });

  it('lists an administrator’s invitations still open and those that ran out', async () => {
    const admin = await loginAs(h, 'secretariat_admin');
    const officer = await loginAs(h, 'secretariat');
    const addr = (n: string) => `home-${process.pid}-${n}@example.org`;
    await q(`INSERT INTO invitations (email, role, token_hash, expires_at, invited_by) VALUES ($1,'evaluator',$2,$3,$4)`, [addr('open'), `t-${process.pid}-1`, ahead(5), admin.user.id]);
    await q(`INSERT INTO invitations (email, role, token_hash, expires_at, invited_by) VALUES ($1,'evaluator',$2,$3,$4)`, [addr('gone'), `t-${process.pid}-2`, ago(2), admin.user.id]);
    await q(`INSERT INTO invitations (email, role, token_hash, expires_at, invited_by, accepted_at) VALUES ($1,'evaluator',$2,$3,$4,now())`, [addr('done'), `t-${process.pid}-3`, ahead(5), admin.user.id]);

    const todo: Todo = (await admin.client.get('/api/home/todo').expect(200)).body;
    expect(kinds(todo)).toEqual(expect.arrayContaining(['user.invitations_pending', 'user.invitations_expired', 'application.admissibility_pending']));
    const names = (kind: string) => item(todo, kind).entries.map((e) => e.name);
    expect(names('user.invitations_pending')).toContain(addr('open'));
    expect(names('user.invitations_pending')).not.toContain(addr('done'));
    expect(names('user.invitations_expired')).toContain(addr('gone'));
    expect(item(todo, 'user.invitations_pending').link).toBe('/admin/invitations');
    // an officer does not invite: no invitations on their list
    expect(kinds((await officer.client.get('/api/home/todo').expect(200)).body)).not.toContain('user.invitations_pending');
  });
});
