/**
 * What the benchmarks share: settings from the environment, the build check, an HTTP client with kept-alive
 * sockets, statistics and tables, the API's child processes, a throwaway database (and its Redis keys) that is
 * torn down even on failure or Ctrl-C, and CPU accounting from /proc.
 *
 *   const bench = createBench({ name: 'deadline', adminUrl, redisUrl, port, timeLimitS });
 *   process.exit(await bench.run(async () => { ...; return allChecksOk; }));
 */
/* global process, console, Buffer, URL, setTimeout, clearTimeout */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const require = createRequire(join(ROOT, 'package.json'));
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const { Client: PgClient } = require('pg');
export { PgClient };

// ---------------------------------------------------------------------------------------------- settings
/** A non-negative integer setting from the environment. */
export const int = (name, dflt) => {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${v}`);
  return n;
};
/**
 * The settings every bench reads (environment): TEST_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379; "none" = the PostgreSQL queue), BENCH_PORT, BENCH_BASELINE (3000) and
 * BENCH_BASELINE_CONCURRENCY (50) for the baseline, BENCH_TIME_LIMIT_S, BENCH_API_NODE_OPTIONS (extra node flags for the API,
 * e.g. --cpu-prof), BENCH_REAL_HASH=1 (hash the password with the portal's own argon2id parameters: slow logins),
 * BENCH_PG_LOG_STATEMENTS=1 (diagnostics: log every statement of the bench database in the PostgreSQL server log).
 */
export const commonConfig = ({ port, timeLimitS }) => ({
  adminUrl: process.env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.BENCH_REDIS_URL === undefined ? 'redis://127.0.0.1:6379' : (['', 'none', 'off'].includes(process.env.BENCH_REDIS_URL) ? null : process.env.BENCH_REDIS_URL),
  port: int('BENCH_PORT', port),
  baseline: int('BENCH_BASELINE', 3000),
  baselineConcurrency: int('BENCH_BASELINE_CONCURRENCY', 50),
  loginConcurrency: 20,
  timeLimitS: int('BENCH_TIME_LIMIT_S', timeLimitS),
  apiNodeOptions: (process.env.BENCH_API_NODE_OPTIONS || '').split(/\s+/).filter(Boolean),
});

function assertLocal(url, what) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`${what} must point at this machine (127.0.0.1), not ${host}`);
}

// A closed pipe (e.g. `| head`) must not kill the bench before it has torn everything down.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
export const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 23)}]`, ...a);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const round = (x, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);
export const tail = (file, n = 30) => (existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n') : '');

// ---------------------------------------------------------------------------------------------- build
export const NEEDED = ['apps/api/dist/main.js', 'apps/api/dist/worker.js', 'apps/api/dist/cli/migrate.js', 'apps/api/dist/seed/demo-application.js', 'libs/domain/dist/index.js'];
const BUILD_DIRS = ['apps/api/dist', 'libs/domain/dist'];

/** Newest modification time under the build folders (Infinity when one is missing). */
export function newestBuildFile() {
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
export async function ensureBuilt(needed = NEEDED) {
  const until = Date.now() + 180_000;
  let said = false;
  for (;;) {
    const complete = needed.every((p) => existsSync(join(ROOT, p)));
    const quietFor = Date.now() - newestBuildFile();
    if (complete && quietFor > 10_000) return;
    if (Date.now() > until) break;
    if (!said) { log('apps/api/dist or libs/domain/dist is missing or being rebuilt: waiting for it'); said = true; }
    await sleep(2000);
  }
  if (needed.every((p) => existsSync(join(ROOT, p)))) return;
  log('apps/api/dist or libs/domain/dist is missing: building (npx nx run-many -t build)');
  const r = spawnSync('npx', ['nx', 'run-many', '-t', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

/** Which build the figures are of: HEAD, the age of dist and how many source files differ from HEAD. */
export function buildInfo() {
  const git = (...a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  return {
    head: git('rev-parse', '--short', 'HEAD'), distBuiltAt: new Date(newestBuildFile()).toISOString(),
    uncommittedInApi: git('status', '--porcelain', '--', 'apps/api/src', 'libs/domain/src').split('\n').filter(Boolean).length,
  };
}

// ---------------------------------------------------------------------------------------------- statistics
/** Runs fn over items with at most `concurrency` in flight. */
export async function pool(items, concurrency, fn) {
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

export function stats(name, samples, wallMs) {
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

/** Checks that end a bench: check(name, ok, detail) records one; printChecks() prints them all and says whether all passed. */
export function checklist() {
  const checks = [];
  const check = (name, ok, detail = '') => checks.push({ name, ok: !!ok, detail });
  const printChecks = () => {
    console.log('\nChecks:');
    for (const c of checks) console.log(`  ${c.ok ? 'OK    ' : 'FAILED'}  ${c.name}  (${c.detail})`);
    return checks.every((c) => c.ok);
  };
  return { checks, check, printChecks };
}

let interrupted = null;
/** Writes a bench's results to test-artifacts/<file> and says where (not those of an interrupted run). */
export function writeResults(file, out) {
  if (interrupted) return console.log(`\nresults not written: the run was interrupted (${interrupted})`);
  writeFileSync(join(ARTIFACTS, file), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nresults: ${join('test-artifacts', file)}`);
}

export function table(rows, cols) {
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (vals) => vals.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => r[c] ?? '')))].join('\n');
}

// ---------------------------------------------------------------------------------------------- machine
/** Some-avg10 of /proc/pressure/cpu: the share of time runnable tasks waited for a CPU (other load on the machine). */
export function cpuPressure() {
  try { return Number(/avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))[1]); } catch { return null; }
}
export const loadAverage = () => os.loadavg().map((x) => round(x, 2));

/** The machine the figures come from, and how busy it was (other work on the box skews every figure). */
export function machineInfo({ pressureAtStart, loadAtStart, build, pgVersion, ...more }) {
  return {
    cpuPressureAvg10: { atStart: pressureAtStart, atEnd: cpuPressure() },
    cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30, 1), loadAtStart, loadavg: loadAverage(),
    build, node: process.version, platform: `${os.platform()} ${os.release()}`, postgres: pgVersion, ...more,
  };
}
export function printMachine(machine) {
  const { build } = machine;
  console.log(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, node ${machine.node}, PostgreSQL ${machine.postgres}, load average ${machine.loadAtStart.join(' ')} at start, ${machine.loadavg.join(' ')} now (other work on the machine skews the figures)`);
  console.log(`API build: dist of ${build.distBuiltAt} on HEAD ${build.head} (${build.uncommittedInApi} uncommitted files in apps/api/src and libs/domain/src)`);
  console.log(`CPU pressure (/proc/pressure/cpu some avg10, % of time tasks waited for a CPU): ${machine.cpuPressureAvg10.atStart} at start, ${machine.cpuPressureAvg10.atEnd} at end`);
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
/** A process and its descendants (an API started with API_PROCESSES > 1 runs its processes as children). */
function processTree(pid) {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try { const st = readFileSync(`/proc/${d}/stat`, 'utf8'); parent.set(Number(d), Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1])); } catch { /* ended meanwhile */ }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [p, pp] of parent) if (pp === tree[i]) tree.push(p);
  return tree;
}
/** CPU time of a process and its descendants, in ms. */
const treeCpuMs = (pid) => processTree(pid).reduce((sum, p) => sum + (cpuMs(p) ?? 0), 0);
/** Local TCP ports of the sockets a process (and its descendants) holds (to tell which PostgreSQL backends serve it). */
function localPorts(pid) {
  const inodes = new Set();
  for (const p of processTree(pid)) {
    try {
      for (const fd of readdirSync(`/proc/${p}/fd`)) {
        try { const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${p}/fd/${fd}`)); if (m) inodes.add(m[1]); } catch { /* closed meanwhile */ }
      }
    } catch { /* ended meanwhile */ }
  }
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
/** CPU used by the API (all its processes), the worker (if any), their PostgreSQL backends (told apart by client port) and the bench itself. */
export async function cpuSnapshot(db, api, worker = null) {
  const { rows } = await db.query(`SELECT pid, client_port FROM pg_stat_activity WHERE datname = current_database()`);
  const apiPorts = localPorts(api.child.pid);
  const workerPorts = worker ? localPorts(worker.child.pid) : new Set();
  const pg = new Map(rows.map((r) => [r.pid, { ms: cpuMs(r.pid), of: apiPorts.has(r.client_port) ? 'api' : workerPorts.has(r.client_port) ? 'worker' : 'other' }]));
  const self = process.cpuUsage();
  return { at: performance.now(), api: treeCpuMs(api.child.pid), worker: worker ? cpuMs(worker.child.pid) : 0, pg, bench: (self.user + self.system) / 1000 };
}
export function cpuDelta(a, b, requests) {
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

// ---------------------------------------------------------------------------------------------- Redis
async function withRedis(url, fn) {
  const IORedis = require('ioredis');
  const redis = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try { return await fn(redis); } finally { await redis.quit(); }
}

// ---------------------------------------------------------------------------------------------- the bench
/**
 * One run of a bench: a throwaway database `grants_bench_<suffix>`, queue keys under `bench<suffix>:` in Redis,
 * children (API, worker) logging to a temporary folder, and a teardown that runs once, on success, failure,
 * a signal or the time limit: children stopped, their logs copied to test-artifacts/bench-<name>-<child>.log,
 * database dropped, Redis keys removed.
 */
const ALL_BENCHES = [];
export function createBench({ name, adminUrl, redisUrl, port, timeLimitS }) {
  assertLocal(adminUrl, 'TEST_DATABASE_ADMIN_URL');
  if (redisUrl) assertLocal(redisUrl, 'BENCH_REDIS_URL');
  const base = `http://127.0.0.1:${port}`;
  const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const dbName = `grants_bench_${suffix}`;
  const queuePrefix = `bench${suffix}`;
  const dbUrl = (() => { const u = new URL(adminUrl); u.pathname = `/${dbName}`; return u.toString(); })();
  const tmp = mkdtempSync(join(os.tmpdir(), 'grants-bench-'));
  const children = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512, keepAliveMsecs: 10_000 });
  let dbCreated = false;
  let tornDown = null;
  let exiting = null;
  const b = { name, base, suffix, dbName, queuePrefix, dbUrl, tmp, children, agent, db: null };
  ALL_BENCHES.push(b);
  const teardownHooks = [];
  /** Work of the bench's own to undo at teardown (e.g. a scratch database), run before the database is dropped. */
  b.onTeardown = (fn) => teardownHooks.push(fn);

  // ------------------------------------------------------------------------------------------ HTTP
  /** One request; resolves (never rejects) with status (0 = network error), parsed body, size and latency in ms. */
  b.send = function send(method, path, { body, cookie, csrf, timeoutMs = 60_000 } = {}) {
    return new Promise((done) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers = { accept: 'application/json' };
      if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
      if (cookie) headers.cookie = cookie;
      if (csrf) headers['x-csrf-token'] = csrf;
      const t0 = performance.now();
      const req = http.request(`${base}${path}`, { method, headers, agent, timeout: timeoutMs }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t0;
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let json;
          try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
          done({ status: res.statusCode, headers: res.headers, body: json ?? text, bytes: raw.length, ms, t0, t1: t0 + ms });
        });
        res.on('error', (e) => done({ status: 0, error: e.message, ms: performance.now() - t0, t0, t1: performance.now() }));
      });
      req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', (e) => done({ status: 0, error: e.message, ms: performance.now() - t0, t0, t1: performance.now() }));
      if (payload) req.write(payload);
      req.end();
    });
  };

  /** A browser-like client: keeps the grants.sid cookie and sends the CSRF token on every change. */
  b.Client = class Client {
    constructor(email) { this.email = email; this.cookie = ''; this.csrf = ''; }
    async call(method, path, body, opts = {}) {
      const r = await b.send(method, path, { body, cookie: this.cookie, csrf: method === 'GET' ? undefined : this.csrf, ...opts });
      for (const c of [].concat(r.headers?.['set-cookie'] ?? [])) if (c.startsWith('grants.sid=')) this.cookie = c.split(';')[0];
      return r;
    }
    async must(method, path, body, expected = [200, 201], opts = {}) {
      const r = await this.call(method, path, body, opts);
      if (!expected.includes(r.status)) throw new Error(`${method} ${path} as ${this.email}: ${r.status} ${r.error ?? JSON.stringify(r.body).slice(0, 600)}`);
      return r;
    }
    async login(password) {
      this.csrf = (await this.must('GET', '/api/auth/csrf')).body.csrfToken;
      const r = await this.must('POST', '/api/auth/login', { email: this.email, password }, [200]);
      this.csrf = r.body.csrfToken;
      const state = r.body.user?.secondFactor?.state;
      if (state === 'challenge' || state === 'enrol') await b.secondStep(this, r.body.user.id);
      return this;
    }
  };

  /**
   * The second step of a login (issue 14), as a person with an authenticator app does it: a staff account without a
   * factor enrols one on its first login (the set-up's secret is kept for its later logins, like the phone keeps it),
   * one with a factor answers the challenge with a code. One user's second steps run one at a time (parallel logins of
   * one officer); a code's 30-second step is accepted once, so a login that finds the steps of now used moves the
   * record of the last one back (a bench shortcut through its own database connection, never the portal's).
   */
  const totpSecrets = new Map();
  const secondSteps = new Map();
  b.secondStep = function secondStep(client, userId) {
    const prev = secondSteps.get(client.email) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(() => passSecondStep(client, userId));
    secondSteps.set(client.email, next);
    return next;
  };
  async function passSecondStep(client, userId) {
    const { generate } = require('otplib');
    const state = (await client.must('GET', '/api/auth/me')).body.secondFactor?.state;
    if (state === 'enrol') {
      const setup = await client.must('POST', '/api/auth/second-factor/totp/setup', undefined, [200]);
      await client.must('POST', '/api/auth/second-factor/totp/confirm', { code: await generate({ secret: setup.body.secret }) }, [200]);
      totpSecrets.set(client.email, setup.body.secret);
    } else if (state === 'challenge') {
      const secret = totpSecrets.get(client.email);
      if (!secret) throw new Error(`${client.email} has a second factor the bench did not enrol`);
      const current = Math.floor(Date.now() / 30_000);
      const { rows: [row] } = await b.db.query(`SELECT last_step::text AS last_step FROM user_totp_factors WHERE user_id = $1`, [userId]);
      const last = row?.last_step == null ? -Infinity : Number(row.last_step);
      let step = [current, current + 1, current - 1].find((x) => x > last);
      if (step === undefined) {
        await b.db.query(`UPDATE user_totp_factors SET last_step = $2 WHERE user_id = $1`, [userId, current - 2]);
        step = current;
      }
      const r = await client.must('POST', '/api/auth/second-factor/challenge/totp', { code: await generate({ secret, epoch: step * 30 + 15 }) }, [200]);
      client.csrf = r.body.csrfToken;
    }
  }

  // ------------------------------------------------------------------------------------------ processes
  b.startChild = function startChild(childName, script, env, nodeArgs = []) {
    const logFile = join(tmp, `${childName}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(process.execPath, [...nodeArgs, script], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const entry = { name: childName, child, logFile, exited: null };
    child.on('exit', (code, signal) => (entry.exited = { code, signal }));
    children.push(entry);
    return entry;
  };

  b.stopChildren = async function stopChildren() {
    for (const c of children) if (!c.exited) c.child.kill('SIGTERM');
    const until = Date.now() + 8000;
    while (children.some((c) => !c.exited) && Date.now() < until) await sleep(100);
    for (const c of children) if (!c.exited) { c.child.kill('SIGKILL'); log(`${c.name} did not stop in 8 s: killed`); }
    while (children.some((c) => !c.exited) && Date.now() < until + 3000) await sleep(50);
  };

  b.portFree = () => new Promise((r) => {
    const s = net.createServer().once('error', () => r(false)).once('listening', () => s.close(() => r(true))).listen(port, '127.0.0.1');
  });

  b.waitHealthy = async function waitHealthy(api, timeoutMs = 90_000) {
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      if (api.exited) throw new Error(`the API exited (${JSON.stringify(api.exited)}) before it was healthy:\n${tail(api.logFile)}`);
      const r = await b.send('GET', '/api/health', { timeoutMs: 2000 });
      if (r.status === 200) return r.body;
      last = r.status ? `${r.status} ${JSON.stringify(r.body)}` : r.error;
      await sleep(250);
    }
    throw new Error(`the API was not healthy within ${timeoutMs / 1000} s (last: ${last}):\n${tail(api.logFile)}`);
  };

  // ------------------------------------------------------------------------------------------ database and services
  /** Creates the throwaway database; returns the server's version. */
  b.createDatabase = async function createDatabase() {
    const admin = new PgClient({ connectionString: adminUrl });
    await admin.connect();
    const pgVersion = (await admin.query('SHOW server_version')).rows[0].server_version;
    await admin.query(`CREATE DATABASE "${dbName}"`);
    dbCreated = true;
    await admin.end();
    log(`database ${dbName} created; migrating`);
    return pgVersion;
  };

  /** The environment of the API and worker: this bench's database, queue prefix and port, nothing from the caller's portal settings. */
  b.serviceEnv = async function serviceEnv() {
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (/^(NODE_ENV|SMTP_URL|S3_|APP_URL|SESSION_SECRET|WEB_DIST_DIR|DEMO_MODE|MIGRATE_ON_START|REDIS_URL)/.test(k)) delete env[k];
    Object.assign(env, {
      PORT: String(port), DATABASE_URL: dbUrl, QUEUE_PREFIX: queuePrefix, AUTH_RATE_LIMIT: '100000', LOG_LEVEL: 'warn',
      FILE_STORAGE_DIR: join(tmp, 'files'),
    });
    if (redisUrl) env.REDIS_URL = redisUrl;
    if (process.env.BENCH_PG_LOG_STATEMENTS === '1') {
      // diagnostics: every statement of the bench database, with its duration, in the PostgreSQL server log
      const a = new PgClient({ connectionString: adminUrl });
      await a.connect();
      await a.query(`ALTER DATABASE "${dbName}" SET log_min_duration_statement = 0`);
      await a.end();
      log(`BENCH_PG_LOG_STATEMENTS=1: statements of ${dbName} go to the PostgreSQL server log`);
    }
    return env;
  };

  /**
   * Migrates, starts the API (and the worker when asked) and waits until the API is healthy. A rebuild by someone
   * else can still catch the start: then it waits for the build again and retries (3 attempts).
   */
  b.startServices = async function startServices(env, { apiNodeOptions = [], worker: withWorker = false } = {}) {
    let api, worker, health;
    for (let attempt = 1; ; attempt++) {
      try {
        const mig = spawnSync(process.execPath, ['apps/api/dist/cli/migrate.js'], { cwd: ROOT, env, encoding: 'utf8' });
        if (mig.status !== 0) throw new Error(`migrate failed:\n${mig.stdout}\n${mig.stderr}`);
        log(mig.stdout.trim());
        api = b.startChild('api', 'apps/api/dist/main.js', env, apiNodeOptions);
        if (withWorker) worker = b.startChild('worker', 'apps/api/dist/worker.js', env);
        health = await b.waitHealthy(api);
        await sleep(500);
        if (worker?.exited) throw new Error(`the worker exited: ${JSON.stringify(worker.exited)}\n${tail(worker.logFile)}`);
        break;
      } catch (e) {
        await b.stopChildren();
        if (attempt >= 3 || !/MODULE_NOT_FOUND|Cannot find module|SyntaxError|ENOENT/.test(String(e.message))) throw e;
        log(`start failed (attempt ${attempt}), probably a rebuild in progress: ${String(e.message).split('\n')[0]}; retrying`);
        children.length = 0;
        await sleep(5000);
        await ensureBuilt();
      }
    }
    log(`API healthy: ${JSON.stringify(health)}`);
    b.db = new PgClient({ connectionString: dbUrl, application_name: 'bench' });
    await b.db.connect();
    return { api, worker, health };
  };

  /** A secretariat officer who logs in with the bench's password; returns the e-mail. */
  b.insertOfficer = async function insertOfficer(hash) {
    const email = `officer-${suffix}@bench.example.org`;
    await b.db.query(
      `INSERT INTO users (email, password_hash, full_name, role, language, script, email_verified_at, active)
       VALUES ($1, $2, 'Bench officer', 'secretariat', 'en', 'latin', now(), true)`, [email, hash]);
    return email;
  };

  /**
   * N organisations (licence number on the profile, as a submission needs) with an owner each who logs in with the
   * bench's password; returns the owners { email, organization_id }, sorted by e-mail.
   */
  b.insertOrganizationOwners = async function insertOrganizationOwners(n, hash) {
    const { rows } = await b.db.query(
      `WITH o AS (
         INSERT INTO organizations (legal_name, registration_number, municipality, licence_number)
         SELECT 'Bench CSO ' || lpad(i::text, 3, '0'), 'BENCH-' || lpad(i::text, 3, '0'), 'prishtina', 'LIC-BENCH-' || lpad(i::text, 3, '0') FROM generate_series(1, $1::int) i
         RETURNING id, registration_number)
       INSERT INTO users (email, password_hash, full_name, role, language, script, organization_id, org_role, email_verified_at, active)
       SELECT 'owner-' || substr(registration_number, 7) || '@bench.example.org', $2, 'Owner ' || registration_number, 'applicant', 'en', 'latin', id, 'owner', now(), true FROM o
       RETURNING email, organization_id`, [n, hash]);
    return rows.sort((a, b2) => a.email.localeCompare(b2.email));
  };

  /** The bench's keys in Redis (at most one SCAN page), as evidence that the queue really is there. */
  b.redisKeySample = () => withRedis(redisUrl, async (redis) => (await redis.scan('0', 'MATCH', `${queuePrefix}:*`, 'COUNT', 10000))[1]);

  /** Tears down once; every caller (end of run, signal, time limit) waits for the same teardown. */
  b.teardown = () => (tornDown ??= tearDownOnce());
  async function tearDownOnce() {
    agent.destroy(); // kept-alive sockets would hold the API's graceful shutdown open
    await b.stopChildren().catch((e) => log('stopping children:', e.message));
    for (const c of children) {
      try { copyFileSync(c.logFile, join(ARTIFACTS, `bench-${name}-${c.name}.log`)); } catch { /* no log */ }
    }
    await b.db?.end().catch(() => undefined);
    for (const hook of teardownHooks) await Promise.resolve().then(hook).catch((e) => log('teardown:', e.message));
    if (dbCreated) {
      const admin = new PgClient({ connectionString: adminUrl });
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
    if (redisUrl) {
      try {
        const n = await withRedis(redisUrl, async (redis) => {
          let cursor = '0';
          let removed = 0;
          do {
            const [c, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 1000);
            cursor = c;
            if (keys.length) removed += await redis.del(...keys);
          } while (cursor !== '0');
          return removed;
        });
        log(`removed ${n} Redis keys under ${queuePrefix}:`);
      } catch (e) {
        log(`could not clean Redis keys under ${queuePrefix}: ${e.message}`);
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  }

  const stop = (why, code) => {
    if (exiting) return;
    exiting = code;
    interrupted = why;
    log(`${why}: tearing down`);
    // several benches in one process (the fault suite runs its drills side by side): exit once all are torn down
    Promise.allSettled(ALL_BENCHES.map((x) => x.teardown())).finally(() => process.exit(code));
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig, 130));
  const timeLimit = setTimeout(() => stop(`time limit of ${timeLimitS} s reached`, 124), timeLimitS * 1000);

  /** Runs main (true = every check passed), always tears down (or waits for a teardown already under way), and returns the exit code. */
  b.run = async function run(main) {
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
      await b.teardown();
    }
    return exiting ?? code;
  };

  /** Samples pg_stat_activity of the bench database while a phase runs: what the backends wait for. */
  b.activitySampler = function activitySampler(everyMs = 20) {
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
        const top = [...counts.entries()].sort((a, b2) => b2[1] - a[1]).slice(0, 12).map(([what, n]) => ({ what, avgBackends: round(n / (samples || 1), 2) }));
        return { samples, maxActive, top };
      },
    };
  };

  return b;
}

/**
 * One password hash for every seeded user. The benches measure other things than logging in: by default it is
 * argon2id with low cost parameters (argon2.verify reads them from the hash, so login runs the same code, in ~1 ms
 * instead of 0.1–1.5 s); BENCH_REAL_HASH=1 uses the portal's own parameters.
 */
export async function benchPasswordHash(password) {
  if (process.env.BENCH_REAL_HASH === '1') return require(join(ROOT, 'apps/api/dist/modules/auth/passwords.js')).hashPassword(password);
  const argon2 = require('argon2');
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
}

/**
 * The baseline both benches compare against: GET /api/organizations/mine (one primary-key read behind the
 * session), 200 warm-up requests, then `count` at `concurrency`, round-robin over the logged-in applicants.
 */
export async function measureBaseline(bench, clients, { count, concurrency, api, worker = null }) {
  const warm = Array.from({ length: 200 }, (_, i) => clients[i % clients.length]);
  await pool(warm, concurrency, (c) => c.call('GET', '/api/organizations/mine'));
  const items = Array.from({ length: count }, (_, i) => clients[i % clients.length]);
  const c0 = await cpuSnapshot(bench.db, api, worker);
  const t0 = performance.now();
  const samples = await pool(items, concurrency, (c) => c.call('GET', '/api/organizations/mine'));
  const result = stats('baseline GET /organizations/mine', samples, performance.now() - t0);
  const cpu = cpuDelta(c0, await cpuSnapshot(bench.db, api, worker), samples.length);
  log(`baseline: ${result.count} requests, p95 ${result.p95} ms`);
  return { result, cpu };
}
