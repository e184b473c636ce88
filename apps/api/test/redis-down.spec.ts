import { demoCallDraft } from '@grants/domain';
import { Harness, loginAs, startApi } from './harness';

/**
 * With Redis unreachable (and no worker running), what the API acknowledges is kept: the change, its audit row,
 * the notices and the e-mails to send, and the outbox rows the worker will relay once the queue is back.
 */
describe('the API with Redis down', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi({ REDIS_URL: 'redis://127.0.0.1:6399' })));
  afterAll(() => h.close());

  it('says the queue is down, and still keeps a cancelled info session with every notice it owes', async () => {
    const health = await (await loginAs(h, 'secretariat')).client.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ db: 'up', queue: 'down' });

    const officer = await loginAs(h, 'secretariat');
    const created = (await officer.client.post('/api/calls', { reference: 'MF-C3-2026-31', title: { en: 'T', sq: 'T', sr: 'T' } }).expect(201)).body;
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString());
    const saved = (await officer.client.patch(`/api/calls/${created.id}`, { definition, version: created.version }).expect(200)).body;
    await officer.client.post(`/api/calls/${created.id}/publish`, { version: saved.version }).expect(200);
    const startsAt = new Date(Date.now() + 4 * 86400_000).toISOString();
    const sid = (await officer.client.post(`/api/calls/${created.id}/info-sessions`, { startsAt, place: 'Gjakovë', capacity: 10 }).expect(201)).body[0].id;
    const cso = await loginAs(h, 'applicant', { language: 'sr' });
    await cso.client.post(`/api/calls/${created.id}/info-sessions/${sid}/registration`, { attendees: 2 }).expect(200);

    await officer.client.post(`/api/calls/${created.id}/info-sessions/${sid}/cancel`, { reason: 'The venue is closed' }).expect(200);

    expect(await h.ds.query(`SELECT status FROM info_sessions WHERE id = $1`, [sid])).toEqual([{ status: 'cancelled' }]);
    expect(await h.ds.query(`SELECT 1 FROM audit_log WHERE action = 'call.info_session_cancelled'`)).toHaveLength(1);
    expect((await cso.client.get('/api/notifications').expect(200)).body.items.map((n: { kind: string }) => n.kind)).toContain('call.info_session_cancelled');
    const [mail] = await h.ds.query(`SELECT id, status FROM emails WHERE to_address = $1 AND text_body LIKE '%The venue is closed%'`, [cso.email]);
    expect(mail).toMatchObject({ status: 'pending' });
    const relay = await h.ds.query(`SELECT relayed_at FROM outbox WHERE job_name = 'email.send' AND payload->>'emailId' = $1`, [mail.id]);
    expect(relay).toEqual([{ relayed_at: null }]);
  });
});
