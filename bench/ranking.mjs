#!/usr/bin/env node
/**
 * Ranking benchmark: a large call in the real database (2,000 admissible applications, a pool of 60 evaluators,
 * 3 sheets each) against the real API on a fresh database. Times automatic assignment, the API's own RankingService
 * and EvaluationsRepository from apps/api/dist in this process (the reads, consolidation of every application, the
 * funding line, the cache key, the whole ranking computed and as called), and the ranking page's API call, each next
 * to the baseline of bench:deadline (GET /api/organizations/mine) measured in the same run; checks the assignment,
 * the ranking, and that a changed sheet changes the next answer; then tears everything down (API, database, Redis
 * keys) even on failure. Build first (npx nx run @grants/api:build): the figures are of apps/api/dist.
 *
 *   npm run bench:ranking
 *
 * Order: seed (SQL: a secretariat officer; N organisations, each with an applicant and an admissible application;
 * a closed call, the demo call with 3 evaluators per application and a divergence threshold no spread can pass;
 * M evaluators in its pool with signed declarations) → log in → automatic assignment (POST
 * /api/calls/:id/assignments/auto, timed, checked) → every sheet filled and submitted (SQL, random whole points
 * within each criterion's maximum, totals by the domain's sheetTotals) → RankingService in-process, R repetitions
 * (candidateApplications + activeSheets; candidates(): the reads + consolidate for each application; rankingOf():
 * rankAndFund + SHA-256; rankingInputsDigest(): the cache key; the ranking computed, and ranking() as the routes call
 * it) → baseline → ranking API call (GET /api/calls/:id/ranking: N one after the other, N with 4 in flight, N with
 * gzip accepted, N with If-None-Match) → 5 times: one sheet's scores changed (SQL), the next answer timed and
 * compared with the service's fresh computation → checks.
 * The machine's CPU pressure (/proc/pressure/cpu) is printed: other work on the box skews every figure.
 *
 * Targets: consolidation and ranking < 1 s; p95 of the ranking API call with 4 in flight < 300 ms (issue 9).
 *
 * Settings (environment): BENCH_PORT (3410), BENCH_APPLICATIONS (2000), BENCH_EVALUATORS (60), BENCH_SHEETS (evaluators
 * per application, 3), BENCH_REPS (in-process repetitions, 10), BENCH_RANKING_REQUESTS (30), BENCH_RANKING_CONCURRENCY (4),
 * BENCH_BASELINE_USERS (applicants logged in for the baseline, 300), BENCH_SEED (of the scores, 1), BENCH_TIME_LIMIT_S (900),
 * and those of every bench (bench/lib.mjs: database, Redis, baseline, API node flags such as
 * BENCH_API_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof", real hashes, statement log).
 * Results: test-artifacts/bench-ranking.json; server log: test-artifacts/bench-ranking-api.log.
 */
/* global process, console, Buffer */
import { createHash } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ARTIFACTS, NEEDED, ROOT, benchPasswordHash, buildInfo, checklist, commonConfig, cpuDelta, cpuPressure, cpuSnapshot, createBench, ensureBuilt,
  int, loadAverage, log, machineInfo, measureBaseline, pool, printMachine, require, round, stats, table, writeResults,
} from './lib.mjs';

const CFG = {
  ...commonConfig({ port: 3410, timeLimitS: 900 }),
  applications: int('BENCH_APPLICATIONS', 2000),
  evaluators: int('BENCH_EVALUATORS', 60),
  sheets: int('BENCH_SHEETS', 3),
  reps: Math.max(1, int('BENCH_REPS', 10)),
  rankingRequests: Math.max(1, int('BENCH_RANKING_REQUESTS', 30)),
  rankingConcurrency: Math.max(1, int('BENCH_RANKING_CONCURRENCY', 4)),
  baselineUsers: Math.max(1, int('BENCH_BASELINE_USERS', 300)),
  seed: int('BENCH_SEED', 1),
};
const CALL_REFERENCE = 'MF-BENCH-R1';
const PASSWORD = 'bench-correct-horse-battery';
const DAY = 86_400_000;
/** What the call can fund: about 290 of the requests (1.0–6.0 million cents, 3.5 on average). */
const ENVELOPE_CENTS = 1_000_000_000;
const TARGET_RANKING_MS = 1000;
const TARGET_API_P95_MS = 300;

const bench = createBench({ name: 'ranking', adminUrl: CFG.adminUrl, redisUrl: CFG.redisUrl, port: CFG.port, timeLimitS: CFG.timeLimitS });
const { Client, dbName, queuePrefix } = bench;

const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
/** mulberry32: the same scores for the same BENCH_SEED. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The API's own RankingService and repositories, from apps/api/dist, on a TypeORM DataSource of the bench database
 * (what the API process runs, without HTTP): the figures are of the service, not of a copy of its SQL.
 */
async function rankingServiceFromDist(databaseUrl) {
  const dist = (p) => require(join(ROOT, 'apps/api/dist', p));
  const apiRequire = createRequire(join(ROOT, 'apps/api/package.json'));
  apiRequire('reflect-metadata');
  const { DataSource } = apiRequire('typeorm');
  const { dataSourceOptions } = dist('database/data-source.js');
  const { RankingService } = dist('modules/evaluations/ranking.service.js');
  const { EvaluationsRepository } = dist('modules/evaluations/evaluations.repository.js');
  const { AwardsRepository } = dist('modules/awards/awards.repository.js');
  const { AccessService } = dist('common/access.service.js');
  const { AccessRepository } = dist('common/access.repository.js');
  const ds = await new DataSource(dataSourceOptions(databaseUrl, { extra: { max: 4, application_name: 'bench-ranking-service' } })).initialize();
  const repo = new EvaluationsRepository();
  const service = new RankingService(ds, new AccessService(new AccessRepository(ds)), repo, new AwardsRepository());
  return { ds, repo, service };
}

async function main() {
  const loadAtStart = loadAverage();
  await ensureBuilt([...NEEDED, 'apps/api/dist/modules/evaluations/ranking.service.js']);
  const domain = require(join(ROOT, 'libs/domain/dist/index.js'));
  const { demoApplicationContent } = require(join(ROOT, 'apps/api/dist/seed/demo-application.js'));
  const pressureAtStart = cpuPressure();
  const build = buildInfo();
  const mtime = (p) => statSync(join(ROOT, p)).mtimeMs;
  build.rankingServiceDistStale = ['ranking.service', 'evaluations.repository', 'evaluations.controller']
    .some((f) => mtime(`apps/api/src/modules/evaluations/${f}.ts`) > mtime(`apps/api/dist/modules/evaluations/${f}.js`));
  if (build.rankingServiceDistStale) log('WARNING: apps/api/dist is older than the ranking service\'s sources: the figures are of the build, not of the source (npx nx run @grants/api:build)');
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!(await bench.portFree())) throw new Error(`port ${CFG.port} is in use (set BENCH_PORT)`);

  // 1. database, migrations, API (the worker is not needed: nothing here waits for a job)
  const pgVersion = await bench.createDatabase();
  const env = await bench.serviceEnv();
  const { api } = await bench.startServices(env, { apiNodeOptions: CFG.apiNodeOptions });
  const { db } = bench;

  // 2. seed
  const tSeed = performance.now();
  const hash = await benchPasswordHash(PASSWORD);
  const officerEmail = await bench.insertOfficer(hash);
  const { rows: [officerRow] } = await db.query(`SELECT id FROM users WHERE email = $1`, [officerEmail]);
  const publicationAt = new Date(Date.now() - 50 * DAY).toISOString();
  const definition = {
    ...domain.demoCallDraft(publicationAt, CALL_REFERENCE),
    evaluatorsPerApplication: CFG.sheets, budgetEnvelopeCents: ENVELOPE_CENTS,
  };
  const rules = domain.evaluationRules(definition);
  const gridTotal = rules.grid.sections.reduce((s, x) => s + x.criteria.reduce((t, c) => t + c.maxPoints, 0), 0);
  definition.divergenceThresholdPoints = gridTotal; // no two totals can differ by more: never a further evaluator
  rules.divergenceThresholdPoints = gridTotal;
  const { rows: [programme] } = await db.query(`INSERT INTO programmes (name) VALUES ($1) RETURNING id`, [domain.DEMO_PROGRAMME_NAME]);
  const { rows: [call] } = await db.query(
    `INSERT INTO calls (programme_id, reference, status, definition, questions_deadline_at, submission_deadline_at, published_at, closed_at, created_by)
     VALUES ($1, $2, 'closed', $3, $4, $5, $6, $5, $7) RETURNING id`,
    [programme.id, CALL_REFERENCE, definition, definition.dates.questionsDeadlineAt, definition.dates.submissionDeadlineAt, publicationAt, officerRow.id]);
  const callId = call.id;

  const n = CFG.applications;
  const { rows: orgs } = await db.query(
    `INSERT INTO organizations (legal_name, registration_number, municipality)
     SELECT 'Bench CSO ' || lpad(i::text, 4, '0'), 'BENCH-R-' || lpad(i::text, 4, '0'), 'prishtina' FROM generate_series(1, $1::int) i
     RETURNING id, registration_number`, [n]);
  orgs.sort((a, b) => a.registration_number.localeCompare(b.registration_number));
  const emails = orgs.map((_, i) => `applicant-${String(i + 1).padStart(4, '0')}@bench.example.org`);
  const { rows: applicants } = await db.query(
    `INSERT INTO users (email, password_hash, full_name, role, language, script, organization_id, org_role, email_verified_at, active)
     SELECT x.email, $3, 'Applicant ' || x.email, 'applicant', 'en', 'latin', x.org, 'owner', now(), true FROM unnest($1::text[], $2::uuid[]) AS x(email, org)
     RETURNING id, email, organization_id`, [emails, orgs.map((o) => o.id), hash]);
  const applicantOf = new Map(applicants.map((u) => [u.organization_id, u]));
  const deadline = Date.parse(definition.dates.submissionDeadlineAt);
  const appRows = orgs.map((o, i) => {
    const content = demoApplicationContent('2027-03-01', i + 1);
    return {
      org: o.id, content, created_by: applicantOf.get(o.id).id,
      reference: `${CALL_REFERENCE}-${String(i + 1).padStart(4, '0')}`,
      requested: 1_000_000 + ((i * 7919) % 51) * 100_000, // 10,000–60,000 EUR
      sha: sha256(domain.canonicalJson(content)),
      // spread over the 14 days before the deadline, a few at the same second (ties go to the earlier submission)
      submitted_at: new Date(deadline - 1000 * Math.floor(((i * 104_729) % n) / n * 14 * 86_400)).toISOString(),
    };
  });
  await db.query(
    `INSERT INTO applications (call_id, organization_id, status, content, requested_cents, reference, sha256, submitted_at, version, created_by, created_at, updated_at)
     SELECT $1, x.org, 'admissible', x.content, x.requested, x.reference, x.sha, x.submitted_at, 3, x.created_by, x.submitted_at - interval '3 days', x.submitted_at
       FROM jsonb_to_recordset($2::jsonb) AS x(org uuid, content jsonb, requested bigint, reference text, sha text, submitted_at timestamptz, created_by uuid)`,
    [callId, JSON.stringify(appRows)]);
  const { rows: evaluators } = await db.query(
    `INSERT INTO users (email, password_hash, full_name, role, language, script, email_verified_at, active)
     SELECT 'evaluator-' || lpad(i::text, 2, '0') || '@bench.example.org', $2, 'Evaluator ' || lpad(i::text, 2, '0'), 'evaluator', 'en', 'latin', now(), true
       FROM generate_series(1, $1::int) i RETURNING id`, [CFG.evaluators, hash]);
  await db.query(`INSERT INTO call_evaluators (call_id, user_id, added_by, added_at) SELECT $1, u, $3, now() - interval '20 days' FROM unnest($2::uuid[]) u`, [callId, evaluators.map((e) => e.id), officerRow.id]);
  await db.query(`INSERT INTO evaluator_declarations (call_id, user_id, language, text_sha256, signed_at) SELECT $1, u, 'en', $3, now() - interval '9 days' FROM unnest($2::uuid[]) u`,
    [callId, evaluators.map((e) => e.id), sha256(rules.declarationText.en)]);
  await db.query('VACUUM ANALYZE');
  log(`seeded in ${round((performance.now() - tSeed) / 1000)} s: call ${CALL_REFERENCE} (closed, ${CFG.sheets} evaluators per application, divergence threshold ${gridTotal} points, envelope ${ENVELOPE_CENTS / 100} EUR), ${n} organisations with an applicant and an admissible application, ${CFG.evaluators} evaluators in the pool with signed declarations, a secretariat officer`);

  const officer = await new Client(officerEmail).login(PASSWORD);
  const results = {};
  const cpu = {};
  const { checks, check, printChecks } = checklist();

  // 3. automatic assignment
  let c0 = await cpuSnapshot(db, api);
  const auto = await officer.must('POST', `/api/calls/${callId}/assignments/auto`, undefined, [200], { timeoutMs: 600_000 });
  cpu.assign = cpuDelta(c0, await cpuSnapshot(db, api), 1);
  results.assign = { ms: round(auto.ms), assigned: auto.body.assigned, unfilled: auto.body.unfilled.length };
  log(`automatic assignment: ${auto.body.assigned} assignments in ${round(auto.ms)} ms`);
  const { rows: [asg] } = await db.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'assigned')::int AS assigned FROM evaluation_assignments WHERE call_id = $1`, [callId]);
  const { rows: [perApp] } = await db.query(
    `SELECT count(*)::int AS apps, count(*) FILTER (WHERE n = $2 AND d = $2)::int AS ok FROM (
       SELECT a.id, count(e.id)::int AS n, count(DISTINCT e.evaluator_id)::int AS d FROM applications a
         LEFT JOIN evaluation_assignments e ON e.application_id = a.id AND e.status = 'assigned' WHERE a.call_id = $1 GROUP BY a.id) x`, [callId, CFG.sheets]);
  const { rows: [loads] } = await db.query(
    `SELECT min(n)::int AS min, max(n)::int AS max FROM (
       SELECT p.user_id, count(e.id)::int AS n FROM call_evaluators p
         LEFT JOIN evaluation_assignments e ON e.call_id = p.call_id AND e.evaluator_id = p.user_id AND e.status = 'assigned' WHERE p.call_id = $1 GROUP BY p.user_id) x`, [callId]);
  const expected = n * CFG.sheets;
  check(`${expected} assignments exist (the API answered ${auto.body.assigned}, ${auto.body.unfilled.length} unfilled)`, asg.total === expected && asg.assigned === expected && auto.body.assigned === expected, `${asg.total} rows, ${asg.assigned} assigned`);
  check(`each application has ${CFG.sheets} distinct evaluators`, perApp.apps === n && perApp.ok === n, `${perApp.ok} of ${perApp.apps}`);
  check('loads of the evaluators differ by at most 1', loads.max - loads.min <= 1, `${loads.min}–${loads.max} per evaluator`);

  // 4. every sheet filled and submitted (SQL): each application has a quality, each evaluator scores around it
  const tFill = performance.now();
  const { rows: assignments } = await db.query(`SELECT id, application_id FROM evaluation_assignments WHERE call_id = $1 ORDER BY application_id, id`, [callId]);
  const random = prng(CFG.seed);
  const quality = new Map();
  const now = Date.now();
  let invalid = 0;
  const sheetRows = assignments.map((a) => {
    if (!quality.has(a.application_id)) quality.set(a.application_id, 0.4 + 0.55 * random());
    const q = quality.get(a.application_id);
    const scores = {};
    const comments = {};
    for (const s of rules.grid.sections) {
      for (const c of s.criteria) scores[c.id] = Math.min(c.maxPoints, Math.max(0, Math.round(c.maxPoints * (q + (random() - 0.5) * 0.4))));
      comments[s.id] = `Bench comment on ${s.id}: ${Math.round(q * 100)}`;
    }
    if (domain.sheetProblems(rules.grid, scores, comments, 'submit').length) invalid++;
    return { id: a.id, scores, comments, total: domain.sheetTotals(rules.grid, scores).total, submitted_at: new Date(now - Math.floor(random() * 7 * DAY)).toISOString() };
  });
  await db.query(
    `UPDATE evaluation_assignments e SET status = 'submitted', scores = x.scores, comments = x.comments, total = x.total, submitted_at = x.submitted_at,
            confirmed_at = x.submitted_at - interval '1 day', version = e.version + 3, updated_at = x.submitted_at
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, scores jsonb, comments jsonb, total numeric, submitted_at timestamptz) WHERE e.id = x.id`,
    [JSON.stringify(sheetRows)]);
  await db.query('VACUUM ANALYZE evaluation_assignments');
  results.fill = { ms: round(performance.now() - tFill), sheets: sheetRows.length };
  log(`${sheetRows.length} sheets filled and submitted (SQL) in ${results.fill.ms} ms`);
  check(`every sheet valid for submission (sheetProblems) and stored as submitted`, invalid === 0 && sheetRows.length === expected, `${sheetRows.length - invalid} of ${sheetRows.length} valid`);

  // 5. the ranking service in-process (apps/api/dist's RankingService on a DataSource of this database)
  // wall time, and the CPU time of this process (what the step costs without waiting for a CPU on a busy machine)
  const { ds, repo, service } = await rankingServiceFromDist(env.DATABASE_URL);
  const officerActor = { id: officerRow.id, email: officerEmail, fullName: 'Bench officer', role: 'secretariat', orgRole: null, organizationId: null, language: 'en', script: 'latin', active: true, emailVerified: true };
  const timings = { read: [], candidates: [], rankingOf: [], inputsDigest: [], serviceCold: [], serviceWarm: [] };
  const timed = async (key, fn) => {
    const c = process.cpuUsage();
    const t = performance.now();
    const out = await fn();
    const { user, system } = process.cpuUsage(c);
    timings[key].push({ ms: performance.now() - t, cpuMs: (user + system) / 1000 });
    return out;
  };
  const callEntity = await repo.call(ds.manager, callId);
  // the cache (when the service has one) is keyed by a digest of the ranking's inputs; cold = computed, warm = cached
  const cold = typeof service.computeRanking === 'function' ? (a, id) => service.computeRanking(ds.manager, id) : (a, id) => service.ranking(a, id);
  let candidates;
  let view;
  for (let r = 0; r < CFG.reps; r++) {
    await timed('read', async () => ({ apps: await repo.candidateApplications(ds.manager, callId), sheets: await repo.activeSheets(ds.manager, callId) }));
    candidates = await timed('candidates', () => service.candidates(ds.manager, callEntity));
    view = await timed('rankingOf', () => service.rankingOf(callEntity, candidates, ENVELOPE_CENTS));
    if (typeof repo.rankingInputsDigest === 'function') await timed('inputsDigest', () => repo.rankingInputsDigest(ds.manager, callId));
    await timed('serviceCold', () => cold(officerActor, callId));
    await timed('serviceWarm', () => service.ranking(officerActor, callId));
  }
  const expectedDigest = view.sha256;
  const summary = (xs) => {
    if (!xs.length) return null;
    const ms = xs.map((x) => x.ms);
    return { reps: xs.length, min: round(Math.min(...ms)), median: round(median(ms)), max: round(Math.max(...ms)), cpuMedian: round(median(xs.map((x) => x.cpuMs))) };
  };
  const ip = { ...Object.fromEntries(Object.entries(timings).map(([k, xs]) => [k, summary(xs)])), applicationsRead: candidates.length };
  // consolidation and ranking: candidates() is the two reads plus consolidate() for each application; rankingOf() the funding line and the SHA-256
  ip.consolidateAndRank = { reps: CFG.reps, median: round(ip.candidates.median - ip.read.median + ip.rankingOf.median) };
  results.inProcess = ip;
  log(`RankingService in-process: candidates() ${ip.candidates.median} ms (of which the 2 reads ${ip.read.median} ms), rankingOf() ${ip.rankingOf.median} ms, ranking() cold ${ip.serviceCold.median} ms, warm ${ip.serviceWarm.median} ms`);

  // 6. baseline (as bench:deadline measures it), with applicants logged in through the API
  const clients = applicants.slice(0, Math.min(CFG.baselineUsers, applicants.length)).map((u) => new Client(u.email));
  await pool(clients, CFG.loginConcurrency, (c) => c.login(PASSWORD));
  ({ result: results.baseline, cpu: cpu.baseline } = await measureBaseline(bench, clients, { count: CFG.baseline, concurrency: CFG.baselineConcurrency, api }));

  // 7. the ranking page's API call: warm-up, N one after the other, N with several in flight
  const path = `/api/calls/${callId}/ranking`;
  for (let i = 0; i < 3; i++) await officer.must('GET', path);
  const measureRanking = async (key, concurrency) => {
    const s0 = await cpuSnapshot(db, api);
    const t0 = performance.now();
    const samples = await pool(Array.from({ length: CFG.rankingRequests }), concurrency, () => officer.call('GET', path, undefined, { timeoutMs: 120_000 }));
    results[key] = stats(`ranking GET /calls/:id/ranking (${concurrency} in flight)`, samples, performance.now() - t0);
    results[key].bytes = median(samples.map((s) => s.bytes ?? 0));
    cpu[key] = cpuDelta(s0, await cpuSnapshot(db, api), samples.length);
    log(`ranking API, ${concurrency} in flight: ${samples.length} requests, p95 ${results[key].p95} ms`);
    return samples;
  };
  const seqSamples = await measureRanking('rankingSequential', 1);
  await measureRanking('rankingConcurrent', CFG.rankingConcurrency);
  const first = seqSamples.filter((s) => s.status === 200).at(-1);
  // what the API spends on the answer alone when it serialises it per request: JSON.stringify + the UTF-8 buffer
  timings.serialize = [];
  for (let r = 0; first && r < CFG.reps; r++) await timed('serialize', () => Buffer.from(JSON.stringify(first.body)));
  ip.serialize = summary(timings.serialize);

  // 7b. the same call as a browser sends it (gzip accepted) and as a client that kept the ETag (If-None-Match)
  const raw = (headers) => new Promise((done) => {
    const t0 = performance.now();
    http.get(`http://127.0.0.1:${CFG.port}${path}`, { headers: { accept: 'application/json', cookie: officer.cookie, ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - t0 }));
    }).on('error', (e) => done({ status: 0, error: e.message, headers: {}, body: Buffer.alloc(0), ms: performance.now() - t0 }));
  });
  const wall = (xs) => xs.reduce((t, x) => t + x.ms, 0);
  const gz = [];
  for (let i = 0; i < CFG.rankingRequests; i++) gz.push(await raw({ 'accept-encoding': 'gzip, deflate, br' }));
  const gzLast = gz.at(-1);
  const gzBody = gzLast.headers['content-encoding'] === 'gzip' ? gunzipSync(gzLast.body) : gzLast.headers['content-encoding'] ? null : gzLast.body;
  results.rankingGzip = { ...stats('ranking, gzip accepted (1 in flight)', gz, wall(gz)), bytes: gzLast.body.length, contentEncoding: gzLast.headers['content-encoding'] ?? 'identity' };
  // the same 4 in flight timed to the last byte without parsing the answer here (the bench's own JSON.parse of
  // ~1 MB per answer queues behind the others in this one thread and counts in the latencies above)
  const tRaw = performance.now();
  const rawConcurrent = await pool(Array.from({ length: CFG.rankingRequests }), CFG.rankingConcurrency, () => raw({}));
  results.rankingConcurrentRaw = { ...stats(`ranking (${CFG.rankingConcurrency} in flight, to the last byte, unparsed)`, rawConcurrent, performance.now() - tRaw), bytes: median(rawConcurrent.map((r) => r.body.length)) };
  const etag = first?.headers?.etag;
  const revalidated = [];
  for (let i = 0; etag && i < CFG.rankingRequests; i++) revalidated.push(await raw({ 'if-none-match': etag }));
  results.rankingNotModified = etag ? { ...stats('ranking, If-None-Match (1 in flight; 304 counts as answered)', revalidated.map((r) => ({ ms: r.ms, status: r.status === 304 ? 200 : r.status })), wall(revalidated)), statuses: [...new Set(revalidated.map((r) => r.status))], etag } : null;

  // 7c. a sheet changes (as an evaluator's resubmission would): the next answer is the new ranking, never the cached one
  const changed = [];
  const { rows: someSheets } = await db.query(`SELECT id, scores FROM evaluation_assignments WHERE call_id = $1 AND status = 'submitted' ORDER BY id LIMIT 5`, [callId]);
  let previous = first?.body?.ranking?.sha256;
  for (const sheet of someSheets) {
    const [criterion] = Object.keys(sheet.scores);
    const scores = { ...sheet.scores, [criterion]: sheet.scores[criterion] > 0 ? sheet.scores[criterion] - 1 : sheet.scores[criterion] + 1 };
    await db.query(`UPDATE evaluation_assignments SET scores = $2, total = $3, updated_at = now() WHERE id = $1`, [sheet.id, scores, domain.sheetTotals(rules.grid, scores).total]);
    const r = await officer.call('GET', path, undefined, { timeoutMs: 120_000 });
    const fresh = (await cold(officerActor, callId)).ranking.sha256;
    changed.push({ ms: r.ms, status: r.status, sha: r.body?.ranking?.sha256, fresh, differs: r.body?.ranking?.sha256 !== previous });
    previous = r.body?.ranking?.sha256;
  }
  results.rankingAfterChange = { ...stats('ranking after a sheet changed (1 in flight)', changed, wall(changed)), changes: changed.length };
  await ds.destroy();

  // 8. figures
  const ratios = {
    'p95(ranking, 1 in flight)/p95(baseline)': round(results.rankingSequential.p95 / results.baseline.p95, 2),
    [`p95(ranking, ${CFG.rankingConcurrency} in flight)/p95(baseline)`]: round(results.rankingConcurrent.p95 / results.baseline.p95, 2),
  };
  const machine = machineInfo({ pressureAtStart, loadAtStart, build, pgVersion, queue: CFG.redisUrl ? 'redis' : 'postgres' });
  const targets = {
    ranking: { belowMs: TARGET_RANKING_MS, ms: ip.consolidateAndRank.median, met: ip.consolidateAndRank.median < TARGET_RANKING_MS },
    rankingApiP95: { belowMs: TARGET_API_P95_MS, concurrency: CFG.rankingConcurrency, ms: results.rankingConcurrent.p95, met: results.rankingConcurrent.p95 < TARGET_API_P95_MS },
  };

  console.log('\n=== Ranking benchmark ===');
  printMachine(machine);
  console.log(`call: ${n} admissible applications, ${CFG.evaluators} evaluators in the pool, ${CFG.sheets} sheets each (${expected} in all); queue: ${machine.queue.toUpperCase()}`);
  console.log('');
  const once = (ms, cpuMs = '') => ({ runs: 1, 'min ms': ms, 'median ms': ms, 'max ms': ms, 'CPU ms, all threads (median)': cpuMs });
  const reps = (x) => (x ? { runs: x.reps, 'min ms': x.min, 'median ms': x.median, 'max ms': x.max, 'CPU ms, all threads (median)': x.cpuMedian } : { runs: 0, 'min ms': '–', 'median ms': '–', 'max ms': '–', 'CPU ms, all threads (median)': '–' });
  console.log(table([
    { step: 'automatic assignment (POST /calls/:id/assignments/auto)', ...once(results.assign.ms, `${round(cpu.assign.apiMs + cpu.assign.postgresForApiMs)} (API+PG)`) },
    { step: `fill and submit ${expected} sheets (SQL, setup only)`, ...once(results.fill.ms) },
    { step: 'EvaluationsRepository: candidateApplications + activeSheets', ...reps(ip.read) },
    { step: `RankingService.candidates (the reads + consolidate ×${ip.applicationsRead})`, ...reps(ip.candidates) },
    { step: 'RankingService.rankingOf (rankAndFund + SHA-256)', ...reps(ip.rankingOf) },
    { step: 'EvaluationsRepository.rankingInputsDigest (the cache key)', ...reps(ip.inputsDigest) },
    { step: 'RankingService ranking, computed (access, call, decisions, awards)', ...reps(ip.serviceCold) },
    { step: 'RankingService.ranking, as called (cached when unchanged)', ...reps(ip.serviceWarm) },
    { step: 'the answer: JSON.stringify + UTF-8 buffer', ...reps(ip.serialize) },
  ], ['step', 'runs', 'min ms', 'median ms', 'max ms', 'CPU ms, all threads (median)']));
  console.log('');
  const reqRows = [['baseline', results.baseline, CFG.baselineConcurrency], ['ranking', results.rankingSequential, 1], ['ranking', results.rankingConcurrent, CFG.rankingConcurrency],
    ['ranking, unparsed', results.rankingConcurrentRaw, CFG.rankingConcurrency], ['ranking, gzip', results.rankingGzip, 1], ...(results.rankingNotModified ? [['ranking, If-None-Match', results.rankingNotModified, 1]] : []), ['ranking, a sheet changed', results.rankingAfterChange, 1]]
    .map(([phase, s, conc]) => ({ phase, requests: s.count, errors: s.errors, 'conc.': conc, 'req/s': s.throughput, 'p50 ms': s.p50, 'p95 ms': s.p95, 'p99 ms': s.p99, 'max ms': s.max, 'KB': s.bytes === undefined ? '' : round(s.bytes / 1024), 'p95/baseline': phase === 'baseline' ? '' : round(s.p95 / results.baseline.p95, 2) }));
  console.log(table(reqRows, ['phase', 'requests', 'errors', 'conc.', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'KB', 'p95/baseline']));
  for (const k of ['baseline', 'rankingSequential', 'rankingConcurrent']) if (results[k].errors) console.log(`  ${k} errors: ${JSON.stringify(results[k].errorKinds)}`);
  console.log(`  gzip accepted: Content-Encoding ${results.rankingGzip.contentEncoding}, ${round(results.rankingGzip.bytes / 1024)} KB on the wire; If-None-Match: ${results.rankingNotModified ? `answers ${results.rankingNotModified.statuses.join('/')}` : 'no ETag sent'}`);
  console.log('');
  for (const [k, v] of Object.entries(ratios)) console.log(`${k} = ${v}`);
  console.log('\nCPU time (ms) per request of the API process and of its PostgreSQL backends, and of the bench:');
  console.log(table([['assign', 'automatic assignment'], ['baseline', 'baseline'], ['rankingSequential', 'ranking, 1 in flight'], ['rankingConcurrent', `ranking, ${CFG.rankingConcurrency} in flight`]].map(([k, label]) => ({
    phase: label, 'API ms/req': cpu[k].apiMsPerRequest, 'PG(API) ms/req': cpu[k].postgresForApiMsPerRequest, 'API busy (cores)': cpu[k].apiCoreShare, 'PG(other) ms': cpu[k].postgresOtherMs, 'bench ms': cpu[k].benchMs,
  })), ['phase', 'API ms/req', 'PG(API) ms/req', 'API busy (cores)', 'PG(other) ms', 'bench ms']));

  // 9. checks of the ranking
  const shown = first?.body?.ranking;
  const rows = shown?.rows ?? [];
  const awardedSum = rows.reduce((s, r) => s + r.awardedCents, 0);
  const outcomes = {};
  for (const r of rows) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  check(`the ranking returns ${n} rows`, rows.length === n, `${rows.length} rows`);
  check('awarded total ≤ envelope', shown && shown.awardedCents <= shown.envelopeCents && awardedSum === shown.awardedCents && shown.envelopeCents === ENVELOPE_CENTS,
    `${shown?.awardedCents} awarded of ${shown?.envelopeCents} (rows add up to ${awardedSum})`);
  check('no application pending', shown?.pending === 0 && !outcomes.pending, `pending ${shown?.pending}; outcomes ${JSON.stringify(outcomes)}`);
  check('the API\'s ranking is the service\'s in-process (same SHA-256)', shown?.sha256 === expectedDigest, `${shown?.sha256?.slice(0, 16)}… vs ${expectedDigest.slice(0, 16)}…`);
  check('every ranking request answered 200', results.rankingSequential.errors + results.rankingConcurrent.errors === 0, `${results.rankingSequential.errors + results.rankingConcurrent.errors} errors`);
  check('with gzip accepted the answer is the same ranking', gz.every((r) => r.status === 200) && gzBody !== null && JSON.parse(gzBody.toString('utf8')).ranking.sha256 === expectedDigest, `${results.rankingGzip.contentEncoding}`);
  check(`after each of ${changed.length} sheet changes the API answers the new ranking (SHA-256 changed, equal to the service's fresh computation)`,
    changed.length > 0 && changed.every((c) => c.status === 200 && c.differs && c.sha === c.fresh), changed.map((c) => `${c.status} ${c.differs ? 'changed' : 'SAME'} ${c.sha === c.fresh ? '=' : '≠'} fresh`).join(', '));

  console.log('');
  console.log(`target ranking < 1 s: ${targets.ranking.met ? 'MET' : 'NOT MET'} (${targets.ranking.ms} ms: consolidate for each of ${ip.applicationsRead} applications + rankAndFund, by RankingService; reading them takes ${ip.read.median} ms more)`);
  console.log(`target p95(ranking API, ${CFG.rankingConcurrency} in flight) < 300 ms: ${targets.rankingApiP95.met ? 'MET' : 'NOT MET'} (${targets.rankingApiP95.ms} ms, parsed here; ${results.rankingConcurrentRaw.p95} ms to the last byte unparsed; ${results.rankingSequential.p95} ms with 1 in flight; ${results.rankingAfterChange.p95} ms for the first answer after a sheet changed)`);
  const allOk = printChecks();

  writeResults('bench-ranking.json', {
    at: new Date().toISOString(), config: { ...CFG, apiNodeOptions: CFG.apiNodeOptions.join(' ') }, database: dbName, queuePrefix, machine,
    call: { reference: CALL_REFERENCE, applications: n, evaluators: CFG.evaluators, sheetsEach: CFG.sheets, envelopeCents: ENVELOPE_CENTS, divergenceThresholdPoints: gridTotal, outcomes },
    results, cpu, ratios, targets, checks, allChecksOk: allOk,
  });
  return allOk;
}

process.exit(await bench.run(main));
