/**
 * What the fault drills share: an SMTP sink that counts every message it accepts by the portal's e-mail id and by
 * Message-ID (as a receiving mail store would), a Redis of the suite's own that can be stopped and started again,
 * seeding, the checks on submissions, e-mails and the audit chain. Processes, databases, HTTP clients and teardown
 * come from bench/lib.mjs.
 */
/* global process, console, Buffer, setTimeout, clearTimeout */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { PgClient, ROOT, require, sleep } from '../../../bench/lib.mjs';

export const PASSWORD = 'faults-correct-horse-battery';
const t0 = Date.now();
export const say = (drill, ...a) => console.log(`[faults ${String(Math.round((Date.now() - t0) / 100) / 10).padStart(5)}s ${drill}]`, ...a);

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------- the build
/**
 * A private copy of the built API and domain (apps/api/dist, libs/domain/dist) under `dir`, with node_modules linked
 * to the workspace's: the drills run for minutes and restart processes, and a rebuild of the shared dist meanwhile
 * (which empties it first) must not be what a restart finds. Returns the copy's root.
 */
export function snapshotBuild(dir) {
  const snap = join(dir, 'build');
  for (const d of ['apps/api/dist', 'libs/domain/dist']) cpSync(join(ROOT, d), join(snap, d), { recursive: true });
  copyFileSync(join(ROOT, 'libs/domain/package.json'), join(snap, 'libs/domain/package.json'));
  copyFileSync(join(ROOT, 'apps/api/package.json'), join(snap, 'apps/api/package.json'));
  for (const nm of ['node_modules', 'apps/api/node_modules', 'libs/domain/node_modules']) {
    if (!existsSync(join(ROOT, nm))) continue;
    mkdirSync(join(snap, nm), { recursive: true });
    for (const e of readdirSync(join(ROOT, nm))) {
      if (nm === 'node_modules' && e === '@grants') continue;
      symlinkSync(join(ROOT, nm, e), join(snap, nm, e));
    }
  }
  mkdirSync(join(snap, 'node_modules/@grants'), { recursive: true });
  symlinkSync(join(snap, 'libs/domain'), join(snap, 'node_modules/@grants/domain'));
  for (const e of readdirSync(join(ROOT, 'node_modules/@grants'))) {
    if (e !== 'domain') symlinkSync(join(ROOT, 'node_modules/@grants', e), join(snap, 'node_modules/@grants', e));
  }
  return snap;
}

/** Like the benches' startServices, from the private copy of the build: migrates, starts the API (and worker), waits until healthy. */
export async function startServices(bench, env, snap, { worker: withWorker = false } = {}) {
  const mig = spawnSync(process.execPath, [join(snap, 'apps/api/dist/cli/migrate.js')], { cwd: ROOT, env, encoding: 'utf8' });
  if (mig.status !== 0) throw new Error(`migrate failed:\n${mig.stdout}\n${mig.stderr}`);
  const api = bench.startChild('api', join(snap, 'apps/api/dist/main.js'), env);
  const worker = withWorker ? bench.startChild('worker', join(snap, 'apps/api/dist/worker.js'), env) : null;
  await bench.waitHealthy(api);
  await sleep(500);
  if (worker?.exited) throw new Error(`the worker exited: ${JSON.stringify(worker.exited)}`);
  bench.db = new PgClient({ connectionString: bench.dbUrl, application_name: 'faults' });
  await bench.db.connect();
  return { api, worker };
}

// ---------------------------------------------------------------------------------------------- SMTP sink
/**
 * An SMTP server that accepts a message only once its DATA has ended (a client that dies in the middle of a
 * message has not delivered it: no "250" was sent), and records for each accepted message its
 * X-Grant-Portal-Email-Id and Message-ID. `onAccepted(n)` runs right after the n-th "250 OK" was written.
 */
export async function startSink({ onAccepted } = {}) {
  const { SMTPServer } = require('smtp-server');
  const accepted = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks = [];
      let ended = false;
      stream.on('data', (c) => chunks.push(c));
      stream.on('error', () => undefined); // the client went away in the middle: nothing delivered
      stream.on('end', () => {
        if (ended) return;
        ended = true;
        const head = Buffer.concat(chunks).toString('utf8').split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
        const header = (name) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(head)?.[1]?.trim() ?? null;
        accepted.push({ emailId: header('X-Grant-Portal-Email-Id'), messageId: header('Message-ID'), at: Date.now() });
        callback(null, 'OK: message queued'); // the "250" is written now
        onAccepted?.(accepted.length);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.server.address().port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    close: () => new Promise((r) => { const t = setTimeout(r, 3000); server.close(() => { clearTimeout(t); r(); }); }),
  };
}

// ---------------------------------------------------------------------------------------------- Redis of our own
/**
 * A redis-server of the suite's own on a free port (the machine's Redis, used by others, is never stopped), with no
 * automatic persistence; `stop()` shuts it down saving its data set (as a Redis with persistence keeps its queue
 * over a restart) and `start()` brings it back with that data.
 */
export async function ownRedis(dir) {
  if (spawnSync('redis-server', ['--version']).status !== 0) return null;
  const port = await freePort();
  let child = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--dbfilename', 'faults.rdb'], { stdio: 'ignore' });
    const until = Date.now() + 10_000;
    for (;;) {
      if (await redisPing(port)) return;
      if (Date.now() > until) throw new Error(`redis-server on port ${port} did not answer`);
      await sleep(50);
    }
  };
  /** keepData false: killed (SIGKILL) and its data set gone, as a Redis without persistence or a failover that lost it. */
  const stop = async ({ keepData = true } = {}) => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    if (keepData) await redisCommand(port, ['SHUTDOWN', 'SAVE']).catch(() => c.kill('SIGTERM'));
    else c.kill('SIGKILL');
    await Promise.race([exited, sleep(5000)]);
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    if (!keepData) rmSync(join(dir, 'faults.rdb'), { force: true });
  };
  const kill = () => { if (child && child.exitCode === null) child.kill('SIGKILL'); };
  process.on('exit', kill); // whatever happens, the suite's own Redis does not outlive it
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, start, stop, kill, dataFile: join(dir, 'faults.rdb') };
}

/** One command over a plain socket (RESP); resolves with the first reply line. */
function redisCommand(port, args) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    s.setTimeout(3000, () => { s.destroy(); reject(new Error('timeout')); });
    s.once('error', reject);
    s.once('data', (d) => { s.destroy(); resolve(d.toString()); });
    s.once('close', () => resolve(''));
    s.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}
const redisPing = (port) => redisCommand(port, ['PING']).then((r) => r.startsWith('+PONG'), () => false);

// ---------------------------------------------------------------------------------------------- seeding
/** N organisations with a verified owner each (e-mails owner-<tag>-NNN@faults.example.org), sorted by e-mail. */
export async function seedOrganisations(db, n, hash, tag) {
  const { rows } = await db.query(
    `WITH o AS (
       INSERT INTO organizations (legal_name, registration_number, municipality, licence_number, licence_expiry)
       SELECT 'Faults CSO ' || $3 || ' ' || lpad(i::text, 3, '0'), 'FAULTS-' || $3 || '-' || lpad(i::text, 3, '0'), 'prishtina',
              'LIC-' || $3 || '-' || lpad(i::text, 3, '0'), current_date + 400 FROM generate_series(1, $1::int) i
       RETURNING id, registration_number)
     INSERT INTO users (email, password_hash, full_name, role, language, script, organization_id, org_role, email_verified_at, active)
     SELECT 'owner-' || lower(substr(registration_number, 8)) || '@faults.example.org', $2,
            'Owner ' || registration_number, 'applicant', (ARRAY['en','sq','sr'])[1 + (row_number() OVER () % 3)::int], 'latin', id, 'owner', now(), true FROM o
     RETURNING id, email, organization_id`, [n, hash, tag]);
  return rows.sort((a, b) => a.email.localeCompare(b.email));
}

/**
 * The Secretariat officer of a drill, logged in. Staff must use a second factor (issue 14): when the API asks this
 * officer to enrol one, an authenticator app is set up through the API and its first code confirmed (otplib).
 */
export async function officerLogin(bench, hash) {
  const officer = await new bench.Client(await bench.insertOfficer(hash)).login(PASSWORD);
  const me = (await officer.must('GET', '/api/auth/me')).body;
  if (me.secondFactor?.state === 'enrol') {
    const { secret } = (await officer.must('POST', '/api/auth/second-factor/totp/setup', {})).body;
    const { generateSync } = require('otplib');
    await officer.must('POST', '/api/auth/second-factor/totp/confirm', { code: generateSync({ secret }) });
  }
  return officer;
}

/** Creates and publishes a call (the demo call's definition) with the given submission deadline; returns its id. */
export async function publishCall(officer, domain, reference, deadline) {
  const created = (await officer.must('POST', '/api/calls', { reference, title: { en: 'Faults call', sq: 'Thirrje', sr: 'Poziv' } })).body;
  const { reference: _r, documents: _d, ...definition } = { ...domain.demoCallDraft(new Date().toISOString(), reference), requiredAttachments: [] };
  if (deadline) {
    const now = Date.now();
    definition.dates = {
      ...definition.dates,
      publicationAt: new Date(now - 60_000).toISOString(),
      questionsDeadlineAt: new Date(now + 5_000).toISOString(),
      submissionDeadlineAt: deadline.toISOString(),
      evaluationDueAt: new Date(deadline.getTime() + 30 * 86400_000).toISOString(),
      decisionExpectedAt: new Date(deadline.getTime() + 40 * 86400_000).toISOString(),
    };
  }
  const saved = (await officer.must('PATCH', `/api/calls/${created.id}`, { definition, version: created.version })).body;
  const published = (await officer.must('POST', `/api/calls/${created.id}/publish`, { version: saved.version })).body;
  return { callId: created.id, deadline: published.submissionDeadlineAt, definition, version: published.version };
}

/** The Secretariat extends the call's deadline (an amendment with its reason: the closing job is queued again). */
export async function extendDeadline(officer, call, deadline) {
  const definition = { ...call.definition, dates: { ...call.definition.dates, submissionDeadlineAt: deadline.toISOString() } };
  await officer.must('PATCH', `/api/calls/${call.callId}`, { definition, version: call.version, amendmentReason: 'The deadline is extended for the fault drill' });
}

/** Every owner logs in, starts an application on the call and fills it in (one save), 20 at a time. */
export async function prepareApplications(bench, owners, callId, demoApplicationContent, pool) {
  const clients = owners.map((o) => new bench.Client(o.email));
  await pool(clients, 20, async (c, i) => {
    await c.login(PASSWORD);
    const app = (await c.must('POST', `/api/calls/${callId}/applications`, undefined, [201])).body;
    const saved = (await c.must('PATCH', `/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01', i + 1) })).body;
    c.appId = app.id;
    c.version = saved.version;
  });
  return clients;
}

// ---------------------------------------------------------------------------------------------- checks
/**
 * Submissions: every acknowledged one (a 2xx answer) exists exactly once with the reference and SHA-256 the answer
 * gave, the SHA-256 is that of its frozen snapshot, and no application has a second submission.
 */
export async function submissionCounts(db, domain, callId, acknowledged) {
  const { rows: subs } = await db.query(
    `SELECT s.application_id, s.reference, s.snapshot, s.sha256 FROM application_submissions s JOIN applications a ON a.id = s.application_id WHERE a.call_id = $1`, [callId]);
  const sha = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
  const byApp = new Map();
  for (const s of subs) byApp.set(s.application_id, [...(byApp.get(s.application_id) ?? []), s]);
  let found = 0;
  let answerMismatch = 0;
  for (const a of acknowledged) {
    const rows = byApp.get(a.appId) ?? [];
    if (rows.length >= 1) found++;
    if (rows.length === 1 && (rows[0].reference !== a.reference || rows[0].sha256.trim() !== a.sha256)) answerMismatch++;
  }
  const hashMismatches = subs.filter((s) => sha(domain.canonicalJson(s.snapshot)) !== s.sha256.trim()).length + answerMismatch;
  const duplicated = [...byApp.values()].filter((r) => r.length > 1).length;
  const { rows: [{ n: submittedApps }] } = await db.query(`SELECT count(*)::int AS n FROM applications WHERE call_id = $1 AND status = 'submitted'`, [callId]);
  return { acknowledged: acknowledged.length, found, duplicated, hashMismatches, rows: subs.length, submittedApps };
}

/**
 * E-mails: each stored e-mail row against what the sink accepted. Delivered = accepted at least once; re-sent =
 * accepted again with the same Message-ID (a receiver recognises the repeat and keeps one message); duplicated = an
 * e-mail that arrived under two different Message-IDs (two messages in the reader's mailbox); lost = not delivered.
 */
export async function emailCounts(db, sink) {
  const { rows } = await db.query(`SELECT id::text, status FROM emails`);
  const byId = new Map();
  for (const m of sink.accepted) byId.set(m.emailId, [...(byId.get(m.emailId) ?? []), m]);
  let delivered = 0, resent = 0, duplicated = 0, lost = 0;
  for (const r of rows) {
    const got = byId.get(r.id) ?? [];
    if (!got.length) { lost++; continue; }
    delivered++;
    const ids = new Set(got.map((m) => m.messageId));
    if (ids.size > 1) duplicated++;
    resent += got.length - ids.size;
  }
  const stranger = sink.accepted.filter((m) => !rows.some((r) => r.id === m.emailId)).length;
  return { queued: rows.length, delivered, duplicated, lost, resent, transmissions: sink.accepted.length, unknown: stranger, unsent: rows.filter((r) => r.status !== 'sent').length };
}

/** Waits until fn() is truthy (polling); returns the last value either way. */
export async function until(fn, timeoutMs, everyMs = 500) {
  const end = Date.now() + timeoutMs;
  let v;
  for (;;) {
    v = await fn();
    if (v || Date.now() > end) return v;
    await sleep(everyMs);
  }
}

/** npm run audit:verify on the drill's database: entries checked and whether the chain verifies. */
export function auditVerify(env, snap) {
  const cli = join(snap, 'apps/api/dist/cli/audit-verify.js');
  if (!existsSync(cli)) return { checked: 0, ok: false, output: 'apps/api/dist/cli/audit-verify.js is missing' };
  const r = spawnSync(process.execPath, [cli], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  const output = `${r.stdout}${r.stderr}`.trim();
  const checked = Number(/(\d+) entries checked/.exec(output)?.[1] ?? 0);
  return { checked, ok: r.status === 0 && /intact/.test(output), output: output.split('\n').slice(-3).join(' ') };
}
