#!/usr/bin/env node
/**
 * HTTP benchmark: how fast the portal answers compared with what the same PostgreSQL does on its own. In one run,
 * pgbench (select-only and TPC-B-like, 16 clients, scale 10, a fixed duration each) in a scratch database of the
 * same server and the portal on a fresh database, each pgbench run right before the portal phase it is compared with
 * (the API idle meanwhile): the bare authenticated read (GET /api/organizations/mine, 50 in flight) and autosave (PATCH /api/applications/:id/autosave with one changed section, as the web app's form sends
 * it; every organisation edits its own draft, several in flight) for a fixed duration each. Prints req/s, p50/p95, API CPU ms
 * and PostgreSQL CPU ms per request, and each ratio next to its target; then tears everything down (API, both
 * databases, Redis keys) even on failure.
 *
 *   npm run bench:http
 *
 * Targets (issue 9): reads >= 5 % of pgbench's select-only tps, autosaves >= 15 % of its TPC-B-like tps.
 *
 * Settings (environment): BENCH_PORT (3420), BENCH_DURATION_S (seconds per phase, 15), BENCH_PGBENCH_CLIENTS (16),
 * BENCH_PGBENCH_SCALE (10), BENCH_READ_CONCURRENCY (50), BENCH_SAVE_CONCURRENCY (16), BENCH_ORGS (organisations,
 * each with an owner and a draft, 100), BENCH_PHASES (pgbench,read,save: a subset runs only those, e.g. "read" under
 * a CPU profile), BENCH_SAVE_ROUTE (autosave: the form's route, answering what a save changes; patch: PATCH
 * /api/applications/:id, answering the whole application, for comparison), BENCH_TIME_LIMIT_S (600), API_PROCESSES (passed to the API: 2 = two processes share the port; the
 * CPU figures count all of them), and those of every bench (bench/lib.mjs: database, Redis, API node flags
 * such as BENCH_API_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=test-artifacts/profiles", real hashes, statement log).
 * A profile's top functions: node bench/profile-top.mjs test-artifacts/profiles/<file>.cpuprofile.
 * Results: test-artifacts/bench-http.json; server log: test-artifacts/bench-http-api.log.
 */
/* global process, console, URL */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ARTIFACTS, PgClient, ROOT, benchPasswordHash, buildInfo, commonConfig, cpuDelta, cpuPressure, cpuSnapshot, createBench, ensureBuilt, int,
  loadAverage, log, machineInfo, pool, printMachine, require, round, stats, table, writeResults,
} from './lib.mjs';

const CFG = {
  ...commonConfig({ port: 3420, timeLimitS: 600 }),
  durationS: Math.max(1, int('BENCH_DURATION_S', 15)),
  pgbenchClients: Math.max(1, int('BENCH_PGBENCH_CLIENTS', 16)),
  pgbenchScale: Math.max(1, int('BENCH_PGBENCH_SCALE', 10)),
  readConcurrency: Math.max(1, int('BENCH_READ_CONCURRENCY', 50)),
  saveConcurrency: Math.max(1, int('BENCH_SAVE_CONCURRENCY', 16)),
  orgs: Math.max(1, int('BENCH_ORGS', 100)),
  phases: (process.env.BENCH_PHASES || 'pgbench,read,save').split(',').map((s) => s.trim()).filter(Boolean),
  saveRoute: process.env.BENCH_SAVE_ROUTE === 'patch' ? 'patch' : 'autosave',
};
const TARGETS = { readVsSelectOnly: 0.05, saveVsTpcb: 0.15 };
const CALL_REFERENCE = 'MF-BENCH-H1';
const PASSWORD = 'bench-correct-horse-battery';

const bench = createBench({ name: 'http', adminUrl: CFG.adminUrl, redisUrl: CFG.redisUrl, port: CFG.port, timeLimitS: CFG.timeLimitS });
const { Client, dbName } = bench;
const pgbenchDb = `${dbName}_pgbench`;

// ---------------------------------------------------------------------------------------------- pgbench
function pgbenchBinary() {
  const which = spawnSync('which', ['pgbench'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
      const p = join(base, v, 'bin/pgbench');
      if (existsSync(p)) return p;
    }
  }
  throw new Error('pgbench not found (install postgresql-client or put it on PATH)');
}

/** pgbench against the scratch database of the same server; returns the tps it reports (without connection time). */
function runPgbench(bin, args) {
  const u = new URL(CFG.adminUrl);
  const env = { ...process.env, PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username || 'postgres') };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const r = spawnSync(bin, [...args, pgbenchDb], { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`pgbench ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const tps = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(r.stdout);
  const lat = /latency average = ([\d.]+) ms/.exec(r.stdout);
  return { tps: tps ? Math.round(Number(tps[1])) : null, latencyAvgMs: lat ? Number(lat[1]) : null, output: r.stdout.trim() };
}

/**
 * pgbench's scratch database, initialised before the portal exists; each of its runs is then made right before the
 * portal phase it is compared with (select-only before the reads, TPC-B-like before the saves), so that both sides of
 * a ratio meet the same load from the rest of the machine (on a shared machine it drifts within a minute).
 */
async function preparePgbench() {
  const bin = pgbenchBinary();
  const admin = new PgClient({ connectionString: CFG.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${pgbenchDb}"`);
  } finally {
    await admin.end();
  }
  bench.onTeardown?.(() => dropDatabase(pgbenchDb));
  log(`pgbench: initialising ${pgbenchDb} at scale ${CFG.pgbenchScale}`);
  runPgbench(bin, ['-i', '-q', '-s', String(CFG.pgbenchScale)]);
  const common = ['-c', String(CFG.pgbenchClients), '-j', '2', '-T', String(CFG.durationS), '-n'];
  const pg = { binary: bin, selectOnly: null, tpcb: null };
  pg.runSelectOnly = () => {
    log(`pgbench: select-only, ${CFG.pgbenchClients} clients, ${CFG.durationS} s`);
    pg.selectOnly = runPgbench(bin, ['-S', ...common]);
    log(`pgbench: select-only ${pg.selectOnly.tps} tps`);
  };
  pg.runTpcb = () => {
    log(`pgbench: TPC-B-like, ${CFG.pgbenchClients} clients, ${CFG.durationS} s`);
    pg.tpcb = runPgbench(bin, common);
    log(`pgbench: TPC-B-like ${pg.tpcb.tps} tps`);
  };
  return pg;
}

async function dropDatabase(name) {
  const admin = new PgClient({ connectionString: CFG.adminUrl });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } catch (e) {
    log(`could not drop database ${name}: ${e.message}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------- portal phases
/** Runs `concurrency` loops of fn(worker index, iteration) for durationMs; returns every sample and the wall time. */
async function timed(durationMs, concurrency, fn) {
  const samples = [];
  const t0 = performance.now();
  const until = t0 + durationMs;
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
    for (let k = 0; performance.now() < until; k++) samples.push(await fn(w, k));
  }));
  return { samples, wallMs: performance.now() - t0 };
}

/** The mean size of the answers' bodies, as received (uncompressed: the bench asks for no compression). */
const meanBytes = (samples) => Math.round(samples.reduce((a, r) => a + (r.bytes ?? 0), 0) / (samples.length || 1));

/** One autosave as the web app sends it: the one section the applicant just changed, with the version last seen. */
function editOf(c, k) {
  const n = c.edits++;
  if (k % 2 === 0) return { project: { ...c.content.project, summary: `${c.content.project.summary.slice(0, 200)} Edit ${n}.` } };
  const lines = c.content.budget.lines.map((l, i) => (i === 0 ? { ...l, quantity: 10 + (n % 7) } : l));
  return { budget: { ...c.content.budget, lines } };
}

/**
 * The Secretariat must hold a second factor (issue 14): the bench's officer enrols an authenticator app on its first
 * login, as a person would (the set-up's secret, a code of now), which also passes the session's second step.
 */
async function enrolSecondFactor(client) {
  const setup = await client.call('POST', '/api/auth/second-factor/totp/setup');
  if (setup.status !== 200 && setup.status !== 201) return client; // a build without second factors, or one already held
  const { generate } = require('otplib');
  await client.must('POST', '/api/auth/second-factor/totp/confirm', { code: await generate({ secret: setup.body.secret }) }, [200, 201]);
  return client;
}

async function main() {
  const loadAtStart = loadAverage();
  await ensureBuilt();
  const domain = require(join(ROOT, 'libs/domain/dist/index.js'));
  const { demoApplicationContent } = require(join(ROOT, 'apps/api/dist/seed/demo-application.js'));
  const pressureAtStart = cpuPressure();
  const build = buildInfo();
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!(await bench.portFree())) throw new Error(`port ${CFG.port} is in use (set BENCH_PORT)`);
  const results = {};
  const cpu = {};

  // 1. pgbench's database on the same server, before the portal exists; its runs come right before their portal phases
  const pg = CFG.phases.includes('pgbench') ? await preparePgbench() : null;

  // 2. database, migrations, API (no worker: neither phase queues a job)
  const pgVersion = await bench.createDatabase();
  const env = await bench.serviceEnv();
  const { api } = await bench.startServices(env, { apiNodeOptions: CFG.apiNodeOptions });
  const { db } = bench;

  // 3. seed: a secretariat officer, N organisations with an owner each, a published call, a draft each
  const hash = await benchPasswordHash(PASSWORD);
  const officerEmail = await bench.insertOfficer(hash);
  const { rows: owners } = await db.query(
    `WITH o AS (
       INSERT INTO organizations (legal_name, registration_number, municipality)
       SELECT 'Bench CSO ' || lpad(i::text, 3, '0'), 'BENCH-H' || lpad(i::text, 3, '0'), 'prishtina' FROM generate_series(1, $1::int) i
       RETURNING id, registration_number)
     INSERT INTO users (email, password_hash, full_name, role, language, script, organization_id, org_role, email_verified_at, active)
     SELECT 'owner-' || substr(registration_number, 8) || '@bench.example.org', $2, 'Owner ' || registration_number, 'applicant', 'en', 'latin', id, 'owner', now(), true FROM o
     RETURNING email`, [CFG.orgs, hash]);
  owners.sort((a, b) => a.email.localeCompare(b.email));
  const officer = await enrolSecondFactor(await new Client(officerEmail).login(PASSWORD));
  const created = (await officer.must('POST', '/api/calls', { reference: CALL_REFERENCE, title: { en: 'Bench call', sq: 'Bench call', sr: 'Bench call' } })).body;
  const { reference: _r, documents: _d, ...definition } = { ...domain.demoCallDraft(new Date().toISOString(), CALL_REFERENCE), requiredAttachments: [] };
  const saved = (await officer.must('PATCH', `/api/calls/${created.id}`, { definition, version: created.version })).body;
  await officer.must('POST', `/api/calls/${created.id}/publish`, { version: saved.version });
  const clients = owners.map((o) => new Client(o.email));
  await pool(clients, CFG.loginConcurrency, async (c, i) => {
    await c.login(PASSWORD);
    const app = (await c.must('POST', `/api/calls/${created.id}/applications`, undefined, [201])).body;
    c.appId = app.id;
    c.content = demoApplicationContent('2027-03-01', i + 1);
    c.edits = 0;
    c.version = (await c.must('PATCH', `/api/applications/${c.appId}`, { version: app.version, content: c.content })).body.version;
  });
  log(`seeded ${clients.length} organisations, each logged in with a complete draft of call ${CALL_REFERENCE}`);
  const durationMs = CFG.durationS * 1000;

  // 4. pgbench select-only (the portal idle), then the bare authenticated read, 50 in flight, round-robin over the logged-in owners
  pg?.runSelectOnly();
  if (CFG.phases.includes('read')) {
    let next = 0;
    const read = () => clients[next++ % clients.length].call('GET', '/api/organizations/mine');
    await pool(Array.from({ length: 500 }), CFG.readConcurrency, read); // warm-up: sockets, JIT, pools
    const c0 = await cpuSnapshot(db, api);
    const { samples, wallMs } = await timed(durationMs, CFG.readConcurrency, read);
    cpu.read = cpuDelta(c0, await cpuSnapshot(db, api), samples.length);
    results.read = stats('GET /api/organizations/mine', samples, wallMs);
    results.read.answerBytes = meanBytes(samples);
    log(`read: ${results.read.count} requests, ${results.read.throughput} req/s, p95 ${results.read.p95} ms`);
  }

  // 5. pgbench TPC-B-like (the portal idle), then autosave: each organisation saves one changed section of its own
  // draft; a worker takes every Nth organisation
  pg?.runTpcb();
  if (CFG.phases.includes('save')) {
    const conc = Math.min(CFG.saveConcurrency, clients.length);
    const save = async (w, k) => {
      const mine = clients.filter((_, i) => i % conc === w);
      const c = mine[k % mine.length];
      const r = await c.call('PATCH', `/api/applications/${c.appId}${CFG.saveRoute === 'autosave' ? '/autosave' : ''}`, { version: c.version, content: editOf(c, k) });
      if (r.status === 200) c.version = r.body.version;
      return r;
    };
    for (let w = 0; w < conc; w++) await save(w, 0); // warm-up
    const c0 = await cpuSnapshot(db, api);
    const { samples, wallMs } = await timed(durationMs, conc, save);
    cpu.save = cpuDelta(c0, await cpuSnapshot(db, api), samples.length);
    results.save = stats(`PATCH /api/applications/:id${CFG.saveRoute === 'autosave' ? '/autosave' : ''} (one section)`, samples, wallMs);
    results.save.answerBytes = meanBytes(samples);
    results.save.concurrency = conc;
    log(`save: ${results.save.count} requests, ${results.save.throughput} req/s, p95 ${results.save.p95} ms`);
  }

  if (pg) await dropDatabase(pgbenchDb); // after the phases: a DROP DATABASE asks for a checkpoint

  // 6. figures
  const ok = (s) => (s ? round((s.count - s.errors) / (s.wallMs / 1000), 1) : null);
  const ratios = {};
  if (pg && results.read) ratios.readVsSelectOnly = round(ok(results.read) / pg.selectOnly.tps, 4);
  if (pg && results.save) ratios.saveVsTpcb = round(ok(results.save) / pg.tpcb.tps, 4);
  const machine = machineInfo({ pressureAtStart, loadAtStart, build, pgVersion });

  console.log('\n=== HTTP benchmark ===');
  printMachine(machine);
  console.log(`phases: ${CFG.phases.join(', ')}; ${CFG.durationS} s each; API processes: ${process.env.API_PROCESSES || '1'} (API_PROCESSES); API node options: ${CFG.apiNodeOptions.join(' ') || 'none'}`);
  if (pg) {
    console.log(`\npgbench (${pg.binary}, ${CFG.pgbenchClients} clients, scale ${CFG.pgbenchScale}, ${CFG.durationS} s, same server):`);
    console.log(table([
      { run: 'select-only (-S)', tps: pg.selectOnly.tps, 'latency avg ms': pg.selectOnly.latencyAvgMs },
      { run: 'TPC-B-like', tps: pg.tpcb.tps, 'latency avg ms': pg.tpcb.latencyAvgMs },
    ], ['run', 'tps', 'latency avg ms']));
  }
  const phases = ['read', 'save'].filter((k) => results[k]);
  if (phases.length) {
    console.log('\nportal:');
    console.log(table(phases.map((k) => {
      const s = results[k];
      return {
        phase: `${k}: ${s.name}`, 'in flight': k === 'read' ? CFG.readConcurrency : s.concurrency, requests: s.count, errors: s.errors, 'ok req/s': ok(s),
        'p50 ms': s.p50, 'p95 ms': s.p95, 'p99 ms': s.p99, 'API CPU ms/req': cpu[k].apiMsPerRequest, 'PG CPU ms/req': cpu[k].postgresForApiMsPerRequest,
        'API busy (cores)': cpu[k].apiCoreShare, 'answer bytes': s.answerBytes,
      };
    }), ['phase', 'in flight', 'requests', 'errors', 'ok req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'API CPU ms/req', 'PG CPU ms/req', 'API busy (cores)', 'answer bytes']));
    for (const k of phases) if (results[k].errors) console.log(`  ${k} errors: ${JSON.stringify(results[k].errorKinds)}`);
  }
  const targets = {};
  if (ratios.readVsSelectOnly !== undefined) {
    targets.read = ratios.readVsSelectOnly >= TARGETS.readVsSelectOnly;
    console.log(`\nreads / pgbench select-only = ${ok(results.read)} / ${pg.selectOnly.tps} = ${round(ratios.readVsSelectOnly * 100, 2)} % (target >= ${TARGETS.readVsSelectOnly * 100} %: ${targets.read ? 'MET' : 'MISSED'})`);
  }
  if (ratios.saveVsTpcb !== undefined) {
    targets.save = ratios.saveVsTpcb >= TARGETS.saveVsTpcb;
    console.log(`saves / pgbench TPC-B-like = ${ok(results.save)} / ${pg.tpcb.tps} = ${round(ratios.saveVsTpcb * 100, 2)} % (target >= ${TARGETS.saveVsTpcb * 100} %: ${targets.save ? 'MET' : 'MISSED'})`);
  }
  const errorsFree = phases.every((k) => results[k].errors === 0);
  if (!errorsFree) console.log('\nsome requests failed: the figures above count only the answered ones');

  writeResults('bench-http.json', {
    at: new Date().toISOString(), config: { ...CFG, apiNodeOptions: CFG.apiNodeOptions.join(' ') }, database: dbName, machine,
    pgbench: pg && { binary: pg.binary, selectOnlyTps: pg.selectOnly.tps, tpcbTps: pg.tpcb.tps, selectOnly: pg.selectOnly.output, tpcb: pg.tpcb.output },
    results, cpu, ratios, targets: { ...TARGETS, met: targets },
  });
  return errorsFree;
}

process.exit(await bench.run(main));
