import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { addDays, toKosovoLocal, type ScheduledReport } from '@grants/domain';
import type { Queue } from 'bullmq';
import { QUEUE } from '../src/modules/queue/queue.module';
import { NarrativeReportReminderHandler } from '../src/modules/reports/jobs/narrative-report-reminder.job';
import { parseNarrativeReportReminderKey } from '../src/modules/reports/jobs/narrative-report-reminder-keys';
import { NarrativeReportRemindersPlanner } from '../src/modules/reports/jobs/narrative-report-reminders.planner';
import { OutboxRelay } from '../src/worker/outbox-relay';
import { WorkerModule } from '../src/worker/worker.module';
import { Harness, loginAs, startApi } from './harness';
import { grantInForce, testCall } from './monitoring-factory';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Told = { dedupe_key: string; params: Record<string, unknown>; link: string };

/** A date `days` from today, Kosovo calendar. */
const dayFromToday = (days: number) => addDays(toKosovoLocal(new Date()).date, days);

/**
 * The worker's narrative-report reminders on the real database and Redis: a report not handed in is reminded to the
 * organisation's users 14 days before, on and the day after its due date, and escalated to the Secretariat 7 days
 * after; once each even when a job runs twice; no more once it is submitted; an extension granted moves them (the old
 * ones send nothing); a worker that was down sends only the latest one due; PostgreSQL keeps what Redis loses.
 */
describe('worker: narrative-report reminders', () => {
  let h: Harness;
  let worker: INestApplicationContext;
  let officer: Login;
  let call: { callId: string; decisionId: string };
  const planner = () => worker.get(NarrativeReportRemindersPlanner);
  const handler = () => worker.get(NarrativeReportReminderHandler);
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
  const plannedFor = async (reportId: string) => (await planner().planOnce()).filter((r) => r.key.includes(reportId)).map((r) => r.key);
  const key = (reportId: string, dueDate: string, r: string) => `narrative-report.${reportId}.${dueDate}.${r}`;

  /**
   * A grant in force (an owner speaking `language`, a member speaking Albanian, a monitor) whose reporting schedule has
   * one interim report due `dueIn` days from today; its report row is made by the planner (as when it enters force).
   */
  async function grantWithReportDue(dueIn: number, language: 'en' | 'sq' | 'sr' = 'en') {
    const g = await grantInForce(h.ds, call, { language });
    const dueDate = dayFromToday(dueIn);
    const schedule: ScheduledReport[] = [{ kind: 'interim', seq: 1, periodStart: dayFromToday(dueIn - 210), periodEnd: dayFromToday(dueIn - 30), dueDate }];
    await h.ds.query(`UPDATE grants SET reporting_schedule = $2 WHERE id = $1`, [g.grantId, JSON.stringify(schedule)]);
    const planned = (await planner().planOnce()).map((r) => r.key);
    const [report] = await h.ds.query(`SELECT id FROM narrative_reports WHERE grant_id = $1 AND seq = 1`, [g.grantId]);
    return { ...g, reportId: report.id as string, dueDate, planned: planned.filter((k) => k.includes(report.id)) };
  }

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    call = await testCall(h.ds, officer.client, `MF-RW-${process.pid}`);
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  });
  afterAll(async () => {
    await worker.close();
    await h.close();
  });

  it('plans a report’s reminders with deterministic keys, and sends R-14d once to the organisation’s users even when the job runs twice', async () => {
    const g = await grantWithReportDue(14);
    const k = (r: string) => key(g.reportId, g.dueDate, r);
    // the grant entered force: its report row exists, and its four reminders are planned (R-14d falls due today)
    expect(g.planned).toEqual(['R-14d', 'R0', 'R+1d', 'R+7d'].map(k));
    expect(parseNarrativeReportReminderKey(g.planned[0]!)).toEqual({ reportId: g.reportId, dueDate: g.dueDate, reminder: 'R-14d' });
    expect(await plannedFor(g.reportId)).toEqual([]); // planning twice adds nothing
    expect(await h.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'narrative_report.reminder' AND job_id LIKE $1`, [`narrative-report.${g.reportId}.%`])).toEqual([{ n: 4 }]);
    expect(await h.ds.query(`SELECT DISTINCT subject, grant_id FROM grant_reminders WHERE key LIKE $1`, [`narrative-report.${g.reportId}.%`]))
      .toEqual([{ subject: 'narrative_report', grant_id: g.grantId }]);
    // at 09:00 Kosovo time
    const [{ run_at: r0At }] = await h.ds.query(`SELECT run_at FROM grant_reminders WHERE key = $1`, [k('R0')]);
    expect(toKosovoLocal(r0At)).toMatchObject({ date: g.dueDate, time: '09:00' });

    // not due yet (R0 is two weeks ahead): the job fails, to be retried, and tells nobody
    await expect(handler().handle({ key: k('R0') })).rejects.toThrow(/not due/);
    await makeDue(k('R-14d'));
    await handler().handle({ key: k('R-14d') });
    await handler().handle({ key: k('R-14d') });
    expect(await outcome(k('R-14d'))).toBe('sent');
    for (const [u, report] of [[g.owner.user, 'interim report 1'], [g.member.user, 'raporti i ndërmjetëm 1']] as const) {
      expect(await told(u.id, 'narrative_report.due_soon')).toEqual([{
        dedupe_key: `${k('R-14d')}:${u.id}`, link: `/reports/${g.reportId}`,
        params: { agreementNumber: g.agreementNumber, organization: g.organization, seq: 1, report, date: g.dueDate },
      }]);
    }
    // the organisation's only: neither the Secretariat nor the monitor hears of it
    expect((await toldAbout(k('R-14d'))).map((n) => n.user_id).sort()).toEqual([g.owner.user.id, g.member.user.id].sort());
    // in the readers' languages, once each
    expect(await h.ds.query(`SELECT subject FROM emails WHERE to_address = $1`, [g.member.user.email])).toEqual([{ subject: 'Një raport narrativ me afat pas dy javësh' }]);
    expect(await h.ds.query(`SELECT subject FROM emails WHERE to_address = $1`, [g.owner.user.email])).toEqual([{ subject: 'A narrative report due in two weeks' }]);
  });

  it('tells the organisation on the day and the day after, then escalates to the Secretariat 7 days after the due date', async () => {
    const g = await grantWithReportDue(0, 'sr');
    const k = (r: string) => key(g.reportId, g.dueDate, r);
    // R-14d is long past and superseded by R0 once today's 09:00 has passed (before it, R-14d is the latest due); R+1d and R+7d to come
    expect(g.planned.filter((x) => x !== k('R-14d'))).toEqual(['R0', 'R+1d', 'R+7d'].map(k));
    for (const r of ['R0', 'R+1d', 'R+7d']) {
      await makeDue(k(r));
      await handler().handle({ key: k(r) });
      await handler().handle({ key: k(r) });
      expect({ r, outcome: await outcome(k(r)) }).toEqual({ r, outcome: 'sent' });
    }
    const params = { agreementNumber: g.agreementNumber, organization: g.organization, seq: 1, date: g.dueDate };
    expect(await told(g.owner.user.id, 'narrative_report.due_today')).toEqual([{ dedupe_key: `${k('R0')}:${g.owner.user.id}`, link: `/reports/${g.reportId}`, params: { ...params, report: 'privremeni izveštaj 1' } }]);
    expect((await told(g.member.user.id, 'narrative_report.overdue')).map((n) => n.params)).toEqual([{ ...params, report: 'raporti i ndërmjetëm 1' }]);
    // the escalation is the Secretariat's only; the organisation and the monitor hear nothing of it
    expect(await told(officer.user.id, 'narrative_report.escalated')).toEqual([{ dedupe_key: `${k('R+7d')}:${officer.user.id}`, link: `/reports/${g.reportId}`, params: { ...params, report: 'interim report 1' } }]);
    const escalatedTo = (await toldAbout(k('R+7d'))).map((n) => n.user_id);
    expect(escalatedTo).not.toContain(g.owner.user.id);
    expect(escalatedTo).not.toContain(g.member.user.id);
    expect(escalatedTo).not.toContain(g.monitor.user.id);
    expect(await told(officer.user.id, 'narrative_report.overdue')).toEqual([]);
  });

  it('a worker down for weeks sends only the latest reminder due: the escalation of a report 8 days overdue', async () => {
    const g = await grantWithReportDue(-8);
    expect(g.planned).toEqual([key(g.reportId, g.dueDate, 'R+7d')]);
    await handler().handle({ key: g.planned[0]! });
    expect(await outcome(g.planned[0]!)).toBe('sent');
    expect((await told(officer.user.id, 'narrative_report.escalated')).filter((n) => n.link === `/reports/${g.reportId}`)).toHaveLength(1);
    expect(await h.ds.query(`SELECT kind FROM notifications WHERE user_id = ANY($1)`, [[g.owner.user.id, g.member.user.id]])).toEqual([]);
  });

  it('once the report is submitted its pending reminders become not_needed and nothing new is planned; a returned one is not chased either', async () => {
    const g = await grantWithReportDue(10);
    expect(g.planned).toHaveLength(4);
    await h.ds.query(`UPDATE narrative_reports SET status = 'submitted', submitted_version = 1, submitted_at = now(), submitted_by = $2 WHERE id = $1`, [g.reportId, g.owner.user.id]);
    for (const k of g.planned) {
      await makeDue(k);
      await handler().handle({ key: k });
      expect(await outcome(k)).toBe('not_needed');
      expect(await toldAbout(k)).toEqual([]);
    }
    // returned for revision: handed in on time, so no reminder is planned for it
    await h.ds.query(`UPDATE narrative_reports SET status = 'returned' WHERE id = $1`, [g.reportId]);
    expect(await plannedFor(g.reportId)).toEqual([]);
  });

  it('an extension granted moves the reminders to the new due date; the old ones send nothing', async () => {
    const g = await grantWithReportDue(5);
    const later = dayFromToday(40);
    await h.ds.query(`UPDATE narrative_reports SET extended_due_date = $2 WHERE id = $1`, [g.reportId, later]);
    const moved = await plannedFor(g.reportId);
    expect(moved).toEqual(['R-14d', 'R0', 'R+1d', 'R+7d'].map((r) => key(g.reportId, later, r)));
    // the old R0 falls due: the due date in force is later, so it tells nobody
    const oldR0 = key(g.reportId, g.dueDate, 'R0');
    await makeDue(oldR0);
    await handler().handle({ key: oldR0 });
    expect(await outcome(oldR0)).toBe('not_needed');
    // the new R-14d tells the organisation of the new date
    await makeDue(moved[0]!);
    await handler().handle({ key: moved[0]! });
    expect(await outcome(moved[0]!)).toBe('sent');
    expect((await told(g.owner.user.id, 'narrative_report.due_soon')).map((n) => n.params.date)).toEqual([later]);
  });

  it('a grant no longer in force is not chased', async () => {
    const g = await grantWithReportDue(3);
    await h.ds.query(`UPDATE grants SET status = 'suspended' WHERE id = $1`, [g.grantId]);
    const r0 = key(g.reportId, g.dueDate, 'R0');
    await makeDue(r0);
    await handler().handle({ key: r0 });
    expect(await outcome(r0)).toBe('not_needed');
    expect(await toldAbout(r0)).toEqual([]);
    // an unknown key is done with nothing to do
    await expect(handler().handle({ key: 'narrative-report.not-a-key' })).resolves.toBeUndefined();
  });

  it('when Redis loses its jobs, every narrative-report reminder not sent is offered again under the same id', async () => {
    const g = await grantWithReportDue(20);
    expect(g.planned).toHaveLength(4);
    await new OutboxRelay(h.ds, queue()).relayOnce(10_000);
    for (const k of g.planned) expect((await queue().getJob(k))?.name).toBe('narrative_report.reminder');
    expect(await planner().reoffer(null)).toBe(0);

    await queue().obliterate({ force: true });
    for (const k of g.planned) expect(await queue().getJob(k)).toBeUndefined();
    const offered = await planner().reoffer(null);
    expect(offered).toBeGreaterThanOrEqual(4);
    for (const k of g.planned) {
      const job = await queue().getJob(k);
      expect({ id: job?.id, name: job?.name, data: job?.data }).toEqual({ id: k, name: 'narrative_report.reminder', data: { key: k } });
    }
    // offering again adds nothing
    expect(await planner().reoffer(null)).toBe(0);
  });
});
