import { demoCallDraft, reminderInstants } from '@grants/domain';
import type { Queue } from 'bullmq';
import { jobIds } from '../src/jobs/job-names';
import { QUEUE } from '../src/modules/queue/queue.module';
import { OutboxRelay } from '../src/worker/outbox-relay';
import { Client, Harness, loginAs, startApi } from './harness';

/**
 * A queue that lost its data (Redis restarted without persistence, a failover): the worker's relay rebuilds from the
 * database what it should hold — a published call's closing job and coming reminders, an e-mail still pending — under the same job ids,
 * and adds nothing while the queue still has them. (The fault suite's Redis drill, FAULTS_REDIS_DATA=lost, shows it
 * end to end.)
 */
describe('the queue rebuilt from the database after it lost its data', () => {
  let h: Harness;
  let queue: Queue;
  let relay: OutboxRelay;
  beforeAll(async () => {
    h = await startApi();
    queue = h.app.get<Queue>(QUEUE);
    relay = new OutboxRelay(h.ds, queue);
  });
  afterAll(() => h.close());

  it("offers a published call's closing job and coming reminders and a pending e-mail again, once", async () => {
    const officer = await loginAs(h, 'secretariat');
    const created = (await officer.client.post('/api/calls', { reference: 'MF-C3-2026-41', title: { en: 'T', sq: 'T', sr: 'T' } }).expect(201)).body;
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString());
    const saved = (await officer.client.patch(`/api/calls/${created.id}`, { definition, version: created.version }).expect(200)).body;
    await officer.client.post(`/api/calls/${created.id}/publish`, { version: saved.version }).expect(200);
    const visitor = await new Client(h.app).init();
    await visitor.post('/api/auth/register', {
      email: 'lost@zeri.org', password: 'a-long-enough-passphrase', fullName: 'Arben Krasniqi', language: 'sq',
      organization: { legalName: 'Zëri i Grave', registrationNumber: 'R-lost', municipality: 'gjakova' },
    }).expect(201);
    while ((await relay.relayOnce()) > 0);
    expect(await h.ds.query(`SELECT 1 FROM outbox WHERE relayed_at IS NULL`)).toEqual([]);

    const [{ deadline }] = await h.ds.query(`SELECT definition #>> '{dates,submissionDeadlineAt}' AS deadline FROM calls WHERE id = $1`, [created.id]);
    const closing = jobIds.callClose(created.id, new Date(deadline).getTime());
    const reminders = reminderInstants(deadline).filter((r) => new Date(r.at) > new Date()).map((r) => ({ key: r.key, id: jobIds.reminder(created.id, r.key, new Date(deadline).getTime()) }));
    expect(reminders.length).toBeGreaterThan(0);
    const [{ id: emailId }] = await h.ds.query(`SELECT id FROM emails WHERE to_address = 'lost@zeri.org'`);
    expect(await queue.getJob(closing)).toBeTruthy();
    // the queue still has everything: nothing to add
    await h.ds.query(`UPDATE emails SET created_at = now() - interval '2 minutes'`);
    expect(await relay.sweep(true)).toEqual({ emails: 0, calls: 0 });

    // the queue loses its jobs; the database still says the call is published and the e-mail pending
    for (const id of [closing, jobIds.email(emailId), ...reminders.map((r) => r.id)]) await (await queue.getJob(id))?.remove();
    expect(await queue.getJob(closing)).toBeUndefined();
    expect(await relay.sweep(true)).toEqual({ emails: 1, calls: 1 + reminders.length });
    const again = (await queue.getJob(closing))!;
    expect(again.name).toBe('call.close');
    expect(again.data).toEqual({ callId: created.id, deadline });
    expect(again.opts.delay).toBeGreaterThan(0); // due at the deadline, not now
    const reminder = (await queue.getJob(reminders[0]!.id))!;
    expect(reminder.name).toBe('application.reminders');
    expect(reminder.data).toEqual({ callId: created.id, key: reminders[0]!.key, deadline });
    expect((await queue.getJob(jobIds.email(emailId)))?.data).toEqual({ emailId });
    expect(await relay.sweep(true)).toEqual({ emails: 0, calls: 0 });

    // a closed call is not reopened, a sent e-mail not sent again
    await h.ds.query(`UPDATE emails SET status = 'sent'`);
    await h.ds.query(`UPDATE calls SET status = 'closed' WHERE id = $1`, [created.id]); // a fixture
    for (const id of [closing, jobIds.email(emailId)]) await (await queue.getJob(id))?.remove();
    expect(await relay.sweep(true)).toEqual({ emails: 0, calls: 0 });
  });
});
