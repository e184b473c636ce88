import { checkIban, demoCallDraft, formatEuroCents } from '@grants/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, PASSWORD, startApi } from './harness';
import { pdfText } from './pdf-text';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Tranche = { id: string; seq: number; kind: string; amountCents: number; status: string; conditions: { kind: string; met: boolean; figure: string }[] };

const REQUESTED = 4_161_900; // what each demo application asks for
const LOWERED = 3_500_000;

/** A valid Kosovo IBAN (XK, check digits, 16 digits) from a seed: the check digits are computed (ISO 7064 mod 97-10). */
function kosovoIban(seed: number): string {
  const bban = String(1212012345670000 + seed).padStart(16, '0');
  const digits = `${bban}3320` + '00'; // X=33, K=20, then 00
  let r = 0;
  for (const ch of digits) r = (r * 10 + Number(ch)) % 97;
  const iban = `XK${String(98 - r).padStart(2, '0')}${bban}`;
  if (!checkIban(iban).valid) throw new Error(`bad test IBAN ${iban}`);
  return iban;
}

const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** A PDF small enough to upload as the bank's letter (the files module sniffs the content). */
const LETTER_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * Grants on the real database: the agreement drawn up from an award in force (after a budget revision when the
 * amount was lowered), sent, signed only by the organisation's owner, countersigned; tranches requested, approved
 * only when every condition is met, paid once; a day's payment order as pain.001 valid against the XSD; an
 * organisation never reads another's grant, a monitor only its own; the bank-account change route.
 */
describe('grants: agreements, signing, tranches, payment orders, bank-account changes', () => {
  let h: Harness;
  let officer: Login;
  let ownerA: Login;
  let memberA: Login;
  let ownerB: Login;
  let monitor1: Login;
  let monitor2: Login;
  let callId: string;
  let callRef: string;
  const awardOf: Record<'A' | 'B', string> = { A: '', B: '' };
  let grantA: string;
  let grantB: string;

  const grant = async (who: Login, id: string) => (await who.client.get(`/api/grants/${id}`).expect(200)).body;
  const tranchesOf = async (id: string): Promise<Tranche[]> => (await grant(officer, id)).tranches;
  const kindsTold = async (who: Login) => ((await who.client.get('/api/notifications')).body.items as { kind: string }[]).map((n) => n.kind);

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    ownerA = await loginAs(h, 'applicant', { language: 'sq' });
    memberA = await loginAs(h, 'applicant', { orgRole: 'member', organizationId: ownerA.user.organizationId! });
    ownerB = await loginAs(h, 'applicant', { language: 'sr' });
    monitor1 = await loginAs(h, 'monitor');
    monitor2 = await loginAs(h, 'monitor');
    await h.ds.query(`UPDATE organizations SET iban = $2 WHERE id = $1`, [ownerA.user.organizationId, kosovoIban(1)]);
    await h.ds.query(`UPDATE organizations SET iban = $2 WHERE id = $1`, [ownerB.user.organizationId, kosovoIban(2)]);
    callRef = 'MF-GR-2026-01';
    const created = await officer.client.post('/api/calls', { reference: callRef, title: { en: 'Grants', sq: 'Grante', sr: 'Grantovi' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), callRef);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    callId = created.body.id;
    // fixtures written around the rules on purpose: the evaluation is another spec's; here the call allows 24 months
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
       VALUES ($1, 1, 'decision', '{Chair}', '2027-02-01', 13000000, '{}', repeat('a', 64)) RETURNING id`, [callId]);
    await h.ds.query(`UPDATE applications SET status = 'awarded' WHERE id = ANY($1::uuid[])`, [[applications.A, applications.B]]);
    for (const [key, amount] of [['A', REQUESTED], ['B', LOWERED]] as const) {
      const [w] = await h.ds.query(`INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, $4, 'awarded') RETURNING id`, [callId, applications[key], decision.id, amount]);
      awardOf[key] = w.id;
    }
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('draws a lowered award up only after the organisation revised its budget to the amount and the Secretariat accepted it', async () => {
    const early = await officer.client.post(`/api/awards/${awardOf.B}/grant`, {}).expect(400);
    expect(early.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'budget', code: 'revision_required' })]));
    const state = (await ownerB.client.get(`/api/awards/${awardOf.B}/budget-revision`).expect(200)).body;
    expect(state).toMatchObject({ needed: true, awardedCents: LOWERED, requestedCents: REQUESTED, revision: null });
    await ownerA.client.get(`/api/awards/${awardOf.B}/budget-revision`).expect(404); // another organisation's award
    // indirect costs above the call's 7 % and a total that is not the awarded amount: each named, nothing saved
    const bad = await ownerB.client.put(`/api/awards/${awardOf.B}/budget-revision`, {
      lines: [{ heading: 'human_resources', description: 'Psychologist', unit: 'month', quantity: 10, unitCostCents: 300_000 }], coFinancingCents: 0, indirectCostBp: 1500,
    }).expect(400);
    const fields = bad.body.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`);
    expect(fields).toEqual(expect.arrayContaining(['requestedCents:not_awarded_amount']));
    expect(fields.some((f: string) => f.startsWith('indirect'))).toBe(true);
    expect((await ownerB.client.get(`/api/awards/${awardOf.B}/budget-revision`).expect(200)).body.revision).toBeNull();
    // €26,000 + €11,000 = €37,000, of which €2,000 co-financed (5.4 % ≥ the call's 5 %): €35,000 requested, the award
    const good = await ownerB.client.put(`/api/awards/${awardOf.B}/budget-revision`, {
      lines: [
        { heading: 'human_resources', description: 'Psychologist', unit: 'month', quantity: 10, unitCostCents: 260_000 },
        { heading: 'services', description: 'Legal aid', unit: 'case', quantity: 20, unitCostCents: 55_000 },
      ], coFinancingCents: 200_000, indirectCostBp: 0,
    }).expect(200);
    expect(good.body.revision).toMatchObject({ computed: { requestedCents: LOWERED, totalCents: 3_700_000 }, acceptedAt: null });
    const notAccepted = await officer.client.post(`/api/awards/${awardOf.B}/grant`, {}).expect(400);
    expect(notAccepted.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'budget', code: 'revision_not_accepted' })]));
    expect(await kindsTold(officer)).toContain('grant.budget_revision_submitted');
    await ownerB.client.post(`/api/awards/${awardOf.B}/budget-revision/accept`).expect(403);
    await officer.client.post(`/api/awards/${awardOf.B}/budget-revision/accept`).expect(200);
    const g = (await officer.client.post(`/api/awards/${awardOf.B}/grant`, {}).expect(201)).body;
    grantB = g.id;
    expect(g).toMatchObject({ status: 'draft', amountCents: LOWERED, agreementNumber: `${callRef}-G-001`, startDate: '2027-03-01', endDate: '2028-02-29', budget: { requestedCents: LOWERED } });
    // 12 months: a pre-financing of 80 % and the balance, to the cent
    expect(g.tranches.map((t: Tranche) => [t.kind, t.amountCents])).toEqual([['pre_financing', 2_800_000], ['balance', 700_000]]);
    await officer.client.post(`/api/awards/${awardOf.B}/grant`, {}).expect(409); // one grant per award
  });

  it('draws an award up from the frozen submission with a tranche plan that sums to the grant, the reporting schedule and the monitor', async () => {
    const bad = await officer.client.post(`/api/awards/${awardOf.A}/grant`, { endDate: '2030-01-01', monitorId: ownerA.user.id }).expect(400);
    expect(bad.body.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual(expect.arrayContaining(['endDate:too_long', 'monitorId:not_a_monitor']));
    const g = (await officer.client.post(`/api/awards/${awardOf.A}/grant`, { startDate: '2027-03-01', endDate: '2029-02-28', monitorId: monitor1.user.id }).expect(201)).body;
    grantA = g.id;
    expect(g).toMatchObject({ agreementNumber: `${callRef}-G-002`, amountCents: REQUESTED, durationMonths: 24, monitorId: monitor1.user.id, status: 'draft' });
    expect(g.tranches.map((t: Tranche) => t.kind)).toEqual(['pre_financing', 'instalment', 'balance']);
    expect(g.tranches.reduce((s: number, t: Tranche) => s + t.amountCents, 0)).toBe(REQUESTED);
    expect(g.reportingSchedule.map((r: { kind: string }) => r.kind)).toEqual(['interim', 'interim', 'interim', 'final']);
    expect(g.reportingSchedule[3]).toMatchObject({ periodEnd: '2029-02-28', dueDate: '2029-04-29' });
    expect(g.budget.requestedCents).toBe(REQUESTED);
    expect(g.logframe.specificObjectives.length).toBeGreaterThan(0);
  });

  it('never lets an organisation read another organisation\'s grant, and a monitor only the grants it follows', async () => {
    await ownerB.client.get(`/api/grants/${grantA}`).expect(404);
    await ownerA.client.get(`/api/grants/${grantB}`).expect(404);
    await monitor2.client.get(`/api/grants/${grantA}`).expect(404);
    await monitor1.client.get(`/api/grants/${grantB}`).expect(404);
    expect((await grant(monitor1, grantA)).timeline).toEqual([]); // read-only, without the Secretariat's timeline
    await ownerA.client.get(`/api/grants/00000000-0000-4000-8000-000000000000`).expect(404);
    const ids = async (who: Login) => ((await who.client.get('/api/grants').expect(200)).body.items as { id: string }[]).map((x) => x.id);
    expect(await ids(ownerA)).toEqual([grantA]);
    expect(await ids(memberA)).toEqual([grantA]);
    expect(await ids(ownerB)).toEqual([grantB]);
    expect(await ids(monitor1)).toEqual([grantA]);
    expect(await ids(monitor2)).toEqual([]);
    expect((await ids(officer)).sort()).toEqual([grantA, grantB].sort());
    const observer = await loginAs(h, 'observer'); // reads every grant, read-only (grants-setup.spec.ts)
    expect((await ids(observer)).sort()).toEqual([grantA, grantB].sort());
    expect((await grant(observer, grantA)).timeline).toEqual([]);
    // a tranche of another organisation's grant does not exist for it either
    const [t1] = await tranchesOf(grantA);
    await ownerB.client.post(`/api/tranches/${t1.id}/request`, {}).expect(404);
    await ownerB.client.get(`/api/tranches/${t1.id}`).expect(404);
  });

  it('sends the agreement as a PDF in the organisation\'s language beside the English text, with its SHA-256 recorded', async () => {
    await ownerA.client.post(`/api/grants/${grantA}/send`).expect(403);
    const sent = (await officer.client.post(`/api/grants/${grantA}/send`).expect(200)).body;
    expect(sent.status).toBe('sent_for_signature');
    expect(sent.agreement).toMatchObject({ language: 'sq', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const pdf = await ownerA.client.get(`/api/grants/${grantA}/agreement.pdf`).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['x-content-sha256']).toBe(sent.agreement.sha256);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf.body as Buffer).digest('hex')).toBe(sent.agreement.sha256);
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('Marrëveshja e grantit');
    expect(text).toContain('Grant agreement');
    expect(text).toContain(`${callRef}-G-002`);
    expect(text).toContain(formatEuroCents(REQUESTED, 'sq')); // the amount as Albanian writes it, beside the English
    expect(text).toContain(formatEuroCents(REQUESTED, 'en'));
    expect(text).toMatch(/Tranche schedule/);
    await monitor1.client.get(`/api/grants/${grantA}/agreement.pdf`).expect(200);
    await ownerB.client.get(`/api/grants/${grantA}/agreement.pdf`).expect(404);
    expect(await kindsTold(ownerA)).toContain('grant.agreement_to_sign');
  });

  it('lets nobody but the organisation\'s owner sign, with the password re-entered, and freezes the IBAN', async () => {
    const body = { password: PASSWORD, signatoryName: 'Arta Krasniqi', signatoryFunction: 'Executive director' };
    await officer.client.post(`/api/grants/${grantA}/sign`, body).expect(403); // the Secretariat countersigns, never signs for them
    await monitor1.client.post(`/api/grants/${grantA}/sign`, body).expect(403);
    const member = await memberA.client.post(`/api/grants/${grantA}/sign`, body).expect(403);
    expect(member.body.message).toMatch(/owner/);
    await ownerB.client.post(`/api/grants/${grantA}/sign`, body).expect(404); // another organisation's owner: it does not exist for them
    const wrong = await ownerA.client.post(`/api/grants/${grantA}/sign`, { ...body, password: 'not-the-password' }).expect(400);
    expect(wrong.body.details[0]).toMatchObject({ field: 'password', code: 'wrong_password' });
    const blank = await ownerA.client.post(`/api/grants/${grantA}/sign`, { ...body, signatoryName: '   ' }).expect(400);
    expect(blank.body.details[0]).toMatchObject({ field: 'signatoryName' });
    const changed = await ownerA.client.post(`/api/grants/${grantA}/sign`, { ...body, agreementSha256: 'f'.repeat(64) }).expect(409);
    expect(changed.body.details[0]).toMatchObject({ field: 'agreementSha256' });
    expect((await grant(officer, grantA)).status).toBe('sent_for_signature');
    const signed = (await ownerA.client.post(`/api/grants/${grantA}/sign`, { ...body, agreementSha256: (await grant(ownerA, grantA)).agreement.sha256 }).expect(200)).body;
    expect(signed).toMatchObject({ status: 'signed_by_organization', iban: kosovoIban(1), signature: { signatoryName: 'Arta Krasniqi', signatoryFunction: 'Executive director' } });
    await ownerA.client.post(`/api/grants/${grantA}/sign`, body).expect(409); // signed once
    // the profile's account changing later does not move the grant's
    await h.ds.query(`UPDATE organizations SET iban = $2 WHERE id = $1`, [ownerA.user.organizationId, kosovoIban(3)]);
    expect((await grant(officer, grantA)).iban).toBe(kosovoIban(1));
    const [audit] = await h.ds.query(`SELECT audit_shown_actor(actor_email, actor_pseudonym) AS actor_email, audit_shown_summary(summary) AS summary FROM audit_log WHERE action = 'grant.signed' AND entity_id = $1`, [grantA]);
    expect(audit.actor_email).toBe(ownerA.email);
    expect(audit.summary).toContain('by its signatory (Executive director;');
    expect(audit.summary).not.toContain('Arta Krasniqi'); // a name is personal data: it stays on the agreement, out of the chain
    expect(await kindsTold(officer)).toContain('grant.agreement_signed');
  });

  it('takes the pre-financing request once signed, approves it only once countersigned, pays it once; the payment order is valid pain.001', async () => {
    const [t1] = await tranchesOf(grantA);
    const requested = (await memberA.client.post(`/api/tranches/${t1.id}/request`, { note: 'For the first months' }).expect(200)).body;
    expect(requested.status).toBe('requested');
    expect(await kindsTold(officer)).toContain('tranche.requested');
    const blocked = await officer.client.post(`/api/tranches/${t1.id}/approve`).expect(409);
    expect(blocked.body.message).toMatch(/Not every condition of tranche 1 is met: grant_in_force/);
    expect(blocked.body.details).toEqual([expect.objectContaining({ field: 'conditions.grant_in_force', code: 'grant_in_force', message: 'grant signed by organization' })]);
    expect((await tranchesOf(grantA))[0].status).toBe('requested');
    await ownerA.client.post(`/api/grants/${grantA}/countersign`).expect(403);
    const inForce = (await officer.client.post(`/api/grants/${grantA}/countersign`).expect(200)).body;
    expect(inForce.status).toBe('in_force');
    expect(inForce.versions).toEqual([expect.objectContaining({ version: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    await ownerA.client.post(`/api/tranches/${t1.id}/approve`).expect(403);
    const approved = (await officer.client.post(`/api/tranches/${t1.id}/approve`).expect(200)).body;
    expect(approved.status).toBe('approved');
    expect(approved.conditions.map((c: { kind: string; met: boolean }) => [c.kind, c.met])).toEqual([['grant_in_force', true], ['documents_attached', true], ['bank_account', true]]);

    // the day's payment order: CSV, XLSX and pain.001 with the agreement number as the remittance text
    const day = approved.approvedOn as string;
    const preview = (await officer.client.get(`/api/payment-orders/preview?day=${day}`).expect(200)).body;
    expect(preview).toMatchObject({ count: 1, controlSumCents: t1.amountCents, problems: [] });
    expect(preview.lines[0].remittanceInformation).toMatch(new RegExp(`^${callRef}-G-002 tranche 1`));
    await ownerA.client.post('/api/payment-orders', { day }).expect(403);
    await officer.client.post('/api/payment-orders', { day: '2027-02-30' }).expect(400);
    const order = (await officer.client.post('/api/payment-orders', { day }).expect(201)).body;
    expect(order).toMatchObject({ count: 1, controlSumCents: t1.amountCents });
    await officer.client.post('/api/payment-orders', { day }).expect(400); // nothing left for a second order of the day
    const xml = (await officer.client.get(`/api/payment-orders/${order.id}/file?format=xml`).expect(200)).text;
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(xml, 'utf8').digest('hex')).toBe(order.xmlSha256);
    expect(xml).toContain(`<Ustrd>${callRef}-G-002 tranche 1 pre-financing</Ustrd>`);
    expect(xml).toContain(`<IBAN>${kosovoIban(1)}</IBAN>`);
    expect(xml).toContain(`<InstdAmt Ccy="EUR">${(t1.amountCents / 100).toFixed(2)}</InstdAmt>`);
    const { validateXML } = await import('xmllint-wasm');
    const xsd = readFileSync(join('/work/shared/standards/iso20022/pain.001.001.03.xsd'), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'order.xml', contents: xml }], schema: [{ fileName: 'pain.001.001.03.xsd', contents: xsd }] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const csv = (await officer.client.get(`/api/payment-orders/${order.id}/file?format=csv`).expect(200)).text;
    expect(csv).toContain('Agreement number');
    expect(csv).toContain(`${callRef}-G-002`);
    const xlsx = await officer.client.get(`/api/payment-orders/${order.id}/file?format=xlsx`).buffer(true).parse(binary).expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    // paid once
    const bad = await officer.client.post(`/api/tranches/${t1.id}/pay`, { paidOn: '2027-13-01', bankReference: 'TRX-1' }).expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'paidOn' });
    const paid = (await officer.client.post(`/api/tranches/${t1.id}/pay`, { paidOn: day, bankReference: 'TRX-0001' }).expect(200)).body;
    expect(paid).toMatchObject({ status: 'paid', paidOn: day, bankReference: 'TRX-0001', paymentOrderId: order.id });
    const twice = await officer.client.post(`/api/tranches/${t1.id}/pay`, { paidOn: day, bankReference: 'TRX-0002' }).expect(409);
    expect(twice.body.details[0]).toMatchObject({ field: 'status', code: 'already_paid' });
    const [row] = await h.ds.query(`SELECT bank_reference FROM tranches WHERE id = $1`, [t1.id]);
    expect(row.bank_reference).toBe('TRX-0001');
    expect((await h.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'tranche.paid' AND entity_id = $1`, [t1.id]))[0].n).toBe(1);
    expect(await kindsTold(ownerA)).toContain('tranche.paid');
  });

  it('refuses to approve a further instalment whose condition is unmet, naming it with its figure, until enough is spent', async () => {
    const [t1, t2] = await tranchesOf(grantA);
    const [report] = await h.ds.query(
      `INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, spent_cents, status) VALUES ($1, 1, '2027-03-01', '2027-08-31', $2, 'accepted') RETURNING id`,
      [grantA, Math.floor(t1.amountCents / 2)]);
    const other = await officer.client.get(`/api/grants/${grantB}`).expect(200);
    expect(other.body.status).toBe('draft');
    await ownerA.client.post(`/api/tranches/${t2.id}/request`, { expenditureReportId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    await ownerA.client.post(`/api/tranches/${t2.id}/request`, { expenditureReportId: report.id }).expect(200);
    const refused = await officer.client.post(`/api/tranches/${t2.id}/approve`).expect(409);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'conditions.previous_spent', code: 'previous_spent', message: expect.stringMatching(/= 50 % < 70 %$/) })]);
    expect((await tranchesOf(grantA))[1].status).toBe('requested');
    const shown = (await ownerA.client.get(`/api/tranches/${t2.id}`).expect(200)).body;
    expect(shown.conditions.find((c: { kind: string }) => c.kind === 'previous_spent')).toMatchObject({ met: false, params: { thresholdBp: 7000 } });
    await h.ds.query(`INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, spent_cents, status) VALUES ($1, 2, '2027-09-01', '2027-12-31', $2, 'accepted')`, [grantA, Math.ceil(t1.amountCents / 4)]);
    const ok = (await officer.client.post(`/api/tranches/${t2.id}/approve`).expect(200)).body;
    expect(ok.conditions.every((c: { met: boolean }) => c.met)).toBe(true);
  });

  it('changes the bank account of a grant in force only on a request with the bank\'s letter that the Secretariat approves; meanwhile nothing is paid', async () => {
    const before = await grant(officer, grantA);
    const letter = (await ownerA.client.agent.post(`/api/grants/${grantA}/documents`).set('x-csrf-token', ownerA.client.csrf)
      .attach('file', LETTER_PDF, 'bank-letter.pdf').expect(201)).body;
    await ownerB.client.agent.post(`/api/grants/${grantA}/documents`).set('x-csrf-token', ownerB.client.csrf).attach('file', LETTER_PDF, 'x.pdf').expect(404);
    const badIban = await ownerA.client.post(`/api/grants/${grantA}/bank-account-changes`, { iban: 'XK00123', bankLetterFileId: letter.id, justification: 'New bank' }).expect(400);
    expect(badIban.body.details[0].field).toBe('iban');
    const noLetter = await ownerA.client.post(`/api/grants/${grantA}/bank-account-changes`, { iban: kosovoIban(4), bankLetterFileId: '00000000-0000-4000-8000-000000000000', justification: 'New bank' }).expect(400);
    expect(noLetter.body.details[0]).toMatchObject({ field: 'bankLetterFileId', code: 'unknown_file' });
    await ownerA.client.post(`/api/grants/${grantA}/bank-account-changes`, { iban: kosovoIban(4), bankLetterFileId: letter.id }).expect(400); // no justification
    await ownerB.client.post(`/api/grants/${grantA}/bank-account-changes`, { iban: kosovoIban(4), bankLetterFileId: letter.id, justification: 'x' }).expect(404);
    await officer.client.post(`/api/grants/${grantB}/bank-account-changes`, { iban: kosovoIban(4), bankLetterFileId: letter.id, justification: 'x' }).expect(403);
    const draftChange = await ownerB.client.post(`/api/grants/${grantB}/bank-account-changes`, { iban: kosovoIban(4), bankLetterFileId: letter.id, justification: 'x' }).expect(400);
    expect(draftChange.body.details[0]).toMatchObject({ field: 'bankLetterFileId' }); // not B's file
    const requested = (await memberA.client.post(`/api/grants/${grantA}/bank-account-changes`, { iban: kosovoIban(4), bankLetterFileId: letter.id, justification: 'The old bank closed its branch' }).expect(201)).body;
    const amendment = requested.amendments.find((a: { kind: string }) => a.kind === 'bank_account_change');
    expect(amendment).toMatchObject({ status: 'requested', change: { iban: kosovoIban(4) }, bankLetterFileId: letter.id });
    expect(requested.iban).toBe(before.iban); // unchanged until approved
    const t3 = requested.tranches[2] as Tranche;
    expect(t3.conditions.find((c) => c.kind === 'bank_account')).toMatchObject({ met: false, figure: 'bank account change pending' });
    expect(await kindsTold(officer)).toContain('grant.bank_account_change_requested');
    await officer.client.get(`/api/grants/${grantA}/files/${letter.id}`).expect(200);
    await monitor2.client.get(`/api/grants/${grantA}/files/${letter.id}`).expect(404);
    await ownerA.client.post(`/api/grant-amendments/${amendment.id}/decision`, { decision: 'approved' }).expect(403);
    await officer.client.post(`/api/grant-amendments/${amendment.id}/decision`, { decision: 'rejected' }).expect(400); // a rejection says why
    const decided = (await officer.client.post(`/api/grant-amendments/${amendment.id}/decision`, { decision: 'approved' }).expect(200)).body;
    expect(decided.iban).toBe(kosovoIban(4));
    expect(decided.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(decided.amendments[0].status).toBe('approved');
    await officer.client.post(`/api/grant-amendments/${amendment.id}/decision`, { decision: 'approved' }).expect(409);
    expect((decided.tranches[2] as Tranche).conditions.find((c) => c.kind === 'bank_account')!.met).toBe(true);
    expect(await kindsTold(ownerA)).toContain('grant.amendment_decided');
    const timeline = (await grant(officer, grantA)).timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['grant.drawn_up', 'grant.sent_for_signature', 'grant.signed', 'grant.countersigned', 'tranche.requested', 'tranche.approved', 'tranche.paid', 'grant_amendment.requested', 'grant_amendment.approved']));
  });

  it('suspends a grant with a reason (no money moves) and resumes it', async () => {
    await officer.client.post(`/api/grants/${grantA}/transition`, { to: 'suspended' }).expect(400);
    const s = (await officer.client.post(`/api/grants/${grantA}/transition`, { to: 'suspended', reason: 'Audit finding' }).expect(200)).body;
    expect(s.status).toBe('suspended');
    const t2 = s.tranches[1] as Tranche;
    await officer.client.post(`/api/tranches/${t2.id}/pay`, { paidOn: '2027-10-01', bankReference: 'TRX-9' }).expect(409);
    await officer.client.post(`/api/grants/${grantA}/transition`, { to: 'signed_by_organization' }).expect(409);
    expect((await officer.client.post(`/api/grants/${grantA}/transition`, { to: 'in_force', reason: 'Finding closed' }).expect(200)).body.status).toBe('in_force');
  });
});
