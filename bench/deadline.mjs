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
 * Settings (environment): TEST_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379; "none" = the PostgreSQL queue), BENCH_PORT (3400),
 * BENCH_ORGS (300), BENCH_SAVES (5), BENCH_SAVE_CONCURRENCY (50), BENCH_BASELINE (3000),
 * BENCH_BASELINE_CONCURRENCY (50), BENCH_SUBMIT_SPREAD_S (0 = one burst; N = submissions paced evenly over
 * N seconds), BENCH_TIME_LIMIT_S (600), BENCH_API_NODE_OPTIONS (extra node flags for the API, e.g. --cpu-prof),
 * BENCH_REAL_HASH=1 (hash the password with the portal's own argon2id parameters: slow logins),
 * BENCH_PG_LOG_STATEMENTS=1 (diagnostics: log every statement of the bench database in the PostgreSQL server log).
 * Results: test-artifacts/bench-deadline.json; server logs: test-artifacts/bench-deadline-{api,worker}.log.
 */
/* global process, console, Buffer, URL, setTimeout, clearTimeout */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const ARTIFACTS = join(ROOT, 'test-artifacts');

const int = (name, dflt) => {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${v}`);
  return n;
};
const CFG = {
  adminUrl: process.env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.BENCH_REDIS_URL === undefined ? 'redis://127.0.0.1:6379' : (['', 'none', 'off'].includes(process.env.BENCH_REDIS_URL) ? null : process.env.BENCH_REDIS_URL),
  port: int('BENCH_PORT', 3400),
  orgs: int('BENCH_ORGS', 300),
  saves: int('BENCH_SAVES', 5),
  saveConcurrency: int('BENCH_SAVE_CONCURRENCY', 50),
  baseline: int('BENCH_BASELINE', 3000),
  baselineConcurrency: int('BENCH_BASELINE_CONCURRENCY', 50),
  loginConcurrency: 20,
  submitSpreadS: int('BENCH_SUBMIT_SPREAD_S', 0),
  timeLimitS: int('BENCH_TIME_LIMIT_S', 600),
  apiNodeOptions: (process.env.BENCH_API_NODE_OPTIONS || '').split(/\s+/).filter(Boolean),
};
const CALL_REFERENCE = 'MF-BENCH-01';
const PASSWORD = 'bench-correct-horse-battery';
const BASE = `http://127.0.0.1:${CFG.port}`;

// ---------------------------------------------------------------------------------------------- safety
function assertLocal(url, what) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`${what} must point at this machine (127.0.0.1), not ${host}`);
}
assertLocal(CFG.adminUrl, 'TEST_DATABASE_ADMIN_URL');
if (CFG.redisUrl) assertLocal(CFG.redisUrl, 'BENCH_REDIS_URL');

// A closed pipe (e.g. `| head`) must not kill the bench before it has torn everything down.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 23)}]`, ...a);

// ---------------------------------------------------------------------------------------------- build
const NEEDED = ['apps/api/dist/main.js', 'apps/api/dist/worker.js', 'apps/api/dist/cli/migrate.js', 'apps/api/dist/seed/demo-application.js', 'libs/domain/dist/index.js'];
const BUILD_DIRS = ['apps/api/dist', 'libs/domain/dist'];

/** Newest modification time under the build folders (Infinity when one is missing). */
function newestBuildFile() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  try { for (const d of BUILD_DIRS) walk(join(ROOT, d)); } catch { return Infinity; }
  return newest;
}

/**
 * Others may be rebuilding apps/api/dist while the bench starts (nest build empties it first): waits until the
 * build is complete and has not changed for 10 s; builds it only when it stays missing.
 */
async function ensureBuilt() {
  const until = Date.now() + 180_000;
  let said = false;
  for (;;) {
    const complete = NEEDED.every((p) => existsSync(join(ROOT, p)));
    const quietFor = Date.now() - newestBuildFile();
    if (complete && quietFor > 10_000) return;
    if (Date.now() > until) break;
    if (!said) { log('apps/api/dist or libs/domain/dist is missing or being rebuilt: waiting for it'); said = true; }
    await sleep(2000);
  }
  if (NEEDED.every((p) => existsSync(join(ROOT, p)))) return;
  log('apps/api/dist or libs/domain/dist is missing: building (npx nx run-many -t build)');
  const r = spawnSync('npx', ['nx', 'run-many', '-t', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

// ---------------------------------------------------------------------------------------------- HTTP
const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512, keepAliveMsecs: 10_000 });

/** One request; resolves (never rejects) with status (0 = network error), parsed body and latency in ms. */
function send(method, path, { body, cookie, csrf, timeoutMs = 60_000 } = {}) {
  return new Promise((done) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { accept: 'application/json' };
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
    if (cookie) headers.cookie = cookie;
    if (csrf) headers['x-csrf-token'] = csrf;
    const t0 = performance.now();
    const req = http.request(`${BASE}${path}`, { method, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - t0;
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
        done({ status: res.statusCode, headers: res.headers, body: json ?? text, ms, t0, t1: t0 + ms });
      });
      res.on('error', (e) => done({ status: 0, error: e.message, ms: performance.now() - t0, t0, t1: performance.now() }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', (e) => done({ status: 0, error: e.message, ms: performance.now() - t0, t0, t1: performance.now() }));
    if (payload) req.write(payload);
    req.end();
  });
}

/** A browser-like client: keeps the grants.sid cookie and sends the CSRF token on every change. */
class Client {
  constructor(email) { this.email = email; this.cookie = ''; this.csrf = ''; }
  async call(method, path, body) {
    const r = await send(method, path, { body, cookie: this.cookie, csrf: method === 'GET' ? undefined : this.csrf });
    for (const c of [].concat(r.headers?.['set-cookie'] ?? [])) if (c.startsWith('grants.sid=')) this.cookie = c.split(';')[0];
    return r;
  }
  async must(method, path, body, expected = [200, 201]) {
    const r = await this.call(method, path, body);
    if (!expected.includes(r.status)) throw new Error(`${method} ${path} as ${this.email}: ${r.status} ${r.error ?? JSON.stringify(r.body).slice(0, 600)}`);
    return r;
  }
  async login(password) {
    this.csrf = (await this.must('GET', '/api/auth/csrf')).body.csrfToken;
    const r = await this.must('POST', '/api/auth/login', { email: this.email, password }, [200]);
    this.csrf = r.body.csrfToken;
    return this;
  }
}

/** Runs fn over items with at most `concurrency` in flight. */
async function pool(items, concurrency, fn) {
  let next = 0;
  const out = new Array(items.length);
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return out;
}

// ---------------------------------------------------------------------------------------------- statistics
function stats(name, samples, wallMs) {
  const ok = samples.filter((s) => s.status >= 200 && s.status < 300);
  const lat = samples.map((s) => s.ms).sort((a, b) => a - b);
  const pct = (p) => (lat.length ? lat[Math.min(lat.length - 1, Math.max(0, Math.ceil((p / 100) * lat.length) - 1))] : NaN);
  const errors = samples.length - ok.length;
  const byStatus = {};
  for (const s of samples) if (!(s.status >= 200 && s.status < 300)) {
    const k = s.status ? `${s.status} ${s.body?.error ?? ''}${s.body?.details?.[0]?.code ? `/${s.body.details[0].code}` : ''}`.trim() : `network: ${s.error}`;
    byStatus[k] = (byStatus[k] ?? 0) + 1;
  }
  return {
    name, count: samples.length, errors, errorKinds: byStatus, wallMs: round(wallMs), throughput: round((samples.length / wallMs) * 1000, 1),
    p50: round(pct(50)), p95: round(pct(95)), p99: round(pct(99)), max: round(lat[lat.length - 1]), mean: round(lat.reduce((a, b) => a + b, 0) / (lat.length || 1)),
  };
}
const round = (x, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

function table(rows, cols) {
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (vals) => vals.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => r[c] ?? '')))].join('\n');
}

// ---------------------------------------------------------------------------------------------- processes
const children = [];
const tmp = mkdtempSync(join(os.tmpdir(), 'grants-bench-'));

function startChild(name, script, env, nodeArgs = []) {
  const logFile = join(tmp, `${name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const entry = { name, child, logFile, exited: null };
  child.on('exit', (code, signal) => (entry.exited = { code, signal }));
  children.push(entry);
  return entry;
}

async function stopChildren() {
  for (const c of children) if (!c.exited) c.child.kill('SIGTERM');
  const until = Date.now() + 8000;
  while (children.some((c) => !c.exited) && Date.now() < until) await sleep(100);
  for (const c of children) if (!c.exited) { c.child.kill('SIGKILL'); log(`${c.name} did not stop in 8 s: killed`); }
  while (children.some((c) => !c.exited) && Date.now() < until + 3000) await sleep(50);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tail = (file, n = 30) => (existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n') : '');

function portFree(port) {
  return new Promise((r) => {
    const s = net.createServer().once('error', () => r(false)).once('listening', () => s.close(() => r(true))).listen(port, '127.0.0.1');
  });
}

async function waitHealthy(api, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    if (api.exited) throw new Error(`the API exited (${JSON.stringify(api.exited)}) before it was healthy:\n${tail(api.logFile)}`);
    const r = await send('GET', '/api/health', { timeoutMs: 2000 });
    if (r.status === 200) return r.body;
    last = r.status ? `${r.status} ${JSON.stringify(r.body)}` : r.error;
    await sleep(250);
  }
  throw new Error(`the API was not healthy within ${timeoutMs / 1000} s (last: ${last}):\n${tail(api.logFile)}`);
}

// ---------------------------------------------------------------------------------------------- CPU accounting
const CLK_TCK = 100; // Linux USER_HZ
/** CPU time (user + system) of a process in ms, from /proc; null when not readable. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch { return null; }
}
/** Some-avg10 of /proc/pressure/cpu: the share of time runnable tasks waited for a CPU (other load on the machine). */
function cpuPressure() {
  try { return Number(/avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))[1]); } catch { return null; }
}
/** Local TCP ports of the sockets a process holds (to tell which PostgreSQL backends serve it). */
function localPorts(pid) {
  const inodes = new Set();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try { const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`)); if (m) inodes.add(m[1]); } catch { /* closed meanwhile */ }
    }
  } catch { return new Set(); }
  const ports = new Set();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    for (const line of text.split('\n').slice(1)) {
      const c = line.trim().split(/\s+/);
      if (c.length > 9 && inodes.has(c[9])) ports.add(parseInt(c[1].split(':')[1], 16));
    }
  }
  return ports;
}
/** CPU used by the API, the worker, their PostgreSQL backends (told apart by client port) and the bench itself. */
async function cpuSnapshot(db, api, worker) {
  const { rows } = await db.query(`SELECT pid, client_port FROM pg_stat_activity WHERE datname = current_database()`);
  const apiPorts = localPorts(api.child.pid);
  const workerPorts = localPorts(worker.child.pid);
  const pg = new Map(rows.map((r) => [r.pid, { ms: cpuMs(r.pid), of: apiPorts.has(r.client_port) ? 'api' : workerPorts.has(r.client_port) ? 'worker' : 'other' }]));
  const self = process.cpuUsage();
  return { at: performance.now(), api: cpuMs(api.child.pid), worker: cpuMs(worker.child.pid), pg, bench: (self.user + self.system) / 1000 };
}
function cpuDelta(a, b, requests) {
  const pg = { api: 0, worker: 0, other: 0 };
  for (const [pid, { ms, of }] of b.pg) if (ms !== null) pg[of] += ms - (a.pg.get(pid)?.ms ?? 0); // a backend that appeared during the phase counts from its start
  const wall = b.at - a.at;
  const per = (x) => round(x / requests, 2);
  return {
    wallMs: round(wall), apiMs: round(b.api - a.api), workerMs: round(b.worker - a.worker), benchMs: round(b.bench - a.bench),
    postgresForApiMs: round(pg.api), postgresForWorkerMs: round(pg.worker), postgresOtherMs: round(pg.other),
    apiMsPerRequest: per(b.api - a.api), postgresForApiMsPerRequest: per(pg.api), apiCoreShare: round((b.api - a.api) / wall, 2),
  };
}

// ---------------------------------------------------------------------------------------------- main
const { Client: PgClient } = require('pg');
const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const dbName = `grants_bench_${suffix}`;
const queuePrefix = `bench${suffix}`;
const dbUrl = (() => { const u = new URL(CFG.adminUrl); u.pathname = `/${dbName}`; return u.toString(); })();
let dbCreated = false;
let db; // pg client on the bench database
let tornDown = false;

async function teardown() {
  if (tornDown) return;
  tornDown = true;
  await stopChildren().catch((e) => log('stopping children:', e.message));
  for (const c of children) {
    try { copyFileSync(c.logFile, join(ARTIFACTS, `bench-deadline-${c.name}.log`)); } catch { /* no log */ }
  }
  await db?.end().catch(() => undefined);
  if (dbCreated) {
    const admin = new PgClient({ connectionString: CFG.adminUrl });
    try {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      log(`dropped database ${dbName}`);
    } catch (e) {
      log(`could not drop database ${dbName}: ${e.message}`);
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
  if (CFG.redisUrl) {
    try {
      const IORedis = require('ioredis');
      const redis = new IORedis(CFG.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
      let cursor = '0';
      let n = 0;
      do {
        const [c, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 1000);
        cursor = c;
        if (keys.length) n += await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
      log(`removed ${n} Redis keys under ${queuePrefix}:`);
    } catch (e) {
      log(`could not clean Redis keys under ${queuePrefix}: ${e.message}`);
    }
  }
  agent.destroy();
  rmSync(tmp, { recursive: true, force: true });
}

let exiting = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (exiting) return;
    exiting = true;
    log(`${sig}: tearing down`);
    teardown().finally(() => process.exit(130));
  });
}
const timeLimit = setTimeout(() => {
  if (exiting) return;
  exiting = true;
  log(`time limit of ${CFG.timeLimitS} s reached: tearing down`);
  teardown().finally(() => process.exit(124));
}, CFG.timeLimitS * 1000);

/** Samples pg_stat_activity of the bench database while a phase runs: what the backends wait for. */
function activitySampler(everyMs = 20) {
  const counts = new Map();
  let samples = 0;
  let maxActive = 0;
  let stop = false;
  const sampler = new PgClient({ connectionString: dbUrl, application_name: 'bench-sampler' });
  const running = (async () => {
    await sampler.connect();
    while (!stop) {
      const { rows } = await sampler.query(
        `SELECT state, coalesce(wait_event_type || ':' || wait_event, 'CPU/running') AS wait,
                regexp_replace(left(query, 60), '\\s+', ' ', 'g') AS q
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'grant-portal' AND state <> 'idle'`);
      samples++;
      maxActive = Math.max(maxActive, rows.filter((r) => r.state === 'active').length);
      for (const r of rows) {
        const k = r.state === 'active' ? `active  ${r.wait.padEnd(24)} ${r.q}` : `${r.state}  ${r.wait}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      await sleep(everyMs);
    }
    await sampler.end();
  })();
  return {
    async finish() {
      stop = true;
      await running.catch(() => undefined);
      const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([what, n]) => ({ what, avgBackends: round(n / (samples || 1), 2) }));
      return { samples, maxActive, top };
    },
  };
}

async function main() {
  const loadAtStart = os.loadavg().map((x) => round(x, 2));
  await ensureBuilt();
  const domain = require(join(ROOT, 'libs/domain/dist/index.js'));
  const { demoApplicationContent } = require(join(ROOT, 'apps/api/dist/seed/demo-application.js'));
  const { hashPassword } = require(join(ROOT, 'apps/api/dist/modules/auth/passwords.js'));
  const pressureAtStart = cpuPressure();
  const git = (...a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const build = {
    head: git('rev-parse', '--short', 'HEAD'), distBuiltAt: new Date(newestBuildFile()).toISOString(),
    uncommittedInApi: git('status', '--porcelain', '--', 'apps/api/src', 'libs/domain/src').split('\n').filter(Boolean).length,
  };
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!(await portFree(CFG.port))) throw new Error(`port ${CFG.port} is in use (set BENCH_PORT)`);

  // 1. database, migrations, API and worker
  const admin = new PgClient({ connectionString: CFG.adminUrl });
  await admin.connect();
  const pgVersion = (await admin.query('SHOW server_version')).rows[0].server_version;
  await admin.query(`CREATE DATABASE "${dbName}"`);
  dbCreated = true;
  await admin.end();
  log(`database ${dbName} created; migrating`);

  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(NODE_ENV|SMTP_URL|S3_|APP_URL|SESSION_SECRET|WEB_DIST_DIR|DEMO_MODE|MIGRATE_ON_START|REDIS_URL)/.test(k)) delete env[k];
  Object.assign(env, {
    PORT: String(CFG.port), DATABASE_URL: dbUrl, QUEUE_PREFIX: queuePrefix, AUTH_RATE_LIMIT: '100000', LOG_LEVEL: 'warn',
    FILE_STORAGE_DIR: join(tmp, 'files'),
  });
  if (CFG.redisUrl) env.REDIS_URL = CFG.redisUrl;
  if (process.env.BENCH_PG_LOG_STATEMENTS === '1') {
    // diagnostics: every statement of the bench database, with its duration, in the PostgreSQL server log
    const a = new PgClient({ connectionString: CFG.adminUrl });
    await a.connect();
    await a.query(`ALTER DATABASE "${dbName}" SET log_min_duration_statement = 0`);
    await a.end();
    log(`BENCH_PG_LOG_STATEMENTS=1: statements of ${dbName} go to the PostgreSQL server log`);
  }
  // A rebuild by someone else can still catch the start: then wait for the build again and retry (3 attempts).
  let api, worker, health;
  for (let attempt = 1; ; attempt++) {
    try {
      const mig = spawnSync(process.execPath, ['apps/api/dist/cli/migrate.js'], { cwd: ROOT, env, encoding: 'utf8' });
      if (mig.status !== 0) throw new Error(`migrate failed:\n${mig.stdout}\n${mig.stderr}`);
      log(mig.stdout.trim());
      api = startChild('api', 'apps/api/dist/main.js', env, CFG.apiNodeOptions);
      worker = startChild('worker', 'apps/api/dist/worker.js', env);
      health = await waitHealthy(api);
      await sleep(500);
      if (worker.exited) throw new Error(`the worker exited: ${JSON.stringify(worker.exited)}\n${tail(worker.logFile)}`);
      break;
    } catch (e) {
      await stopChildren();
      if (attempt >= 3 || !/MODULE_NOT_FOUND|Cannot find module|SyntaxError|ENOENT/.test(String(e.message))) throw e;
      log(`start failed (attempt ${attempt}), probably a rebuild in progress: ${String(e.message).split('\n')[0]}; retrying`);
      children.length = 0;
      await sleep(5000);
      await ensureBuilt();
    }
  }

  log(`API healthy: ${JSON.stringify(health)}`);

  db = new PgClient({ connectionString: dbUrl, application_name: 'bench' });
  await db.connect();

  // 2. seed: one hash for everyone; a secretariat officer; N organisations with an owner each
  // The bench measures saving and submitting, not logging in: by default the one hash is argon2id with low cost
  // parameters (argon2.verify reads them from the hash, so login runs the same code, in ~1 ms instead of 0.1–1.5 s).
  const hash = process.env.BENCH_REAL_HASH === '1' ? await hashPassword(PASSWORD)
    : await require('argon2').hash(PASSWORD, { type: require('argon2').argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const officerEmail = `officer-${suffix}@bench.example.org`;
  await db.query(
    `INSERT INTO users (email, password_hash, full_name, role, language, script, email_verified_at, active)
     VALUES ($1, $2, 'Bench officer', 'secretariat', 'en', 'latin', now(), true)`, [officerEmail, hash]);
  const { rows: owners } = await db.query(
    `WITH o AS (
       INSERT INTO organizations (legal_name, registration_number, municipality)
       SELECT 'Bench CSO ' || lpad(i::text, 3, '0'), 'BENCH-' || lpad(i::text, 3, '0'), 'prishtina' FROM generate_series(1, $1::int) i
       RETURNING id, registration_number)
     INSERT INTO users (email, password_hash, full_name, role, language, script, organization_id, org_role, email_verified_at, active)
     SELECT 'owner-' || substr(registration_number, 7) || '@bench.example.org', $2, 'Owner ' || registration_number, 'applicant', 'en', 'latin', id, 'owner', now(), true FROM o
     RETURNING email, organization_id`, [CFG.orgs, hash]);
  owners.sort((a, b) => a.email.localeCompare(b.email));
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
  const warm = Array.from({ length: 200 }, (_, i) => clients[i % clients.length]);
  await pool(warm, CFG.baselineConcurrency, (c) => c.call('GET', '/api/organizations/mine'));
  const baseItems = Array.from({ length: CFG.baseline }, (_, i) => clients[i % clients.length]);
  const cpu = {};
  let c0 = await cpuSnapshot(db, api, worker);
  let t0 = performance.now();
  const baseSamples = await pool(baseItems, CFG.baselineConcurrency, (c) => c.call('GET', '/api/organizations/mine'));
  results.baseline = stats('baseline GET /organizations/mine', baseSamples, performance.now() - t0);
  cpu.baseline = cpuDelta(c0, await cpuSnapshot(db, api, worker), baseSamples.length);
  log(`baseline: ${results.baseline.count} requests, p95 ${results.baseline.p95} ms`);

  // 3. save: every organisation saves its draft N times, each with the version it last got
  const saveSamples = [];
  c0 = await cpuSnapshot(db, api, worker);
  t0 = performance.now();
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
  const sampler = activitySampler();
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
      const IORedis = require('ioredis');
      const redis = new IORedis(CFG.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
      const [, keys] = await redis.scan('0', 'MATCH', `${queuePrefix}:*`, 'COUNT', 10000);
      await redis.quit();
      queueEvidence = `${keys.length}+ keys under ${queuePrefix}: in Redis`;
    } catch (e) { queueEvidence = `Redis not readable: ${e.message}`; }
  } else {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'bullmq'`);
    queueEvidence = `${rows[0].n} tables in schema bullmq`;
  }
  const machine = {
    cpuPressureAvg10: { atStart: pressureAtStart, atEnd: cpuPressure() },
    cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30, 1), loadAtStart, loadavg: os.loadavg().map((x) => round(x, 2)),
    build, node: process.version, platform: `${os.platform()} ${os.release()}`, postgres: pgVersion, queue, queueEvidence,
  };

  console.log('\n=== Deadline benchmark ===');
  console.log(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, node ${machine.node}, PostgreSQL ${machine.postgres}, load average ${machine.loadAtStart.join(' ')} at start, ${machine.loadavg.join(' ')} now (other work on the machine skews the figures)`);
  console.log(`API build: dist of ${build.distBuiltAt} on HEAD ${build.head} (${build.uncommittedInApi} uncommitted files in apps/api/src and libs/domain/src)`);
  console.log(`CPU pressure (/proc/pressure/cpu some avg10, % of time tasks waited for a CPU): ${machine.cpuPressureAvg10.atStart} at start, ${machine.cpuPressureAvg10.atEnd} at end`);
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
  const checks = [];
  const check = (name, ok, detail = '') => checks.push({ name, ok: !!ok, detail });
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

  console.log('\nChecks:');
  for (const c of checks) console.log(`  ${c.ok ? 'OK    ' : 'FAILED'}  ${c.name}  (${c.detail})`);
  const allOk = checks.every((c) => c.ok);

  const out = {
    at: new Date().toISOString(), config: { ...CFG, apiNodeOptions: CFG.apiNodeOptions.join(' ') }, database: dbName, queuePrefix, machine,
    results, cpu, ratios, target: { submitP95BelowMs: 250, met: target }, checks, allChecksOk: allOk, diagnostics,
  };
  writeFileSync(join(ARTIFACTS, 'bench-deadline.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nresults: ${join('test-artifacts', 'bench-deadline.json')}`);
  return allOk;
}

let code = 1;
try {
  code = (await main()) ? 0 : 1;
} catch (e) {
  console.error(`\nbench failed: ${e.stack ?? e}`);
  for (const c of children) {
    const t = tail(c.logFile, 20);
    if (t) console.error(`\n--- last lines of the ${c.name} log ---\n${t}`);
  }
  code = 1;
} finally {
  clearTimeout(timeLimit);
  if (!exiting) await teardown();
}
process.exit(code);
