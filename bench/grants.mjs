#!/usr/bin/env node
/**
 * Grants benchmark (issue 10, "Performance"): a portfolio of 2,000 grants in force with 8,000 tranches and 20,000
 * expenditure lines in a fresh database, against the real API. In one run: pgbench select-only on a scratch database
 * of the same server (the physical limit of one primary-key read), then on the portal's database the bare
 * authenticated read of the other benches (GET /api/organizations/mine, the baseline), the Secretariat's grants list
 * (GET /api/grants?page=1&pageSize=50, its first page, counted among all), a grant page (GET /api/grants/:id, the Secretariat's, with its timeline) and a
 * tranche approval (POST /api/tranches/:id/approve, every condition checked: grant in force, earlier tranches paid,
 * 70 % of the previous one spent in accepted expenditure reports, documents, bank account), each with 50 in flight;
 * every approval is of a different requested tranche. Prints p50/p95/p99, the ratio of each p95 to the baseline's
 * p95 and the target (p95 < 300 ms); then tears everything down (API, databases, Redis keys) even on failure.
 * Build first (npx nx run @grants/api:build): the figures are of apps/api/dist.
 *
 *   npm run bench:grants
 *
 * The portfolio (SQL in bulk, consistent with the schema's constraints; amounts, tranche plans, reporting schedules
 * and v1 of each agreement from libs/domain, as drawing up would make them; the audit trail of each grant chained
 * with the domain's hash): 4 decided calls, 2,000 organisations with an owner and a valid IBAN, each an awarded
 * application and an award, a grant of 36 months in force (signed, countersigned, v1), 4 tranches each (the PRAG
 * plan: pre-financing, two instalments, balance) and 4,000 expenditure reports of 5 lines (one per budget line):
 *   - 1,000 grants: pre-financing paid, two accepted reports of ≥ 70 % of it, the first instalment requested on them
 *     (the approvals timed);
 *   - 500: pre-financing paid, one report accepted and one under review;
 *   - 300: pre-financing paid, accepted spending below 70 % of it (the next instalment blocked), one report returned,
 *     one draft;
 *   - 200: just signed, the pre-financing planned or requested (100 with a draft report).
 *
 * Settings (environment): BENCH_PORT (3430), BENCH_GRANTS (2000), BENCH_CONCURRENCY (50), BENCH_LIST_REQUESTS (500),
 * BENCH_PAGE_REQUESTS (2000), BENCH_BASELINE (3000), BENCH_BASELINE_USERS (300), BENCH_PGBENCH_DURATION_S (10; 0 skips
 * pgbench), BENCH_PGBENCH_CLIENTS (16), BENCH_PHASES (list,page,approve: a subset times only those, e.g. "approve" under a
 * CPU profile), BENCH_HOLD_S (diagnostics: after seeding, waits that many seconds with the database and the API up, to
 * EXPLAIN a query in the portfolio), BENCH_TIME_LIMIT_S (900), and those of every bench (bench/lib.mjs: database,
 * Redis, API node flags such as BENCH_API_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=test-artifacts/profiles", real
 * hashes, statement log). A profile's top functions: node bench/profile-top.mjs test-artifacts/profiles --last=60.
 * Results: test-artifacts/bench-grants.json; server log: test-artifacts/bench-grants-api.log.
 */
/* global process, console, URL, setTimeout */
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  ARTIFACTS, NEEDED, PgClient, ROOT, benchPasswordHash, buildInfo, checklist, commonConfig, cpuDelta, cpuPressure, cpuSnapshot, createBench,
  ensureBuilt, int, loadAverage, log, machineInfo, measureBaseline, pool, printMachine, require, round, stats, table, writeResults,
} from './lib.mjs';

const CFG = {
  ...commonConfig({ port: 3430, timeLimitS: 900 }),
  grants: Math.max(20, int('BENCH_GRANTS', 2000)),
  concurrency: Math.max(1, int('BENCH_CONCURRENCY', 50)),
  listRequests: Math.max(1, int('BENCH_LIST_REQUESTS', 500)),
  pageRequests: Math.max(1, int('BENCH_PAGE_REQUESTS', 2000)),
  baselineUsers: Math.max(1, int('BENCH_BASELINE_USERS', 300)),
  pgbenchDurationS: int('BENCH_PGBENCH_DURATION_S', 10),
  pgbenchClients: Math.max(1, int('BENCH_PGBENCH_CLIENTS', 16)),
  holdS: int('BENCH_HOLD_S', 0),
  phases: (process.env.BENCH_PHASES || 'list,page,approve').split(',').map((s) => s.trim()).filter(Boolean),
};
const TARGET_P95_MS = 300;
const CALLS = ['MF-BENCH-G1', 'MF-BENCH-G2', 'MF-BENCH-G3', 'MF-BENCH-G4'];
const PASSWORD = 'bench-correct-horse-battery';
const MONTHS = 36;
const WARMUP_APPROVALS = 50;
const LIST_PAGE_SIZE = 50;

// run as a script (npm run bench:grants), or imported by bench:monitoring for its portfolio (seedPortfolio): no bench then
const isMain = !!process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
const bench = isMain ? createBench({ name: 'grants', adminUrl: CFG.adminUrl, redisUrl: CFG.redisUrl, port: CFG.port, timeLimitS: CFG.timeLimitS }) : null;
const { Client, dbName } = bench ?? {};
const pgbenchDb = `${dbName}_pgbench`;

const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A valid Kosovo IBAN (XK, check digits by ISO 7064 mod 97-10, 16 digits) from a number. */
function kosovoIban(n) {
  const bban = String(1212012345670000 + n).padStart(16, '0');
  let r = 0;
  for (const ch of `${bban}332000`) r = (r * 10 + Number(ch)) % 97;
  return `XK${String(98 - r).padStart(2, '0')}${bban}`;
}

/** Which stage grant k (a permutation of 0..n-1) is at: the shares of the module comment, interleaved in creation order. */
function stageOf(k, n) {
  const x = k / n;
  return x < 0.5 ? 'approve' : x < 0.75 ? 'review' : x < 0.9 ? 'blocked' : 'signed';
}

/** `total` split over the budget lines in proportion to their approved amounts, in whole cents (the last line takes the rest). */
function splitOver(lines, total) {
  const sum = lines.reduce((s, l) => s + l.totalCents, 0);
  let left = total;
  return lines.map((l, i) => {
    const spent = i === lines.length - 1 ? left : Math.floor((total * l.totalCents) / sum);
    left -= spent;
    return { lineId: `L${i + 1}`, spentCents: spent };
  });
}

// ---------------------------------------------------------------------------------------------- pgbench
function pgbenchBinary() {
  const which = spawnSync('which', ['pgbench'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) if (existsSync(join(base, v, 'bin/pgbench'))) return join(base, v, 'bin/pgbench');
  }
  return null;
}

async function adminQuery(sql) {
  const admin = new PgClient({ connectionString: CFG.adminUrl });
  try { await admin.connect(); await admin.query(sql); } finally { await admin.end().catch(() => undefined); }
}

/** pgbench select-only (one primary-key read per transaction) on a scratch database of the same server. */
async function measurePgbench() {
  const bin = pgbenchBinary();
  if (!bin) { log('pgbench not found: skipped'); return null; }
  const u = new URL(CFG.adminUrl);
  const env = { ...process.env, PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username || 'postgres') };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const run = (args) => {
    const r = spawnSync(bin, [...args, pgbenchDb], { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    if (r.status !== 0) throw new Error(`pgbench ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  await adminQuery(`CREATE DATABASE "${pgbenchDb}"`);
  bench.onTeardown(() => adminQuery(`DROP DATABASE IF EXISTS "${pgbenchDb}" WITH (FORCE)`));
  try {
    run(['-i', '-q', '-s', '10']);
    log(`pgbench: select-only, ${CFG.pgbenchClients} clients, ${CFG.pgbenchDurationS} s`);
    const out = run(['-S', '-c', String(CFG.pgbenchClients), '-j', '2', '-T', String(CFG.pgbenchDurationS), '-n']);
    const tps = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(out);
    const lat = /latency average = ([\d.]+) ms/.exec(out);
    return { binary: bin, clients: CFG.pgbenchClients, tps: tps ? Math.round(Number(tps[1])) : null, latencyAvgMs: lat ? Number(lat[1]) : null };
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${pgbenchDb}" WITH (FORCE)`);
  }
}

// ---------------------------------------------------------------------------------------------- the portfolio
/** Rows of a table inserted from JSON in batches (jsonb_to_recordset), so 20,000 rows cost a handful of statements. */
export async function insertRows(db, table, columns, rows, batch = 2000) {
  const names = columns.map((c) => c.split(' ')[0]);
  for (let i = 0; i < rows.length; i += batch) {
    await db.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${columns.join(', ')})`,
      [JSON.stringify(rows.slice(i, i + batch))]);
  }
}

/** The portfolio of the module comment, `n` grants (BENCH_GRANTS by default); also the base of bench:monitoring's data. */
export async function seedPortfolio(db, domain, demoApplicationContent, hash, officer, n = CFG.grants) {
  const settings = domain.resolveGrantSettings(null);
  const content = demoApplicationContent('2026-01-01', 0);
  const now = Date.now();
  const iso = (msAgo) => new Date(now - msAgo).toISOString();
  const DAY = 86_400_000;

  // calls (decided), each with its committee decision
  const { rows: [programme] } = await db.query(`INSERT INTO programmes (name) VALUES ($1) RETURNING id`, [domain.DEMO_PROGRAMME_NAME]);
  const calls = [];
  for (const reference of CALLS) {
    const definition = { ...domain.demoCallDraft(iso(400 * DAY), reference), budgetEnvelopeCents: 5_000_000_000 };
    const { rows: [c] } = await db.query(
      `INSERT INTO calls (programme_id, reference, status, definition, questions_deadline_at, submission_deadline_at, published_at, closed_at, created_by)
       VALUES ($1, $2, 'decided', $3, $4, $5, $6, $5, $7) RETURNING id`,
      [programme.id, reference, definition, iso(370 * DAY), iso(360 * DAY), iso(400 * DAY), officer.id]);
    const { rows: [d] } = await db.query(
      `INSERT INTO award_decisions (call_id, seq, kind, committee_members, decided_on, envelope_cents, snapshot, sha256, recorded_by)
       VALUES ($1, 1, 'decision', '{Bench committee}', (now() - interval '340 days')::date, 5000000000, '{}', $2, $3) RETURNING id`, [c.id, sha256(reference), officer.id]);
    calls.push({ id: c.id, reference, decisionId: d.id, seq: 0 });
  }

  // monitors, organisations and their owners
  const { rows: monitors } = await db.query(
    `INSERT INTO users (email, password_hash, full_name, role, language, script, email_verified_at, active)
     SELECT 'monitor-' || i || '@bench.example.org', $1, 'Monitor ' || i, 'monitor', 'sq', 'latin', now(), true FROM generate_series(1, 10) i RETURNING id`, [hash]);
  const { rows: orgs } = await db.query(
    `INSERT INTO organizations (legal_name, registration_number, municipality, iban)
     SELECT 'Bench CSO ' || lpad(i::text, 4, '0'), 'BENCH-G-' || lpad(i::text, 4, '0'), 'prishtina', x.iban
       FROM unnest($1::text[]) WITH ORDINALITY AS x(iban, i) RETURNING id, registration_number, legal_name, iban`,
    [Array.from({ length: n }, (_, i) => kosovoIban(i + 1))]);
  orgs.sort((a, b) => a.registration_number.localeCompare(b.registration_number));
  const { rows: owners } = await db.query(
    `INSERT INTO users (email, password_hash, full_name, role, language, script, organization_id, org_role, email_verified_at, active)
     SELECT 'owner-' || lpad(x.i::text, 4, '0') || '@bench.example.org', $2, 'Owner ' || x.i, 'applicant', 'sq', 'latin', x.org, 'owner', now(), true
       FROM unnest($1::uuid[]) WITH ORDINALITY AS x(org, i) RETURNING id, email, organization_id`, [orgs.map((o) => o.id), hash]);
  const ownerOf = new Map(owners.map((u) => [u.organization_id, u]));

  const applications = [];
  const awards = [];
  const grants = [];
  const versions = [];
  const tranches = [];
  const reports = [];
  const audit = []; // [entity, entityId, action, summary, actor, msAgo]
  const approvable = [];
  const blocked = [];
  for (let i = 0; i < n; i++) {
    const org = orgs[i];
    const owner = ownerOf.get(org.id);
    const call = calls[i % calls.length];
    const k = (i * 7919) % n;
    const stage = stageOf(k, n);
    const f = 90 + (i % 21);
    const lines = content.budget.lines.map((l) => ({ ...l, unitCostCents: Math.round((l.unitCostCents * f) / 100) }));
    const budget = domain.computeBudget(lines, { indirectCostBp: content.budget.indirectCostBp, coFinancingCents: content.budget.coFinancingCents });
    const amount = budget.requestedCents;
    const startDate = domain.addMonths('2025-09-01', i % 12);
    const endDate = domain.addDays(domain.addMonths(startDate, MONTHS), -1);
    const applicationId = randomUUID();
    const awardId = randomUUID();
    const grantId = randomUUID();
    const appRef = `${call.reference}-${String(i + 1).padStart(4, '0')}`;
    const appSha = sha256(`${appRef}:${amount}`);
    call.seq += 1;
    const agreementNumber = domain.grantAgreementNumber(call.reference, call.seq);
    const signedAgo = (300 - (i % 200)) * DAY;
    applications.push({ id: applicationId, call_id: call.id, organization_id: org.id, status: 'awarded', content, requested_cents: amount, reference: appRef, sha256: appSha, submitted_at: iso(365 * DAY), created_by: owner.id });
    awards.push({ id: awardId, call_id: call.id, application_id: applicationId, decision_id: call.decisionId, amount_cents: amount, status: 'awarded' });
    const iban = org.iban;
    grants.push({
      id: grantId, award_id: awardId, call_id: call.id, application_id: applicationId, organization_id: org.id, monitor_id: monitors[i % monitors.length].id,
      agreement_number: agreementNumber, call_seq: call.seq, amount_cents: amount, status: 'in_force', start_date: startDate, end_date: endDate,
      submission_sha256: appSha, budget, logframe: content.logframe, reporting_schedule: domain.grantReportingSchedule(startDate, endDate, settings), settings,
      iban, account_holder: org.legal_name, agreement_sha256: sha256(`agreement ${agreementNumber}`), agreement_language: 'sq',
      signatory_name: `Owner ${i + 1}`, signatory_function: 'Executive director', signed_at: iso(signedAgo), signed_by: owner.id,
      countersigned_at: iso(signedAgo - DAY), countersigned_by: officer.id, sent_at: iso(signedAgo + 3 * DAY), drawn_up_by: officer.id,
      created_at: iso(signedAgo + 5 * DAY),
    });
    const v1 = {
      version: 1, agreementNumber, amountCents: amount, startDate, endDate,
      budgetLines: budget.lines.map((l, j) => ({ lineId: `L${j + 1}`, heading: l.heading, description: l.description, approvedCents: l.totalCents })),
      indirectCents: budget.indirectCents, logframe: content.logframe, bankAccount: { iban, holder: org.legal_name }, amendmentId: null,
    };
    versions.push({ grant_id: grantId, version: 1, snapshot: v1, sha256: sha256(domain.grantVersionHashInput(v1)), created_by: officer.id, created_at: iso(signedAgo - DAY) });
    audit.push(['grant', grantId, 'grant.drawn_up', `${agreementNumber} drawn up from ${appRef}: ${amount} cents, ${startDate} to ${endDate}, 4 tranches`, officer, signedAgo + 5 * DAY]);
    audit.push(['grant', grantId, 'grant.sent_for_signature', `${agreementNumber} sent for signature (sq beside en)`, officer, signedAgo + 3 * DAY]);
    audit.push(['grant', grantId, 'grant.signed', `${agreementNumber} signed for the organisation by Owner ${i + 1} (Executive director); IBAN frozen ${iban}`, owner, signedAgo]);
    audit.push(['grant', grantId, 'grant.countersigned', `${agreementNumber} countersigned by ${officer.email}: in force`, officer, signedAgo - DAY]);

    // expenditure reports (5 lines each, one per budget line)
    const plan = domain.tranchePlan(amount, startDate, endDate, settings);
    const t1 = plan[0];
    const report = (seq, status, share, fromMonth, toMonth, msAgo) => {
      const spent = Math.floor(t1.amountCents * share);
      const id = randomUUID();
      reports.push({
        id, grant_id: grantId, seq, period_start: domain.addMonths(startDate, fromMonth), period_end: domain.addDays(domain.addMonths(startDate, toMonth), -1),
        lines: splitOver(budget.lines, spent), spent_cents: spent, status, submitted_at: status === 'draft' ? null : iso(msAgo),
        reviewed_at: status === 'accepted' || status === 'returned' ? iso(msAgo - 5 * DAY) : null, reviewed_by: status === 'accepted' || status === 'returned' ? officer.id : null,
        created_at: iso(msAgo + 2 * DAY), created_by: owner.id, submitted_by: status === 'draft' ? null : owner.id,
        return_comment: status === 'returned' ? 'The travel line has no supporting invoices: attach them.' : null,
      });
      return id;
    };
    let requestedReport = null;
    if (stage === 'approve') {
      const spentShare = 0.72 + (i % 28) / 100; // 72–99 % of the pre-financing
      report(1, 'accepted', spentShare * 0.45, 0, 6, 120 * DAY);
      requestedReport = report(2, 'accepted', spentShare * 0.55, 6, 12, 30 * DAY);
    } else if (stage === 'review') {
      report(1, 'accepted', 0.5, 0, 6, 100 * DAY);
      report(2, 'submitted', 0.3, 6, 12, 5 * DAY);
    } else if (stage === 'blocked') {
      report(1, 'accepted', 0.4, 0, 4, 120 * DAY);
      report(2, 'returned', 0.2, 4, 8, 40 * DAY);
      report(3, 'draft', 0.15, 8, 12, 3 * DAY);
    } else if (i % 2 === 0) {
      report(1, 'draft', 0.2, 0, 6, 2 * DAY);
    }

    plan.forEach((t) => {
      const id = randomUUID();
      const row = {
        id, grant_id: grantId, seq: t.seq, kind: t.kind, amount_cents: t.amountCents, planned_date: t.plannedDate, period_start: t.periodStart, period_end: t.periodEnd,
        conditions: [...t.conditions], status: 'planned', document_file_ids: [],
      };
      const paidFirst = stage !== 'signed';
      if (t.seq === 1 && (paidFirst || i % 4 < 2)) Object.assign(row, { status: 'requested', requested_at: iso(signedAgo - 2 * DAY), requested_by: owner.id });
      if (t.seq === 1 && paidFirst) {
        Object.assign(row, {
          status: 'paid', approved_at: iso(signedAgo - 5 * DAY), approved_by: officer.id, approved_on: new Date(now - signedAgo + 5 * DAY).toISOString().slice(0, 10),
          paid_at: iso(signedAgo - 7 * DAY), paid_on: new Date(now - signedAgo + 7 * DAY).toISOString().slice(0, 10), paid_by: officer.id, bank_reference: `BENCH-${i + 1}-1`,
        });
        audit.push(['tranche', id, 'tranche.requested', `${agreementNumber} tranche 1 (pre_financing, ${t.amountCents} cents) requested by ${owner.email}`, owner, signedAgo - 2 * DAY]);
        audit.push(['tranche', id, 'tranche.approved', `${agreementNumber} tranche 1 (${t.amountCents} cents) approved by ${officer.email}`, officer, signedAgo - 5 * DAY]);
        audit.push(['tranche', id, 'tranche.paid', `${agreementNumber} tranche 1: ${t.amountCents} cents paid to ${iban}, bank reference BENCH-${i + 1}-1`, officer, signedAgo - 7 * DAY]);
      }
      if (t.seq === 2 && requestedReport) {
        Object.assign(row, { status: 'requested', requested_at: iso(20 * DAY), requested_by: owner.id, expenditure_report_id: requestedReport, request_note: 'Second instalment on the two accepted reports' });
        audit.push(['tranche', id, 'tranche.requested', `${agreementNumber} tranche 2 (instalment, ${t.amountCents} cents) requested by ${owner.email} on expenditure report ${requestedReport}`, owner, 20 * DAY]);
        approvable.push(id);
      }
      if (t.seq === 2 && stage === 'blocked') blocked.push({ grantId, trancheId: id });
      tranches.push(row);
    });
  }

  await insertRows(db, 'applications', ['id uuid', 'call_id uuid', 'organization_id uuid', 'status text', 'content jsonb', 'requested_cents bigint', 'reference text', 'sha256 text', 'submitted_at timestamptz', 'created_by uuid'], applications, 500);
  await insertRows(db, 'awards', ['id uuid', 'call_id uuid', 'application_id uuid', 'decision_id uuid', 'amount_cents bigint', 'status text'], awards);
  await insertRows(db, 'grants', [
    'id uuid', 'award_id uuid', 'call_id uuid', 'application_id uuid', 'organization_id uuid', 'monitor_id uuid', 'agreement_number text', 'call_seq int', 'amount_cents bigint',
    'status text', 'start_date date', 'end_date date', 'submission_sha256 text', 'budget jsonb', 'logframe jsonb', 'reporting_schedule jsonb', 'settings jsonb', 'iban text',
    'account_holder text', 'agreement_sha256 text', 'agreement_language text', 'signatory_name text', 'signatory_function text', 'signed_at timestamptz', 'signed_by uuid',
    'countersigned_at timestamptz', 'countersigned_by uuid', 'sent_at timestamptz', 'drawn_up_by uuid', 'created_at timestamptz',
  ], grants, 500);
  await insertRows(db, 'grant_versions', ['grant_id uuid', 'version int', 'snapshot jsonb', 'sha256 text', 'created_by uuid', 'created_at timestamptz'], versions, 500);
  await insertRows(db, 'expenditure_reports', [
    'id uuid', 'grant_id uuid', 'seq int', 'period_start date', 'period_end date', 'lines jsonb', 'spent_cents bigint', 'status text', 'submitted_at timestamptz',
    'reviewed_at timestamptz', 'reviewed_by uuid', 'created_at timestamptz', 'created_by uuid', 'submitted_by uuid', 'return_comment text',
  ], reports);
  await insertRows(db, 'tranches', [
    'id uuid', 'grant_id uuid', 'seq int', 'kind text', 'amount_cents bigint', 'planned_date date', 'period_start date', 'period_end date', 'conditions text[]', 'status text',
    'requested_at timestamptz', 'requested_by uuid', 'expenditure_report_id uuid', 'document_file_ids uuid[]', 'request_note text', 'approved_at timestamptz', 'approved_by uuid',
    'approved_on date', 'paid_at timestamptz', 'paid_on date', 'paid_by uuid', 'bank_reference text',
  ], tranches);

  // the audit trail, oldest first, chained after the head with the domain's hash (as AuditService.record writes it)
  audit.sort((a, b) => b[5] - a[5]);
  const { rows: [head] } = await db.query(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
  let seq = Number(head?.seq ?? 0);
  let prevHash = head?.hash ?? domain.GENESIS_HASH;
  // hash version 3 (issue 14): the actor is a pseudonym (audit_pseudonyms links it to the person), no id nor e-mail
  const pseudonyms = new Map();
  const pseudonymOf = (actor) => {
    if (!actor.id) return null;
    if (!pseudonyms.has(actor.id)) pseudonyms.set(actor.id, { pseudonym: sha256(`bench-pseudonym:${actor.id}`).slice(0, 32), user_id: actor.id, email: actor.email });
    return pseudonyms.get(actor.id).pseudonym;
  };
  const auditRows = audit.map(([entity, entityId, action, summary, actor, msAgo]) => {
    const fields = {
      seq: ++seq, at: iso(msAgo), actorId: null, actorEmail: null, actorPseudonym: pseudonymOf(actor), action, entity, entityId,
      summary: actor.id && actor.email ? summary.split(actor.email).join(`person:${pseudonymOf(actor)}`) : summary, prevHash, hashVersion: domain.CURRENT_AUDIT_HASH_VERSION,
    };
    const hash = domain.computeAuditHash(fields, sha256);
    prevHash = hash;
    return { seq: fields.seq, at: fields.at, actor_pseudonym: fields.actorPseudonym, action, entity, entity_id: entityId, summary: fields.summary, prev_hash: fields.prevHash, hash, hash_version: fields.hashVersion };
  });
  const known = new Set((await db.query(`SELECT user_id::text FROM audit_pseudonyms WHERE user_id = ANY($1::uuid[])`, [[...pseudonyms.keys()]])).rows.map((r) => r.user_id));
  await insertRows(db, 'audit_pseudonyms', ['pseudonym text', 'user_id uuid', 'email text'], [...pseudonyms.values()].filter((p) => !known.has(p.user_id)), 5000);
  await insertRows(db, 'audit_log', ['seq bigint', 'at timestamptz', 'actor_pseudonym text', 'action text', 'entity text', 'entity_id text', 'summary text', 'prev_hash text', 'hash text', 'hash_version smallint'], auditRows, 5000);
  await db.query('VACUUM ANALYZE');
  return {
    owners, grantIds: grants.map((g) => g.id), approvable, blocked,
    counts: { calls: calls.length, grants: grants.length, tranches: tranches.length, expenditureReports: reports.length, expenditureLines: reports.reduce((s, r) => s + r.lines.length, 0), auditRows: auditRows.length },
  };
}

// ---------------------------------------------------------------------------------------------- main
async function main() {
  const loadAtStart = loadAverage();
  await ensureBuilt([...NEEDED, 'apps/api/dist/modules/grants/tranches.service.js']);
  const domain = require(join(ROOT, 'libs/domain/dist/index.js'));
  const { demoApplicationContent } = require(join(ROOT, 'apps/api/dist/seed/demo-application.js'));
  const pressureAtStart = cpuPressure();
  const build = buildInfo();
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!(await bench.portFree())) throw new Error(`port ${CFG.port} is in use (set BENCH_PORT)`);
  const results = {};
  const cpu = {};
  const waits = {};
  const { checks, check, printChecks } = checklist();

  // 1. pgbench on the same server, before the portal exists (nothing of the bench competes with it)
  const pg = CFG.pgbenchDurationS > 0 ? await measurePgbench() : null;

  // 2. database, migrations, API (no worker: an approval queues nothing)
  const pgVersion = await bench.createDatabase();
  const env = await bench.serviceEnv();
  const { api } = await bench.startServices(env, { apiNodeOptions: CFG.apiNodeOptions });
  const { db } = bench;

  // 3. the portfolio
  const tSeed = performance.now();
  const hash = await benchPasswordHash(PASSWORD);
  const officerEmail = await bench.insertOfficer(hash);
  const { rows: [officerRow] } = await db.query(`SELECT id, email FROM users WHERE email = $1`, [officerEmail]);
  const seeded = await seedPortfolio(db, domain, demoApplicationContent, hash, officerRow);
  const seedS = round((performance.now() - tSeed) / 1000);
  const { rows: [counted] } = await db.query(
    `SELECT (SELECT count(*)::int FROM grants WHERE status = 'in_force') AS "grantsInForce", (SELECT count(*)::int FROM tranches) AS tranches,
            (SELECT coalesce(sum(jsonb_array_length(lines)), 0)::int FROM expenditure_reports) AS "expenditureLines",
            (SELECT count(*)::int FROM tranches WHERE status = 'requested' AND kind = 'instalment') AS "requestedInstalments"`);
  log(`seeded in ${seedS} s: ${JSON.stringify(seeded.counts)}`);
  check(`the portfolio: ${CFG.grants} grants in force, ${CFG.grants * 4} tranches, ${CFG.grants * 10} expenditure lines`,
    counted.grantsInForce === CFG.grants && counted.tranches === CFG.grants * 4 && counted.expenditureLines === CFG.grants * 10, JSON.stringify(counted));

  if (CFG.holdS) {
    log(`BENCH_HOLD_S=${CFG.holdS}: database ${dbName} (${bench.dbUrl}) and the API on port ${CFG.port} stay up for ${CFG.holdS} s`);
    await new Promise((r) => setTimeout(r, CFG.holdS * 1000));
  }

  // 4. log in: the officer (with a few sockets) and the owners of the baseline
  const officers = await pool(Array.from({ length: 4 }), 4, () => new Client(officerEmail).login(PASSWORD));
  const clients = seeded.owners.slice(0, CFG.baselineUsers).map((u) => new Client(u.email));
  await pool(clients, CFG.loginConcurrency, (c) => c.login(PASSWORD));

  // 5. the baseline (as every bench measures it)
  ({ result: results.baseline, cpu: cpu.baseline } = await measureBaseline(bench, clients, { count: CFG.baseline, concurrency: CFG.concurrency, api }));

  /** A phase: warm-up, then `items` with CFG.concurrency in flight; latencies, CPU and what the backends waited for. */
  const phase = async (key, name, items, fn, warm = []) => {
    await pool(warm, CFG.concurrency, fn);
    const sampler = bench.activitySampler();
    const c0 = await cpuSnapshot(db, api);
    const t0 = performance.now();
    const samples = await pool(items, CFG.concurrency, fn);
    results[key] = stats(name, samples, performance.now() - t0);
    cpu[key] = cpuDelta(c0, await cpuSnapshot(db, api), samples.length);
    waits[key] = await sampler.finish();
    results[key].bytes = samples.length ? Math.round(samples.reduce((s, x) => s + (x.bytes ?? 0), 0) / samples.length) : 0;
    log(`${key}: ${samples.length} requests, p95 ${results[key].p95} ms`);
    return samples;
  };
  const officerOf = (i) => officers[i % officers.length];

  // 6. the Secretariat's grants list, first page
  const want = (k) => CFG.phases.includes(k);
  if (want('list')) {
    const listSamples = await phase('list', 'grants list GET /grants (Secretariat, first page)', Array.from({ length: CFG.listRequests }, (_, i) => i),
      (i) => officerOf(i).call('GET', `/api/grants?page=1&pageSize=${LIST_PAGE_SIZE}`), Array.from({ length: 50 }, (_, i) => i));
    const firstPage = listSamples.find((s) => s.status === 200)?.body;
    const items = firstPage?.items ?? [];
    results.list.items = items.length;
    check(`the list answers its first page: ${LIST_PAGE_SIZE} grants in force, newest first, counted among all ${CFG.grants}`,
      items.length === Math.min(LIST_PAGE_SIZE, CFG.grants) && items.every((g) => g.status === 'in_force') && firstPage?.counts?.total === CFG.grants,
      `${items.length} items of ${firstPage?.counts?.total}, ${firstPage?.counts?.overdue} overdue, ${round(results.list.bytes / 1024)} KB`);
  }

  // 7. a grant page, round-robin over the portfolio in a scrambled order
  if (want('page')) {
    const ids = seeded.grantIds;
    const order = Array.from({ length: CFG.pageRequests }, (_, i) => ids[(i * 7919 + 13) % ids.length]);
    const pageSamples = await phase('page', 'grant page GET /grants/:id (Secretariat)', order,
      (id) => officerOf(id.charCodeAt(0)).call('GET', `/api/grants/${id}`), ids.slice(0, 100));
    const onePage = pageSamples.find((s) => s.status === 200)?.body;
    check('a grant page shows its 4 tranches, each with its conditions, and its timeline',
      onePage?.tranches?.length === 4 && onePage.tranches.every((t) => t.conditions.length >= 3) && onePage.timeline?.length >= 4,
      `${onePage?.tranches?.length} tranches, ${onePage?.timeline?.length} timeline entries, ${round(results.page.bytes / 1024)} KB`);
    const b = seeded.blocked[0];
    if (b) {
      const blockedPage = (await officers[0].must('GET', `/api/grants/${b.grantId}`)).body;
      const spent = blockedPage.tranches.find((t) => t.id === b.trancheId)?.conditions.find((c) => c.kind === 'previous_spent');
      check('a grant below 70 % shows its next instalment blocked by the 70 % rule', spent && !spent.met, spent?.figure ?? 'no previous_spent condition');
    }
  }

  // 8. tranche approvals: each of a different requested instalment, every condition checked
  if (want('approve')) {
    const approvable = seeded.approvable;
    const warmApprovals = approvable.slice(0, WARMUP_APPROVALS);
    const timedApprovals = approvable.slice(WARMUP_APPROVALS);
    const approveSamples = await phase('approve', 'tranche approval POST /tranches/:id/approve', timedApprovals,
      (id) => officerOf(id.charCodeAt(1)).call('POST', `/api/tranches/${id}/approve`, undefined, { timeoutMs: 120_000 }), warmApprovals);
    const approvedOk = approveSamples.filter((s) => s.status === 200 && s.body?.status === 'approved' && s.body?.allConditionsMet);
    const { rows: [approvedDb] } = await db.query(`SELECT count(*)::int AS n FROM tranches WHERE status = 'approved' AND id = ANY($1::uuid[])`, [approvable]);
    check(`every approval of ${approvable.length} distinct requested instalments answered approved, all conditions met`,
      approvedOk.length === timedApprovals.length && approvedDb.n === approvable.length, `${approvedOk.length} of ${timedApprovals.length} timed answers; ${approvedDb.n} approved in the database`);
  }
  const timed = ['list', 'page', 'approve'].filter((k) => results[k]);
  for (const k of ['baseline', ...timed]) check(`${k}: every request answered 2xx`, results[k].errors === 0, results[k].errors ? JSON.stringify(results[k].errorKinds) : '0 errors');

  // 9. figures
  const base = results.baseline.p95;
  const ratios = Object.fromEntries(timed.map((k) => [`p95(${k})/p95(baseline)`, round(results[k].p95 / base, 2)]));
  const targets = Object.fromEntries(timed.map((k) => [k, { belowMs: TARGET_P95_MS, p95: results[k].p95, met: results[k].p95 < TARGET_P95_MS }]));
  const machine = machineInfo({ pressureAtStart, loadAtStart, build, pgVersion, queue: CFG.redisUrl ? 'redis' : 'postgres' });

  console.log('\n=== Grants benchmark ===');
  printMachine(machine);
  console.log(`portfolio: ${seeded.counts.grants} grants in force in ${seeded.counts.calls} calls, ${seeded.counts.tranches} tranches, ${seeded.counts.expenditureReports} expenditure reports with ${seeded.counts.expenditureLines} lines, ${seeded.counts.auditRows} audit entries (seeded in ${seedS} s); ${CFG.concurrency} in flight; queue: ${machine.queue}`);
  if (pg) console.log(`pgbench select-only (same server, ${pg.clients} clients, ${CFG.pgbenchDurationS} s): ${pg.tps} tps, latency avg ${pg.latencyAvgMs} ms — the physical limit of one primary-key read`);
  console.log('');
  const rows = [['baseline', 'GET /organizations/mine'], ['list', 'GET /grants?page=1&pageSize=50'], ['page', 'GET /grants/:id'], ['approve', 'POST /tranches/:id/approve']].filter(([k]) => results[k]).map(([k, what]) => {
    const s = results[k];
    return {
      phase: `${k}: ${what}`, requests: s.count, errors: s.errors, 'req/s': s.throughput, 'p50 ms': s.p50, 'p95 ms': s.p95, 'p99 ms': s.p99, 'max ms': s.max,
      KB: s.bytes === undefined ? '' : round(s.bytes / 1024), 'p95/baseline': k === 'baseline' ? '' : round(s.p95 / base, 2), 'API ms/req': cpu[k].apiMsPerRequest, 'PG ms/req': cpu[k].postgresForApiMsPerRequest,
      ...(pg?.tps ? { 'req/s / pgbench': round((s.throughput / pg.tps) * 100, 2) + ' %' } : {}),
      target: k === 'baseline' ? '' : `${targets[k].met ? 'MET' : 'MISSED'} (< ${TARGET_P95_MS})`,
    };
  });
  console.log(table(rows, ['phase', 'requests', 'errors', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'KB', 'p95/baseline', 'API ms/req', 'PG ms/req', ...(pg?.tps ? ['req/s / pgbench'] : []), 'target']));
  for (const k of timed) {
    const top = waits[k].top.filter((w) => w.avgBackends >= 0.05).slice(0, 4);
    if (top.length) console.log(`  ${k}: backends busy on average: ${top.map((w) => `${w.avgBackends} × ${w.what.replace(/\s+/g, ' ').trim()}`).join('; ')}`);
  }
  console.log('');
  for (const [k, v] of Object.entries(ratios)) console.log(`${k} = ${v}`);
  for (const [k, t] of Object.entries(targets)) console.log(`target p95(${k}) < ${TARGET_P95_MS} ms with ${CFG.concurrency} in flight: ${t.met ? 'MET' : 'NOT MET'} (${t.p95} ms)`);
  const allOk = printChecks();

  writeResults('bench-grants.json', {
    at: new Date().toISOString(), config: { ...CFG, apiNodeOptions: CFG.apiNodeOptions.join(' ') }, database: dbName, machine, pgbench: pg,
    portfolio: seeded.counts, seedS, results, cpu, waits, ratios, targets, checks, allChecksOk: allOk,
  });
  return allOk;
}

if (isMain) process.exit(await bench.run(main));
