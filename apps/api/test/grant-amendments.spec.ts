import { checkIban, demoCallDraft } from '@grants/domain';
import { createHash } from 'node:crypto';
import { addendumPdf } from '../src/modules/grants/addendum-pdf';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, PASSWORD, startApi } from './harness';
import { pdfText } from './pdf-text';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Line = { lineId: string; heading: string; description: string; approvedCents: number };
type Amendment = { id: string; kind: string; status: string; notice: boolean; decisionReason: string | null; addendumFileId: string | null; addendumSha256: string | null; reallocation: { classification: string } | null };

function kosovoIban(seed: number): string {
  const bban = String(1212012345670000 + seed).padStart(16, '0');
  let r = 0;
  for (const ch of `${bban}332000`) r = (r * 10 + Number(ch)) % 97;
  const iban = `XK${String(98 - r).padStart(2, '0')}${bban}`;
  if (!checkIban(iban).valid) throw new Error(`bad test IBAN ${iban}`);
  return iban;
}

const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const REQUESTED = 4_161_900; // the demo application: L1 1,440,000 + L2 1,080,000 (HR), L3 1,000,000 (services), L4 450,000 (travel), L5 200,000 (equipment), 7 % indirect

/**
 * Amendments of a grant in force on the real database: a reallocation within 25 % applied at once as a notice with
 * a new version; beyond 25 % a request for the Secretariat; indirect costs above 7 % refused per heading; approval
 * makes the next frozen version with its hash and an addendum PDF, earlier versions stay readable, a comparison
 * shows the change; a rejection needs a reason; a no-cost extension moves the end, the final report and the
 * planned balance; another organisation finds nothing (404); bad input changes nothing.
 */
describe('grant amendments, versions and reallocation by notice', () => {
  let h: Harness;
  let officer: Login;
  let owner: Login;
  let member: Login;
  let other: Login;
  let grantId: string;

  const grant = async (who: Login = officer) => (await who.client.get(`/api/grants/${grantId}`).expect(200)).body;
  const lines = async (): Promise<Line[]> => (await officer.client.get(`/api/grants/${grantId}/amendments/context`).expect(200)).body.latest.budgetLines;
  const kindsTold = async (who: Login) => ((await who.client.get('/api/notifications')).body.items as { kind: string }[]).map((n) => n.kind);
  const moved = (ls: Line[], to: Record<string, number>) => ls.map((l) => ({ ...l, approvedCents: to[l.lineId] ?? l.approvedCents }));
  const counts = async () => {
    const [row] = await h.ds.query(
      `SELECT (SELECT count(*) FROM grant_versions WHERE grant_id = $1)::int AS versions, (SELECT count(*) FROM grant_amendments WHERE grant_id = $1)::int AS amendments,
              (SELECT budget::text FROM grants WHERE id = $1) AS budget`, [grantId]);
    return row;
  };

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    owner = await loginAs(h, 'applicant', { language: 'sq' });
    member = await loginAs(h, 'applicant', { orgRole: 'member', organizationId: owner.user.organizationId! });
    other = await loginAs(h, 'applicant');
    await h.ds.query(`UPDATE organizations SET iban = $2 WHERE id = $1`, [owner.user.organizationId, kosovoIban(11)]);
    const ref = 'MF-AM-2026-01';
    const created = await officer.client.post('/api/calls', { reference: ref, title: { en: 'Amendments', sq: 'Ndryshime', sr: 'Izmene' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), ref);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    const callId = created.body.id;
    // fixtures written around the rules on purpose: the evaluation is another spec's; here the call allows 36 months
    await h.ds.query(`UPDATE calls SET definition = jsonb_set(definition, '{maxDurationMonths}', '36') WHERE id = $1`, [callId]);
    const app = (await owner.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    const filled = (await owner.client.patch(`/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01', 0) }).expect(200)).body;
    await owner.client.post(`/api/applications/${app.id}/submit`, { version: filled.version }).expect(200);
    const [decision] = await h.ds.query(
      `INSERT INTO award_decisions (call_id, seq, kind, committee_members, decided_on, envelope_cents, snapshot, sha256)
       VALUES ($1, 1, 'decision', '{Chair}', '2027-02-01', 13000000, '{}', repeat('a', 64)) RETURNING id`, [callId]);
    await h.ds.query(`UPDATE applications SET status = 'awarded' WHERE id = $1`, [app.id]);
    const [w] = await h.ds.query(`INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, $4, 'awarded') RETURNING id`, [callId, app.id, decision.id, REQUESTED]);
    const g = (await officer.client.post(`/api/awards/${w.id}/grant`, { startDate: '2027-03-01', endDate: '2029-02-28' }).expect(201)).body;
    grantId = g.id;
    // before it is in force, nothing can be amended
    const early = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'no_cost_extension', endDate: '2029-08-31', justification: 'x' }).expect(409);
    expect(early.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'grant', code: 'grant_not_running' })]));
    const sent = (await officer.client.post(`/api/grants/${grantId}/send`).expect(200)).body;
    await owner.client.post(`/api/grants/${grantId}/sign`, { password: PASSWORD, signatoryName: 'Arta Krasniqi', signatoryFunction: 'Director', agreementSha256: sent.agreement.sha256 }).expect(200);
    await officer.client.post(`/api/grants/${grantId}/countersign`).expect(200);
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('refuses bad input with 422 naming the field, and changes nothing', async () => {
    const before = await counts();
    const ls = await lines();
    expect(ls.map((l) => [l.lineId, l.heading, l.approvedCents])).toEqual([
      ['L1', 'human_resources', 1_440_000], ['L2', 'human_resources', 1_080_000], ['L3', 'services', 1_000_000], ['L4', 'travel', 450_000], ['L5', 'equipment_supplies', 200_000],
    ]);
    const blank = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'budget_reallocation', budgetLines: moved(ls, { L1: 1_340_000, L3: 1_100_000 }), justification: '  ' }).expect(422);
    expect(blank.body.details).toEqual([expect.objectContaining({ field: 'justification', code: 'required' })]);
    const cents = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'budget_reallocation', budgetLines: moved(ls, { L1: 1_339_999.5 }), justification: 'x' }).expect(422);
    expect(cents.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'budgetLines.0.approvedCents', code: 'not_cents' })]));
    const earlier = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'no_cost_extension', endDate: '2028-12-31', justification: 'x' }).expect(422);
    expect(earlier.body.details).toEqual([expect.objectContaining({ field: 'endDate', code: 'not_later' })]);
    const tooLong = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'no_cost_extension', endDate: '2031-01-31', justification: 'x' }).expect(422);
    expect(tooLong.body.details).toEqual([expect.objectContaining({ field: 'endDate', code: 'too_long' })]);
    const iban = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'bank_account_change', iban: 'XK00', bankLetterFileId: '00000000-0000-4000-8000-000000000000', justification: 'x' }).expect(422);
    expect(iban.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['iban', 'bankLetterFileId']));
    await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'budget_reallocation', budgetLines: ls, justification: 'x', extra: 1 }).expect(400); // unknown field
    await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'rename', justification: 'x' }).expect(400);
    // indirect costs above 7 % are ineligible (PRAG): refused, named per heading, never a request
    const indirect = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'budget_reallocation', budgetLines: moved(ls, { L3: 891_900 }), indirectCents: 400_000, justification: 'More office costs' }).expect(422);
    expect(indirect.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'indirectCents', code: 'indirect_over_cap' })]));
    // a budget whose grant part would exceed the award is refused
    const over = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'budget_reallocation', budgetLines: moved(ls, { L4: 450_001 }), justification: 'x' }).expect(422);
    expect(over.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'budgetLines', code: 'total_over_awarded' })]));
    expect(await counts()).toEqual(before);
  });

  it('applies a reallocation within 25 % of each heading at once as a notice: a new version, no decision, the Secretariat told', async () => {
    const ls = await lines();
    // 100,000 from the case manager (HR −4 %) to the vocational courses (services +10 %)
    const g = (await member.client.post(`/api/grants/${grantId}/amendments`, { kind: 'budget_reallocation', budgetLines: moved(ls, { L1: 1_340_000, L3: 1_100_000 }), justification: 'More participants than planned' }).expect(201)).body;
    const a = g.amendments.at(-1) as Amendment;
    expect(a).toMatchObject({ kind: 'budget_reallocation', status: 'approved', notice: true, reallocation: { classification: 'notice' }, addendumSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(g.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(g.budget.lines.map((l: { totalCents: number }) => l.totalCents)).toEqual([1_340_000, 1_080_000, 1_100_000, 450_000, 200_000]);
    expect(g.budget).toMatchObject({ directCents: 4_170_000, indirectCents: 291_900, totalCents: 4_461_900, requestedCents: REQUESTED });
    expect(await kindsTold(officer)).toContain('grant.reallocation_notice');
    const actions = (await grant()).timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['grant_amendment.requested', 'grant_amendment.noticed', 'grant.version_created']));
  });

  it('makes a move above 25 % of a heading (counted cumulatively) a request the Secretariat approves into the next frozen version with its addendum', async () => {
    const ls = await lines();
    // services back to 700,000: −30 % of the 1,000,000 originally approved (though only −36 % of the current 1,100,000 matters not: the original counts)
    const g = (await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'budget_reallocation', budgetLines: moved(ls, { L3: 700_000, L2: 1_480_000 }), justification: 'The psychologist works full time' }).expect(201)).body;
    const a = g.amendments.at(-1) as Amendment;
    expect(a).toMatchObject({ status: 'requested', notice: false, reallocation: { classification: 'amendment_required' }, addendumFileId: null });
    expect(g.versions).toHaveLength(2);
    expect(g.budget.lines[2].totalCents).toBe(1_100_000); // nothing applied before the decision
    expect(await kindsTold(officer)).toContain('grant.amendment_requested');
    // one pending request of a kind at a time
    const again = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'budget_reallocation', budgetLines: moved(ls, { L3: 700_000, L2: 1_480_000 }), justification: 'x' }).expect(422);
    expect(again.body.details).toEqual([expect.objectContaining({ field: 'kind', code: 'pending_same_kind' })]);
    await owner.client.post(`/api/grant-amendments/${a.id}/decision`, { decision: 'approved' }).expect(403);
    await other.client.post(`/api/grant-amendments/${a.id}/decision`, { decision: 'approved' }).expect(403);
    const decided = (await officer.client.post(`/api/grant-amendments/${a.id}/decision`, { decision: 'approved', reason: 'Justified by the caseload' }).expect(200)).body;
    expect(decided.amendments.find((x: Amendment) => x.id === a.id)).toMatchObject({ status: 'approved', decisionReason: 'Justified by the caseload', addendumSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(decided.budget.lines.map((l: { totalCents: number }) => l.totalCents)).toEqual([1_340_000, 1_480_000, 700_000, 450_000, 200_000]);
    expect(decided.budget.requestedCents).toBe(REQUESTED);
    expect(await kindsTold(owner)).toContain('grant.amendment_decided');

    const versions = (await owner.client.get(`/api/grants/${grantId}/versions`).expect(200)).body.items;
    expect(versions.map((v: { version: number; amendmentKind: string | null; notice: boolean }) => [v.version, v.amendmentKind, v.notice])).toEqual([[1, null, false], [2, 'budget_reallocation', true], [3, 'budget_reallocation', false]]);
    const v3 = (await owner.client.get(`/api/grants/${grantId}/versions/3`).expect(200)).body;
    expect(v3).toMatchObject({ version: 3, hashVerified: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), snapshot: { version: 3, amendmentId: a.id } });
    const [row] = await h.ds.query(`SELECT sha256 FROM grant_versions WHERE grant_id = $1 AND version = 3`, [grantId]);
    expect(row.sha256).toBe(v3.sha256);
    // v1 is still readable as signed
    const v1 = (await owner.client.get(`/api/grants/${grantId}/versions/1`).expect(200)).body;
    expect(v1).toMatchObject({ hashVerified: true, snapshot: { version: 1, amendmentId: null } });
    expect(v1.snapshot.budgetLines.map((l: Line) => l.approvedCents)).toEqual([1_440_000, 1_080_000, 1_000_000, 450_000, 200_000]);
    // the comparison shows what moved
    const diff = (await owner.client.get(`/api/grants/${grantId}/versions/compare?from=1&to=3`).expect(200)).body;
    expect(diff).toMatchObject({ fromVersion: 1, toVersion: 3, changed: true, endDate: null, bankAccount: null });
    expect(diff.budgetLines.changed.map((c: { lineId: string; deltaCents: number }) => [c.lineId, c.deltaCents])).toEqual([['L1', -100_000], ['L2', 400_000], ['L3', -300_000]]);
    await owner.client.get(`/api/grants/${grantId}/versions/9`).expect(404);
    await owner.client.get(`/api/grants/${grantId}/versions/compare?from=1&to=9`).expect(404);
    await owner.client.get(`/api/grants/${grantId}/versions/compare?from=x&to=2`).expect(400);

    // the addendum: Albanian beside English, its SHA-256 as recorded
    const approved = decided.amendments.find((x: Amendment) => x.id === a.id) as Amendment;
    const pdf = await owner.client.get(`/api/grants/${grantId}/files/${approved.addendumFileId}`).buffer(true).parse(binary).expect(200);
    expect(createHash('sha256').update(pdf.body as Buffer).digest('hex')).toBe(approved.addendumSha256);
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('Shtojca 2');
    expect(text).toContain('Addendum 2 to the grant agreement');
    expect(text.replace(/\s+/g, '')).toContain(v3.sha256); // the hash wraps across lines
    // the version table is frozen: the app role may not rewrite it
    await expect(h.ds.query(`UPDATE grant_versions SET sha256 = repeat('0', 64) WHERE grant_id = $1`, [grantId])).rejects.toThrow(/permission denied/);
  });

  it('needs a reason to reject; a no-cost extension approved moves the end date, the final report and the planned balance', async () => {
    const before = await grant();
    const g = (await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'no_cost_extension', endDate: '2029-08-31', justification: 'Courses delayed by the winter' }).expect(201)).body;
    const a = g.amendments.at(-1) as Amendment;
    expect(a.status).toBe('requested');
    const noReason = await officer.client.post(`/api/grant-amendments/${a.id}/decision`, { decision: 'rejected' }).expect(400);
    expect(noReason.body.details[0]).toMatchObject({ field: 'reason', code: 'required' });
    await officer.client.post(`/api/grant-amendments/${a.id}/decision`, { decision: 'rejected', reason: '   ' }).expect(400);
    expect((await grant()).amendments.find((x: Amendment) => x.id === a.id).status).toBe('requested');
    const rejected = (await officer.client.post(`/api/grant-amendments/${a.id}/decision`, { decision: 'rejected', reason: 'Ask for six months less' }).expect(200)).body;
    expect(rejected.amendments.find((x: Amendment) => x.id === a.id)).toMatchObject({ status: 'rejected', decisionReason: 'Ask for six months less', addendumFileId: null });
    expect(rejected.endDate).toBe('2029-02-28');
    expect(rejected.versions).toHaveLength(3);
    await officer.client.post(`/api/grant-amendments/${a.id}/decision`, { decision: 'approved' }).expect(409);

    const second = (await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'no_cost_extension', endDate: '2029-05-31', justification: 'Courses delayed by the winter' }).expect(201)).body;
    const b = second.amendments.at(-1) as Amendment;
    const done = (await officer.client.post(`/api/grant-amendments/${b.id}/decision`, { decision: 'approved' }).expect(200)).body;
    expect(done.endDate).toBe('2029-05-31');
    expect(done.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3, 4]);
    expect(done.reportingSchedule.at(-1)).toMatchObject({ kind: 'final', periodEnd: '2029-05-31', dueDate: '2029-07-30' });
    const balance = done.tranches.find((t: { kind: string }) => t.kind === 'balance');
    expect(balance.plannedDate).toBe('2029-07-30');
    expect(done.tranches.reduce((s: number, t: { amountCents: number }) => s + t.amountCents, 0)).toBe(REQUESTED); // no cost: the amounts never move
    expect(done.tranches.filter((t: { kind: string }) => t.kind !== 'balance').map((t: { plannedDate: string }) => t.plannedDate)).toEqual(before.tranches.filter((t: { kind: string }) => t.kind !== 'balance').map((t: { plannedDate: string }) => t.plannedDate));
    const diff = (await owner.client.get(`/api/grants/${grantId}/versions/compare?from=3&to=4`).expect(200)).body;
    expect(diff.endDate).toEqual({ from: '2029-02-28', to: '2029-05-31' });
    expect(diff.budgetLines.changed).toEqual([]);
  });

  it('changes the logframe on approval, and hides every version and amendment from another organisation (404)', async () => {
    const ctx = (await owner.client.get(`/api/grants/${grantId}/amendments/context`).expect(200)).body;
    const logframe = JSON.parse(JSON.stringify(ctx.latest.logframe));
    logframe.specificObjectives[0].text = `${logframe.specificObjectives[0].text} (widened to two municipalities)`;
    const unchanged = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'logframe_change', logframe: ctx.latest.logframe, justification: 'x' }).expect(422);
    expect(unchanged.body.details).toEqual([expect.objectContaining({ field: 'logframe', code: 'unchanged' })]);
    // the Strategy tags stay within the call's priorities (III.2, III.4), as at application: refused, naming the objective, nothing changed
    expect(ctx.priorityObjectives).toEqual(['III.2', 'III.4']);
    const outside = JSON.parse(JSON.stringify(logframe));
    outside.specificObjectives[0].nsObjective = 'IV.1';
    const refused = await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'logframe_change', logframe: outside, justification: 'x' }).expect(422);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'logframe.so.1.nsObjective', code: 'outside_call_priorities' })]);
    const g = (await owner.client.post(`/api/grants/${grantId}/amendments`, { kind: 'logframe_change', logframe, justification: 'A second municipality asked' }).expect(201)).body;
    const a = g.amendments.at(-1) as Amendment;
    const done = (await officer.client.post(`/api/grant-amendments/${a.id}/decision`, { decision: 'approved' }).expect(200)).body;
    expect(done.logframe.specificObjectives[0].text).toContain('two municipalities');
    const diff = (await owner.client.get(`/api/grants/${grantId}/versions/compare?from=4&to=5`).expect(200)).body;
    expect(diff.logframe.changed.map((c: { key: string }) => c.key)).toEqual(['so.1']);

    await other.client.get(`/api/grants/${grantId}/versions`).expect(404);
    await other.client.get(`/api/grants/${grantId}/versions/1`).expect(404);
    await other.client.get(`/api/grants/${grantId}/versions/compare?from=1&to=2`).expect(404);
    await other.client.get(`/api/grants/${grantId}/amendments/context`).expect(404);
    await other.client.post(`/api/grants/${grantId}/amendments`, { kind: 'no_cost_extension', endDate: '2029-12-31', justification: 'x' }).expect(404);
    await other.client.get(`/api/grants/${grantId}/files/${a.addendumFileId ?? done.amendments.at(-1).addendumFileId}`).expect(404);
    await officer.client.post(`/api/grants/${grantId}/amendments`, { kind: 'no_cost_extension', endDate: '2029-12-31', justification: 'x' }).expect(403);
  });
});

describe('the addendum PDF', () => {
  const diff = {
    fromVersion: 1, toVersion: 2, amountCents: null, startDate: null, endDate: { from: '2027-12-31', to: '2028-03-31' }, indirectCents: null,
    budgetLines: { added: [], removed: [], changed: [] }, logframe: { added: [], removed: [], changed: [] }, bankAccount: null, changed: true,
  };
  const doc = { agreementNumber: 'MF-C3-2026-01-G-003', organizationName: 'Centar Nada', number: 1, kind: 'no_cost_extension' as const, notice: false, justification: 'Kursevi kasne', decisionReason: null, decidedAt: '2027-11-02T10:00:00Z', diff, versionSha256: 'a'.repeat(64) };

  it('is in Cyrillic beside English for a Serbian reader who chose Cyrillic', async () => {
    const text = pdfText(await addendumPdf(doc, { language: 'sr', script: 'cyrillic' })).replace(/\s+/g, ' ');
    expect(text).toContain('Анекс 1 уговора о гранту');
    expect(text).toContain('Addendum 1 to the grant agreement');
    expect(text).toContain('Kursevi kasne'); // what a person typed stays as written
    expect(text).toContain('MF-C3-2026-01-G-003');
  });

  it('is in Latin Serbian for a Latin reader, and English alone for an English one', async () => {
    expect(pdfText(await addendumPdf(doc, { language: 'sr', script: 'latin' }))).toContain('Aneks 1 ugovora o grantu');
    const en = pdfText(await addendumPdf(doc, { language: 'en', script: 'latin' }));
    expect(en).toContain('No-cost extension of the end date');
    expect(en).not.toContain('Aneks');
  });
});
