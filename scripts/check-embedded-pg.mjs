#!/usr/bin/env node
/* global process, console, URL, setInterval */
// Checks the embedded PostgreSQL life cycle used by `npm start` (scripts/lib/embedded-pg.mjs):
//   1. first start initialises the cluster; data written survives a restart;
//   2. the owning node process is killed with SIGKILL: postgres is orphaned, the next start stops it and recovers;
//   3. the owner and the postmaster are both killed with SIGKILL (stale postmaster.pid, crash recovery);
//   4. postmaster.pid names a live process that is not postgres (pid reuse): the file is removed, start works;
//   5. SIGINT to the owner stops postgres and leaves no process of that data directory.
// Usage: node scripts/check-embedded-pg.mjs   (data in .data/check-pg, port CHECK_PG_PORT or 54339; it
// deletes that directory first). Exits non-zero on the first failed check.
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, isPortOpen, processInfo, sleep, waitForExit } from './lib/common.mjs';
import { clusterProcesses, loadLibrary, startEmbeddedPostgres } from './lib/embedded-pg.mjs';

const DIR = join(ROOT, '.data', 'check-pg');
const PG_DIR = join(DIR, 'pg');
const PORT = Number(process.env.CHECK_PG_PORT ?? 54339);
let failures = 0;
const alive = (pid) => Boolean(processInfo(pid)); // a zombie counts as gone
const opts = {
  pgDir: PG_DIR,
  passwordFile: join(DIR, 'pg-password'),
  logFile: join(DIR, 'postgres.log'),
  port: PORT,
  database: 'grants',
};

function startOwner() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--serve'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      process.stdout.write(d.replace(/^(?=.)/gm, '    '));
      const m = out.match(/READY (\d+) (\S+)/);
      if (m) resolve({ child, pgPid: Number(m[1]), url: m[2] });
    });
    current = child;
    child.on('exit', (code) => reject(new Error(`owner exited before READY (code ${code})`)));
  });
}

async function query(url, sql) {
  const { pg } = await loadLibrary();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
  if (!ok) throw new Error(what);
}

let current; // the owner process of the moment, killed at the end whatever happens

async function main() {
  rmSync(DIR, { recursive: true, force: true });
  try {
    console.log('1. first start (initdb)');
    let t = Date.now();
    let owner = await startOwner();
    console.log(`   started in ${Date.now() - t} ms`);
    check(existsSync(join(PG_DIR, 'PG_VERSION')), 'cluster initialised');
    await query(owner.url, 'CREATE TABLE t (v text); INSERT INTO t VALUES ($$ëçčž$$)');
    const enc = await query(
      owner.url,
      "SELECT pg_encoding_to_char(encoding) AS e, datlocprovider AS p FROM pg_database WHERE datname = 'grants'",
    );
    check(enc[0].e === 'UTF8', `database encoding is UTF8 (${JSON.stringify(enc[0])})`);
    const up = await query(owner.url, 'SELECT upper(v) AS u FROM t');
    check(up[0].u === 'ËÇČŽ', `upper() is Unicode-aware (${up[0].u})`);

    console.log('2. kill -9 the owner; postgres is orphaned; start again');
    const oldPg = owner.pgPid;
    owner.child.kill('SIGKILL');
    await sleep(500);
    check(alive(oldPg), `orphaned postgres ${oldPg} is still running after the owner was killed`);
    t = Date.now();
    owner = await startOwner();
    console.log(`   recovered in ${Date.now() - t} ms`);
    check(!alive(oldPg), `stale postgres ${oldPg} was stopped`);
    check(owner.pgPid !== oldPg, `new postgres ${owner.pgPid} is running`);
    const rows = await query(owner.url, 'SELECT v FROM t');
    check(rows.length === 1 && rows[0].v === 'ëçčž', 'data survived');

    console.log('3. kill -9 the owner and the postmaster (stale postmaster.pid, crash recovery)');
    const pg2 = owner.pgPid;
    owner.child.kill('SIGKILL');
    process.kill(pg2, 'SIGKILL');
    await waitForExit(pg2, 5000);
    check(existsSync(join(PG_DIR, 'postmaster.pid')), 'postmaster.pid left behind');
    owner = await startOwner();
    check((await query(owner.url, 'SELECT count(*)::int AS n FROM t'))[0].n === 1, 'started after crash; data intact');

    console.log('4. postmaster.pid naming a live process that is not postgres');
    const pg3 = owner.pgPid;
    owner.child.kill('SIGKILL');
    process.kill(pg3, 'SIGKILL');
    await waitForExit(pg3, 5000);
    await sleep(300);
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    const pidFile = join(PG_DIR, 'postmaster.pid');
    writeFileSync(pidFile, `${sleeper.pid}\n${PG_DIR}\n`);
    owner = await startOwner();
    check(alive(sleeper.pid), 'the unrelated process was left alone');
    sleeper.kill();
    check((await query(owner.url, 'SELECT count(*)::int AS n FROM t'))[0].n === 1, 'started despite a reused pid');

    console.log('5. SIGINT to the owner stops postgres cleanly');
    const pg4 = owner.pgPid;
    owner.child.kill('SIGINT');
    const code = await new Promise((r) => owner.child.on('exit', (c) => r(c)));
    check(code === 0, `owner exited 0 (got ${code})`);
    check(!alive(pg4), 'postmaster gone');
    check((clusterProcesses(PG_DIR) ?? []).length === 0, 'no process of the data directory left');
    check(!existsSync(pidFile), 'postmaster.pid removed');
    check(!(await isPortOpen(PORT)), `port ${PORT} closed`);
  } catch (err) {
    if (!failures) failures++;
    console.error(err);
  } finally {
    current?.kill('SIGKILL');
    for (const p of clusterProcesses(PG_DIR) ?? []) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  console.log(
    failures ? 'embedded PostgreSQL life cycle: FAILED' : 'embedded PostgreSQL life cycle: all checks passed',
  );
  process.exit(failures ? 1 : 0);
}

if (process.argv[2] === '--serve') {
  // The "owner": starts postgres, reports, and waits; on SIGINT stops it and exits 0.
  const db = await startEmbeddedPostgres({ ...opts, log: (m) => console.log(`[serve] ${m}`) });
  process.on('SIGINT', async () => {
    await db.stop();
    process.exit(0);
  });
  console.log(`READY ${db.pid} ${db.url}`);
  setInterval(() => undefined, 1 << 30);
} else {
  await main();
}
