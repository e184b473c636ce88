import {
  isActionPointEscalated,
  isActionPointOverdue,
  isVisitVisibleToOrganisation,
  visitReportCanonicalContent,
  visitReportProblems,
  workPlanActivities,
  type VisitReportContent,
} from '@grants/domain';
import { createHash } from 'node:crypto';
import { AuditService } from '../src/modules/audit/audit.service';
import { seedDemo } from '../src/seed/demo';
import { seedDemoCalls } from '../src/seed/demo-calls';
import { seedDemoEvaluation } from '../src/seed/demo-evaluation';
import { DEMO_GRANT_STAGES, GRANTS_CALL, seedDemoGrants } from '../src/seed/demo-grants';
import { DEMO_MONITOR, seedDemoMonitoring } from '../src/seed/demo-monitoring';
import { Client, startApi, type Harness } from './harness';

type Visit = { id: string; grantId: string; monitorId: string; type: string; date: string; purpose: string; logframe: never };
type Report = { id: string; visitId: string; status: string; content: VisitReportContent; rating: number | null; sha256: string | null; sharedAt: Date | null; submittedAt: Date | null; reviewedAt: Date | null };
type Point = { id: string; reportId: string; seq: number; owner: 'organisation' | 'secretariat'; priority: 'low' | 'medium' | 'high'; dueDate: string; status: 'open' | 'answered' | 'reopened' | 'closed'; live: boolean; answer: string | null; events: string[] };

/**
 * The demo data holds the monitoring of issue 11 (done when: "a monitor with planned and reported visits, a shared
 * report with open and closed action points, and one rated 3"), for the demo monitor, on the demo grants in force,
 * assessing each grant's current work plan; shared reports frozen with their hash; the seed stays idempotent.
 */
describe('demo data: monitoring visits, reports and action points', () => {
  let h: Harness;
  let today: string;
  let monitorId: string;
  let visits: Visit[];
  let reports: Map<string, Report>;
  let points: Point[];

  beforeAll(async () => {
    h = await startApi();
    await seedDemo(h.ds);
    await seedDemoCalls(h.app, h.ds);
    await seedDemoEvaluation(h.app, h.ds);
    await seedDemoGrants(h.app, h.ds);
    await seedDemoMonitoring(h.app, h.ds);
    [{ today }] = await h.ds.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`);
    [{ id: monitorId }] = await h.ds.query(`SELECT id FROM users WHERE email = $1`, [DEMO_MONITOR]);
    visits = await h.ds.query(
      `SELECT v.id, v.grant_id AS "grantId", v.monitor_id AS "monitorId", v.type, to_char(v.visit_date, 'YYYY-MM-DD') AS date, v.purpose, g.logframe
         FROM monitoring_visits v JOIN grants g ON g.id = v.grant_id ORDER BY v.visit_date`);
    const r: Report[] = await h.ds.query(
      `SELECT id, visit_id AS "visitId", status, content, rating, sha256, shared_at AS "sharedAt", submitted_at AS "submittedAt", reviewed_at AS "reviewedAt" FROM visit_reports`);
    reports = new Map(r.map((x) => [x.visitId, x]));
    points = await h.ds.query(
      `SELECT p.id, p.report_id AS "reportId", p.seq, p.owner, p.priority, to_char(p.due_date, 'YYYY-MM-DD') AS "dueDate", p.status, p.live, p.answer,
              coalesce((SELECT array_agg(e.kind ORDER BY e.created_at) FROM action_point_events e WHERE e.action_point_id = p.id), '{}') AS events
         FROM action_points p ORDER BY p.report_id, p.seq`);
  }, 240_000);
  afterAll(async () => {
    await h.close();
  });

  const reportOf = (v: Visit) => reports.get(v.id)!;
  const shared = () => visits.filter((v) => reportOf(v).status === 'shared');

  it('gives every demo grant in force to the demo monitor, whose visits they all are, each with its one report', async () => {
    const grants: { monitorId: string }[] = await h.ds.query(
      `SELECT g.monitor_id AS "monitorId" FROM grants g JOIN calls c ON c.id = g.call_id WHERE c.reference = $1 AND g.status = 'in_force'`, [GRANTS_CALL]);
    expect(grants).toHaveLength(4);
    expect(grants.every((g) => g.monitorId === monitorId)).toBe(true);
    expect(visits.length).toBeGreaterThanOrEqual(7);
    expect(visits.every((v) => v.monitorId === monitorId && reports.has(v.id))).toBe(true);
  });

  it('plans future visits: an announced planned one in about ten days, a follow-up, and an unannounced one the organisation does not see yet', () => {
    const future = visits.filter((v) => v.date > today);
    const inDays = (v: Visit) => (Date.parse(v.date) - Date.parse(today)) / 86_400_000;
    expect(future.find((v) => v.type === 'planned' && inDays(v) >= 7 && inDays(v) <= 14)).toBeDefined();
    expect(future.find((v) => v.type === 'follow_up')).toBeDefined();
    const unannounced = future.find((v) => v.type === 'unannounced')!;
    expect(unannounced).toBeDefined();
    expect(isVisitVisibleToOrganisation({ type: 'unannounced', date: unannounced.date }, today)).toBe(false);
    expect(future.every((v) => reportOf(v).status === 'draft' && reportOf(v).content.activities.length === 0)).toBe(true);
  });

  it('shows the organisation its announced visits, not the unannounced one before its day; the monitor sees them all', async () => {
    const unannounced = visits.find((v) => v.type === 'unannounced' && v.date > today)!;
    const [{ email }] = await h.ds.query(`SELECT u.email FROM users u JOIN grants g ON g.organization_id = u.organization_id WHERE g.id = $1 AND u.org_role = 'owner'`, [unannounced.grantId]);
    expect(email).toBe(DEMO_GRANT_STAGES.review);
    const cso = await (await new Client(h.app).init()).login(email, 'demo-applicant-2026');
    const seen = (await cso.get(`/api/grants/${unannounced.grantId}/visits`).expect(200)).body.items as { id: string }[];
    const ofGrant = visits.filter((v) => v.grantId === unannounced.grantId);
    expect(seen.map((v) => v.id).sort()).toEqual(ofGrant.filter((v) => v.id !== unannounced.id).map((v) => v.id).sort());
    await cso.get(`/api/visits/${unannounced.id}`).expect(404);
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE params::text LIKE $1`, [`%${unannounced.date}%`]);
    expect(n).toBe(0); // nobody was told of it
    const monitor = await (await new Client(h.app).init()).login(DEMO_MONITOR, 'demo-monitor-2026');
    const mine = (await monitor.get(`/api/visits?from=${visits[0]!.date}&to=${visits.at(-1)!.date}&pageSize=50`).expect(200)).body;
    expect(mine.total).toBe(visits.length);
    const planned = visits.find((v) => v.type === 'planned' && v.date > today)!;
    const [{ told }] = await h.ds.query(`SELECT count(*)::int AS told FROM notifications WHERE kind = 'visit.planned' AND params->>'date' = $1`, [planned.date]);
    expect(told).toBeGreaterThan(0); // the announced one was announced
  });

  it('has a draft from yesterday\'s visit partly written, and a submitted report waiting for the Secretariat\'s review', () => {
    const yesterday = visits.find((v) => (Date.parse(today) - Date.parse(v.date)) / 86_400_000 === 1)!;
    const draft = reportOf(yesterday);
    expect(draft.status).toBe('draft');
    expect(draft.content.activities.length).toBeGreaterThan(0);
    const ids = workPlanActivities(yesterday.logframe).map((a) => a.activityId);
    expect(visitReportProblems(draft.content, ids, 'draft')).toEqual([]);
    expect(visitReportProblems(draft.content, ids, 'submit').length).toBeGreaterThan(0); // partly written: not yet submittable
    const submitted = visits.filter((v) => reportOf(v).status === 'submitted');
    expect(submitted).toHaveLength(1);
    expect(reportOf(submitted[0]!)).toMatchObject({ reviewedAt: null, sharedAt: null });
    expect(reportOf(submitted[0]!).submittedAt).toBeTruthy();
  });

  it('assesses, in every written report, exactly the grant\'s current work plan, on the scales, with no names', () => {
    for (const v of visits.filter((x) => ['submitted', 'shared'].includes(reportOf(x).status))) {
      const c = reportOf(v).content;
      const ids = workPlanActivities(v.logframe).map((a) => a.activityId);
      expect(ids.length).toBeGreaterThan(0);
      expect(c.activities.map((a) => a.activityId)).toEqual(ids);
      expect(visitReportProblems(c, ids, 'submit')).toEqual([]);
      expect(c.peopleMet.every((p) => /^[A-Z][a-z]/.test(p.function) && p.count > 0)).toBe(true);
      expect(c.beneficiariesObserved.every((b) => Number.isInteger(b.count))).toBe(true);
    }
  });

  it('freezes each shared report with the SHA-256 of its canonical content, and the trigger refuses a change', async () => {
    expect(shared().length).toBeGreaterThanOrEqual(2);
    for (const v of shared()) {
      const r = reportOf(v);
      expect(r.sharedAt).toBeTruthy();
      expect(r.sha256).toBe(createHash('sha256').update(visitReportCanonicalContent(r.content), 'utf8').digest('hex'));
      expect(r.rating).toBe(r.content.rating);
    }
    const one = reportOf(shared()[0]!);
    await expect(h.ds.query(`UPDATE visit_reports SET content = content || '{"findings":"changed"}' WHERE id = $1`, [one.id])).rejects.toThrow(/frozen/);
  });

  it('has a shared report rated 3 (needs revision) with its reasons and corrective actions', () => {
    const three = shared().map(reportOf).filter((r) => r.rating === 3);
    expect(three).toHaveLength(1);
    expect(three[0]!.content.ratingReasons?.length).toBeGreaterThan(50);
    expect(three[0]!.content.correctiveActions?.length).toBeGreaterThan(50);
  });

  it('has live action points on a shared report: one open, escalated, one answered waiting for verification, one closed, each with its history', () => {
    const sharedIds = new Set(shared().map((v) => reportOf(v).id));
    expect(points.every((p) => p.live === sharedIds.has(p.reportId))).toBe(true);
    const live = points.filter((p) => p.live);
    const escalated = live.filter((p) => p.owner === 'organisation' && isActionPointEscalated(p, today));
    expect(escalated.length).toBeGreaterThanOrEqual(1);
    expect(escalated.every((p) => p.status === 'open' && p.priority === 'high' && isActionPointOverdue(p, today) && p.events.length === 0)).toBe(true);
    const answered = live.filter((p) => p.status === 'answered');
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ events: ['answer'] });
    expect(answered[0]!.answer).toBeTruthy();
    const closed = live.filter((p) => p.status === 'closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ events: ['answer', 'close'] });
    // one report holds all three
    const report = escalated[0]!.reportId;
    expect([answered[0]!.reportId, closed[0]!.reportId]).toEqual([report, report]);
    // seq 1.. per report; due dates not before the visit
    for (const v of visits) {
      const mine = points.filter((p) => p.reportId === reportOf(v).id);
      expect(mine.map((p) => p.seq)).toEqual(mine.map((_, i) => i + 1));
      expect(mine.every((p) => p.dueDate >= v.date)).toBe(true);
    }
  });

  it('writes an audit entry for each step, keeps the chain intact, and is idempotent', async () => {
    const [steps] = await h.ds.query(
      `SELECT count(*) FILTER (WHERE action = 'visit.planned')::int AS planned, count(*) FILTER (WHERE action = 'visit_report.shared')::int AS shared,
              count(*) FILTER (WHERE action = 'action_point.closed')::int AS closed FROM audit_log`);
    expect(steps).toEqual({ planned: visits.length, shared: shared().length, closed: 1 });
    expect((await h.app.get(AuditService).verify()).ok).toBe(true);
    const count = `SELECT (SELECT count(*)::int FROM monitoring_visits) AS visits, (SELECT count(*)::int FROM action_points) AS points,
                          (SELECT count(*)::int FROM action_point_events) AS events, (SELECT count(*)::int FROM audit_log) AS audit`;
    const [before] = await h.ds.query(count);
    await seedDemoMonitoring(h.app, h.ds);
    const [after] = await h.ds.query(count);
    expect(after).toEqual(before);
  });
});
