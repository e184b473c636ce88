import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { retentionRepository } from '../src/modules/retention/retention.repository';
import { RetentionService } from '../src/modules/retention/retention.service';
import { Harness, loginAs, newUser, startApi } from './harness';
import { grantInForce, testCall } from './monitoring-factory';

type StoredFile = { id: string; path: string };

/**
 * Retention and the files records keep WITHOUT a foreign key (issue 14): the id arrays of tranches, expenditure
 * reports, action points and their events, and the JSON of narrative reports (and their submitted versions),
 * amendments, applications and their submissions, calls. A purged grant takes the files only it referred to (rows and
 * bytes, counted in the run report); a file that a record which stays still names, by key, array or JSON, is kept,
 * by the purge function and by removeFiles alike.
 */
describe('retention: files referred to by id arrays and JSON', () => {
  let h: Harness;
  const f: Record<string, StoredFile> = {};
  const ids: Record<string, string> = {};
  const count = async (sql: string, params: unknown[] = []) => (await h.ds.query(sql, params))[0].n as number;
  const fileRows = (id: string) => count(`SELECT count(*)::int AS n FROM files WHERE id = $1`, [id]);
  const storedFile = async (name: string, organizationId: string | null): Promise<StoredFile> => {
    const key = `retention-files-test/${randomUUID()}`;
    mkdirSync(join(process.env.FILE_STORAGE_DIR!, 'retention-files-test'), { recursive: true });
    writeFileSync(join(process.env.FILE_STORAGE_DIR!, key), Buffer.from(`%PDF-1.4 ${name}`));
    const [row] = await h.ds.query(
      `INSERT INTO files (storage, storage_key, file_name, mime_type, size, sha256, organization_id)
       VALUES ('local', $1, $2, 'application/pdf', 12, repeat('b', 64), $3) RETURNING id`, [key, `${name}.pdf`, organizationId]);
    return { id: row.id as string, path: join(process.env.FILE_STORAGE_DIR!, key) };
  };
  const narrativeContent = (evidence: string[]) => JSON.stringify({ indicators: { I1: { periodValue: '1', cumulativeValue: '1', comment: '', evidenceFileIds: evidence } } });

  beforeAll(async () => {
    h = await startApi();
    const officer = await loginAs(h, 'secretariat');
    const call = await testCall(h.ds, officer.client, `MF-RETF-${process.pid}`);

    // two grants of one organisation: A closed 6 years ago (expired), B in force (stays)
    const a = await grantInForce(h.ds, call);
    const org = (await h.ds.query(`SELECT organization_id FROM grants WHERE id = $1`, [a.grantId]))[0].organization_id as string;
    ids.grantA = a.grantId;
    ids.grantB = (await grantInForce(h.ds, call)).grantId;

    ids.org = org;
    ids.call = call.callId;
    ids.decision = call.decisionId;
    for (const name of ['expenditure', 'actionPoint', 'actionPointEvent', 'narrative', 'narrativeVersion', 'shared', 'sharedJson', 'sharedPoint']) {
      f[name] = await storedFile(name, org);
    }

    // grant A: its files are named only by id arrays and JSON (no foreign key)
    await h.ds.query(`INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_on, paid_on, paid_at, bank_reference, document_file_ids)
                      VALUES ($1, 1, 'pre_financing', 4000000, current_date - 2200, 'paid', current_date - 2200, current_date - 2200, now() - interval '6 years', 'REF-A', $2)`,
    [ids.grantA, [f.shared!.id]]);
    await h.ds.query(`INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, document_file_ids) VALUES ($1, 1, current_date - 2300, current_date - 2200, $2)`,
      [ids.grantA, [f.expenditure!.id]]);
    const [visit] = await h.ds.query(`INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by) VALUES ($1, $2, 'planned', current_date - 2300, 'Check', $2) RETURNING id`,
      [ids.grantA, a.monitor.user.id]);
    const [report] = await h.ds.query(`INSERT INTO visit_reports (visit_id, grant_id) VALUES ($1, $2) RETURNING id`, [visit.id, ids.grantA]);
    const [point] = await h.ds.query(
      `INSERT INTO action_points (report_id, grant_id, seq, what, owner, priority, due_date, status, evidence_file_ids, created_by)
       VALUES ($1, $2, 1, 'Fix it', 'organisation', 'low', current_date - 2250, 'answered', $3, $4) RETURNING id`,
      [report.id, ids.grantA, [f.actionPoint!.id, f.sharedPoint!.id], a.monitor.user.id]);
    await h.ds.query(`INSERT INTO action_point_events (action_point_id, kind, body, evidence_file_ids, by_user) VALUES ($1, 'answer', 'Done', $2, $3)`,
      [point.id, [f.actionPointEvent!.id], a.owner.user.id]);
    // upper case in the JSON: the id is still the file's
    const [narrative] = await h.ds.query(
      `INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date, status, content, submitted_version)
       VALUES ($1, 1, 'final', current_date - 2300, current_date - 2200, current_date - 2190, 'accepted', $2, 1) RETURNING id`,
      [ids.grantA, narrativeContent([f.narrative!.id.toUpperCase(), f.sharedJson!.id])]);
    await h.ds.query(`INSERT INTO narrative_report_versions (report_id, version, content, sha256, submitted_by) VALUES ($1, 1, $2, repeat('c', 64), $3)`,
      [narrative.id, narrativeContent([f.narrativeVersion!.id]), a.owner.user.id]);
    await h.ds.query(`UPDATE grants SET status = 'closed', closed_at = now() - interval '6 years' WHERE id = $1`, [ids.grantA]);

    // grant B, which stays, names three of them too: by an expenditure report's ids, a narrative report's JSON, an action point event's evidence
    await h.ds.query(`INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, document_file_ids) VALUES ($1, 1, current_date - 30, current_date, $2)`,
      [ids.grantB, [f.shared!.id]]);
    await h.ds.query(`INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date, content) VALUES ($1, 1, 'interim', current_date - 30, current_date, current_date + 30, $2)`,
      [ids.grantB, narrativeContent([f.sharedJson!.id])]);
    const [visitB] = await h.ds.query(`INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by) VALUES ($1, $2, 'planned', current_date, 'Check', $2) RETURNING id`,
      [ids.grantB, a.monitor.user.id]);
    const [reportB] = await h.ds.query(`INSERT INTO visit_reports (visit_id, grant_id) VALUES ($1, $2) RETURNING id`, [visitB.id, ids.grantB]);
    const [pointB] = await h.ds.query(
      `INSERT INTO action_points (report_id, grant_id, seq, what, owner, priority, due_date, created_by) VALUES ($1, $2, 1, 'Check', 'organisation', 'low', current_date + 10, $3) RETURNING id`,
      [reportB.id, ids.grantB, a.monitor.user.id]);
    await h.ds.query(`INSERT INTO action_point_events (action_point_id, kind, body, evidence_file_ids, by_user) VALUES ($1, 'answer', 'Also', $2, $3)`, [pointB.id, [f.sharedPoint!.id], a.monitor.user.id]);
  }, 120_000);
  afterAll(() => h.close());

  it('removeFiles keeps a file an id array or JSON of a record that stays still names, and removes one nothing names', async () => {
    const orphan = await storedFile('orphan', null);
    const [call] = await h.ds.query(`SELECT id FROM calls LIMIT 1`);
    const inCall = await storedFile('call-definition', null);
    await h.ds.query(`UPDATE calls SET definition = jsonb_set(definition, '{documents}', $2::jsonb) WHERE id = $1`,
      [call.id, JSON.stringify([{ id: 'd1', kind: 'guidelines', fileId: inCall.id, title: { en: 'G', sq: 'G', sr: 'G' } }])]);
    const removed = await h.ds.transaction((m) => retentionRepository.removeFiles(m, [f.shared!.id, f.sharedJson!.id, f.sharedPoint!.id, inCall.id, orphan.id]));
    expect(removed.map((r) => r.file_id)).toEqual([orphan.id]);
    for (const id of [f.shared!.id, f.sharedJson!.id, f.sharedPoint!.id, inCall.id]) expect(await fileRows(id)).toBe(1);
    expect(await fileRows(orphan.id)).toBe(0);
  });

  it("a grant's purge removes the files only its id arrays and JSON named (rows and bytes), counts them, and keeps those another record names", async () => {
    const run = await h.app.get(RetentionService).sweep();
    expect(run.status).toBe('done');
    expect(await count(`SELECT count(*)::int AS n FROM grants WHERE id = $1`, [ids.grantA])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM grants WHERE id = $1`, [ids.grantB])).toBe(1);

    const gone = ['expenditure', 'actionPoint', 'actionPointEvent', 'narrative', 'narrativeVersion'];
    for (const name of gone) {
      expect([name, await fileRows(f[name]!.id)]).toEqual([name, 0]);
      expect([name, existsSync(f[name]!.path)]).toEqual([name, false]);
    }
    for (const name of ['shared', 'sharedJson', 'sharedPoint']) {
      expect([name, await fileRows(f[name]!.id)]).toEqual([name, 1]);
      expect([name, existsSync(f[name]!.path)]).toEqual([name, true]);
    }

    const files = run.items.find((i) => i.type === 'grant' && i.table === 'files');
    const removedIds = gone.map((n) => f[n]!.id).sort();
    expect(files).toEqual({ type: 'grant', table: 'files', count: gone.length, firstId: removedIds[0], lastId: removedIds.at(-1) });
    const [entry] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'retention.swept' ORDER BY seq DESC LIMIT 1`);
    expect(entry.summary).toContain(`grant/files ${gone.length} (${removedIds[0]} … ${removedIds.at(-1)})`);
  });

  it("a grant whose application kept files is purged with them (its attachment by key, a file its submission's JSON named)", async () => {
    const c = await grantInForce(h.ds, { callId: ids.call!, decisionId: ids.decision! });
    const [app] = await h.ds.query(`SELECT application_id AS id FROM awards WHERE id = (SELECT award_id FROM grants WHERE id = $1)`, [c.grantId]);
    await h.ds.query(`UPDATE grants SET application_id = $2 WHERE id = $1`, [c.grantId, app.id]);
    const attachment = await storedFile('attachment', ids.org!);
    const submitted = await storedFile('submission', ids.org!);
    await h.ds.query(`UPDATE files SET application_id = $2 WHERE id = $1`, [attachment.id, app.id]);
    await h.ds.query(`INSERT INTO application_attachments (application_id, requirement_id, file_id) VALUES ($1, 'other', $2)`, [app.id, attachment.id]);
    await h.ds.query(`INSERT INTO application_submissions (application_id, seq, reference, snapshot, sha256, submitted_by, submitted_at)
                      VALUES ($1, 1, 'RETF-1', $2, repeat('d', 64), $3, now() - interval '7 years')`,
    [app.id, JSON.stringify({ content: { attachments: [{ requirementId: 'other', fileId: submitted.id }, { requirementId: 'budget', fileId: f.shared!.id }] } }), c.owner.user.id]);
    await h.ds.query(`INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_on, paid_on, paid_at, bank_reference)
                      VALUES ($1, 1, 'pre_financing', 4000000, current_date - 2200, 'paid', current_date - 2200, current_date - 2200, now() - interval '6 years', 'REF-C')`, [c.grantId]);
    await h.ds.query(`UPDATE grants SET status = 'closed', closed_at = now() - interval '6 years' WHERE id = $1`, [c.grantId]);

    const run = await h.app.get(RetentionService).sweep();
    expect(run.status).toBe('done');
    expect(await count(`SELECT count(*)::int AS n FROM grants WHERE id = $1`, [c.grantId])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM applications WHERE id = $1`, [app.id])).toBe(0);
    for (const gone of [attachment, submitted]) {
      expect(await fileRows(gone.id)).toBe(0);
      expect(existsSync(gone.path)).toBe(false);
    }
    expect(await fileRows(f.shared!.id)).toBe(1);
    expect(run.items.find((i) => i.type === 'grant' && i.table === 'files')).toMatchObject({ count: 2 });
  });

  it('an unfunded application takes the files its submission snapshot named, and keeps one a record that stays names', async () => {
    const officer = await loginAs(h, 'secretariat');
    const oldCall = (await officer.client.post('/api/calls', { reference: `MF-RETF-OLD-${process.pid}`, title: { en: 'O', sq: 'O', sr: 'O' } }).expect(201)).body.id as string;
    await h.ds.query(`INSERT INTO award_decisions (call_id, seq, kind, decided_on, envelope_cents, snapshot, sha256, recorded_at)
                      VALUES ($1, 1, 'decision', current_date - 1460, 100000000, '{}', repeat('0', 64), now() - interval '4 years')`, [oldCall]);
    const owner = await newUser(h.ds, 'applicant');
    const [app] = await h.ds.query(`INSERT INTO applications (call_id, organization_id, status) VALUES ($1, $2, 'rejected') RETURNING id`, [oldCall, owner.user.organizationId]);
    const named = await storedFile('snapshot-only', owner.user.organizationId);
    await h.ds.query(`INSERT INTO application_submissions (application_id, seq, reference, snapshot, sha256, submitted_by, submitted_at)
                      VALUES ($1, 1, 'RETF-2', $2, repeat('e', 64), $3, now() - interval '4 years')`,
    [app.id, JSON.stringify({ content: { attachments: [{ requirementId: 'other', fileId: named.id }, { requirementId: 'budget', fileId: f.shared!.id }] } }), owner.user.id]);
    const run = await h.app.get(RetentionService).sweep();
    expect(await count(`SELECT count(*)::int AS n FROM applications WHERE id = $1`, [app.id])).toBe(0);
    expect(await fileRows(named.id)).toBe(0);
    expect(existsSync(named.path)).toBe(false);
    expect(await fileRows(f.shared!.id)).toBe(1);
    expect(existsSync(f.shared!.path)).toBe(true);
    expect(run.items.find((i) => i.type === 'application_unfunded' && i.table === 'files')).toMatchObject({ count: 1, firstId: named.id });
  });
});
