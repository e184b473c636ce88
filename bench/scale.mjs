#!/usr/bin/env node
/**
 * Scale-out benchmark (issue 14): the deadline rush of bench:deadline, run twice in one go, each on a fresh database
 * and queue prefix against the one PostgreSQL and the one Redis of the machine:
 *
 *   single   one API process and one worker (the API answers the bench directly)
 *   scaled   two API processes (separate processes on two ports) behind a small round-robin load balancer
 *            (bench/lb.mjs, kept-alive sockets) and two worker processes
 *
 * Each run: N organisations log in (the login through one API process, the next request through the other: sessions
 * are in PostgreSQL), start and save their application, then all submit at once; the worker relays each submission's
 * e-mail through the outbox and sends it to an SMTP sink in the bench. Then it checks in the database, in Redis and in
 * the sink: no submission lost or duplicated, every SHA-256 matches its frozen snapshot, no job started twice, every
 * outbox row relayed to exactly one job, every e-mail received once (counted by Message-ID) and sent in one attempt,
 * each scheduled job registered once with one job per occurrence although two workers registered them. It prints
 * throughput (submissions/s of the burst, e-mails delivered/s after it) for both topologies and their ratio.
 *
 *   npm run bench:scale
 *
 * Settings (environment): BENCH_PORT (3450: the single API, and the load balancer of the scaled run; the API processes
 * use the next ports), BENCH_ORGS (300), BENCH_SAVES (2), BENCH_SAVE_CONCURRENCY (50), BENCH_TIME_LIMIT_S (900),
 * BENCH_SCALE_TOPOLOGIES (single,scaled), and those of every bench (bench/lib.mjs). Results: test-artifacts/bench-scale.json;
 * server logs: test-artifacts/bench-scale-<topology>-{api-a,api-b,lb,worker-1,worker-2}.log.
 */
/* global process, console */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ARTIFACTS, PgClient, ROOT, benchPasswordHash, buildInfo, checklist, commonConfig, cpuPressure, createBench, ensureBuilt, int, loadAverage, log,
  machineInfo, pool, printMachine, require, round, sleep, stats, table, tail, writeResults,
} from './lib.mjs';

const CFG = {
  ...commonConfig({ port: 3450, timeLimitS: 900 }),
  orgs: int('BENCH_ORGS', 300),
  saves: int('BENCH_SAVES', 2),
  saveConcurrency: int('BENCH_SAVE_CONCURRENCY', 50),
  topologies: (process.env.BENCH_SCALE_TOPOLOGIES || 'single,scaled').split(',').map((s) => s.trim()).filter(Boolean),
};
if (!CFG.redisUrl) throw new Error('bench:scale needs Redis (BENCH_REDIS_URL): several workers share a BullMQ queue in Redis');
for (const t of CFG.topologies) if (!['single', 'scaled'].includes(t)) throw new Error(`BENCH_SCALE_TOPOLOGIES: single and/or scaled, not ${t}`);
const PASSWORD = 'bench-correct-horse-battery';
const MAIL_DOMAIN = 'bench-scale.example.org';

// ------------------------------------------------------------------------------------------ SMTP sink (counts by Message-ID)
async function startSink() {
  const { SMTPServer } = require('smtp-server');
  const received = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, cb) {
      let head = '';
      stream.on('data', (c) => { if (head.length < 8192) head += c.toString('utf8'); });
      stream.on('end', () => {
        const headers = head.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
        const messageId = /^message-id:\s*(\S+)/im.exec(headers)?.[1] ?? null;
        const emailId = /^x-grant-portal-email-id:\s*(\S+)/im.exec(headers)?.[1] ?? null;
        received.push({ messageId, emailId, at: performance.now() });
        cb();
      });
    },
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `smtp://127.0.0.1:${server.server.address().port}`, received, close: () => new Promise((r) => server.close(r)) };
}

// ------------------------------------------------------------------------------------------ CPU of the machine and of the children
function machineCpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  return { total: f.reduce((a, b) => a + b, 0), idle };
}
const busyShare = (a, b) => round(1 - (b.idle - a.idle) / Math.max(1, b.total - a.total), 2);
function procCpuMs(pid) {
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch { return 0; }
}

const portFree = (port) => new Promise((r) => {
  const s = net.createServer().once('error', () => r(false)).once('listening', () => s.close(() => r(true))).listen(port, '127.0.0.1');
});
const getStatus = (port, path) => new Promise((r) => {
  const req = http.get({ host: '127.0.0.1', port, path, timeout: 2000 }, (res) => { res.resume(); r(res.statusCode); });
  req.on('error', () => r(0));
  req.on('timeout', () => req.destroy());
});

/** Staff must have a second factor (issue 14): a freshly seeded officer enrols an authenticator app on first login. */
async function passSecondFactor(c) {
  const me = (await c.must('GET', '/api/auth/me')).body;
  if (me?.secondFactor?.state !== 'enrol') return;
  const { generate } = await import('otplib');
  const setup = (await c.must('POST', '/api/auth/second-factor/totp/setup')).body;
  await c.must('POST', '/api/auth/second-factor/totp/confirm', { code: await generate({ secret: setup.secret }) });
}

// ------------------------------------------------------------------------------------------ one topology
async function runTopology(topology, domain, demoApplicationContent, sink) {
  const scaled = topology === 'scaled';
  const lbPort = CFG.port;
  const apiPorts = scaled ? [CFG.port + 1, CFG.port + 2] : [CFG.port];
  for (const p of [lbPort, ...apiPorts]) if (!(await portFree(p))) throw new Error(`port ${p} is in use (set BENCH_PORT)`);
  const bench = createBench({ name: `scale-${topology}`, adminUrl: CFG.adminUrl, redisUrl: CFG.redisUrl, port: lbPort, timeLimitS: CFG.timeLimitS + 60 });
  const { Client } = bench;
  const sinkStart = sink.received.length;
  try {
    await bench.createDatabase();
    const env = await bench.serviceEnv();
    Object.assign(env, { SMTP_URL: sink.url, MAIL_FROM: `Bench Secretariat <grants@${MAIL_DOMAIN}>`, API_PROCESSES: '1', MIGRATE_ON_START: 'false' });
    const { spawnSync } = await import('node:child_process');
    const mig = spawnSync(process.execPath, ['apps/api/dist/cli/migrate.js'], { cwd: ROOT, env, encoding: 'utf8' });
    if (mig.status !== 0) throw new Error(`migrate failed:\n${mig.stdout}\n${mig.stderr}`);

    const apis = apiPorts.map((p, i) => bench.startChild(scaled ? `api-${'ab'[i]}` : 'api', 'apps/api/dist/main.js', { ...env, PORT: String(p) }, CFG.apiNodeOptions));
    const workers = (scaled ? [1, 2] : [1]).map((n) => bench.startChild(`worker-${n}`, 'apps/api/dist/worker.js', env));
    const lb = scaled ? bench.startChild('lb', 'bench/lb.mjs', { ...process.env, LB_PORT: String(lbPort), LB_TARGETS: apiPorts.map((p) => `127.0.0.1:${p}`).join(',') }) : null;
    const until = Date.now() + 90_000;
    for (;;) {
      const dead = [...apis, ...workers, ...(lb ? [lb] : [])].find((c) => c.exited);
      if (dead) throw new Error(`${dead.name} exited (${JSON.stringify(dead.exited)}):\n${tail(dead.logFile)}`);
      const codes = await Promise.all([...apiPorts, ...(lb ? [lbPort] : [])].map((p) => getStatus(p, '/api/health')));
      if (codes.every((c) => c === 200)) break;
      if (Date.now() > until) throw new Error(`not healthy within 90 s: ${codes.join(', ')}`);
      await sleep(250);
    }
    await sleep(1500);
    log(`${topology}: ${apis.length} API process(es)${lb ? ' behind the load balancer' : ''} and ${workers.length} worker(s) healthy`);
    bench.db = new PgClient({ connectionString: bench.dbUrl, application_name: 'bench' });
    await bench.db.connect();
    const { db } = bench;

    // seed: N organisations with an owner each, a secretariat officer; the call published through the API
    const hash = await benchPasswordHash(PASSWORD);
    const officerEmail = await bench.insertOfficer(hash);
    const owners = await bench.insertOrganizationOwners(CFG.orgs, hash);
    const reference = `MF-SCALE-${topology === 'scaled' ? 'S' : '1'}`;
    const officer = await new Client(officerEmail).login(PASSWORD);
    await passSecondFactor(officer);
    const created = (await officer.must('POST', '/api/calls', { reference, title: { en: 'Bench call', sq: 'Bench call', sr: 'Bench call' } })).body;
    const { reference: _r, documents: _d, ...definition } = { ...domain.demoCallDraft(new Date().toISOString(), reference), requiredAttachments: [] };
    const saved = (await officer.must('PATCH', `/api/calls/${created.id}`, { definition, version: created.version })).body;
    await officer.must('POST', `/api/calls/${created.id}/publish`, { version: saved.version });
    const callId = created.id;

    const clients = owners.map((o) => new Client(o.email));
    await pool(clients, CFG.loginConcurrency, async (c) => {
      await c.login(PASSWORD);
      const app = (await c.must('POST', `/api/calls/${callId}/applications`, undefined, [201])).body;
      c.appId = app.id;
      c.version = app.version;
    });
    log(`${topology}: ${clients.length} owners logged in and started an application`);

    const saveSamples = [];
    let t0 = performance.now();
    await pool(clients, CFG.saveConcurrency, async (c, i) => {
      for (let k = 0; k < CFG.saves; k++) {
        const r = await c.call('PATCH', `/api/applications/${c.appId}`, { version: c.version, content: demoApplicationContent('2027-03-01', (i + 1) * 10 + k) });
        saveSamples.push(r);
        if (r.status === 200) c.version = r.body.version;
      }
    });
    const save = stats('save', saveSamples, performance.now() - t0);

    // the burst: everyone submits at once (sockets opened beforehand)
    await pool(clients, clients.length, (c) => c.call('GET', '/api/auth/me'));
    const sinkBefore = sink.received.length;
    const pids = [...apis, ...workers, ...(lb ? [lb] : [])].map((c) => ({ name: c.name, pid: c.child.pid }));
    const cpu0 = { machine: machineCpu(), procs: pids.map((p) => procCpuMs(p.pid)) };
    t0 = performance.now();
    const submitSamples = await Promise.all(clients.map(async (c) => {
      const r = await c.call('POST', `/api/applications/${c.appId}/submit`, { version: c.version });
      r.client = c;
      return r;
    }));
    const submitWall = performance.now() - t0;
    const cpu1 = { machine: machineCpu(), procs: pids.map((p) => procCpuMs(p.pid)) };
    const submit = stats('submit', submitSamples, submitWall);
    submit.submissionsPerSecond = round((submitSamples.filter((s) => s.status === 200).length / submitWall) * 1000, 1);
    log(`${topology}: submit burst ${submit.submissionsPerSecond} submissions/s, p95 ${submit.p95} ms`);
    const firstError = submitSamples.find((r) => r.status !== 200);
    if (firstError) log(`${topology}: ${submit.errors} submissions refused, the first: ${firstError.status} ${JSON.stringify(firstError.body ?? firstError.error).slice(0, 400)}`);

    // the e-mails: one per submission (the owner's receipt), through outbox → queue → worker → SMTP
    const expectedMails = submitSamples.filter((r) => r.status === 200).length;
    const mailUntil = Date.now() + 180_000;
    while (sink.received.length - sinkBefore < expectedMails && Date.now() < mailUntil) await sleep(100);
    const mails = sink.received.slice(sinkBefore);
    const mailDoneMs = mails.length ? Math.max(...mails.map((m) => m.at)) - t0 : NaN;
    const mailsPerSecond = round((mails.length / mailDoneMs) * 1000, 1);
    await sleep(1500); // a late duplicate would arrive now
    const cpu2 = { machine: machineCpu(), procs: pids.map((p) => procCpuMs(p.pid)) };
    log(`${topology}: ${mails.length} e-mails received ${round(mailDoneMs)} ms after the burst began (${mailsPerSecond}/s)`);

    // ---- checks
    const { checks, check } = checklist();
    const { rows: apps } = await db.query(`SELECT id, status, reference, sha256 FROM applications WHERE call_id = $1`, [callId]);
    const submitted = apps.filter((a) => a.status === 'submitted').length;
    check(`${clients.length} applications submitted`, submitted === clients.length && apps.length === clients.length, `${submitted} submitted of ${apps.length}`);
    const { rows: subs } = await db.query(`SELECT application_id, reference, snapshot, sha256 FROM application_submissions`);
    const perApp = new Map();
    for (const s of subs) perApp.set(s.application_id, (perApp.get(s.application_id) ?? 0) + 1);
    check('one submission per application (none lost, none duplicated)', subs.length === clients.length && clients.every((c) => perApp.get(c.appId) === 1),
      `${subs.length} rows, ${[...perApp.values()].filter((n) => n > 1).length} applications with more than one`);
    const refs = subs.map((s) => s.reference);
    check('references distinct', new Set(refs).size === clients.length, `${new Set(refs).size} distinct of ${refs.length}`);
    const sha = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
    const badHash = subs.filter((s) => sha(domain.canonicalJson(s.snapshot)) !== s.sha256.trim());
    check('sha256 = SHA-256(canonicalJson(snapshot)) for every submission', subs.length > 0 && badHash.length === 0, `${subs.length - badHash.length} of ${subs.length} match`);
    const byId = new Map(apps.map((a) => [a.id, a]));
    const answered = submitSamples.filter((s) => s.status === 200);
    const differ = answered.filter((s) => { const a = byId.get(s.client.appId); return !a || a.reference !== s.body.reference || a.sha256?.trim() !== s.body.sha256; });
    check('every 200 answer matches its stored reference and sha256', answered.length === clients.length && differ.length === 0, `${answered.length} answered 200, ${differ.length} differ`);
    const { rows: [audit] } = await db.query(`SELECT count(*) FILTER (WHERE action = 'application.submitted')::int AS n, count(*)::int AS total, max(seq)::int AS max FROM audit_log`);
    check('audit log: one application.submitted entry each, seq without gaps', audit.n === clients.length && audit.max === audit.total, `${audit.n} entries, ${audit.total} rows, max seq ${audit.max}`);

    // jobs: every outbox row relayed to one job id; no job started twice; who ran them
    const { Queue } = require('bullmq');
    const IORedis = require('ioredis');
    const connection = new IORedis(CFG.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('grants', { connection, prefix: bench.queuePrefix });
    let jobFacts;
    try {
      const { rows: outbox } = await db.query(`SELECT id, job_name, coalesce(job_id, 'outbox.' || id) AS job_id, relayed_at FROM outbox`);
      const unrelayed = outbox.filter((o) => !o.relayed_at).length;
      const outboxIds = outbox.map((o) => o.job_id);
      check('every outbox row relayed, each to its own job id', unrelayed === 0 && new Set(outboxIds).size === outboxIds.length,
        `${outbox.length} rows, ${unrelayed} not relayed, ${outboxIds.length - new Set(outboxIds).size} job ids shared`);
      const jobs = await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized'], 0, -1);
      const byJobId = new Map();
      for (const j of jobs) byJobId.set(j.id, (byJobId.get(j.id) ?? 0) + 1);
      const missing = outboxIds.filter((id) => !byJobId.has(id));
      check('each relayed outbox row is exactly one job in the queue', missing.length === 0 && [...byJobId.values()].every((n) => n === 1), `${missing.length} missing of ${outboxIds.length}`);
      const finished = jobs.filter((j) => j.finishedOn);
      const twice = finished.filter((j) => (j.attemptsStarted ?? 0) > 1 || (j.stalledCounter ?? 0) > 0);
      check('no job started twice (attemptsStarted = 1, never stalled)', finished.length > 0 && twice.length === 0,
        `${finished.length} finished jobs, ${twice.length} started more than once${twice.length ? `: ${twice.slice(0, 3).map((j) => `${j.id} ×${j.attemptsStarted}`).join(', ')}` : ''}`);
      const failed = jobs.filter((j) => j.failedReason);
      check('no job failed', failed.length === 0, `${failed.length} failed${failed.length ? `: ${failed[0].id} ${failed[0].failedReason}` : ''}`);
      const byWorker = {};
      for (const j of finished) byWorker[j.processedBy ?? 'unnamed'] = (byWorker[j.processedBy ?? 'unnamed'] ?? 0) + 1;
      if (scaled) check('both workers ran jobs', Object.keys(byWorker).length === 2, JSON.stringify(byWorker));
      // scheduled jobs: both workers registered the same schedulers; one job per occurrence
      const schedulers = await queue.getJobSchedulers(0, -1);
      const keys = schedulers.map((s) => s.key);
      const repeatJobs = jobs.filter((j) => String(j.id).startsWith('repeat:'));
      const occ = new Map();
      for (const j of repeatJobs) {
        const m = /^repeat:(.+):(\d+)$/.exec(String(j.id));
        const k = m ? `${m[1]}@${m[2]}` : String(j.id);
        occ.set(k, (occ.get(k) ?? 0) + 1);
      }
      const refreshRuns = repeatJobs.filter((j) => String(j.id).startsWith('repeat:portfolio.refresh:') && j.finishedOn).length;
      check(`each scheduled job registered once (${workers.length} worker(s) registered them) and one job per occurrence`,
        keys.length >= 5 && new Set(keys).size === keys.length && [...occ.values()].every((n) => n === 1),
        `${keys.length} schedulers (${keys.join(', ')}); ${repeatJobs.length} occurrences queued or run, ${refreshRuns} portfolio.refresh runs`);
      jobFacts = { jobs: jobs.length, finished: finished.length, byWorker, schedulers: keys, refreshRuns };
    } finally {
      await queue.close();
      await connection.quit();
    }

    // e-mails: one per submission, each received once (Message-ID), each sent in one attempt
    check(`one e-mail per submission received after the burst`, mails.length === expectedMails && expectedMails === clients.length, `${mails.length} received for ${expectedMails} submissions`);
    // every e-mail of the run (the receipts and what came before them) against the sink
    const { rows: emails } = await db.query(`SELECT id, status, attempts FROM emails`);
    const all = sink.received.slice(sinkStart);
    const byMessageId = new Map();
    for (const m of all) byMessageId.set(m.messageId, (byMessageId.get(m.messageId) ?? 0) + 1);
    const dupes = [...byMessageId.values()].filter((n) => n > 1).length;
    const expectedIds = new Set(emails.map((e) => `<${e.id}@${MAIL_DOMAIN}>`));
    check('every e-mail received once (counted by Message-ID, one per row of emails)', all.length === emails.length && dupes === 0 && byMessageId.size === emails.length && [...byMessageId.keys()].every((k) => expectedIds.has(k)),
      `${emails.length} rows, ${all.length} received, ${byMessageId.size} distinct Message-IDs, ${dupes} received more than once`);
    check('every e-mail row sent in one SMTP attempt', emails.length > 0 && emails.every((e) => e.status === 'sent' && e.attempts === 1),
      `${emails.filter((e) => e.status === 'sent').length} of ${emails.length} sent, ${emails.filter((e) => e.attempts !== 1).length} with attempts ≠ 1`);

    const cpuOf = (a, b) => Object.fromEntries(pids.map((p, i) => [p.name, round(b.procs[i] - a.procs[i], 0)]));
    return {
      topology, apiProcesses: apis.length, workers: workers.length, loadBalancer: !!lb, database: bench.dbName, queuePrefix: bench.queuePrefix,
      save, submit, mails: { received: mails.length, lastReceivedMs: round(mailDoneMs), perSecond: mailsPerSecond },
      cpu: {
        submitBurst: { machineBusyShare: busyShare(cpu0.machine, cpu1.machine), processMs: cpuOf(cpu0, cpu1) },
        mailDrain: { machineBusyShare: busyShare(cpu1.machine, cpu2.machine), processMs: cpuOf(cpu1, cpu2) },
      },
      jobs: jobFacts, checks,
    };
  } finally {
    await bench.teardown();
  }
}

// ------------------------------------------------------------------------------------------ main
async function main() {
  const loadAtStart = loadAverage();
  const pressureAtStart = cpuPressure();
  await ensureBuilt();
  const build = buildInfo();
  mkdirSync(ARTIFACTS, { recursive: true });
  const domain = require(join(ROOT, 'libs/domain/dist/index.js'));
  const { demoApplicationContent } = require(join(ROOT, 'apps/api/dist/seed/demo-application.js'));
  const sink = await startSink();
  const runs = {};
  try {
    for (const t of CFG.topologies) runs[t] = await runTopology(t, domain, demoApplicationContent, sink);
  } finally {
    await sink.close();
  }
  const admin = new PgClient({ connectionString: CFG.adminUrl });
  await admin.connect();
  const pgVersion = (await admin.query('SHOW server_version')).rows[0].server_version;
  const maxConnections = (await admin.query('SHOW max_connections')).rows[0].max_connections;
  await admin.end();
  const machine = machineInfo({ pressureAtStart, loadAtStart, build, pgVersion, queue: 'redis', maxConnections });

  console.log('\n=== Scale-out benchmark (issue 14) ===');
  printMachine(machine);
  console.log(`organisations: ${CFG.orgs}; saves each: ${CFG.saves}; one PostgreSQL (max_connections ${maxConnections}), one Redis; ${os.cpus().length} cores shared by everything (bench, load balancer, APIs, workers, PostgreSQL, Redis)`);
  console.log('');
  const list = Object.values(runs);
  console.log(table(list.map((r) => ({
    topology: r.topology, 'API procs': r.apiProcesses, workers: r.workers, LB: r.loadBalancer ? 'yes' : 'no',
    'save p95 ms': r.save.p95, 'submit/s': r.submit.submissionsPerSecond, 'submit p50 ms': r.submit.p50, 'submit p95 ms': r.submit.p95, 'submit errors': r.submit.errors,
    'mails/s': r.mails.perSecond, 'last mail ms': r.mails.lastReceivedMs, 'CPU busy (burst)': r.cpu.submitBurst.machineBusyShare,
  })), ['topology', 'API procs', 'workers', 'LB', 'save p95 ms', 'submit/s', 'submit p50 ms', 'submit p95 ms', 'submit errors', 'mails/s', 'last mail ms', 'CPU busy (burst)']));
  const ratios = {};
  if (runs.single && runs.scaled) {
    ratios['submissions/s scaled/single'] = round(runs.scaled.submit.submissionsPerSecond / runs.single.submit.submissionsPerSecond, 2);
    ratios['e-mails/s scaled/single'] = round(runs.scaled.mails.perSecond / runs.single.mails.perSecond, 2);
    ratios['p95(submit) scaled/single'] = round(runs.scaled.submit.p95 / runs.single.submit.p95, 2);
    console.log('');
    for (const [k, v] of Object.entries(ratios)) console.log(`${k} = ${v}`);
  }
  for (const r of list) {
    console.log(`\nCPU ms per process, ${r.topology} (burst | mail drain): ${Object.keys(r.cpu.submitBurst.processMs).map((k) => `${k} ${r.cpu.submitBurst.processMs[k]} | ${r.cpu.mailDrain.processMs[k]}`).join('; ')}`);
    if (r.jobs) console.log(`jobs ${r.topology}: ${r.jobs.finished} finished, by worker ${JSON.stringify(r.jobs.byWorker)}`);
  }
  console.log(`\nThe machine has ${os.cpus().length} cores: during the burst they were busy ${list.map((r) => `${Math.round(r.cpu.submitBurst.machineBusyShare * 100)} % (${r.topology})`).join(', ')}. ` +
    'A second API process only adds throughput when there is an idle core for it; here PostgreSQL, the bench client and the load balancer share the same cores, so the gain is bounded (or negative) by CPU, not by the design.');
  let allOk = true;
  for (const r of list) {
    console.log(`\nChecks (${r.topology}):`);
    for (const c of r.checks) { console.log(`  ${c.ok ? 'OK    ' : 'FAILED'}  ${c.name}  (${c.detail})`); allOk &&= c.ok; }
  }
  writeResults('bench-scale.json', { at: new Date().toISOString(), config: { ...CFG, apiNodeOptions: CFG.apiNodeOptions.join(' ') }, machine, runs, ratios, allChecksOk: allOk });
  return allOk;
}

main().then((ok) => process.exit(ok ? 0 : 1), (e) => {
  console.error(`\nbench failed: ${e.stack ?? e}`);
  process.exit(1);
});
