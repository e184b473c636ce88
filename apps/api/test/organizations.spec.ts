import { createHash } from 'node:crypto';
import { Client, Harness, lastLinkTo, loginAs, newUser, snapshotCounts, startApi, tokenOf } from './harness';
import { EXE, PDF } from './files';

describe('organisation profile, members and documents', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

  it('saves the profile, normalises the IBAN and warns about a licence that expires soon', async () => {
    const { client, user } = await loginAs(h, 'applicant');
    const org = (await client.get('/api/organizations/mine').expect(200)).body;
    const soon = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10);
    const r = await client.patch(`/api/organizations/${org.id}`, {
      version: org.version, iban: 'xk05 1212 0123 4567 8906', licenceNumber: 'LIC-1', licenceExpiry: soon,
      website: 'shpresa.example.org', description: 'Shelter and counselling',
    }).expect(200);
    expect(r.body).toMatchObject({ iban: 'XK051212012345678906', website: 'https://shpresa.example.org', version: org.version + 1, licence: { status: 'expiring' } });
    const audit = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'organization.updated' AND entity_id = $1`, [user.organizationId]);
    expect(audit[0].summary).toContain('iban');
  });

  it('rejects a bad IBAN, date or unknown field with the field named and changes nothing', async () => {
    const { client } = await loginAs(h, 'applicant');
    const org = (await client.get('/api/organizations/mine').expect(200)).body;
    const before = await snapshotCounts(h.ds);
    const bad: [object, string, string][] = [
      [{ iban: 'XK051212012345678907' }, 'iban', 'iban'],
      [{ licenceExpiry: '31/12/2027' }, 'licenceExpiry', 'date'],
      [{ municipality: 'belgrade' }, 'municipality', 'enum'],
      [{ email: 'nope' }, 'email', 'email'],
      [{ role: 'secretariat' }, 'role', 'unknown_field'],
    ];
    for (const [patch, field, code] of bad) {
      const r = await client.patch(`/api/organizations/${org.id}`, { version: org.version, ...patch }).expect(400);
      expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    expect(await snapshotCounts(h.ds)).toEqual(before);
  });

  it('tells the second of two members editing at once what changed, instead of overwriting', async () => {
    const owner = await loginAs(h, 'applicant');
    const member = await loginAs(h, 'applicant', { organizationId: owner.user.organizationId!, orgRole: 'member' });
    const org = (await owner.client.get('/api/organizations/mine').expect(200)).body;
    await owner.client.patch(`/api/organizations/${org.id}`, { version: org.version, phone: '+383 44 111 222' }).expect(200);
    const r = await member.client.patch(`/api/organizations/${org.id}`, { version: org.version, phone: '+383 49 999 888' }).expect(409);
    expect(r.body.details[0]).toMatchObject({ field: 'phone', code: 'version_conflict' });
    expect(r.body.details[0].message).toContain('+383 44 111 222');
    const now = (await member.client.get('/api/organizations/mine')).body;
    expect(now.phone).toBe('+383 44 111 222');
  });

  it('hides another organisation: 404, never 403', async () => {
    const a = await loginAs(h, 'applicant');
    const b = await loginAs(h, 'applicant');
    const orgB = b.user.organizationId!;
    await a.client.get(`/api/organizations/${orgB}`).expect(404);
    await a.client.patch(`/api/organizations/${orgB}`, { version: 1, phone: '+383 44 000 000' }).expect(404);
    await a.client.get(`/api/organizations/${orgB}/members`).expect(404);
    await a.client.get(`/api/organizations/${orgB}/documents`).expect(404);
    // the Secretariat reads any organisation
    const officer = await loginAs(h, 'secretariat');
    await officer.client.get(`/api/organizations/${orgB}`).expect(200);
    await officer.client.patch(`/api/organizations/${orgB}`, { version: 1, phone: '+383 44 000 000' }).expect(404);
  });

  it('uploads documents checked by content, with SHA-256, downloadable only by those who may see them', async () => {
    const a = await loginAs(h, 'applicant');
    const orgId = a.user.organizationId!;
    const up = await a.client.agent.post(`/api/organizations/${orgId}/documents`).set('x-csrf-token', a.client.csrf)
      .field('kind', 'statute').attach('file', PDF, 'statuti.pdf').expect(201);
    expect(up.body).toMatchObject({ kind: 'statute', fileName: 'statuti.pdf', mimeType: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });

    const disguised = await a.client.agent.post(`/api/organizations/${orgId}/documents`).set('x-csrf-token', a.client.csrf)
      .field('kind', 'licence').attach('file', EXE, 'licence.pdf').expect(400);
    expect(disguised.body.details[0]).toMatchObject({ field: 'file', code: 'file_type' });
    const badKind = await a.client.agent.post(`/api/organizations/${orgId}/documents`).set('x-csrf-token', a.client.csrf)
      .field('kind', 'passport').attach('file', PDF, 'x.pdf').expect(400);
    expect(badKind.body.details[0]).toMatchObject({ field: 'kind', code: 'enum' });

    const dl = await a.client.get(`/api/files/${up.body.fileId}/download`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(dl.body as Buffer, PDF)).toBe(0);
    const other = await loginAs(h, 'applicant');
    await other.client.get(`/api/files/${up.body.fileId}/download`).expect(404);
    const evaluator = await loginAs(h, 'evaluator');
    await evaluator.client.get(`/api/files/${up.body.fileId}/download`).expect(404);

    const list = await a.client.get(`/api/organizations/${orgId}/documents`).expect(200);
    expect(list.body).toHaveLength(1);
    await a.client.delete(`/api/organizations/${orgId}/documents/${up.body.id}`).expect(204);
    expect((await a.client.get(`/api/organizations/${orgId}/documents`)).body).toHaveLength(0);
  });

  it('lets the owner invite a member, who joins by the e-mailed link; a member may not invite', async () => {
    const owner = await loginAs(h, 'applicant', { language: 'sq' });
    const orgId = owner.user.organizationId!;
    await owner.client.post(`/api/organizations/${orgId}/invitations`, { email: 'new.member@cso.org', language: 'sr' }).expect(201);
    const mail = await h.ds.query(`SELECT subject FROM emails WHERE to_address = 'new.member@cso.org'`);
    expect(mail[0].subject).toMatch(/^Pridružite se organizaciji/);
    const link = await lastLinkTo(h.ds, 'new.member@cso.org');
    const c = await new Client(h.app).init();
    const info = await c.get(`/api/auth/invitations/${tokenOf(link)}`).expect(200);
    expect(info.body).toMatchObject({ email: 'new.member@cso.org', role: 'applicant' });
    const accepted = await c.post('/api/auth/accept-invitation', { token: tokenOf(link), fullName: 'Novi Član', password: 'another-long-passphrase', language: 'sr' }).expect(200);
    c.csrf = accepted.body.csrfToken;
    expect(accepted.body.user).toMatchObject({ orgRole: 'member', organizationId: orgId });
    const members = await owner.client.get(`/api/organizations/${orgId}/members`).expect(200);
    expect(members.body.members.map((m: { email: string }) => m.email)).toContain('new.member@cso.org');
    // the owner was notified, in the owner's language
    const notes = await owner.client.get('/api/notifications').expect(200);
    expect(notes.body.items[0]).toMatchObject({ kind: 'organization.member_joined', title: 'Anëtar i ri' });
    // the member may not invite others
    await c.post(`/api/organizations/${orgId}/invitations`, { email: 'x@cso.org', language: 'en' }).expect(404);
    await c.post('/api/auth/accept-invitation', { token: tokenOf(link), fullName: 'X', password: 'another-long-passphrase', language: 'sr' }).expect(400);
  });

  it('keeps the last owner', async () => {
    const owner = await loginAs(h, 'applicant');
    const r = await owner.client.delete(`/api/organizations/${owner.user.organizationId}/members/${owner.user.id}`).expect(400);
    expect(r.body.details[0].code).toBe('last_owner');
    const { user: member } = await newUser(h.ds, 'applicant', { organizationId: owner.user.organizationId!, orgRole: 'member' });
    await owner.client.delete(`/api/organizations/${owner.user.organizationId}/members/${member.id}`).expect(204);
  });
});
