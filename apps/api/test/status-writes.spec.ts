import {
  APPLICATION_STATUSES, ASSIGNMENT_STATUSES, AWARD_STATUSES, CALL_STATUSES, EXPENDITURE_REPORT_STATUSES, GRANT_AMENDMENT_STATUSES, GRANT_STATUSES, INFO_SESSION_STATUSES,
  TRANCHE_STATUSES, VISIT_REPORT_STATUSES, ACTION_POINT_STATUSES, STRATEGY_REPORT_STATUSES,
} from '@grants/domain';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { changeApplicationStatus } from '../src/modules/applications/application-status';
import { AuditService } from '../src/modules/audit/audit.service';
import { changeCallStatus } from '../src/modules/calls/call-status';
import { changeInfoSessionStatus } from '../src/modules/calls/info-session-status';
import { Harness, loginAs, newOrganization, startApi } from './harness';

// ---------------------------------------------------------------------------------------------------------
// Nothing but the state functions writes a status column

/**
 * Files allowed to write a status column, each with its reason. The typed state functions
 * (applications/application-status.ts, calls/call-status.ts, calls/info-session-status.ts,
 * evaluations/assignment-status.ts, awards/award-status.ts) all go through the first; none of them writes one itself.
 */
const ALLOWED: Record<string, string> = {
  'common/status-change.ts': 'the one writer: checks the transition table and writes the audit row',
  'modules/mail/jobs/email-send.job.ts': "an e-mail's delivery state (pending → sent | caught), owned by the one job that sends it",
  'modules/retention/retention.repository.ts': "a retention sweep's own progress (running → done | failed), written only by the sweep that runs it",
};

/** Where a piece of source writes a status: `UPDATE … SET status =`, `.status = …`, `update(…, { status: … })`, `.set({ status })`, `Object.assign(x, { status })`. */
export function statusWrites(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/UPDATE\s+[a-z_"]+\s+SET\s+([\s\S]*?)(?:\bWHERE\b|\bRETURNING\b|`)/gi)) {
    if (/(^|[\s,(])status\s*=/i.test(m[1])) found.push(m[0].slice(0, 80));
  }
  const patterns = [
    // an assignment statement (`call.status = …`), not a comparison inside SQL (`WHERE a.status = 'x'`)
    /^\s*[\w$]+(?:\.[\w$]+)*\.status\s*=(?!=)[^;\n]*/gm,
    /\.update\s*\([^;]*?\{[^;{}]*\bstatus\s*:[^;]*/g,
    /\.set\s*\(\s*\{[^;]*?\bstatus\s*:[^;]*/g,
    /Object\.assign\s*\([^;]*?\{[^;{}]*\bstatus\s*:[^;]*/g,
  ];
  for (const p of patterns) for (const m of source.matchAll(p)) found.push(m[0].slice(0, 80));
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** STATUS_SCAN_ROOT points the scan at another tree (e.g. an older commit's apps/api/src) to see it fail there. */
const ROOT = process.env.STATUS_SCAN_ROOT ?? join(__dirname, '../src');

describe('status writes', () => {
  it('finds each way of writing a status (the scanner itself)', () => {
    expect(statusWrites("await m.query(`UPDATE applications SET status = 'in_evaluation', updated_at = now() WHERE call_id = $1`)")).toHaveLength(1);
    expect(statusWrites("await m.query(`UPDATE evaluation_assignments SET updated_at = now(), status = 'removed' WHERE id = $1`)")).toHaveLength(1);
    expect(statusWrites("call.status = 'closed';\nawait m.save(call);")).toHaveLength(1);
    expect(statusWrites("await m.update(ApplicationEntity, { id: In(ids) }, { status: outcome });")).toHaveLength(1);
    expect(statusWrites("await m.createQueryBuilder().update(CallEntity).set({ status: 'decided' }).execute();")).toHaveLength(2);
    expect(statusWrites("Object.assign(app, { status: 'withdrawn', withdrawnAt: now });")).toHaveLength(1);
    // reading a status, filtering by it, or creating a record in its first state is not a write
    expect(statusWrites("if (call.status === 'published' || a.status !== 'x') return;")).toEqual([]);
    expect(statusWrites("await m.query(`UPDATE emails SET attempts = attempts + 1 WHERE status = 'pending'`)")).toEqual([]);
    expect(statusWrites("m.create(CallEntity, { reference, status: 'draft' })")).toEqual([]);
  });

  it('no file of the API but the state functions writes a status column', () => {
    const offenders = sourceFiles(ROOT)
      .map((path) => ({ file: relative(ROOT, path).split('\\').join('/'), writes: statusWrites(readFileSync(path, 'utf8')) }))
      .filter((f) => f.writes.length && !(f.file in ALLOWED));
    expect(offenders).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The state functions, and the database's own check

describe('state functions and status constraints', () => {
  let h: Harness;
  let audit: AuditService;
  const actor = { id: null, email: 'status-test' };
  let seq = 0;

  beforeAll(async () => {
    h = await startApi();
    audit = h.app.get(AuditService);
  });
  afterAll(() => h.close());

  /** A draft call. */
  async function records() {
    const officer = await loginAs(h, 'secretariat');
    const ref = `MF-S-2026-${String(++seq).padStart(2, '0')}`;
    const call = (await officer.client.post('/api/calls', { reference: ref, title: { en: 'S', sq: 'S', sr: 'S' } }).expect(201)).body;
    return { callId: call.id as string, reference: ref };
  }

  const auditRows = async (entityId: string) =>
    (await h.ds.query(`SELECT action, summary FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [entityId])) as { action: string; summary: string }[];

  it('refuses an illegal transition with 409 invalid_transition, changes nothing and writes no audit row', async () => {
    const { callId } = await records();
    const before = await auditRows(callId);
    const err = await h.ds.transaction((m) => changeCallStatus(m, audit, actor, callId, 'decided')).catch((e) => e);
    expect(err.getStatus()).toBe(409);
    expect(err.getResponse()).toMatchObject({ code: 'invalid_transition', details: [{ field: 'status', code: 'invalid_transition' }] });
    const [row] = await h.ds.query(`SELECT status FROM calls WHERE id = $1`, [callId]);
    expect(row.status).toBe('draft');
    expect(await auditRows(callId)).toEqual(before);
  });

  it('refuses a bulk change as a whole when one record may not move, and answers 404 for a missing record', async () => {
    const a = await records();
    const b = await records();
    await h.ds.query(`UPDATE calls SET status = 'published' WHERE id = $1`, [b.callId]); // a fixture, written around the rules on purpose
    // draft → published is legal for a, published → published is not for b: neither moves
    const { canTransitionCall } = await import('@grants/domain');
    expect(canTransitionCall('draft', 'published')).toBe(true);
    const err = await h.ds.transaction(async (m) => {
      const { changeStatus } = await import('../src/common/status-change');
      const { CallEntity } = await import('../src/modules/calls/entities/call.entity');
      return changeStatus(m, audit, actor, { entity: CallEntity, noun: 'call', canTransition: canTransitionCall, label: (c) => c.reference }, [a.callId, b.callId], 'published');
    }).catch((e) => e);
    expect(err.getStatus()).toBe(409);
    const rows: { id: string; status: string }[] = await h.ds.query(`SELECT id, status FROM calls WHERE id = ANY($1::uuid[])`, [[a.callId, b.callId]]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [a.callId]: 'draft', [b.callId]: 'published' });
    const missing = await h.ds.transaction((m) => changeApplicationStatus(m, audit, actor, '00000000-0000-4000-8000-000000000000', 'withdrawn')).catch((e) => e);
    expect(missing.getStatus()).toBe(404);
  });

  it('writes the new status and its audit row in the same transaction on a legal transition', async () => {
    const { callId, reference } = await records();
    await h.ds.query(`UPDATE calls SET status = 'closed' WHERE id = $1`, [callId]); // a fixture
    const changed = await h.ds.transaction((m) => changeCallStatus(m, audit, actor, callId, 'in_evaluation'));
    expect(changed.status).toBe('in_evaluation');
    const [row] = await h.ds.query(`SELECT status FROM calls WHERE id = $1`, [callId]);
    expect(row.status).toBe('in_evaluation');
    expect((await auditRows(callId)).pop()).toEqual({ action: 'call.in_evaluation', summary: `${reference}: closed → in_evaluation` });
    // rolled back together: a failure after the change leaves neither the status nor the audit row
    const before = await auditRows(callId);
    await h.ds.transaction(async (m) => {
      await changeCallStatus(m, audit, actor, callId, 'decided');
      throw new Error('later step failed');
    }).catch(() => undefined);
    expect((await h.ds.query(`SELECT status FROM calls WHERE id = $1`, [callId]))[0].status).toBe('in_evaluation');
    expect(await auditRows(callId)).toEqual(before);
  });

  it("an info session's cancellation goes through the state function: status, columns and audit row together, once", async () => {
    const { callId } = await records();
    const [session] = await h.ds.query(`INSERT INTO info_sessions (call_id, starts_at, place, capacity) VALUES ($1, now() + interval '7 days', 'Prishtina', 20) RETURNING id`, [callId]); // a fixture
    const opts = { set: { cancelReason: 'The venue is closed', cancelledAt: new Date() }, audit: { action: 'call.info_session_cancelled', entity: 'call', entityId: callId, summary: 'cancelled: The venue is closed' } };
    const changed = await h.ds.transaction((m) => changeInfoSessionStatus(m, audit, actor, session.id, 'cancelled', opts));
    expect(changed).toMatchObject({ status: 'cancelled', cancelReason: 'The venue is closed' });
    expect((await auditRows(callId)).pop()).toEqual({ action: 'call.info_session_cancelled', summary: 'cancelled: The venue is closed' });
    const before = await auditRows(callId);
    const again = await h.ds.transaction((m) => changeInfoSessionStatus(m, audit, actor, session.id, 'cancelled', opts)).catch((e) => e);
    expect(again.getStatus()).toBe(409);
    expect(again.getResponse()).toMatchObject({ code: 'invalid_transition' });
    expect(await auditRows(callId)).toEqual(before);
  });

  it("the database refuses a status it does not know, and its lists are the domain's", async () => {
    const rows: { t: string; def: string }[] = await h.ds.query(
      `SELECT conrelid::regclass::text AS t, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'c' AND conname LIKE '%\\_status\\_known'`);
    const lists = Object.fromEntries(rows.map((r) => [r.t, [...r.def.matchAll(/'([a-z_]+)'/g)].map((x) => x[1]).sort()]));
    expect(lists).toEqual({
      applications: [...APPLICATION_STATUSES].sort(), calls: [...CALL_STATUSES].sort(),
      evaluation_assignments: [...ASSIGNMENT_STATUSES].sort(), awards: [...AWARD_STATUSES].sort(),
      info_sessions: [...INFO_SESSION_STATUSES].sort(),
      grants: [...GRANT_STATUSES].sort(), tranches: [...TRANCHE_STATUSES].sort(), grant_amendments: [...GRANT_AMENDMENT_STATUSES].sort(),
      expenditure_reports: [...EXPENDITURE_REPORT_STATUSES].sort(),
      visit_reports: [...VISIT_REPORT_STATUSES].sort(), action_points: [...ACTION_POINT_STATUSES].sort(),
      strategy_reports: [...STRATEGY_REPORT_STATUSES].sort(),
    });
    const { callId } = await records();
    await expect(h.ds.query(`UPDATE calls SET status = 'reopened' WHERE id = $1`, [callId])).rejects.toThrow(/calls_status_known/);
    const org = await newOrganization(h.ds);
    const [app] = await h.ds.query(`INSERT INTO applications (call_id, organization_id) VALUES ($1, $2) RETURNING id`, [callId, org.id]); // a fixture
    await expect(h.ds.query(`UPDATE applications SET status = 'approved' WHERE id = $1`, [app.id])).rejects.toThrow(/applications_status_known/);
    expect((await h.ds.query(`SELECT status FROM applications WHERE id = $1`, [app.id]))[0].status).toBe('draft');
  });
});
