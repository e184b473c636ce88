#!/usr/bin/env node
/* global process, console, URL, setTimeout */
// `npm start`: the whole portal on one machine, from a fresh clone.
//   install (npm ci when needed) → build (nx, cached) → database (embedded PostgreSQL unless DATABASE_URL is set)
//   → migrate → seed (demo data, idempotent) → API + worker → wait for /api/health → banner.
// Ctrl-C (SIGINT) or SIGTERM stops the API and the worker, then the embedded database, and exits 0.
// Database roles (embedded mode): the migrations run as the cluster's owner (postgres); the seed, the API and the
// worker connect as grants_app, which owns no table, so they cannot alter a table nor switch off the append-only
// triggers of the audit log and the decisions (its password: DATA_DIR/app-db-password, made once). The API and the
// worker never get the owner's credentials and do not migrate themselves.
// If the API, the worker or the database dies, everything is stopped and the exit code is 1.
//
// Environment (all optional):
//   DATA_DIR          where local state lives (default .data): pg/, pg-password, app-db-password, session-secret,
//                     files/, logs/, run/
//   EMBEDDED_PG_PORT  port of the embedded PostgreSQL on 127.0.0.1 (default 54329)
//   DATABASE_URL      use this PostgreSQL instead of the embedded one (the API's and worker's role; set
//                     MIGRATION_DATABASE_URL to the tables' owner when DATABASE_URL is the least-privileged grants_app)
//   PORT              HTTP port of the portal (default 3000); APP_URL defaults to http://localhost:PORT
//   SESSION_SECRET    default: generated once into DATA_DIR/session-secret (not in production)
//   FILE_STORAGE_DIR  default DATA_DIR/files
//   READY_TIMEOUT     seconds to wait for /api/health (default 180)
//   RAW_LOGS=1        show the API's and worker's JSON log lines as they are (default: one readable line each)
//   SKIP_INSTALL=1, SKIP_BUILD=1, SKIP_SEED=1   skip that phase
//   Everything else (REDIS_URL, SMTP_URL, S3_*, NODE_ENV, LOG_LEVEL, DEMO_MODE, ...) is passed to the API and worker.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  ROOT,
  Tail,
  acquirePidLock,
  bin,
  ensureInstalled,
  formatPinoLine,
  healthy,
  httpGet,
  isPortOpen,
  nxEnv,
  prefixLines,
  processInfo,
  readIfExists,
  run,
  seconds,
  signalTree,
  sleep,
  stopTree,
} from './lib/common.mjs';

const t0 = Date.now();
const env0 = process.env;
const DATA_DIR = resolve(ROOT, env0.DATA_DIR || '.data');
const PORT = Number.parseInt(env0.PORT || '3000', 10);
const PG_PORT = Number.parseInt(env0.EMBEDDED_PG_PORT || '54329', 10);
const READY_TIMEOUT_MS = Number(env0.READY_TIMEOUT || 180) * 1000;
const IS_PRODUCTION = env0.NODE_ENV === 'production';
const RUN_DIR = join(DATA_DIR, 'run');
const rel = (p) => relative(ROOT, p) || '.';

const log = (m) => console.log(`[start] ${m}`);
const fail = (m) => console.error(`[start] ${m}`);
for (const s of [process.stdout, process.stderr]) s.on('error', () => undefined); // e.g. piped into `head`

const timings = [];
const children = new Map(); // name -> { child, tail }
let phaseChild = null; // npm ci / nx / migrate / seed while it runs
let db = null; // embedded PostgreSQL handle
let releaseLock = () => undefined;
let shuttingDown = false;

async function phase(name, fn) {
  const t = Date.now();
  const note = await fn();
  timings.push({ name, ms: Date.now() - t, note: note ?? '' });
  return note;
}

const trackPhase = (child) => {
  phaseChild = child;
  child.once('close', () => {
    if (phaseChild === child) phaseChild = null;
  });
};

// ---------------------------------------------------------------- shutdown and signals

async function shutdown(code, reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (reason) (code ? fail : log)(reason);
  try {
    if (phaseChild) await stopTree(phaseChild.pid, { timeoutMs: 10_000, name: 'the running step', log });
    const running = [...children.entries()].filter(([, c]) => c.child.exitCode === null && c.child.signalCode === null);
    if (running.length) log(`stopping ${running.map(([n]) => n).join(' and ')}`);
    await Promise.all(
      running.map(([name, c]) => stopTree(c.child.pid, { signal: 'SIGTERM', timeoutMs: 15_000, name, log })),
    );
    for (const name of children.keys()) rmSync(join(RUN_DIR, `${name}.pid`), { force: true });
    if (db) {
      log('stopping the embedded PostgreSQL');
      await db.stop();
    }
  } catch (err) {
    fail(`error while stopping: ${err?.stack ?? err}`);
    code = code || 1;
  }
  releaseLock();
  log(code ? `stopped (exit code ${code})` : 'stopped');
  process.exit(code);
}

let firstSignalAt = 0;
let deliberateSignals = 0;
function onSignal(signal) {
  const now = Date.now();
  // npm forwards the terminal's SIGINT to us, so one Ctrl-C can arrive twice within a moment.
  if (now - firstSignalAt < 1000) return;
  firstSignalAt = now;
  deliberateSignals++;
  if (deliberateSignals === 1) {
    shutdown(0, `${signal} received: stopping (press Ctrl-C again to force)`);
    return;
  }
  fail('forced stop');
  if (phaseChild) signalTree(phaseChild.pid, 'SIGKILL');
  for (const { child } of children.values()) signalTree(child.pid, 'SIGKILL');
  if (db?.pid) {
    try {
      process.kill(db.pid, 'SIGQUIT'); // immediate shutdown; the next start recovers
    } catch {
      /* gone */
    }
  }
  releaseLock();
  process.exit(130);
}
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => onSignal(s));
process.on('uncaughtException', (err) => shutdown(1, `unexpected error: ${err?.stack ?? err}`));
process.on('unhandledRejection', (err) => shutdown(1, `unexpected error: ${err?.stack ?? err}`));

// ---------------------------------------------------------------- helpers

/** API or worker processes left running by a start that was killed (pid files in DATA_DIR/run). */
async function stopStaleChildren() {
  for (const [name, script] of [
    ['api', 'apps/api/dist/main.js'],
    ['worker', 'apps/api/dist/worker.js'],
  ]) {
    const file = join(RUN_DIR, `${name}.pid`);
    const pid = Number.parseInt(readIfExists(file) ?? '', 10);
    const info = pid ? processInfo(pid) : null;
    if (info && info.cmdline.includes(script)) {
      log(`the ${name} from an earlier run is still running (pid ${pid}); stopping it`);
      await stopTree(pid, { timeoutMs: 10_000, name, log });
    }
    rmSync(file, { force: true });
  }
}

function sessionSecret() {
  const file = join(DATA_DIR, 'session-secret');
  let secret = readIfExists(file)?.trim();
  if (!secret || secret.length < 32) {
    secret = randomBytes(32).toString('hex');
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  }
  return secret;
}

/** The password of the app role grants_app in the embedded database: made once, kept in DATA_DIR/app-db-password. */
function appDbPassword() {
  const file = join(DATA_DIR, 'app-db-password');
  let password = readIfExists(file)?.trim();
  if (!password || !/^[0-9a-f]{32,}$/.test(password)) {
    password = randomBytes(24).toString('hex');
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  return password;
}

function demoModeOn() {
  if (IS_PRODUCTION) return false;
  if (env0.DEMO_MODE === undefined || env0.DEMO_MODE === '') return true;
  return ['1', 'true', 'yes'].includes(env0.DEMO_MODE.toLowerCase());
}

/** Lines of the seed's output that carry the demo logins (e-mail addresses, passwords). */
function loginLines(seedOutput) {
  const lines = seedOutput.split('\n').map((l) => {
    try {
      const j = JSON.parse(l);
      return typeof j?.msg === 'string' ? j.msg : l;
    } catch {
      return l;
    }
  });
  return lines
    .filter((l) => /[\w.+-]+@[\w-]+(\.[\w-]+)+|password|login/i.test(l))
    .filter((l) => !/^\s*demo logins\b[^@]*:\s*$/i.test(l)) // our banner has its own heading
    .map((l) => l.trimEnd());
}

function describeSmtp(url) {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 25)}`;
  } catch {
    return 'the configured SMTP server';
  }
}

function spawnService(name, script, env) {
  const tail = new Tail(40);
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env,
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const format = env0.RAW_LOGS === '1' ? undefined : formatPinoLine;
  prefixLines(child.stdout, process.stdout, `[${name}]`, (l) => tail.push(l), format);
  prefixLines(child.stderr, process.stderr, `[${name}]`, (l) => tail.push(l), format);
  children.set(name, { child, tail });
  writeFileSync(join(RUN_DIR, `${name}.pid`), `${child.pid}\n`);
  child.on('error', (err) => {
    if (!shuttingDown) shutdown(1, `could not start the ${name}: ${err.message}`);
  });
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    // Give the pipes a moment to deliver its last words before we report.
    setTimeout(() => {
      const how = code !== null ? `exit code ${code}` : `signal ${signal}`;
      const last = tail.toString();
      shutdown(
        1,
        `the ${name} stopped unexpectedly (${how}).${last ? `\nIts last output:\n${last.replace(/^/gm, `  [${name}] `)}` : ''}`,
      );
    }, 200);
  });
  return child;
}

async function runStep(name, script, env, { capture = false } = {}) {
  const res = await run(process.execPath, [script], { env, prefix: `[${name}]`, capture, onSpawn: trackPhase });
  if (shuttingDown) await new Promise(() => undefined); // shutdown is under way and will exit
  if (res.code !== 0)
    throw new Error(
      `${name} failed (${res.code !== null ? `exit code ${res.code}` : `signal ${res.signal}`}); see the [${name}] lines above`,
    );
  return res.stdout;
}

// ---------------------------------------------------------------- main

async function main() {
  mkdirSync(RUN_DIR, { recursive: true });
  releaseLock = acquirePidLock(join(RUN_DIR, 'start.pid'), 'start.mjs');
  await stopStaleChildren();

  await phase('install', () => ensureInstalled({ log, onSpawn: trackPhase }));

  await phase('build', async () => {
    if (env0.SKIP_BUILD === '1') return 'skipped: SKIP_BUILD=1';
    log('building (nx run-many -t build; unchanged projects come from the cache)');
    const res = await run(bin('nx'), ['run-many', '-t', 'build', '--outputStyle=static'], {
      env: nxEnv(),
      onSpawn: trackPhase,
    });
    if (shuttingDown) await new Promise(() => undefined);
    if (res.code !== 0) throw new Error(`the build failed (nx exit code ${res.code ?? res.signal})`);
    return '';
  });

  const entry = {
    api: 'apps/api/dist/main.js',
    worker: 'apps/api/dist/worker.js',
    migrate: 'apps/api/dist/cli/migrate.js',
    seed: 'apps/api/dist/cli/seed.js',
  };
  const missing = Object.values(entry).filter((f) => !existsSync(join(ROOT, f)));
  if (missing.length) throw new Error(`the build did not produce ${missing.join(', ')}`);

  let databaseNote;
  const databaseUrl = await phase('database', async () => {
    if (env0.DATABASE_URL) {
      databaseNote = 'the PostgreSQL at DATABASE_URL';
      return 'external (DATABASE_URL)';
    }
    const { startEmbeddedPostgres } = await import('./lib/embedded-pg.mjs');
    log(`starting the embedded PostgreSQL (${rel(join(DATA_DIR, 'pg'))}, 127.0.0.1:${PG_PORT})`);
    db = await startEmbeddedPostgres({
      pgDir: join(DATA_DIR, 'pg'),
      passwordFile: join(DATA_DIR, 'pg-password'),
      logFile: join(DATA_DIR, 'logs', 'postgres.log'),
      port: PG_PORT,
      database: 'grants',
      log,
    });
    db.onExit(({ code, signal }) => {
      if (!shuttingDown)
        shutdown(
          1,
          `the embedded PostgreSQL stopped unexpectedly (code ${code}, signal ${signal}); see ${rel(join(DATA_DIR, 'logs', 'postgres.log'))}`,
        );
    });
    databaseNote = `embedded PostgreSQL on 127.0.0.1:${PG_PORT} (data ${rel(join(DATA_DIR, 'pg'))}, log ${rel(join(DATA_DIR, 'logs', 'postgres.log'))})`;
    return `embedded, port ${PG_PORT}`;
  }).then(() => env0.DATABASE_URL || db.url);

  const env = {
    ...env0,
    DATABASE_URL: databaseUrl,
    PORT: String(PORT),
    APP_URL: env0.APP_URL || `http://localhost:${PORT}`,
    FILE_STORAGE_DIR: env0.FILE_STORAGE_DIR || join(DATA_DIR, 'files'),
  };
  if (!env.SESSION_SECRET && !IS_PRODUCTION) env.SESSION_SECRET = sessionSecret();
  for (const k of [
    'DATA_DIR',
    'EMBEDDED_PG_PORT',
    'READY_TIMEOUT',
    'RAW_LOGS',
    'SKIP_INSTALL',
    'SKIP_BUILD',
    'SKIP_SEED',
  ])
    delete env[k];

  // The migrations run as the owner; everything after them as the app role, without the owner's credentials.
  await phase('migrate', async () => {
    await runStep('migrate', entry.migrate, db ? { ...env, MIGRATION_DATABASE_URL: db.url } : env);
    if (!db) return env0.MIGRATION_DATABASE_URL ? 'as MIGRATION_DATABASE_URL' : 'as DATABASE_URL';
    const { appRoleUrl, ensureAppLogin, APP_ROLE } = await import('./lib/app-role.mjs');
    const password = appDbPassword();
    const { checks } = await ensureAppLogin({ ownerUrl: db.url, password, log });
    env.DATABASE_URL = appRoleUrl(db.url, password);
    databaseNote += `; the API and the worker connect as ${APP_ROLE} (${checks.slice(0, 2).join(', ')})`;
    return `as the owner; API and worker as ${APP_ROLE}`;
  });
  delete env.MIGRATION_DATABASE_URL;
  env.MIGRATE_ON_START = 'false';

  let seedOutput = '';
  const seedNote = await phase('seed', async () => {
    if (IS_PRODUCTION) return 'skipped: NODE_ENV=production';
    if (env0.SKIP_SEED === '1') return 'skipped: SKIP_SEED=1';
    seedOutput = await runStep('seed', entry.seed, env, { capture: true });
    return '';
  });

  await phase('ready', async () => {
    if (await isPortOpen(PORT)) throw new Error(`port ${PORT} is already in use; stop what uses it or set PORT`);
    spawnService('api', entry.api, env);
    spawnService('worker', entry.worker, env);
    const url = `http://127.0.0.1:${PORT}/api/health`;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let last = null;
    while (!shuttingDown) {
      last = await httpGet(url, 2000);
      if (healthy(last)) return '';
      if (Date.now() > deadline) {
        const seen = last
          ? `last answer: ${last.status} ${typeof last.body === 'string' ? last.body.slice(0, 200) : JSON.stringify(last.body)}`
          : 'no answer';
        throw new Error(`${url} did not report healthy within ${seconds(READY_TIMEOUT_MS)} (${seen})`);
      }
      await sleep(500);
    }
    await new Promise(() => undefined); // a child died; shutdown() exits
  });

  // ------------------------------------------------------------ timings and banner
  const total = Date.now() - t0;
  const timingLines = timings.map(
    ({ name, ms, note }) => `  ${name.padEnd(9)} ${seconds(ms).padStart(8)}${note ? `  (${note})` : ''}`,
  );
  console.log(
    ['', 'Start-up timings:', ...timingLines, `  ${'total'.padEnd(9)} ${seconds(total).padStart(8)}`].join('\n'),
  );
  writeFileSync(
    join(RUN_DIR, 'startup-timings.json'),
    `${JSON.stringify({ at: new Date().toISOString(), totalMs: total, phases: timings }, null, 2)}\n`,
  );

  const appUrl = `http://localhost:${PORT}`;
  let logins;
  if (seedNote) logins = [`  (no demo data loaded: seed ${seedNote})`];
  else {
    const found = loginLines(seedOutput);
    logins = found.length ? found.map((l) => `  ${l.trim()}`) : ['  (see the [seed] lines above)'];
  }
  let mail;
  if (env0.SMTP_URL) mail = `E-mail is sent through ${describeSmtp(env0.SMTP_URL)} (SMTP_URL).`;
  else if (demoModeOn())
    mail = `E-mail is not sent out: the portal catches every message; read them at ${appUrl}/mailbox`;
  else mail = 'E-mail: SMTP_URL is not set and demo mode is off, so no e-mail is delivered. Set SMTP_URL.';
  const bar = '='.repeat(72);
  console.log(
    [
      '',
      bar,
      `  The grant portal is running at ${appUrl}`,
      '',
      '  Demo logins:',
      ...logins.map((l) => `  ${l}`),
      '  Staff, evaluators and monitors set up a second factor at their first login (an authenticator app or a passkey).',
      '',
      `  ${mail}`,
      `  Database: ${databaseNote}`,
      `  Data: ${rel(DATA_DIR)}/ (uploaded files in ${rel(env.FILE_STORAGE_DIR)})`,
      '',
      '  Ctrl-C to stop.',
      bar,
      '',
    ].join('\n'),
  );
}

main().catch((err) => shutdown(1, `start-up failed: ${err?.message ?? err}`));
