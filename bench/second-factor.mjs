#!/usr/bin/env node
/**
 * Second factors and the one session query (issue 14): every request reads its session and its user in one query
 * (apps/api/src/modules/auth/session.ts GET_SESSION); for a user with a second factor that query now also finds
 * which kinds they hold (three index lookups), so the guard needs no query of its own. This bench runs that query,
 * prepared, against a fresh migrated database with users who have no factor and users with an authenticator app, a
 * passkey and ten recovery codes, and compares it with the query as it was before issue 14 (the same text without
 * the second-factor columns), on the same sessions, alternating, one connection: the ratios are what the change costs.
 *
 *   node bench/second-factor.mjs            (BENCH_SF_USERS 2000, BENCH_SF_QUERIES 20000)
 *
 * Results: test-artifacts/bench-second-factor.json.
 */
/* global process, console */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ARTIFACTS, ROOT, buildInfo, commonConfig, cpuPressure, createBench, ensureBuilt, int, loadAverage, log, machineInfo, printMachine, require, round, table, writeResults } from './lib.mjs';

const CFG = { ...commonConfig({ port: 3450, timeLimitS: 600 }), users: int('BENCH_SF_USERS', 2000), queries: int('BENCH_SF_QUERIES', 20000) };
const bench = createBench({ name: 'second-factor', adminUrl: CFG.adminUrl, redisUrl: null, port: CFG.port, timeLimitS: CFG.timeLimitS });
const { Client: PgClient } = require('pg');

/** GET_SESSION before issue 14: the session and its user, no second-factor columns. */
const BEFORE = `
  SELECT s.sess, u.id, u.email, u.full_name, u.role, u.org_role, u.organization_id, u.language, u.script, u.active,
         u.email_verified_at IS NOT NULL AS email_verified, u.safeguarding_focal_point
    FROM sessions s
    LEFT JOIN users u ON u.id = CASE WHEN s.sess->'passport'->>'user' ~ '^[0-9a-fA-F-]{36}$' THEN (s.sess->'passport'->>'user')::uuid END
   WHERE s.sid = $1 AND s.expire >= now()`;

async function main() {
  const loadAtStart = loadAverage();
  await ensureBuilt();
  const { GET_SESSION } = require(join(ROOT, 'apps/api/dist/modules/auth/session.js'));
  if (!GET_SESSION) throw new Error('apps/api/dist is older than the second factors: build it first');
  const pressureAtStart = cpuPressure();
  const build = buildInfo();
  mkdirSync(ARTIFACTS, { recursive: true });
  const pgVersion = await bench.createDatabase();
  const env = await bench.serviceEnv();
  const mig = spawnSync(process.execPath, ['apps/api/dist/cli/migrate.js'], { cwd: ROOT, env, encoding: 'utf8' });
  if (mig.status !== 0) throw new Error(`migrate failed:\n${mig.stdout}\n${mig.stderr}`);
  const db = new PgClient({ connectionString: bench.dbUrl, application_name: 'bench-second-factor' });
  await db.connect();
  bench.onTeardown(() => db.end());

  // half the users without a factor, half with an app, a passkey and ten recovery codes; one session each
  const half = Math.floor(CFG.users / 2);
  await db.query(
    `INSERT INTO users (email, password_hash, full_name, role, language, script, email_verified_at, active, second_factor_at)
     SELECT 'u' || i || '@bench.example.org', 'x', 'User ' || i, CASE WHEN i <= $2 THEN 'observer' ELSE 'secretariat' END, 'en', 'latin', now(), true,
            CASE WHEN i <= $2 THEN NULL ELSE now() END
       FROM generate_series(1, $1::int) i`, [CFG.users, half]);
  await db.query(`INSERT INTO user_totp_factors (user_id, secret_enc, confirmed_at) SELECT id, 'sealed', now() FROM users WHERE second_factor_at IS NOT NULL`);
  await db.query(`INSERT INTO user_passkeys (id, user_id, credential_id, public_key, name) SELECT gen_random_uuid(), id, md5(id::text), '\\x00', 'Laptop' FROM users WHERE second_factor_at IS NOT NULL`);
  await db.query(`INSERT INTO user_recovery_codes (id, user_id, code_hash) SELECT gen_random_uuid(), u.id, md5(u.id::text || k) || md5(k || u.id::text) FROM users u, generate_series(1, 10) k WHERE u.second_factor_at IS NOT NULL`);
  await db.query(
    `INSERT INTO sessions (sid, sess, expire)
     SELECT 'sid-' || id, json_build_object('passport', json_build_object('user', id), 'loginAt', 0, 'seenAt', 0, 'secondFactorAt', 0), now() + interval '1 day' FROM users`);
  await db.query('ANALYZE');
  const sids = async (enrolled) => (await db.query(`SELECT 'sid-' || id AS sid FROM users WHERE (second_factor_at IS NOT NULL) = $1 ORDER BY random()`, [enrolled])).rows.map((r) => r.sid);
  const groups = { without: await sids(false), with: await sids(true) };
  log(`seeded ${CFG.users} users (${groups.with.length} with an app, a passkey and 10 recovery codes) and a session each`);

  const run = async (name, text, list, n) => {
    const t = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const { rows } = await db.query({ name, text, values: [list[i % list.length]] });
      t.push(performance.now() - t0);
      if (!rows[0]?.id) throw new Error(`${name}: no user for the session`);
    }
    return t;
  };
  // warm-up, then alternate rounds so that the machine's other work falls on all four alike
  for (const [k, list] of Object.entries(groups)) { await run(`before-${k}`, BEFORE, list, 500); await run(`after-${k}`, GET_SESSION, list, 500); }
  const samples = { 'before-without': [], 'after-without': [], 'before-with': [], 'after-with': [] };
  const rounds = 20;
  for (let r = 0; r < rounds; r++) {
    for (const k of Object.keys(samples)) {
      const [when, who] = k.split('-');
      samples[k].push(...(await run(k, when === 'before' ? BEFORE : GET_SESSION, groups[who], Math.ceil(CFG.queries / rounds))));
    }
  }
  const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  const results = Object.fromEntries(Object.entries(samples).map(([k, a]) => [k, { count: a.length, meanMs: round(mean(a), 3), p50Ms: round(pct(a, 50), 3), p95Ms: round(pct(a, 95), 3) }]));
  const { rows: [plan] } = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${GET_SESSION.replace('$1', `'${groups.with[0]}'`)}`);
  const planMs = plan['QUERY PLAN'][0]['Execution Time'];
  const ratios = {
    'mean(after, no factor) / mean(before, no factor)': round(results['after-without'].meanMs / results['before-without'].meanMs, 2),
    'mean(after, with factors) / mean(before, with factors)': round(results['after-with'].meanMs / results['before-with'].meanMs, 2),
    'p95(after, with factors) / p95(before, with factors)': round(results['after-with'].p95Ms / results['before-with'].p95Ms, 2),
  };

  const machine = machineInfo({ pressureAtStart, loadAtStart, build, pgVersion });
  console.log('\n=== Second factors: the session query ===');
  printMachine(machine);
  console.log(`${CFG.users} users, ${CFG.queries} queries per variant in ${rounds} alternating rounds, one connection, prepared statements\n`);
  console.log(table(Object.entries(results).map(([k, v]) => ({ variant: k, ...v })), ['variant', 'count', 'meanMs', 'p50Ms', 'p95Ms']));
  console.log(`\nserver execution time of the new query for a user with factors (EXPLAIN ANALYZE): ${round(planMs, 3)} ms`);
  for (const [k, v] of Object.entries(ratios)) console.log(`${k} = ${v}`);
  writeResults('bench-second-factor.json', { at: new Date().toISOString(), config: CFG, machine, results, ratios, planMs });
  return true;
}

process.exitCode = await bench.run(main);
