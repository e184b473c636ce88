import { admissibilityItems, demoCallDraft } from '@grants/domain';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, startApi } from './harness';
import { PDF } from './files';

describe('applications: drafts, submission at the deadline, receipts, admissibility', () => {
  let h: Harness;
  let officer: Awaited<ReturnType<typeof loginAs>>;
  let callId: string;
  let seq = 0;

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
  });
  afterAll(() => h.close());

  async function newCall() {
    const reference = `MF-T-2026-${String(++seq).padStart(2, '0')}`;
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'T', sq: 'T', sr: 'T' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = { ...demoCallDraft(new Date().toISOString(), reference), requiredAttachments: [{ id: 'statute', title: { en: 'Statute', sq: 'Statuti', sr: 'Statut' } }] };
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    return created.body.id as string;
  }

  async function completeApplication(client: Awaited<ReturnType<typeof loginAs>>['client'], call: string) {
    const app = (await client.post(`/api/calls/${call}/applications`).expect(201)).body;
    const saved = (await client.patch(`/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01') }).expect(200)).body;
    const withFile = (await client.agent.post(`/api/applications/${app.id}/attachments`).set('x-csrf-token', client.csrf)
      .field('requirementId', 'statute').attach('file', PDF, 'statute.pdf').expect(201)).body;
    return { ...withFile, version: withFile.version ?? saved.version };
  }

  beforeAll(async () => (callId = await newCall()));

  it('saves a draft as the applicant types, computes the budget on the server and lists what is missing', async () => {
    const { client } = await loginAs(h, 'applicant');
    const app = (await client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    expect(app.status).toBe('draft');
    expect(app.completeness.map((p: { field: string }) => p.field)).toEqual(expect.arrayContaining(['project.title', 'declarations.truthful', 'attachments.statute']));
    await client.post(`/api/calls/${callId}/applications`).expect(409);
    const r = await client.patch(`/api/applications/${app.id}`, { version: app.version, content: { budget: demoApplicationContent('2027-03-01').budget } }).expect(200);
    expect(r.body.budget).toMatchObject({ directCents: 4_170_000, indirectCents: 291_900, totalCents: 4_461_900, requestedCents: 4_161_900 });
    const bad = await client.patch(`/api/applications/${app.id}`, { version: r.body.version, content: { budget: { lines: [{ heading: 'bribes', description: 'x', unit: 'u', quantity: 1.234, unitCostCents: -5 }] } } }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['content.budget.lines.0.heading', 'content.budget.lines.0.quantity', 'content.budget.lines.0.unitCostCents']));
    const incomplete = await client.post(`/api/applications/${app.id}/submit`, { version: r.body.version }).expect(400);
    expect(incomplete.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['project.title', 'capacity.staff']));
  });

  it('tells the second of two members editing at once what the first saved', async () => {
    const owner = await loginAs(h, 'applicant');
    const member = await loginAs(h, 'applicant', { organizationId: owner.user.organizationId!, orgRole: 'member' });
    const app = (await owner.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    const opened = (await member.client.get(`/api/applications/${app.id}`).expect(200)).body;
    await owner.client.patch(`/api/applications/${app.id}`, { version: app.version, content: { project: { title: 'Owner’s title' } } }).expect(200);
    const r = await member.client.patch(`/api/applications/${opened.id}`, { version: opened.version, content: { project: { title: 'Member’s title' } } }).expect(409);
    expect(r.body.details[0]).toMatchObject({ field: 'content.project', code: 'version_conflict' });
    expect(r.body.details[0].message).toContain('Owner’s title');
  });

  it('freezes a submission with a reference, a SHA-256 and a PDF receipt; others cannot see it', async () => {
    const a = await loginAs(h, 'applicant', { language: 'sq' });
    const app = await completeApplication(a.client, callId);
    expect(app.completeness).toEqual([]);
    const sub = (await a.client.post(`/api/applications/${app.id}/submit`, { version: app.version }).expect(200)).body;
    expect(sub).toMatchObject({ status: 'submitted', reference: expect.stringMatching(/^MF-T-2026-01-\d{3}$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(sub.submissions).toHaveLength(1);
    const pdf = await a.client.get(`/api/applications/${app.id}/receipt.pdf`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const note = (await a.client.get('/api/notifications')).body.items.find((n: { kind: string }) => n.kind === 'application.submitted');
    expect(note.title).toBe('Aplikimi u dorëzua');

    // resubmission before the deadline keeps the reference and the history
    const edited = (await a.client.patch(`/api/applications/${app.id}`, { version: sub.version, content: { project: { ...demoApplicationContent('2027-03-01').project, title: 'A better title' } } }).expect(200)).body;
    expect(edited.changedSinceSubmission).toBe(true);
    const again = (await a.client.post(`/api/applications/${app.id}/submit`, { version: edited.version }).expect(200)).body;
    expect(again.reference).toBe(sub.reference);
    expect(again.sha256).not.toBe(sub.sha256);
    expect(again.submissions.map((s: { supersededAt: string | null }) => s.supersededAt === null)).toEqual([true, false]);

    const other = await loginAs(h, 'applicant');
    await other.client.get(`/api/applications/${app.id}`).expect(404);
    await other.client.get(`/api/applications/${app.id}/receipt.pdf`).expect(404);
    await other.client.patch(`/api/applications/${app.id}`, { version: again.version, content: { project: { title: 'hijack' } } }).expect(404);
    const evaluator = await loginAs(h, 'evaluator');
    await evaluator.client.get(`/api/applications/${app.id}`).expect(404);
    await other.client.get(`/api/files/${app.attachments[0].fileId}/download`).expect(404);
  });

  it('accepts a submission one second before the deadline and refuses one a second after, by the database clock', async () => {
    const call = await newCall();
    const early = await loginAs(h, 'applicant');
    const late = await loginAs(h, 'applicant');
    const e = await completeApplication(early.client, call);
    const l = await completeApplication(late.client, call);
    await h.ds.query(`UPDATE calls SET submission_deadline_at = now() + interval '1 second' WHERE id = $1`, [call]);
    await early.client.post(`/api/applications/${e.id}/submit`, { version: e.version }).expect(200);
    await h.ds.query(`UPDATE calls SET submission_deadline_at = now() - interval '1 second' WHERE id = $1`, [call]);
    const refused = await late.client.post(`/api/applications/${l.id}/submit`, { version: l.version }).expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'status', code: 'deadline_passed' });
    const frozen = await late.client.get(`/api/applications/${l.id}`).expect(200);
    expect(frozen.body).toMatchObject({ status: 'draft', submissionOpen: false });
    await late.client.patch(`/api/applications/${l.id}`, { version: l.version, content: { project: { title: 'x' } } }).expect(400);
    await early.client.post(`/api/applications/${e.id}/withdraw`).expect(400);

    // admissibility, after the deadline: a failed item needs a reason; the organisation is told why
    const callView = (await officer.client.get(`/api/calls/${call}`).expect(200)).body;
    const items = admissibilityItems(callView.definition.eligibilityQuestions);
    const answers = items.map((i) => ({ itemId: i.id, passed: true }));
    answers[1] = { itemId: answers[1].itemId, passed: false };
    const noReason = await officer.client.put(`/api/applications/${e.id}/admissibility`, { answers, decide: true }).expect(400);
    expect(noReason.body.details[0]).toMatchObject({ code: 'reason_required' });
    answers[1] = { ...answers[1], reason: 'The budget annex is not signed.' } as typeof answers[1];
    const decided = await officer.client.put(`/api/applications/${e.id}/admissibility`, { answers, decide: true }).expect(200);
    expect(decided.body).toMatchObject({ status: 'rejected_admissibility', admissibility: { outcome: 'rejected' } });
    const told = (await early.client.get('/api/notifications')).body.items.find((n: { kind: string }) => n.kind === 'application.admissibility_decided');
    expect(told.body).toContain('The budget annex is not signed.');
    await early.client.put(`/api/applications/${e.id}/admissibility`, { answers, decide: true }).expect(403);

    const csv = await officer.client.get(`/api/calls/${call}/applications/export?format=csv`).expect(200);
    expect(csv.text).toContain('Rejected (admissibility)');
    expect(csv.text.split('\r\n')).toHaveLength(2);
    await officer.client.get(`/api/calls/${call}/applications/export?format=xlsx`).expect(200).expect('content-type', /spreadsheetml/);
    await early.client.get(`/api/calls/${call}/applications/export?format=csv`).expect(403);
  });

  it('lets an organisation withdraw before the deadline', async () => {
    const a = await loginAs(h, 'applicant');
    const app = await completeApplication(a.client, callId);
    await a.client.post(`/api/applications/${app.id}/submit`, { version: app.version }).expect(200);
    const w = await a.client.post(`/api/applications/${app.id}/withdraw`).expect(200);
    expect(w.body.status).toBe('withdrawn');
    const list = await officer.client.get(`/api/applications?callId=${callId}&status=withdrawn`).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(app.id);
  });

  it('numbers simultaneous submissions without duplicates and keeps the audit chain whole', async () => {
    const call = await newCall();
    const orgs = await Promise.all(Array.from({ length: 6 }, () => loginAs(h, 'applicant')));
    const apps = await Promise.all(orgs.map((o) => completeApplication(o.client, call)));
    const done = await Promise.all(orgs.map((o, i) => o.client.post(`/api/applications/${apps[i].id}/submit`, { version: apps[i].version }).expect(200)));
    const refs = done.map((r) => r.body.reference as string);
    expect(new Set(refs).size).toBe(6);
    const [{ n, m }] = await h.ds.query(`SELECT count(*)::int AS n, max(seq)::int AS m FROM audit_log`);
    expect(n).toBe(m);
    const verify = await officer.client.post('/api/audit/verify').expect(403); // an officer is not an admin
    expect(verify.body.statusCode).toBe(403);
  });
});
