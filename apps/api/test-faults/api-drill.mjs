/**
 * API drill: N organisations submit, 30 at a time; when K submissions have been answered the API is killed with
 * SIGKILL (the others in flight die with it) and started again. A client whose request failed with a connection
 * error retries the same request (same version) until the API answers: 200 if its first try never committed, or
 * 409 if it did (the version moved), after which it reads its application back. Every submission acknowledged (a
 * 2xx answer, or a read showing it submitted) must exist exactly once with its SHA-256, and none may be doubled by
 * the retries; the worker keeps running and every confirmation e-mail must arrive once.
 */
import { join } from 'node:path';
import { benchPasswordHash, pool, require, sleep } from '../../../bench/lib.mjs';
import {
  PASSWORD, auditVerify, officerLogin, emailCounts, prepareApplications, publishCall, say, seedOrganisations, startServices, startSink, submissionCounts, until,
} from './lib.mjs';

export async function apiDrill({ bench, snap, redisUrl, orgs = 120, concurrency = 30, killAfter = 40, retryForMs = 90_000, drainTimeoutMs = 90_000 }) {
  const name = 'api';
  const result = { name, tests: [], counts: {} };
  const test = (title, ok, detail) => result.tests.push({ name: `API drill: ${title}`, status: ok ? 'passed' : 'failed', detail });
  const domain = require(join(snap, 'libs/domain/dist/index.js'));
  const { demoApplicationContent } = require(join(snap, 'apps/api/dist/seed/demo-application.js'));
  const sink = await startSink();
  result.closeSink = () => sink.close();
  await bench.createDatabase();
  const env = { ...(await bench.serviceEnv()), SMTP_URL: sink.url, MAIL_FROM: 'Grant Secretariat <grants@faults.example.org>' };
  if (redisUrl) env.REDIS_URL = redisUrl; else delete env.REDIS_URL;
  let { api } = await startServices(bench, env, snap, { worker: true });
  const hash = await benchPasswordHash(PASSWORD);
  const owners = await seedOrganisations(bench.db, orgs, hash, 'A');
  const officer = await officerLogin(bench, hash);
  const { callId } = await publishCall(officer, domain, 'MF-FAULT-A1', null);
  const clients = await prepareApplications(bench, owners, callId, demoApplicationContent, pool);
  say(name, `${orgs} applications ready; submitting ${concurrency} at a time, the API is killed after ${killAfter} answers`);

  let answered = 0;
  let killed = null;
  let restarted = null;
  const restart = (async () => {
    await until(() => killed !== null, 120_000, 5);
    await sleep(200);
    api = bench.startChild('api-restarted', join(snap, 'apps/api/dist/main.js'), env);
    await bench.waitHealthy(api);
    restarted = Date.now();
    say(name, `API restarted and healthy ${Math.round((restarted - killed) / 100) / 10} s after the kill`);
  })();
  const outcome = await pool(clients, concurrency, async (c) => {
    const tries = [];
    const started = Date.now();
    for (;;) {
      const r = await c.call('POST', `/api/applications/${c.appId}/submit`, { version: c.version }, { timeoutMs: 30_000 });
      tries.push(r.status);
      if (r.status !== 0) {
        if (++answered === killAfter && !killed) {
          api.child.kill('SIGKILL');
          killed = Date.now();
        }
        if (r.status >= 200 && r.status < 300) return { c, tries, ack: { appId: c.appId, reference: r.body.reference, sha256: r.body.sha256 }, how: tries.length > 1 ? 'retry-2xx' : '2xx' };
        if (r.status === 409 && tries.length > 1) {
          // the first try committed before the API died: the application says so
          const g = await c.call('GET', `/api/applications/${c.appId}`);
          if (g.status === 200 && g.body.status === 'submitted') return { c, tries, ack: { appId: c.appId, reference: g.body.reference, sha256: g.body.sha256 }, how: 'retry-409-read' };
        }
        return { c, tries, ack: null, how: `refused ${r.status} ${r.body?.details?.[0]?.field ?? ''} ${r.body?.details?.[0]?.code ?? r.body?.error ?? ''}` };
      }
      if (Date.now() - started > retryForMs) return { c, tries, ack: null, how: `gave up: ${r.error}` };
      await sleep(300);
    }
  });
  await restart;
  const connectionErrors = outcome.filter((o) => o.tries.includes(0));
  const how = {};
  for (const o of outcome) how[o.how] = (how[o.how] ?? 0) + 1;
  result.counts.outcomes = how;
  say(name, `all answered: ${JSON.stringify(how)}; ${connectionErrors.length} requests died with the API`);
  test('the API was killed with submissions in flight', killed !== null && connectionErrors.length > 0, `${connectionErrors.length} requests failed with a connection error`);
  // a client that never saw its answer may send the same request again later: refused, nothing added
  const replays = await pool(outcome.filter((o) => o.ack).slice(0, 30), 10, (o) => o.c.call('POST', `/api/applications/${o.c.appId}/submit`, { version: o.c.version }));
  test('the same submission sent again after it was acknowledged is refused (409) and adds nothing', replays.every((r) => r.status === 409),
    `${replays.filter((r) => r.status === 409).length} of ${replays.length} answered 409`);
  const acknowledged = outcome.filter((o) => o.ack).map((o) => o.ack);
  test('every organisation got its submission acknowledged (retrying after a connection error)', acknowledged.length === clients.length,
    `${acknowledged.length} of ${clients.length}; ${JSON.stringify(how)}`);
  const s = await submissionCounts(bench.db, domain, callId, acknowledged);
  result.counts.submissions = s;
  test('every acknowledged submission exists exactly once with its SHA-256 (no duplicate from a retry)', s.found === s.acknowledged && s.duplicated === 0 && s.hashMismatches === 0 && s.rows === s.acknowledged,
    `${s.acknowledged} acknowledged, ${s.found} found, ${s.duplicated} duplicated, ${s.hashMismatches} hash mismatches, ${s.rows} rows`);
  const drained = await until(async () => (await bench.db.query(`SELECT count(*)::int AS n FROM emails WHERE status <> 'sent'`)).rows[0].n === 0, drainTimeoutMs);
  await sleep(1000);
  const e = await emailCounts(bench.db, sink);
  result.counts.emails = e;
  test('every confirmation e-mail delivered once', drained && e.lost === 0 && e.duplicated === 0 && e.unsent === 0 && e.unknown === 0,
    `${e.queued} queued, ${e.delivered} delivered, ${e.lost} lost, ${e.duplicated} duplicated`);
  const audit = auditVerify(env, snap);
  result.counts.audit = audit;
  test('the audit chain verifies', audit.ok, audit.output);
  say(name, `done: ${JSON.stringify({ submissions: s, emails: e, audit: audit.checked })}`);
  return result;
}
