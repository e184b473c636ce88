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
});
