import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { addDays, toKosovoLocal } from '@grants/domain';
import type { Queue } from 'bullmq';
import { MonitoringReminderHandler } from '../src/modules/monitoring/jobs/monitoring-reminder.job';
import { parseMonitoringReminderKey } from '../src/modules/monitoring/jobs/monitoring-reminder-keys';
import { MonitoringRemindersPlanner } from '../src/modules/monitoring/jobs/monitoring-reminders.planner';
import { QUEUE } from '../src/modules/queue/queue.module';
import { OutboxRelay } from '../src/worker/outbox-relay';
import { WorkerModule, WorkerRunner } from '../src/worker/worker.module';
import { Harness, loginAs, newUser, startApi } from './harness';
import { testCall } from './monitoring-factory';
import { waitFor } from './smtp-sink';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Told = { dedupe_key: string; params: Record<string, unknown>; link: string };

/** A date `days` from today, Kosovo calendar. */
const dayFromToday = (days: number) => addDays(toKosovoLocal(new Date()).date, days);

/**
 * The worker's monitoring reminders on the real database and Redis: a live action point waiting on its owner is
 * reminded before and after its due date (a high-priority one escalated to the Secretariat), once each even when
 * a job runs twice, and no more once answered; an announced visit reminds the organisation two days ahead, an
 * unannounced one never, a moved one only for its new date; PostgreSQL keeps what Redis loses.
 */
describe('worker: monitoring reminders', () => {
  let h: Harness;
  let worker: INestApplicationContext;
  let officer: Login;
  let callId: string;
  let decisionId: string;
  let seq = 0;
  const planner = () => worker.get(MonitoringRemindersPlanner);
  const handler = () => worker.get(MonitoringReminderHandler);
  const queue = () => worker.get<Queue>(QUEUE);
  const told = async (userId: string, kind: string): Promise<Told[]> =>
    h.ds.query(`SELECT dedupe_key, params, link FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at`, [userId, kind]);
  const toldAbout = async (key: string): Promise<{ user_id: string; kind: string }[]> =>
    h.ds.query(`SELECT user_id, kind FROM notifications WHERE dedupe_key LIKE $1 ORDER BY user_id`, [`${key}:%`]);
  /** 'sent', 'not_needed', null while pending, 'absent' when never planned. */
  const outcome = async (key: string): Promise<string | null> => {
    const [row] = await h.ds.query(`SELECT outcome FROM grant_reminders WHERE key = $1`, [key]);
    return row ? row.outcome : 'absent';
  };
  /** The clock moved on: the reminder is due now. */
  const makeDue = (key: string) => h.ds.query(`UPDATE grant_reminders SET run_at = now() WHERE key = $1`, [key]);
  const plannedFor = async (id: string) => (await planner().planOnce()).filter((r) => r.key.includes(id)).map((r) => r.key);

  /** A grant in force of a new organisation (an owner speaking `language` and a member speaking Albanian), with a monitor. */
  async function newGrant(language: 'en' | 'sq' | 'sr' = 'en') {
    const owner = await newUser(h.ds, 'applicant', { language });
    const orgId = owner.user.organizationId!;
    const member = await newUser(h.ds, 'applicant', { organizationId: orgId, orgRole: 'member', language: 'sq' });
    const monitor = await newUser(h.ds, 'monitor');
    seq += 1;
    const [app] = await h.ds.query(`INSERT INTO applications (call_id, organization_id) VALUES ($1, $2) RETURNING id`, [callId, orgId]);
    const [award] = await h.ds.query(
      `INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, 4000000, 'awarded') RETURNING id`, [callId, app.id, decisionId]);
    const agreementNumber = `MF-MW-2026-01-${String(seq).padStart(3, '0')}`;
    const [g] = await h.ds.query(
      `INSERT INTO grants (award_id, call_id, organization_id, amount_cents, agreement_number, call_seq, status, countersigned_at, monitor_id)
       VALUES ($1, $2, $3, 4000000, $4, $5, 'in_force', now(), $6) RETURNING id`, [award.id, callId, orgId, agreementNumber, seq, monitor.user.id]);
    const [org] = await h.ds.query(`SELECT legal_name FROM organizations WHERE id = $1`, [orgId]);
    return { grantId: g.id as string, agreementNumber, organization: org.legal_name as string, owner: owner.user, member: member.user, monitor: monitor.user };
  }
  type Grant = Awaited<ReturnType<typeof newGrant>>;

  /** A visit of the grant's monitor with its report (a draft, or shared: frozen with a hash). */
  async function newVisit(g: Grant, type: 'planned' | 'follow_up' | 'unannounced', date: string, report: 'draft' | 'shared' = 'draft') {
    const [v] = await h.ds.query(
      `INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by) VALUES ($1, $2, $3, $4, 'Check the shelter', $2) RETURNING id`,
      [g.grantId, g.monitor.id, type, date]);
    const [r] = report === 'shared'
      ? await h.ds.query(`INSERT INTO visit_reports (visit_id, grant_id, status, sha256, shared_at, shared_by) VALUES ($1, $2, 'shared', repeat('a', 64), now(), $3) RETURNING id`,
        [v.id, g.grantId, g.monitor.id])
      : await h.ds.query(`INSERT INTO visit_reports (visit_id, grant_id) VALUES ($1, $2) RETURNING id`, [v.id, g.grantId]);
    return { visitId: v.id as string, reportId: r.id as string };
  }

  /** An action point of a shared report (live unless told otherwise). */
  async function newPoint(g: Grant, reportId: string, set: { seq: number; dueDate: string; priority?: 'low' | 'medium' | 'high'; owner?: 'organisation' | 'secretariat'; status?: string; live?: boolean }) {
    const [p] = await h.ds.query(
      `INSERT INTO action_points (report_id, grant_id, seq, what, owner, priority, due_date, status, live, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [reportId, g.grantId, set.seq, `Post the shelter's house rules (${set.seq})`, set.owner ?? 'organisation', set.priority ?? 'medium', set.dueDate,
        set.status ?? 'open', set.live ?? true, g.monitor.id]);
    return p.id as string;
  }

  /** A grant with a shared report of a past visit, ready for action points. */
  async function reported() {
    const g = await newGrant();
    const { reportId } = await newVisit(g, 'planned', dayFromToday(-14), 'shared');
    return { g, reportId };
  }

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    ({ callId, decisionId } = await testCall(h.ds, officer.client, 'MF-MW-2026-01'));
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  });
  afterAll(async () => {
    await worker.close();
    await h.close();
  });

  it('plans a live point’s reminders with deterministic keys, and sends its A-7d once to the organisation’s members even when the job runs twice', async () => {
    const { g, reportId } = await reported();
    const due = dayFromToday(7);
    const pointId = await newPoint(g, reportId, { seq: 1, dueDate: due });
    // a point of a report not shared yet is not live: nothing is planned for it
    const draft = await newVisit(g, 'planned', dayFromToday(-3));
    const hidden = await newPoint(g, draft.reportId, { seq: 1, dueDate: due, live: false });

    const added = await plannedFor(pointId);
    const key = (k: string) => `action_point.${pointId}.${due}.0.${k}`;
    expect(added).toEqual(['A-7d', 'A0', 'A+1d', 'A+7d'].map(key)); // medium priority: no escalation
    expect(parseMonitoringReminderKey(added[0]!)).toEqual({ subject: 'action_point', actionPointId: pointId, dueDate: due, round: 0, reminder: 'A-7d' });
    expect(await plannedFor(pointId)).toEqual([]); // planning twice adds nothing
    expect(await plannedFor(hidden)).toEqual([]);
    expect(await h.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'monitoring.reminder' AND job_id LIKE $1`, [`action_point.${pointId}.%`])).toEqual([{ n: 4 }]);
    expect(await h.ds.query(`SELECT DISTINCT subject, grant_id FROM grant_reminders WHERE key LIKE $1`, [`action_point.${pointId}.%`])).toEqual([{ subject: 'action_point', grant_id: g.grantId }]);

    // not due yet (A0 is a week ahead): the job fails, to be retried, and tells nobody
    await expect(handler().handle({ key: key('A0') })).rejects.toThrow(/not due/);
    await makeDue(key('A-7d'));
    await handler().handle({ key: key('A-7d') });
    await handler().handle({ key: key('A-7d') });
    expect(await outcome(key('A-7d'))).toBe('sent');
    const params = { agreementNumber: g.agreementNumber, organization: g.organization, seq: 1, what: "Post the shelter's house rules (1)", date: due };
    for (const u of [g.owner, g.member]) {
      expect(await told(u.id, 'action_point.due_soon')).toEqual([{ dedupe_key: `${key('A-7d')}:${u.id}`, params, link: `/action-points/${pointId}` }]);
    }
    // to the owner, the organisation: neither the Secretariat nor the monitor hears of it
    expect((await toldAbout(key('A-7d'))).map((n) => n.user_id).sort()).toEqual([g.owner.id, g.member.id].sort());
    // in the readers' languages, once each
    expect(await h.ds.query(`SELECT subject FROM emails WHERE to_address = $1`, [g.member.email])).toEqual([{ subject: 'Një pikë veprimi me afat pas një jave' }]);
  });

  it('reminds the Secretariat of the points it owns, on the due day', async () => {
    const { g, reportId } = await reported();
    const due = dayFromToday(0);
    const pointId = await newPoint(g, reportId, { seq: 1, dueDate: due, owner: 'secretariat', priority: 'low' });
    const added = await plannedFor(pointId);
    const a0 = `action_point.${pointId}.${due}.0.A0`;
    expect(added).toContain(a0);
    await makeDue(a0);
    await handler().handle({ key: a0 });
    expect((await told(officer.user.id, 'action_point.due_today')).map((n) => n.params)).toEqual([
      { agreementNumber: g.agreementNumber, organization: g.organization, seq: 1, what: "Post the shelter's house rules (1)", date: due },
    ]);
    expect(await told(g.owner.id, 'action_point.due_today')).toEqual([]);
  });

  it('once a point is answered its pending reminders become not_needed; reopened or given a new due date, it gets new keys and the old ones send nothing', async () => {
    const { g, reportId } = await reported();
    const due = dayFromToday(10);
    const pointId = await newPoint(g, reportId, { seq: 1, dueDate: due, priority: 'high' });
    const first = await plannedFor(pointId);
    expect(first.map((k) => k.split('.').pop())).toEqual(['A-7d', 'A0', 'A+1d', 'A+7d', 'A+1d-esc']);

    // the organisation answers: every pending reminder, run when due, finds nothing to do
    await h.ds.query(`UPDATE action_points SET status = 'answered', answer = 'Posted', answered_at = now(), answered_by = $2, version = version + 1 WHERE id = $1`, [pointId, g.owner.id]);
    expect(await plannedFor(pointId)).toEqual([]); // nor is anything planned while it waits on the monitor
    for (const k of first) {
      await makeDue(k);
      await handler().handle({ key: k });
      expect(await outcome(k)).toBe('not_needed');
      expect(await toldAbout(k)).toEqual([]);
    }

    // the monitor reopens it: a new round, new keys, planned again
    await h.ds.query(`INSERT INTO action_point_events (action_point_id, kind, body, by_user) VALUES ($1, 'reopen', 'The rules are not where residents see them', $2)`, [pointId, g.monitor.id]);
    await h.ds.query(`UPDATE action_points SET status = 'reopened', reopen_reason = 'The rules are not where residents see them', version = version + 1 WHERE id = $1`, [pointId]);
    const second = await plannedFor(pointId);
    expect(second).toEqual(first.map((k) => k.replace(`.${due}.0.`, `.${due}.1.`)));

    // the due date moves: new keys again; the reopened round's reminders no longer match and send nothing
    const later = dayFromToday(20);
    await h.ds.query(`UPDATE action_points SET due_date = $2, version = version + 1 WHERE id = $1`, [pointId, later]);
    const third = await plannedFor(pointId);
    expect(third).toEqual(first.map((k) => k.replace(`.${due}.0.`, `.${later}.1.`)));
    await makeDue(second[0]!);
    await handler().handle({ key: second[0]! });
    expect(await outcome(second[0]!)).toBe('not_needed');
    await makeDue(third[0]!);
    await handler().handle({ key: third[0]! });
    expect(await outcome(third[0]!)).toBe('sent');
    expect((await told(g.owner.id, 'action_point.due_soon')).map((n) => n.params.date)).toEqual([later]);
  });

  it('escalates a high-priority overdue point to the Secretariat and tells the organisation it is overdue; a low-priority one is not escalated', async () => {
    const { g, reportId } = await reported();
    const due = dayFromToday(-2); // A+1d and its escalation fell due yesterday, A+7d is to come
    const high = await newPoint(g, reportId, { seq: 1, dueDate: due, priority: 'high' });
    const low = await newPoint(g, reportId, { seq: 2, dueDate: due, priority: 'low' });
    const planned = (await planner().planOnce()).map((r) => r.key);
    const k = (id: string, r: string) => `action_point.${id}.${due}.0.${r}`;
    // of the owner's reminders only the latest due one and those to come; the escalation beside them, to its own audience
    expect(planned.filter((x) => x.includes(high))).toEqual([k(high, 'A+1d'), k(high, 'A+7d'), k(high, 'A+1d-esc')]);
    expect(planned.filter((x) => x.includes(low))).toEqual([k(low, 'A+1d'), k(low, 'A+7d')]);

    for (const key of [k(high, 'A+1d'), k(high, 'A+1d-esc'), k(low, 'A+1d')]) {
      await handler().handle({ key });
      await handler().handle({ key });
      expect(await outcome(key)).toBe('sent');
    }
    const escalated = await told(officer.user.id, 'action_point.escalated');
    expect(escalated).toEqual([{
      dedupe_key: `${k(high, 'A+1d-esc')}:${officer.user.id}`, link: `/action-points/${high}`,
      params: { agreementNumber: g.agreementNumber, organization: g.organization, seq: 1, what: "Post the shelter's house rules (1)", date: due },
    }]);
    // the escalation is the Secretariat's only; the overdue reminders the organisation's only
    expect((await toldAbout(k(high, 'A+1d-esc'))).every((n) => n.user_id !== g.owner.id && n.user_id !== g.member.id)).toBe(true);
    expect((await toldAbout(k(high, 'A+1d-esc'))).map((n) => n.user_id)).toContain(officer.user.id);
    expect((await told(g.owner.id, 'action_point.overdue')).map((n) => n.params.seq)).toEqual([1, 2]);
    expect(await told(officer.user.id, 'action_point.overdue')).toEqual([]);
    expect(await toldAbout(k(low, 'A+1d-esc'))).toEqual([]);
  });

  it('reminds the organisation of an announced visit two days ahead, never of an unannounced one, and of a moved one only for its new date', async () => {
    const g = await newGrant('sr');
    const announced = await newVisit(g, 'follow_up', dayFromToday(5));
    const unannounced = await newVisit(g, 'unannounced', dayFromToday(5));
    const moved = await newVisit(g, 'planned', dayFromToday(6));
    const soon = await newVisit(g, 'planned', dayFromToday(1)); // planned after its reminder's time: visit.planned told them

    const planned = (await planner().planOnce()).map((r) => r.key);
    const key = (id: string, date: string) => `visit.${id}.${date}.V-2d`;
    expect(planned).toEqual(expect.arrayContaining([key(announced.visitId, dayFromToday(5)), key(moved.visitId, dayFromToday(6)), key(soon.visitId, dayFromToday(1))]));
    expect(planned.filter((k) => k.includes(unannounced.visitId))).toEqual([]);
    expect(await h.ds.query(`SELECT 1 FROM grant_reminders WHERE key LIKE $1`, [`visit.${unannounced.visitId}.%`])).toEqual([]);
    expect(await outcome(key(soon.visitId, dayFromToday(1)))).toBe('not_needed');
    expect(await h.ds.query(`SELECT 1 FROM outbox WHERE job_id = $1`, [key(soon.visitId, dayFromToday(1))])).toEqual([]);
    expect(await h.ds.query(`SELECT run_at FROM grant_reminders WHERE key = $1`, [key(announced.visitId, dayFromToday(5))]))
      .toEqual([{ run_at: expect.any(Date) }]);
    const [{ run_at: runAt }] = await h.ds.query(`SELECT run_at FROM grant_reminders WHERE key = $1`, [key(announced.visitId, dayFromToday(5))]);
    expect(toKosovoLocal(runAt)).toMatchObject({ date: dayFromToday(3), time: '09:00' });

    // the visit is moved: a new key for the new date; the old one, once due, sends nothing
    await h.ds.query(`UPDATE monitoring_visits SET visit_date = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [moved.visitId, dayFromToday(9)]);
    expect(await plannedFor(moved.visitId)).toEqual([key(moved.visitId, dayFromToday(9))]);
    for (const k of [key(announced.visitId, dayFromToday(5)), key(moved.visitId, dayFromToday(6)), key(moved.visitId, dayFromToday(9))]) {
      await makeDue(k);
      await handler().handle({ key: k });
      await handler().handle({ key: k });
    }
    expect(await outcome(key(moved.visitId, dayFromToday(6)))).toBe('not_needed');
    expect(await outcome(key(moved.visitId, dayFromToday(9)))).toBe('sent');

    const reminders = await told(g.owner.id, 'visit.reminder');
    expect(reminders).toEqual([
      { dedupe_key: `${key(announced.visitId, dayFromToday(5))}:${g.owner.id}`, link: `/grants/${g.grantId}`, params: { agreementNumber: g.agreementNumber, monitor: 'Test monitor', date: dayFromToday(5) } },
      { dedupe_key: `${key(moved.visitId, dayFromToday(9))}:${g.owner.id}`, link: `/grants/${g.grantId}`, params: { agreementNumber: g.agreementNumber, monitor: 'Test monitor', date: dayFromToday(9) } },
    ]);
    expect((await told(g.member.id, 'visit.reminder')).map((n) => n.params.date)).toEqual([dayFromToday(5), dayFromToday(9)]);
    expect(await told(g.monitor.id, 'visit.reminder')).toEqual([]);

    // a visit made unannounced after its reminder was planned: the reminder, run, tells nobody
    const turned = await newVisit(g, 'planned', dayFromToday(12));
    const [k] = await plannedFor(turned.visitId);
    await h.ds.query(`UPDATE monitoring_visits SET type = 'unannounced', updated_at = now() WHERE id = $1`, [turned.visitId]);
    await makeDue(k!);
    await handler().handle({ key: k! });
    expect(await outcome(k!)).toBe('not_needed');
    expect(await toldAbout(k!)).toEqual([]);
    // of every visit of the grant, the organisation heard of two; the unannounced one never appears in a notification
    const all: { params: { date: string } }[] = await h.ds.query(`SELECT params FROM notifications WHERE user_id = $1`, [g.owner.id]);
    expect(all.map((n) => n.params.date).sort()).toEqual([dayFromToday(5), dayFromToday(9)]);
  });

  it('when Redis loses its jobs, the worker offers every reminder not sent again under the same id, and sends it once through the queue', async () => {
    const { g, reportId } = await reported();
    const due = dayFromToday(3); // A-7d already past: the latest due is A-7d itself, sent late
    const pointId = await newPoint(g, reportId, { seq: 1, dueDate: due });
    const added = await plannedFor(pointId);
    expect(added.map((k) => k.split('.').pop())).toEqual(['A-7d', 'A0', 'A+1d', 'A+7d']);

    // relayed to the queue under those ids; offering them again adds nothing
    await new OutboxRelay(h.ds, queue()).relayOnce(10_000);
    for (const k of added) expect((await queue().getJob(k))?.id).toBe(k);
    expect(await planner().reoffer(null)).toBe(0);

    // Redis loses every job of the queue
    await queue().obliterate({ force: true });
    for (const k of added) expect(await queue().getJob(k)).toBeUndefined();
    const pending: { key: string }[] = await h.ds.query(`SELECT key FROM grant_reminders WHERE done_at IS NULL AND subject IN ('action_point', 'visit')`);
    expect(pending.map((p) => p.key)).toEqual(expect.arrayContaining(added));

    // the worker starts: every monitoring reminder not done is offered again (only those: the grants' planner offers its own)
    await worker.get(WorkerRunner).start();
    await waitFor(async () => {
      const ids = await Promise.all(added.map(async (k) => (await queue().getJob(k))?.name));
      return ids.every((n) => n === 'monitoring.reminder');
    });
    // the due one is sent through the queue, once
    await waitFor(async () => (await outcome(added[0]!)) === 'sent');
    expect((await told(g.owner.id, 'action_point.due_soon')).map((n) => n.dedupe_key)).toEqual([`${added[0]}:${g.owner.id}`]);
    // once the start-up offer is through, every pending reminder has its job: offering again adds nothing
    await waitFor(async () => {
      const rows: { key: string }[] = await h.ds.query(`SELECT key FROM grant_reminders WHERE done_at IS NULL AND subject IN ('action_point', 'visit')`);
      return (await Promise.all(rows.map(async (r) => (await queue().getJob(r.key))?.name === 'monitoring.reminder'))).every(Boolean);
    });
    expect(await planner().reoffer(null)).toBe(0);
    for (const k of added.slice(1)) expect(await outcome(k)).toBeNull();
  });
});
