/* global process, console, fetch, AbortSignal, URL, setTimeout, clearTimeout */
// The portal under test: a throw-away PostgreSQL database, migrations + seed, the API (which also
// serves the built web app) and the worker, all torn down again by stop().
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { poll } from './expect.mjs';
import { REPO_ROOT } from './i18n.mjs';

const run = promisify(execFile);
const API_DIST = join(REPO_ROOT, 'apps', 'api', 'dist');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function missingBuilds() {
  const need = [
    join(API_DIST, 'main.js'),
    join(API_DIST, 'worker.js'),
    join(API_DIST, 'cli', 'migrate.js'),
    join(API_DIST, 'cli', 'seed.js'),
    join(REPO_ROOT, 'apps', 'web', 'dist', 'index.html'),
    join(REPO_ROOT, 'libs', 'domain', 'dist', 'index.js'),
  ];
  return need.filter((f) => !existsSync(f));
}

async function adminQuery(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000, query_timeout: 30_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

export class Stack {
  constructor({ smtpPort, logDir, webDist, log = console.log }) {
    this.webDist = webDist;
    // base-36 time first, so a later run can tell a database left by a killed run (see dropStale)
    this.id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    this.adminUrl = process.env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    this.dbName = `grants_e2e_${this.id}`;
    const u = new URL(this.adminUrl);
    u.pathname = `/${this.dbName}`;
    this.databaseUrl = u.toString();
    this.smtpPort = smtpPort;
    this.logDir = logDir;
    this.log = log;
    this.children = [];
    this.dbCreated = false;
    this.filesDir = null;
  }

  env() {
    const env = { ...process.env };
    delete env.NODE_ENV; // production-like behaviour of the built app, but demo defaults (no NODE_ENV=test)
    return Object.assign(env, {
      DATABASE_URL: this.databaseUrl,
      PORT: String(this.port),
      APP_URL: this.baseUrl,
      SMTP_URL: `smtp://127.0.0.1:${this.smtpPort}`,
      QUEUE_PREFIX: `e2e${this.id}`,
      FILE_STORAGE_DIR: this.filesDir,
      AUTH_RATE_LIMIT: '10000',
      MIGRATE_ON_START: 'false',
      ...(this.webDist ? { WEB_DIST_DIR: this.webDist } : {}),
      LOG_LEVEL: process.env.E2E_LOG_LEVEL || 'info',
    });
  }

  /**
   * Drops databases of earlier runs that were killed before their tear-down: named by this runner,
   * older than two hours, and with nobody connected.
   */
  async dropStale() {
    const client = new pg.Client({
      connectionString: this.adminUrl,
      connectionTimeoutMillis: 10_000,
      query_timeout: 30_000,
    });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT datname FROM pg_database d WHERE datname ~ '^grants_e2e_[0-9a-z]{8,9}[0-9a-f]{6}$'
           AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
      );
      for (const { datname } of rows) {
        const born = parseInt(datname.slice('grants_e2e_'.length, -6), 36);
        if (!Number.isFinite(born) || Date.now() - born < 2 * 3600_000) continue;
        await client.query(`DROP DATABASE IF EXISTS "${datname}"`).then(
          () => this.log(`dropped ${datname}, left by an earlier run`),
          () => {},
        );
      }
    } finally {
      await client.end().catch(() => {});
    }
  }

  async start() {
    await this.dropStale().catch((e) => this.log(`looking for stale databases: ${e.message}`));
    this.port = await freePort();
    this.baseUrl = `http://localhost:${this.port}`;
    this.filesDir = mkdtempSync(join(tmpdir(), 'grants-e2e-files-'));

    await adminQuery(this.adminUrl, `CREATE DATABASE "${this.dbName}"`);
    this.dbCreated = true;
    this.log(`database ${this.dbName} created`);

    const env = this.env();
    for (const cli of ['migrate', 'seed']) {
      const t0 = Date.now();
      await run(process.execPath, [join(API_DIST, 'cli', `${cli}.js`)], {
        cwd: REPO_ROOT,
        env,
        timeout: 120_000,
        maxBuffer: 16 << 20,
      }).catch((e) => {
        throw new Error(`${cli} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
      });
      this.log(`${cli} done in ${Date.now() - t0} ms`);
    }

    this.spawn('api', join(API_DIST, 'main.js'), env);
    this.spawn('worker', join(API_DIST, 'worker.js'), env);
    await poll(
      async () => {
        if (this.children.some((c) => c.exitCode !== null)) return 'exited';
        const res = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
        return res.status;
      },
      (s) => s === 200 || s === 'exited',
      { timeout: 60_000, interval: 300, message: 'expected GET /api/health to answer 200' },
    );
    const dead = this.children.find((c) => c.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited with ${dead.exitCode} during start-up, see ${dead.logFile}`);
    this.log(`portal up at ${this.baseUrl}`);
  }

  spawn(name, script, env) {
    const logFile = join(this.logDir, `${name}.log`);
    const out = createWriteStream(logFile);
    const child = spawn(process.execPath, [script], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    Object.assign(child, { name, logFile });
    this.children.push(child);
    return child;
  }

  async stopChildren() {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const hard = setTimeout(() => child.kill('SIGKILL'), 8000);
            const give = setTimeout(resolve, 10_000);
            child.once('exit', () => {
              clearTimeout(hard);
              clearTimeout(give);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }

  /** Stops everything this run started; never throws. */
  async stop() {
    await this.stopChildren().catch((e) => this.log(`stopping processes: ${e.message}`));
    if (this.dbCreated) {
      await adminQuery(this.adminUrl, `DROP DATABASE IF EXISTS "${this.dbName}" WITH (FORCE)`)
        .then(() => this.log(`database ${this.dbName} dropped`))
        .catch((e) => this.log(`could not drop ${this.dbName}: ${e.message}`));
      this.dbCreated = false;
    }
    if (this.filesDir) rmSync(this.filesDir, { recursive: true, force: true });
  }

  /** Kills the children at once (used from a signal or exit handler, which cannot wait). */
  killNow() {
    for (const c of this.children) if (c.exitCode === null) c.kill('SIGKILL');
  }
}
