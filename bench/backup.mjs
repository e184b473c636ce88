#!/usr/bin/env node
/**
 * Backup benchmark (issue 14, "Backups and restore"): how long npm run backup and npm run restore take on the benchmark
 * portfolio. Seeds a fresh database with the bench:portfolio data (its generators reused: bench/grants.mjs's
 * seedPortfolio, 2,000 grants in force with their tranches, expenditure reports, agreements and audit trail, and
 * bench/portfolio.mjs's seedMonitoringAndReports, 20,000 visits, 12,000 narrative reports, 200,000 indicator values,
 * 500,000 beneficiary cells) plus BENCH_FILES uploaded files of BENCH_FILE_KB each (recorded in `files`, written to
 * the storage folder), stops the API (a quiet database), then:
 *   - the baseline: bare pg_dump --format=custom of the same database and bare pg_restore of it into an empty one
 *     (what the tools alone take: the floor of any backup of this database);
 *   - node scripts/backup.mjs (snapshot, dump, files copied and hashed, manifest) and node scripts/restore.mjs into
 *     another empty database (backup checked, pg_restore, files copied and hashed, audit chain verified, counts compared);
 * and prints sizes, seconds and the ratio of each to its baseline; the restore must succeed. Tears everything down.
 * Build first (npx nx run @grants/api:build).
 *
 *   npm run bench:backup
 *
 * Settings (environment): BENCH_GRANTS (2000), BENCH_FILES (2000), BENCH_FILE_KB (64), BENCH_PORT (3470), PG_DUMP /
 * PG_RESTORE (pg_dump / pg_restore on the PATH: of the server's major version or newer), and those of every bench
 * (bench/lib.mjs). Results: test-artifacts/bench-backup.json.
 */
/* global process, console, Buffer, URL */
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedPortfolio } from './grants.mjs';
import {
  ARTIFACTS, NEEDED, PgClient, ROOT, benchPasswordHash, buildInfo, checklist, commonConfig, cpuPressure, createBench, ensureBuilt, int, loadAverage,
  log, machineInfo, printMachine, require, round, table, writeResults,
} from './lib.mjs';
import { benchLogframe, seedMonitoringAndReports } from './portfolio.mjs';

const CFG = {
  ...commonConfig({ port: 3470, timeLimitS: 1800 }),
  grants: Math.max(20, int('BENCH_GRANTS', 2000)),
  files: int('BENCH_FILES', 2000),
  fileKb: Math.max(1, int('BENCH_FILE_KB', 64)),
  pgDump: process.env.PG_DUMP || 'pg_dump',
  pgRestore: process.env.PG_RESTORE || 'pg_restore',
};
const PASSWORD = 'bench-correct-horse-battery';

const bench = createBench({ name: 'backup', adminUrl: CFG.adminUrl, redisUrl: CFG.redisUrl, port: CFG.port, timeLimitS: CFG.timeLimitS });

/** Runs a command; resolves with its exit code, output and wall seconds (never rejects). */
function timed(cmd, args, env = process.env) {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('error', (e) => done({ code: -1, out: e.message, seconds: round((performance.now() - t0) / 1000, 2) }));
    child.on('close', (code) => done({ code, out: out.trim(), seconds: round((performance.now() - t0) / 1000, 2) }));
  });
}

async function adminQuery(sql, params) {
  const c = new PgClient({ connectionString: CFG.adminUrl });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const urlOf = (name) => {
  const u = new URL(CFG.adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

/** An empty database of the same server, dropped at teardown. */
async function emptyDatabase(suffix) {
  const name = `${bench.dbName}_${suffix}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  bench.onTeardown(() => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  return { name, url: urlOf(name) };
}

/** BENCH_FILES uploaded files (a PDF header, then random bytes), recorded as the portal records them and on disk. */
async function seedFiles(db, filesDir, officerId) {
  const { rows: grants } = await db.query(`SELECT id, organization_id FROM grants ORDER BY agreement_number`);
  const rows = [];
  let bytes = 0;
  for (let i = 0; i < CFG.files; i++) {
    const g = grants[i % grants.length];
    const body = Buffer.concat([Buffer.from('%PDF-1.4\n% bench annex\n'), randomBytes(CFG.fileKb * 1024 - 24)]);
    const id = randomUUID();
    const key = `2026/06/${id}`;
    const path = join(filesDir, key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body, { flag: 'wx' });
    bytes += body.length;
    rows.push({ id, key, size: body.length, sha256: createHash('sha256').update(body).digest('hex'), org: g.organization_id });
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await db.query(
      `INSERT INTO files (id, storage, storage_key, file_name, mime_type, size, sha256, organization_id, created_by)
       SELECT x.id::uuid, 'local', x.key, 'annex.pdf', 'application/pdf', x.size, x.sha256, x.org::uuid, $2::uuid
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, key text, size bigint, sha256 text, org text)`,
      [JSON.stringify(chunk), officerId],
    );
  }
  return { count: rows.length, bytes };
}

const folderBytes = (manifest) => manifest.dump.size + manifest.files.reduce((a, f) => a + f.size, 0);
const mb = (b) => round(b / 2 ** 20, 1);

async function main() {
  const loadAtStart = loadAverage();
  const pressureAtStart = cpuPressure();
  await ensureBuilt([...NEEDED, 'apps/api/dist/cli/audit-verify.js']);
  const domain = require(join(ROOT, 'libs/domain/dist/index.js'));
  const { demoApplicationContent } = require(join(ROOT, 'apps/api/dist/seed/demo-application.js'));
  const build = buildInfo();
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!(await bench.portFree())) throw new Error(`port ${CFG.port} is in use (set BENCH_PORT)`);
  const { checks, check, printChecks } = checklist();

  const pgVersion = await bench.createDatabase();
  const env = await bench.serviceEnv();
  await bench.startServices(env);
  const { db } = bench;
  const filesDir = env.FILE_STORAGE_DIR;

  const tSeed = performance.now();
  const hash = await benchPasswordHash(PASSWORD);
  const officerEmail = await bench.insertOfficer(hash);
  const { rows: [officer] } = await db.query(`SELECT id, email FROM users WHERE email = $1`, [officerEmail]);
  const portfolio = await seedPortfolio(db, domain, demoApplicationContent, hash, officer, CFG.grants);
  const data = await seedMonitoringAndReports(db, domain, benchLogframe(demoApplicationContent('2026-01-01', 0).logframe.overallObjective), officer);
  const files = await seedFiles(db, filesDir, officer.id);
  const seedS = round((performance.now() - tSeed) / 1000);
  log(`seeded in ${seedS} s: ${JSON.stringify({ ...portfolio.counts, ...data.counts, files: files.count })}`);
  // a quiet database: the figures are of the backup, not of the API's background work
  await bench.stopChildren();
  const [{ size: dbBytes }] = await adminQuery(`SELECT pg_database_size($1)::bigint AS size`, [bench.dbName]);
  const [{ n: auditRows }] = (await db.query(`SELECT count(*)::int AS n FROM audit_log`)).rows;

  // the baseline: the tools alone
  const bareDump = join(bench.tmp, 'bare.dump');
  const baseDump = await timed(CFG.pgDump, ['--format=custom', `--file=${bareDump}`, `--dbname=${bench.dbUrl}`]);
  if (baseDump.code !== 0) throw new Error(`bare pg_dump failed: ${baseDump.out}`);
  const bareTarget = await emptyDatabase('bare');
  await adminQuery(`DO $$ BEGIN CREATE ROLE grants_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  const baseRestore = await timed(CFG.pgRestore, ['--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${bareTarget.url}`, bareDump]);
  if (baseRestore.code !== 0) throw new Error(`bare pg_restore failed: ${baseRestore.out}`);
  await adminQuery(`DROP DATABASE IF EXISTS "${bareTarget.name}" WITH (FORCE)`);
  log(`baseline: pg_dump ${baseDump.seconds} s, pg_restore ${baseRestore.seconds} s`);

  // npm run backup, npm run restore
  const scriptEnv = { ...process.env, PG_DUMP: CFG.pgDump, PG_RESTORE: CFG.pgRestore };
  delete scriptEnv.DATABASE_URL;
  delete scriptEnv.MIGRATION_DATABASE_URL;
  const out = join(bench.tmp, 'backup');
  const backup = await timed(process.execPath, ['scripts/backup.mjs', '--out', out, '--db', bench.dbUrl, '--files', filesDir], scriptEnv);
  log(backup.out);
  check('npm run backup succeeded', backup.code === 0, `exit ${backup.code}`);
  if (backup.code !== 0) return printChecks();
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  check(`the backup holds the ${files.count} uploaded files and the ${auditRows} audit entries`, manifest.files.length === files.count && manifest.audit.length === auditRows,
    `${manifest.files.length} files, audit ${manifest.audit.length}`);
  const target = await emptyDatabase('restored');
  const restore = await timed(process.execPath, ['scripts/restore.mjs', out, '--db', target.url, '--files', join(bench.tmp, 'restored-files')], scriptEnv);
  log(restore.out);
  check('npm run restore succeeded: files, audit chain and record counts verified', restore.code === 0, `exit ${restore.code}`);
  const step = (re) => Number(re.exec(restore.out)?.[1] ?? NaN);
  const restoreSteps = {
    check: step(/checked in ([\d.]+) s/), database: step(/restored the dump into \S+ in ([\d.]+) s/), files: step(/the manifest and the database \(([\d.]+) s\)/),
    audit: step(/audit chain: .*, ([\d.]+) s\)/), counts: step(/records, ([\d.]+) s\)/),
  };

  const rows = [
    { step: 'backup (npm run backup vs bare pg_dump)', 'baseline s': baseDump.seconds, 'npm run s': backup.seconds, 'ratio to baseline': round(backup.seconds / baseDump.seconds, 2) },
    { step: 'restore (npm run restore vs bare pg_restore)', 'baseline s': baseRestore.seconds, 'npm run s': restore.seconds, 'ratio to baseline': round(restore.seconds / baseRestore.seconds, 2) },
  ];
  const machine = machineInfo({ pressureAtStart, loadAtStart, build, pgVersion, queue: 'none (API stopped)' });
  console.log('\n=== Backup benchmark ===');
  printMachine(machine);
  const c = data.counts;
  console.log(`data: ${c.grants} grants, ${c.tranches} tranches, ${c.visits} visits, ${c.reports} narrative reports, ${c.indicatorValues} indicator values, ${c.beneficiaryCells} beneficiary cells, ${auditRows} audit entries, ${files.count} files (${mb(files.bytes)} MB); seeded in ${seedS} s`);
  console.log(`sizes: database ${mb(Number(dbBytes))} MB on disk; dump ${mb(manifest.dump.size)} MB (bare dump ${mb(statSync(bareDump).size)} MB); backup folder ${mb(folderBytes(manifest))} MB; ${Object.keys(manifest.counts).length} tables, ${Object.values(manifest.counts).reduce((a, n) => a + n, 0)} records`);
  console.log('');
  console.log(table(rows, ['step', 'baseline s', 'npm run s', 'ratio to baseline']));
  console.log(`baseline = the bare pg_dump --format=custom / pg_restore --single-transaction of the same database; the scripts add the snapshot's counts, the files and every hash, the audit chain and the count check`);
  console.log(`restore steps (s): ${Object.entries(restoreSteps).map(([k, v]) => `${k} ${v}`).join(', ')}; backup steps (s): dump ${manifest.seconds.dump}, files ${manifest.seconds.files}`);
  const allOk = printChecks();
  writeResults('bench-backup.json', {
    at: new Date().toISOString(), config: CFG, database: bench.dbName, machine, seedS,
    data: { ...portfolio.counts, ...c, auditRows, files: files.count, fileBytes: files.bytes },
    sizes: { databaseBytes: Number(dbBytes), dumpBytes: manifest.dump.size, bareDumpBytes: statSync(bareDump).size, backupFolderBytes: folderBytes(manifest) },
    seconds: { bareDump: baseDump.seconds, bareRestore: baseRestore.seconds, backup: backup.seconds, restore: restore.seconds, backupSteps: manifest.seconds, restoreSteps },
    ratios: { backup: rows[0]['ratio to baseline'], restore: rows[1]['ratio to baseline'] }, checks, allChecksOk: allOk,
  });
  return allOk;
}

process.exit(await bench.run(main));
