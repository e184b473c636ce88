import { demoCallDraft, reminderInstants } from '@grants/domain';
import type { Queue } from 'bullmq';
import { jobIds } from '../src/jobs/job-names';
import { QUEUE } from '../src/modules/queue/queue.module';
import { OutboxRelay } from '../src/worker/outbox-relay';
import { Client, Harness, loginAs, newOrganization, newUser, startApi } from './harness';

/**
 * A queue that lost its data (Redis restarted without persistence, a failover): the worker's relay rebuilds from the
 * database what it should hold — a published call's closing job and coming reminders, an e-mail still pending — under the same job ids,
 * and adds nothing while the queue still has them. (The fault suite's Redis drill, FAULTS_REDIS_DATA=lost, shows it
 * end to end.)
 */
const NOTHING = { emails: 0, calls: 0, evaluations: 0, infoSessions: 0 };
const DAY = 86_400_000;

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
    expect(await relay.sweep(true)).toEqual(NOTHING);

    // the queue loses its jobs; the database still says the call is published and the e-mail pending
    for (const id of [closing, jobIds.email(emailId), ...reminders.map((r) => r.id)]) await (await queue.getJob(id))?.remove();
    expect(await queue.getJob(closing)).toBeUndefined();
    expect(await relay.sweep(true)).toEqual({ ...NOTHING, emails: 1, calls: 1 + reminders.length });
    const again = (await queue.getJob(closing))!;
    expect(again.name).toBe('call.close');
    expect(again.data).toEqual({ callId: created.id, deadline });
    expect(again.opts.delay).toBeGreaterThan(0); // due at the deadline, not now
    const reminder = (await queue.getJob(reminders[0]!.id))!;
    expect(reminder.name).toBe('application.reminders');
    expect(reminder.data).toEqual({ callId: created.id, key: reminders[0]!.key, deadline });
    expect((await queue.getJob(jobIds.email(emailId)))?.data).toEqual({ emailId });
    expect(await relay.sweep(true)).toEqual(NOTHING);

    // a closed call is not reopened, a sent e-mail not sent again
    await h.ds.query(`UPDATE emails SET status = 'sent'`);
    await h.ds.query(`UPDATE calls SET status = 'closed' WHERE id = $1`, [created.id]); // a fixture
    for (const id of [closing, jobIds.email(emailId)]) await (await queue.getJob(id))?.remove();
    expect(await relay.sweep(true)).toEqual(NOTHING);
  });

  it("offers an evaluation's coming reminders and escalation and an info session's reminder again, once, and nothing done or cancelled", async () => {
    const officer = await loginAs(h, 'secretariat');
    const call = (await officer.client.post('/api/calls', { reference: 'MF-C3-2026-42', title: { en: 'T', sq: 'T', sr: 'T' } }).expect(201)).body;
    const startsAt = new Date(Date.now() + 5 * DAY).toISOString();
    const sessions = (await officer.client.post(`/api/calls/${call.id}/info-sessions`, { startsAt, place: 'Prishtina, PVPT office', capacity: 20 }).expect(201)).body;
    const later = (await officer.client.post(`/api/calls/${call.id}/info-sessions`, { startsAt: new Date(Date.now() + 6 * DAY).toISOString(), place: 'Prizren', capacity: 20 }).expect(201)).body;
    const session = sessions.find((s: { startsAt: string }) => s.startsAt === startsAt);
    const cancelled = later.find((s: { id: string }) => s.id !== session.id);
    await h.ds.query(`UPDATE info_sessions SET status = 'cancelled', cancelled_at = now(), cancel_reason = 'the room is not free' WHERE id = $1`, [cancelled.id]); // a fixture
    // two sheets of the call's evaluation: one open (due in 10 days), one submitted (its own due date)
    const org = await newOrganization(h.ds);
    const [a, b] = [await newUser(h.ds, 'evaluator'), await newUser(h.ds, 'evaluator')];
    const [{ id: appId }] = await h.ds.query(`INSERT INTO applications (call_id, organization_id) VALUES ($1, $2) RETURNING id`, [call.id, org.id]);
    const due = new Date(Math.floor((Date.now() + 10 * DAY) / 1000) * 1000);
    const doneDue = new Date(due.getTime() + DAY);
    await h.ds.query(
      `INSERT INTO evaluation_assignments (call_id, application_id, evaluator_id, origin, due_at, status) VALUES ($1, $2, $3, 'automatic', $4, 'accepted'), ($1, $2, $5, 'automatic', $6, 'submitted')`,
      [call.id, appId, a.user.id, due, b.user.id, doneDue],
    );
    while ((await relay.relayOnce()) > 0);
    const ids = {
      reminder3: jobIds.evaluationReminder(call.id, due.getTime(), 3), reminder1: jobIds.evaluationReminder(call.id, due.getTime(), 1),
      overdue: jobIds.evaluationOverdue(call.id, due.getTime()), session: jobIds.infoSessionReminder(session.id),
    };
    // the info session's reminder went through the outbox; the evaluation's jobs are made from the fixture's rows
    expect(await queue.getJob(ids.session)).toBeTruthy();
    expect(await relay.sweep(true)).toEqual({ ...NOTHING, evaluations: 3 });
    expect(await relay.sweep(true)).toEqual(NOTHING);

    // the queue loses them
    for (const id of [...Object.values(ids), jobIds.infoSessionReminder(cancelled.id)]) await (await queue.getJob(id))?.remove();
    expect(await relay.sweep(true)).toEqual({ ...NOTHING, evaluations: 3, infoSessions: 1 });
    const r3 = (await queue.getJob(ids.reminder3))!;
    expect([r3.name, r3.data]).toEqual(['evaluation.reminder', { callId: call.id, dueAt: due.toISOString(), days: 3 }]);
    expect(r3.opts.delay).toBeGreaterThan(6 * DAY); // 3 days before the due date, not now
    expect((await queue.getJob(ids.reminder1))!.data).toEqual({ callId: call.id, dueAt: due.toISOString(), days: 1 });
    const overdue = (await queue.getJob(ids.overdue))!;
    expect([overdue.name, overdue.data]).toEqual(['evaluation.overdue', { callId: call.id, dueAt: due.toISOString() }]);
    expect(overdue.opts.delay).toBeGreaterThan(9 * DAY);
    const reminder = (await queue.getJob(ids.session))!;
    expect([reminder.name, reminder.data]).toEqual(['info_session.reminder', { sessionId: session.id, startsAt }]);
    expect(reminder.opts.delay).toBeGreaterThan(3 * DAY);
    // the submitted sheet's due date and the cancelled session get nothing
    expect(await queue.getJob(jobIds.evaluationOverdue(call.id, doneDue.getTime()))).toBeUndefined();
    expect(await queue.getJob(jobIds.infoSessionReminder(cancelled.id))).toBeUndefined();
    expect(await relay.sweep(true)).toEqual(NOTHING);
  });
});
