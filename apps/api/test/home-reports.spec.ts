import { Client, Harness, loginAs, startApi } from './harness';
import { grantInForce, testCall } from './monitoring-factory';

/**
 * Narrative reports on each role's to-do list (GET /api/home/todo, issue 12): the organisation's reports due within
 * 30 days (by the due date in force: an extension granted counts), overdue, and returned to revise; the Secretariat's
 * reports to review (the oldest due first) and requests for more time to decide; the monitor's submitted reports of
 * its grants to read. Each entry opens the report (/reports/:id); nobody sees another's.
 */
type Entry = { id: string; reference: string | null; name: string | null; at: string | null; pending: number | null; grantId: string | null; link: string; periodEnd?: string | null; missing?: string | null };
type Item = { kind: string; count: number; link: string; entries: Entry[] };
type Todo = { items: Item[]; total: number };
type Login = { client: Client };

describe('home: narrative reports on each role’s to-do list', () => {
  let h: Harness;
  let officer: Awaited<ReturnType<typeof loginAs>>;
  let observer: Login;
  let g: Awaited<ReturnType<typeof grantInForce>>;
  let other: Awaited<ReturnType<typeof grantInForce>>;
  let call: Awaited<ReturnType<typeof testCall>>;
  let monitor: Login;
  let owner: Login;
  let member: Login;
  let otherMonitor: Login;
  let otherOwner: Login;
  const r: Record<string, string> = {};

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
  const ids = (entries: Entry[]) => entries.map((e) => e.id);

  let seq = 0;
  /** A narrative report of a grant, due `dueIn` days from today (Kosovo), in a status. */
  async function report(grantId: string, dueIn: number, status = 'draft', set: { extendedIn?: number; submittedDaysAgo?: number; reviewedDaysAgo?: number; by?: string } = {}) {
    seq += 1;
    const [row] = await q(
      `INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date, extended_due_date, status, submitted_version, submitted_at, submitted_by, reviewed_at)
       VALUES ($1, $2, 'interim', current_date - 400, current_date - 200, (now() AT TIME ZONE 'Europe/Belgrade')::date + $3::int,
               (now() AT TIME ZONE 'Europe/Belgrade')::date + $4::int, $5, $6, now() - make_interval(days => $7::int), $8, now() - make_interval(days => $9::int)) RETURNING id`,
      [grantId, seq, dueIn, set.extendedIn ?? null, status, status === 'draft' ? 0 : 1, set.submittedDaysAgo ?? 0, status === 'draft' ? null : set.by, set.reviewedDaysAgo ?? 0]);
    return row.id as string;
  }

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    observer = await loginAs(h, 'observer');
    call = await testCall(h.ds, officer.client, `MF-HR-${process.pid}`);
    g = await grantInForce(h.ds, call);
    other = await grantInForce(h.ds, call);
    const login = async (u: { email: string; password: string }): Promise<Login> => ({ client: await new Client(h.app).init().then(async (c) => { await c.login(u.email, u.password); return c; }) });
    monitor = await login(g.monitor);
    owner = await login(g.owner);
    member = await login(g.member);
    otherMonitor = await login(other.monitor);
    otherOwner = await login(other.owner);
    const by = g.owner.user.id;

    // the organisation's drafts: due in 5 and 25 days (due soon), in 40 (too far), 3 days ago (overdue),
    // and one due 10 days ago whose extension granted moved it to 2 days ahead (due soon, not overdue)
    r.in5 = await report(g.grantId, 5);
    r.in25 = await report(g.grantId, 25);
    r.in40 = await report(g.grantId, 40);
    r.late3 = await report(g.grantId, -3);
    r.extended = await report(g.grantId, -10, 'draft', { extendedIn: 2 });
    // returned 2 days ago with two review comments on its version, and an older comment of no interest
    r.returned = await report(g.grantId, -30, 'returned', { submittedDaysAgo: 10, reviewedDaysAgo: 2, by });
    for (const body of ['Give the counts by municipality', 'Explain the delay of A1.2']) {
      await q(`INSERT INTO narrative_report_comments (report_id, version, kind, author_id, author_role, section, body) VALUES ($1, 1, 'review', $2, 'secretariat', 'results', $3)`, [r.returned, officer.user.id, body]);
    }
    await q(`INSERT INTO narrative_report_comments (report_id, version, kind, author_id, author_role, body) VALUES ($1, 1, 'comment', $2, 'monitor', 'Seen')`, [r.returned, g.monitor.user.id]);
    // submitted (to review): due long ago (handed in late) and due later; accepted: nothing to do
    r.submittedOld = await report(g.grantId, -400, 'submitted', { submittedDaysAgo: 1, by });
    r.submittedNew = await report(g.grantId, -390, 'submitted', { submittedDaysAgo: 3, by });
    r.accepted = await report(g.grantId, -500, 'accepted', { submittedDaysAgo: 30, reviewedDaysAgo: 20, by });
    // a request for more time on the report due in 5 days waits for the Secretariat; a refused one on the overdue report does not
    await q(`INSERT INTO report_extension_requests (report_id, requested_due_date, reason, requested_by, requested_at) VALUES ($1, current_date + 30, 'The trainer fell ill', $2, now() - interval '1 day')`, [r.in5, by]);
    await q(`INSERT INTO report_extension_requests (report_id, requested_due_date, reason, requested_by, status, decided_by, decided_at) VALUES ($1, current_date + 30, 'Late data', $2, 'refused', $3, now())`, [r.late3, by, officer.user.id]);
    // another organisation's overdue draft and submitted report
    r.otherLate = await report(other.grantId, -1);
    r.otherSubmitted = await report(other.grantId, -380, 'submitted', { by: other.owner.user.id });
  });
  afterAll(() => h.close());

  it('lists the organisation its reports due within 30 days (by the due date in force), overdue and returned, each opening the report', async () => {
    for (const who of [owner, member]) {
      const t = await todo(who);
      const dueSoon = item(t, 'narrative_report.due_soon');
      expect(dueSoon.entries.map((e) => [e.id, e.pending])).toEqual([[r.extended, 2], [r.in5, 5], [r.in25, 25]]);
      expect(dueSoon.count).toBe(3);
      expect(dueSoon.entries[0]).toMatchObject({ reference: g.agreementNumber, name: g.organization, grantId: g.grantId, link: `/reports/${r.extended}` });
      expect(dueSoon.link).toBe('/reports?status=draft');
      const overdue = item(t, 'narrative_report.overdue');
      expect(overdue.entries.map((e) => [e.id, e.pending])).toEqual([[r.late3, 3]]);
      // one entry: the list's link is the report itself
      expect(overdue.link).toBe(`/reports/${r.late3}`);
      const returned = item(t, 'narrative_report.returned');
      expect(returned.entries.map((e) => [e.id, e.pending])).toEqual([[r.returned, 2]]);
      expect(returned.entries[0].link).toBe(`/reports/${r.returned}`);
      // nothing of the Secretariat's or the monitor's
      expect(kinds(t)).not.toContain('narrative_report.to_review');
      expect(kinds(t)).not.toContain('narrative_report.to_read');
    }
    // another organisation sees only its own
    const t = await todo(otherOwner);
    expect(ids(item(t, 'narrative_report.overdue').entries)).toEqual([r.otherLate]);
    expect(item(t, 'narrative_report.due_soon').count).toBe(0);
    expect(item(t, 'narrative_report.returned').count).toBe(0);
  });

  it('lists the Secretariat the reports to review, the oldest due first, and the requests for more time to decide', async () => {
    const t = await todo(officer);
    const toReview = mine(t, 'narrative_report.to_review');
    expect(toReview.map((e) => [e.id, e.pending])).toEqual([[r.submittedOld, 1], [r.submittedNew, 1]]);
    expect(toReview[0]).toMatchObject({ reference: g.agreementNumber, name: g.organization, link: `/reports/${r.submittedOld}` });
    // the other grant's report (due 380 days ago) follows them: the Secretariat reviews every grant's
    expect(ids(item(t, 'narrative_report.to_review').entries)).toEqual(expect.arrayContaining([r.submittedOld, r.submittedNew, r.otherSubmitted]));
    expect(item(t, 'narrative_report.to_review').link).toBe('/reports?status=submitted');
    expect(mine(t, 'narrative_report.extension_to_decide')).toEqual([expect.objectContaining({ id: r.in5, link: `/reports/${r.in5}` })]);
    expect(kinds(t)).not.toContain('narrative_report.due_soon');
    expect(kinds(t)).not.toContain('narrative_report.to_read');
  });

  it('lists the monitor the submitted reports of its grants to read, the oldest submission first; never another grant’s', async () => {
    const t = await todo(monitor);
    const toRead = item(t, 'narrative_report.to_read');
    expect(ids(toRead.entries)).toEqual([r.submittedNew, r.submittedOld]);
    expect(toRead.entries[0].link).toBe(`/reports/${r.submittedNew}`);
    expect(toRead.link).toBe('/reports?status=submitted');
    expect(kinds(t)).not.toContain('narrative_report.to_review');
    expect(kinds(t)).not.toContain('narrative_report.due_soon');
    expect(ids(item(await todo(otherMonitor), 'narrative_report.to_read').entries)).toEqual([r.otherSubmitted]);
    // an observer reads reports but has none of this work
    expect(kinds(await todo(observer)).filter((k) => k.startsWith('narrative_report.'))).toEqual([]);
  });

  it('moves a report off the lists as it is submitted, reviewed and its request decided', async () => {
    await q(`UPDATE narrative_reports SET status = 'submitted', submitted_version = 1, submitted_at = now(), submitted_by = $2 WHERE id = $1`, [r.late3, g.owner.user.id]);
    expect(item(await todo(owner), 'narrative_report.overdue').count).toBe(0);
    expect(ids(item(await todo(monitor), 'narrative_report.to_read').entries)).toEqual([r.submittedNew, r.submittedOld, r.late3]);
    await q(`UPDATE narrative_reports SET status = 'accepted', reviewed_at = now() WHERE id = ANY($1)`, [[r.late3, r.submittedOld, r.submittedNew]]);
    expect(item(await todo(monitor), 'narrative_report.to_read').count).toBe(0);
    expect(mine(await todo(officer), 'narrative_report.to_review')).toEqual([]);
    await q(`UPDATE report_extension_requests SET status = 'granted', decided_by = $2, decided_at = now() WHERE report_id = $1 AND status = 'requested'`, [r.in5, officer.user.id]);
    await q(`UPDATE narrative_reports SET extended_due_date = (now() AT TIME ZONE 'Europe/Belgrade')::date + 30 WHERE id = $1`, [r.in5]);
    expect(mine(await todo(officer), 'narrative_report.extension_to_decide')).toEqual([]);
    // the extension granted keeps it due within 30 days, now after the one due in 25
    expect(ids(item(await todo(owner), 'narrative_report.due_soon').entries)).toEqual([r.extended, r.in25, r.in5]);
  });
  it('shows a period whose narrative report and expenditure report are both due as one entry on the narrative report, saying what is missing', async () => {
    const p = await grantInForce(h.ds, call);
    const pOwner = { client: await new Client(h.app).init().then(async (c) => { await c.login(p.owner.email, p.owner.password); return c; }) };
    const day = async (n: number) => ((await q(`SELECT to_char((now() AT TIME ZONE 'Europe/Belgrade')::date + $1::int, 'YYYY-MM-DD') AS d`, [n]))[0].d as string);
    // three periods due in 3, 6 and 9 days; the narrative reports of the first two are drafts, the third one is submitted
    const periods = [
      { seq: 1, periodStart: await day(-200), periodEnd: await day(-27), dueDate: await day(3) },
      { seq: 2, periodStart: await day(-26), periodEnd: await day(-24), dueDate: await day(6) },
      { seq: 3, periodStart: await day(-23), periodEnd: await day(-21), dueDate: await day(9) },
    ];
    await q(`UPDATE grants SET reporting_schedule = $2 WHERE id = $1`, [p.grantId, JSON.stringify(periods.map((x) => ({ kind: 'interim', ...x })))]);
    const narrative: string[] = [];
    for (const x of periods) {
      narrative.push((await q(
        `INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date, status, submitted_version, submitted_at, submitted_by)
         VALUES ($1, $2, 'interim', $3, $4, $5, $6, $7, CASE WHEN $6 = 'draft' THEN NULL ELSE now() END, $8) RETURNING id`,
        [p.grantId, x.seq, x.periodStart, x.periodEnd, x.dueDate, x.seq === 3 ? 'submitted' : 'draft', x.seq === 3 ? 1 : 0, x.seq === 3 ? p.owner.user.id : null]))[0].id);
    }
    // period 1's expenditure report is handed in (an expenditure report covers every period up to its end); periods 2 and 3 have none
    await q(`INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, status, submitted_at) VALUES ($1, 1, $2, $3, 'submitted', now())`, [p.grantId, periods[0].periodStart, periods[0].periodEnd]);

    const t = await todo(pOwner);
    const due = item(t, 'narrative_report.due_soon');
    expect(due.entries.map((e) => [e.id, e.missing, e.periodEnd, e.link])).toEqual([
      [narrative[0], 'narrative', periods[0].periodEnd, `/reports/${narrative[0]}`],
      [narrative[1], 'both', periods[1].periodEnd, `/reports/${narrative[1]}`],
    ]);
    // period 2 is not listed a second time among the expenditure reports; period 3's expenditure report alone says so
    const expenditure = item(t, 'expenditure.report_due');
    expect(expenditure.entries.map((e) => [e.id, e.missing, e.periodEnd])).toEqual([[`${p.grantId}.report.3`, 'expenditure', periods[2].periodEnd]]);
    expect(expenditure.count).toBe(1);
    expect(t.total).toBe(t.items.reduce((n, i) => n + i.count, 0));
  });
  it('shows an observer what it can look at — the grants in force and the reports handed in over 30 days, counted and linked — without counting them as work', async () => {
    const t = await todo(observer);
    const grants = item(t, 'portfolio.grants_in_force');
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM grants WHERE status = 'in_force'`);
    expect(grants.count).toBe(n);
    expect(grants.count).toBeGreaterThanOrEqual(2);
    expect(grants.link).toBe('/grants');
    for (const e of grants.entries) expect(e.link).toBe(`/grants/${e.id}`);
    const reports = item(t, 'portfolio.reports_submitted');
    expect(reports.link).toBe('/reports');
    const [{ m }] = await q(`SELECT count(*)::int AS m FROM narrative_reports WHERE status <> 'draft' AND submitted_at >= now() - interval '30 days'`);
    expect(reports.count).toBe(m);
    // this spec's reports handed in 1, 3 and 10 days ago (the one returned since) and the other grant's today are there; the one of 30 days ago is not
    const [{ ids: recent }] = await q(`SELECT array_agg(id ORDER BY submitted_at) AS ids FROM narrative_reports WHERE id = ANY($1)`, [[r.submittedOld, r.submittedNew, r.returned, r.otherSubmitted]]);
    if (m <= 10) {
      expect(ids(reports.entries).filter((id) => recent.includes(id)).sort()).toEqual([...recent].sort());
      expect(ids(reports.entries)).not.toContain(r.accepted);
    }
    for (const e of reports.entries) expect(e.link).toBe(`/reports/${e.id}`);
    // nothing of it is work waiting on the observer
    expect(t.total).toBe(t.items.filter((i) => !i.kind.startsWith('portfolio.')).reduce((n2, i) => n2 + i.count, 0));
    // nobody else gets the observer's overview
    for (const who of [owner, monitor]) expect(kinds(await todo(who)).filter((k) => k.startsWith('portfolio.'))).toEqual([]);
    // the Secretariat has only the way to the portfolio dashboard (issue 13), as the observer has too
    expect(kinds(await todo(officer)).filter((k) => k.startsWith('portfolio.'))).toEqual(['portfolio.dashboard']);
    expect(kinds(t)).toContain('portfolio.dashboard');
  });
});
