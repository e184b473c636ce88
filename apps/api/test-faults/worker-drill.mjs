/**
 * Worker drill: the Secretariat publishes a call, which e-mails every one of N organisations (one transaction: N
 * e-mail rows and their outbox rows). The worker is killed with SIGKILL the moment the SMTP sink has answered
 * "250" to the K-th message (so that message is sent but not yet marked sent: the worst moment), restarted, and the
 * drill waits until every e-mail row is sent. Each e-mail must have reached the sink, under one Message-ID.
 */
/* global setTimeout */
import { join } from 'node:path';
import { benchPasswordHash, require } from '../../../bench/lib.mjs';
import { PASSWORD, auditVerify, officerLogin, emailCounts, publishCall, say, seedOrganisations, startServices, startSink, until } from './lib.mjs';

export async function workerDrill({ bench, snap, redisUrl, orgs = 200, killAt = 60, drainTimeoutMs = 150_000 }) {
  const name = 'worker';
  const result = { name, tests: [], counts: {} };
  const test = (title, ok, detail) => result.tests.push({ name: `worker drill: ${title}`, status: ok ? 'passed' : 'failed', detail });
  const domain = require(join(snap, 'libs/domain/dist/index.js'));
  let worker = null;
  let killedAt = null;
  const sink = await startSink({
    onAccepted: (n) => {
      if (n === killAt && worker && !worker.exited) {
        worker.child.kill('SIGKILL'); // right after the "250": this message is sent, its row not yet marked
        killedAt = Date.now();
      }
    },
  });
  try {
    await bench.createDatabase();
    const env = { ...(await bench.serviceEnv()), SMTP_URL: sink.url, MAIL_FROM: 'Grant Secretariat <grants@faults.example.org>' };
    if (redisUrl) env.REDIS_URL = redisUrl; else delete env.REDIS_URL;
    ({ worker } = await startServices(bench, env, snap, { worker: true }));
    const hash = await benchPasswordHash(PASSWORD);
    await seedOrganisations(bench.db, orgs, hash, 'W');
    const officer = await officerLogin(bench, hash);
    say(name, `${orgs} organisations seeded; publishing the call (one e-mail to each)`);
    await publishCall(officer, domain, 'MF-FAULT-W1', null);
    await until(() => killedAt !== null || worker.exited, 60_000, 20);
    const sentWhenKilled = (await bench.db.query(`SELECT count(*)::int AS n FROM emails WHERE status = 'sent'`)).rows[0].n;
    say(name, `worker killed (SIGKILL) after ${sink.accepted.length} messages accepted by the sink, ${sentWhenKilled} rows marked sent; restarting it`);
    test('the worker was killed in the middle of the batch', killedAt !== null && sentWhenKilled < orgs, `${sink.accepted.length} accepted, ${sentWhenKilled} of ${orgs} marked sent`);
    await new Promise((r) => setTimeout(r, 300));
    worker = bench.startChild('worker-restarted', join(snap, 'apps/api/dist/worker.js'), env);
    const t = Date.now();
    const drained = await until(async () => {
      const { rows: [r] } = await bench.db.query(`SELECT count(*) FILTER (WHERE status <> 'sent')::int AS pending, count(*)::int AS total FROM emails`);
      return r.total >= orgs && r.pending === 0;
    }, drainTimeoutMs);
    await new Promise((r) => setTimeout(r, 1000)); // a late duplicate would show up here
    const c = await emailCounts(bench.db, sink);
    result.counts.emails = c;
    say(name, `outbox drained ${drained ? `${Math.round((Date.now() - t) / 1000)} s after the restart` : 'NOT within the time limit'}: ${JSON.stringify(c)}`);
    test('every e-mail of the batch was sent after the restart (none lost)', drained && c.queued === orgs && c.lost === 0 && c.unsent === 0, `${c.delivered} of ${c.queued} delivered, ${c.lost} lost, ${c.unsent} not marked sent`);
    test('no e-mail reached the mailbox twice (one Message-ID per e-mail)', c.duplicated === 0 && c.unknown === 0, `${c.duplicated} under two Message-IDs, ${c.resent} re-sent with the same Message-ID after the crash`);
    const audit = auditVerify(env, snap);
    result.counts.audit = audit;
    test('the audit chain verifies', audit.ok, audit.output);
  } finally {
    result.closeSink = () => sink.close();
  }
  return result;
}
