import { demoCallDraft } from '@grants/domain';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, startApi } from './harness';

/** Saving one field of a section keeps the section's other fields (the autosave sends only what changed). */
describe('applications: a partial save', () => {
  let h: Harness;
  let callId: string;

  beforeAll(async () => {
    h = await startApi();
    const officer = await loginAs(h, 'secretariat');
    const reference = 'MF-T-2026-91';
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'T', sq: 'T', sr: 'T' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), reference);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    callId = created.body.id;
  });
  afterAll(() => h.close());

  it('changes only the fields sent and keeps the rest of the section', async () => {
    const { client } = await loginAs(h, 'applicant');
    const app = (await client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    const full = demoApplicationContent('2027-03-01');
    const first = (await client.patch(`/api/applications/${app.id}`, { version: app.version, content: { project: full.project } }).expect(200)).body;
    const second = (await client.patch(`/api/applications/${app.id}`, { version: first.version, content: { project: { title: 'A new title' } } }).expect(200)).body;
    const stored = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(second.content.project.title).toBe('A new title');
    expect(stored.content.project).toEqual({ ...full.project, title: 'A new title' });
  });

  it('computes the requested amount from a whole budget (one round trip) and from a partial one (merged with the stored), replaces the workplan whole', async () => {
    const { client } = await loginAs(h, 'applicant');
    const app = (await client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    const full = demoApplicationContent('2027-03-01');
    const whole = (await client.patch(`/api/applications/${app.id}`, { version: app.version, content: { budget: full.budget, workplan: full.workplan } }).expect(200)).body;
    expect(whole.budget.requestedCents).toBe(4_161_900);
    expect(whole.version).toBe(app.version + 1);
    // a budget without its lines: the stored lines count, with the co-financing sent
    const partial = (await client.patch(`/api/applications/${app.id}`, { version: whole.version, content: { budget: { coFinancingCents: 400_000 } } }).expect(200)).body;
    expect(partial.content.budget.lines).toEqual(full.budget.lines);
    expect(partial.budget.requestedCents).toBe(whole.budget.totalCents - 400_000);
    const shorter = (await client.patch(`/api/applications/${app.id}`, { version: partial.version, content: { workplan: full.workplan.slice(0, 1) } }).expect(200)).body;
    const stored = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(stored).toMatchObject({ version: shorter.version, content: { workplan: full.workplan.slice(0, 1), budget: { coFinancingCents: 400_000 } } });
    expect(stored.budget).toEqual(shorter.budget);
    const [{ requested_cents }] = await h.ds.query(`SELECT requested_cents::text FROM applications WHERE id = $1`, [app.id]);
    expect(requested_cents).toBe(String(whole.budget.totalCents - 400_000));
    // a stale version writes nothing and says who saved
    const stale = await client.patch(`/api/applications/${app.id}`, { version: whole.version, content: { project: { title: 'late' } } }).expect(409);
    expect(stale.body.details[0]).toMatchObject({ field: 'content.project', code: 'version_conflict' });
  });
});
