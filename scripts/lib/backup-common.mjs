/* global process, URL */
// What npm run backup and npm run restore share (issue 14, "Backups and restore"): arguments, hashing, the record
// counts and the audit chain's head read in one snapshot. Only Node built-ins and `pg` (via app-role.mjs).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';

export const MANIFEST = 'manifest.json';
export const DUMP = 'database.dump';
export const FILES = 'files';
export const FORMAT = 'grant-portal-backup/1';

/** `--name value` / `--name=value` options and the positional arguments. */
export function parseArgs(argv, names) {
  const opts = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    if (!names.includes(m[1])) throw new Error(`unknown option --${m[1]} (known: ${names.map((n) => `--${n}`).join(', ')})`);
    const v = m[2] ?? argv[++i];
    if (v === undefined) throw new Error(`--${m[1]} needs a value`);
    opts[m[1]] = v;
  }
  return { opts, rest };
}

/** The owner's connection (the tables' owner, as the migrations use): --db, else MIGRATION_DATABASE_URL, else DATABASE_URL. */
export function ownerUrl(opts) {
  const url = opts.db || process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) throw new Error('say which database: --db <postgres://…> or MIGRATION_DATABASE_URL / DATABASE_URL (the tables\' owner)');
  return url;
}

export const databaseName = (url) => decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';

/** The local storage folder of the uploaded files, as the API resolves it (FILE_STORAGE_DIR, default .data/files). */
export const storageDir = (opts) => resolve(opts.files || process.env.FILE_STORAGE_DIR || '.data/files');

/** SHA-256 (hex) and size of a file, streamed. */
export function hashFile(path) {
  return new Promise((resolveHash, reject) => {
    const h = createHash('sha256');
    let size = 0;
    createReadStream(path)
      .on('data', (b) => {
        h.update(b);
        size += b.length;
      })
      .on('error', reject)
      .on('end', () => resolveHash({ sha256: h.digest('hex'), size }));
  });
}

/** A storage key as a path under `root`, refusing one that would leave it (as LocalStorage does). */
export function keyPath(root, key) {
  const p = resolve(join(root, key));
  if (p !== root && !p.startsWith(root + sep)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  return p;
}

/** Every regular file under `dir`, as keys relative to it with '/' separators. */
export async function listFiles(dir) {
  const out = [];
  const walk = async (d) => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (e) {
      if (e.code === 'ENOENT') return;
      throw e;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * The tables of the portal's schemas (not PostgreSQL's own), as "schema.table", and the exact number of rows in each,
 * read with `client` (inside the caller's snapshot when it holds one).
 */
export async function recordCounts(client) {
  const { rows } = await client.query(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
        AND NOT c.relispartition
      ORDER BY 1, 2`,
  );
  const counts = {};
  for (const r of rows) {
    const ident = `${client.escapeIdentifier(r.schema)}.${client.escapeIdentifier(r.name)}`;
    const { rows: [c] } = await client.query(`SELECT count(*)::bigint AS n FROM ${ident}`);
    counts[`${r.schema}.${r.name}`] = Number(c.n);
  }
  return counts;
}

/** The audit chain's length and head (the last entry's seq and hash), null hash when it is empty. */
export async function auditHead(client) {
  const { rows: [r] } = await client.query(
    `SELECT (SELECT count(*) FROM audit_log)::bigint AS length, h.seq, h.hash
       FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) h ON true`,
  );
  return { length: Number(r.length), seq: r.seq === null ? 0 : Number(r.seq), hash: r.hash ?? null };
}

export const secondsSince = (t0) => Math.round((performance.now() - t0) / 100) / 10;
