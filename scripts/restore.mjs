#!/usr/bin/env node
/* global process, console */
// npm run restore -- <backup folder> [--db <url>] [--files <dir>] [--pg-restore <path>]   (issue 14)
//
// Restores a backup written by npm run backup into an EMPTY database (refused, naming it, when it holds a table):
//   1. checks the backup first — the dump's SHA-256 and every file's SHA-256 and size against manifest.json —
//      and stops, naming each bad file, before anything is changed;
//   2. makes sure the app role grants_app exists (NOLOGIN, as the migrations create it) so the dump's GRANTs apply,
//      then pg_restore --no-owner --single-transaction --exit-on-error (the objects belong to the restoring owner,
//      the app role keeps exactly the rights it had) and grants it CONNECT/TEMPORARY/CREATE on the database;
//      with APP_DB_PASSWORD set, gives it LOGIN with that password and checks it is unprivileged (scripts/lib/app-role.mjs);
//   3. copies the files into the storage folder (--files, else FILE_STORAGE_DIR, else .data/files), never over a
//      different file, and checks each copy's SHA-256 against the manifest and against the restored `files` rows;
//   4. verifies the audit chain as npm run audit:verify does (apps/api/dist/cli/audit-verify.js, anchored at the head
//      the manifest recorded) and compares every table's record count with the manifest.
// Prints what it did and how long each step took; exits 1 on any mismatch.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { APP_ROLE, ensureAppLogin, loadPg } from './lib/app-role.mjs';
import {
  DUMP, FILES, FORMAT, MANIFEST, auditHead, databaseName, hashFile, keyPath, ownerUrl, parseArgs, recordCounts, secondsSince, storageDir,
} from './lib/backup-common.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const AUDIT_VERIFY = join(ROOT, 'apps', 'api', 'dist', 'cli', 'audit-verify.js');
const say = (m) => console.log(`[restore] ${m}`);

function run(cmd, args, env = process.env) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('error', (e) => resolveRun({ code: -1, out: `${cmd}: ${e.message}` }));
    child.on('close', (code) => resolveRun({ code, out: out.trim() }));
  });
}

class Refused extends Error {}

export async function restore(argv) {
  const t0 = performance.now();
  const { opts, rest } = parseArgs(argv, ['db', 'files', 'pg-restore']);
  if (rest.length !== 1) throw new Refused('usage: npm run restore -- <backup folder> [--db <url>] [--files <dir>]');
  const folder = resolve(rest[0]);
  const url = ownerUrl(opts);
  const dbName = databaseName(url);
  const filesDir = storageDir(opts);
  const pgRestore = opts['pg-restore'] || process.env.PG_RESTORE || 'pg_restore';
  const timings = {};

  // 1. the backup itself, before anything changes
  let t = performance.now();
  const manifest = JSON.parse(await readFile(join(folder, MANIFEST), 'utf8').catch(() => {
    throw new Refused(`${join(folder, MANIFEST)} is missing: not a backup folder`);
  }));
  if (manifest.format !== FORMAT) throw new Refused(`${join(folder, MANIFEST)}: unknown format ${manifest.format}`);
  const bad = [];
  const dump = await hashFile(join(folder, DUMP)).catch(() => null);
  if (!dump) bad.push(`${DUMP}: missing`);
  else if (dump.sha256 !== manifest.dump.sha256 || dump.size !== manifest.dump.size) bad.push(`${DUMP}: SHA-256 ${dump.sha256} (${dump.size} bytes), the manifest says ${manifest.dump.sha256} (${manifest.dump.size} bytes)`);
  for (const f of manifest.files) {
    const h = await hashFile(keyPath(join(folder, FILES), f.key)).catch(() => null);
    if (!h) bad.push(`${FILES}/${f.key}: missing`);
    else if (h.sha256 !== f.sha256 || h.size !== f.size) bad.push(`${FILES}/${f.key}: SHA-256 ${h.sha256} (${h.size} bytes), the manifest says ${f.sha256} (${f.size} bytes)`);
  }
  if (bad.length) throw new Refused(`the backup ${folder} is damaged; nothing was restored:\n  ${bad.join('\n  ')}`);
  timings.check = secondsSince(t);
  say(`backup ${folder} of ${manifest.createdAt} checked in ${timings.check} s: the dump and ${manifest.files.length} file(s) match the manifest`);

  const pg = loadPg();
  const client = new pg.Client({ connectionString: url, application_name: 'grant-portal-restore' });
  client.on('error', () => undefined);
  await client.connect();
  const problems = [];
  try {
    // 2. an empty database only
    const { rows: tables } = await client.query(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
        ORDER BY 1`,
    );
    if (tables.length)
      throw new Refused(`the database ${dbName} is not empty (${tables.length} relation(s), e.g. ${tables.slice(0, 3).map((r) => r.name).join(', ')}): restore into a new, empty database (createdb) — nothing was changed`);

    t = performance.now();
    await client.query(`DO $$ BEGIN CREATE ROLE ${APP_ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    const r = await run(pgRestore, ['--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${url}`, join(folder, DUMP)]);
    if (r.code !== 0) throw new Error(`pg_restore failed (exit ${r.code}); the restore was rolled back:\n${r.out}`);
    const ident = client.escapeIdentifier(dbName);
    await client.query(`GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${ident} TO ${APP_ROLE}`);
    timings.database = secondsSince(t);
    say(`restored the dump into ${dbName} in ${timings.database} s (objects owned by the restoring role; ${APP_ROLE} keeps its grants)`);
    if (process.env.APP_DB_PASSWORD) {
      const { checks } = await ensureAppLogin({ ownerUrl: url, password: process.env.APP_DB_PASSWORD, log: say });
      say(`${APP_ROLE} can log in: ${checks.join(', ')}`);
    } else {
      say(`${APP_ROLE} exists; to let the API log in as it, run: MIGRATION_DATABASE_URL=<this database> APP_DB_PASSWORD=… node scripts/lib/app-role.mjs`);
    }

    // 3. the files
    t = performance.now();
    let copied = 0;
    let present = 0;
    for (const f of manifest.files) {
      const to = keyPath(filesDir, f.key);
      if (existsSync(to)) {
        const h = await hashFile(to);
        if (h.sha256 !== f.sha256) problems.push(`${f.key}: a different file is already in ${filesDir} (SHA-256 ${h.sha256}); left as it is`);
        else present++;
        continue;
      }
      await mkdir(dirname(to), { recursive: true });
      await copyFile(keyPath(join(folder, FILES), f.key), to, 1 /* COPYFILE_EXCL */);
      const h = await hashFile(to);
      if (h.sha256 !== f.sha256 || h.size !== f.size) problems.push(`${f.key}: the copy in ${filesDir} has SHA-256 ${h.sha256}, the manifest says ${f.sha256}`);
      copied++;
    }
    const byKey = new Map(manifest.files.map((f) => [f.key, f]));
    const { rows: fileRows } = await client.query(`SELECT storage, storage_key AS key, sha256 FROM files WHERE storage = 'local'`);
    for (const row of fileRows) {
      const f = byKey.get(row.key);
      if (!f) problems.push(`${row.key}: recorded in the database but not in the backup`);
      else if (f.sha256 !== row.sha256.trim()) problems.push(`${row.key}: the database records SHA-256 ${row.sha256.trim()}, the backup ${f.sha256}`);
    }
    timings.files = secondsSince(t);
    say(`files: ${copied} copied into ${filesDir}, ${present} already there, every SHA-256 checked against the manifest and the database (${timings.files} s)`);
    if (manifest.storage?.s3?.length) say(`${manifest.storage.s3.length} file(s) live in S3: restore the bucket on its side (not in this backup)`);

    // 4. the audit chain and the record counts
    t = performance.now();
    const head = await auditHead(client);
    const anchor = manifest.audit.length ? ['--anchor', `${manifest.audit.seq}:${manifest.audit.hash}`] : [];
    const verify = await run(process.execPath, [AUDIT_VERIFY, ...anchor], { ...process.env, DATABASE_URL: url, MIGRATION_DATABASE_URL: url });
    if (verify.code !== 0) problems.push(`audit chain: ${verify.out || `audit-verify exited ${verify.code}`}`);
    if (head.length !== manifest.audit.length || head.seq !== manifest.audit.seq || head.hash !== manifest.audit.hash)
      problems.push(`audit chain: head #${head.seq} ${head.hash} (${head.length} entries), the backup had #${manifest.audit.seq} ${manifest.audit.hash} (${manifest.audit.length})`);
    timings.audit = secondsSince(t);
    say(`audit chain: ${verify.code === 0 ? verify.out : 'BROKEN'} (head #${head.seq} ${head.hash ?? '(empty)'}, ${timings.audit} s)`);

    t = performance.now();
    const counts = await recordCounts(client);
    const names = [...new Set([...Object.keys(manifest.counts), ...Object.keys(counts)])].sort();
    const differ = names.filter((n) => counts[n] !== manifest.counts[n]);
    for (const n of differ) problems.push(`${n}: ${counts[n] ?? 'no such table'} records, the backup had ${manifest.counts[n] ?? 'no such table'}`);
    timings.counts = secondsSince(t);
    const total = Object.values(counts).reduce((a, n) => a + n, 0);
    say(`record counts: ${names.length - differ.length} of ${names.length} tables equal to the manifest (${total} records, ${timings.counts} s)`);
  } finally {
    await client.end().catch(() => undefined);
  }
  timings.total = secondsSince(t0);
  if (problems.length) throw new Error(`the restore into ${dbName} does not match the backup:\n  ${problems.join('\n  ')}`);
  say(`restore of ${folder} into ${dbName} done in ${timings.total} s`);
  return { seconds: timings.total, timings };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  restore(process.argv.slice(2)).then(
    () => process.exit(0),
    (e) => {
      console.error(`[restore] ${e instanceof Refused ? 'REFUSED' : 'FAILED'}: ${e?.message ?? e}`);
      process.exit(1);
    },
  );
}
