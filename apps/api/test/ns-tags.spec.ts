import { demoCallDraft } from '@grants/domain';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, PASSWORD, startApi } from './harness';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Problem = { field: string; code: string };

/**
 * The National Strategy tag of a logframe's specific objective: saved with the draft, judged against the call's
 * priorities (III.2 and III.4 in the demo call, so a tag is asked for), frozen in the submission and copied into
 * the grant (its logframe and its first version), where the portfolio reads it.
 */
describe('applications: the National Strategy tag on the logframe', () => {
  let h: Harness;
  let officer: Login;
  let owner: Login;
  let callId: string;

  const tagProblems = (body: { completeness: Problem[] }) => body.completeness.filter((p) => p.field.endsWith('.nsObjective')).map((p) => `${p.field}:${p.code}`);

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    owner = await loginAs(h, 'applicant');
    await h.ds.query(`UPDATE organizations SET iban = 'XK051212012345678906' WHERE id = $1`, [owner.user.organizationId]);
    const reference = 'MF-NS-2026-01';
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'NS', sq: 'NS', sr: 'NS' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), reference);
    expect(definition.priorities.map((p) => p.nsObjective)).toEqual(['III.2', 'III.4']);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    callId = created.body.id;
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('asks for a tag within the call’s priorities, keeps it through saving, submission and the grant', async () => {
    const content = demoApplicationContent('2027-03-01');
    const [so] = content.logframe.specificObjectives;
    const app = (await owner.client.post(`/api/calls/${callId}/applications`).expect(201)).body;

    // untagged while the call has two priorities: the portfolio could not place it
    let r = (await owner.client.patch(`/api/applications/${app.id}`, { version: app.version, content: { ...content, logframe: { ...content.logframe, specificObjectives: [{ ...so, nsObjective: null }] } } }).expect(200)).body;
    expect(tagProblems(r)).toEqual(['logframe.specificObjectives.0.nsObjective:required']);
    const refused = await owner.client.post(`/api/applications/${app.id}/submit`, { version: r.version }).expect(400);
    expect(refused.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'logframe.specificObjectives.0.nsObjective', code: 'required' })]));

    // not a Strategy code; a code outside the call's priorities (early identification, III.1)
    r = (await owner.client.patch(`/api/applications/${app.id}`, { version: r.version, content: { logframe: { ...content.logframe, specificObjectives: [{ ...so, nsObjective: 'III.2.13' }] } } }).expect(200)).body;
    expect(tagProblems(r)).toEqual(['logframe.specificObjectives.0.nsObjective:unknown_ns_code']);
    r = (await owner.client.patch(`/api/applications/${app.id}`, { version: r.version, content: { logframe: { ...content.logframe, specificObjectives: [{ ...so, nsObjective: 'III.1.7' }] } } }).expect(200)).body;
    expect(tagProblems(r)).toEqual(['logframe.specificObjectives.0.nsObjective:outside_call_priorities']);

    // bad input is refused whole, naming the field, and nothing changes
    const bad = await owner.client.patch(`/api/applications/${app.id}`, { version: r.version, content: { logframe: { ...content.logframe, specificObjectives: [{ ...so, nsObjective: 42 }] } } }).expect(400);
    expect(bad.body.details.map((d: Problem) => d.field)).toEqual(expect.arrayContaining(['content.logframe.specificObjectives.0.nsObjective']));
    const long = await owner.client.patch(`/api/applications/${app.id}`, { version: r.version, content: { logframe: { ...content.logframe, specificObjectives: [{ ...so, nsObjective: 'III.2.4'.repeat(5) }] } } }).expect(400);
    expect(long.body.details.map((d: Problem) => d.field)).toEqual(expect.arrayContaining(['content.logframe.specificObjectives.0.nsObjective']));
    const unchanged = (await owner.client.get(`/api/applications/${app.id}`).expect(200)).body;
    expect(unchanged.version).toBe(r.version);
    expect(unchanged.content.logframe.specificObjectives[0].nsObjective).toBe('III.1.7');

    // an action-plan activity under III.2: complete, submitted, frozen with it
    r = (await owner.client.patch(`/api/applications/${app.id}`, { version: r.version, content: { logframe: { ...content.logframe, specificObjectives: [{ ...so, nsObjective: 'III.2.4' }] } } }).expect(200)).body;
    expect(tagProblems(r)).toEqual([]);
    expect(r.content.logframe.specificObjectives[0]).toMatchObject({ text: so.text, nsObjective: 'III.2.4' });
    const submitted = (await owner.client.post(`/api/applications/${app.id}/submit`, { version: r.version }).expect(200)).body;
    expect(submitted.status).toBe('submitted');
    const [frozen] = await h.ds.query(`SELECT snapshot FROM application_submissions WHERE application_id = $1 ORDER BY seq DESC LIMIT 1`, [app.id]);
    expect(frozen.snapshot.content.logframe.specificObjectives[0].nsObjective).toBe('III.2.4');

    // awarded and drawn up: the grant's logframe and its first version carry the tag
    const [decision] = await h.ds.query(
      `INSERT INTO award_decisions (call_id, seq, kind, committee_members, decided_on, envelope_cents, snapshot, sha256)
       VALUES ($1, 1, 'decision', '{Chair}', '2027-02-01', 13000000, '{}', repeat('a', 64)) RETURNING id`, [callId]);
    await h.ds.query(`UPDATE applications SET status = 'awarded' WHERE id = $1`, [app.id]);
    const [award] = await h.ds.query(
      `INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, $4, 'awarded') RETURNING id`,
      [callId, app.id, decision.id, submitted.budget.requestedCents]);
    const grant = (await officer.client.post(`/api/awards/${award.id}/grant`, {}).expect(201)).body;
    expect(grant.logframe.specificObjectives.map((o: { nsObjective?: string }) => o.nsObjective)).toEqual(['III.2.4']);
    const read = (await owner.client.get(`/api/grants/${grant.id}`).expect(200)).body;
    expect(read.logframe.specificObjectives[0].nsObjective).toBe('III.2.4');
    // sent, signed, countersigned: in force, its first version frozen with the tag
    await officer.client.post(`/api/grants/${grant.id}/send`).expect(200);
    const sha = (await owner.client.get(`/api/grants/${grant.id}`).expect(200)).body.agreement.sha256;
    await owner.client.post(`/api/grants/${grant.id}/sign`, { password: PASSWORD, signatoryName: 'Arta Krasniqi', signatoryFunction: 'Director', agreementSha256: sha }).expect(200);
    await officer.client.post(`/api/grants/${grant.id}/countersign`).expect(200);
    const versions = await h.ds.query(`SELECT snapshot FROM grant_versions WHERE grant_id = $1 ORDER BY version`, [grant.id]);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions[0].snapshot.logframe.specificObjectives[0].nsObjective).toBe('III.2.4');
  });

  it('lets a specific objective stay untagged when the call has a single priority (it counts under that one)', async () => {
    const single = await loginAs(h, 'applicant');
    const reference = 'MF-NS-2026-02';
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'NS', sq: 'NS', sr: 'NS' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), reference);
    definition.priorities = definition.priorities.slice(1); // III.4 only
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    const content = demoApplicationContent('2027-03-01');
    const [so] = content.logframe.specificObjectives;
    const app = (await single.client.post(`/api/calls/${created.body.id}/applications`).expect(201)).body;
    const untagged = { ...so } as Partial<typeof so>;
    delete untagged.nsObjective;
    let r = (await single.client.patch(`/api/applications/${app.id}`, { version: app.version, content: { ...content, logframe: { ...content.logframe, specificObjectives: [untagged] } } }).expect(200)).body;
    expect(tagProblems(r)).toEqual([]);
    expect(r.content.logframe.specificObjectives[0].nsObjective ?? null).toBeNull();
    // a tag under the other call's priority is outside this one's
    r = (await single.client.patch(`/api/applications/${app.id}`, { version: r.version, content: { logframe: { ...content.logframe, specificObjectives: [{ ...so, nsObjective: 'III.2.7' }] } } }).expect(200)).body;
    expect(r.completeness).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'logframe.specificObjectives.0.nsObjective', code: 'outside_call_priorities', params: { priorities: 'III.4' } })]));
    r = (await single.client.patch(`/api/applications/${app.id}`, { version: r.version, content: { logframe: { ...content.logframe, specificObjectives: [{ ...so, nsObjective: 'III.4.1' }] } } }).expect(200)).body;
    expect(tagProblems(r)).toEqual([]);
    await single.client.post(`/api/applications/${app.id}/submit`, { version: r.version }).expect(200);
  });
});
