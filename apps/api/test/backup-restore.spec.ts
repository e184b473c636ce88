import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { AuditService } from '../src/modules/audit/audit.service';
import { FilesService } from '../src/modules/files/files.service';
import { seedDemo } from '../src/seed/demo';
import { seedDemoCalls } from '../src/seed/demo-calls';
import { seedDemoEvaluation } from '../src/seed/demo-evaluation';
import { seedDemoGrants } from '../src/seed/demo-grants';
import { admin, runId, urlFor } from './db';
import { PDF, PNG } from './files';
import { startApi, TEST_APP_LOGIN, type Harness } from './harness';

const ROOT = resolve(__dirname, '..', '..', '..');

type Run = { code: number; stdout: string; stderr: string };
/** Runs one of the repository's scripts as an operator would (node scripts/<name>.mjs …), never throwing. */
function script(name: 'backup' | 'restore', args: string[]): Promise<Run> {
  // the databases are named on the command line: none comes from this process's environment
  const { DATABASE_URL: _app, MIGRATION_DATABASE_URL: _owner, ...env } = process.env;
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts', `${name}.mjs`), ...args], { cwd: ROOT, env, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

/** A new, EMPTY database (no migrations), named so this run's teardown and the next run's clean-up drop it. */
async function emptyDatabase(): Promise<{ name: string; url: string }> {
  const name = `grants_test_${runId()}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: urlFor(name) };
}

async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new PgClient({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Every table of the public schema and its exact record count. */
async function counts(url: string): Promise<Record<string, number>> {
  const tables = await query<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const out: Record<string, number> = {};
  for (const { t } of tables) out[t] = Number((await query<{ n: string }>(url, `SELECT count(*) AS n FROM "${t}"`))[0]!.n);
  return out;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * npm run backup / npm run restore (issue 14): the demo data and some uploaded files backed up by the script, restored
 * by the other into an empty database of the same server and a fresh file folder; the restored portal's audit chain
 * verifies, its files have the hashes its rows record, every table has the records it had, and the app role still works
 * there with no more rights than before. A non-empty database and a damaged backup are refused, and nothing changes.
 */
describe('backup and restore', () => {
  let h: Harness;
  let sourceUrl: string;
  let sourceFiles: string;
  const work = mkdtempSync(join(tmpdir(), 'grants-backup-'));
  const backupDir = join(work, 'backup');
  const restoredFiles = join(work, 'restored-files');
  let target: { name: string; url: string };
  let backupRun: Run;
  let restoreRun: Run;
  const dropped: string[] = [];

  beforeAll(async () => {
    h = await startApi();
    sourceUrl = process.env.MIGRATION_DATABASE_URL!;
    sourceFiles = process.env.FILE_STORAGE_DIR!;
    await seedDemo(h.ds);
    await seedDemoCalls(h.app, h.ds);
    await seedDemoEvaluation(h.app, h.ds);
    await seedDemoGrants(h.app, h.ds);
    // uploaded files, through the service that stores them (content-checked, hashed, recorded)
    const [owner] = await h.ds.query(`SELECT id, organization_id AS "organizationId" FROM users WHERE org_role = 'owner' AND organization_id IS NOT NULL ORDER BY email LIMIT 1`);
    const files = h.app.get(FilesService);
    await h.ds.transaction(async (m) => {
      await files.store(m, { originalname: 'statute.pdf', buffer: PDF, size: PDF.length }, { organizationId: owner.organizationId, userId: owner.id });
      await files.store(m, { originalname: 'logo.png', buffer: PNG, size: PNG.length }, { organizationId: owner.organizationId, userId: owner.id });
      const other = Buffer.concat([PDF, Buffer.from(`% ${randomBytes(8).toString('hex')}\n`)]);
      await files.store(m, { originalname: 'registration.pdf', buffer: other, size: other.length }, { organizationId: owner.organizationId, userId: owner.id });
    });

    backupRun = await script('backup', ['--out', backupDir, '--db', sourceUrl, '--files', sourceFiles]);
    target = await emptyDatabase();
    dropped.push(target.name);
    restoreRun = await script('restore', [backupDir, '--db', target.url, '--files', restoredFiles]);
  }, 120_000);

  afterAll(async () => {
    await h.close();
    for (const name of dropped) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    rmSync(work, { recursive: true, force: true });
  });

  it('writes a custom-format dump, the files and a manifest of their SHA-256, the record counts and the audit head', async () => {
    expect([backupRun.code, backupRun.stderr]).toEqual([0, '']);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    const dump = readFileSync(join(backupDir, 'database.dump'));
    expect(dump.subarray(0, 5).toString()).toBe('PGDMP');
    expect(manifest.dump).toEqual({ file: 'database.dump', sha256: sha256(dump), size: dump.length });
    const rows = await query<{ key: string; sha256: string; size: string }>(sourceUrl, `SELECT storage_key AS key, sha256, size FROM files ORDER BY storage_key`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(manifest.files).toEqual(rows.map((r) => ({ key: r.key, sha256: r.sha256, size: readFileSync(join(sourceFiles, r.key)).length })));
    for (const f of manifest.files) expect(sha256(readFileSync(join(backupDir, 'files', f.key)))).toBe(f.sha256);
    const source = await counts(sourceUrl);
    for (const [t, n] of Object.entries(source)) expect([t, manifest.counts[`public.${t}`]]).toEqual([t, n]);
    expect(source.grants).toBeGreaterThan(0);
    const [head] = await query<{ seq: string; hash: string }>(sourceUrl, `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(manifest.audit).toEqual({ length: source.audit_log, seq: Number(head!.seq), hash: head!.hash });
  });

  it('restores into an empty database: the audit chain verifies, the file hashes match, the record counts are equal', async () => {
    expect([restoreRun.code, restoreRun.stderr]).toEqual([0, '']);
    expect(restoreRun.stdout).toMatch(/Audit log intact/);
    expect(restoreRun.stdout).toMatch(/record counts: (\d+) of \1 tables equal/);
    expect(restoreRun.stdout).toMatch(/done in [\d.]+ s/);

    const ds = await new DataSource(dataSourceOptions(target.url)).initialize();
    try {
      const verified = await new AuditService(ds).verify();
      expect(verified).toMatchObject({ ok: true });
      expect(verified.checked).toBeGreaterThan(0);
    } finally {
      await ds.destroy();
    }
    const rows = await query<{ key: string; sha256: string }>(target.url, `SELECT storage_key AS key, sha256 FROM files ORDER BY storage_key`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      const restored = readFileSync(join(restoredFiles, r.key));
      expect([r.key, sha256(restored)]).toEqual([r.key, r.sha256]);
      expect(restored.equals(readFileSync(join(sourceFiles, r.key)))).toBe(true);
    }
    expect(await counts(target.url)).toEqual(await counts(sourceUrl));
  });

  it('keeps the app role working on the restored database, and as unprivileged as before', async () => {
    const u = new URL(target.url);
    u.username = TEST_APP_LOGIN;
    const asApp = u.toString();
    const [{ n }] = await query<{ n: string }>(asApp, `SELECT count(*) AS n FROM grants`);
    expect(Number(n)).toBeGreaterThan(0);
    await expect(query(asApp, `UPDATE audit_log SET summary = 'rewritten' WHERE seq = 1`)).rejects.toThrow(/permission denied/);
    await expect(query(asApp, `ALTER TABLE audit_log DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner|permission denied/);
  });

  it('refuses a second restore into the now non-empty database, naming it, and changes nothing', async () => {
    const before = await counts(target.url);
    const again = await script('restore', [backupDir, '--db', target.url, '--files', mkdtempSync(join(work, 'again-'))]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`the database ${target.name} is not empty`);
    expect(await counts(target.url)).toEqual(before);
  });

  it('fails a restore from a backup with a corrupted file, naming the file, before anything is restored', async () => {
    const damaged = join(work, 'damaged');
    cpSync(backupDir, damaged, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(damaged, 'manifest.json'), 'utf8'));
    const victim = manifest.files[1].key as string;
    const bytes = readFileSync(join(damaged, 'files', victim));
    bytes[bytes.length - 2] ^= 0xff;
    writeFileSync(join(damaged, 'files', victim), bytes);
    const empty = await emptyDatabase();
    dropped.push(empty.name);
    const filesDir = join(work, 'damaged-files');
    const r = await script('restore', [damaged, '--db', empty.url, '--files', filesDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`files/${victim}`);
    expect(r.stderr).toMatch(/damaged; nothing was restored/);
    expect(await query(empty.url, `SELECT 1 FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);
  });
});
