#!/usr/bin/env node
/**
 * Monitoring benchmark (issue 11, "Performance"): the portfolio of bench:grants (its generator, seedPortfolio, reused:
 * 2,000 grants in force, their tranches, expenditure reports and audit trail) extended with 20,000 monitoring visits
 * (ten a grant: eight between the grant's start and today, two planned ahead), their 20,000 visit reports and 60,000
 * live action points on the shared ones, in a fresh database, against the real API. In one run, each with 50 in flight:
 * the bare authenticated read of every bench (GET /api/organizations/mine, the baseline), then as the Secretariat
 *   - the action-point list filtered and paged: GET /api/action-points?overdue=true&priority=high&page=1&pageSize=50
 *     and GET /api/action-points?status=open&municipality=<the municipality with most open points>&page=3&pageSize=50,
 *   - the monitoring-priority list: GET /api/monitoring/priority?page=1&pageSize=50,
 * and as a monitor its calendar: GET /api/visits?from=<today − 30 d>&to=<today + 60 d> (the ten bench monitors in
 * turn, 200 grants each). Prints p50/p95/p99, throughput, the ratio of each p95 to the baseline's p95 and the target
 * (p95 < 300 ms); checks each answer against the database (counts, filters, order); then tears everything down (API,
 * database, Redis keys) even on failure. Build first (npx nx run @grants/api:build): the figures are of apps/api/dist.
 *
 *   npm run bench:monitoring
 *
 * The monitoring data (SQL in bulk with generate_series, consistent with the schema's constraints and the domain's
 * rules): the organisations spread over Kosovo's municipalities (libs/domain KOSOVO_MUNICIPALITIES, Prishtinë the
 * largest share); visits planned / follow-up / unannounced, each with its report: the future ones empty drafts, the
 * latest past one of each grant draft, submitted, returned, accepted or shared, the older ones shared; written
 * reports assess the grant's work plan (libs/domain workPlanActivities), rated 1–3 (2 and 3 with reasons and
 * corrective actions); shared ones frozen with the SHA-256 of visitReportCanonicalContent; action points 2–7 a shared
 * report (so all live), owner organisation (80 %) or Secretariat, priority high / medium / low, due 1–120 days after
 * the visit (so around today for the recent visits), the old ones mostly closed, the recent ones open, answered,
 * reopened or closed, each with its history in action_point_events (answer, reopen, close).
 *
 * Settings (environment): BENCH_PORT (3440), BENCH_GRANTS (2000), BENCH_VISITS_PER_GRANT (10), BENCH_ACTION_POINTS
 * (60000), BENCH_CONCURRENCY (50), BENCH_REQUESTS (1000 a phase), BENCH_BASELINE (3000), BENCH_BASELINE_USERS (300),
 * BENCH_PHASES (overdue,municipality,priority,visits: a subset times only those), BENCH_HOLD_S (diagnostics: after
 * seeding, waits that many seconds with the database and the API up, to EXPLAIN a query), BENCH_TIME_LIMIT_S (900),
 * and those of every bench (bench/lib.mjs). Results: test-artifacts/bench-monitoring.json; server log:
 * test-artifacts/bench-monitoring-api.log.
 */
/* global process, console, setTimeout */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedPortfolio } from './grants.mjs';
import {
  ARTIFACTS, NEEDED, ROOT, benchPasswordHash, buildInfo, checklist, commonConfig, cpuDelta, cpuPressure, cpuSnapshot, createBench,
  ensureBuilt, int, loadAverage, log, machineInfo, measureBaseline, pool, printMachine, require, round, stats, table, writeResults,
} from './lib.mjs';

const CFG = {
  ...commonConfig({ port: 3440, timeLimitS: 900 }),
  grants: Math.max(20, int('BENCH_GRANTS', 2000)),
  visitsPerGrant: Math.max(4, int('BENCH_VISITS_PER_GRANT', 10)),
  actionPoints: int('BENCH_ACTION_POINTS', 60_000),
  concurrency: Math.max(1, int('BENCH_CONCURRENCY', 50)),
  requests: Math.max(1, int('BENCH_REQUESTS', 1000)),
  baselineUsers: Math.max(1, int('BENCH_BASELINE_USERS', 300)),
  holdS: int('BENCH_HOLD_S', 0),
  phases: (process.env.BENCH_PHASES || 'overdue,municipality,priority,visits').split(',').map((s) => s.trim()).filter(Boolean),
};
const TARGET_P95_MS = 300;
const PASSWORD = 'bench-correct-horse-battery';
const PAGE_SIZE = 50;

const bench = createBench({ name: 'monitoring', adminUrl: CFG.adminUrl, redisUrl: CFG.redisUrl, port: CFG.port, timeLimitS: CFG.timeLimitS });
const { Client } = bench;
const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

// ---------------------------------------------------------------------------------------------- the monitoring data
/** The content of a written report of the bench (one per rating), assessing the work plan, and its frozen hash. */
function reportTemplates(domain, logframe) {
  const ids = domain.workPlanActivities(logframe).map((a) => a.activityId);
  const base = {
    findings: 'The shelter is staffed around the clock; case files are kept locked; the vocational courses run with the partner training centre.',
    recommendations: 'Review every reintegration plan monthly; keep the attendance registers by course.',
    peopleMet: [{ function: 'Shelter coordinator', count: 1 }, { function: 'Case manager', count: 2 }, { function: 'Psychologist', count: 1 }],
    beneficiariesObserved: [{ group: 'adult women', count: 8 }, { group: 'girls under 18', count: 3 }],
  };
  return [1, 2, 3].map((rating) => {
    const content = {
      activities: ids.map((activityId, i) => ({ activityId, status: Math.min(4, rating === 3 ? 1 + i : 4 - i), comment: `Activity ${i + 1}: as observed on the visit.` })),
      rating,
      ratingReasons: rating === 1 ? null : 'Spending and activities are behind the plan; the courses started late.',
      correctiveActions: rating === 1 ? null : 'A revised work plan and a spending forecast to the Secretariat within a month.',
      ...base,
    };
    const problems = domain.visitReportProblems(content, ids, 'submit');
    if (problems.length) throw new Error(`bench report template (rating ${rating}) does not pass the domain's rules: ${JSON.stringify(problems)}`);
    return { rating, content, sha256: sha256(domain.visitReportCanonicalContent(content)) };
  });
}

/**
 * Visits, reports, action points and their history over the portfolio, in a handful of INSERT … SELECT statements.
 * Pseudo-random choices come from hashtext of the rows' ids, so every run has the same shares.
 */
async function seedMonitoring(db, domain, logframe, officer) {
  const t0 = performance.now();
  const codes = domain.KOSOVO_MUNICIPALITIES.map((m) => m.code);
  // the organisations across the municipalities: a fifth in Prishtinë, the rest in turn
  await db.query(
    `UPDATE organizations o SET municipality = CASE WHEN x.rn % 5 = 0 THEN 'prishtina' ELSE ($1::text[])[1 + (x.rn % array_length($1::text[], 1))] END
       FROM (SELECT id, row_number() OVER (ORDER BY registration_number) AS rn FROM organizations WHERE registration_number LIKE 'BENCH-G-%') x
      WHERE o.id = x.id`, [codes]);
  const [{ today }] = (await db.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`)).rows;
  const k = CFG.visitsPerGrant;
  const past = k - 2;

  // visits: `past` of them spread between the grant's start and yesterday, two ahead (a follow-up or planned, then an unannounced or planned)
  await db.query(`
    INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by, created_at, updated_at)
    SELECT g.id, g.monitor_id,
           CASE WHEN s >= $2 THEN (CASE WHEN ((hashtext(g.id::text || s) & 2147483647) % 3) = 0 THEN 'unannounced' WHEN s = $2 THEN 'follow_up' ELSE 'planned' END)
                ELSE (ARRAY['planned','planned','follow_up','unannounced'])[1 + (hashtext(g.id::text || s) & 2147483647) % 4] END,
           d.visit_date,
           'Quarterly monitoring: case management, the vocational courses, spending against the plan (visit ' || (s + 1) || ')',
           g.monitor_id, d.visit_date - 14, d.visit_date - 14
      FROM grants g CROSS JOIN generate_series(0, $3 - 1) s
      CROSS JOIN LATERAL (SELECT CASE WHEN s < $2 THEN g.start_date + ((($1::date - 1) - g.start_date) * (s + 1)) / $2
                                      ELSE $1::date + CASE WHEN s = $2 THEN 5 + (hashtext(g.id::text) & 2147483647) % 25 ELSE 35 + (hashtext(g.id::text) & 2147483647) % 50 END END AS visit_date) d
     WHERE g.status = 'in_force'`, [today, past, k]);

  // reports: future visits an empty draft; the latest past one draft / submitted / returned / accepted / shared; older ones shared
  const templates = reportTemplates(domain, logframe);
  await db.query(`
    WITH v AS (
      SELECT v.id, v.grant_id, v.visit_date, v.created_at,
             row_number() OVER (PARTITION BY v.grant_id, v.visit_date < $1::date ORDER BY v.visit_date DESC) AS back,
             (hashtext(v.id::text) & 2147483647) AS h
        FROM monitoring_visits v),
    s AS (
      SELECT v.*, CASE WHEN v.visit_date >= $1::date THEN 'draft'
                       WHEN v.back = 1 THEN (ARRAY['draft','submitted','submitted','returned','accepted','shared','shared','shared','shared','shared'])[1 + v.h % 10]
                       ELSE 'shared' END AS status,
             CASE WHEN v.h % 20 < 12 THEN 1 WHEN v.h % 20 < 18 THEN 2 ELSE 3 END AS rating
        FROM v)
    INSERT INTO visit_reports (visit_id, grant_id, status, content, rating, sha256, review_comment, submitted_at, submitted_by, reviewed_at, reviewed_by, shared_at, shared_by,
                               saved_by, created_at, updated_at, version)
    SELECT s.id, s.grant_id, s.status,
           CASE WHEN s.status = 'draft' THEN '{"activities":[],"rating":null,"peopleMet":[],"beneficiariesObserved":[]}'::jsonb ELSE ($2::jsonb) -> (s.rating - 1) END,
           CASE WHEN s.status = 'draft' THEN NULL ELSE s.rating END,
           CASE WHEN s.status = 'shared' THEN ($3::text[])[s.rating] END,
           CASE WHEN s.status = 'returned' THEN 'The findings do not say what was seen of the courses: add it.' END,
           CASE WHEN s.status <> 'draft' THEN s.visit_date + interval '2 days 16 hours' END, CASE WHEN s.status <> 'draft' THEN g.monitor_id END,
           CASE WHEN s.status IN ('returned','accepted','shared') THEN s.visit_date + interval '5 days 11 hours' END,
           CASE WHEN s.status IN ('returned','accepted','shared') THEN $4::uuid END,
           CASE WHEN s.status = 'shared' THEN s.visit_date + interval '6 days 12 hours' END, CASE WHEN s.status = 'shared' THEN $4::uuid END,
           CASE WHEN s.status <> 'draft' THEN g.monitor_id END, s.created_at, s.created_at, CASE s.status WHEN 'draft' THEN 1 WHEN 'submitted' THEN 3 WHEN 'returned' THEN 4 WHEN 'accepted' THEN 4 ELSE 5 END
      FROM s JOIN grants g ON g.id = s.grant_id`,
  [today, JSON.stringify(templates.map((t) => t.content)), templates.map((t) => t.sha256), officer.id]);

  // action points: 2–7 on each shared report (so all live), in report order until there are CFG.actionPoints
  await db.query(`
    WITH r AS (SELECT r.id, r.grant_id, v.visit_date, g.monitor_id, o.owner_id, 2 + (hashtext(r.id::text) & 2147483647) % 6 AS n
                 FROM visit_reports r JOIN monitoring_visits v ON v.id = r.visit_id JOIN grants g ON g.id = r.grant_id
                 CROSS JOIN LATERAL (SELECT u.id AS owner_id FROM users u WHERE u.organization_id = g.organization_id AND u.org_role = 'owner' LIMIT 1) o
                WHERE r.status = 'shared'),
    p AS (SELECT r.*, s AS seq, (hashtext(r.id::text || '/' || s) & 2147483647) AS h FROM r CROSS JOIN generate_series(1, 7) s WHERE s <= r.n ORDER BY r.id, s LIMIT $2),
    q AS (SELECT p.*, p.visit_date + 1 + (p.h % 120) AS due,
                 CASE WHEN (p.h / 17) % 10 < 8 THEN 'organisation' ELSE 'secretariat' END AS owner,
                 (ARRAY['high','high','high','medium','medium','medium','medium','low','low','low'])[1 + (p.h / 13) % 10] AS priority
            FROM p),
    w AS (SELECT q.*, CASE WHEN q.due < $1::date - 60 THEN (ARRAY['closed','closed','closed','closed','closed','closed','closed','closed','answered','open'])[1 + (q.h / 7) % 10]
                           ELSE (ARRAY['open','open','open','open','answered','answered','reopened','closed','closed','closed'])[1 + (q.h / 7) % 10] END AS status
            FROM q)
    INSERT INTO action_points (report_id, grant_id, seq, what, owner, priority, due_date, status, live, answer, answered_at, answered_by, reopen_reason, closed_at, closed_by,
                               created_by, created_at, updated_at, version)
    SELECT w.id, w.grant_id, w.seq, 'Action point ' || w.seq || ': keep the case files locked and the attendance registers up to date', w.owner, w.priority, w.due, w.status, true,
           CASE WHEN w.status <> 'open' THEN 'Done: the register and the photos of the cabinet are attached.' END,
           CASE WHEN w.status <> 'open' THEN least(now(), w.due - 2 + time '14:00') END, CASE WHEN w.status <> 'open' THEN CASE WHEN w.owner = 'organisation' THEN w.owner_id ELSE $3::uuid END END,
           CASE WHEN w.status = 'reopened' THEN 'The register has no entries for the last month: complete it.' END,
           CASE WHEN w.status = 'closed' THEN least(now(), w.due + time '15:00') END, CASE WHEN w.status = 'closed' THEN w.monitor_id END,
           w.monitor_id, w.visit_date + time '18:00', w.visit_date + time '18:00', CASE w.status WHEN 'open' THEN 1 WHEN 'answered' THEN 2 WHEN 'reopened' THEN 3 ELSE 3 END
      FROM w`, [today, CFG.actionPoints, officer.id]);

  // their history: answer (answered, reopened, closed), reopen, close
  await db.query(`
    INSERT INTO action_point_events (action_point_id, kind, body, by_user, created_at)
    SELECT p.id, 'answer', p.answer, p.answered_by, p.answered_at FROM action_points p WHERE p.status <> 'open'
    UNION ALL SELECT p.id, 'reopen', p.reopen_reason, p.created_by, least(now(), p.answered_at + interval '1 day') FROM action_points p WHERE p.status = 'reopened'
    UNION ALL SELECT p.id, 'close', NULL, p.closed_by, p.closed_at FROM action_points p WHERE p.status = 'closed'`);
  await db.query('VACUUM ANALYZE');

  const { rows: [counts] } = await db.query(`
    SELECT (SELECT count(*)::int FROM monitoring_visits) AS visits, (SELECT count(*)::int FROM visit_reports) AS reports,
           (SELECT count(*)::int FROM visit_reports WHERE status = 'shared') AS "sharedReports",
           (SELECT count(*)::int FROM action_points) AS "actionPoints", (SELECT count(*)::int FROM action_points WHERE live) AS "liveActionPoints",
           (SELECT count(*)::int FROM action_point_events) AS events,
           (SELECT count(*)::int FROM action_points WHERE live AND status IN ('open','reopened') AND due_date < $1::date) AS overdue,
           (SELECT count(*)::int FROM action_points WHERE live AND status IN ('open','reopened') AND due_date < $1::date AND priority = 'high') AS escalated`, [today]);
  return { today, templates, counts, seedS: round((performance.now() - t0) / 1000) };
}

// ---------------------------------------------------------------------------------------------- main
async function main() {
  const loadAtStart = loadAverage();
  await ensureBuilt([...NEEDED, 'apps/api/dist/modules/monitoring']);
  const domain = require(join(ROOT, 'libs/domain/dist/index.js'));
  const { demoApplicationContent } = require(join(ROOT, 'apps/api/dist/seed/demo-application.js'));
  const pressureAtStart = cpuPressure();
  const build = buildInfo();
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!(await bench.portFree())) throw new Error(`port ${CFG.port} is in use (set BENCH_PORT)`);
  const results = {};
  const cpu = {};
  const waits = {};
  const { checks, check, printChecks } = checklist();

  // 1. database, migrations, API (no worker: reading lists queues nothing)
  const pgVersion = await bench.createDatabase();
  const env = await bench.serviceEnv();
  const { api } = await bench.startServices(env, { apiNodeOptions: CFG.apiNodeOptions });
  const { db } = bench;

  // 2. the portfolio of bench:grants, then the monitoring data on it
  const tSeed = performance.now();
  const hash = await benchPasswordHash(PASSWORD);
  const officerEmail = await bench.insertOfficer(hash);
  const { rows: [officerRow] } = await db.query(`SELECT id, email FROM users WHERE email = $1`, [officerEmail]);
  const portfolio = await seedPortfolio(db, domain, demoApplicationContent, hash, officerRow, CFG.grants);
  log(`portfolio seeded: ${JSON.stringify(portfolio.counts)}`);
  const monitoring = await seedMonitoring(db, domain, demoApplicationContent('2026-01-01', 0).logframe, officerRow);
  const seedS = round((performance.now() - tSeed) / 1000);
  const { today, counts } = monitoring;
  log(`monitoring seeded in ${monitoring.seedS} s: ${JSON.stringify(counts)}`);
  check(`the data: ${CFG.grants * CFG.visitsPerGrant} visits each with its report, ${CFG.actionPoints} live action points`,
    counts.visits === CFG.grants * CFG.visitsPerGrant && counts.reports === counts.visits && counts.actionPoints === CFG.actionPoints && counts.liveActionPoints === CFG.actionPoints,
    JSON.stringify(counts));
  const { rows: [frozen] } = await db.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE sha256 = ($1::text[])[rating])::int AS hashed FROM visit_reports WHERE status = 'shared'`, [monitoring.templates.map((t) => t.sha256)]);
  check('every shared report is frozen with the SHA-256 of its canonical content', frozen.n > 0 && frozen.hashed === frozen.n, `${frozen.hashed} of ${frozen.n}`);

  // what the phases ask for, and what the database says they should answer
  const { rows: [busiest] } = await db.query(
    `SELECT o.municipality, count(*)::int AS n FROM action_points p JOIN grants g ON g.id = p.grant_id JOIN organizations o ON o.id = g.organization_id
      WHERE p.live AND p.status = 'open' GROUP BY o.municipality ORDER BY n DESC, o.municipality LIMIT 1`);
  const municipality = busiest.municipality;
  const { rows: monitors } = await db.query(`SELECT id, email FROM users WHERE role = 'monitor' AND email LIKE 'monitor-%@bench.example.org' ORDER BY email`);
  const from = domain.addDays(today, -30);
  const to = domain.addDays(today, 60);
  const { rows: visitTotals } = await db.query(
    `SELECT monitor_id AS "monitorId", count(*)::int AS n FROM monitoring_visits WHERE visit_date BETWEEN $1 AND $2 GROUP BY monitor_id`, [from, to]);
  const visitTotal = new Map(visitTotals.map((r) => [r.monitorId, r.n]));
  log(`phases ask for: municipality ${municipality} (${busiest.n} open points), visits ${from} to ${to}`);

  if (CFG.holdS) {
    log(`BENCH_HOLD_S=${CFG.holdS}: database ${bench.dbName} (${bench.dbUrl}) and the API on port ${CFG.port} stay up for ${CFG.holdS} s`);
    await new Promise((r) => setTimeout(r, CFG.holdS * 1000));
  }

  // 3. log in: officers (a few sockets), the monitors, and the owners of the baseline
  const officers = await pool(Array.from({ length: 4 }), 4, () => new Client(officerEmail).login(PASSWORD));
  const monitorClients = await pool(monitors, 10, async (m) => Object.assign(await new Client(m.email).login(PASSWORD), { id: m.id }));
  const clients = portfolio.owners.slice(0, CFG.baselineUsers).map((u) => new Client(u.email));
  await pool(clients, CFG.loginConcurrency, (c) => c.login(PASSWORD));

  // 4. the baseline (as every bench measures it)
  ({ result: results.baseline, cpu: cpu.baseline } = await measureBaseline(bench, clients, { count: CFG.baseline, concurrency: CFG.concurrency, api }));

  /** A phase: warm-up, then `items` with CFG.concurrency in flight; latencies, CPU and what the backends waited for. */
  const phase = async (key, name, items, fn, warm) => {
    await pool(warm, CFG.concurrency, fn);
    const sampler = bench.activitySampler();
    const c0 = await cpuSnapshot(db, api);
    const t0 = performance.now();
    const samples = await pool(items, CFG.concurrency, fn);
    results[key] = stats(name, samples, performance.now() - t0);
    cpu[key] = cpuDelta(c0, await cpuSnapshot(db, api), samples.length);
    waits[key] = await sampler.finish();
    results[key].bytes = samples.length ? Math.round(samples.reduce((s, x) => s + (x.bytes ?? 0), 0) / samples.length) : 0;
    log(`${key}: ${samples.length} requests, p95 ${results[key].p95} ms`);
    return samples.find((s) => s.status === 200)?.body;
  };
  const n = Array.from({ length: CFG.requests }, (_, i) => i);
  const warm = Array.from({ length: 100 }, (_, i) => i);
  const officerOf = (i) => officers[i % officers.length];
  const want = (key) => CFG.phases.includes(key);
  const PATHS = {
    overdue: `/api/action-points?overdue=true&priority=high&page=1&pageSize=${PAGE_SIZE}`,
    municipality: `/api/action-points?status=open&municipality=${encodeURIComponent(municipality)}&page=3&pageSize=${PAGE_SIZE}`,
    priority: `/api/monitoring/priority?page=1&pageSize=${PAGE_SIZE}`,
    visits: `/api/visits?from=${from}&to=${to}`,
  };

  // 5. the Secretariat's action points: overdue and high (escalated first), the first page
  if (want('overdue')) {
    const body = await phase('overdue', 'action points GET /action-points?overdue&priority=high (Secretariat, page 1)', n, (i) => officerOf(i).call('GET', PATHS.overdue), warm);
    const items = body?.items ?? [];
    check(`overdue high-priority points: page 1 of ${counts.escalated}, each overdue, high, escalated, in the domain's order`,
      body?.total === counts.escalated && items.length === Math.min(PAGE_SIZE, counts.escalated)
        && items.every((p) => p.overdue && p.escalated && p.priority === 'high' && ['open', 'reopened'].includes(p.status) && p.dueDate < today)
        && items.every((p, i) => i === 0 || domain.compareActionPoints(items[i - 1], p, today) <= 0),
      `${items.length} items of ${body?.total}, ${round((results.overdue?.bytes ?? 0) / 1024)} KB`);
  }

  // 6. the Secretariat's action points: open, in one municipality, the third page
  if (want('municipality')) {
    const { rows: [expected] } = await db.query(
      `SELECT count(*)::int AS n FROM action_points p JOIN grants g ON g.id = p.grant_id JOIN organizations o ON o.id = g.organization_id
        WHERE p.live AND p.status = 'open' AND o.municipality = $1`, [municipality]);
    const body = await phase('municipality', `action points GET /action-points?status=open&municipality (Secretariat, page 3)`, n, (i) => officerOf(i).call('GET', PATHS.municipality), warm);
    const items = body?.items ?? [];
    check(`open points in ${municipality}: page 3 of ${expected.n}, each open and there, in the domain's order`,
      body?.total === expected.n && items.length === Math.max(0, Math.min(PAGE_SIZE, expected.n - 2 * PAGE_SIZE))
        && items.every((p) => p.status === 'open' && p.municipality === municipality)
        && items.every((p, i) => i === 0 || domain.compareActionPoints(items[i - 1], p, today) <= 0),
      `${items.length} items of ${body?.total}`);
  }

  // 7. the monitoring-priority list (every grant in force scored), the first page
  if (want('priority')) {
    const body = await phase('priority', 'monitoring priority GET /monitoring/priority (Secretariat, page 1)', n, (i) => officerOf(i).call('GET', PATHS.priority), warm);
    const items = body?.items ?? [];
    check(`monitoring priority: page 1 of ${CFG.grants} grants in force, the highest score first, each explained`,
      body?.total === CFG.grants && items.length === Math.min(PAGE_SIZE, CFG.grants) && items.every((g, i) => i === 0 || items[i - 1].score >= g.score)
        && items.every((g) => Array.isArray(g.reasons) && g.reasons.length > 0 && g.reasons.reduce((s, r) => s + r.points, 0) === g.score),
      `${items.length} items of ${body?.total}, scores ${items[0]?.score}…${items.at(-1)?.score}, ${round((results.priority?.bytes ?? 0) / 1024)} KB`);
  }

  // 8. a monitor's calendar: its visits from a month ago to two months ahead (the ten monitors in turn)
  if (want('visits')) {
    const byMonitor = (i) => monitorClients[i % monitorClients.length];
    const body = await phase('visits', 'visits GET /visits?from&to (a monitor)', n, (i) => byMonitor(i).call('GET', PATHS.visits), warm);
    const first = monitorClients[0];
    const mine = (await first.must('GET', PATHS.visits)).body;
    const items = mine?.items ?? [];
    check(`a monitor's visits ${from} to ${to}: only its own, in the range, by date, counted (${visitTotal.get(first.id)})`,
      !!body && mine?.total === visitTotal.get(first.id) && items.length > 0 && items.every((v) => v.monitorId === first.id && v.date >= from && v.date <= to)
        && items.every((v, i) => i === 0 || items[i - 1].date <= v.date),
      `${items.length} items of ${mine?.total}, ${round((results.visits?.bytes ?? 0) / 1024)} KB`);
  }

  const timed = ['overdue', 'municipality', 'priority', 'visits'].filter((k) => results[k]);
  for (const k of ['baseline', ...timed]) check(`${k}: every request answered 2xx`, results[k].errors === 0, results[k].errors ? JSON.stringify(results[k].errorKinds) : '0 errors');

  // 9. figures
  const base = results.baseline.p95;
  const ratios = Object.fromEntries(timed.map((k) => [`p95(${k})/p95(baseline)`, round(results[k].p95 / base, 2)]));
  const targets = Object.fromEntries(timed.map((k) => [k, { belowMs: TARGET_P95_MS, p95: results[k].p95, met: results[k].p95 < TARGET_P95_MS }]));
  const machine = machineInfo({ pressureAtStart, loadAtStart, build, pgVersion, queue: CFG.redisUrl ? 'redis' : 'postgres' });

  console.log('\n=== Monitoring benchmark ===');
  printMachine(machine);
  console.log(`data: ${portfolio.counts.grants} grants in force (the bench:grants portfolio: ${portfolio.counts.tranches} tranches, ${portfolio.counts.expenditureReports} expenditure reports), ${counts.visits} visits and reports (${counts.sharedReports} shared), ${counts.actionPoints} live action points (${counts.overdue} overdue, ${counts.escalated} escalated), ${counts.events} action-point events; seeded in ${seedS} s; today ${today}; ${CFG.concurrency} in flight; queue: ${machine.queue}`);
  console.log('');
  const rows = [['baseline', 'GET /organizations/mine'], ['overdue', PATHS.overdue.replace('/api', '')], ['municipality', PATHS.municipality.replace('/api', '')], ['priority', PATHS.priority.replace('/api', '')], ['visits', '/visits?from&to (a monitor)']]
    .filter(([k]) => results[k]).map(([k, what]) => {
      const s = results[k];
      return {
        phase: `${k}: ${what}`, requests: s.count, errors: s.errors, 'req/s': s.throughput, 'p50 ms': s.p50, 'p95 ms': s.p95, 'p99 ms': s.p99, 'max ms': s.max,
        KB: s.bytes === undefined ? '' : round(s.bytes / 1024), 'p95/baseline': k === 'baseline' ? '' : round(s.p95 / base, 2), 'API ms/req': cpu[k].apiMsPerRequest, 'PG ms/req': cpu[k].postgresForApiMsPerRequest,
        target: k === 'baseline' ? '' : `${targets[k].met ? 'MET' : 'MISSED'} (< ${TARGET_P95_MS})`,
      };
    });
  console.log(table(rows, ['phase', 'requests', 'errors', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'KB', 'p95/baseline', 'API ms/req', 'PG ms/req', 'target']));
  for (const k of timed) {
    const top = waits[k].top.filter((w) => w.avgBackends >= 0.05).slice(0, 4);
    if (top.length) console.log(`  ${k}: backends busy on average: ${top.map((w) => `${w.avgBackends} × ${w.what.replace(/\s+/g, ' ').trim()}`).join('; ')}`);
  }
  console.log('');
  for (const [k, v] of Object.entries(ratios)) console.log(`${k} = ${v}`);
  for (const [k, t] of Object.entries(targets)) console.log(`target p95(${k}) < ${TARGET_P95_MS} ms with ${CFG.concurrency} in flight: ${t.met ? 'MET' : 'NOT MET'} (${t.p95} ms)`);
  const allOk = printChecks();

  writeResults('bench-monitoring.json', {
    at: new Date().toISOString(), config: { ...CFG, apiNodeOptions: CFG.apiNodeOptions.join(' ') }, database: bench.dbName, machine,
    data: { portfolio: portfolio.counts, monitoring: counts, municipality, visitsRange: { from, to } }, seedS, paths: PATHS, results, cpu, waits, ratios, targets, checks, allChecksOk: allOk,
  });
  return allOk;
}

process.exit(await bench.run(main));
