import { AuditService } from '../src/modules/audit/audit.service';
import { seedDemo } from '../src/seed/demo';
import { seedDemoCalls } from '../src/seed/demo-calls';
import { seedDemoEvaluation } from '../src/seed/demo-evaluation';
import { DEMO_GRANT_STAGES, GRANTS_CALL, seedDemoGrants } from '../src/seed/demo-grants';
import { Client, startApi, type Harness } from './harness';

type Tranche = { id: string; seq: number; kind: string; status: string; conditions: { kind: string; met: boolean; figure: string }[] };
type Grant = { id: string; status: string; organizationName: string; paidCents: number; tranches: Tranche[]; amendments: { kind: string; status: string }[]; signature: { signedAt: string | null; countersignedAt: string | null } };

/**
 * The demo data (npm run seed) holds grants in force at every stage a newcomer walks through (issue 10, done when):
 * just signed, a paid pre-financing with an expenditure report under review, a pending amendment, an instalment
 * blocked by the 70 % rule, and a lowered award waiting for the organisation's budget revision; all made through
 * the services, with an intact audit chain, and the seed stays idempotent.
 */
describe('demo data: grants at every stage', () => {
  let h: Harness;
  let officer: Client;
  const grants = new Map<string, Grant>();

  beforeAll(async () => {
    h = await startApi();
    await seedDemo(h.ds);
    await seedDemoCalls(h.app, h.ds);
    await seedDemoEvaluation(h.app, h.ds);
    await seedDemoGrants(h.app, h.ds);
    officer = await (await new Client(h.app).init()).login('officer@demo.grants.test', 'demo-officer-2026');
    const list = (await officer.get('/api/grants').expect(200)).body.items as { id: string; agreementNumber: string }[];
    for (const g of list.filter((x) => x.agreementNumber.startsWith(GRANTS_CALL))) {
      const page: Grant = (await officer.get(`/api/grants/${g.id}`).expect(200)).body;
      const [owner] = await h.ds.query(`SELECT u.email FROM users u JOIN grants g ON g.organization_id = u.organization_id WHERE g.id = $1 AND u.org_role = 'owner'`, [g.id]);
      grants.set(owner.email, page);
    }
  }, 180_000);
  afterAll(async () => {
    await h.close();
  });

  it('has one grant just signed and countersigned, with nothing paid', () => {
    const g = grants.get(DEMO_GRANT_STAGES.signed)!;
    expect(g).toMatchObject({ status: 'in_force', paidCents: 0 });
    expect(g.signature.signedAt && g.signature.countersignedAt).toBeTruthy();
    expect(g.tranches.every((t) => t.status === 'planned')).toBe(true);
  });

  it('has one with its pre-financing paid and an expenditure report under review', async () => {
    const g = grants.get(DEMO_GRANT_STAGES.review)!;
    expect(g.status).toBe('in_force');
    expect(g.tranches[0]).toMatchObject({ kind: 'pre_financing', status: 'paid' });
    const reports = await h.ds.query(`SELECT status FROM expenditure_reports WHERE grant_id = $1`, [g.id]);
    expect(reports).toEqual([{ status: 'submitted' }]);
  });

  it('has one with an amendment pending', () => {
    const g = grants.get(DEMO_GRANT_STAGES.amendment)!;
    expect(g.status).toBe('in_force');
    expect(g.amendments.filter((a) => a.status === 'requested')).toHaveLength(1);
  });

  it('has one whose requested instalment the 70 % rule blocks: its approval is refused naming the rule, and nothing changes', async () => {
    const g = grants.get(DEMO_GRANT_STAGES.blocked)!;
    const next = g.tranches.find((t) => t.status === 'requested')!;
    expect(next).toMatchObject({ seq: 2, kind: 'instalment' });
    expect(next.conditions.find((c) => c.kind === 'previous_spent')).toMatchObject({ met: false });
    expect(next.conditions.filter((c) => c.kind !== 'previous_spent').every((c) => c.met)).toBe(true);
    const refused = await officer.post(`/api/tranches/${next.id}/approve`).expect(409);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'conditions.previous_spent', code: 'previous_spent' })]);
    expect((await officer.get(`/api/tranches/${next.id}`).expect(200)).body.status).toBe('requested');
  });

  it('has a lowered award, its offer accepted, waiting for the organisation\'s budget revision', async () => {
    const cso = await (await new Client(h.app).init()).login(DEMO_GRANT_STAGES.revision, 'demo-applicant-2026');
    const [award] = await h.ds.query(
      `SELECT w.id FROM awards w JOIN calls c ON c.id = w.call_id JOIN applications a ON a.id = w.application_id JOIN users u ON u.organization_id = a.organization_id
        WHERE c.reference = $1 AND u.email = $2`, [GRANTS_CALL, DEMO_GRANT_STAGES.revision]);
    const state = (await cso.get(`/api/awards/${award.id}/budget-revision`).expect(200)).body;
    expect(state).toMatchObject({ needed: true, revision: null });
    expect(state.awardedCents).toBeLessThan(state.requestedCents);
  });

  it('pages the grants list (the counts stay those of the whole list), and readers at the same time get the same answer', async () => {
    const all = (await officer.get('/api/grants').expect(200)).body;
    expect(all.items.length).toBe(all.counts.total);
    const pages = await Promise.all([1, 2, 3].map(async (page) => (await officer.get(`/api/grants?page=${page}&pageSize=2`).expect(200)).body));
    expect(pages.flatMap((p) => p.items.map((g: { id: string }) => g.id))).toEqual(all.items.slice(0, 6).map((g: { id: string }) => g.id));
    for (const p of pages) expect(p.counts).toEqual(all.counts);
    const same = await Promise.all(Array.from({ length: 8 }, async () => (await officer.get('/api/grants?pageSize=50').expect(200)).body));
    for (const x of same) expect(x).toEqual(same[0]);
    await officer.get('/api/grants?pageSize=201').expect(400);
    await officer.get('/api/grants?page=0').expect(400);
  });

  it('keeps the audit chain intact and is idempotent', async () => {
    expect((await h.app.get(AuditService).verify()).ok).toBe(true);
    const [before] = await h.ds.query(`SELECT (SELECT count(*)::int FROM grants) AS grants, (SELECT count(*)::int FROM audit_log) AS audit`);
    await seedDemoGrants(h.app, h.ds);
    const [after] = await h.ds.query(`SELECT (SELECT count(*)::int FROM grants) AS grants, (SELECT count(*)::int FROM audit_log) AS audit`);
    expect(after).toEqual(before);
    expect(before.grants).toBe(4);
  });
});
