#!/usr/bin/env node
/**
 * npm run bench:retention (issue 14): what the retention sweep and the pseudonymous audit trail cost.
 *
 * 1. The sweep against a bare DELETE: BENCH_RETENTION_ROWS expired notifications (and as many fresh ones that must
 *    stay) are removed by RetentionService.sweep (batches of 200, each its own transaction, a run report and an audit
 *    entry), then the same rows, inserted again, by one `DELETE … WHERE created_at + interval <= now()`. Prints both
 *    and the ratio: the price of short transactions that never hold the table for long.
 * 2. An audit entry of hash version 3 (AuditService.record: the actor's pseudonym looked up, the summary's e-mail
 *    replaced) against the same entry written the version-2 way (hash and insert only), BENCH_AUDIT_ENTRIES each,
 *    one transaction per entry as the services do. Prints per-entry times and the ratio.
 *
 * A throwaway database on TEST_DATABASE_ADMIN_URL's server, dropped at the end. Needs the API build (npm run build).
 */
/* global process, URL */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuilt, int, log, PgClient, require, ROOT, round } from './lib.mjs';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = int('BENCH_RETENTION_ROWS', 20000);
const ENTRIES = int('BENCH_AUDIT_ENTRIES', 500);

await ensureBuilt(['apps/api/dist/modules/retention/retention.service.js', 'apps/api/dist/modules/audit/audit.service.js', 'libs/domain/dist/index.js']);
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { dataSourceOptions } = require(join(ROOT, 'apps/api/dist/database/data-source.js'));
const { AuditService } = require(join(ROOT, 'apps/api/dist/modules/audit/audit.service.js'));
const { RetentionService } = require(join(ROOT, 'apps/api/dist/modules/retention/retention.service.js'));
const { LocalStorage } = require(join(ROOT, 'apps/api/dist/modules/files/storage.js'));
const domain = require(join(ROOT, 'libs/domain/dist/index.js'));

const dbName = `grants_bench_retention_${process.pid}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;
const admin = new PgClient({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
let ds;
let code = 1;
try {
  ds = await new DataSource(dataSourceOptions(url.toString())).initialize();
  await ds.runMigrations({ transaction: 'each' });
  const audit = new AuditService(ds);
  // the notifications of a failed sweep are not measured here
  const retention = new RetentionService(ds, audit, new LocalStorage(mkdtempSync(join(tmpdir(), 'bench-retention-'))), { notify: async () => undefined });
  const [user] = await ds.query(`INSERT INTO users (email, full_name, role, language, script) VALUES ('officer@bench.example.org', 'Bench Officer', 'secretariat', 'en', 'latin') RETURNING id, email`);

  const seed = async () => {
    await ds.query(
      `INSERT INTO notifications (user_id, kind, params, dedupe_key, created_at)
       SELECT $1::uuid, 'account.deactivated', '{}'::jsonb, 'old-' || g || '-' || $3, now() - interval '2 years' FROM generate_series(1, $2::int) g
       UNION ALL SELECT $1::uuid, 'account.deactivated', '{}'::jsonb, 'new-' || g || '-' || $3, now() FROM generate_series(1, $2::int) g`, [user.id, ROWS, randomBytes(4).toString('hex')]);
    await ds.query('VACUUM ANALYZE notifications');
  };

  // 1. the sweep against one DELETE
  await seed();
  let t = performance.now();
  const run = await retention.sweep();
  const sweepMs = performance.now() - t;
  const removed = run.items.find((i) => i.table === 'notifications').count;
  const [{ left }] = await ds.query(`SELECT count(*)::int AS left FROM notifications`);
  await ds.query(`DELETE FROM notifications`);
  await seed();
  t = performance.now();
  await ds.query(`DELETE FROM notifications WHERE created_at + interval '1 year' <= now()`);
  const bareMs = performance.now() - t;
  log(`sweep: ${removed} expired notifications removed in ${round(sweepMs)} ms (${round(removed / (sweepMs / 1000), 0)} rows/s), ${left} fresh kept`);
  log(`bare DELETE of the same rows: ${round(bareMs)} ms`);
  log(`ratio sweep / bare DELETE: ${round(sweepMs / bareMs, 2)}`);

  // 2. an audit entry of version 3 against the version-2 way
  const actor = { id: user.id, email: user.email, fullName: 'Bench Officer' };
  t = performance.now();
  for (let i = 0; i < ENTRIES; i++) {
    await ds.transaction((m) => audit.record(m, actor, { action: 'bench.v3', entity: 'bench', entityId: String(i), summary: `entry ${i} by ${user.email}` }));
  }
  const v3Ms = (performance.now() - t) / ENTRIES;
  const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
  t = performance.now();
  for (let i = 0; i < ENTRIES; i++) {
    await ds.transaction(async (m) => {
      const [head] = await m.query('SELECT seq, hash FROM audit_chain_head($1)', [7_204_917_332]);
      const fields = {
        seq: Number(head.seq) + 1, at: new Date().toISOString(), actorId: user.id, actorEmail: user.email, action: 'bench.v2', entity: 'bench', entityId: String(i),
        summary: `entry ${i} by ${user.email}`, prevHash: head.hash, hashVersion: 2,
      };
      await m.query(
        `INSERT INTO audit_log (seq, at, actor_id, actor_email, action, entity, entity_id, summary, prev_hash, hash, hash_version) VALUES ($1, $2, NULL, NULL, $3, $4, $5, $6, $7, $8, 3)`,
        // the row is stored as version 3 without a person (the database refuses a version 2 now); the work is version 2's
        [fields.seq, fields.at, fields.action, fields.entity, fields.entityId, fields.summary, fields.prevHash, domain.computeAuditHash(fields, sha256)]);
    });
  }
  const v2Ms = (performance.now() - t) / ENTRIES;
  log(`audit entry, version 3 (pseudonym, summary scrubbed): ${round(v3Ms, 2)} ms each; version-2 way (hash and insert): ${round(v2Ms, 2)} ms each`);
  log(`ratio version 3 / version 2: ${round(v3Ms / v2Ms, 2)}`);
  code = 0;
} finally {
  await ds?.destroy().catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
}
process.exit(code);
