import { Client, Harness, loginAs, startApi } from './harness';
import { grantInForce, testCall } from './monitoring-factory';

/**
 * Monitoring on each role's to-do list (GET /api/home/todo, issue 11): the monitor's visits in the next 14 days,
 * reports to write (visit today or past, report draft or returned) and answered action points to verify; the
 * Secretariat's reports to review and to share and its escalated action points; the organisation's action points to
 * answer (open or reopened, by due date) and its announced visits coming up — never an unannounced one ahead.
 */
type Entry = { id: string; reference: string | null; name: string | null; at: string | null; pending: number | null; grantId: string | null; link: string };
type Item = { kind: string; count: number; link: string; entries: Entry[] };
type Todo = { items: Item[]; total: number };
type Login = { client: Client };

describe('home: monitoring on each role’s to-do list', () => {
  let h: Harness;
  let officer: Login;
  let g: Awaited<ReturnType<typeof grantInForce>>;
  let other: Awaited<ReturnType<typeof grantInForce>>;
  let monitor: Login;
  let owner: Login;
  let member: Login;
  let otherMonitor: Login;
  let otherOwner: Login;
  const v: Record<string, string> = {};
  const p: Record<string, string> = {};

  const q = (sql: string, params: unknown[] = []) => h.ds.query(sql, params);
  const todo = async (who: Login): Promise<Todo> => (await who.client.get('/api/home/todo').expect(200)).body;
  const item = (t: Todo, kind: string) => {
    const found = t.items.find((i) => i.kind === kind);
    if (!found) throw new Error(`no ${kind} in ${t.items.map((i) => i.kind).join(', ')}`);
    return found;
  };
  const kinds = (t: Todo) => t.items.map((i) => i.kind);
  /** The entries of a kind about this spec's grant (the Secretariat sees every grant in the database). */
  const mine = (t: Todo, kind: string) => item(t, kind).entries.filter((e) => e.grantId === g.grantId);

  async function visit(grantId: string, monitorId: string, type: string, days: number, status = 'draft', extra: { submittedDaysAgo?: number; reviewedDaysAgo?: number } = {}) {
    const [row] = await q(`INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by) VALUES ($1, $2, $3, current_date + $4::int, 'Check the shelter', $2) RETURNING id`,
      [grantId, monitorId, type, days]);
    const shared = status === 'shared';
    const [r] = await q(
      `INSERT INTO visit_reports (visit_id, grant_id, status, sha256, shared_at, submitted_at, reviewed_at)
       VALUES ($1, $2, $3, $4, $5, now() - make_interval(days => $6::int), now() - make_interval(days => $7::int)) RETURNING id`,
      [row.id, grantId, status, shared ? 'a'.repeat(64) : null, shared ? new Date() : null, extra.submittedDaysAgo ?? 0, extra.reviewedDaysAgo ?? 0]);
    return { visitId: row.id as string, reportId: r.id as string };
  }
  async function point(reportId: string, grantId: string, seq: number, set: { status?: string; priority?: string; owner?: string; dueIn: number; live?: boolean; answeredDaysAgo?: number }) {
    const [row] = await q(
      `INSERT INTO action_points (report_id, grant_id, seq, what, owner, priority, due_date, status, live, answer, answered_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, current_date + $7::int, $8, $9, $10, $11, $12) RETURNING id`,
      [reportId, grantId, seq, `Post the house rules (${seq})`, set.owner ?? 'organisation', set.priority ?? 'medium', set.dueIn, set.status ?? 'open', set.live ?? true,
        set.status === 'answered' ? 'Done' : null, set.status === 'answered' ? new Date(Date.now() - (set.answeredDaysAgo ?? 1) * 86_400_000) : null, g.monitor.user.id]);
    return row.id as string;
  }

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    const call = await testCall(h.ds, officer.client, `MF-HM-${process.pid}`);
    g = await grantInForce(h.ds, call);
    other = await grantInForce(h.ds, call);
    const login = async (u: { email: string; password: string }): Promise<Login> => ({ client: await new Client(h.app).init().then(async (c) => { await c.login(u.email, u.password); return c; }) });
    monitor = await login(g.monitor);
    owner = await login(g.owner);
    member = await login(g.member);
    otherMonitor = await login(other.monitor);
    otherOwner = await login(other.owner);
    const m = g.monitor.user.id;

    // the monitor's visits: one in 3 days (announced), one unannounced in 5 days, one in 20 days (too far), yesterday's draft,
    // a returned one from 10 days ago, one submitted (nothing to write), and tomorrow's draft (not written before the day)
    v.soon = (await visit(g.grantId, m, 'planned', 3)).visitId;
    v.unannounced = (await visit(g.grantId, m, 'unannounced', 5)).visitId;
    v.far = (await visit(g.grantId, m, 'follow_up', 20)).visitId;
    v.yesterday = (await visit(g.grantId, m, 'planned', -1)).visitId;
    v.returned = (await visit(g.grantId, m, 'planned', -10, 'returned')).visitId;
    const submitted = await visit(g.grantId, m, 'planned', -20, 'submitted', { submittedDaysAgo: 5 });
    v.submitted = submitted.visitId;
    v.accepted = (await visit(g.grantId, m, 'planned', -30, 'accepted', { submittedDaysAgo: 25, reviewedDaysAgo: 20 })).visitId;
    const shared = await visit(g.grantId, m, 'planned', -40, 'shared');
    v.shared = shared.visitId;
    // action points: of the shared report, open (due in 5 days), reopened (overdue, high: escalated), answered (to verify),
    // closed, owned by the Secretariat; and one of the submitted report, not live yet
    p.open = await point(shared.reportId, g.grantId, 1, { dueIn: 5 });
    p.escalated = await point(shared.reportId, g.grantId, 2, { status: 'reopened', priority: 'high', dueIn: -4 });
    p.answered = await point(shared.reportId, g.grantId, 3, { status: 'answered', dueIn: 2, answeredDaysAgo: 2 });
    p.secretariat = await point(shared.reportId, g.grantId, 4, { owner: 'secretariat', dueIn: 1 });
    p.notLive = await point(submitted.reportId, g.grantId, 1, { dueIn: 1, live: false });
  });
  afterAll(() => h.close());

  it('lists the monitor its visits of the next 14 days, the reports to write and the answers to verify, oldest first', async () => {
    const t = await todo(monitor);
    const upcoming = item(t, 'visit.upcoming');
    expect(upcoming.entries.map((e) => [e.id, e.pending])).toEqual([[v.soon, 3], [v.unannounced, 5]]);
    expect(upcoming.entries[0]).toMatchObject({ reference: g.agreementNumber, name: g.organization, grantId: g.grantId, link: `/visits/${v.soon}` });
    expect(upcoming.link).toBe('/visits');
    // the oldest visit first; the submitted, accepted and shared reports are written, tomorrow's is not due yet
    const toWrite = item(t, 'visit_report.to_write');
    expect(toWrite.entries.map((e) => e.id)).toEqual([v.returned, v.yesterday]);
    expect(toWrite.entries[0].link).toBe(`/visits/${v.returned}/report`);
    const toVerify = item(t, 'action_point.to_verify');
    expect(toVerify.entries).toEqual([expect.objectContaining({ id: p.answered, pending: 3, link: `/action-points/${p.answered}` })]);
    expect(toVerify.link).toBe('/action-points?status=answered');
    // nothing of the Secretariat's or the organisation's
    expect(kinds(t)).not.toContain('visit_report.to_review');
    expect(kinds(t)).not.toContain('action_point.to_answer');
    // another monitor has none of it
    const t2 = await todo(otherMonitor);
    for (const kind of ['visit.upcoming', 'visit_report.to_write', 'action_point.to_verify']) expect({ kind, count: item(t2, kind).count }).toEqual({ kind, count: 0 });
  });

  it('lists the Secretariat the reports to review and to share and the escalated action points', async () => {
    const t = await todo(officer);
    expect(mine(t, 'visit_report.to_review')).toEqual([expect.objectContaining({ id: v.submitted, link: `/visits/${v.submitted}` })]);
    expect(item(t, 'visit_report.to_review').link).toBe('/visits?reportStatus=submitted');
    expect(mine(t, 'visit_report.to_share')).toEqual([expect.objectContaining({ id: v.accepted, link: `/visits/${v.accepted}` })]);
    // only the overdue high-priority one, 4 days overdue
    expect(mine(t, 'action_point.escalated')).toEqual([expect.objectContaining({ id: p.escalated, pending: 4, link: `/action-points/${p.escalated}` })]);
    expect(kinds(t)).not.toContain('visit.upcoming');
    expect(kinds(t)).not.toContain('action_point.to_answer');
  });

  it('lists the organisation its live action points to answer by due date and its announced visits, never an unannounced one ahead', async () => {
    for (const who of [owner, member]) {
      const t = await todo(who);
      // the reopened (overdue) one first, then the open one; not the answered, the Secretariat's, nor the one not shared
      const toAnswer = item(t, 'action_point.to_answer');
      expect(toAnswer.entries.map((e) => e.id)).toEqual([p.escalated, p.open]);
      expect(toAnswer.entries[1]).toMatchObject({ reference: g.agreementNumber, name: 'Post the house rules (1)', link: `/action-points/${p.open}` });
      const visits = item(t, 'visit.announced_upcoming');
      expect(visits.entries.map((e) => e.id)).toEqual([v.soon, v.far]);
      expect(visits.entries[0]).toMatchObject({ pending: 3, link: `/visits/${v.soon}` });
      expect(kinds(t)).not.toContain('visit_report.to_write');
    }
    // another organisation sees none of it
    const t = await todo(otherOwner);
    expect(item(t, 'action_point.to_answer').count).toBe(0);
    expect(item(t, 'visit.announced_upcoming').count).toBe(0);
  });

  it('moves an action point off the lists as it is answered and closed', async () => {
    await q(`UPDATE action_points SET status = 'answered', answered_at = now() WHERE id = $1`, [p.open]);
    expect(item(await todo(owner), 'action_point.to_answer').entries.map((e) => e.id)).toEqual([p.escalated]);
    expect(item(await todo(monitor), 'action_point.to_verify').entries.map((e) => e.id)).toEqual([p.answered, p.open]);
    await q(`UPDATE action_points SET status = 'closed', closed_at = now() WHERE id = ANY($1)`, [[p.open, p.answered]]);
    expect(item(await todo(monitor), 'action_point.to_verify').count).toBe(0);
    // an observer has no monitoring work to do
    expect(kinds(await todo(await loginAs(h, 'observer'))).filter((k) => /^(visit|visit_report|action_point)\./.test(k))).toEqual([]);
  });
});
