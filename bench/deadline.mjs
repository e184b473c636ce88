#!/usr/bin/env node
/**
 * Deadline benchmark: 300 organisations save their drafts and then all submit in the same instant, against a
 * real API + worker on a fresh database. Prints latencies (baseline / save / submit), checks in the database
 * that no submission was lost or duplicated and that every SHA-256 matches its frozen snapshot, then tears
 * everything down (children, database, queue keys) even on failure.
 *
 *   npm run bench:deadline
 *
 * Order: seed (SQL) → log in and start 300 applications → baseline (GET /api/organizations/mine, measured first, while
 * the system is quiet) → save (5 autosaves each) → submit (one burst of 300, sockets opened beforehand, with a
 * bystander reading a call every 250 ms and pg_stat_activity sampled every 20 ms) → checks → teardown.
 * The machine's CPU pressure (/proc/pressure/cpu) is printed: other work on the box skews every figure.
 *
 * Settings (environment): BENCH_PORT (3400), BENCH_ORGS (300), BENCH_SAVES (5), BENCH_SAVE_CONCURRENCY (50),
 * BENCH_SUBMIT_SPREAD_S (0 = one burst; N = submissions paced evenly over N seconds), BENCH_TIME_LIMIT_S (600),
 * and those of every bench (bench/lib.mjs: database, Redis, baseline, API node flags, real hashes, statement log).
 * Results: test-artifacts/bench-deadline.json; server logs: test-artifacts/bench-deadline-{api,worker}.log.
 */
/* global process, console */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ARTIFACTS, ROOT, benchPasswordHash, buildInfo, checklist, commonConfig, cpuDelta, cpuPressure, cpuSnapshot, createBench, ensureBuilt, int,
  loadAverage, log, machineInfo, measureBaseline, pool, printMachine, require, round, sleep, stats, table, writeResults,
} from './lib.mjs';

const CFG = {
  ...commonConfig({ port: 3400, timeLimitS: 600 }),
  orgs: int('BENCH_ORGS', 300),
  saves: int('BENCH_SAVES', 5),
  saveConcurrency: int('BENCH_SAVE_CONCURRENCY', 50),
  submitSpreadS: int('BENCH_SUBMIT_SPREAD_S', 0),
};
const CALL_REFERENCE = 'MF-BENCH-01';
const PASSWORD = 'bench-correct-horse-battery';

const bench = createBench({ name: 'deadline', adminUrl: CFG.adminUrl, redisUrl: CFG.redisUrl, port: CFG.port, timeLimitS: CFG.timeLimitS });
const { Client, dbName, queuePrefix } = bench;

async function main() {
  const loadAtStart = loadAverage();
  await ensureBuilt();
  const domain = require(join(ROOT, 'libs/domain/dist/index.js'));
  const { demoApplicationContent } = require(join(ROOT, 'apps/api/dist/seed/demo-application.js'));
  const pressureAtStart = cpuPressure();
  const build = buildInfo();
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!(await bench.portFree())) throw new Error(`port ${CFG.port} is in use (set BENCH_PORT)`);

  // 1. database, migrations, API and worker
  const pgVersion = await bench.createDatabase();
  const env = await bench.serviceEnv();
  const { api, worker } = await bench.startServices(env, { apiNodeOptions: CFG.apiNodeOptions, worker: true });
  const { db } = bench;

  // 2. seed: one hash for everyone; a secretariat officer; N organisations with an owner each
  const hash = await benchPasswordHash(PASSWORD);
  const officerEmail = await bench.insertOfficer(hash);
  const owners = await bench.insertOrganizationOwners(CFG.orgs, hash);
  log(`seeded ${owners.length} organisations with an owner each, and a secretariat officer`);

  const officer = await new Client(officerEmail).login(PASSWORD);
  const created = (await officer.must('POST', '/api/calls', { reference: CALL_REFERENCE, title: { en: 'Bench call', sq: 'Bench call', sr: 'Bench call' } })).body;
  const { reference: _r, documents: _d, ...definition } = { ...domain.demoCallDraft(new Date().toISOString(), CALL_REFERENCE), requiredAttachments: [] };
  const saved = (await officer.must('PATCH', `/api/calls/${created.id}`, { definition, version: created.version })).body;
  const published = (await officer.must('POST', `/api/calls/${created.id}/publish`, { version: saved.version })).body;
  const callId = created.id;
  log(`call ${CALL_REFERENCE} published (status ${published.status}, deadline ${published.submissionDeadlineAt})`);

  const tLogin = performance.now();
  const clients = owners.map((o) => new Client(o.email));
  await pool(clients, CFG.loginConcurrency, async (c) => {
    await c.login(PASSWORD);
    const app = (await c.must('POST', `/api/calls/${callId}/applications`, undefined, [201])).body;
    c.appId = app.id;
    c.version = app.version;
  });
  log(`${clients.length} owners logged in and started an application in ${round((performance.now() - tLogin) / 1000)} s`);

  const results = {};
  const diagnostics = {};

  // 5 (measured first, on a quiet system). Baseline: one primary-key read behind the session
  const cpu = {};
  ({ result: results.baseline, cpu: cpu.baseline } = await measureBaseline(bench, clients, { count: CFG.baseline, concurrency: CFG.baselineConcurrency, api, worker }));

  // 3. save: every organisation saves its draft N times, each with the version it last got
  const saveSamples = [];
  let c0 = await cpuSnapshot(db, api, worker);
  let t0 = performance.now();
  await pool(clients, CFG.saveConcurrency, async (c, i) => {
    for (let k = 0; k < CFG.saves; k++) {
      const content = demoApplicationContent('2027-03-01', (i + 1) * 10 + k);
      const r = await c.call('PATCH', `/api/applications/${c.appId}`, { version: c.version, content });
      saveSamples.push(r);
      if (r.status === 200) c.version = r.body.version;
    }
  });
  results.save = stats('save PATCH /applications/:id', saveSamples, performance.now() - t0);
  cpu.save = cpuDelta(c0, await cpuSnapshot(db, api, worker), saveSamples.length);
  log(`save: ${results.save.count} requests, p95 ${results.save.p95} ms`);

  // 4. submit: everyone at once (or paced over BENCH_SUBMIT_SPREAD_S seconds)
  await pool(clients, clients.length, (c) => c.call('GET', '/api/auth/me')); // opens one kept-alive socket per organisation
  c0 = await cpuSnapshot(db, api, worker);
  const sampler = bench.activitySampler();
  // a bystander: the officer reads the call every 250 ms while the organisations submit
  const probeSamples = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      probeSamples.push(await officer.call('GET', `/api/calls/${callId}`));
      await sleep(250);
    }
  })();
  t0 = performance.now();
  const submitSamples = await Promise.all(clients.map(async (c, i) => {
    if (CFG.submitSpreadS) await sleep((i * CFG.submitSpreadS * 1000) / clients.length);
    const r = await c.call('POST', `/api/applications/${c.appId}/submit`, { version: c.version });
    r.client = c;
    return r;
  }));
  const submitWall = performance.now() - t0;
  probing = false;
  await probe;
  cpu.submit = cpuDelta(c0, await cpuSnapshot(db, api, worker), submitSamples.length);
  diagnostics.submitActivity = await sampler.finish();
  results.submit = stats(CFG.submitSpreadS ? `submit (paced over ${CFG.submitSpreadS} s)` : 'submit POST …/submit (one burst)', submitSamples, submitWall);
  results.submit.submissionsPerSecond = round((submitSamples.filter((s) => s.status === 200).length / submitWall) * 1000, 1);
  const firstDone = Math.min(...submitSamples.map((s) => s.t1)) - t0;
  const lastSent = Math.max(...submitSamples.map((s) => s.t0)) - t0;
  results.submit.firstAnswerMs = round(firstDone);
  results.submit.lastSentMs = round(lastSent);
  results.probeDuringSubmit = stats('officer GET /calls/:id every 250 ms during the submit phase', probeSamples, submitWall);
  log(`submit: ${results.submit.count} requests, p95 ${results.submit.p95} ms, ${results.submit.submissionsPerSecond} submissions/s`);

  // 6. figures
  const ratios = {
    'p95(submit)/p95(baseline)': round(results.submit.p95 / results.baseline.p95, 2),
    'p95(save)/p95(baseline)': round(results.save.p95 / results.baseline.p95, 2),
  };
  const queue = CFG.redisUrl ? 'redis' : 'postgres';
  let queueEvidence = '';
  if (CFG.redisUrl) {
    try {
      const keys = await bench.redisKeySample();
      queueEvidence = `${keys.length}+ keys under ${queuePrefix}: in Redis`;
    } catch (e) { queueEvidence = `Redis not readable: ${e.message}`; }
  } else {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'bullmq'`);
    queueEvidence = `${rows[0].n} tables in schema bullmq`;
  }
  const machine = machineInfo({ pressureAtStart, loadAtStart, build, pgVersion, queue, queueEvidence });

  console.log('\n=== Deadline benchmark ===');
  printMachine(machine);
  console.log(`queue: ${queue.toUpperCase()} (${queueEvidence}); organisations: ${clients.length}; saves each: ${CFG.saves}`);
  console.log('');
  const rows = ['baseline', 'save', 'submit'].map((k) => {
    const s = results[k];
    return { phase: k, requests: s.count, errors: s.errors, 'req/s': s.throughput, 'p50 ms': s.p50, 'p95 ms': s.p95, 'p99 ms': s.p99, 'max ms': s.max, 'conc.': k === 'baseline' ? CFG.baselineConcurrency : k === 'save' ? CFG.saveConcurrency : (CFG.submitSpreadS ? `paced ${CFG.submitSpreadS}s` : clients.length) };
  });
  console.log(table(rows, ['phase', 'requests', 'errors', 'conc.', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms']));
  for (const k of ['baseline', 'save', 'submit']) if (results[k].errors) console.log(`  ${k} errors: ${JSON.stringify(results[k].errorKinds)}`);
  console.log('');
  console.log(`submit burst: ${results.submit.submissionsPerSecond} submissions/s (${clients.length} in ${round(submitWall)} ms; first answer after ${results.submit.firstAnswerMs} ms, last request sent at ${results.submit.lastSentMs} ms)`);
  for (const [k, v] of Object.entries(ratios)) console.log(`${k} = ${v}`);
  const pr = results.probeDuringSubmit;
  console.log(`bystander during the submit phase (officer GET /api/calls/:id every 250 ms): ${pr.count} requests, p50 ${pr.p50} ms, p95 ${pr.p95} ms, max ${pr.max} ms, ${pr.errors} errors`);
  const target = results.submit.p95 < 250;
  console.log(`target p95(submit) < 250 ms: ${target ? 'MET' : 'MISSED'} (${results.submit.p95} ms)`);
  console.log('\nCPU time (ms) per request of the API process and of its PostgreSQL backends; whole-phase CPU of the worker (and its backends) and of the bench:');
  console.log(table(['baseline', 'save', 'submit'].map((k) => ({
    phase: k, 'API ms/req': cpu[k].apiMsPerRequest, 'PG(API) ms/req': cpu[k].postgresForApiMsPerRequest, 'API busy (cores)': cpu[k].apiCoreShare,
    'worker ms': cpu[k].workerMs, 'PG(worker) ms': cpu[k].postgresForWorkerMs, 'PG(other) ms': cpu[k].postgresOtherMs, 'bench ms': cpu[k].benchMs,
  })), ['phase', 'API ms/req', 'PG(API) ms/req', 'API busy (cores)', 'worker ms', 'PG(worker) ms', 'PG(other) ms', 'bench ms']));
  console.log('\nPostgreSQL backends of the API during the submit phase (average number in each state, sampled every 20 ms):');
  for (const t of diagnostics.submitActivity.top) console.log(`  ${String(t.avgBackends).padStart(6)}  ${t.what}`);
  console.log(`  (max active at once: ${diagnostics.submitActivity.maxActive}, ${diagnostics.submitActivity.samples} samples)`);

  // 6b. checks in the database
  const { checks, check, printChecks } = checklist();
  const { rows: apps } = await db.query(`SELECT id, status, reference, sha256 FROM applications WHERE call_id = $1`, [callId]);
  const { rows: [{ n: submittedTotal }] } = await db.query(`SELECT count(*)::int AS n FROM applications WHERE status = 'submitted'`);
  check(`exactly ${clients.length} applications with status 'submitted'`, submittedTotal === clients.length && apps.length === clients.length, `${submittedTotal} submitted of ${apps.length}`);
  const { rows: subs } = await db.query(`SELECT application_id, seq, reference, snapshot, sha256 FROM application_submissions`);
  check(`exactly ${clients.length} rows in application_submissions`, subs.length === clients.length, `${subs.length} rows`);
  const perApp = new Map();
  for (const s of subs) perApp.set(s.application_id, (perApp.get(s.application_id) ?? 0) + 1);
  check('one submission per application (none lost, none duplicated)', perApp.size === clients.length && [...perApp.values()].every((n) => n === 1) && clients.every((c) => perApp.get(c.appId) === 1),
    `${perApp.size} applications with a submission, ${[...perApp.values()].filter((n) => n > 1).length} with more than one`);
  const refs = subs.map((s) => s.reference);
  const re = new RegExp(`^${CALL_REFERENCE}-\\d{3}$`);
  check(`references distinct and matching /^${CALL_REFERENCE}-\\d{3}$/`, new Set(refs).size === refs.length && refs.every((r) => re.test(r)) && refs.length === clients.length,
    `${new Set(refs).size} distinct of ${refs.length}; ${refs.filter((r) => !re.test(r)).length} malformed`);
  const sha = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
  const badHash = subs.filter((s) => sha(domain.canonicalJson(s.snapshot)) !== s.sha256.trim());
  check('sha256 = SHA-256(canonicalJson(snapshot)) for every submission', subs.length > 0 && badHash.length === 0, `${subs.length - badHash.length} of ${subs.length} match`);
  const appById = new Map(apps.map((a) => [a.id, a]));
  const answered = submitSamples.filter((s) => s.status === 200);
  const mismatched = answered.filter((s) => { const a = appById.get(s.client.appId); return !a || a.reference !== s.body.reference || a.sha256?.trim() !== s.body.sha256 || a.status !== 'submitted'; });
  check('every 200 answer matches its stored reference and sha256', answered.length === clients.length && mismatched.length === 0, `${answered.length} answered 200, ${mismatched.length} differ from the database`);
  const { rows: [audit] } = await db.query(`SELECT count(*) FILTER (WHERE action = 'application.submitted')::int AS n, count(*)::int AS total, max(seq)::int AS max FROM audit_log`);
  check('audit log: one application.submitted entry each, seq without gaps', audit.n === clients.length && audit.max === audit.total, `${audit.n} entries, ${audit.total} rows, max seq ${audit.max}`);

  const allOk = printChecks();

  const out = {
    at: new Date().toISOString(), config: { ...CFG, apiNodeOptions: CFG.apiNodeOptions.join(' ') }, database: dbName, queuePrefix, machine,
    results, cpu, ratios, target: { submitP95BelowMs: 250, met: target }, checks, allChecksOk: allOk, diagnostics,
  };
  writeResults('bench-deadline.json', out);
  return allOk;
}

process.exit(await bench.run(main));
