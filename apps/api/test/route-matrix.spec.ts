import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../src/seed/demo';
import { seedDemoCalls } from '../src/seed/demo-calls';
import { seedDemoEvaluation } from '../src/seed/demo-evaluation';
import { seedDemoGrants } from '../src/seed/demo-grants';
import { seedDemoMonitoring } from '../src/seed/demo-monitoring';
import { seedDemoPortfolio } from '../src/seed/demo-portfolio';
import { seedDemoReports } from '../src/seed/demo-reports';
import { Client, newUser, PASSWORD, startApi, type Harness } from './harness';
import { MATRIX_ROLES, ROUTE_MATRIX, type MatrixRole } from './route-matrix.table';

/**
 * Every route, every role: each operation of openapi.json is called as each role of MATRIX_ROLES on a record that
 * belongs to organisation A (its grant, its application, its visit…), and each answer's class is compared with the
 * committed table (route-matrix.table.ts). A route without a line, or a line without a route, fails.
 *
 * The world is the demo data (made through the services), plus the few people the demo has not got: another
 * organisation's owner, an evaluator who signed nothing, a monitor of another grant, and throwaway records for the
 * routes that remove something (a user to deactivate, a member to remove, an evaluator to take out of the pool).
 *
 * Calls run route by route in the order of the table's section (reads first, then writes, removals last, logout
 * at the very end), every role of a read at once, the roles of a write one after the other in the table's order,
 * so the answers are the same on every run. `ROUTE_MATRIX_WRITE=1` prints the observed table to
 * $TMPDIR/route-matrix.observed.ts to review against the table by hand.
 */

type Op = { method: string; path: string; key: string };
const NIL = '00000000-0000-4000-8000-000000000000';

function operations(): Op[] {
  const doc = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const ops: Op[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}` });
    }
  }
  return ops;
}

/** The class of an answer: `ok` for 2xx, else the status itself (401, 403, 404, or 400/409/422 about the input or the state). */
const classOf = (status: number) => (status >= 200 && status < 300 ? 'ok' : String(status));

/** Reads first; then writes; removals, deactivations and logout last (they change what later calls see). */
function rank(op: Op): number {
  if (op.key === 'POST /api/auth/logout') return 9;
  if (op.method === 'GET') return 0;
  if (op.method === 'DELETE' || /\/(deactivate|withdraw|close|decline|refuse)$/.test(op.path)) return 2;
  return 1;
}

describe('every route, every role (route-matrix.table.ts)', () => {
  let h: Harness;
  const clients = new Map<MatrixRole, Client>();
  const params: Record<string, string> = {};
  const observed = new Map<string, string[]>();
  /** Callers who reach none of organisation A's records: a list or page they may read must not carry A's ids. */
  const OUTSIDERS: MatrixRole[] = ['anonymous', 'otherOrgOwner', 'evaluatorUndeclared', 'otherMonitor'];
  const secrets: Record<string, string> = {};
  const leaks: string[] = [];
  /** What A's owner saw of the same ids: the check above finds them where they are. */
  const ownerSaw = new Set<string>();

  const q = async (sql: string, args: unknown[] = []): Promise<string | undefined> => {
    const rows: { id: unknown }[] = await h.ds.query(sql, args);
    return rows.length ? String(rows[0].id) : undefined;
  };
  const login = async (email: string, password: string) => new Client(h.app).init().then((c) => c.login(email, password));

  beforeAll(async () => {
    h = await startApi();
    await seedDemo(h.ds);
    await seedDemoCalls(h.app, h.ds);
    await seedDemoEvaluation(h.app, h.ds);
    await seedDemoGrants(h.app, h.ds);
    await seedDemoMonitoring(h.app, h.ds);
    await seedDemoReports(h.app, h.ds);
    await seedDemoPortfolio(h.app, h.ds);

    // organisation A: the organisation of the grant with the most monitoring and reporting behind it; its owner and member made here
    const grant = (await q(
      `SELECT g.id FROM grants g ORDER BY (SELECT count(*) FROM visit_report_photos p JOIN visit_reports r ON r.id = p.report_id WHERE r.grant_id = g.id) DESC,
              (SELECT count(*) FROM action_points a WHERE a.grant_id = g.id) DESC, (SELECT count(*) FROM monitoring_visits v WHERE v.grant_id = g.id) DESC,
              (SELECT count(*) FROM expenditure_reports e WHERE e.grant_id = g.id) DESC, g.agreement_number LIMIT 1`))!;
    const orgA = (await q(`SELECT organization_id AS id FROM grants WHERE id = $1`, [grant]))!;
    const ownerA = await newUser(h.ds, 'applicant', { organizationId: orgA, orgRole: 'owner' });
    const memberA = await newUser(h.ds, 'applicant', { organizationId: orgA, orgRole: 'member' });
    const owner = { id: (await q(`SELECT id FROM users WHERE organization_id = $1 AND org_role = 'owner' ORDER BY created_at LIMIT 1`, [orgA]))! };
    const [{ award_id: awardId, application_id: grantApplication, call_id: grantCall, monitor_id: monitorA }] =
      await h.ds.query(`SELECT award_id, application_id, call_id, monitor_id FROM grants WHERE id = $1`, [grant]);
    const application = grantApplication ?? (await q(`SELECT id FROM applications WHERE organization_id = $1 AND status <> 'draft' ORDER BY created_at LIMIT 1`, [orgA]));
    const call = grantCall;

    // the people the demo has not got
    const otherOwner = await newUser(h.ds, 'applicant');
    const fresh = await newUser(h.ds, 'evaluator');
    const otherMonitor = await newUser(h.ds, 'monitor');
    const victimUser = await newUser(h.ds, 'applicant');
    const removableMember = await newUser(h.ds, 'applicant', { organizationId: orgA, orgRole: 'member' });
    const poolEvaluator = await newUser(h.ds, 'evaluator');
    await h.ds.query(`INSERT INTO call_evaluators (call_id, user_id) VALUES ($1, $2)`, [call, poolEvaluator.user.id]);
    // the evaluator with a declared conflict: Driton (the demo's conflict), his conflict moved onto A's application if it is elsewhere
    const driton = (await q(`SELECT id FROM users WHERE email = 'evaluator3@demo.grants.test'`))!;
    // the evaluator with a declaration: one who signed for A's call and holds a (non-conflicted) assignment on A's application
    const [declaredRow] = await h.ds.query(
      `SELECT a.id, a.evaluator_id AS "evaluatorId" FROM evaluation_assignments a JOIN evaluator_declarations d ON d.user_id = a.evaluator_id AND d.call_id = a.call_id
        WHERE a.application_id = $1 AND a.evaluator_id <> $2 AND a.status <> 'conflict' ORDER BY a.created_at, a.id LIMIT 1`, [application, driton]);
    const declared: string = declaredRow.evaluatorId;
    const conflictOnA = await q(`SELECT id FROM evaluation_assignments WHERE application_id = $1 AND evaluator_id = $2`, [application, driton]);
    if (conflictOnA) await h.ds.query(`UPDATE evaluation_assignments SET status = 'conflict', conflict_reason = 'route matrix', conflict_at = now() WHERE id = $1`, [conflictOnA]);
    else await h.ds.query(
      `INSERT INTO evaluation_assignments (call_id, application_id, evaluator_id, status, origin, due_at, conflict_reason, conflict_at)
       VALUES ($1, $2, $3, 'conflict', 'replacement', now() + interval '10 days', 'route matrix', now())`, [call, application, driton]);

    const emails: Record<Exclude<MatrixRole, 'anonymous'>, [string, string]> = {
      owner: [ownerA.email, PASSWORD],
      member: [memberA.email, PASSWORD],
      otherOrgOwner: [otherOwner.email, PASSWORD],
      evaluatorDeclared: [(await h.ds.query(`SELECT email FROM users WHERE id = $1`, [declared]))[0].email, 'demo-evaluator-2026'],
      evaluatorUndeclared: [fresh.email, PASSWORD],
      evaluatorConflicted: ['evaluator3@demo.grants.test', 'demo-evaluator-2026'],
      otherMonitor: [otherMonitor.email, PASSWORD],
      observer: ['observer@demo.grants.test', 'demo-observer-2026'],
      secretariat: ['officer@demo.grants.test', 'demo-officer-2026'],
      admin: ['admin@demo.grants.test', 'demo-admin-2026'],
    };
    clients.set('anonymous', await new Client(h.app).init());
    for (const [role, [email, password]] of Object.entries(emails)) clients.set(role as MatrixRole, await login(email, password));

    const visit = await q(`SELECT v.id FROM monitoring_visits v JOIN visit_reports r ON r.visit_id = v.id WHERE v.grant_id = $1 ORDER BY (SELECT count(*) FROM visit_report_photos p WHERE p.report_id = r.id) DESC LIMIT 1`, [grant])
      ?? (await q(`SELECT id FROM monitoring_visits WHERE grant_id = $1 LIMIT 1`, [grant]));
    const report = await q(`SELECT id FROM narrative_reports WHERE grant_id = $1 ORDER BY submitted_version DESC NULLS LAST, seq LIMIT 1`, [grant]);
    const expenditure = await q(`SELECT id FROM expenditure_reports WHERE grant_id = $1 ORDER BY seq LIMIT 1`, [grant]);
    const invitation = await q(
      `INSERT INTO invitations (email, role, organization_id, org_role, full_name, language, token_hash, expires_at)
       VALUES ('invited-matrix@example.org', 'applicant', $1, 'member', 'Invited', 'en', md5(random()::text), now() + interval '7 days') RETURNING id`, [orgA]);
    const question = await q(`SELECT id FROM call_questions WHERE call_id = $1 LIMIT 1`, [call]) ?? (await q(
      `INSERT INTO call_questions (call_id, organization_id, asked_by, question) VALUES ($1, $2, $3, 'A question of the matrix') RETURNING id`, [call, orgA, owner.id]));
    // records the demo has not got for A, made here (their files share a demo file's stored bytes)
    const orgFile = await q(`SELECT id FROM files WHERE organization_id = $1 ORDER BY created_at LIMIT 1`, [orgA]);
    const copyFile = async () => orgFile && q(
      `INSERT INTO files (storage, storage_key, file_name, mime_type, size, sha256, organization_id, created_by)
       SELECT storage, storage_key, file_name, mime_type, size, sha256, organization_id, created_by FROM files WHERE id = $1 RETURNING id`, [orgFile]);
    const documentId = await q(`SELECT id FROM organization_documents WHERE organization_id = $1 LIMIT 1`, [orgA]) ?? (await q(
      `INSERT INTO organization_documents (organization_id, kind, file_id, uploaded_by) VALUES ($1, 'statute', $2, $3) RETURNING id`, [orgA, await copyFile(), owner.id]));
    const attachmentId = await q(`SELECT id FROM application_attachments WHERE application_id = $1 LIMIT 1`, [application]) ?? (await q(
      `INSERT INTO application_attachments (application_id, requirement_id, file_id) SELECT $1, requirement_id, $2 FROM application_attachments LIMIT 1 RETURNING id`, [application, await copyFile()]));
    const sessionId = await q(`SELECT id FROM info_sessions WHERE call_id = $1 LIMIT 1`, [call]) ?? (await q(
      `INSERT INTO info_sessions (call_id, starts_at, place, capacity, created_by) VALUES ($1, now() + interval '30 days', 'Prishtina', 20, $2) RETURNING id`, [call, owner.id]).catch(() => undefined));
    const officer = clients.get('secretariat')!;
    const strategy = (await officer.post('/api/strategy-reports', { kind: 'annual', year: 2025 })).body?.id as string | undefined;
    const dossier = (await officer.post(`/api/grants/${grant}/dossiers`, {})).body?.id as string | undefined;
    // a safeguarding concern, reported anonymously: only focal points (none of the callers here) reach it
    const reported = await clients.get('anonymous')!.post('/api/safeguarding/reports', { category: 'other', whatHappened: 'A concern reported for the route matrix.' });
    const concern = await q(`SELECT id FROM safeguarding_reports LIMIT 1`).catch((e: Error) => void console.log(`safeguarding: ${reported.status} ${e.message}`));
    Object.assign(params, {
      'safeguarding:id': concern,
      'safeguarding:userId': victimUser.user.id,
      'notifications:id': await q(`INSERT INTO notifications (user_id, kind, params, link, dedupe_key, email_delivery) SELECT $1, kind, params, link, 'matrix-' || id, email_delivery FROM notifications LIMIT 1 RETURNING id`, [ownerA.user.id]),
      'files:fileId': await q(`SELECT id FROM files WHERE organization_id = $1 ORDER BY created_at LIMIT 1`, [orgA]),
      'users:id': victimUser.user.id,
      'invitations:id': invitation,
      'auth:token': 'not-a-token',
      'organizations:id': orgA,
      'organizations:invitationId': invitation,
      'organizations:userId': removableMember.user.id,
      'organizations:documentId': documentId,
      'calls:id': call,
      'calls:questionId': question,
      'calls:sessionId': sessionId,
      'calls:userId': poolEvaluator.user.id,
      'applications:id': application,
      'applications:attachmentId': attachmentId,
      'assignments:id': declaredRow.id,
      'evaluations:callId': call,
      'awards:id': awardId,
      'grants:id': grant,
      'grants:grantId': grant,
      'grants:fileId': await q(`SELECT unnest(document_file_ids) AS id FROM tranches WHERE grant_id = $1 LIMIT 1`, [grant])
        ?? (await q(`SELECT agreement_file_id AS id FROM grants WHERE id = $1 AND agreement_file_id IS NOT NULL`, [grant])),
      'grants:version': '1',
      'grant-amendments:id': await q(`SELECT id FROM grant_amendments WHERE grant_id = $1 LIMIT 1`, [grant]),
      'tranches:id': await q(`SELECT id FROM tranches WHERE grant_id = $1 ORDER BY seq LIMIT 1`, [grant]),
      'payment-orders:id': await q(`SELECT id FROM payment_orders ORDER BY created_at LIMIT 1`),
      'expenditure-reports:id': expenditure,
      'expenditure-reports:fileId': expenditure ? await q(`SELECT unnest(document_file_ids) AS id FROM expenditure_reports WHERE id = $1`, [expenditure]) : undefined,
      'recovery-orders:id': await q(`SELECT id FROM recovery_orders ORDER BY created_at LIMIT 1`),
      'visits:id': visit,
      'visits:photoId': visit ? await q(`SELECT p.id FROM visit_report_photos p JOIN visit_reports r ON r.id = p.report_id WHERE r.visit_id = $1 LIMIT 1`, [visit]) : undefined,
      'action-points:id': await q(`SELECT id FROM action_points WHERE grant_id = $1 ORDER BY seq LIMIT 1`, [grant]) ?? (await q(`SELECT id FROM action_points LIMIT 1`)),
      'reports:id': report,
      'reports:version': '1',
      'reports:requestId': await q(`SELECT id FROM report_extension_requests LIMIT 1`),
      'strategy-reports:id': strategy,
      'dossiers:id': dossier,
    });
    Object.assign(secrets, { organisation: orgA, grant, application });
    const missing = Object.entries(params).filter(([, v]) => !v).map(([k]) => k);
    for (const k of missing) params[k] = NIL;
    console.log(`route matrix: organisation A ${orgA}, its grant ${grant} (monitor ${monitorA}); path parameters without a record (nil id): ${missing.join(', ') || 'none'}`);
  }, 180_000);
  afterAll(() => h.close());

  it('has one line per operation of openapi.json, and none for a route that is gone', () => {
    const keys = new Set(operations().map((o) => o.key));
    const withoutLine = [...keys].filter((k) => !(k in ROUTE_MATRIX));
    const gone = Object.keys(ROUTE_MATRIX).filter((k) => !keys.has(k));
    expect({ addALineToRouteMatrixTableFor: withoutLine, removeTheLineOfAGoneRoute: gone }).toEqual({ addALineToRouteMatrixTableFor: [], removeTheLineOfAGoneRoute: [] });
    for (const [k, line] of Object.entries(ROUTE_MATRIX)) expect({ k, n: line.split(/\s+/).length }).toEqual({ k, n: MATRIX_ROLES.length });
  });

  it('answers every route as every role as the table says', async () => {
    const ops = operations().filter((o) => process.env.ROUTE_MATRIX_WRITE || o.key in ROUTE_MATRIX).sort((a, b) => rank(a) - rank(b));
    const call = async (role: MatrixRole, op: Op) => {
      const c = clients.get(role)!;
      const seg = op.path.split('/')[2];
      const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[`${seg}:${name}`] ?? NIL);
      const res = op.method === 'GET' ? await c.get(path).buffer(true) : op.method === 'DELETE' ? await c.delete(path)
        : await (c as unknown as Record<string, (p: string, b: object) => Promise<{ status: number }>>)[op.method.toLowerCase()](path, {});
      if (op.method === 'GET' && res.status === 200 && (OUTSIDERS.includes(role) || role === 'owner')) {
        const r = res as unknown as { text?: string; body?: unknown };
        const text = typeof r.text === 'string' ? r.text : JSON.stringify(r.body ?? '');
        for (const [what, id] of Object.entries(secrets)) {
          if (!text.includes(id)) continue;
          if (role === 'owner') ownerSaw.add(what);
          else leaks.push(`${op.key} as ${role} shows organisation A's ${what}`);
        }
      }
      return classOf(res.status);
    };
    for (const op of ops) {
      if (op.method === 'GET') observed.set(op.key, await Promise.all(MATRIX_ROLES.map((r) => call(r, op))));
      else {
        const got: string[] = [];
        for (const r of MATRIX_ROLES) got.push(await call(r, op));
        observed.set(op.key, got);
      }
    }
    const counts: Record<string, number> = {};
    for (const line of observed.values()) for (const c of line) counts[c] = (counts[c] ?? 0) + 1;
    console.log(`route matrix: ${observed.size} routes x ${MATRIX_ROLES.length} roles = ${observed.size * MATRIX_ROLES.length} calls; ${Object.entries(counts).sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`);
    if (process.env.ROUTE_MATRIX_WRITE) {
      const lines = operations().map((o) => `  '${o.key}': '${(observed.get(o.key) ?? []).join(' ')}',`);
      writeFileSync(join(tmpdir(), 'route-matrix.observed.ts'), lines.join('\n') + '\n');
    }
    const differ: string[] = [];
    for (const [key, got] of observed) {
      if (!(key in ROUTE_MATRIX)) continue;
      const want = ROUTE_MATRIX[key].split(/\s+/);
      MATRIX_ROLES.forEach((r, i) => { if (want[i] !== got[i]) differ.push(`${key} as ${r}: table ${want[i]}, answered ${got[i]}`); });
    }
    expect(differ).toEqual([]);
    expect(leaks).toEqual([]);
    expect([...ownerSaw].sort()).toEqual(Object.keys(secrets).sort());
  }, 240_000);
});
