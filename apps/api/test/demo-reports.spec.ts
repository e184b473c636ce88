import { beneficiaryCountProblems, isNarrativeReportEscalated, isNarrativeReportOverdue, SUPPRESSED_COUNT, type BeneficiaryTable, type NarrativeReportStatus } from '@grants/domain';
import { AuditService } from '../src/modules/audit/audit.service';
import { seedDemo } from '../src/seed/demo';
import { seedDemoCalls } from '../src/seed/demo-calls';
import { seedDemoEvaluation } from '../src/seed/demo-evaluation';
import { seedDemoGrants } from '../src/seed/demo-grants';
import { seedDemoMonitoring } from '../src/seed/demo-monitoring';
import { DEMO_CLOSING_NOTE, DEMO_REPORT_STAGES, REPORTS_CALL, seedDemoReports } from '../src/seed/demo-reports';
import { Client, startApi, type Harness } from './harness';

type Row = {
  id: string; grantId: string; email: string; kind: 'interim' | 'final'; seq: number; status: NarrativeReportStatus; dueDate: string; periodEnd: string;
  submittedVersion: number; sha256: string | null; grantStatus: string; submittedAt: Date | null;
};

/**
 * The demo data holds the narrative reports of issue 12 in every state (due soon, overdue and escalated, submitted
 * and waiting, returned with comments on a section and an indicator, accepted with two versions), a request for more
 * time waiting, a grant ready for closure and one closed (final balance drawn up and paid, closing note); counts
 * add up, small ones are "<5" for the observer; the seed is idempotent and the audit chain intact.
 */
describe('demo data: narrative reports and closure', () => {
  let h: Harness;
  let today: string;
  let rows: Row[];
  const of = (stage: keyof typeof DEMO_REPORT_STAGES) => rows.filter((r) => r.email === DEMO_REPORT_STAGES[stage]);
  const login = (email: string, password: string) => new Client(h.app).init().then((c) => c.login(email, password));

  beforeAll(async () => {
    h = await startApi();
    await seedDemo(h.ds);
    await seedDemoCalls(h.app, h.ds);
    await seedDemoEvaluation(h.app, h.ds);
    await seedDemoGrants(h.app, h.ds);
    await seedDemoMonitoring(h.app, h.ds);
    await seedDemoReports(h.app, h.ds);
    [{ today }] = await h.ds.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`);
    rows = await h.ds.query(
      `SELECT r.id, r.grant_id AS "grantId", u.email, r.kind, r.seq, r.status, to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate", to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd",
              r.submitted_version AS "submittedVersion", r.sha256, g.status AS "grantStatus", r.submitted_at AS "submittedAt"
         FROM narrative_reports r JOIN grants g ON g.id = r.grant_id JOIN calls c ON c.id = g.call_id
         JOIN users u ON u.organization_id = g.organization_id AND u.org_role = 'owner'
        WHERE c.reference = $1 ORDER BY u.email, r.period_end, r.seq`, [REPORTS_CALL]);
  }, 600_000);
  afterAll(async () => {
    await h.close();
  });

  it('makes the quarterly reports of each grant from its schedule, none handed in before its period ended', () => {
    expect(of('closed').map((r) => `${r.kind}${r.seq}`)).toEqual(['interim1', 'interim2', 'interim3', 'final4']);
    expect(of('reviewing').filter((r) => r.periodEnd < today).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    for (const r of rows.filter((x) => x.submittedAt)) expect(r.periodEnd < today).toBe(true);
  });

  it('links every report handed in to the accepted expenditure report of its period (its financial part)', async () => {
    const linked: { status: string; periodEnd: string; expenditure: string | null; expenditureEnd: string | null }[] = await h.ds.query(
      `SELECT e.status, to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd", r.expenditure_report_id AS expenditure, to_char(e.period_end, 'YYYY-MM-DD') AS "expenditureEnd"
         FROM narrative_reports r LEFT JOIN expenditure_reports e ON e.id = r.expenditure_report_id WHERE r.id = ANY($1::uuid[])`,
      [rows.filter((r) => r.submittedAt).map((r) => r.id)]);
    expect(linked.length).toBeGreaterThanOrEqual(12);
    for (const l of linked) expect(l).toMatchObject({ status: 'accepted', expenditureEnd: l.periodEnd });
  });

  it('has a report due soon, not started, and one overdue and escalated with more time asked, waiting', async () => {
    const due = of('due').find((r) => r.status === 'draft' && r.dueDate >= today)!;
    expect(due).toBeDefined();
    expect((Date.parse(due.dueDate) - Date.parse(today)) / 86_400_000).toBeLessThanOrEqual(14);
    expect(due.periodEnd < today).toBe(true);
    const late = of('late')[0]!;
    expect(late.status).toBe('draft');
    expect(isNarrativeReportOverdue(late, today)).toBe(true);
    expect(isNarrativeReportEscalated(late, today)).toBe(true);
    const [ext] = await h.ds.query(`SELECT status, requested_due_date > $2::date AS later FROM report_extension_requests WHERE report_id = $1`, [late.id, today]);
    expect(ext).toEqual({ status: 'requested', later: true });
  });

  it('has a report submitted and waiting, one returned with comments on a section and an indicator, one accepted as version 2 whose versions differ', async () => {
    const [q1, q2, q3, q4] = of('reviewing');
    expect(q1!.status).toBe('accepted');
    expect(q4).toMatchObject({ status: 'submitted', submittedVersion: 1 });
    expect(q4!.dueDate >= today).toBe(true); // handed in early
    expect(q3).toMatchObject({ status: 'returned' });
    const comments: { section: string; indicatorId: string | null; kind: string }[] = await h.ds.query(`SELECT section, indicator_id AS "indicatorId", kind FROM narrative_report_comments WHERE report_id = $1`, [q3!.id]);
    expect(comments.some((c) => c.kind === 'review' && c.section !== 'indicators')).toBe(true);
    expect(comments.some((c) => c.kind === 'review' && c.section === 'indicators' && c.indicatorId)).toBe(true);
    expect(q2).toMatchObject({ status: 'accepted', submittedVersion: 2 });
    const versions: { version: number; sha256: string; content: unknown }[] = await h.ds.query(`SELECT version, sha256, content FROM narrative_report_versions WHERE report_id = $1 ORDER BY version`, [q2!.id]);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.sha256).not.toBe(versions[1]!.sha256);
    expect(q2!.sha256).toBe(versions[1]!.sha256);
    const officer = await login('officer@demo.grants.test', 'demo-officer-2026');
    const cmp = (await officer.get(`/api/reports/${q2!.id}/compare?from=1&to=2`).expect(200)).body;
    expect(cmp.changes.map((c: { field: string }) => c.field)).toEqual(expect.arrayContaining(['general.summary']));
    const list = (await officer.get(`/api/reports?status=submitted`).expect(200)).body;
    expect(list.items.map((i: { id: string }) => i.id)).toContain(q4!.id);
  });

  it('writes counts that add up, hashed versions, and shows the small ones as "<5" to the observer, not to the organisation', async () => {
    const versions: { content: { beneficiaries: BeneficiaryTable }; sha256: string }[] = await h.ds.query(
      `SELECT v.content, v.sha256 FROM narrative_report_versions v JOIN narrative_reports r ON r.id = v.report_id JOIN grants g ON g.id = r.grant_id JOIN calls c ON c.id = g.call_id WHERE c.reference = $1`, [REPORTS_CALL]);
    expect(versions.length).toBeGreaterThanOrEqual(12);
    for (const v of versions) {
      expect(beneficiaryCountProblems(v.content.beneficiaries)).toEqual([]);
      expect(v.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const q1 = of('reviewing')[0]!;
    const observer = await login('observer@demo.grants.test', 'demo-observer-2026');
    const seen = (await observer.get(`/api/reports/${q1.id}`).expect(200)).body;
    expect(JSON.stringify(seen.beneficiaries)).toContain(SUPPRESSED_COUNT);
    const owner = await login(DEMO_REPORT_STAGES.reviewing, 'demo-applicant-2026');
    const own = (await owner.get(`/api/reports/${q1.id}`).expect(200)).body;
    expect(own.content.beneficiaries.bySex.male).toBe(2);
  });

  it('has a grant ready for closure: interim reports and the final expenditure report accepted, the final report almost written', async () => {
    const list = of('closing');
    expect(list.filter((r) => r.kind === 'interim').every((r) => r.status === 'accepted')).toBe(true);
    const final = list.find((r) => r.kind === 'final')!;
    expect(final.status).toBe('draft');
    const owner = await login(DEMO_REPORT_STAGES.closing, 'demo-applicant-2026');
    const view = (await owner.get(`/api/reports/${final.id}`).expect(200)).body;
    expect(view.completeness.problems.map((p: { field: string }) => p.field)).toEqual(['lessons']);
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM expenditure_reports WHERE grant_id = $1 AND status = 'accepted' AND period_end = (SELECT end_date FROM grants WHERE id = $1)`, [final.grantId]);
    expect(n).toBe(1);
    expect(final.grantStatus).toBe('in_force');
  });

  it('has a grant closed: every report accepted, the final balance drawn up and paid, the closing note; it refuses a change', async () => {
    const list = of('closed');
    expect(list.every((r) => r.status === 'accepted' && r.grantStatus === 'closed')).toBe(true);
    const grantId = list[0]!.grantId;
    const [g] = await h.ds.query(`SELECT final_balance AS "finalBalance", final_balance_sha256 AS sha, closing_note AS note, end_date < now() AS ended FROM grants WHERE id = $1`, [grantId]);
    expect(g).toMatchObject({ finalBalance: expect.objectContaining({ kind: 'payment' }), sha: expect.stringMatching(/^[0-9a-f]{64}$/), note: DEMO_CLOSING_NOTE, ended: true });
    const tranches: { kind: string; status: string }[] = await h.ds.query(`SELECT kind, status FROM tranches WHERE grant_id = $1`, [grantId]);
    expect(tranches.every((t) => t.status === 'paid')).toBe(true);
    expect(tranches.some((t) => t.kind === 'balance')).toBe(true);
    const officer = await login('officer@demo.grants.test', 'demo-officer-2026');
    const closure = (await officer.get(`/api/grants/${grantId}/closure`).expect(200)).body;
    expect(closure.items.every((i: { met: boolean }) => i.met)).toBe(true);
    expect(closure.closed.closingNote).toBe(DEMO_CLOSING_NOTE);
    const owner = await login(DEMO_REPORT_STAGES.closed, 'demo-applicant-2026');
    const res = await owner.post(`/api/reports/${list[0]!.id}/comments`, { text: 'A comment after the close' }).expect(409);
    expect(res.body.details[0].code).toBe('grant_closed');
  });

  it('puts each demo report on the home to-do of whoever acts on it next', async () => {
    type Todo = { items: { kind: string; count: number; entries: { id: string; link: string }[] }[] };
    const entriesOf = async (email: string, password: string, kind: string) => {
      const c = await login(email, password);
      const t: Todo = (await c.get('/api/home/todo').expect(200)).body;
      return (t.items.find((i) => i.kind === kind)?.entries ?? []).map((e) => e.id);
    };
    const [q1Late] = of('late');
    const [, , q3, q4] = of('reviewing');
    const dueSoon = of('due').find((r) => r.status === 'draft')!;
    expect(await entriesOf(DEMO_REPORT_STAGES.due, 'demo-applicant-2026', 'narrative_report.due_soon')).toContain(dueSoon.id);
    expect(await entriesOf(DEMO_REPORT_STAGES.late, 'demo-applicant-2026', 'narrative_report.overdue')).toContain(q1Late!.id);
    expect(await entriesOf(DEMO_REPORT_STAGES.reviewing, 'demo-applicant-2026', 'narrative_report.returned')).toContain(q3!.id);
    expect(await entriesOf('officer@demo.grants.test', 'demo-officer-2026', 'narrative_report.to_review')).toContain(q4!.id);
    expect(await entriesOf('officer@demo.grants.test', 'demo-officer-2026', 'narrative_report.extension_to_decide')).toContain(q1Late!.id);
    expect(await entriesOf('monitor@demo.grants.test', 'demo-monitor-2026', 'narrative_report.to_read')).toContain(q4!.id);
  }, 90_000);

  it('keeps the audit chain intact and is idempotent', async () => {
    expect((await h.app.get(AuditService).verify()).ok).toBe(true);
    const count = `SELECT (SELECT count(*)::int FROM narrative_reports) AS reports, (SELECT count(*)::int FROM narrative_report_versions) AS versions,
                          (SELECT count(*)::int FROM grants) AS grants, (SELECT count(*)::int FROM audit_log) AS audit`;
    const [before] = await h.ds.query(count);
    await seedDemoReports(h.app, h.ds);
    const [after] = await h.ds.query(count);
    expect(after).toEqual(before);
  });
});
