#!/usr/bin/env node
/**
 * Narrative reports benchmark (issue 12, "Performance"): the portfolio of bench:grants (its generator, seedPortfolio,
 * reused: 2,000 grants in force, their tranches, expenditure reports and audit trail) extended with 12,000 narrative
 * reports (the six of each grant's reporting schedule: five interim and the final), in every state, with 200,000
 * indicator values (narrative_report_indicator_values) and 500,000 beneficiary count cells
 * (narrative_report_beneficiary_counts), in a fresh database, against the real API. In one run: pgbench select-only
 * on a scratch database of the same server (the physical limit of one primary-key read), then, each with 50 in
 * flight: the bare authenticated read of every bench (GET /api/organizations/mine, the baseline), and as the
 * Secretariat
 *   - the review screen of one report: GET /api/reports/:id (a submitted report, content against the logframe,
 *     indicator progress, counts suppressed '<5', comments, versions, requests for more time; 100 reports in turn),
 *   - the list of reports to review: GET /api/reports?status=submitted&page=1&pageSize=50, and a later page of it.
 * Prints p50/p95/p99, throughput, the ratio of each p95 to the baseline's p95 and the target (p95 < 300 ms); checks
 * each answer against the database (counts, filter, order, suppression); EXPLAIN ANALYZE of the list's statements (the
 * API's own SQL: the built NarrativeReportsRepository.list and ensureNarrativeReportRows, which every list read runs first); then
 * tears everything down (API, databases, Redis keys) even on failure. Build first (npx nx run @grants/api:build):
 * the figures are of apps/api/dist.
 *
 *   npm run bench:reports
 *
 * The reports data (SQL in bulk with generate_series / jsonb_array_elements, consistent with the schema's
 * constraints and the domain's rules): the bench grants get a logframe of 2 specific objectives × 2 results × (5
 * indicators, 2 activities), so 20 indicators a report; the report rows are the grants' reporting schedule (so the
 * API's idempotent "ensure" adds none); 10,000 are handed in (accepted ~50 %, submitted ~35 %, returned ~15 %, by a
 * hash of their id) and 2,000 are drafts (a tenth with an extension granted, some overdue with more time asked).
 * A handed-in report holds one of four contents that pass narrativeReportContentProblems and are complete
 * (narrativeReportCompleteness), frozen as version 1 with the SHA-256 of its canonical JSON
 * (freezeNarrativeReportVersion), and its figures: 20 indicator values (scaled by INDICATOR_VALUE_SCALE) and 50 count
 * cells above 0 (3 by sex, 4 by age, 2 new/continuing, 10 by service, 31 by municipality; every breakdown adds up to
 * the total, some cells 1–4 so that suppression works). Returned reports carry two review comments, some accepted
 * ones a monitor's comment.
 *
 * Settings (environment): BENCH_PORT (3450), BENCH_GRANTS (2000), BENCH_CONCURRENCY (50), BENCH_REQUESTS (1000 a
 * phase), BENCH_BASELINE (3000), BENCH_BASELINE_USERS (300), BENCH_PGBENCH_DURATION_S (10; 0 skips pgbench),
 * BENCH_PGBENCH_CLIENTS (16), BENCH_PHASES (review,list,later: a subset times only those), BENCH_HOLD_S (diagnostics:
 * after seeding, waits that many seconds with the database and the API up), BENCH_TIME_LIMIT_S (900), and those of
 * every bench (bench/lib.mjs). Results: test-artifacts/bench-reports.json; server log: test-artifacts/bench-reports-api.log.
 */
/* global process, console, setTimeout, URL */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedPortfolio } from './grants.mjs';
import {
  ARTIFACTS, NEEDED, PgClient, ROOT, benchPasswordHash, buildInfo, checklist, commonConfig, cpuDelta, cpuPressure, cpuSnapshot, createBench,
  ensureBuilt, int, loadAverage, log, machineInfo, measureBaseline, pool, printMachine, require, round, stats, table, writeResults,
} from './lib.mjs';

const CFG = {
  ...commonConfig({ port: 3450, timeLimitS: 900 }),
  grants: Math.max(20, int('BENCH_GRANTS', 2000)),
  concurrency: Math.max(1, int('BENCH_CONCURRENCY', 50)),
  requests: Math.max(1, int('BENCH_REQUESTS', 1000)),
  baselineUsers: Math.max(1, int('BENCH_BASELINE_USERS', 300)),
  pgbenchDurationS: int('BENCH_PGBENCH_DURATION_S', 10),
  pgbenchClients: Math.max(1, int('BENCH_PGBENCH_CLIENTS', 16)),
  holdS: int('BENCH_HOLD_S', 0),
  phases: (process.env.BENCH_PHASES || 'review,list,later').split(',').map((s) => s.trim()).filter(Boolean),
};
const TARGET_P95_MS = 300;
const PASSWORD = 'bench-correct-horse-battery';
const PAGE_SIZE = 50;
/** Reports a grant: its schedule's first six (36-month grants: five interim and the final). */
const REPORTS_PER_GRANT = 6;
const DRAFT_SHARE = 1 / 6;
const INDICATORS = 20;
const CELLS = 50;
const REVIEWED_REPORTS = 100;

const bench = createBench({ name: 'reports', adminUrl: CFG.adminUrl, redisUrl: CFG.redisUrl, port: CFG.port, timeLimitS: CFG.timeLimitS });
const { Client } = bench;
const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

// ---------------------------------------------------------------------------------------------- pgbench (as bench:grants)
function pgbenchBinary() {
  const which = spawnSync('which', ['pgbench'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) if (existsSync(join(base, v, 'bin/pgbench'))) return join(base, v, 'bin/pgbench');
  }
  return null;
}
async function adminQuery(sql) {
  const admin = new PgClient({ connectionString: CFG.adminUrl });
  try { await admin.connect(); await admin.query(sql); } finally { await admin.end().catch(() => undefined); }
}
/** pgbench select-only (one primary-key read per transaction) on a scratch database of the same server. */
async function measurePgbench() {
  const bin = pgbenchBinary();
  if (!bin) { log('pgbench not found: skipped'); return null; }
  const pgbenchDb = `${bench.dbName}_pgbench`;
  const u = new URL(CFG.adminUrl);
  const env = { ...process.env, PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username || 'postgres') };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const run = (args) => {
    const r = spawnSync(bin, [...args, pgbenchDb], { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    if (r.status !== 0) throw new Error(`pgbench ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  await adminQuery(`CREATE DATABASE "${pgbenchDb}"`);
  bench.onTeardown(() => adminQuery(`DROP DATABASE IF EXISTS "${pgbenchDb}" WITH (FORCE)`));
  try {
    run(['-i', '-q', '-s', '10']);
    log(`pgbench: select-only, ${CFG.pgbenchClients} clients, ${CFG.pgbenchDurationS} s`);
    const out = run(['-S', '-c', String(CFG.pgbenchClients), '-j', '2', '-T', String(CFG.pgbenchDurationS), '-n']);
    const tps = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(out);
    const lat = /latency average = ([\d.]+) ms/.exec(out);
    return { binary: bin, clients: CFG.pgbenchClients, tps: tps ? Math.round(Number(tps[1])) : null, latencyAvgMs: lat ? Number(lat[1]) : null };
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${pgbenchDb}" WITH (FORCE)`);
  }
}

// ---------------------------------------------------------------------------------------------- the reports data
/** The bench grants' logframe: the demo's objective, 2 specific objectives × 2 results, each with 5 indicators and 2 activities. */
function benchLogframe(demo) {
  const UNITS = ['persons (count)', 'sessions (count)', 'persons (count)', 'plans (count)', 'persons (count)'];
  return {
    overallObjective: demo.overallObjective,
    specificObjectives: [1, 2].map((s) => ({
      text: s === 1 ? 'Survivors gain skills and income that let them live independently.' : 'Survivors recover and are safe in their families and communities.',
      // National Strategy tags: vocational training for employment; psycho-social support to each victim
      nsObjective: s === 1 ? 'III.4.4' : 'III.2.7',
      results: [1, 2].map((r) => ({
        text: `Result ${s}.${r}: survivors reached by the services of the grant.`,
        indicators: UNITS.map((unit, k) => ({
          name: `Indicator ${s}.${r}.${k + 1}: ${unit.split(' ')[0]} reached by the services`, level: k < 3 ? 'output' : 'outcome', unit,
          baseline: '0', target: String(20 + 10 * k), meansOfVerification: 'Attendance sheets, case files (counts only)', frequency: 'Half-yearly',
        })),
        activities: [1, 2].map((a) => ({ code: `A${(s - 1) * 2 + r}.${a}`, text: `Activity ${(s - 1) * 2 + r}.${a}: services to survivors` })),
      })),
    })),
  };
}

/** `total` split over `n` cells, each at least 1, the first `big` share larger (so a few cells are 1–4: suppressed for others). */
function spread(total, keys, firstShare) {
  const n = keys.length;
  const first = Math.max(1, Math.floor(total * firstShare));
  const rest = total - first;
  const out = { [keys[0]]: first };
  let left = rest;
  for (let i = 1; i < n; i++) {
    const v = i === n - 1 ? left : Math.max(1, Math.floor(rest / (n - 1)) + ((i % 3) - 1));
    out[keys[i]] = v;
    left -= v;
  }
  if (Object.values(out).some((v) => v < 1)) throw new Error(`bench table: a cell below 1 in ${JSON.stringify(out)}`);
  return out;
}

/**
 * The contents of the handed-in reports (four variants), each passing the domain's shape rules and complete, with
 * its frozen hash and its figures: 20 indicator values and 50 count cells above 0.
 */
function reportTemplates(domain, logframe) {
  const keys = domain.narrativeLogframeKeys(logframe);
  const K = domain.BENEFICIARY_BREAKDOWN_KEYS;
  if (keys.indicators.length !== INDICATORS) throw new Error(`bench logframe has ${keys.indicators.length} indicators, not ${INDICATORS}`);
  return [0, 1, 2, 3].map((v) => {
    const total = 240 + 20 * v;
    const municipalities = K.byMunicipality.slice(v, v + 31);
    const beneficiaries = {
      total,
      bySex: { female: total - 60 - v, male: 57 + v, other: 3 },
      byAge: spread(total, [...K.byAge], 0.2),
      byIntake: { new: Math.floor(total / 3), continuing: total - Math.floor(total / 3) },
      byService: spread(total, [...K.byService], 0.3),
      byMunicipality: spread(total, municipalities, 0.5),
    };
    const content = {
      general: { summary: `In the period the grant reached ${total} survivors of trafficking with shelter, psychological support, legal aid and vocational training (variant ${v + 1}).` },
      results: Object.fromEntries(keys.results.map((k, i) => [k, { summary: `Result ${i + 1}: on track; the courses and the counselling ran as planned.` }])),
      activities: Object.fromEntries(keys.activities.map((k, i) => [k, { done: `Sessions held as in the work plan (activity ${i + 1}).`, status: 2 + ((i + v) % 3), deviations: i % 3 === 0 ? 'Two sessions moved by a month.' : '' }])),
      indicators: Object.fromEntries(keys.indicators.map((k, i) => [k, { periodValue: String(3 + v + (i % 5)), cumulativeValue: String(10 + 2 * v + i), comment: 'From the attendance sheets.', evidenceFileIds: [] }])),
      beneficiaries,
      challenges: 'Two survivors left the shelter early; the employer network is small in the south.',
      lessons: 'Case conferences with the social-work centre shorten the time to a reintegration plan.',
      nextPlan: 'Start the second vocational course and the small-business mentoring.',
    };
    const problems = domain.narrativeReportContentProblems(content, logframe);
    const completeness = domain.narrativeReportCompleteness(content, logframe, { kind: 'interim' });
    if (problems.length || !completeness.complete) throw new Error(`bench report template ${v} does not pass the domain's rules: ${JSON.stringify({ problems, completeness })}`);
    const frozen = domain.freezeNarrativeReportVersion(content, [], sha256);
    const indicators = keys.indicators.map((k) => ({
      indicator_id: k, period_value: domain.parseIndicatorValue(content.indicators[k].periodValue).scaled, cumulative_value: domain.parseIndicatorValue(content.indicators[k].cumulativeValue).scaled,
    }));
    const cells = domain.BENEFICIARY_BREAKDOWNS.flatMap((b) => Object.entries(beneficiaries[b]).filter(([, n]) => n > 0).map(([key, count]) => ({ breakdown: b, key, count })));
    if (cells.length !== CELLS) throw new Error(`bench report template ${v} has ${cells.length} count cells, not ${CELLS}`);
    if (!cells.some((c) => c.count >= 1 && c.count <= 4)) throw new Error(`bench report template ${v} has no count from 1 to 4 (nothing to suppress)`);
    if (domain.beneficiaryCountProblems(beneficiaries).length) throw new Error(`bench table ${v}: ${JSON.stringify(domain.beneficiaryCountProblems(beneficiaries))}`);
    return { content, sha256: frozen.hash, indicators, cells };
  });
}

/** The narrative reports over the portfolio, their versions, comments, requests for more time and figures, in bulk. */
async function seedReports(db, domain, logframe, templates, officer) {
  const t0 = performance.now();
  await db.query(`UPDATE grants SET logframe = $1 WHERE status = 'in_force'`, [JSON.stringify(logframe)]);
  const [{ today }] = (await db.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`)).rows;

  // the reports of each grant's schedule (its first six); the first sixth by a hash of the id are drafts, the rest handed in
  await db.query(`
    WITH e AS (
      SELECT g.id AS grant_id, g.organization_id, (e->>'seq')::int AS seq, e->>'kind' AS kind, (e->>'periodStart')::date AS period_start,
             (e->>'periodEnd')::date AS period_end, (e->>'dueDate')::date AS due_date, gen_random_uuid() AS id
        FROM grants g CROSS JOIN LATERAL jsonb_array_elements(g.reporting_schedule) WITH ORDINALITY AS x(e, n)
       WHERE g.status = 'in_force' AND x.n <= $1),
    h AS (SELECT e.*, (hashtext(e.id::text) & 2147483647) AS h, row_number() OVER (ORDER BY hashtext(e.id::text), e.id) AS rn, count(*) OVER () AS n FROM e),
    s AS (SELECT h.*, CASE WHEN h.rn <= round(h.n * $2::numeric) THEN 'draft' WHEN h.h % 20 < 10 THEN 'accepted' WHEN h.h % 20 < 17 THEN 'submitted' ELSE 'returned' END AS status,
                 (SELECT u.id FROM users u WHERE u.organization_id = h.organization_id AND u.org_role = 'owner' LIMIT 1) AS owner_id
            FROM h)
    INSERT INTO narrative_reports (id, grant_id, seq, kind, period_start, period_end, due_date, extended_due_date, status, content, submitted_version, sha256,
                                   submitted_at, submitted_by, reviewed_at, reviewed_by, created_at, updated_at, updated_by, version)
    SELECT s.id, s.grant_id, s.seq, s.kind, s.period_start, s.period_end, s.due_date,
           CASE WHEN s.status = 'draft' AND s.h % 10 = 0 THEN s.due_date + 30 END,
           s.status,
           CASE WHEN s.status = 'draft' THEN (CASE WHEN s.h % 2 = 0 THEN '{}'::jsonb ELSE ($3::jsonb) -> (s.h % 4) END) ELSE ($3::jsonb) -> (s.h % 4) END,
           CASE WHEN s.status = 'draft' THEN 0 ELSE 1 END,
           CASE WHEN s.status = 'draft' THEN NULL ELSE ($4::text[])[1 + s.h % 4] END,
           CASE WHEN s.status <> 'draft' THEN least(now() - interval '1 hour', s.due_date - (s.h % 20) + time '10:00') END,
           CASE WHEN s.status <> 'draft' THEN s.owner_id END,
           CASE WHEN s.status IN ('accepted','returned') THEN least(now() - interval '30 minutes', s.due_date - (s.h % 20) + 7 + time '15:00') END,
           CASE WHEN s.status IN ('accepted','returned') THEN $5::uuid END,
           least(now() - interval '2 hours', s.period_end::timestamptz), now() - interval '1 hour', s.owner_id,
           CASE s.status WHEN 'draft' THEN 1 + s.h % 5 ELSE 6 END
      FROM s`,
  [REPORTS_PER_GRANT, DRAFT_SHARE, JSON.stringify(templates.map((t) => t.content)), templates.map((t) => t.sha256), officer.id]);

  // each handed-in report frozen as version 1
  await db.query(`
    INSERT INTO narrative_report_versions (report_id, version, content, sha256, privacy_confirmations, submitted_at, submitted_by)
    SELECT r.id, 1, r.content, r.sha256, '[]', r.submitted_at, r.submitted_by FROM narrative_reports r WHERE r.status <> 'draft'`);

  // review comments of the returned ones (a section and an indicator), a monitor's comment on some accepted ones
  await db.query(`
    INSERT INTO narrative_report_comments (report_id, version, kind, author_id, author_role, section, indicator_id, body, created_at)
    SELECT r.id, 1, 'review', $1::uuid, 'secretariat', 'results', NULL, 'Say what the deviations of activity 1.1 mean for the courses of the next period.', r.reviewed_at
      FROM narrative_reports r WHERE r.status = 'returned'
    UNION ALL
    SELECT r.id, 1, 'review', $1::uuid, 'secretariat', 'indicators', 'so.1.result.1.indicator.2', 'The cumulative value does not match the attendance sheets: check it.', r.reviewed_at
      FROM narrative_reports r WHERE r.status = 'returned'
    UNION ALL
    SELECT r.id, 1, 'comment', g.monitor_id, 'monitor', 'beneficiaries', NULL, 'Seen on the visit: the counts match the case files.', r.submitted_at + interval '2 days'
      FROM narrative_reports r JOIN grants g ON g.id = r.grant_id WHERE r.status = 'accepted' AND (hashtext(r.id::text) & 2147483647) % 3 = 0`, [officer.id]);

  // requests for more time: granted for the drafts given an extension, waiting on some overdue drafts
  await db.query(`
    INSERT INTO report_extension_requests (report_id, requested_due_date, reason, status, requested_by, requested_at, decided_by, decided_at, decision_note)
    SELECT r.id, r.extended_due_date, 'The final counts of the partner centre come late.', 'granted', r.updated_by, least(now() - interval '2 hours', r.due_date - 10 + time '09:00'), $1::uuid, least(now() - interval '1 hour', r.due_date - 8 + time '12:00'), 'Granted once.'
      FROM narrative_reports r WHERE r.status = 'draft' AND r.extended_due_date IS NOT NULL
    UNION ALL
    SELECT r.id, r.due_date + 21, 'The coordinator is on sick leave.', 'requested', r.updated_by, least(now() - interval '1 hour', r.due_date + 2 + time '09:00'), NULL, NULL, NULL
      FROM narrative_reports r
     WHERE r.status = 'draft' AND r.extended_due_date IS NULL AND r.due_date < $2::date AND (hashtext(r.id::text) & 2147483647) % 4 = 0`, [officer.id, today]);

  // the figures of each handed-in report: its template's 20 indicator values and 50 count cells
  await db.query(`
    INSERT INTO narrative_report_indicator_values (report_id, indicator_id, period_value, cumulative_value)
    SELECT r.id, x.indicator_id, x.period_value, x.cumulative_value
      FROM narrative_reports r
      CROSS JOIN LATERAL jsonb_to_recordset(($1::jsonb) -> ((hashtext(r.id::text) & 2147483647) % 4)) AS x(indicator_id text, period_value bigint, cumulative_value bigint)
     WHERE r.status <> 'draft'`, [JSON.stringify(templates.map((t) => t.indicators))]);
  await db.query(`
    INSERT INTO narrative_report_beneficiary_counts (report_id, breakdown, key, count)
    SELECT r.id, x.breakdown, x.key, x.count
      FROM narrative_reports r
      CROSS JOIN LATERAL jsonb_to_recordset(($1::jsonb) -> ((hashtext(r.id::text) & 2147483647) % 4)) AS x(breakdown text, key text, count int)
     WHERE r.status <> 'draft'`, [JSON.stringify(templates.map((t) => t.cells))]);
  await db.query('VACUUM ANALYZE');

  const { rows: [counts] } = await db.query(`
    SELECT (SELECT count(*)::int FROM narrative_reports) AS reports,
           (SELECT json_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM narrative_reports GROUP BY status) s) AS "byStatus",
           (SELECT count(*)::int FROM narrative_reports WHERE status = 'draft' AND GREATEST(due_date, extended_due_date) < $1::date) AS overdue,
           (SELECT count(*)::int FROM narrative_report_versions) AS versions, (SELECT count(*)::int FROM narrative_report_comments) AS comments,
           (SELECT count(*)::int FROM report_extension_requests) AS "extensionRequests",
           (SELECT count(*)::int FROM narrative_report_indicator_values) AS "indicatorValues",
           (SELECT count(*)::int FROM narrative_report_beneficiary_counts) AS "beneficiaryCells"`, [today]);
  return { today, counts, seedS: round((performance.now() - t0) / 1000) };
}

/**
 * EXPLAIN ANALYZE of what the API runs, with the API's own SQL: `fn` is given a stand-in EntityManager whose query()
 * explains each statement (with its parameters) instead of answering it, and `fn` calls the built repository
 * (apps/api/dist/modules/reports/narrative-reports.repository.js). `rollback`: inside a transaction rolled back (the
 * "ensure" writes when something is missing).
 */
async function explainCalls(db, fn, rollback = false) {
  const plans = [];
  const m = {
    query: async (sql, params = []) => {
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plans.push({ sql: sql.replace(/\s+/g, ' ').trim(), params, plan: rows.map((r) => r['QUERY PLAN']) });
      return [{ total: 0, n: 0 }];
    },
  };
  if (rollback) await db.query('BEGIN');
  try { await fn(m); } finally { if (rollback) await db.query('ROLLBACK'); }
  return plans;
}
/** The page's SQL with the first ORDER BY key (the parenthesised "overdue" expression, then DESC) taken out; null when it has none. */
function withoutOverdueKey(sql) {
  const at = sql.indexOf('ORDER BY (');
  if (at < 0) return null;
  let depth = 0;
  let i = at + 'ORDER BY '.length;
  for (; i < sql.length; i++) {
    if (sql[i] === '(') depth++;
    else if (sql[i] === ')' && --depth === 0) break;
  }
  const rest = sql.slice(i + 1);
  if (!/^ DESC, /.test(rest)) return null;
  return `${sql.slice(0, at)}ORDER BY ${rest.replace(/^ DESC, /, '')}`;
}
const planTime = (plan) => Number(/Execution Time: ([\d.]+) ms/.exec(plan.join('\n'))?.[1] ?? NaN);

// ---------------------------------------------------------------------------------------------- main
async function main() {
  const loadAtStart = loadAverage();
  await ensureBuilt([...NEEDED, 'apps/api/dist/modules/reports']);
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

  // 1. pgbench on the same server, before the portal exists (nothing of the bench competes with it)
  const pg = CFG.pgbenchDurationS > 0 ? await measurePgbench() : null;

  // 2. database, migrations, API (no worker: reading queues nothing)
  const pgVersion = await bench.createDatabase();
  const env = await bench.serviceEnv();
  const { api } = await bench.startServices(env, { apiNodeOptions: CFG.apiNodeOptions });
  const { db } = bench;

  // 3. the portfolio of bench:grants, then the narrative reports on it
  const tSeed = performance.now();
  const hash = await benchPasswordHash(PASSWORD);
  const officerEmail = await bench.insertOfficer(hash);
  const { rows: [officerRow] } = await db.query(`SELECT id, email FROM users WHERE email = $1`, [officerEmail]);
  const portfolio = await seedPortfolio(db, domain, demoApplicationContent, hash, officerRow, CFG.grants);
  log(`portfolio seeded: ${JSON.stringify(portfolio.counts)}`);
  const logframe = benchLogframe(demoApplicationContent('2026-01-01', 0).logframe);
  const templates = reportTemplates(domain, logframe);
  const reports = await seedReports(db, domain, logframe, templates, officerRow);
  const seedS = round((performance.now() - tSeed) / 1000);
  const { today, counts } = reports;
  log(`reports seeded in ${reports.seedS} s: ${JSON.stringify(counts)}`);
  const wantReports = CFG.grants * REPORTS_PER_GRANT;
  const handedIn = wantReports - Math.round(wantReports * DRAFT_SHARE);
  check(`the data: ${wantReports} narrative reports in every state, ${handedIn * INDICATORS} indicator values, ${handedIn * CELLS} beneficiary count cells`,
    counts.reports === wantReports && domain.NARRATIVE_REPORT_STATUSES.every((s) => (counts.byStatus?.[s] ?? 0) > 0)
      && counts.indicatorValues === handedIn * INDICATORS && counts.beneficiaryCells === handedIn * CELLS && counts.versions === handedIn,
    JSON.stringify(counts));

  // what the phases ask for, and what the database says they should answer
  const submitted = counts.byStatus.submitted;
  const pages = Math.ceil(submitted / PAGE_SIZE);
  const laterPage = Math.max(2, Math.floor(pages * 0.7));
  const { rows: toReview } = await db.query(
    `SELECT r.id FROM narrative_reports r WHERE r.status = 'submitted' ORDER BY GREATEST(r.due_date, r.extended_due_date), r.id LIMIT $1`, [REVIEWED_REPORTS]);
  const reviewIds = toReview.map((r) => r.id);
  const { rows: expectedLater } = await db.query(
    `SELECT r.id FROM narrative_reports r WHERE r.status = 'submitted' ORDER BY GREATEST(r.due_date, r.extended_due_date), r.id LIMIT $1 OFFSET $2`, [PAGE_SIZE, (laterPage - 1) * PAGE_SIZE]);
  log(`phases ask for: ${reviewIds.length} submitted reports to review in turn; the list of ${submitted} submitted (${pages} pages), page 1 and page ${laterPage}`);

  // 4. what GET /api/reports?status=submitted runs, explained on this data: the "ensure" of every grant's rows, then the count and the page
  const repo = require(join(ROOT, 'apps/api/dist/modules/reports/narrative-reports.repository.js'));
  // in a session set as the API's connections are (apps/api/src/database/data-source.ts: its `-c name=value` options)
  const { dataSourceOptions } = require(join(ROOT, 'apps/api/dist/database/data-source.js'));
  const apiSession = [...String(dataSourceOptions(bench.dbUrl).extra?.options ?? '').matchAll(/-c\s+(\w+)=(\S+)/g)].map((x) => [x[1], x[2]]);
  for (const [name, value] of apiSession) await db.query(`SELECT set_config($1, $2, false)`, [name, value]);
  log(`EXPLAIN in a session set as the API's: ${apiSession.map(([k, v]) => `${k}=${v}`).join(', ') || 'defaults'}`);
  const listFilter = (page) => ({ scope: { kind: 'all' }, status: 'submitted', limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const plans = {
    ensure: await explainCalls(db, (m) => repo.ensureNarrativeReportRows(m), true),
    page1: await explainCalls(db, (m) => new repo.NarrativeReportsRepository().list(m, listFilter(1))),
    later: await explainCalls(db, (m) => new repo.NarrativeReportsRepository().list(m, listFilter(laterPage))),
  };
  // under a status filter the overdue key orders nothing (a draft is overdue exactly when its due date is before today, so
  // the due date orders it already; a report handed in is never overdue): the same page ordered by due date and id only,
  // which the index narrative_reports_status_due_idx (status, due date in force, id) can serve without a sort
  for (const k of ['page1', 'later']) {
    const page = plans[k].at(-1);
    const sql = withoutOverdueKey(page.sql);
    if (sql) plans[`${k}ByDueDate`] = await explainCalls(db, (m) => m.query(sql, page.params));
  }
  const planMs = Object.fromEntries(Object.entries(plans).map(([k, ps]) => [k, ps.map((p) => planTime(p.plan))]));
  log(`EXPLAIN ANALYZE execution times (ms), statement by statement: ${JSON.stringify(planMs)}`);

  if (CFG.holdS) {
    log(`BENCH_HOLD_S=${CFG.holdS}: database ${bench.dbName} (${bench.dbUrl}) and the API on port ${CFG.port} stay up for ${CFG.holdS} s`);
    await new Promise((r) => setTimeout(r, CFG.holdS * 1000));
  }

  // 5. log in: officers (a few sockets), and the owners of the baseline
  const officers = await pool(Array.from({ length: 4 }), 4, () => new Client(officerEmail).login(PASSWORD));
  const clients = portfolio.owners.slice(0, CFG.baselineUsers).map((u) => new Client(u.email));
  await pool(clients, CFG.loginConcurrency, (c) => c.login(PASSWORD));

  // 6. the baseline (as every bench measures it)
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
    review: '/api/reports/:id',
    list: `/api/reports?status=submitted&page=1&pageSize=${PAGE_SIZE}`,
    later: `/api/reports?status=submitted&page=${laterPage}&pageSize=${PAGE_SIZE}`,
  };

  // 7. the review screen of a submitted report, as the Secretariat (100 reports in turn)
  if (want('review')) {
    await phase('review', 'review screen GET /reports/:id (Secretariat, a submitted report)', n, (i) => officerOf(i).call('GET', `/api/reports/${reviewIds[i % reviewIds.length]}`), warm);
    const id = reviewIds[0];
    const body = (await officerOf(0).must('GET', `/api/reports/${id}`)).body;
    const { rows: [row] } = await db.query(`SELECT (hashtext(id::text) & 2147483647) % 4 AS v, sha256 FROM narrative_reports WHERE id = $1`, [id]);
    const template = templates[row.v];
    const shownMunicipality = body?.beneficiaries?.byMunicipality ?? {};
    const small = Object.entries(template.content.beneficiaries.byMunicipality).filter(([, c]) => c >= 1 && c <= 4).map(([k]) => k);
    check('the review screen: the submitted version against the logframe (20 indicators with progress), counts 1–4 shown "<5" to the Secretariat, can review',
      body?.id === id && body.status === 'submitted' && body.can?.review === true && body.logframe?.indicators?.length === INDICATORS
        && body.indicatorProgress?.length === INDICATORS && body.versions?.[0]?.sha256 === row.sha256
        && small.length > 0 && small.every((k) => shownMunicipality[k]?.shown === '<5'),
      `${body?.logframe?.indicators?.length} indicators, ${small.length} small cells suppressed, ${round((results.review?.bytes ?? 0) / 1024)} KB`);
  }

  // 8. the list of reports to review, its first page and a later one
  const listCheck = (key, body, page) => {
    const items = body?.items ?? [];
    const expectedIds = page === 1 ? reviewIds.slice(0, PAGE_SIZE) : expectedLater.map((r) => r.id);
    check(`reports to review, page ${page}: ${Math.min(PAGE_SIZE, submitted)} of ${submitted}, each submitted, by due date, the database's rows`,
      body?.total === submitted && items.length === expectedIds.length && items.every((r) => r.status === 'submitted' && !r.overdue)
        && items.every((r, i) => i === 0 || domain.compareNarrativeReports(items[i - 1], r, today) <= 0) && items.every((r, i) => r.id === expectedIds[i]),
      `${items.length} items of ${body?.total}, ${round((results[key]?.bytes ?? 0) / 1024)} KB`);
  };
  if (want('list')) listCheck('list', await phase('list', 'reports to review GET /reports?status=submitted (Secretariat, page 1)', n, (i) => officerOf(i).call('GET', PATHS.list), warm), 1);
  if (want('later')) listCheck('later', await phase('later', `reports to review GET /reports?status=submitted (Secretariat, page ${laterPage})`, n, (i) => officerOf(i).call('GET', PATHS.later), warm), laterPage);
  // reading the list made no report: the rows are the schedule's
  const { rows: [{ n: after }] } = await db.query(`SELECT count(*)::int AS n FROM narrative_reports`);
  check('the lists\' "ensure" added no report (the rows are the grants\' schedule)', after === counts.reports, `${after} rows`);

  const timed = ['review', 'list', 'later'].filter((k) => results[k]);
  for (const k of ['baseline', ...timed]) check(`${k}: every request answered 2xx`, results[k].errors === 0, results[k].errors ? JSON.stringify(results[k].errorKinds) : '0 errors');

  // 9. figures
  const base = results.baseline.p95;
  const ratios = Object.fromEntries(timed.map((k) => [`p95(${k})/p95(baseline)`, round(results[k].p95 / base, 2)]));
  const targets = Object.fromEntries(timed.map((k) => [k, { belowMs: TARGET_P95_MS, p95: results[k].p95, met: results[k].p95 < TARGET_P95_MS }]));
  const machine = machineInfo({ pressureAtStart, loadAtStart, build, pgVersion, queue: CFG.redisUrl ? 'redis' : 'postgres' });

  console.log('\n=== Narrative reports benchmark ===');
  printMachine(machine);
  console.log(`data: ${portfolio.counts.grants} grants in force (the bench:grants portfolio), ${counts.reports} narrative reports ${JSON.stringify(counts.byStatus)} (${counts.overdue} overdue), ${counts.versions} frozen versions, ${counts.comments} comments, ${counts.extensionRequests} requests for more time, ${counts.indicatorValues} indicator values, ${counts.beneficiaryCells} beneficiary count cells; seeded in ${seedS} s; today ${today}; ${CFG.concurrency} in flight; queue: ${machine.queue}`);
  if (pg) console.log(`pgbench select-only (same server, ${pg.clients} clients, ${CFG.pgbenchDurationS} s): ${pg.tps} tps, latency avg ${pg.latencyAvgMs} ms — the physical limit of one primary-key read`);
  console.log('');
  const rows = [['baseline', 'GET /organizations/mine'], ['review', 'GET /reports/:id (submitted)'], ['list', PATHS.list.replace('/api', '')], ['later', PATHS.later.replace('/api', '')]]
    .filter(([k]) => results[k]).map(([k, what]) => {
      const s = results[k];
      return {
        phase: `${k}: ${what}`, requests: s.count, errors: s.errors, 'req/s': s.throughput, 'p50 ms': s.p50, 'p95 ms': s.p95, 'p99 ms': s.p99, 'max ms': s.max,
        KB: s.bytes === undefined ? '' : round(s.bytes / 1024), 'p95/baseline': k === 'baseline' ? '' : round(s.p95 / base, 2), 'API ms/req': cpu[k].apiMsPerRequest, 'PG ms/req': cpu[k].postgresForApiMsPerRequest,
        ...(pg?.tps ? { 'req/s / pgbench': `${round((s.throughput / pg.tps) * 100, 2)} %` } : {}),
        target: k === 'baseline' ? '' : `${targets[k].met ? 'MET' : 'MISSED'} (< ${TARGET_P95_MS})`,
      };
    });
  console.log(table(rows, ['phase', 'requests', 'errors', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'KB', 'p95/baseline', 'API ms/req', 'PG ms/req', ...(pg?.tps ? ['req/s / pgbench'] : []), 'target']));
  for (const k of timed) {
    const top = waits[k].top.filter((w) => w.avgBackends >= 0.05).slice(0, 4);
    if (top.length) console.log(`  ${k}: backends busy on average: ${top.map((w) => `${w.avgBackends} × ${w.what.replace(/\s+/g, ' ').trim()}`).join('; ')}`);
  }
  console.log('');
  for (const [k, v] of Object.entries(ratios)) console.log(`${k} = ${v}`);
  for (const [k, t] of Object.entries(targets)) console.log(`target p95(${k}) < ${TARGET_P95_MS} ms with ${CFG.concurrency} in flight: ${t.met ? 'MET' : 'NOT MET'} (${t.p95} ms)`);
  console.log('\nEXPLAIN ANALYZE of what GET /api/reports?status=submitted runs (narrative-reports.repository.ts):');
  for (const [k, ps] of Object.entries(plans)) {
    for (const p of ps) console.log(`\n-- ${k}: ${p.sql.slice(0, 160)}…\n${p.plan.map((l) => `   ${l}`).join('\n')}`);
  }
  const allOk = printChecks();

  writeResults('bench-reports.json', {
    at: new Date().toISOString(), config: { ...CFG, apiNodeOptions: CFG.apiNodeOptions.join(' ') }, database: bench.dbName, machine, pgbench: pg,
    data: { portfolio: portfolio.counts, reports: counts, laterPage }, seedS, paths: PATHS, results, cpu, waits, ratios, targets, plans, planMs, checks, allChecksOk: allOk,
  });
  return allOk;
}

process.exit(await bench.run(main));
