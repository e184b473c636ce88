import { aggregateBeneficiaryTables, BENEFICIARY_BREAKDOWNS, beneficiaryDisclosures, suppressBeneficiaryTable, type ShownBeneficiaryTable } from '@grants/domain';
import { randomUUID } from 'node:crypto';
import { PortfolioService } from '../src/modules/portfolio/portfolio.service';
import { Client, Harness, loginAs, snapshotCounts, startApi } from './harness';
import { testCall } from './monitoring-factory';
import { grantInForce } from './monitoring-factory';
import { kosovoDay } from './reports-factory';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Money = { awardedCents: number; contractedCents: number; paidCents: number; spentCents: number; acceptedCents: number; remainingCents: number; recoveredCents: number };

const LOGFRAME_1 = {
  overallObjective: 'Survivors rebuild their lives',
  specificObjectives: [{
    text: 'Rehabilitation',
    results: [{
      text: 'Survivors trained and employed',
      indicators: [
        { name: 'Survivors trained', level: 'output', unit: 'people', baseline: '0', target: '40', meansOfVerification: 'lists', frequency: 'quarterly' },
        { name: 'Survivors employed', level: 'outcome', unit: 'people', baseline: '0', target: '10', meansOfVerification: 'contracts', frequency: 'six-monthly' },
      ],
      activities: [{ code: 'A1.1', text: 'Course' }],
    }],
  }],
};
/** Tied by its own tag to III.4 (over the call's single priority III.2); a target that is not a number. */
const LOGFRAME_2 = {
  overallObjective: 'Reintegration',
  specificObjectives: [{
    text: 'Referral', nsObjective: 'III.4',
    results: [{ text: 'A protocol', indicators: [{ name: 'Referral protocol', level: 'outcome', unit: 'protocol', baseline: 'none', target: 'adopted', meansOfVerification: 'minutes', frequency: 'yearly' }], activities: [] }],
  }],
};

/**
 * The portfolio dashboard on the real database, for a small portfolio computed by hand: three grants of two calls
 * (one in force with spending, one in force with a recovery and a small beneficiary table, one waiting for its
 * signature), every figure checked, the filters, the monitor's part, suppression, and bad filters answered 400.
 */
describe('portfolio dashboard', () => {
  let h: Harness;
  let officer: Login;
  let observer: Login;
  let g1: Awaited<ReturnType<typeof grantInForce>>;
  let g2: Awaited<ReturnType<typeof grantInForce>>;
  let g3: string;
  let callA: { callId: string; decisionId: string };
  let callB: { callId: string; decisionId: string };
  let monitor1: Client;
  let ids: Record<string, string>;

  const q = (ds: Harness['ds'], sql: string, params: unknown[] = []) => ds.query(sql, params);
  const get = async (who: Client, path: string) => (await who.get(`/api/portfolio/${path}`).expect(200)).body;

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    observer = await loginAs(h, 'observer');
    callA = await testCall(h.ds, officer.client, 'PF-A-2026-01');
    callB = await testCall(h.ds, officer.client, 'PF-B-2026-01');
    await q(h.ds, `UPDATE calls SET definition = jsonb_set(definition, '{priorities}', $2::jsonb) WHERE id = $1`,
      [callA.callId, JSON.stringify([{ code: 'P1', title: { en: 'Rehabilitation', sq: 'R', sr: 'R' }, nsObjective: 'III.2' }])]);
    g1 = await grantInForce(h.ds, callA, { municipality: 'prizren' });
    g2 = await grantInForce(h.ds, callA, { municipality: 'peja' });
    await q(h.ds, `UPDATE grants SET logframe = $2 WHERE id = $1`, [g1.grantId, JSON.stringify(LOGFRAME_1)]);
    await q(h.ds, `UPDATE grants SET logframe = $2, amount_cents = 2000000 WHERE id = $1`, [g2.grantId, JSON.stringify(LOGFRAME_2)]);
    await q(h.ds, `UPDATE awards SET amount_cents = 2000000 WHERE id = (SELECT award_id FROM grants WHERE id = $1)`, [g2.grantId]);
    monitor1 = await new Client(h.app).init().then((c) => c.login(g1.monitor.email, g1.monitor.password));

    // grant 1: the frozen version's budget lines (two headings), a tranche paid, one planned and overdue, two expenditure reports
    await q(h.ds, `INSERT INTO grant_versions (grant_id, version, snapshot, sha256) VALUES ($1, 1, $2, repeat('0', 64))`, [g1.grantId, JSON.stringify({
      version: 1, amountCents: 4000000, startDate: kosovoDay(-60), endDate: kosovoDay(304), logframe: LOGFRAME_1, indirectCents: 0,
      budgetLines: [{ lineId: 'L1', heading: 'human_resources', description: 'Case manager', approvedCents: 3000000 }, { lineId: 'L2', heading: 'travel', description: 'Visits', approvedCents: 1000000 }],
    })]);
    await q(h.ds, `INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_on, paid_on, bank_reference) VALUES ($1, 1, 'pre_financing', 1600000, $2, 'paid', $2, $3, 'REF-1')`, [g1.grantId, kosovoDay(-55), kosovoDay(-50)]);
    const [t2] = await q(h.ds, `INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date) VALUES ($1, 2, 'instalment', 1600000, $2) RETURNING id`, [g1.grantId, kosovoDay(-10)]);
    await q(h.ds, `INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date) VALUES ($1, 3, 'balance', 800000, $2)`, [g1.grantId, kosovoDay(-9)]);
    await q(h.ds, `INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, lines, spent_cents, status) VALUES ($1, 1, $2, $3, $4, 600000, 'accepted')`,
      [g1.grantId, kosovoDay(-60), kosovoDay(-30), JSON.stringify([{ lineId: 'L1', spentCents: 500000 }, { lineId: 'L2', spentCents: 100000 }])]);
    await q(h.ds, `INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, lines, spent_cents, status) VALUES ($1, 2, $2, $3, $4, 200000, 'submitted')`,
      [g1.grantId, kosovoDay(-29), kosovoDay(-1), JSON.stringify([{ lineId: 'L1', spentCents: 200000 }])]);
    await q(h.ds, `INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, lines, spent_cents, status) VALUES ($1, 3, $2, $3, $4, 900000, 'draft')`,
      [g1.grantId, kosovoDay(0), kosovoDay(1), JSON.stringify([{ lineId: 'L1', spentCents: 900000 }])]);

    // monitoring: grant 1 rated 2 (shared), grant 2 rated 1 (accepted) with a live action point overdue; a draft rating 3 does not count
    const visit = async (grantId: string, monitorId: string, status: string, rating: number, daysAgo: number) => {
      const [v] = await q(h.ds, `INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by) VALUES ($1, $2, 'planned', $3, 'Visit', $2) RETURNING id`, [grantId, monitorId, kosovoDay(-daysAgo)]);
      const [r] = await q(h.ds,
        `INSERT INTO visit_reports (visit_id, grant_id, status, rating, sha256, shared_at) VALUES ($1, $2, $3, $4, CASE WHEN $3 = 'shared' THEN repeat('0', 64) END, CASE WHEN $3 = 'shared' THEN now() END) RETURNING id`,
        [v.id, grantId, status, rating]);
      return r.id as string;
    };
    const vr1 = await visit(g1.grantId, g1.monitor.user.id, 'shared', 2, 20);
    await visit(g1.grantId, g1.monitor.user.id, 'draft', 3, 2);
    const vr2 = await visit(g2.grantId, g2.monitor.user.id, 'accepted', 1, 15);
    const [ap] = await q(h.ds, `INSERT INTO action_points (report_id, grant_id, seq, what, owner, priority, due_date, live, created_by) VALUES ($1, $2, 1, 'Fix the lock', 'organisation', 'high', $3, true, $4) RETURNING id`,
      [vr2, g2.grantId, kosovoDay(-3), g2.monitor.user.id]);

    // narrative reports: grant 1's accepted with two indicator values and 12 beneficiaries; grant 2's accepted with 3, and a draft overdue
    const report = async (grantId: string, seq: number, status: string, periodEnd: string, due: string) => {
      const [r] = await q(h.ds,
        `INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date, status, submitted_version, submitted_at) VALUES ($1, $2, 'interim', $3, $4, $5, $6, $7, CASE WHEN $7 > 0 THEN now() END) RETURNING id`,
        [grantId, seq, kosovoDay(-60), periodEnd, due, status, status === 'draft' ? 0 : 1]);
      return r.id as string;
    };
    const nr1 = await report(g1.grantId, 1, 'accepted', kosovoDay(-30), kosovoDay(0));
    await q(h.ds, `INSERT INTO narrative_report_indicator_values (report_id, indicator_id, period_value, cumulative_value) VALUES ($1, 'so.1.result.1.indicator.1', 10000, 10000), ($1, 'so.1.result.1.indicator.2', 10000, 10000)`, [nr1]);
    const cells = async (reportId: string, rows: [string, string, number][]) => {
      for (const [b, k, c] of rows) await q(h.ds, `INSERT INTO narrative_report_beneficiary_counts (report_id, breakdown, key, count) VALUES ($1, $2, $3, $4)`, [reportId, b, k, c]);
    };
    await cells(nr1, [['bySex', 'female', 10], ['bySex', 'male', 2], ['byAge', '18-24', 12], ['byIntake', 'new', 12], ['byService', 'shelter', 12], ['byMunicipality', 'prizren', 12]]);
    const nr2 = await report(g2.grantId, 1, 'accepted', kosovoDay(-20), kosovoDay(0));
    await q(h.ds, `INSERT INTO narrative_report_indicator_values (report_id, indicator_id, period_value, cumulative_value) VALUES ($1, 'so.1.result.1.indicator.1', NULL, NULL)`, [nr2]);
    await cells(nr2, [['bySex', 'female', 3], ['byAge', '25-59', 3], ['byIntake', 'new', 3], ['byService', 'legal_aid', 3], ['byMunicipality', 'peja', 3]]);
    const nr3 = await report(g2.grantId, 2, 'draft', kosovoDay(-1), kosovoDay(-2));

    // grant 2: a tranche paid, a recovery order with a repayment
    await q(h.ds, `INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_on, paid_on, bank_reference) VALUES ($1, 1, 'pre_financing', 500000, $2, 'paid', $2, $2, 'REF-2')`, [g2.grantId, kosovoDay(-20)]);
    const [ro] = await q(h.ds, `INSERT INTO recovery_orders (grant_id, number, amount_cents, due_date, final_balance, created_by) VALUES ($1, 'RO-1', 100000, $2, '{}', $3) RETURNING id`, [g2.grantId, kosovoDay(30), officer.user.id]);
    await q(h.ds, `INSERT INTO recovery_repayments (recovery_order_id, amount_cents, received_on, bank_reference, recorded_by) VALUES ($1, 40000, $2, 'BACK-1', $3)`, [ro.id, kosovoDay(-5), officer.user.id]);

    // grant 3 (call B): the agreement sent 10 days ago and not signed; award 1,200,000, agreement 1,000,000
    const [org] = await q(h.ds, `INSERT INTO organizations (legal_name, registration_number, municipality) VALUES ('Pristina Shelter', $1, 'prishtina') RETURNING id`, [randomUUID().slice(0, 8)]);
    const [app] = await q(h.ds, `INSERT INTO applications (call_id, organization_id) VALUES ($1, $2) RETURNING id`, [callB.callId, org.id]);
    const [award] = await q(h.ds, `INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, 1200000, 'awarded') RETURNING id`, [callB.callId, app.id, callB.decisionId]);
    const [g] = await q(h.ds,
      `INSERT INTO grants (award_id, call_id, organization_id, amount_cents, agreement_number, call_seq, status, sent_at, start_date, end_date)
       VALUES ($1, $2, $3, 1000000, 'PF-B-001', 1, 'sent_for_signature', now() - interval '10 days', $4, $5) RETURNING id`, [award.id, callB.callId, org.id, kosovoDay(10), kosovoDay(375)]);
    g3 = g.id;
    ids = { t2: t2.id, vr1, vr2, ap: ap.id, nr1, nr2, nr3 };
    await h.app.get(PortfolioService).refresh();
  });
  afterAll(() => h.close());

  const money = (m: Partial<Money>): Money => ({ awardedCents: 0, contractedCents: 0, paidCents: 0, spentCents: 0, acceptedCents: 0, remainingCents: 0, recoveredCents: 0, ...m });

  it('adds the money up by hand: awarded to recovered, by call, organisation and budget heading', async () => {
    const m = await get(officer.client, 'money');
    expect(Date.now() - new Date(m.asOf).getTime()).toBeLessThan(60_000);
    expect(m.grantCount).toBe(3);
    expect(m.totals).toEqual(money({
      awardedCents: 7_200_000, contractedCents: 6_000_000, paidCents: 2_100_000, spentCents: 800_000, acceptedCents: 600_000,
      remainingCents: 2_400_000 + 1_500_000, recoveredCents: 40_000,
    }));
    const byCall = Object.fromEntries(m.byCall.map((c: { id: string; money: Money; grantIds: string[] }) => [c.id, c]));
    expect(byCall[callA.callId].money.contractedCents).toBe(6_000_000);
    expect(byCall[callA.callId].grantIds.sort()).toEqual([g1.grantId, g2.grantId].sort());
    expect(byCall[callB.callId]).toMatchObject({ name: 'PF-B-2026-01', money: money({ awardedCents: 1_200_000 }), grantCount: 1, grantIds: [g3] });
    expect(m.organizationCount).toBe(3);
    expect(m.byOrganization.find((o: { grantIds: string[] }) => o.grantIds.includes(g3)).name).toBe('Pristina Shelter');
    expect(m.byHeading).toEqual([
      { heading: 'human_resources', approvedCents: 3_000_000, spentCents: 700_000, acceptedCents: 500_000, grantCount: 1 },
      { heading: 'travel', approvedCents: 1_000_000, spentCents: 100_000, acceptedCents: 100_000, grantCount: 1 },
    ]);
    // accepted 600,000 of 6,000,000 contracted: 1,000 bp against about a sixth of the time
    expect(m.burnRate.spentBp).toBe(1_000);
    expect(m.burnRate.elapsedBp).toBeGreaterThan(1_000);
    const months = m.timeline.map((t: { month: string }) => t.month);
    expect(months).toEqual([...months].sort());
    expect(m.timeline.reduce((s: number, t: { paidCents: number }) => s + t.paidCents, 0)).toBe(2_100_000);
    expect(m.timeline.reduce((s: number, t: { reports: number }) => s + t.reports, 0)).toBe(2);
  });

  it('counts grants by latest monitoring rating (with the visit reports) and by status', async () => {
    const g = await get(observer.client, 'grants');
    expect(g.total).toBe(3);
    expect(g.byRating).toEqual([
      { rating: 1, count: 1, grantIds: [g2.grantId], visitReportIds: [ids.vr2] },
      { rating: 2, count: 1, grantIds: [g1.grantId], visitReportIds: [ids.vr1] },
      { rating: null, count: 1, grantIds: [g3], visitReportIds: [] },
    ]);
    expect(g.byStatus.map((s: { status: string; count: number }) => [s.status, s.count])).toEqual([['in_force', 2], ['sent_for_signature', 1]]);
  });

  it('lists what is overdue, oldest first, each with its record', async () => {
    const o = await get(officer.client, 'overdue');
    expect(o.counts).toEqual({ signature: 1, countersignature: 0, report: 1, tranche: 1, actionPoint: 1 });
    expect(o.items.map((i: { kind: string; recordId: string; dueDate: string }) => [i.kind, i.recordId, i.dueDate])).toEqual([
      ['tranche', ids.t2, kosovoDay(-10)],
      ['action_point', ids.ap, kosovoDay(-3)],
      ['signature', g3, kosovoDay(-3)],
      ['report', ids.nr3, kosovoDay(-2)],
    ]);
    expect(o.items[0]).toMatchObject({ grantId: g1.grantId, daysOverdue: 10, agreementNumber: g1.agreementNumber });
  });

  it('adds results up by Strategy objective: the call\'s single priority, or the logframe\'s own tag; a non-numeric target counted, not averaged', async () => {
    const r = await get(officer.client, 'results');
    const by = Object.fromEntries(r.objectives.map((o: { code: string | null }) => [o.code, o]));
    // grant 1: 10 of 40 trained (2,500 bp), 10 of 10 employed (achieved) under III.2; grant 2's protocol under III.4
    expect(by['III.2']).toEqual({
      code: 'III.2', level: 'specific', indicators: 2, averaged: 2, achieved: 1, averageProgressBp: 6_250, grantCount: 1, reportCount: 1, grantIds: [g1.grantId], reportIds: [ids.nr1],
    });
    expect(by['III.4']).toMatchObject({ indicators: 1, averaged: 0, achieved: 0, averageProgressBp: null, grantIds: [g2.grantId], reportIds: [ids.nr2] });
    expect(by.III).toMatchObject({ level: 'strategic', indicators: 3, averaged: 2, achieved: 1, averageProgressBp: 6_250 });
    expect(r.objectives.map((o: { code: string }) => o.code)).toEqual(['III', 'III.2', 'III.4']);
  });

  it('publishes beneficiaries suppressed, to the Secretariat too: no count from 1 to 4, nothing that gives one away', async () => {
    for (const who of [officer.client, observer.client, monitor1]) {
      const b = await get(who, 'beneficiaries');
      const shown = b.table as ShownBeneficiaryTable;
      expect(beneficiaryDisclosures(shown)).toEqual([]);
      const visible = [shown.total, ...BENEFICIARY_BREAKDOWNS.flatMap((k) => Object.values(shown[k]))].filter((v) => typeof v === 'number') as number[];
      for (const v of visible) expect(v === 0 || v >= 5).toBe(true);
    }
    const b = await get(observer.client, 'beneficiaries');
    const expected = suppressBeneficiaryTable(aggregateBeneficiaryTables([
      { total: 12, bySex: { female: 10, male: 2 }, byAge: { '18-24': 12 }, byIntake: { new: 12 }, byService: { shelter: 12 }, byMunicipality: { prizren: 12 } },
      { total: 3, bySex: { female: 3 }, byAge: { '25-59': 3 }, byIntake: { new: 3 }, byService: { legal_aid: 3 }, byMunicipality: { peja: 3 } },
    ]));
    expect(b.table).toEqual(expected);
    expect(b.table.bySex.male).toEqual({ shown: '<5', reason: 'small_count' });
    expect(b.table.byMunicipality.peja).toEqual({ shown: '<5', reason: 'small_count' });
    expect(b.reports).toBe(2);
    expect(b.grantIds.sort()).toEqual([g1.grantId, g2.grantId].sort());
  });

  it('filters by call, objective, municipality and period', async () => {
    expect((await get(officer.client, `money?callId=${callB.callId}`)).totals).toEqual(money({ awardedCents: 1_200_000 }));
    const iii4 = await get(officer.client, 'money?objective=III.4');
    expect(iii4.byCall.flatMap((c: { grantIds: string[] }) => c.grantIds)).toEqual([g2.grantId]);
    expect((await get(officer.client, 'results?objective=III.4')).objectives.map((o: { code: string }) => o.code)).toEqual(['III', 'III.4']);
    expect((await get(officer.client, 'money?objective=III.2')).grantCount).toBe(2);
    expect((await get(officer.client, 'money?objective=II')).grantCount).toBe(0);
    expect((await get(officer.client, 'grants?municipality=peja')).byStatus).toEqual([{ status: 'in_force', count: 1, grantIds: [g2.grantId] }]);
    expect((await get(officer.client, 'beneficiaries?municipality=prizren')).grantIds).toEqual([g1.grantId]);
    // the last 25 days: grant 2's tranche paid, grant 1's accepted report (period ending 30 days ago) left out; remaining as of today
    const recent = await get(officer.client, `money?from=${kosovoDay(-25)}&to=${kosovoDay(0)}`);
    expect(recent.totals).toMatchObject({ paidCents: 500_000, acceptedCents: 0, spentCents: 200_000, recoveredCents: 40_000, remainingCents: 3_900_000 });
    const overdue = await get(officer.client, `overdue?from=${kosovoDay(-5)}&to=${kosovoDay(0)}`);
    // due in the last five days, of grants running in the period (grant 3 starts in ten days: its signature is not in it)
    expect(overdue.items.map((i: { kind: string }) => i.kind)).toEqual(['action_point', 'report']);
    expect((await get(officer.client, `overdue?from=${kosovoDay(-5)}`)).items.map((i: { kind: string }) => i.kind)).toEqual(['action_point', 'signature', 'report']);
    const f = await get(observer.client, 'filters');
    expect(f.calls.map((c: { id: string }) => c.id).sort()).toEqual([callA.callId, callB.callId].sort());
    expect(f.objectives).toEqual(['III', 'III.2', 'III.4']);
    expect(f.municipalities).toEqual(expect.arrayContaining(['peja', 'prishtina', 'prizren']));
  });

  it("gives a monitor its own grants' figures only", async () => {
    const m = await get(monitor1, 'money');
    expect(m.grantCount).toBe(1);
    expect(m.totals).toMatchObject({ awardedCents: 4_000_000, paidCents: 1_600_000 });
    expect((await get(monitor1, 'grants')).byStatus).toEqual([{ status: 'in_force', count: 1, grantIds: [g1.grantId] }]);
    expect((await get(monitor1, 'overdue')).items.map((i: { grantId: string }) => i.grantId)).toEqual([g1.grantId]);
    expect((await get(monitor1, 'beneficiaries')).grantIds).toEqual([g1.grantId]);
    expect((await get(monitor1, 'filters')).calls).toEqual([{ id: callA.callId, reference: 'PF-A-2026-01' }]);
    // a filter never widens it
    expect((await get(monitor1, `money?callId=${callB.callId}`)).grantCount).toBe(0);
  });

  it('lets nobody else in: an organisation gets no portfolio', async () => {
    const owner = await new Client(h.app).init().then((c) => c.login(g1.owner.email, g1.owner.password));
    const res = await owner.get('/api/portfolio/money');
    expect([403, 404]).toContain(res.status);
  });

  it('lets the observer write nothing and read no personal field', async () => {
    const before = await snapshotCounts(h.ds);
    for (const [method, path] of [['post', '/api/portfolio/money'], ['post', `/api/grants/${g1.grantId}/visits`], ['post', `/api/grants/${g1.grantId}/dossiers`], ['post', '/api/calls']] as const) {
      const res = await observer.client[method](path, {});
      expect([403, 404]).toContain(res.status);
    }
    expect(await snapshotCounts(h.ds)).toEqual(before);
    const all = JSON.stringify(await Promise.all(['filters', 'money', 'grants', 'overdue', 'results', 'beneficiaries'].map((p) => get(observer.client, p))));
    for (const field of ['email', 'phone', 'contactPerson', 'iban', 'address', 'personalNumber', 'dateOfBirth', 'signatoryName', 'accountHolder']) expect(all).not.toContain(`"${field}"`);
    expect(all).not.toContain(g1.owner.email);
  });

  it('answers a bad filter with 400 naming the field', async () => {
    for (const [query, field] of [
      ['callId=abc', 'callId'], ['objective=VII', 'objective'], ['objective=III.9', 'objective'], ['municipality=atlantis', 'municipality'],
      ['from=2026-02-30', 'from'], [`from=${kosovoDay(0)}&to=${kosovoDay(-1)}`, 'to'], ['page=2', 'page'],
    ]) {
      const res = await officer.client.get(`/api/portfolio/money?${query}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: expect.any(String), details: expect.arrayContaining([expect.objectContaining({ field })]) });
    }
  });

  it('rewrites a report\'s figures when it changes: a later report becomes the latest value, a report sent back leaves, an amended target counts', async () => {
    const svc = h.app.get(PortfolioService);
    const iii2 = async () => (await get(officer.client, 'results')).objectives.find((o: { code: string }) => o.code === 'III.2');
    // a second report of grant 1: 30 of 40 trained (7,500 bp), still 10 of 10 employed
    const [nr4] = await q(h.ds,
      `INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date, status, submitted_version, submitted_at) VALUES ($1, 2, 'interim', $2, $3, $3, 'submitted', 1, now()) RETURNING id`,
      [g1.grantId, kosovoDay(-29), kosovoDay(-1)]);
    await q(h.ds, `INSERT INTO narrative_report_indicator_values (report_id, indicator_id, period_value, cumulative_value) VALUES ($1, 'so.1.result.1.indicator.1', 20000, 30000), ($1, 'so.1.result.1.indicator.2', 0, 10000)`, [nr4.id]);
    await svc.refresh();
    expect(await iii2()).toMatchObject({ indicators: 2, averageProgressBp: 8_750, reportIds: [nr4.id] });
    // the target of indicator 1 amended to 60 (a new frozen version): 30 of 60 is 5,000 bp
    const lf = structuredClone(LOGFRAME_1);
    lf.specificObjectives[0]!.results[0]!.indicators[0]!.target = '60';
    await q(h.ds, `INSERT INTO grant_versions (grant_id, version, snapshot, sha256) SELECT grant_id, 2, jsonb_set(snapshot, '{logframe}', $2::jsonb), repeat('1', 64) FROM grant_versions WHERE grant_id = $1 AND version = 1`,
      [g1.grantId, JSON.stringify(lf)]);
    await svc.refresh();
    expect(await iii2()).toMatchObject({ averageProgressBp: 7_500 });
    // sent back: its values no longer count, the earlier report is the latest again (against the amended target: 10 of 60)
    await q(h.ds, `UPDATE narrative_reports SET status = 'returned' WHERE id = $1`, [nr4.id]);
    await svc.refresh();
    expect(await iii2()).toMatchObject({ averageProgressBp: Math.floor((1_666 + 10_000) / 2), reportIds: [ids.nr1] });
    // the same records again: nothing to rewrite, the same figures
    const before = await iii2();
    await svc.refresh();
    expect(await iii2()).toEqual(before);
    // back as it was for the other tests
    await q(h.ds, `DELETE FROM narrative_report_indicator_values WHERE report_id = $1`, [nr4.id]);
    await q(h.ds, `DELETE FROM narrative_reports WHERE id = $1`, [nr4.id]);
    await h.asOwner((own) => own(`DELETE FROM grant_versions WHERE grant_id = $1 AND version = 2`, [g1.grantId]));
    await svc.refresh();
    expect(await iii2()).toMatchObject({ averageProgressBp: 6_250 });
  });

  it('leads the observer and the Secretariat from their home page to the dashboard, with what is overdue oldest first; not the others', async () => {
    for (const who of [observer.client, officer.client]) {
      const todo = (await who.get('/api/home/todo').expect(200)).body as { items: { kind: string; count: number; link: string; entries: { id: string; link: string }[] }[]; total: number };
      const dash = todo.items.find((i) => i.kind === 'portfolio.dashboard')!;
      expect(dash).toMatchObject({ count: 3, link: '/portfolio' });
      expect(dash.entries.map((e) => [e.id, e.link])).toEqual([[ids.t2, `/grants/${g1.grantId}`], [ids.ap, `/grants/${g2.grantId}`], [g3, `/grants/${g3}`], [ids.nr3, `/grants/${g2.grantId}`]]);
    }
    const kindsOf = async (c: Client) => ((await c.get('/api/home/todo').expect(200)).body.items as { kind: string }[]).map((i) => i.kind);
    expect(await kindsOf(monitor1)).not.toContain('portfolio.dashboard');
  });

  it('refreshes in one step and the same records give the same figures', async () => {
    const before = await get(officer.client, 'money');
    await h.app.get(PortfolioService).refresh();
    const after = await get(officer.client, 'money');
    expect(new Date(after.asOf).getTime()).toBeGreaterThanOrEqual(new Date(before.asOf).getTime());
    expect({ ...after, asOf: null }).toEqual({ ...before, asOf: null });
  });

  it('counts in awarded every award in force, also one still waiting for its grant (not in contracted); not declined, refused or open offers', async () => {
    // call B moves up four more applications (decided 40 days ago): an offer of 300,000 accepted and waiting for its grant,
    // one declined (500,000), one refused (200,000), one offer still open (100,000); the waiting one's logframe is tied to II.1
    const [d] = await q(h.ds, `INSERT INTO award_decisions (call_id, seq, kind, decided_on, envelope_cents, snapshot, sha256) VALUES ($1, 2, 'move_up', $2, 100000000, '{}', repeat('0', 64)) RETURNING id`,
      [callB.callId, kosovoDay(-40)]);
    const [org] = await q(h.ds, `INSERT INTO organizations (legal_name, registration_number, municipality) VALUES ('Gjakova Hope', $1, 'gjakova') RETURNING id`, [randomUUID().slice(0, 8)]);
    const award = async (cents: number, status: string, orgId?: string) => {
      if (!orgId) [{ id: orgId }] = await q(h.ds, `INSERT INTO organizations (legal_name, registration_number, municipality) VALUES ($1, $2, 'gjakova') RETURNING id`, [`Not awarded ${cents}`, randomUUID().slice(0, 8)]);
      const [app] = await q(h.ds, `INSERT INTO applications (call_id, organization_id) VALUES ($1, $2) RETURNING id`, [callB.callId, orgId]);
      await q(h.ds, `INSERT INTO application_submissions (application_id, seq, reference, snapshot, sha256, submitted_by, submitted_at) VALUES ($1, 1, $2, $3, repeat('0', 64), $4, now())`, [app.id, `PF-B-${cents}`, JSON.stringify({
        content: { project: { municipalities: ['decan'] }, logframe: { overallObjective: 'Awareness', specificObjectives: [{ text: 'Schools', nsObjective: 'II.1', results: [] }] } },
      }), officer.user.id]);
      const [w] = await q(h.ds, `INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status, answered_at) VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'offered' THEN NULL ELSE now() END) RETURNING id`,
        [callB.callId, app.id, d.id, cents, status]);
      return w.id as string;
    };
    const waiting = await award(300_000, 'awarded', org.id);
    await award(500_000, 'declined');
    await award(200_000, 'refused');
    await award(100_000, 'offered');
    await h.app.get(PortfolioService).refresh();
    // the Secretariat's awards waiting for a grant hold it, and the dashboard's awarded grows by it alone
    const pending = (await officer.client.get('/api/grants/pending-awards').expect(200)).body.items as { awardId: string; awardedCents: number }[];
    expect(pending.map((p) => [p.awardId, p.awardedCents])).toEqual([[waiting, 300_000]]);

    const m = await get(officer.client, 'money');
    expect(m.totals).toMatchObject({ awardedCents: 7_200_000 + 300_000, contractedCents: 6_000_000, paidCents: 2_100_000 });
    expect(m.grantCount).toBe(3);
    const byCall = Object.fromEntries(m.byCall.map((c: { id: string }) => [c.id, c]));
    expect(byCall[callB.callId]).toMatchObject({ money: money({ awardedCents: 1_200_000 + 300_000 }), grantCount: 1, grantIds: [g3] });
    expect(byCall[callA.callId].money.awardedCents).toBe(6_000_000);
    expect(m.organizationCount).toBe(4); // not the three organisations without an award in force
    expect(m.byOrganization.find((o: { id: string }) => o.id === org.id)).toEqual({ id: org.id, name: 'Gjakova Hope', money: money({ awardedCents: 300_000 }), grantCount: 0, grantIds: [] });
    // filtered like the rest: the application's logframe tag, the seat and target municipalities, the decision's day
    for (const f of ['objective=II', 'objective=II.1', 'municipality=gjakova', 'municipality=decan']) {
      expect([f, (await get(officer.client, `money?${f}`)).totals]).toEqual([f, money({ awardedCents: 300_000 })]);
    }
    expect((await get(officer.client, 'money?objective=III.4')).totals.awardedCents).toBe(2_000_000);
    expect((await get(officer.client, `money?callId=${callB.callId}`)).totals).toEqual(money({ awardedCents: 1_500_000 }));
    expect((await get(officer.client, `money?from=${kosovoDay(-45)}&to=${kosovoDay(-35)}`)).totals.awardedCents).toBe(300_000);
    expect((await get(officer.client, `money?from=${kosovoDay(-25)}`)).totals.awardedCents).toBe(7_200_000);
    // a monitor's dashboard holds its grants' awards only
    expect((await get(monitor1, 'money')).totals.awardedCents).toBe(4_000_000);

    // once drawn up into a grant (sent for signature, not countersigned), the award counts once, still not in contracted
    await q(h.ds, `INSERT INTO grants (award_id, call_id, organization_id, amount_cents, agreement_number, call_seq, status, sent_at, start_date, end_date)
                   VALUES ($1, $2, $3, 300000, 'PF-B-002', 2, 'sent_for_signature', now(), $4, $5)`, [waiting, callB.callId, org.id, kosovoDay(5), kosovoDay(370)]);
    await h.app.get(PortfolioService).refresh();
    const after = await get(officer.client, 'money');
    expect(after.totals).toMatchObject({ awardedCents: 7_500_000, contractedCents: 6_000_000 });
    expect(after.grantCount).toBe(4);
  });
});
