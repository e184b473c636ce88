import { demoCallDraft } from '@grants/domain';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, startApi } from './harness';

/**
 * PATCH /api/applications/:id/autosave, the web app's form's save: the same write as PATCH /api/applications/:id,
 * answering only what a save changes. Its answer must agree with a fresh read of the whole application.
 */
describe('applications: autosave answers only what a save changes', () => {
  let h: Harness;
  let callId: string;
  const ANSWER_KEYS = ['budget', 'changedSinceSubmission', 'completeness', 'id', 'serverNow', 'status', 'submissionOpen', 'version'];

  beforeAll(async () => {
    h = await startApi();
    const officer = await loginAs(h, 'secretariat');
    const reference = 'MF-T-2026-93';
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'T', sq: 'T', sr: 'T' } }).expect(201);
    // no attachments asked for, so that a complete draft can be submitted
    const { reference: _r, documents: _d, ...definition } = { ...demoCallDraft(new Date().toISOString(), reference), requiredAttachments: [] };
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    callId = created.body.id;
  });
  afterAll(() => h.close());

  /** The parts of the whole application an autosave answers, as a fresh read shows them. */
  const partsOf = (read: Record<string, unknown>) => Object.fromEntries(ANSWER_KEYS.filter((k) => k !== 'serverNow').map((k) => [k, read[k]]));

  it('writes what PATCH writes and answers the version, budget and completeness a fresh read shows', async () => {
    const { client } = await loginAs(h, 'applicant');
    const app = (await client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    const full = demoApplicationContent('2027-03-01');
    // an empty draft: completeness names what is missing
    const first = (await client.patch(`/api/applications/${app.id}/autosave`, { version: app.version, content: { project: full.project } }).expect(200)).body;
    expect(Object.keys(first).sort()).toEqual(ANSWER_KEYS);
    expect(first.version).toBe(app.version + 1);
    expect(first.completeness.length).toBeGreaterThan(0);
    let read = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(partsOf(first)).toEqual(partsOf(read));
    expect(read.content.project).toEqual(full.project);
    expect(Date.parse(first.serverNow)).not.toBeNaN();

    // the rest of it: the answer follows, with the call's rules held from the first save
    const whole = (await client.patch(`/api/applications/${app.id}/autosave`, { version: first.version, content: full }).expect(200)).body;
    read = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(partsOf(whole)).toEqual(partsOf(read));
    expect(whole.budget.requestedCents).toBe(4_161_900);
    expect(whole.completeness.length).toBeLessThan(first.completeness.length);

    // one field of a section: the section's other fields stay
    const one = (await client.patch(`/api/applications/${app.id}/autosave`, { version: whole.version, content: { project: { title: 'A new title' } } }).expect(200)).body;
    read = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(read.content.project).toEqual({ ...full.project, title: 'A new title' });
    expect(partsOf(one)).toEqual(partsOf(read));

    // a budget sent in part is merged with the stored one first, and the answer says the same as a read
    const partial = (await client.patch(`/api/applications/${app.id}/autosave`, { version: one.version, content: { budget: { coFinancingCents: 400_000 } } }).expect(200)).body;
    read = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(partsOf(partial)).toEqual(partsOf(read));
    expect(partial.budget.requestedCents).toBe(whole.budget.totalCents - 400_000);
    expect(read.content.budget.lines).toEqual(full.budget.lines);
  });

  it('follows an amendment of the call: completeness is judged with the call as it now is', async () => {
    const { client } = await loginAs(h, 'applicant');
    const app = (await client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    const full = demoApplicationContent('2027-03-01');
    const saved = (await client.patch(`/api/applications/${app.id}/autosave`, { version: app.version, content: full }).expect(200)).body;
    expect(saved.completeness.filter((p: { field: string }) => p.field.startsWith('project.durationMonths'))).toEqual([]);
    // the call's definition changes under the draft (as an amendment would): the held rules no longer count
    const [{ before }] = await h.ds.query(`SELECT definition->'maxDurationMonths' AS before FROM calls WHERE id = $1`, [callId]);
    await h.ds.query(`UPDATE calls SET definition = jsonb_set(definition, '{maxDurationMonths}', '1') WHERE id = $1`, [callId]);
    try {
      const after = (await client.patch(`/api/applications/${app.id}/autosave`, { version: saved.version, content: { project: { title: 'Again' } } }).expect(200)).body;
      const read = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
      expect(partsOf(after)).toEqual(partsOf(read));
      expect(after.completeness).not.toEqual(saved.completeness);
    } finally {
      await h.ds.query(`UPDATE calls SET definition = jsonb_set(definition, '{maxDurationMonths}', $2::jsonb) WHERE id = $1`, [callId, JSON.stringify(before)]);
    }
  });

  it('refuses like PATCH: a stale version hears what was saved, bad input names the field, another organisation gets 404', async () => {
    const owner = await loginAs(h, 'applicant');
    const app = (await owner.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    const saved = (await owner.client.patch(`/api/applications/${app.id}/autosave`, { version: app.version, content: { project: { title: 'First' } } }).expect(200)).body;
    const stale = await owner.client.patch(`/api/applications/${app.id}/autosave`, { version: app.version, content: { project: { title: 'Late' } } }).expect(409);
    expect(stale.body.details[0]).toMatchObject({ field: 'content.project', code: 'version_conflict' });
    const bad = await owner.client.patch(`/api/applications/${app.id}/autosave`, { version: saved.version, content: { budget: { lines: [{ heading: 'bribes', description: 'x', unit: 'u', quantity: 1, unitCostCents: 5 }] } } }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('content.budget.lines.0.heading');
    const other = await loginAs(h, 'applicant');
    await other.client.patch(`/api/applications/${app.id}/autosave`, { version: saved.version, content: { project: { title: 'Hijack' } } }).expect(404);
    const read = (await owner.client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(read).toMatchObject({ version: saved.version, content: { project: { title: 'First' } } });
  });

  it('says when a submitted application has changed since its submission', async () => {
    const { client } = await loginAs(h, 'applicant');
    const app = (await client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    const full = demoApplicationContent('2027-03-01');
    const filled = (await client.patch(`/api/applications/${app.id}/autosave`, { version: app.version, content: full }).expect(200)).body;
    expect(filled).toMatchObject({ completeness: [], changedSinceSubmission: false });
    const submitted = (await client.post(`/api/applications/${app.id}/submit`, { version: filled.version }).expect(200)).body;
    const edited = (await client.patch(`/api/applications/${app.id}/autosave`, { version: submitted.version, content: { project: { title: 'A better title' } } }).expect(200)).body;
    expect(edited).toMatchObject({ status: 'submitted', changedSinceSubmission: true });
    const read = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(partsOf(edited)).toEqual(partsOf(read));
  });
});
