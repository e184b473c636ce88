import { AuditService } from '../src/modules/audit/audit.service';
import { seedDemo } from '../src/seed/demo';
import { seedDemoCalls } from '../src/seed/demo-calls';
import { seedDemoEvaluation } from '../src/seed/demo-evaluation';
import { seedDemoGrants } from '../src/seed/demo-grants';
import { seedDemoMonitoring } from '../src/seed/demo-monitoring';
import { DEMO_RECOVERY_OWNER, RECOVERY_CALL, seedDemoPortfolio } from '../src/seed/demo-portfolio';
import { DEMO_REPORT_STAGES, REPORTS_CALL, seedDemoReports } from '../src/seed/demo-reports';
import { Client, startApi, type Harness } from './harness';

/**
 * The demo data of the portfolio dashboard: a recovery order being repaid (a grant of its own, whose final balance
 * came out below what was paid), through the services so its figures, states and audit rows agree; the observer's
 * dashboard shows it recovered; the grants the browser journeys use are left as they were; the seed is idempotent.
 */
describe('demo data: the portfolio (a recovery order being repaid)', () => {
  let h: Harness;
  const login = (email: string, password: string) => new Client(h.app).init().then((c) => c.login(email, password));

  beforeAll(async () => {
    h = await startApi();
    await seedDemo(h.ds);
    await seedDemoCalls(h.app, h.ds);
    await seedDemoEvaluation(h.app, h.ds);
    await seedDemoGrants(h.app, h.ds);
    await seedDemoMonitoring(h.app, h.ds);
    await seedDemoReports(h.app, h.ds);
    await seedDemoPortfolio(h.app, h.ds);
  }, 600_000); // the whole demo, through the services: over 30 s on a busy 2-core machine
  afterAll(() => h.close());

  it('holds one recovery order, partly repaid, on a grant of its own whose final balance is below what was paid', async () => {
    const orders = await h.ds.query(
      `SELECT ro.id, ro.amount_cents::int AS amount, ro.repaid_cents::int AS repaid, ro.status, c.reference, u.email, ro.final_balance AS fb,
              (SELECT sum(amount_cents)::int FROM recovery_repayments rr WHERE rr.recovery_order_id = ro.id) AS received,
              (SELECT sum(amount_cents)::int FROM tranches t WHERE t.grant_id = g.id AND t.status = 'paid') AS paid,
              (SELECT status FROM narrative_reports r WHERE r.grant_id = g.id AND r.kind = 'final') AS final_report
         FROM recovery_orders ro JOIN grants g ON g.id = ro.grant_id JOIN calls c ON c.id = g.call_id
         JOIN users u ON u.organization_id = g.organization_id AND u.org_role = 'owner'`);
    expect(orders).toHaveLength(1);
    const [o] = orders;
    expect(o).toMatchObject({ reference: RECOVERY_CALL, email: DEMO_RECOVERY_OWNER, status: 'partially_repaid', final_report: 'accepted' });
    expect(o.repaid).toBeGreaterThan(0);
    expect(o.repaid).toBeLessThan(o.amount);
    expect(o.received).toBe(o.repaid);
    expect(o.fb.kind).toBe('recovery');
    expect(o.fb.paidCents).toBe(o.paid);
    expect(o.paid - o.fb.eligibleCents).toBe(o.amount);
    const audit: { action: string }[] = await h.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [o.id]);
    expect(audit.map((a) => a.action)).toEqual(['recovery_order.issued', 'recovery_order.repayment']);
  });

  it("shows the observer's dashboard money recovered, on its call", async () => {
    const observer = await login('observer@demo.grants.test', 'demo-observer-2026');
    const m = (await observer.get('/api/portfolio/money').expect(200)).body;
    const [{ repaid, grantId }] = await h.ds.query(`SELECT repaid_cents::int AS repaid, grant_id AS "grantId" FROM recovery_orders`);
    expect(m.totals.recoveredCents).toBe(repaid);
    const call = m.byCall.find((c: { name: string }) => c.name === RECOVERY_CALL);
    expect(call).toMatchObject({ grantIds: [grantId] });
    expect(call.money.recoveredCents).toBe(repaid);
    for (const k of ['awardedCents', 'contractedCents', 'paidCents', 'spentCents', 'acceptedCents']) expect([k, m.totals[k] > 0]).toEqual([k, true]);
  });

  it("leaves the final-report-closure journey's grant ready to close, and is idempotent with the audit chain intact", async () => {
    const [closing] = await h.ds.query(
      `SELECT g.status, (SELECT status FROM narrative_reports r WHERE r.grant_id = g.id AND r.kind = 'final') AS final_report,
              (SELECT count(*)::int FROM recovery_orders ro WHERE ro.grant_id = g.id) AS orders
         FROM grants g JOIN calls c ON c.id = g.call_id JOIN users u ON u.organization_id = g.organization_id AND u.org_role = 'owner'
        WHERE c.reference = $1 AND u.email = $2`, [REPORTS_CALL, DEMO_REPORT_STAGES.closing]);
    expect(closing).toEqual({ status: 'in_force', final_report: 'draft', orders: 0 });
    const count = `SELECT (SELECT count(*)::int FROM recovery_orders) AS orders, (SELECT count(*)::int FROM recovery_repayments) AS repayments,
                          (SELECT count(*)::int FROM grants) AS grants, (SELECT count(*)::int FROM calls) AS calls, (SELECT count(*)::int FROM audit_log) AS audit`;
    const [before] = await h.ds.query(count);
    await seedDemoPortfolio(h.app, h.ds);
    const [after] = await h.ds.query(count);
    expect(after).toEqual(before);
    expect((await h.app.get(AuditService).verify()).ok).toBe(true);
  });
});
