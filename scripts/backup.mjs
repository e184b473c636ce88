#!/usr/bin/env node
/* global process, console */
// npm run backup [-- --out <folder>] [--db <url>] [--files <dir>] [--pg-dump <path>]   (issue 14, "Backups and restore")
//
// Writes one consistent backup into a folder (default backups/<UTC timestamp>/):
//   database.dump   pg_dump --format=custom of the database, taken in ONE snapshot
//   files/<key>     the uploaded files (local storage) the dump's `files` table lists
//   manifest.json   every file's SHA-256 and size, the dump's SHA-256 and size, the record count of every table and the
//                   audit chain's head (length, seq, hash) — all read in the same snapshot as the dump
//
// Consistency: a connection opens a REPEATABLE READ transaction and exports its snapshot; pg_dump runs with
// --snapshot on it, and the counts, the audit head and the list of files are read in that same transaction, so the
// manifest describes exactly what the dump holds. The files are copied AFTER that, and only those the snapshot's
// `files` rows name: storage.ts writes a file under a fresh key (year/month/uuid, dossiers/<grant>/<id>) with the
// 'wx' flag (never overwritten) BEFORE its row is inserted, and the portal never deletes one, so every key the
// snapshot names is on disk, unchanged, when the copy runs; a file uploaded during the backup has no row in the
// snapshot and is left for the next backup. Each copied file is checked against the SHA-256 its row recorded.
// With S3 storage (S3_BUCKET) the files are not copied: the manifest lists their keys and hashes, and the bucket is
// backed up on its own side (versioning, or `aws s3 sync s3://bucket <folder>/files` after this script).
//
// Connects as the tables' owner: --db, else MIGRATION_DATABASE_URL, else DATABASE_URL. pg_dump must be of the
// server's major version or newer: PG_DUMP or --pg-dump (default `pg_dump` on the PATH).
import { spawn } from 'node:child_process';
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadPg } from './lib/app-role.mjs';
import {
  DUMP, FILES, FORMAT, MANIFEST, auditHead, databaseName, hashFile, keyPath, listFiles, ownerUrl, parseArgs, recordCounts, secondsSince, storageDir,
} from './lib/backup-common.mjs';

const say = (m) => console.log(`[backup] ${m}`);

function run(cmd, args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolveRun(out) : reject(new Error(`${cmd} exited ${code}: ${err.trim()}`))));
  });
}

export async function backup(argv) {
  const t0 = performance.now();
  const { opts } = parseArgs(argv, ['out', 'db', 'files', 'pg-dump']);
  const url = ownerUrl(opts);
  const pgDump = opts['pg-dump'] || process.env.PG_DUMP || 'pg_dump';
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const out = resolve(opts.out || join('backups', stamp));
  const filesDir = storageDir(opts);
  try {
    if ((await listFiles(out)).length) throw new Error(`the backup folder ${out} is not empty: choose another --out`);
  } catch (e) {
    if (e.code !== 'ENOTDIR') throw e;
    throw new Error(`${out} is a file, not a folder`);
  }
  await mkdir(join(out, FILES), { recursive: true });
  const pgDumpVersion = (await run(pgDump, ['--version'])).trim();

  const pg = loadPg();
  const client = new pg.Client({ connectionString: url, application_name: 'grant-portal-backup' });
  client.on('error', () => undefined);
  await client.connect();
  let snapshot;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: [s] } = await client.query('SELECT pg_export_snapshot() AS id, current_setting(\'server_version\') AS version');
    snapshot = { id: s.id, serverVersion: s.version };
    const tDump = performance.now();
    const dumpPath = join(out, DUMP);
    // pg_dump reads the exported snapshot while this transaction stays open; the manifest's facts come from it too
    const dumping = run(pgDump, ['--format=custom', `--snapshot=${snapshot.id}`, `--file=${dumpPath}`, `--dbname=${url}`]);
    let counts, audit, fileRows;
    try {
      counts = await recordCounts(client);
      audit = await auditHead(client);
      fileRows = (await client.query(`SELECT id, storage, storage_key AS key, sha256, size::bigint AS size FROM files ORDER BY storage_key`)).rows;
    } finally {
      await dumping.catch(() => undefined);
    }
    await dumping;
    await client.query('COMMIT');
    const dumpS = secondsSince(tDump);
    const dump = { file: DUMP, ...(await hashFile(dumpPath)) };
    say(`dumped ${databaseName(url)} (PostgreSQL ${snapshot.serverVersion}) in ${dumpS} s: ${dump.size} bytes, SHA-256 ${dump.sha256}`);

    const tFiles = performance.now();
    const files = [];
    const problems = [];
    const sizeNotes = [];
    const s3 = fileRows.filter((f) => f.storage !== 'local');
    for (const f of fileRows.filter((r) => r.storage === 'local')) {
      const from = keyPath(filesDir, f.key);
      const to = keyPath(join(out, FILES), f.key);
      await mkdir(dirname(to), { recursive: true });
      try {
        await copyFile(from, to);
      } catch (e) {
        problems.push(`${f.key}: ${e.code === 'ENOENT' ? `missing from ${filesDir}` : e.message}`);
        continue;
      }
      const h = await hashFile(to);
      if (h.sha256 !== f.sha256.trim()) problems.push(`${f.key}: its content does not match its record (SHA-256 ${h.sha256}; recorded ${f.sha256})`);
      // the SHA-256 is the file's identity; the recorded size is what the upload declared (the demo seeds declare
      // round figures), so a different size is reported, not fatal — the manifest holds the size on disk
      else if (h.size !== Number(f.size)) sizeNotes.push(`${f.key}: ${h.size} bytes on disk, ${f.size} recorded`);
      files.push({ key: f.key, sha256: h.sha256, size: h.size });
    }
    const onDisk = await listFiles(filesDir).catch(() => []);
    const notInDump = onDisk.length - files.length;
    const filesS = secondsSince(tFiles);
    say(`copied ${files.length} file(s), ${files.reduce((a, f) => a + f.size, 0)} bytes, in ${filesS} s` + (notInDump > 0 ? ` (${notInDump} file(s) in ${filesDir} not in the snapshot: uploaded since, or never recorded; left out)` : ''));
    if (sizeNotes.length) say(`${sizeNotes.length} file(s) whose recorded size differs from the bytes on disk (same SHA-256), e.g. ${sizeNotes[0]}`);
    if (s3.length) say(`${s3.length} file(s) live in S3: listed in the manifest, NOT copied — back up the bucket (versioning, or aws s3 sync) as well`);
    if (problems.length) throw new Error(`the uploaded files do not match the database:\n  ${problems.join('\n  ')}`);

    const manifest = {
      format: FORMAT,
      createdAt: new Date().toISOString(),
      database: { name: databaseName(url), serverVersion: snapshot.serverVersion, pgDump: pgDumpVersion, snapshot: snapshot.id },
      dump,
      storage: { dir: filesDir, local: files.length, s3: s3.map((f) => ({ key: f.key, sha256: f.sha256.trim(), size: Number(f.size) })) },
      files,
      counts,
      audit,
      seconds: { dump: dumpS, files: filesS, total: secondsSince(t0) },
    };
    await writeFile(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    const total = secondsSince(t0);
    const tables = Object.keys(counts).length;
    const rows = Object.values(counts).reduce((a, n) => a + n, 0);
    say(`audit chain at backup: ${audit.length} entries, head #${audit.seq} ${audit.hash ?? '(empty)'}`);
    say(`backup written to ${out} in ${total} s: ${tables} tables, ${rows} records, ${files.length} files, manifest ${(await stat(join(out, MANIFEST))).size} bytes`);
    return { out, manifest, seconds: total };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  backup(process.argv.slice(2)).then(
    () => process.exit(0),
    (e) => {
      console.error(`[backup] FAILED: ${e?.message ?? e}`);
      process.exit(1);
    },
  );
}
