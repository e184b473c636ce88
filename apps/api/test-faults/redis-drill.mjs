/**
 * Redis drill: N organisations submit at the deadline, paced over the rush, with the API and the worker on a Redis
 * of the suite's own, which is killed for 30 s in the middle of the rush and started again empty (no persistence:
 * the queue's jobs, the delayed closing job among them, are gone; keepData: shut down saving, started with its data,
 * as a Redis with persistence). Every submission
 * answered 2xx must exist once with its SHA-256; afterwards the call's closing job (delayed until the deadline, a
 * minute or two after the rush) must have closed the call and every e-mail (the call's publication to each
 * organisation, each submission's confirmation) must have arrived once.
 */
import { join } from 'node:path';
import { benchPasswordHash, pool, require, sleep } from '../../../bench/lib.mjs';
import {
  PASSWORD, auditVerify, extendDeadline, officerLogin, emailCounts, prepareApplications, publishCall, say, seedOrganisations, startServices, startSink, submissionCounts, until,
} from './lib.mjs';

export async function redisDrill({ bench, snap, redis, orgs = 120, rushS = 45, outageAtS = 8, outageS = 30, deadlineS = 95, catchUpTimeoutMs = 90_000, keepData = true }) {
  const name = 'redis';
  const result = { name, tests: [], counts: {} };
  const test = (title, ok, detail) => result.tests.push({ name: `Redis drill: ${title}`, status: ok ? 'passed' : 'failed', detail });
  const domain = require(join(snap, 'libs/domain/dist/index.js'));
  const { demoApplicationContent } = require(join(snap, 'apps/api/dist/seed/demo-application.js'));
  const sink = await startSink();
  result.closeSink = () => sink.close();
  await bench.createDatabase();
  const env = { ...(await bench.serviceEnv()), REDIS_URL: redis.url, SMTP_URL: sink.url, MAIL_FROM: 'Grant Secretariat <grants@faults.example.org>' };
  await startServices(bench, env, snap, { worker: true });
  const hash = await benchPasswordHash(PASSWORD);
  const owners = await seedOrganisations(bench.db, orgs, hash, 'R');
  const officer = await officerLogin(bench, hash);
  let deadlineAt = new Date(Date.now() + deadlineS * 1000);
  const call = await publishCall(officer, domain, 'MF-FAULT-R1', deadlineAt);
  const { callId } = call;
  const clients = await prepareApplications(bench, owners, callId, demoApplicationContent, pool);
  await pool(clients, clients.length, (c) => c.call('GET', '/api/auth/me')); // one kept-alive socket each
  if (deadlineAt.getTime() - Date.now() < (rushS + 15) * 1000) {
    // a loaded machine made the setting up slow: the Secretariat extends the deadline (the closing job is queued anew)
    deadlineAt = new Date(Math.ceil((Date.now() + (rushS + 20) * 1000) / 1000) * 1000);
    await extendDeadline(officer, call, deadlineAt);
    say(name, 'setting up was slow: the deadline was extended by an amendment');
  }
  const leftS = (deadlineAt.getTime() - Date.now()) / 1000;
  say(name, `${orgs} applications ready; the deadline is in ${Math.round(leftS)} s; rush of ${rushS} s, Redis down from ${outageAtS} s for ${outageS} s`);

  const rushStart = Date.now();
  const outage = (async () => {
    await sleep(outageAtS * 1000);
    await redis.stop({ keepData });
    const down = Date.now();
    say(name, `Redis ${keepData ? 'stopped (SHUTDOWN SAVE)' : 'killed (SIGKILL), its data set gone'} ${Math.round((down - rushStart) / 1000)} s into the rush`);
    await sleep(outageS * 1000);
    await redis.start();
    const up = Date.now();
    say(name, `Redis started again after ${Math.round((up - down) / 100) / 10} s`);
    return { down, up };
  })();
  const answers = await Promise.all(clients.map(async (c, i) => {
    await sleep((i * rushS * 1000) / clients.length);
    const sentAt = Date.now();
    const r = await c.call('POST', `/api/applications/${c.appId}/submit`, { version: c.version });
    return { client: c, status: r.status, body: r.body, sentAt, error: r.error };
  }));
  const { down, up } = await outage;
  const ok = answers.filter((a) => a.status >= 200 && a.status < 300);
  const sentDuringOutage = answers.filter((a) => a.sentAt >= down && a.sentAt <= up);
  const okDuringOutage = sentDuringOutage.filter((a) => a.status >= 200 && a.status < 300).length;
  result.counts.outageS = Math.round((up - down) / 100) / 10;
  say(name, `rush over: ${ok.length} of ${answers.length} answered 2xx (${okDuringOutage} of ${sentDuringOutage.length} sent while Redis was down); waiting for the deadline and the queue to catch up`);
  test(`Redis was down for ${outageS} s in the middle of the rush`, up - down >= outageS * 1000 && up - down < (outageS + 5) * 1000 && sentDuringOutage.length > 0,
    `${result.counts.outageS} s down, ${sentDuringOutage.length} submissions sent meanwhile`);
  test('every organisation that submitted during the outage was answered 2xx', ok.length === answers.length,
    `${ok.length} of ${answers.length} 2xx; others: ${JSON.stringify(answers.filter((a) => !(a.status >= 200 && a.status < 300)).slice(0, 3).map((a) => `${a.status} ${a.error ?? a.body?.details?.[0]?.code ?? a.body?.error ?? ''}`))}`);

  // the closing job (delayed in the queue since publication) and every e-mail, after Redis came back
  const caughtUp = await until(async () => {
    const { rows: [s] } = await bench.db.query(
      `SELECT (SELECT status FROM calls WHERE id = $1) AS call_status,
              (SELECT count(*) FROM emails WHERE status <> 'sent')::int AS unsent,
              (SELECT count(*) FROM outbox WHERE relayed_at IS NULL)::int AS unrelayed`, [callId]);
    return s.call_status === 'closed' && s.unsent === 0 && s.unrelayed === 0 && s;
  }, Math.max(0, deadlineAt.getTime() - Date.now()) + catchUpTimeoutMs);
  await sleep(1000);
  const { rows: [closing] } = await bench.db.query(`SELECT status, closed_at FROM calls WHERE id = $1`, [callId]);
  test('the deadline job closed the call after Redis came back', closing.status === 'closed' && closing.closed_at >= deadlineAt,
    `call ${closing.status}${closing.closed_at ? `, closed ${Math.round((closing.closed_at.getTime() - deadlineAt.getTime()) / 100) / 10} s after the deadline` : ''}`);

  const acknowledged = ok.map((a) => ({ appId: a.client.appId, reference: a.body.reference, sha256: a.body.sha256 }));
  const s = await submissionCounts(bench.db, domain, callId, acknowledged);
  result.counts.submissions = s;
  test('every submission answered 2xx exists exactly once, its SHA-256 that of its snapshot', s.found === s.acknowledged && s.duplicated === 0 && s.hashMismatches === 0 && s.rows === s.acknowledged,
    `${s.acknowledged} acknowledged, ${s.found} found, ${s.duplicated} duplicated, ${s.hashMismatches} hash mismatches, ${s.rows} rows`);
  const e = await emailCounts(bench.db, sink);
  result.counts.emails = e;
  test('the notifications caught up: every e-mail delivered, none lost, none twice', Boolean(caughtUp) && e.queued >= 2 * orgs && e.lost === 0 && e.unsent === 0 && e.duplicated === 0 && e.unknown === 0,
    `${e.queued} queued, ${e.delivered} delivered, ${e.lost} lost, ${e.duplicated} duplicated, ${e.resent} re-sent with the same Message-ID`);
  const audit = auditVerify(env, snap);
  result.counts.audit = audit;
  test('the audit chain verifies', audit.ok, audit.output);
  say(name, `done: ${JSON.stringify({ submissions: s, emails: e, audit: audit.checked })}`);
  return result;
}
