import { Harness, loginAs, newUser, startApi } from './harness';

describe('notifications and preferences', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

  it('lists, marks read, and respects the delivery each user chose (what must be acted on always goes by e-mail)', async () => {
    const owner = await loginAs(h, 'applicant', { language: 'en' });
    const prefs = await owner.client.get('/api/users/me/notification-preferences').expect(200);
    expect(prefs.body.items.find((i: { kind: string }) => i.kind === 'organization.licence_expiring')).toMatchObject({ mustAct: true, delivery: 'immediate' });
    const set = await owner.client.put('/api/users/me/notification-preferences', {
      items: [{ kind: 'organization.document_uploaded', delivery: 'digest' }, { kind: 'organization.licence_expiring', delivery: 'in_app' }],
    }).expect(200);
    expect(set.body.items.find((i: { kind: string }) => i.kind === 'organization.licence_expiring').delivery).toBe('immediate');
    const bad = await owner.client.put('/api/users/me/notification-preferences', { items: [{ kind: 'nope', delivery: 'digest' }] }).expect(400);
    expect(bad.body.details[0].field).toBe('items.0.kind');

    // a member uploads a document: the owner gets it in-app and in tomorrow's digest, not by e-mail now
    const { email, password } = await newUser(h.ds, 'applicant', { organizationId: owner.user.organizationId!, orgRole: 'member' });
    const { Client } = await import('./harness');
    const member = await (await new Client(h.app).init()).login(email, password);
    await member.agent.post(`/api/organizations/${owner.user.organizationId}/documents`).set('x-csrf-token', member.csrf)
      .field('kind', 'other').attach('file', Buffer.from('%PDF-1.4 test'), 'plan.pdf').expect(201);
    const list = await owner.client.get('/api/notifications?unread=true').expect(200);
    expect(list.body.unreadCount).toBe(1);
    expect(list.body.items[0]).toMatchObject({ kind: 'organization.document_uploaded', title: 'Document uploaded', link: '/organization/documents' });
    const row = await h.ds.query(`SELECT email_delivery FROM notifications WHERE user_id = $1`, [owner.user.id]);
    expect(row[0].email_delivery).toBe('digest');
    const mails = await h.ds.query(`SELECT count(*)::int AS n FROM emails WHERE to_address = $1`, [owner.email]);
    expect(mails[0].n).toBe(0);

    await owner.client.post(`/api/notifications/${list.body.items[0].id}/read`).expect(204);
    expect((await owner.client.get('/api/notifications?unread=true')).body.unreadCount).toBe(0);
    // someone else's notification does not exist for you
    await member.post(`/api/notifications/${list.body.items[0].id}/read`).expect(404);
  });

  it('changes the language of the account, which the notifications follow', async () => {
    const u = await loginAs(h, 'applicant');
    const r = await u.client.patch('/api/users/me', { language: 'sr', script: 'cyrillic' }).expect(200);
    expect(r.body).toMatchObject({ language: 'sr', script: 'cyrillic' });
    await u.client.patch('/api/users/me', { language: 'fr' }).expect(400);
  });
});
