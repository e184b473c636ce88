import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { checkIban } from '@grants/domain';
import type { Queue } from 'bullmq';
import { GrantDeadlinesPlanner } from '../src/modules/grants/jobs/grant-deadlines.planner';
import { GrantDeadlinesRepository } from '../src/modules/grants/jobs/grant-deadlines.repository';
import { GrantReminderHandler } from '../src/modules/grants/jobs/grant-reminder.job';
import { parseGrantReminderKey } from '../src/modules/grants/jobs/grant-reminder-keys';
import { GrantsRepository } from '../src/modules/grants/grants.repository';
import { TrancheConditionsService } from '../src/modules/grants/tranche-conditions.service';
import { renderNotification } from '../src/modules/notifications/notifications.service';
import { OutboxService } from '../src/modules/outbox/outbox.service';
import { createQueue } from '../src/modules/queue/queue.factory';
import { QUEUE } from '../src/modules/queue/queue.module';
import { OutboxRelay } from '../src/worker/outbox-relay';
import { WorkerModule, WorkerRunner } from '../src/worker/worker.module';
import { Harness, loginAs, newUser, startApi } from './harness';
import { testCall } from './monitoring-factory';
import { waitFor } from './smtp-sink';

type Login = Awaited<ReturnType<typeof loginAs>>;
const DAY = 86400_000;

/** A valid Kosovo IBAN from a seed (check digits computed, ISO 7064 mod 97-10). */
function kosovoIban(seed: number): string {
  const bban = String(1212012345670000 + seed).padStart(16, '0');
  let r = 0;
  for (const ch of `${bban}332000`) r = (r * 10 + Number(ch)) % 97;
  const iban = `XK${String(98 - r).padStart(2, '0')}${bban}`;
  if (!checkIban(iban).valid) throw new Error(`bad test IBAN ${iban}`);
  return iban;
}

/** A date `days` from today, Kosovo calendar. */
const dayFromToday = (days: number) => new Date(Date.now() + days * DAY + 3600_000).toISOString().slice(0, 10);

/**
 * The worker's grant deadlines on the real database and Redis: reminders planned from PostgreSQL with
 * deterministic ids (planning twice adds nothing), a reminder due while the worker was down sent once when it
 * starts (and the older ones it supersedes never), nothing acknowledged lost while Redis is down or after Redis
 * lost its jobs, reports reminded until a covering expenditure report is submitted, tranches whose conditions allow them.
 */
describe('worker: grant deadlines', () => {
  let h: Harness;
  let worker: INestApplicationContext;
  let officer: Login;
  let callId: string;
  let decisionId: string;
  let seq = 0;
  const planner = () => worker.get(GrantDeadlinesPlanner);
  const queue = () => worker.get<Queue>(QUEUE);
  const told = async (userId: string, kind: string): Promise<{ dedupe_key: string; params: Record<string, unknown>; link: string }[]> =>
    h.ds.query(`SELECT dedupe_key, params, link FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at`, [userId, kind]);

  /** A grant of a new organisation (its owner speaks `language`), written around the API: its own specs test how one gets there. */
  async function newGrant(language: 'en' | 'sq' | 'sr', set: Record<string, unknown>) {
    const owner = await newUser(h.ds, 'applicant', { language });
    const orgId = owner.user.organizationId!;
    seq += 1;
    const [app] = await h.ds.query(`INSERT INTO applications (call_id, organization_id) VALUES ($1, $2) RETURNING id`, [callId, orgId]);
    const [award] = await h.ds.query(
      `INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, 4000000, 'awarded') RETURNING id`, [callId, app.id, decisionId]);
    const cols = Object.keys(set);
    const [g] = await h.ds.query(
      `INSERT INTO grants (award_id, call_id, organization_id, amount_cents, agreement_number, call_seq${cols.map((c) => `, ${c}`).join('')})
       VALUES ($1, $2, $3, 4000000, $4, $5, ${cols.map((_, i) => `$${i + 6}`).join(', ')}) RETURNING id`,
      [award.id, callId, orgId, `MF-GW-2026-01-${String(seq).padStart(3, '0')}`, seq, ...cols.map((c) => set[c])]);
    return { grantId: g.id as string, owner: owner.user, orgId };
  }

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    ({ callId, decisionId } = await testCall(h.ds, officer.client, 'MF-GW-2026-01'));
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  });
  afterAll(async () => {
    await worker.close();
    await h.close();
  });

  it('plans an unsigned agreement’s reminders with deterministic ids: planning twice adds nothing, to the database or to the queue', async () => {
    const sentAt = new Date(Date.now() - 8 * DAY);
    const { grantId, owner } = await newGrant('sq', { status: 'sent_for_signature', sent_at: sentAt });
    const added = (await planner().planOnce()).filter((r) => r.grantId === grantId).map((r) => r.key);
    // sent 8 days ago: S+7d is due (sent late, once), S+14d and S+21d are to come
    expect(added).toEqual(['S+7d', 'S+14d', 'S+21d'].map((k) => `grant.${grantId}.signature.${sentAt.getTime()}.${k}`));
    expect(added.map((k) => parseGrantReminderKey(k)?.subject)).toEqual(['signature', 'signature', 'signature']);
    expect(await planner().planOnce()).toEqual([]);
    const count = async () => (await h.ds.query(`SELECT (SELECT count(*)::int FROM grant_reminders) AS r, (SELECT count(*)::int FROM outbox WHERE job_name = 'grant.reminder') AS o`))[0];
    expect(await count()).toEqual({ r: 3, o: 3 });

    // relayed to the queue under those ids; offering them again adds nothing
    const relay = new OutboxRelay(h.ds, queue());
    await relay.relayOnce();
    for (const k of added) expect((await queue().getJob(k))?.id).toBe(k);
    expect(await planner().reoffer(null)).toBe(0);
    await relay.relayOnce();
    expect(await count()).toEqual({ r: 3, o: 3 });
    // nobody is told before the worker runs
    expect(await told(owner.id, 'grant.signature_reminder')).toEqual([]);
  });

  it('sends a reminder that fell due while the worker was down once when it starts, and never the older ones it supersedes', async () => {
    const sentAt = new Date(Date.now() - 15 * DAY);
    const { grantId, owner } = await newGrant('sr', { status: 'sent_for_signature', sent_at: sentAt });
    await worker.get(WorkerRunner).start();
    const key = `grant.${grantId}.signature.${sentAt.getTime()}.S+14d`;
    const [n] = await waitFor(async () => {
      const rows = await told(owner.id, 'grant.signature_reminder');
      return rows.length ? rows : undefined;
    });
    expect(n).toMatchObject({ dedupe_key: `${key}:${owner.id}`, link: `/grants/${grantId}` });
    await waitFor(async () => (await h.ds.query(`SELECT 1 FROM grant_reminders WHERE key = $1 AND outcome = 'sent'`, [key]))[0]);
    // S+7d was superseded: never planned, never sent
    expect(await h.ds.query(`SELECT key FROM grant_reminders WHERE grant_id = $1 ORDER BY run_at`, [grantId])).toEqual([{ key }, { key: key.replace('S+14d', 'S+21d') }]);
    // the job run again, and planning again, change nothing
    await worker.get(GrantReminderHandler).handle({ key });
    await planner().planOnce();
    expect(await told(owner.id, 'grant.signature_reminder')).toHaveLength(1);
    const mails = await h.ds.query(`SELECT subject FROM emails WHERE to_address = $1`, [owner.email]);
    expect(mails).toEqual([{ subject: 'Ugovor o grantu čeka vaš potpis' }]);
    // the first grant's overdue S+7d goes out too, once: its owner signs nothing twice
    await waitFor(async () => (await h.ds.query(`SELECT 1 FROM grant_reminders WHERE key LIKE '%.S+7d' AND outcome = 'sent'`))[0]);
  });

  it('with Redis down the planned reminders wait in PostgreSQL; once it is back they are sent, and a job Redis lost is offered again', async () => {
    const due = dayFromToday(-2); // due two days ago: T+1d (overdue) is the latest due one, T+7d (escalation) to come
    const schedule = [{ kind: 'interim', seq: 1, periodStart: dayFromToday(-200), periodEnd: dayFromToday(-32), dueDate: due }];
    const monitor = await newUser(h.ds, 'monitor');
    const { grantId, owner } = await newGrant('en', {
      status: 'in_force', countersigned_at: new Date(), reporting_schedule: JSON.stringify(schedule), monitor_id: monitor.user.id,
    });
    const member = await newUser(h.ds, 'applicant', { organizationId: (await h.ds.query(`SELECT organization_id FROM grants WHERE id = $1`, [grantId]))[0].organization_id, orgRole: 'member', language: 'sq' });

    // a worker whose Redis is down: planning still records everything (PostgreSQL only), the relay keeps it
    const dead = createQueue({ redisUrl: 'redis://127.0.0.1:6399', databaseUrl: h.dbUrl, prefix: 'dead' });
    dead.on('error', () => undefined);
    worker.get(WorkerRunner).onApplicationShutdown(); // the running worker stops relaying while Redis is "down"
    const downPlanner = new GrantDeadlinesPlanner(h.ds, dead, worker.get(OutboxService), worker.get(GrantDeadlinesRepository), worker.get(GrantsRepository), worker.get(TrancheConditionsService));
    const added = (await downPlanner.planOnce()).filter((r) => r.grantId === grantId).map((r) => r.key);
    expect(added).toEqual([`grant.${grantId}.report.1.${due}.T+1d`, `grant.${grantId}.report.1.${due}.T+7d`]);
    await expect(downPlanner.reoffer(null)).rejects.toThrow();
    await expect(new OutboxRelay(h.ds, dead).relayOnce()).rejects.toThrow();
    expect(await h.ds.query(`SELECT relayed_at FROM outbox WHERE job_id = $1`, [added[0]])).toEqual([{ relayed_at: null }]);
    await dead.close().catch(() => undefined);

    // Redis is back: a fresh worker relays and sends the overdue reminder once, to every member in their language
    const again = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    try {
      await again.get(WorkerRunner).start();
      const [n] = await waitFor(async () => {
        const rows = await told(owner.id, 'grant.report_overdue');
        return rows.length ? rows : undefined;
      });
      expect(n.params).toMatchObject({ report: 'interim report 1', date: due });
      expect((await waitFor(async () => {
        const rows = await told(member.user.id, 'grant.report_overdue');
        return rows.length ? rows : undefined;
      }))[0].params).toMatchObject({ report: 'raporti i ndërmjetëm 1' });

      // Redis loses the escalation's job before it is due: it is offered again under the same id…
      const escalation = added[1]!;
      const q = again.get<Queue>(QUEUE);
      await waitFor(async () => q.getJob(escalation));
      await (await q.getJob(escalation))!.remove();
      expect(await q.getJob(escalation)).toBeUndefined();
      // …and, once due (the clock moved on), sent once to the Secretariat and the grant's monitor
      await h.ds.query(`UPDATE grant_reminders SET run_at = now() - interval '20 minutes' WHERE key = $1`, [escalation]);
      expect(await again.get(GrantDeadlinesPlanner).reoffer(10)).toBe(1);
      await waitFor(async () => (await h.ds.query(`SELECT 1 FROM grant_reminders WHERE key = $1 AND outcome = 'sent'`, [escalation]))[0]);
      expect(await told(officer.user.id, 'grant.report_escalated')).toHaveLength(1);
      expect(await told(monitor.user.id, 'grant.report_escalated')).toHaveLength(1);
      expect(await told(owner.id, 'grant.report_escalated')).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('names the report in the reader’s language and script', () => {
    const params = { agreementNumber: 'MF-C3-2026-01-001', organization: 'Udruženje Sunce', report: 'privremeni izveštaj 1', date: '2027-07-30' };
    const cyr = renderNotification('grant.report_escalated', 'sr', params, 'cyrillic');
    expect(cyr.body).toContain('привремени извештај 1');
    expect(cyr.body).toContain('Udruženje Sunce'); // a name stays as written
    // issue 10's reminders are about the period's expenditure report only; the narrative report's say its financial part is that expenditure report
    const period = { periodStart: '2026-07-01', periodEnd: '2027-06-30' };
    expect(renderNotification('grant.report_due_soon', 'en', { ...params, ...period, report: 'final report' }).body).toBe(
      'Grant MF-C3-2026-01-001: the expenditure report for 2026-07-01 – 2027-06-30, the period of the final report, is due on 2027-07-30. The narrative report of the period has its own reminder.');
    for (const lang of ['en', 'sq', 'sr'] as const) {
      for (const kind of ['grant.report_due_soon', 'grant.report_due_today', 'grant.report_overdue', 'grant.report_escalated'] as const) {
        const m = renderNotification(kind, lang, { ...params, ...period });
        expect({ kind, lang, title: m.title }).toEqual({ kind, lang, title: expect.stringMatching({ en: /expenditure report/i, sq: /raport shpenzimesh/i, sr: /finansijski izveštaj/i }[lang]) });
        expect(m.body).toContain('2026-07-01 – 2027-06-30');
        expect(m.body).not.toMatch(/\{\{/);
      }
      for (const kind of ['narrative_report.due_soon', 'narrative_report.due_today', 'narrative_report.overdue'] as const) {
        expect({ kind, lang, body: renderNotification(kind, lang, params).body }).toEqual({ kind, lang, body: expect.stringMatching({ en: /financial part is the expenditure report of the same period/, sq: /Pjesa financiare .* raporti i shpenzimeve i së njëjtës periudhë/, sr: /finansijski deo je finansijski izveštaj za isti period/ }[lang]) });
      }
    }
  });

  it('stops reminding about a report once a covering expenditure report is submitted', async () => {
    const due = dayFromToday(10); // T-14d is due (4 days ago), T0, T+1d, T+7d to come
    const schedule = [{ kind: 'final', seq: 1, periodStart: dayFromToday(-300), periodEnd: dayFromToday(-50), dueDate: due }];
    const { grantId } = await newGrant('en', { status: 'in_force', countersigned_at: new Date(), reporting_schedule: JSON.stringify(schedule) });
    const keys = (await planner().planOnce()).filter((r) => r.grantId === grantId).map((r) => r.key.split('.').pop());
    expect(keys).toEqual(['T-14d', 'T0', 'T+1d', 'T+7d']);
    await h.ds.query(`INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, status, submitted_at) VALUES ($1, 1, $2, $3, 'submitted', now())`,
      [grantId, dayFromToday(-300), dayFromToday(-50)]);
    const t0 = `grant.${grantId}.report.1.${due}.T0`;
    await h.ds.query(`UPDATE grant_reminders SET run_at = now() WHERE key = $1`, [t0]);
    await worker.get(GrantReminderHandler).handle({ key: t0 });
    expect(await h.ds.query(`SELECT outcome FROM grant_reminders WHERE key = $1`, [t0])).toEqual([{ outcome: 'not_needed' }]);
    expect(await h.ds.query(`SELECT 1 FROM notifications WHERE dedupe_key LIKE $1`, [`${t0}:%`])).toEqual([]);
  });

  it('tells the organisation a tranche may be requested once its conditions allow it, and the Secretariat when a requested one may be approved', async () => {
    const { grantId, owner } = await newGrant('en', { status: 'in_force', countersigned_at: new Date(), iban: kosovoIban(7) });
    const [t] = await h.ds.query(
      `INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status) VALUES ($1, 1, 'pre_financing', 3200000, current_date, 'planned') RETURNING id, version`, [grantId]);
    await h.ds.query(`INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status) VALUES ($1, 2, 'balance', 800000, current_date + 365, 'planned')`, [grantId]);
    const added = (await planner().planOnce()).filter((r) => r.grantId === grantId).map((r) => r.key);
    expect(added).toEqual([`tranche.${t.id}.may_request.${t.version}.${grantId}`]);
    expect(await planner().planOnce()).toEqual([]);
    await worker.get(GrantReminderHandler).handle({ key: added[0]! });
    expect((await told(owner.id, 'tranche.may_request')).map((n) => n.params)).toEqual([{ agreementNumber: expect.any(String), seq: 1 }]);

    // requested just now with every condition met: the request told the Secretariat, the reminder is not sent again
    await h.ds.query(`UPDATE tranches SET status = 'requested', requested_at = now(), version = version + 1 WHERE id = $1`, [t.id]);
    const justNow = (await planner().planOnce()).filter((r) => r.grantId === grantId).map((r) => r.key);
    expect(justNow).toEqual([`tranche.${t.id}.may_approve.${t.version + 1}.${grantId}`]);
    expect(await h.ds.query(`SELECT outcome FROM grant_reminders WHERE key = $1`, [justNow[0]])).toEqual([{ outcome: 'not_needed' }]);
    expect(await h.ds.query(`SELECT 1 FROM outbox WHERE job_id = $1`, [justNow[0]])).toEqual([]);

    // requested a while ago (returned and requested again, a new version), its conditions met since: the Secretariat hears it may approve it, once
    await h.ds.query(`UPDATE tranches SET requested_at = now() - interval '2 days', version = version + 1 WHERE id = $1`, [t.id]);
    const approvable = (await planner().planOnce()).filter((r) => r.grantId === grantId).map((r) => r.key);
    expect(approvable).toEqual([`tranche.${t.id}.may_approve.${t.version + 2}.${grantId}`]);
    await worker.get(GrantReminderHandler).handle({ key: approvable[0]! });
    await worker.get(GrantReminderHandler).handle({ key: approvable[0]! });
    expect(await told(officer.user.id, 'tranche.may_approve')).toHaveLength(1);

    // a grant whose IBAN is not valid: the bank-account condition is not met, nothing is planned
    const other = await newGrant('en', { status: 'in_force', countersigned_at: new Date(), iban: 'XK00 broken' });
    await h.ds.query(`INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status) VALUES ($1, 1, 'pre_financing', 3200000, current_date, 'planned')`, [other.grantId]);
    expect((await planner().planOnce()).filter((r) => r.grantId === other.grantId)).toEqual([]);
  });
});
