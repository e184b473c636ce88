import { checkIban, demoCallDraft } from '@grants/domain';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, PASSWORD, startApi } from './harness';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Line = { lineId: string; approvedCents: number; spentBeforeCents: number; spentInPeriodCents: number; cumulativeCents: number; remainingCents: number; varianceBp: number | null; comment: string | null };
type Report = { id: string; seq: number; status: string; version: number; periodStart: string; periodEnd: string; spentCents: number; lines: Line[]; problems: { field: string; code: string }[]; canEdit: boolean; canReview: boolean; returnComment: string | null; documents: { id: string }[] };
type Detail = { field: string; code: string; message: string };

const REQUESTED = 4_161_900;

function kosovoIban(seed: number): string {
  const bban = String(1212012345670000 + seed).padStart(16, '0');
  let r = 0;
  for (const ch of `${bban}332000`) r = (r * 10 + Number(ch)) % 97;
  const iban = `XK${String(98 - r).padStart(2, '0')}${bban}`;
  if (!checkIban(iban).valid) throw new Error(`bad test IBAN ${iban}`);
  return iban;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** `total` cents spread over the approved lines in proportion to what each was approved (the last takes the rest). */
function spread(lines: Line[], total: number) {
  const approved = lines.reduce((s, l) => s + l.approvedCents, 0);
  let left = total;
  return lines.map((l, i) => {
    const cents = i === lines.length - 1 ? left : Math.floor((total * l.approvedCents) / approved);
    left -= cents;
    return { lineId: l.lineId, spentCents: cents };
  });
}

/**
 * Expenditure reports on the real database: the organisation opens a draft for the next period of its grant in force,
 * saves its spending per approved line with documents, submits (problems named by line and field, 422); the
 * Secretariat returns it with comments per line or accepts it; another organisation gets 404; bad input names its
 * field and changes nothing; the next instalment stays blocked by the 70 % rule, with its figure, until the accepted
 * reports reach 70 % of the pre-financing, then it is approved.
 */
describe('grant expenditure reports', () => {
  let h: Harness;
  let officer: Login;
  let ownerA: Login;
  let ownerB: Login;
  let monitor1: Login;
  let monitor2: Login;
  let grantA: string;
  let grantB: string;
  let t1Amount: number;
  let t2Id: string;
  let report: Report;
  let docId: string;

  const kindsTold = async (who: Login) => ((await who.client.get('/api/notifications')).body.items as { kind: string }[]).map((n) => n.kind);
  const read = async (who: Login, id: string): Promise<Report> => (await who.client.get(`/api/expenditure-reports/${id}`).expect(200)).body;
  const fields = (details: Detail[]) => details.map((d) => `${d.field}:${d.code}`);

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    ownerA = await loginAs(h, 'applicant', { language: 'sq' });
    ownerB = await loginAs(h, 'applicant');
    monitor1 = await loginAs(h, 'monitor');
    monitor2 = await loginAs(h, 'monitor');
    await h.ds.query(`UPDATE organizations SET iban = $2 WHERE id = $1`, [ownerA.user.organizationId, kosovoIban(11)]);
    await h.ds.query(`UPDATE organizations SET iban = $2 WHERE id = $1`, [ownerB.user.organizationId, kosovoIban(12)]);
    const callRef = 'MF-EX-2026-01';
    const created = await officer.client.post('/api/calls', { reference: callRef, title: { en: 'Expenditure', sq: 'Shpenzime', sr: 'Troškovi' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), callRef);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    const callId = created.body.id;
    await h.ds.query(`UPDATE calls SET definition = jsonb_set(definition, '{maxDurationMonths}', '24') WHERE id = $1`, [callId]);
    const apps: string[] = [];
    for (const [i, who] of [ownerA, ownerB].entries()) {
      const app = (await who.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
      const filled = (await who.client.patch(`/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01', i) }).expect(200)).body;
      await who.client.post(`/api/applications/${app.id}/submit`, { version: filled.version }).expect(200);
      apps.push(app.id);
    }
    const [decision] = await h.ds.query(
      `INSERT INTO award_decisions (call_id, seq, kind, committee_members, decided_on, envelope_cents, snapshot, sha256)
       VALUES ($1, 1, 'decision', '{Chair}', '2026-02-01', 13000000, '{}', repeat('a', 64)) RETURNING id`, [callId]);
    await h.ds.query(`UPDATE applications SET status = 'awarded' WHERE id = ANY($1::uuid[])`, [apps]);
    const awards: string[] = [];
    for (const app of apps) {
      const [w] = await h.ds.query(`INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, $4, 'awarded') RETURNING id`, [callId, app, decision.id, REQUESTED]);
      awards.push(w.id);
    }
    // A: 24 months (pre-financing, instalment, balance), in force, its pre-financing paid; B: another organisation's grant
    grantA = (await officer.client.post(`/api/awards/${awards[0]}/grant`, { startDate: '2026-03-01', endDate: '2028-02-28', monitorId: monitor1.user.id }).expect(201)).body.id;
    grantB = (await officer.client.post(`/api/awards/${awards[1]}/grant`, {}).expect(201)).body.id;
    await officer.client.post(`/api/grants/${grantA}/send`).expect(200);
    await ownerA.client.post(`/api/grants/${grantA}/sign`, { password: PASSWORD, signatoryName: 'Arta Krasniqi', signatoryFunction: 'Director' }).expect(200);
    await officer.client.post(`/api/grants/${grantA}/countersign`).expect(200);
    const g = (await officer.client.get(`/api/grants/${grantA}`).expect(200)).body;
    const [t1, t2] = g.tranches;
    t1Amount = t1.amountCents;
    t2Id = t2.id;
    await ownerA.client.post(`/api/tranches/${t1.id}/request`, {}).expect(200);
    const approved = (await officer.client.post(`/api/tranches/${t1.id}/approve`).expect(200)).body;
    await officer.client.post(`/api/tranches/${t1.id}/pay`, { paidOn: approved.approvedOn, bankReference: 'TRX-EX-1' }).expect(200);
  }, 180_000);
  afterAll(async () => {
    await h.close();
  });

  it('opens a draft for the next period of the grant in force with a zero line per approved budget line, one report at a time', async () => {
    const before = (await ownerA.client.get(`/api/grants/${grantA}/expenditure`).expect(200)).body;
    expect(before.next).toEqual({ periodStart: '2026-03-01', periodEnd: '2026-08-31' });
    expect(before.lines.length).toBeGreaterThan(1);
    report = (await ownerA.client.post(`/api/grants/${grantA}/expenditure-reports`, {}).expect(201)).body;
    expect(report).toMatchObject({ seq: 1, status: 'draft', periodStart: '2026-03-01', periodEnd: '2026-08-31', spentCents: 0, canEdit: true, canReview: false });
    expect(report.lines.map((l) => [l.lineId, l.spentInPeriodCents])).toEqual(before.lines.map((l: Line) => [l.lineId, 0]));
    const again = await ownerA.client.post(`/api/grants/${grantA}/expenditure-reports`, {}).expect(409);
    expect(again.body.details[0]).toMatchObject({ field: 'grant', code: 'open_report' });
    // a draft grant takes none
    const draft = await ownerB.client.post(`/api/grants/${grantB}/expenditure-reports`, {}).expect(409);
    expect(draft.body.details[0]).toMatchObject({ field: 'grant', code: 'grant_not_in_force' });
    const [audit] = await h.ds.query(`SELECT audit_shown_actor(actor_email, actor_pseudonym) AS actor_email FROM audit_log WHERE action = 'expenditure_report.created' AND entity_id = $1`, [report.id]);
    expect(audit.actor_email).toBe(ownerA.email);
  });

  it('is not there for another organisation (404), read-only for the grant\'s monitor and observers, and only the Secretariat reviews', async () => {
    await ownerB.client.get(`/api/expenditure-reports/${report.id}`).expect(404);
    await ownerB.client.put(`/api/expenditure-reports/${report.id}`, { version: report.version, lines: [] }).expect(404);
    await ownerB.client.post(`/api/expenditure-reports/${report.id}/submit`, { version: report.version }).expect(404);
    await ownerB.client.get(`/api/grants/${grantA}/expenditure`).expect(404);
    await ownerB.client.post(`/api/grants/${grantA}/expenditure-reports`, {}).expect(404);
    await monitor2.client.get(`/api/expenditure-reports/${report.id}`).expect(404);
    expect(await read(monitor1, report.id)).toMatchObject({ canEdit: false, canReview: false });
    const observer = await loginAs(h, 'observer');
    expect(await read(observer, report.id)).toMatchObject({ canEdit: false });
    expect((await observer.client.get(`/api/grants/${grantA}/expenditure`).expect(200)).body.next).toBeNull();
    await monitor1.client.put(`/api/expenditure-reports/${report.id}`, { version: report.version, lines: [] }).expect(403);
    await ownerA.client.post(`/api/expenditure-reports/${report.id}/review`, { version: report.version, decision: 'accept' }).expect(403);
    await ownerA.client.get(`/api/expenditure-reports/00000000-0000-4000-8000-000000000000`).expect(404);
  });

  it('names the field of bad input and changes nothing', async () => {
    const first = report.lines[0].lineId;
    const unknown = await ownerA.client.put(`/api/expenditure-reports/${report.id}`, { version: report.version, lines: [{ lineId: 'L99', spentCents: 5 }] }).expect(400);
    expect(fields(unknown.body.details)).toEqual(['lines.0.lineId:not_in_budget']);
    const negative = await ownerA.client.put(`/api/expenditure-reports/${report.id}`, { version: report.version, lines: [{ lineId: first, spentCents: -1 }] }).expect(400);
    expect(negative.body.details[0].field).toBe('lines.0.spentCents');
    const fraction = await ownerA.client.put(`/api/expenditure-reports/${report.id}`, { version: report.version, lines: [{ lineId: first, spentCents: 10.5 }] }).expect(400);
    expect(fraction.body.details[0].field).toBe('lines.0.spentCents');
    const noFile = await ownerA.client.put(`/api/expenditure-reports/${report.id}`, { version: report.version, lines: [], documentFileIds: ['00000000-0000-4000-8000-000000000000'] }).expect(400);
    expect(noFile.body.details[0]).toMatchObject({ field: 'documentFileIds', code: 'unknown_file' });
    const stale = await ownerA.client.put(`/api/expenditure-reports/${report.id}`, { version: report.version + 5, lines: [{ lineId: first, spentCents: 5 }] }).expect(409);
    expect(stale.body.details[0]).toMatchObject({ field: 'version', code: 'version_conflict' });
    const badEnd = await ownerA.client.post(`/api/expenditure-reports/${report.id}/submit`, {}).expect(400);
    expect(badEnd.body.details[0].field).toBe('version');
    const now = await read(ownerA, report.id);
    expect(now).toMatchObject({ version: report.version, spentCents: 0, status: 'draft' });
    expect((await h.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'expenditure_report.saved' AND entity_id = $1`, [report.id]))[0].n).toBe(0);
  });

  it('refuses a submission with a line beyond its approved amount or spending without a document (422 naming each), nothing submitted', async () => {
    const [l1, ...rest] = report.lines;
    const over = [{ lineId: l1.lineId, spentCents: l1.approvedCents + 1 }, ...rest.map((l) => ({ lineId: l.lineId, spentCents: 0 }))];
    const saved = (await ownerA.client.put(`/api/expenditure-reports/${report.id}`, { version: report.version, lines: over }).expect(200)).body as Report;
    expect(saved.spentCents).toBe(l1.approvedCents + 1);
    expect(saved.lines[0]).toMatchObject({ cumulativeCents: l1.approvedCents + 1, remainingCents: -1 });
    expect(fields(saved.problems as Detail[])).toEqual(['lines.0.spentCents:over_budget', 'documentFileIds:required']);
    const refused = await ownerA.client.post(`/api/expenditure-reports/${report.id}/submit`, { version: saved.version }).expect(422);
    expect(fields(refused.body.details)).toEqual(['lines.0.spentCents:over_budget', 'documentFileIds:required']);
    expect(refused.body.details[0].message).toMatch(/over\)$/);
    const still = await read(officer, report.id);
    expect(still).toMatchObject({ status: 'draft', canReview: false });
    expect(await kindsTold(officer)).not.toContain('expenditure.submitted');
    report = still;
  });

  it('submits with documents; the Secretariat is told; the next instalment requested on it stays blocked by the 70 % rule with its figure', async () => {
    const upload = await ownerA.client.agent.post(`/api/grants/${grantA}/documents`).set('x-csrf-token', ownerA.client.csrf).attach('file', PDF, 'invoices.pdf').expect(201);
    docId = upload.body.id;
    const half = Math.floor(t1Amount / 2);
    const saved = (await ownerA.client.put(`/api/expenditure-reports/${report.id}`, { version: report.version, lines: spread(report.lines, half), documentFileIds: [docId] }).expect(200)).body as Report;
    expect(saved).toMatchObject({ spentCents: half, problems: [], documents: [{ id: docId }] });
    const submitted = (await ownerA.client.post(`/api/expenditure-reports/${report.id}/submit`, { version: saved.version }).expect(200)).body as Report;
    expect(submitted).toMatchObject({ status: 'submitted', canEdit: false });
    expect(await kindsTold(officer)).toContain('expenditure.submitted');
    expect((await read(officer, report.id)).canReview).toBe(true);
    await ownerA.client.put(`/api/expenditure-reports/${report.id}`, { version: submitted.version, lines: [] }).expect(409);
    const doc = await monitor1.client.get(`/api/expenditure-reports/${report.id}/files/${docId}`).expect(200);
    expect(doc.headers['x-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    await ownerB.client.get(`/api/expenditure-reports/${report.id}/files/${docId}`).expect(404);

    await ownerA.client.post(`/api/tranches/${t2Id}/request`, { expenditureReportId: report.id }).expect(200);
    const blocked = await officer.client.post(`/api/tranches/${t2Id}/approve`).expect(409);
    // submitted is not accepted: nothing counts yet
    expect(blocked.body.details).toEqual([expect.objectContaining({ field: 'conditions.previous_spent', message: expect.stringMatching(/= 0 % < 70 %$/) })]);
    report = submitted;
  });

  it('returns it with comments per line (a return says why), the organisation is told, corrects it and submits again; accepted, it counts', async () => {
    const why = await officer.client.post(`/api/expenditure-reports/${report.id}/review`, { version: report.version, decision: 'return', comment: ' ' }).expect(400);
    expect(fields(why.body.details)).toEqual(['comment:required']);
    const strayLine = await officer.client.post(`/api/expenditure-reports/${report.id}/review`, { version: report.version, decision: 'return', lineComments: [{ lineId: 'L99', comment: 'x' }] }).expect(400);
    expect(fields(strayLine.body.details)).toContain('lineComments.0.lineId:not_in_budget');
    expect((await read(officer, report.id)).status).toBe('submitted');
    const first = report.lines[0].lineId;
    const returned = (await officer.client.post(`/api/expenditure-reports/${report.id}/review`, {
      version: report.version, decision: 'return', lineComments: [{ lineId: first, comment: 'Invoice 12 is missing' }],
    }).expect(200)).body as Report;
    expect(returned).toMatchObject({ status: 'returned', canReview: false });
    expect(returned.lines[0].comment).toBe('Invoice 12 is missing');
    expect(await kindsTold(ownerA)).toContain('expenditure.returned');
    // the tranche requested on it waits: a returned report is not a handed-in document
    const waiting = (await ownerA.client.get(`/api/tranches/${t2Id}`).expect(200)).body;
    expect(waiting.conditions.find((c: { kind: string }) => c.kind === 'documents_attached')).toMatchObject({ met: false });
    const mine = await read(ownerA, report.id);
    expect(mine.canEdit).toBe(true);
    const resaved = (await ownerA.client.put(`/api/expenditure-reports/${report.id}`, { version: mine.version, lines: spread(mine.lines, Math.floor(t1Amount / 2)), documentFileIds: [docId] }).expect(200)).body as Report;
    const again = (await ownerA.client.post(`/api/expenditure-reports/${report.id}/submit`, { version: resaved.version }).expect(200)).body as Report;
    await officer.client.post(`/api/expenditure-reports/${report.id}/review`, { version: again.version + 1, decision: 'accept' }).expect(409);
    const accepted = (await officer.client.post(`/api/expenditure-reports/${report.id}/review`, { version: again.version, decision: 'accept' }).expect(200)).body as Report;
    expect(accepted).toMatchObject({ status: 'accepted', canEdit: false, canReview: false });
    expect(await kindsTold(ownerA)).toContain('expenditure.accepted');
    await officer.client.post(`/api/expenditure-reports/${report.id}/review`, { version: accepted.version, decision: 'return', comment: 'late' }).expect(409);
    const actions = (await h.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [report.id])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['expenditure_report.created', 'expenditure_report.saved', 'expenditure_report.submitted', 'expenditure_report.returned', 'expenditure_report.accepted']));
    // 50 % of the pre-financing accepted as spent: still below 70 %
    const blocked = await officer.client.post(`/api/tranches/${t2Id}/approve`).expect(409);
    expect(blocked.body.details).toEqual([expect.objectContaining({ field: 'conditions.previous_spent', message: expect.stringMatching(/= 50 % < 70 %$/) })]);
    report = accepted;
  });

  it('approves the next instalment once the accepted reports reach 70 %, and the grant\'s statement adds them up by line with the burn rate', async () => {
    const second = (await ownerA.client.post(`/api/grants/${grantA}/expenditure-reports`, { periodEnd: '2026-12-31' }).expect(201)).body as Report;
    expect(second).toMatchObject({ seq: 2, periodStart: '2026-09-01', periodEnd: '2026-12-31' });
    expect(second.lines.map((l) => l.spentBeforeCents)).toEqual(report.lines.map((l) => l.spentInPeriodCents));
    const quarter = Math.ceil(t1Amount / 4);
    const saved = (await ownerA.client.put(`/api/expenditure-reports/${second.id}`, { version: second.version, lines: spread(second.lines, quarter), documentFileIds: [docId] }).expect(200)).body as Report;
    const submitted = (await ownerA.client.post(`/api/expenditure-reports/${second.id}/submit`, { version: saved.version }).expect(200)).body as Report;
    await officer.client.post(`/api/expenditure-reports/${second.id}/review`, { version: submitted.version, decision: 'accept', comment: 'Checked against the bank statements' }).expect(200);
    const ok = (await officer.client.post(`/api/tranches/${t2Id}/approve`).expect(200)).body;
    expect(ok.conditions.find((c: { kind: string }) => c.kind === 'previous_spent')).toMatchObject({ met: true });

    const st = (await officer.client.get(`/api/grants/${grantA}/expenditure`).expect(200)).body;
    const total = Math.floor(t1Amount / 2) + quarter;
    expect(st.period).toEqual({ periodStart: '2026-09-01', periodEnd: '2026-12-31' });
    expect(st.totals).toMatchObject({ cumulativeCents: total, spentInPeriodCents: quarter, spentBeforeCents: Math.floor(t1Amount / 2) });
    for (const l of st.lines as Line[]) {
      expect(l.remainingCents).toBe(l.approvedCents - l.cumulativeCents);
      expect(l.varianceBp).toBe(Number((BigInt(l.cumulativeCents - l.approvedCents) * 10_000n) / BigInt(l.approvedCents)));
    }
    expect(st.burnRate).toMatchObject({ spentCents: total, approvedCents: st.totals.approvedCents });
    expect(st.reports.map((r: { seq: number; status: string }) => [r.seq, r.status])).toEqual([[1, 'accepted'], [2, 'accepted']]);
    expect(st.next).toBeNull(); // the officer does not report
    expect((await ownerA.client.get(`/api/grants/${grantA}/expenditure`).expect(200)).body.next).toEqual({ periodStart: '2027-01-01', periodEnd: '2027-02-28' });
  });

  it('refuses to submit spending for a period that has not begun (422 naming periodStart), shown on the report beforehand; nothing submitted', async () => {
    const third = (await ownerA.client.post(`/api/grants/${grantA}/expenditure-reports`).expect(201)).body as Report;
    // the period starts tomorrow at the latest, whenever the test runs
    await h.ds.query(
      `UPDATE expenditure_reports SET period_start = GREATEST(period_start, (now() AT TIME ZONE 'Europe/Belgrade')::date + 1) WHERE id = $1`, [third.id]);
    const read3 = await read(ownerA, third.id);
    expect(read3.problems.map((p) => `${p.field}:${p.code}`)).toContain('periodStart:not_started');
    const refused = await ownerA.client.post(`/api/expenditure-reports/${third.id}/submit`, { version: read3.version }).expect(422);
    expect(fields(refused.body.details)).toContain('periodStart:not_started');
    expect((await read(ownerA, third.id)).status).toBe('draft');
  });
});
