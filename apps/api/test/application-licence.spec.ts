import { demoCallDraft } from '@grants/domain';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, newOrganization, startApi } from './harness';
import { PDF } from './files';

/**
 * The licence number is asked once, in the organisation profile: an application carries the profile's, while it
 * can change it follows the profile, and a submission freezes it (issue 9, point 7).
 */
describe('applications: the licence number comes from the organisation profile', () => {
  let h: Harness;
  let callId: string;

  beforeAll(async () => {
    h = await startApi();
    const officer = await loginAs(h, 'secretariat');
    const reference = 'MF-LIC-2026-01';
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'L', sq: 'L', sr: 'L' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = { ...demoCallDraft(new Date().toISOString(), reference), requiredAttachments: [{ id: 'statute', title: { en: 'Statute', sq: 'Statuti', sr: 'Statut' } }] };
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    callId = created.body.id;
  });
  afterAll(() => h.close());

  async function applicantWithLicence(licenceNumber: string | null) {
    const org = await newOrganization(h.ds, { licenceNumber });
    return loginAs(h, 'applicant', { organizationId: org.id });
  }

  it("fills the draft in from the profile, keeps the profile's number whatever a save sends, and follows the profile", async () => {
    const { client, user } = await applicantWithLicence('MPMS-SH-2024-117');
    const app = (await client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    expect(app.content.capacity.licenceNumber).toBe('MPMS-SH-2024-117');
    expect(app.completeness.map((p: { field: string }) => p.field)).not.toContain('capacity.licenceNumber');

    // an old form sending the section back whole, with another number: the profile's stays
    const saved = (await client.patch(`/api/applications/${app.id}`, { version: app.version, content: { capacity: { experienceWithVoT: 'Since 2015.', staff: 'Six', licenceNumber: 'TYPED-AGAIN' } } }).expect(200)).body;
    expect(saved.content.capacity).toEqual({ experienceWithVoT: 'Since 2015.', staff: 'Six', licenceNumber: 'MPMS-SH-2024-117' });

    // the profile changes: the draft shows the new number
    const org = (await client.get('/api/organizations/mine').expect(200)).body;
    await client.patch(`/api/organizations/${org.id}`, { version: org.version, licenceNumber: 'MPMS-SH-2026-009' }).expect(200);
    const after = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(after.content.capacity.licenceNumber).toBe('MPMS-SH-2026-009');
    expect(user.organizationId).toBe(org.id);
  });

  it('lists a licence missing from the profile as what is missing, and a submission freezes the number', async () => {
    const { client } = await applicantWithLicence(null);
    const app = (await client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    const saved = (await client.patch(`/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01') }).expect(200)).body;
    const withFile = (await client.agent.post(`/api/applications/${app.id}/attachments`).set('x-csrf-token', client.csrf)
      .field('requirementId', 'statute').attach('file', PDF, 'statute.pdf').expect(201)).body;
    // the demo content carries a licence number of its own: it does not count
    expect(withFile.completeness).toEqual([{ section: 'capacity', field: 'capacity.licenceNumber', code: 'required' }]);
    const refused = await client.post(`/api/applications/${app.id}/submit`, { version: withFile.version ?? saved.version }).expect(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['capacity.licenceNumber']);

    const org = (await client.get('/api/organizations/mine').expect(200)).body;
    await client.patch(`/api/organizations/${org.id}`, { version: org.version, licenceNumber: 'MPMS-NEW-001' }).expect(200);
    const ready = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(ready.completeness).toEqual([]);
    const sub = (await client.post(`/api/applications/${app.id}/submit`, { version: ready.version }).expect(200)).body;
    expect(sub.content.capacity.licenceNumber).toBe('MPMS-NEW-001');
    const [snapshot] = await h.ds.query(`SELECT snapshot->'content'->'capacity'->>'licenceNumber' AS licence, content->'capacity'->>'licenceNumber' AS stored FROM application_submissions s JOIN applications a ON a.id = s.application_id WHERE s.application_id = $1`, [app.id]);
    expect(snapshot).toEqual({ licence: 'MPMS-NEW-001', stored: 'MPMS-NEW-001' });
    expect(sub.changedSinceSubmission).toBe(false);

    // the profile changes after the submission: the application now differs from what was submitted
    const org2 = (await client.get('/api/organizations/mine').expect(200)).body;
    await client.patch(`/api/organizations/${org2.id}`, { version: org2.version, licenceNumber: 'MPMS-NEWER-002' }).expect(200);
    const changed = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(changed).toMatchObject({ changedSinceSubmission: true, content: { capacity: { licenceNumber: 'MPMS-NEWER-002' } } });
  });
});
