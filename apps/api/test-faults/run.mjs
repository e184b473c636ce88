#!/usr/bin/env node
/**
 * The fault suite (issue 14, "Faults survived"): three drills on the built API (apps/api/dist), side by side so
 * that their waits overlap, each on a fresh database of its own (dropped at the end, even on failure or Ctrl-C):
 *
 *   worker  the worker is killed (SIGKILL) in the middle of a batch of e-mails and restarted
 *   redis   Redis is killed for 30 s in the middle of a deadline rush and started again with its data set gone
 *           (FAULTS_REDIS_DATA=kept: shut down saving it and started with it, as a Redis with persistence)
 *   api     the API is killed (SIGKILL) with submissions in flight and restarted; clients retry
 *
 * Afterwards: every submission acknowledged exists exactly once with its SHA-256, no e-mail is lost or reaches the
 * mailbox twice, the audit chain of each database verifies. Prints the counts; writes test-artifacts/faults.json
 * ({passed, failed, skipped, tests, counts}) for `npm test`'s summary.
 *
 *   npm run test:faults            (or TEST_STEPS=faults npm test)
 *
 * Redis: the drills use redis-server processes of their own on free ports (never the machine's Redis); without
 * redis-server on the PATH the worker and API drills run on BullMQ's PostgreSQL backend and the Redis drill is
 * skipped. Settings: TEST_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * FAULTS_DRILLS=worker,redis,api (which to run).
 */
/* global process, console */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, createBench, ensureBuilt, sleep, table } from '../../../bench/lib.mjs';
import { apiDrill } from './api-drill.mjs';
import { freePort, ownRedis, say, snapshotBuild } from './lib.mjs';
import { redisDrill } from './redis-drill.mjs';
import { workerDrill } from './worker-drill.mjs';

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const wanted = (process.env.FAULTS_DRILLS || 'worker,redis,api').split(',').map((s) => s.trim()).filter(Boolean);
const TIME_LIMIT_S = 330;
const started = Date.now();

await ensureBuilt();
mkdirSync(ARTIFACTS, { recursive: true });
const outFile = join(ARTIFACTS, 'faults.json');
rmSync(outFile, { force: true });
const buildDir = mkdtempSync(join(os.tmpdir(), 'grants-faults-build-'));
const snap = snapshotBuild(buildDir);
const redisDir = mkdtempSync(join(os.tmpdir(), 'grants-faults-redis-'));
const steadyDir = mkdtempSync(join(os.tmpdir(), 'grants-faults-redis-steady-'));
const steady = await ownRedis(steadyDir); // the queue of the worker and API drills
const outageRedis = wanted.includes('redis') ? await ownRedis(redisDir) : null; // the one the Redis drill stops
if (!steady) say('suite', 'redis-server is not on the PATH: worker and API drills on the PostgreSQL queue, Redis drill skipped');

const results = [];
const skipped = [];
const drill = async (key, delayMs, redisUrl, fn) => {
  if (!wanted.includes(key)) return;
  await sleep(delayMs); // staggered starts: three API start-ups at once on two cores only slow each other
  const bench = createBench({ name: `faults-${key}`, adminUrl, redisUrl, port: await freePort(), timeLimitS: TIME_LIMIT_S });
  let result = { name: key, tests: [], counts: {} };
  const code = await bench.run(async () => {
    try {
      result = await fn(bench);
    } catch (e) {
      result.tests.push({ name: `${key} drill: ran to the end`, status: 'failed', detail: String(e?.message ?? e).split('\n')[0] });
      throw e;
    } finally {
      await result.closeSink?.();
    }
    return result.tests.every((t) => t.status === 'passed');
  });
  if (code !== 0 && !result.tests.some((t) => t.status === 'failed')) result.tests.push({ name: `${key} drill: ran to the end`, status: 'failed', detail: `exit code ${code}` });
  results.push(result);
};

await Promise.all([
  outageRedis
    ? drill('redis', 0, outageRedis.url, (bench) => redisDrill({ bench, snap, redis: outageRedis, keepData: process.env.FAULTS_REDIS_DATA === 'kept' }))
    : wanted.includes('redis') && skipped.push({ name: 'Redis drill: redis-server is not installed', status: 'skipped' }),
  drill('worker', 6000, steady?.url ?? null, (bench) => workerDrill({ bench, snap, redisUrl: steady?.url ?? null })),
  drill('api', 12000, steady?.url ?? null, (bench) => apiDrill({ bench, snap, redisUrl: steady?.url ?? null })),
]);
steady?.kill();
outageRedis?.kill();
rmSync(redisDir, { recursive: true, force: true });
rmSync(steadyDir, { recursive: true, force: true });
rmSync(buildDir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------- report
const by = Object.fromEntries(results.map((r) => [r.name, r.counts]));
const tests = [...results.flatMap((r) => r.tests), ...skipped];
const dash = (v) => (v === undefined || v === null ? '—' : v);
console.log('\n=== Faults survived (issue 14) ===');
console.log('\nSubmissions:');
console.log(table(['redis', 'api'].filter((k) => by[k]).map((k) => {
  const s = by[k].submissions ?? {};
  return { drill: k, acknowledged: dash(s.acknowledged), found: dash(s.found), duplicated: dash(s.duplicated), 'hash mismatches': dash(s.hashMismatches) };
}), ['drill', 'acknowledged', 'found', 'duplicated', 'hash mismatches']));
console.log('\nE-mails (delivered = reached the SMTP sink; re-sent = sent again after a crash under the same Message-ID, which the receiver keeps once):');
console.log(table(['worker', 'redis', 'api'].filter((k) => by[k]).map((k) => {
  const e = by[k].emails ?? {};
  return { drill: k, queued: dash(e.queued), delivered: dash(e.delivered), duplicated: dash(e.duplicated), lost: dash(e.lost), 're-sent': dash(e.resent) };
}), ['drill', 'queued', 'delivered', 'duplicated', 'lost', 're-sent']));
console.log('\nAudit chain:');
console.log(table(['worker', 'redis', 'api'].filter((k) => by[k]).map((k) => {
  const a = by[k].audit ?? {};
  return { drill: k, 'entries checked': dash(a.checked), ok: a.ok === undefined ? '—' : a.ok ? 'yes' : 'NO' };
}), ['drill', 'entries checked', 'ok']));
console.log('\nDrills:');
for (const t of tests) console.log(`  ${{ passed: 'OK     ', failed: 'FAILED ', skipped: 'SKIPPED' }[t.status]} ${t.name}${t.detail ? `  (${t.detail})` : ''}`);
const passed = tests.filter((t) => t.status === 'passed').length;
const failed = tests.filter((t) => t.status === 'failed').length;
console.log(`\n${passed} passed, ${failed} failed${skipped.length ? `, ${skipped.length} skipped` : ''} in ${Math.round((Date.now() - started) / 1000)} s`);
writeFileSync(outFile, `${JSON.stringify({ at: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), passed, failed, skipped: skipped.length, tests, counts: by }, null, 2)}\n`);
console.log(`results: ${join('test-artifacts', 'faults.json')}`);
process.exit(failed ? 1 : 0);
