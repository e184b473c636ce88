import { checkIban, demoCallDraft } from '@grants/domain';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, PASSWORD, startApi } from './harness';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Item = { id: string; status: string; overdue: boolean; overdueSince: string | null; agreementNumber: string; amountCents: number };

const REQUESTED = 4_161_900; // what each demo application asks for
const LOWERED = 3_500_000;

function kosovoIban(seed: number): string {
  const bban = String(1212012345680000 + seed).padStart(16, '0');
  let r = 0;
  for (const ch of `${bban}332000`) r = (r * 10 + Number(ch)) % 97;
  const iban = `XK${String(98 - r).padStart(2, '0')}${bban}`;
  if (!checkIban(iban).valid) throw new Error(`bad test IBAN ${iban}`);
  return iban;
}

/**
 * From award to grant on the real database: the budget revision of a lowered award (below or above the awarded
 * amount refused naming the field, nothing saved), accepted, then drawn up; the Secretariat's list of awards
 * waiting for a grant; observers read every grant and act on none; a monitor reads only its own; the grants
 * list's filters (call, status, monitor, overdue), counts and sorting.
 */
describe('grants setup: budget revision, draw-up, observers, list filters', () => {
  let h: Harness;
  let officer: Login;
  let ownerA: Login;
  let ownerB: Login;
  let monitor1: Login;
  let monitor2: Login;
  let observer: Login;
  let callId: string;
  const awardOf: Record<'A' | 'B', string> = { A: '', B: '' };
  let grantA: string; // in force since 2025, its first report and pre-financing past due
  let grantB: string; // drawn up on the revision, starts 2027

  const list = async (who: Login, query = '') => (await who.client.get(`/api/grants${query}`).expect(200)).body as { items: Item[]; counts: { total: number; overdue: number; byStatus: { status: string; count: number }[] } };
  const ids = async (who: Login, query = '') => (await list(who, query)).items.map((x) => x.id);
  const budget = (unitCostCents: number, indirectCostBp = 0) => ({
    lines: [
      { heading: 'human_resources', description: 'Psychologist', unit: 'month', quantity: 10, unitCostCents },
      { heading: 'services', description: 'Legal aid', unit: 'case', quantity: 20, unitCostCents: 55_000 },
    ], coFinancingCents: 200_000, indirectCostBp,
  });

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    ownerA = await loginAs(h, 'applicant');
    ownerB = await loginAs(h, 'applicant', { language: 'sr' });
    monitor1 = await loginAs(h, 'monitor');
    monitor2 = await loginAs(h, 'monitor');
    observer = await loginAs(h, 'observer');
    await h.ds.query(`UPDATE organizations SET iban = $2 WHERE id = $1`, [ownerA.user.organizationId, kosovoIban(1)]);
    await h.ds.query(`UPDATE organizations SET iban = $2 WHERE id = $1`, [ownerB.user.organizationId, kosovoIban(2)]);
    const callRef = 'MF-GS-2026-01';
    const created = await officer.client.post('/api/calls', { reference: callRef, title: { en: 'Setup', sq: 'Ngritja', sr: 'Postavka' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), callRef);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    callId = created.body.id;
    // fixtures around the evaluation (another spec's): the call allows 24 months; the awards are written directly
    await h.ds.query(`UPDATE calls SET definition = jsonb_set(definition, '{maxDurationMonths}', '24') WHERE id = $1`, [callId]);
    const applications: Record<'A' | 'B', string> = { A: '', B: '' };
    for (const [key, who] of [['A', ownerA], ['B', ownerB]] as const) {
      const app = (await who.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
      const filled = (await who.client.patch(`/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01', key === 'A' ? 0 : 1) }).expect(200)).body;
      await who.client.post(`/api/applications/${app.id}/submit`, { version: filled.version }).expect(200);
      applications[key] = app.id;
    }
    const [decision] = await h.ds.query(
      `INSERT INTO award_decisions (call_id, seq, kind, committee_members, decided_on, envelope_cents, snapshot, sha256)
       VALUES ($1, 1, 'decision', '{Chair}', '2026-02-01', 13000000, '{}', repeat('b', 64)) RETURNING id`, [callId]);
    await h.ds.query(`UPDATE applications SET status = 'awarded' WHERE id = ANY($1::uuid[])`, [[applications.A, applications.B]]);
    for (const [key, amount] of [['A', REQUESTED], ['B', LOWERED]] as const) {
      const [w] = await h.ds.query(`INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, $4, 'awarded') RETURNING id`, [callId, applications[key], decision.id, amount]);
      awardOf[key] = w.id;
    }
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it("lists the awards waiting for a grant for the Secretariat only, each at its stage", async () => {
    const pending = (await officer.client.get('/api/grants/pending-awards').expect(200)).body.items as { awardId: string; stage: string; awardedCents: number; requestedCents: number; plannedStartDate: string }[];
    const ours = pending.filter((p) => p.awardId === awardOf.A || p.awardId === awardOf.B);
    expect(ours.find((p) => p.awardId === awardOf.A)).toMatchObject({ stage: 'ready', awardedCents: REQUESTED, plannedStartDate: '2027-03-01' });
    expect(ours.find((p) => p.awardId === awardOf.B)).toMatchObject({ stage: 'waiting_revision', awardedCents: LOWERED, requestedCents: REQUESTED });
    await ownerB.client.get('/api/grants/pending-awards').expect(403);
    await observer.client.get('/api/grants/pending-awards').expect(403);
    await monitor1.client.get('/api/grants/pending-awards').expect(403);
  });

  it('refuses a revised budget below or above the awarded amount naming the field, and saves nothing', async () => {
    const state = (await ownerB.client.get(`/api/awards/${awardOf.B}/budget-revision`).expect(200)).body;
    expect(state).toMatchObject({ needed: true, awardedCents: LOWERED, revision: null, originalComputed: { requestedCents: REQUESTED }, grantId: null });
    expect(state.original.lines.length).toBeGreaterThan(0);
    expect(state.costHeadings).toContain('human_resources');
    // €25,000 + €11,000 − €2,000 = €34,000: below; €27,000 + €11,000 − €2,000 = €36,000: above
    for (const unitCost of [250_000, 270_000]) {
      const res = await ownerB.client.put(`/api/awards/${awardOf.B}/budget-revision`, budget(unitCost)).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'requestedCents', code: 'not_awarded_amount' })]);
      const check = (await ownerB.client.post(`/api/awards/${awardOf.B}/budget-revision/check`, budget(unitCost)).expect(200)).body;
      expect(check.problems).toEqual([expect.objectContaining({ field: 'budget.requestedCents', code: 'not_awarded_amount', params: { awardedCents: LOWERED, requestedCents: unitCost * 10 + 1_100_000 - 200_000 } })]);
    }
    // indirect costs above the call's 7 %: named next to its field
    const indirect = (await ownerB.client.post(`/api/awards/${awardOf.B}/budget-revision/check`, budget(260_000, 1500)).expect(200)).body;
    expect(indirect.problems.map((p: { field: string }) => p.field)).toContain('budget.indirectCostBp');
    const ok = (await ownerB.client.post(`/api/awards/${awardOf.B}/budget-revision/check`, budget(260_000)).expect(200)).body;
    expect(ok).toMatchObject({ problems: [], computed: { requestedCents: LOWERED, totalCents: 3_700_000 } });
    await ownerA.client.post(`/api/awards/${awardOf.B}/budget-revision/check`, budget(260_000)).expect(404); // another organisation's award
    const unknownField = await ownerB.client.put(`/api/awards/${awardOf.B}/budget-revision`, { ...budget(260_000), amountCents: 1 }).expect(400);
    expect(JSON.stringify(unknownField.body.details)).toContain('amountCents');
    expect((await ownerB.client.get(`/api/awards/${awardOf.B}/budget-revision`).expect(200)).body.revision).toBeNull();
  });

  it('accepts the revision to the awarded amount, then draws the agreement up on it', async () => {
    await ownerB.client.put(`/api/awards/${awardOf.B}/budget-revision`, budget(260_000)).expect(200);
    const pending = (await officer.client.get('/api/grants/pending-awards').expect(200)).body.items;
    expect(pending.find((p: { awardId: string }) => p.awardId === awardOf.B).stage).toBe('revision_to_accept');
    await observer.client.post(`/api/awards/${awardOf.B}/budget-revision/accept`).expect(403);
    await ownerB.client.post(`/api/awards/${awardOf.B}/budget-revision/accept`).expect(403);
    const accepted = (await officer.client.post(`/api/awards/${awardOf.B}/budget-revision/accept`).expect(200)).body;
    expect(accepted.revision.acceptedAt).toEqual(expect.any(String));
    await officer.client.post(`/api/awards/${awardOf.B}/budget-revision/accept`).expect(400);
    const bad = await officer.client.post(`/api/awards/${awardOf.B}/grant`, { startDate: '2027-03-01', endDate: '2027-02-01' }).expect(400);
    expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'endDate', code: 'before_start' })]));
    const g = (await officer.client.post(`/api/awards/${awardOf.B}/grant`, { startDate: '2027-03-01', endDate: '2028-02-29', monitorId: monitor2.user.id }).expect(201)).body;
    grantB = g.id;
    expect(g).toMatchObject({ status: 'draft', amountCents: LOWERED, budget: { requestedCents: LOWERED }, monitorId: monitor2.user.id });
    expect((await ownerB.client.get(`/api/awards/${awardOf.B}/budget-revision`).expect(200)).body.grantId).toBe(grantB);
    const after = (await officer.client.get('/api/grants/pending-awards').expect(200)).body.items;
    expect(after.some((p: { awardId: string }) => p.awardId === awardOf.B)).toBe(false);
  });

  it('brings a grant into force that started in 2025 (its first report and pre-financing now past due)', async () => {
    const g = (await officer.client.post(`/api/awards/${awardOf.A}/grant`, { startDate: '2025-06-01', endDate: '2027-05-31', monitorId: monitor1.user.id }).expect(201)).body;
    grantA = g.id;
    await officer.client.post(`/api/grants/${grantA}/send`).expect(200);
    await ownerA.client.post(`/api/grants/${grantA}/sign`, { password: PASSWORD, signatoryName: 'Arta Krasniqi', signatoryFunction: 'Director' }).expect(200);
    expect((await officer.client.post(`/api/grants/${grantA}/countersign`).expect(200)).body.status).toBe('in_force');
  });

  it('lets an observer read every grant (list, page, agreement PDF) and act on none', async () => {
    expect((await ids(observer)).sort()).toEqual(expect.arrayContaining([grantA, grantB].sort()));
    const page = (await observer.client.get(`/api/grants/${grantA}`).expect(200)).body;
    expect(page).toMatchObject({ id: grantA, status: 'in_force', nextStatuses: [], timeline: [] });
    await observer.client.get(`/api/grants/${grantA}/agreement.pdf`).expect(200);
    const [t1] = page.tranches;
    await observer.client.get(`/api/tranches/${t1.id}`).expect(200);
    await observer.client.post(`/api/tranches/${t1.id}/request`, {}).expect(403);
    await observer.client.post(`/api/tranches/${t1.id}/approve`).expect(403);
    await observer.client.patch(`/api/grants/${grantA}/monitor`, { monitorId: monitor2.user.id }).expect(403);
    await observer.client.post(`/api/grants/${grantB}/send`).expect(403);
    await observer.client.post(`/api/grants/${grantA}/transition`, { to: 'suspended', reason: 'no' }).expect(403);
    await observer.client.post(`/api/grants/${grantA}/sign`, { password: PASSWORD, signatoryName: 'X', signatoryFunction: 'Y' }).expect(403);
    await observer.client.post(`/api/grants/${grantA}/signed-copy`).attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'copy.pdf').expect(403);
    await observer.client.post(`/api/grants/${grantA}/bank-account-changes`, { iban: kosovoIban(9), justification: 'x', bankLetterFileId: t1.id }).expect(403);
    expect((await officer.client.get(`/api/grants/${grantA}`).expect(200)).body.monitorId).toBe(monitor1.user.id); // nothing changed
  });

  it('lets a monitor read only the grants it follows, whatever filter it asks for', async () => {
    expect(await ids(monitor1)).toEqual([grantA]);
    expect(await ids(monitor2)).toEqual([grantB]);
    expect(await ids(monitor1, `?monitorId=${monitor2.user.id}`)).toEqual([grantA]);
    // the filter's choices are among its own grants only: another monitor is not offered, filtered or not
    for (const q of ['', `?callId=${callId}`]) {
      const body = (await monitor1.client.get(`/api/grants${q}`).expect(200)).body as { facets: { calls: { id: string }[]; monitors: { id: string }[] } };
      expect(body.facets.monitors.map((m) => m.id)).toEqual([monitor1.user.id]);
      expect(body.facets.calls.map((c) => c.id)).toEqual([callId]);
    }
    await monitor1.client.get(`/api/grants/${grantB}`).expect(404);
    await monitor2.client.get(`/api/grants/${grantA}/agreement.pdf`).expect(404);
  });

  it('filters the list by call, status, monitor and overdue on the server, with counts and sorting', async () => {
    const ofCall = await list(officer, `?callId=${callId}`);
    expect(ofCall.items.map((x) => x.id).sort()).toEqual([grantA, grantB].sort());
    expect(ofCall.counts.total).toBe(2);
    expect(ofCall.counts.byStatus.sort((a, b) => a.status.localeCompare(b.status))).toEqual([{ status: 'draft', count: 1 }, { status: 'in_force', count: 1 }]);
    const a = ofCall.items.find((x) => x.id === grantA)!;
    expect(a).toMatchObject({ overdue: true, overdueSince: '2025-06-01' }); // the pre-financing not requested since the start
    expect(ofCall.items.find((x) => x.id === grantB)).toMatchObject({ overdue: false, overdueSince: null });
    expect(ofCall.counts.overdue).toBe(1);

    // a filtered list still offers every call and monitor of the reader's grants (the choices do not shrink to the page)
    const facets = (await officer.client.get(`/api/grants?callId=${callId}&overdue=true&page=1&pageSize=1`).expect(200)).body.facets as { calls: { id: string }[]; monitors: { id: string }[] };
    expect(facets.calls.map((c) => c.id)).toContain(callId);
    expect(facets.monitors.map((m) => m.id).sort()).toEqual(expect.arrayContaining([monitor1.user.id, monitor2.user.id].sort()));

    const overdue = await list(officer, `?callId=${callId}&overdue=true`);
    expect(overdue.items.map((x) => x.id)).toEqual([grantA]);
    expect(overdue.counts).toMatchObject({ total: 1, overdue: 1, byStatus: [{ status: 'in_force', count: 1 }] });
    expect(await ids(officer, `?callId=${callId}&overdue=false`)).toEqual([grantB]);
    expect(await ids(officer, `?callId=${callId}&status=draft`)).toEqual([grantB]);
    expect(await ids(officer, `?callId=${callId}&status=in_force&overdue=false`)).toEqual([]);
    expect(await ids(officer, `?callId=${callId}&monitorId=${monitor1.user.id}`)).toEqual([grantA]);
    expect(await ids(observer, `?callId=${callId}&overdue=true`)).toEqual([grantA]);
    expect(await ids(monitor2, '?overdue=true')).toEqual([]);

    expect(await ids(officer, `?callId=${callId}&sort=amount`)).toEqual([grantA, grantB]); // largest first
    expect(await ids(officer, `?callId=${callId}&sort=amount&order=asc`)).toEqual([grantB, grantA]);
    expect(await ids(officer, `?callId=${callId}&sort=startDate`)).toEqual([grantA, grantB]);
    expect(await ids(officer, `?callId=${callId}&sort=overdue`)).toEqual([grantA, grantB]);

    // once the pre-financing is requested, the first report (period to 2025-11-30) is what is overdue
    const [t1] = (await officer.client.get(`/api/grants/${grantA}`).expect(200)).body.tranches;
    await ownerA.client.post(`/api/tranches/${t1.id}/request`, {}).expect(200);
    const still = (await list(officer, `?callId=${callId}&overdue=true`)).items;
    expect(still.map((x) => x.id)).toEqual([grantA]);
    expect(still[0].overdueSince! > '2025-11-30').toBe(true);

    for (const bad of ['overdue=yes', 'sort=price', 'status=open', 'order=up', 'callId=nope']) {
      const res = await officer.client.get(`/api/grants?${bad}`).expect(400);
      expect(JSON.stringify(res.body.details)).toContain(bad.split('=')[0]);
    }
  });
});
