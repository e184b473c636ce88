#!/usr/bin/env node
/* global process, console, URL */
// `npm test`: everything CI runs, in order, stopping at the first failure (the summary is always printed).
//   1. install (npm ci when node_modules is missing or older than package-lock.json)
//   2. nx run-many -t lint typecheck build
//   3. api-client drift check (npm run -w @grants/api-client check), when that script exists
//   4. libs/domain unit tests (jest)          → test-artifacts/jest-domain.json
//   5. apps/api tests (jest, real PostgreSQL)  → test-artifacts/jest-api.json
//   5b. fault drills (node apps/api/test-faults/run.mjs: kill -9 the worker and the API, stop Redis for 30 s)
//                                             → test-artifacts/faults.json
//   6. apps/web tests (vitest)                → test-artifacts/vitest-web.json
//   7. browser journeys (node apps/web-e2e/run.mjs), when present → test-artifacts/e2e.json
//   8. embedded-mode smoke test (node scripts/smoke-embedded.mjs)  → test-artifacts/smoke.json
// The last line printed is `Summary: N passed, M failed` (`, K skipped` when K > 0), totalling every runner;
// a step that fails without counting a failed test (lint, build, a suite that does not compile) counts as one
// failure. Exit code 0 only when nothing failed.
//
// Database for the API tests: TEST_DATABASE_ADMIN_URL when set; else derived from DATABASE_URL (same server,
// database "postgres"); else the tests' default postgres://postgres@127.0.0.1:5432/postgres when something
// answers on 127.0.0.1:5432; else an embedded PostgreSQL (data .data/test-pg, port TEST_PG_PORT or 54330),
// stopped at the end; TEST_EMBEDDED_PG=1 uses the embedded one even when 5432 answers (to keep away from a
// PostgreSQL that someone else's tests use). REDIS_URL is passed through (unset: BullMQ's PostgreSQL backend).
// TEST_STEPS=domain,api,... runs only those steps (install, nx, api-client, domain, api, faults, web, e2e, smoke).
// TEST_STEP_TIMEOUT_MIN overrides every step's time limit (minutes).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT,
  acquirePidLock,
  bin,
  ensureInstalled,
  isPortOpen,
  nxEnv,
  run,
  seconds,
  stopTree,
} from './lib/common.mjs';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const artifact = (name) => join(ARTIFACTS, name);
const log = (m) => console.log(`[test] ${m}`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const minutes = (n) => Number(process.env.TEST_STEP_TIMEOUT_MIN || n) * 60_000;

let current = null; // child process of the running step
let currentResult = null; // result record of the running step
let testDb = null; // embedded PostgreSQL for the tests, when we started one
let releaseTestDbLock = () => undefined;
let testDbNote = null;
const results = [];
const t0 = Date.now();

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function hasNpmScript(dir, name) {
  const pkg = readJson(join(ROOT, dir, 'package.json'));
  return Boolean(pkg?.scripts?.[name]);
}

function localBin(cwd, name) {
  const own = join(cwd, 'node_modules', '.bin', name);
  return existsSync(own) ? own : bin(name);
}

/** The colour codes of a terminal reporter's output. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Counts from a Jest or Vitest --json result file. */
function jestCounts(file) {
  const r = readJson(file);
  if (!r) return null;
  const failedTests = [];
  for (const suite of r.testResults ?? []) {
    const failing = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failing) failedTests.push(`${a.fullName || a.title}  (${suite.name?.replace(`${ROOT}/`, '')})`);
    if (!failing.length && suite.status === 'failed') {
      const why = String(suite.message ?? '')
        .replace(ANSI_COLOUR, '')
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l && !/suite failed to run/i.test(l));
      failedTests.push(
        `${suite.name?.replace(`${ROOT}/`, '')}: suite failed to run${why ? `: ${why.slice(0, 160)}` : ''}`,
      );
    }
  }
  return {
    passed: r.numPassedTests ?? 0,
    failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0),
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
    failedTests,
  };
}

/** The test files under <dir>/src that a vitest run's default reporter never listed as done (✓, ❯ or ×). */
function unreportedTestFiles(dir, out) {
  const plain = String(out ?? '').replace(ANSI_COLOUR, '');
  const done = new Set([...plain.matchAll(/^\s*[✓❯×↓]\s+(src\/\S+\.test\.tsx?)/gm)].map((m) => m[1]));
  const all = readdirSync(join(dir, 'src'), { recursive: true })
    .map((f) => `src/${String(f)}`)
    .filter((f) => /\.test\.tsx?$/.test(f));
  const missing = all.filter((f) => !done.has(f)).sort();
  return missing.length ? [`${missing.length} test file(s) never reported: ${missing.join(', ')}`] : [];
}

/** Counts from a {passed, failed, skipped?} file (e2e and smoke runners). */
function simpleCounts(file) {
  const r = readJson(file);
  if (!r) return null;
  const failedTests = (r.checks ?? r.tests ?? [])
    .filter((c) => c.ok === false || c.status === 'failed')
    .map((c) => c.name ?? c.title ?? '');
  return { passed: Number(r.passed) || 0, failed: Number(r.failed) || 0, skipped: Number(r.skipped) || 0, failedTests };
}

async function ensureTestDatabase() {
  if (testDbNote) return;
  const env = process.env;
  if (env.TEST_DATABASE_ADMIN_URL) {
    testDbNote = 'TEST_DATABASE_ADMIN_URL';
  } else if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    u.pathname = '/postgres';
    env.TEST_DATABASE_ADMIN_URL = u.toString();
    testDbNote = 'the server of DATABASE_URL (database "postgres")';
  } else if (env.TEST_EMBEDDED_PG !== '1' && (await isPortOpen(5432))) {
    testDbNote = "PostgreSQL on 127.0.0.1:5432 (the tests' default admin URL)";
  } else {
    const port = Number(env.TEST_PG_PORT || 54330);
    log(
      `nothing answers on 127.0.0.1:5432 and no database URL is set: starting an embedded PostgreSQL for the tests (.data/test-pg, port ${port})`,
    );
    releaseTestDbLock = acquirePidLock(join(ROOT, '.data', 'test-pg.lock'), 'test-all.mjs');
    const { startEmbeddedPostgres } = await import('./lib/embedded-pg.mjs');
    testDb = await startEmbeddedPostgres({
      pgDir: join(ROOT, '.data', 'test-pg'),
      passwordFile: join(ROOT, '.data', 'test-pg-password'),
      logFile: join(ROOT, '.data', 'logs', 'test-postgres.log'),
      port,
      log,
    });
    env.TEST_DATABASE_ADMIN_URL = testDb.adminUrl;
    testDbNote = `embedded PostgreSQL on 127.0.0.1:${port}`;
  }
  log(
    `API tests use ${testDbNote}${env.REDIS_URL ? ' and Redis at REDIS_URL' : ' and no Redis (BullMQ on PostgreSQL)'}`,
  );
}

const steps = [
  {
    key: 'install',
    name: 'install',
    fn: () => ensureInstalled({ log, onSpawn: (c) => (current = c) }),
  },
  {
    key: 'nx',
    name: 'lint, typecheck, build (nx)',
    cmd: () => [bin('nx'), ['run-many', '-t', 'lint', 'typecheck', 'build', '--outputStyle=static', '--parallel=2']],
    env: () => nxEnv(),
    tee: true,
    // Nx ends a failed run with "Failed tasks:" and one "- project:target" line each.
    failures: (out) => {
      const tail = out.slice(out.lastIndexOf('Failed tasks:'));
      return out.includes('Failed tasks:')
        ? [...tail.matchAll(/^\s*-\s+(\S+:\S+)/gm)].map((m) => `${m[1]} failed`)
        : [];
    },
    timeout: minutes(25),
  },
  {
    key: 'api-client',
    name: 'api-client drift check',
    skip: () => !hasNpmScript('libs/api-client', 'check') && 'no "check" script in libs/api-client/package.json yet',
    cmd: () => [npm, ['run', '-w', '@grants/api-client', 'check']],
    timeout: minutes(5),
  },
  {
    key: 'domain',
    name: 'domain unit tests (jest)',
    cwd: join(ROOT, 'libs', 'domain'),
    cmd: (cwd) => [
      localBin(cwd, 'jest'),
      ['--ci', '--maxWorkers=2', '--json', `--outputFile=${artifact('jest-domain.json')}`],
    ],
    counts: () => jestCounts(artifact('jest-domain.json')),
    timeout: minutes(10),
  },
  {
    key: 'api',
    name: 'api tests (jest)',
    before: ensureTestDatabase,
    cwd: join(ROOT, 'apps', 'api'),
    cmd: (cwd) => [
      localBin(cwd, 'jest'),
      ['--ci', '--maxWorkers=2', '--json', `--outputFile=${artifact('jest-api.json')}`],
    ],
    counts: () => jestCounts(artifact('jest-api.json')),
    timeout: minutes(30),
  },
  {
    key: 'faults',
    name: 'fault drills (kill, outage)',
    before: ensureTestDatabase,
    cmd: () => [process.execPath, ['apps/api/test-faults/run.mjs']],
    counts: () => simpleCounts(artifact('faults.json')),
    timeout: minutes(8),
  },
  {
    key: 'web',
    name: 'web tests (vitest)',
    cwd: join(ROOT, 'apps', 'web'),
    cmd: (cwd) => [
      localBin(cwd, 'vitest'),
      ['run', '--reporter=default', '--reporter=json', `--outputFile=${artifact('vitest-web.json')}`],
    ],
    counts: () => jestCounts(artifact('vitest-web.json')),
    // 3 min on a quiet 2-core machine; CI once wedged past 10 min with no summary, so the bound is wide and a
    // timeout names the files that never reported (one of them, or the pool, is what hung)
    timeout: minutes(20),
    tee: true,
    failures: (out) => unreportedTestFiles(join(ROOT, 'apps', 'web'), out),
  },
  {
    key: 'e2e',
    name: 'browser journeys (e2e)',
    skip: () => !existsSync(join(ROOT, 'apps', 'web-e2e', 'run.mjs')) && 'apps/web-e2e/run.mjs does not exist yet',
    before: ensureTestDatabase,
    cmd: () => [process.execPath, ['apps/web-e2e/run.mjs']],
    counts: () => simpleCounts(artifact('e2e.json')),
    timeout: minutes(42), // the runner's own budget is 40 min (apps/web-e2e/run.mjs)
  },
  {
    key: 'smoke',
    name: 'embedded-mode smoke test',
    cmd: () => [process.execPath, ['scripts/smoke-embedded.mjs']],
    counts: () => simpleCounts(artifact('smoke.json')),
    timeout: minutes(6),
  },
];

async function runStep(step) {
  const t = Date.now();
  const result = {
    name: step.name,
    status: 'pass',
    note: '',
    ms: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    failedTests: [],
    counted: Boolean(step.counts),
  };
  results.push(result);
  currentResult = result;
  const only = process.env.TEST_STEPS?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const skip = (only?.length && !only.includes(step.key) && `not in TEST_STEPS`) || step.skip?.();
  if (skip) {
    result.status = 'skip';
    result.note = skip;
    log(`skipping ${step.name}: ${skip}`);
    return true;
  }
  console.log(`\n[test] ==== ${step.name} ====`);
  try {
    await step.before?.();
    if (step.fn) {
      result.note = (await step.fn()) ?? '';
    } else {
      const cwd = step.cwd ?? ROOT;
      const [cmd, args] = step.cmd(cwd);
      const res = await run(cmd, args, {
        cwd,
        env: step.env?.() ?? process.env,
        tee: Boolean(step.tee),
        timeoutMs: step.timeout,
        onSpawn: (c) => (current = c),
      });
      if (step.failures && res.code !== 0) result.failedTests.push(...step.failures(res.stdout));
      current = null;
      const counts = step.counts?.();
      if (counts) Object.assign(result, counts);
      if (res.timedOut) result.note = `timed out after ${seconds(step.timeout)}`;
      else if (res.code !== 0) result.note = res.code === null ? `killed by ${res.signal}` : `exit code ${res.code}`;
      if (res.code !== 0 || res.timedOut || result.failed > 0) {
        result.status = 'fail';
        if (result.failed === 0) result.failed = 1; // the step itself failed (build, lint, a suite that did not run)
      }
      if (step.counts && !counts && result.status === 'pass') result.note = 'no result file was written';
    }
  } catch (err) {
    result.status = 'fail';
    result.failed = Math.max(result.failed, 1);
    result.note = String(err?.message ?? err).split('\n')[0];
    console.error(`[test] ${step.name}: ${err?.message ?? err}`);
  }
  result.ms = Date.now() - t;
  currentResult = null;
  return result.status !== 'fail';
}

function summary() {
  const total = Date.now() - t0;
  const lines = ['', `[test] ==== results (${seconds(total)}) ====`];
  for (const r of results) {
    const mark = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', 'not run': '----' }[r.status];
    let what = '';
    if (r.status === 'skip' || r.status === 'not run') what = r.note;
    else if (r.counted)
      what = `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.note ? ` (${r.note})` : ''}`;
    else what = r.note;
    lines.push(`  ${mark}  ${r.name.padEnd(30)} ${what.padEnd(44)} ${r.ms ? seconds(r.ms).padStart(8) : ''}`.trimEnd());
    for (const f of r.failedTests.slice(0, 20)) lines.push(`          x ${f}`);
    if (r.failedTests.length > 20) lines.push(`          ... and ${r.failedTests.length - 20} more`);
  }
  if (testDbNote) lines.push(`  (API tests' database: ${testDbNote})`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const skipped = results.reduce((n, r) => n + r.skipped, 0);
  lines.push(`Summary: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  console.log(lines.join('\n'));
  return failed;
}

async function cleanup() {
  if (current) await stopTree(current.pid, { timeoutMs: 10_000, log });
  if (testDb) {
    log('stopping the embedded PostgreSQL used by the tests');
    await testDb.stop().catch((err) => console.error(`[test] ${err?.message ?? err}`));
    testDb = null;
  }
  releaseTestDbLock();
}

let interrupted = false;
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(s, async () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[test] ${s} received: stopping`);
    const running = currentResult;
    await cleanup();
    if (running) {
      running.status = 'fail';
      running.failed = Math.max(running.failed, 1);
      running.note = `interrupted by ${s}`;
    }
    for (const step of steps.slice(results.length))
      results.push({
        name: step.name,
        status: 'not run',
        note: 'interrupted',
        ms: 0,
        passed: 0,
        failed: 0,
        skipped: 0,
        failedTests: [],
      });
    summary();
    process.exit(130);
  });
}

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of ['jest-domain.json', 'jest-api.json', 'faults.json', 'vitest-web.json', 'e2e.json', 'smoke.json'])
    rmSync(artifact(f), { force: true });
  process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
  let ok = true;
  for (const step of steps) {
    if (!ok) {
      results.push({
        name: step.name,
        status: 'not run',
        note: 'an earlier step failed',
        ms: 0,
        passed: 0,
        failed: 0,
        skipped: 0,
        failedTests: [],
      });
      continue;
    }
    ok = await runStep(step);
    if (interrupted) return new Promise(() => undefined);
  }
  await cleanup();
  const failed = summary();
  process.exit(failed ? 1 : 0);
}

main().catch(async (err) => {
  console.error(`[test] unexpected error: ${err?.stack ?? err}`);
  await cleanup().catch(() => undefined);
  results.push({
    name: 'test orchestration',
    status: 'fail',
    note: String(err?.message ?? err),
    ms: 0,
    passed: 0,
    failed: 1,
    skipped: 0,
    failedTests: [],
  });
  summary();
  process.exit(1);
});
