import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { demoCallDraft, demoEuGrid, roundPoints, sheetTotals, type EvaluationGrid } from '@grants/domain';
import { demoApplicationContent } from '../src/seed/demo-application';
import { EvaluationOverdueHandler } from '../src/modules/evaluations/jobs/evaluation-overdue.job';
import { EvaluationReminderHandler } from '../src/modules/evaluations/jobs/evaluation-reminder.job';
import { WorkerModule, WorkerRunner } from '../src/worker/worker.module';
import { Client, Harness, loginAs, newUser, snapshotCounts, startApi } from './harness';
import { waitFor } from './smtp-sink';

type Login = Awaited<ReturnType<typeof loginAs>>;

const GRID: EvaluationGrid = demoEuGrid();

/** A full sheet at a share of every criterion's maximum (rounded to whole points), with a comment per section. */
function sheet(share: number) {
  const scores: Record<string, number> = {};
  const comments: Record<string, string> = {};
  for (const s of GRID.sections) {
    for (const c of s.criteria) scores[c.id] = Math.round(c.maxPoints * share);
    comments[s.id] = `Comment on ${s.id} at ${share}`;
  }
  return { scores, comments };
}

describe('evaluation: declarations, conflicts, sheets, divergence, ranking and the decision', () => {
  let h: Harness;
  let officer: Login;
  let worker: INestApplicationContext;
  let seq = 0;

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  });
  afterAll(async () => {
    await worker.close();
    await h.close();
  });

  /** A closed call with `n` admissible applications from different organisations. */
  async function evaluatedCall(n: number, envelopeCents?: number) {
    const reference = `MF-E-2026-${String(++seq).padStart(2, '0')}`;
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'E', sq: 'E', sr: 'E' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), reference);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    const callId = created.body.id as string;
    const applicants: (Login & { applicationId: string })[] = [];
    for (let i = 0; i < n; i++) {
      const a = await loginAs(h, 'applicant', { language: i % 2 ? 'sq' : 'en' });
      const app = (await a.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
      const filled = (await a.client.patch(`/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01', i) }).expect(200)).body;
      await a.client.post(`/api/applications/${app.id}/submit`, { version: filled.version }).expect(200);
      applicants.push({ ...a, applicationId: app.id });
    }
    // the deadline and the admissibility check are tested elsewhere: here the call is simply past them
    await h.ds.query(`UPDATE calls SET status = 'closed', submission_deadline_at = now() - interval '1 hour' WHERE id = $1`, [callId]);
    await h.ds.query(`UPDATE applications SET status = 'admissible' WHERE call_id = $1`, [callId]);
    if (envelopeCents !== undefined) {
      await h.ds.query(`UPDATE calls SET definition = jsonb_set(definition, '{budgetEnvelopeCents}', to_jsonb($2::bigint)) WHERE id = $1`, [callId, envelopeCents]);
    }
    return { callId, reference, applicants };
  }

  async function evaluators(callId: string, count: number, sign = true) {
    const out: Login[] = [];
    for (let i = 0; i < count; i++) {
      const e = await loginAs(h, 'evaluator', { language: (['en', 'sq', 'sr'] as const)[i % 3] });
      await officer.client.post(`/api/calls/${callId}/evaluators`, { userId: e.user.id }).expect(201);
      if (sign) await e.client.post(`/api/evaluations/${callId}/declaration`, { language: e.user.language, accept: true }).expect(201);
      out.push(e);
    }
    return out;
  }

  async function assignmentsOf(e: Login, callId: string): Promise<{ id: string; status: string; reference: string }[]> {
    return (await e.client.get(`/api/evaluations/${callId}/assignments`).expect(200)).body.items;
  }

  async function scoreAndSubmit(e: Login, assignmentId: string, share: number) {
    let a = (await e.client.get(`/api/assignments/${assignmentId}`).expect(200)).body;
    if (a.status === 'assigned') a = (await e.client.post(`/api/assignments/${assignmentId}/conflict`, { conflict: false }).expect(200)).body;
    const saved = (await e.client.put(`/api/assignments/${assignmentId}/sheet`, { ...sheet(share), version: a.version }).expect(200)).body;
    return (await e.client.post(`/api/assignments/${assignmentId}/submit`, { version: saved.version }).expect(200)).body;
  }

  it('hides a call from an evaluator outside its pool or without a signed declaration (404)', async () => {
    const { callId } = await evaluatedCall(1);
    const outsider = await loginAs(h, 'evaluator');
    await outsider.client.get(`/api/evaluations/${callId}/declaration`).expect(404);
    await outsider.client.get(`/api/evaluations/${callId}/assignments`).expect(404);

    const notAnEvaluator = await newUser(h.ds, 'monitor');
    const refused = await officer.client.post(`/api/calls/${callId}/evaluators`, { userId: notAnEvaluator.user.id }).expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'userId', code: 'not_an_evaluator' });

    const [e1, e2] = await evaluators(callId, 2, false);
    const declaration = (await e1.client.get(`/api/evaluations/${callId}/declaration`).expect(200)).body;
    expect(declaration.signedAt).toBeNull();
    expect(declaration.text.sq).toContain('paanshm');
    await e1.client.get(`/api/evaluations/${callId}/assignments`).expect(404);

    await officer.client.post(`/api/calls/${callId}/assignments/auto`).expect(200);
    const [assignment] = await h.ds.query(`SELECT id FROM evaluation_assignments WHERE call_id = $1 AND evaluator_id = $2`, [callId, e1.user.id]);
    await e1.client.get(`/api/assignments/${assignment.id}`).expect(404);

    const notAccepted = await e1.client.post(`/api/evaluations/${callId}/declaration`, { language: 'en', accept: false }).expect(400);
    expect(notAccepted.body.details[0]).toMatchObject({ field: 'accept' });
    const signed = (await e1.client.post(`/api/evaluations/${callId}/declaration`, { language: 'en', accept: true }).expect(201)).body;
    expect(signed.signedAt).not.toBeNull();
    const [audit] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'evaluation.declaration_signed' AND entity_id = $1`, [callId]);
    expect(audit.summary).toContain('SHA-256');

    const mine = await assignmentsOf(e1, callId);
    expect(mine).toHaveLength(1);
    // before confirming no conflict: the organisation's name, not the application
    const first = (await e1.client.get(`/api/assignments/${mine[0].id}`).expect(200)).body;
    expect(first.application.organizationName).toMatch(/Test CSO/);
    expect(first.submission).toBeNull();
    expect(first.sheet).toBeNull();
    // the other evaluator's assignment does not exist for e1
    const [other] = await h.ds.query(`SELECT id FROM evaluation_assignments WHERE call_id = $1 AND evaluator_id = $2`, [callId, e2.user.id]);
    await e1.client.get(`/api/assignments/${other.id}`).expect(404);
    // the assignment e-mail says when the sheets are due
    const [mail] = await h.ds.query(`SELECT text_body FROM emails WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`, [e1.email]);
    expect(mail.text_body).toMatch(/due on \d{4}-\d{2}-\d{2}/);
    const jobs: { job_id: string }[] = await h.ds.query(`SELECT job_id FROM outbox WHERE job_name IN ('evaluation.reminder','evaluation.overdue') AND job_id LIKE $1`, [`evaluation.${callId}.%`]);
    expect(jobs.map((j) => j.job_id.split('.').pop()).sort()).toEqual(expect.arrayContaining(['1d', '3d']));
  });

  it('balances the load and never assigns a conflicted evaluator; a conflict brings a replacement through the worker', async () => {
    const { callId } = await evaluatedCall(4);
    const pool = await evaluators(callId, 3);
    const result = (await officer.client.post(`/api/calls/${callId}/assignments/auto`).expect(200)).body;
    expect(result).toMatchObject({ assigned: 8, unfilled: [] });
    const loads = await Promise.all(pool.map(async (e) => (await assignmentsOf(e, callId)).length));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const [call] = await h.ds.query(`SELECT status FROM calls WHERE id = $1`, [callId]);
    expect(call.status).toBe('in_evaluation');

    const e = pool.find((_, i) => loads[i] > 0)!;
    const [a] = await assignmentsOf(e, callId);
    const needsReason = await e.client.post(`/api/assignments/${a.id}/conflict`, { conflict: true }).expect(400);
    expect(needsReason.body.details[0]).toMatchObject({ field: 'reason' });
    await e.client.post(`/api/assignments/${a.id}/conflict`, { conflict: true, reason: 'I sit on the board of this organisation.' }).expect(200);
    // a conflicted evaluator cannot score: the assignment no longer exists for them
    await e.client.put(`/api/assignments/${a.id}/sheet`, { ...sheet(0.5), version: 3 }).expect(404);
    await e.client.get(`/api/assignments/${a.id}`).expect(404);
    const [audit] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'evaluation.conflict_declared' ORDER BY seq DESC LIMIT 1`);
    expect(audit.summary).toContain('board of this organisation');

    const [{ application_id: appId }] = await h.ds.query(`SELECT application_id FROM evaluation_assignments WHERE id = $1`, [a.id]);
    await worker.get(WorkerRunner).start();
    const active = async () => (await h.ds.query(`SELECT evaluator_id, status, origin FROM evaluation_assignments WHERE application_id = $1 AND status IN ('assigned','accepted','submitted')`, [appId])) as { evaluator_id: string; origin: string }[];
    await waitFor(async () => (await active()).length === 2, 20_000);
    const now = await active();
    expect(now.map((x) => x.evaluator_id)).not.toContain(e.user.id);
    expect(now.map((x) => x.origin)).toContain('replacement');
  });

  it('keeps sheets apart until submitted, refuses bad scores naming the field, locks on submit and reopens only with a reason', async () => {
    const { callId } = await evaluatedCall(1);
    const [e1, e2] = await evaluators(callId, 2);
    await officer.client.post(`/api/calls/${callId}/assignments/auto`).expect(200);
    const [a1] = await assignmentsOf(e1, callId);
    const [a2] = await assignmentsOf(e2, callId);
    const opened = (await e1.client.post(`/api/assignments/${a1.id}/conflict`, { conflict: false }).expect(200)).body;
    expect(opened.submission.reference).toMatch(/^MF-E-2026-\d\d-001$/);
    // what the evaluator needs to judge, not who submitted it nor the organisation's bank account
    expect(opened.submission.snapshot.content.project.title).toBeTruthy();
    expect(opened.submission.snapshot).not.toHaveProperty('submittedBy');
    expect(opened.submission.snapshot.organization).not.toHaveProperty('iban');

    const before = await snapshotCounts(h.ds);
    const tooHigh = await e1.client.put(`/api/assignments/${a1.id}/sheet`, { scores: { '1.1': 6 }, comments: {}, version: opened.version }).expect(400);
    expect(tooHigh.body.details).toEqual([expect.objectContaining({ field: 'scores.1.1', code: 'out_of_range' })]);
    const half = await e1.client.put(`/api/assignments/${a1.id}/sheet`, { scores: { '1.1': 2.5 }, comments: {}, version: opened.version }).expect(400);
    expect(half.body.details[0]).toMatchObject({ field: 'scores.1.1', code: 'not_whole_points' });
    const unknown = await e1.client.put(`/api/assignments/${a1.id}/sheet`, { scores: { '9.9': 1 }, comments: {}, version: opened.version }).expect(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'scores.9.9', code: 'unknown_criterion' });
    expect(await snapshotCounts(h.ds)).toEqual(before);

    const draft = (await e1.client.put(`/api/assignments/${a1.id}/sheet`, { scores: { '1.1': 4 }, comments: { capacity: 'Solid team.' }, version: opened.version }).expect(200)).body;
    const incomplete = await e1.client.post(`/api/assignments/${a1.id}/submit`, { version: draft.version }).expect(400);
    expect(incomplete.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['scores.1.2', 'comments.relevance']));
    const stale = await e1.client.put(`/api/assignments/${a1.id}/sheet`, { ...sheet(0.8), version: opened.version }).expect(409);
    expect(stale.body.details[0]).toMatchObject({ field: 'version' });

    const submitted = await scoreAndSubmit(e1, a1.id, 0.8);
    expect(submitted.status).toBe('submitted');
    // e2 has not submitted: nothing of e1's scoring is visible to them; e1 sees no one else's yet
    const e2view = (await e2.client.post(`/api/assignments/${a2.id}/conflict`, { conflict: false }).expect(200)).body;
    expect(e2view.others).toEqual([]);
    expect(JSON.stringify(e2view)).not.toContain('at 0.8');
    // locked
    const lockedPut = await e1.client.put(`/api/assignments/${a1.id}/sheet`, { ...sheet(0.1), version: submitted.version }).expect(400);
    expect(lockedPut.body.details[0]).toMatchObject({ code: 'sheet_locked' });
    await e1.client.post(`/api/assignments/${a1.id}/reopen`, { reason: 'x' }).expect(403);
    await officer.client.post(`/api/assignments/${a1.id}/reopen`, {}).expect(400);
    await officer.client.post(`/api/assignments/${a1.id}/reopen`, { reason: 'Criterion 2.1 scored against the wrong priority.' }).expect(200);
    const [audit] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'evaluation.sheet_reopened' ORDER BY seq DESC LIMIT 1`);
    expect(audit.summary).toContain('wrong priority');
    const reopened = (await e1.client.get(`/api/assignments/${a1.id}`).expect(200)).body;
    expect(reopened.status).toBe('accepted');
    await scoreAndSubmit(e1, a1.id, 0.7);
    await scoreAndSubmit(e2, a2.id, 0.75);
    // after submitting, each sees the other's sheet without a name
    const after = (await e2.client.get(`/api/assignments/${a2.id}`).expect(200)).body;
    expect(after.others).toHaveLength(1);
    expect(after.others[0]).toMatchObject({ label: 'A' });
    expect(JSON.stringify(after.others)).not.toContain(e1.email);
  });

  it('brings in a further evaluator through the worker when two totals diverge', async () => {
    const { callId } = await evaluatedCall(1);
    const [e1, e2, e3] = await evaluators(callId, 3);
    await h.ds.query(`DELETE FROM call_evaluators WHERE call_id = $1 AND user_id = $2`, [callId, e3.user.id]);
    await officer.client.post(`/api/calls/${callId}/assignments/auto`).expect(200);
    await h.ds.query(`INSERT INTO call_evaluators (call_id, user_id) VALUES ($1, $2)`, [callId, e3.user.id]);
    const [a1] = await assignmentsOf(e1, callId);
    const [a2] = await assignmentsOf(e2, callId);
    expect(sheetTotals(GRID, sheet(0.9).scores).total - sheetTotals(GRID, sheet(0.5).scores).total).toBeGreaterThan(20); // the threshold
    await scoreAndSubmit(e1, a1.id, 0.9);
    await scoreAndSubmit(e2, a2.id, 0.5);
    await worker.get(WorkerRunner).start();
    await waitFor(async () => (await assignmentsOf(e3, callId)).length === 1, 20_000);
    const [third] = await h.ds.query(`SELECT origin FROM evaluation_assignments WHERE evaluator_id = $1`, [e3.user.id]);
    expect(third.origin).toBe('divergence');
    const ranking = (await officer.client.get(`/api/calls/${callId}/ranking`).expect(200)).body.ranking;
    expect(ranking.pending).toBe(1);
    expect(ranking.rows[0]).toMatchObject({ outcome: 'pending', sheets: 2, required: 3 });
    const [a3] = await assignmentsOf(e3, callId);
    await scoreAndSubmit(e3, a3.id, 0.6);
    const done = (await officer.client.get(`/api/calls/${callId}/ranking`).expect(200)).body.ranking;
    const mean = [0.9, 0.5, 0.6].reduce((sum, share) => sum + sheetTotals(GRID, sheet(share).scores).total, 0) / 3;
    expect(done.rows[0].points.total).toBe(roundPoints(mean)); // the call's rule: the mean of all sheets
  });

  it('ranks within the envelope, records a frozen decision, writes letters, and moves the reserve up when an award is declined', async () => {
    // three applications of €41,619 each; an envelope of €90,000 funds two
    const { callId, applicants } = await evaluatedCall(3, 9_000_000);
    const [e1, e2] = await evaluators(callId, 2);
    await officer.client.post(`/api/calls/${callId}/assignments/auto`).expect(200);
    const shares = [0.9, 0.8, 0.7];
    for (const e of [e1, e2]) {
      for (const a of await assignmentsOf(e, callId)) {
        const [{ application_id }] = await h.ds.query(`SELECT application_id FROM evaluation_assignments WHERE id = $1`, [a.id]);
        await scoreAndSubmit(e, a.id, shares[applicants.findIndex((x) => x.applicationId === application_id)]);
      }
    }
    const view = (await officer.client.get(`/api/calls/${callId}/ranking`).expect(200)).body;
    const rows = view.ranking.rows as { applicationId: string; outcome: string; rank: number; reservePlace: number | null; awardedCents: number }[];
    expect(rows.map((r) => r.outcome)).toEqual(['awarded', 'awarded', 'reserve']);
    expect(rows[0].applicationId).toBe(applicants[0].applicationId);
    expect(view.ranking.awardedCents).toBeLessThanOrEqual(9_000_000);
    // what-if: with €130,000 the third is funded too
    const whatIf = (await officer.client.get(`/api/calls/${callId}/ranking?envelopeCents=13000000`).expect(200)).body.ranking;
    expect(whatIf.changes).toEqual([expect.objectContaining({ applicationId: applicants[2].applicationId, from: 'reserve', to: 'awarded' })]);

    // only the Secretariat decides; bad input names the field and changes nothing
    await e1.client.post(`/api/calls/${callId}/decision`, { committeeMembers: ['X'], decidedOn: '2027-02-01', rankingSha256: view.ranking.sha256 }).expect(403);
    const before = await snapshotCounts(h.ds);
    const noMembers = await officer.client.post(`/api/calls/${callId}/decision`, { committeeMembers: [], decidedOn: '2027-02-01', rankingSha256: view.ranking.sha256 }).expect(400);
    expect(noMembers.body.details[0]).toMatchObject({ field: 'committeeMembers' });
    const raise = await officer.client.post(`/api/calls/${callId}/decision`, {
      committeeMembers: ['A'], decidedOn: '2027-02-01', rankingSha256: view.ranking.sha256,
      adjustments: [{ applicationId: applicants[0].applicationId, amountCents: 99_999_999, reason: 'more' }],
    }).expect(400);
    expect(raise.body.details[0]).toMatchObject({ field: 'adjustments.0.amountCents', code: 'out_of_range' });
    const stale = await officer.client.post(`/api/calls/${callId}/decision`, { committeeMembers: ['A'], decidedOn: '2027-02-01', rankingSha256: 'f'.repeat(64) }).expect(409);
    expect(stale.body.details[0]).toMatchObject({ field: 'rankingSha256' });
    expect(await snapshotCounts(h.ds)).toEqual(before);

    const decided = (await officer.client.post(`/api/calls/${callId}/decision`, {
      committeeMembers: ['Drita Berisha (chair)', 'Marko Petrović', 'Elena Papadopoulou (KMOP)'], decidedOn: '2027-02-01', rankingSha256: view.ranking.sha256,
      adjustments: [{ applicationId: applicants[1].applicationId, amountCents: 4_000_000, reason: 'Equipment line cut: already funded by the municipality.' }],
    }).expect(201)).body;
    expect(decided.decision.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(decided.awards.map((a: { amountCents: number }) => a.amountCents).sort()).toEqual([4_000_000, 4_161_900]);
    const [audit] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'award.decision_recorded' AND entity_id = $1`, [callId]);
    expect(audit.summary).toContain(decided.decision.sha256);
    // frozen: the API's role may not change a decision, and not even the owner gets past the trigger
    await expect(h.ds.query(`UPDATE award_decisions SET envelope_cents = 1 WHERE call_id = $1`, [callId])).rejects.toThrow(/permission denied/);
    await expect(h.asOwner((q) => q(`UPDATE award_decisions SET envelope_cents = 1 WHERE call_id = $1`, [callId]))).rejects.toThrow(/frozen/);
    await officer.client.post(`/api/calls/${callId}/decision`, { committeeMembers: ['A'], decidedOn: '2027-02-01', rankingSha256: view.ranking.sha256 }).expect(400);

    // letters: own outcome only, scores per section and comments without evaluators' names
    const third = applicants[2];
    const letter = (await third.client.get(`/api/applications/${third.applicationId}/outcome`).expect(200)).body;
    expect(letter).toMatchObject({ outcome: 'reserve', reservePlace: 1 });
    expect(letter.comments).toHaveLength(2);
    expect(JSON.stringify(letter)).not.toContain(e1.email);
    expect(JSON.stringify(letter)).not.toContain('Test evaluator');
    await third.client.get(`/api/applications/${applicants[0].applicationId}/outcome`).expect(404);
    const pdf = await third.client.get(`/api/applications/${third.applicationId}/outcome.pdf`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const told = (await third.client.get('/api/notifications')).body.items.map((n: { kind: string }) => n.kind);
    expect(told).toContain('application.outcome');

    // the first awarded declines: the reserve moves up, recorded and hashed the same way
    const first = decided.awards.find((a: { applicationId: string }) => a.applicationId === applicants[0].applicationId);
    const after = (await officer.client.post(`/api/awards/${first.id}/decline`, { reason: 'The organisation lost its shelter premises.' }).expect(200)).body;
    expect(after.awards.find((a: { applicationId: string }) => a.applicationId === third.applicationId)).toMatchObject({ status: 'awarded', amountCents: 4_161_900 });
    const decisions = (await officer.client.get(`/api/calls/${callId}/decisions`).expect(200)).body.items;
    expect(decisions.map((d: { kind: string }) => d.kind)).toEqual(['decision', 'move_up']);
    expect((await third.client.get(`/api/applications/${third.applicationId}/outcome`).expect(200)).body.outcome).toBe('awarded');

    // the awarded organisation applying to a later call is flagged for the admissibility check: it holds an active grant
    // (its amount was lowered, so it was an offer until it accepted it: awards-offers.spec.ts)
    const later = await evaluatedCall(0);
    await h.ds.query(`UPDATE calls SET status = 'published', submission_deadline_at = now() + interval '1 day' WHERE id = $1`, [later.callId]);
    const winner = applicants[1];
    const offer = decided.awards.find((a: { applicationId: string }) => a.applicationId === winner.applicationId);
    expect(offer.status).toBe('offered');
    await winner.client.post(`/api/awards/${offer.id}/accept`).expect(200);
    const draft = (await winner.client.post(`/api/calls/${later.callId}/applications`).expect(201)).body;
    const filled = (await winner.client.patch(`/api/applications/${draft.id}`, { version: draft.version, content: demoApplicationContent('2027-03-01') }).expect(200)).body;
    await winner.client.post(`/api/applications/${draft.id}/submit`, { version: filled.version }).expect(200);
    await h.ds.query(`UPDATE calls SET submission_deadline_at = now() - interval '1 second' WHERE id = $1`, [later.callId]);
    const checked = (await officer.client.put(`/api/applications/${draft.id}/admissibility`, { answers: [], decide: false }).expect(200)).body;
    expect(checked.admissibility.flags).toContain('active_grant');

    // exports and the report
    const csv = await officer.client.get(`/api/calls/${callId}/ranking/export?format=csv`).expect(200);
    // grid columns are headed by their titles in the officer's language
    expect(csv.text).toContain('Section Relevance of the action');
    // value cells are words, not codes (outcomes, reasons, what broke a tie)
    expect(csv.text).toMatch(/Awarded|Reserve list|Rejected/);
    expect(csv.text).not.toMatch(/,(awarded|reserve|rejected|pending|below_threshold|not_within_envelope),/);
    const sheets = await officer.client.get(`/api/calls/${callId}/sheets/export?format=csv`).expect(200);
    expect(sheets.text).toContain('Submitted');
    expect(sheets.text).not.toMatch(/,(assigned|accepted|submitted|conflict|removed),(automatic|manual|replacement|divergence),/);
    await officer.client.get(`/api/calls/${callId}/sheets/export?format=xlsx`).expect(200).expect('content-type', /spreadsheetml/);
    const report = await officer.client.get(`/api/calls/${callId}/evaluation-report.pdf`).expect(200);
    expect(report.headers['content-type']).toBe('application/pdf');
    await third.client.get(`/api/calls/${callId}/ranking`).expect(403);
  });

  it('reminds evaluators with open sheets before the due date, once each, and escalates overdue sheets to the Secretariat', async () => {
    const { callId, reference } = await evaluatedCall(1);
    const [e1, e2] = await evaluators(callId, 2);
    await officer.client.post(`/api/calls/${callId}/assignments/auto`).expect(200);
    const [a1] = await assignmentsOf(e1, callId);
    await scoreAndSubmit(e1, a1.id, 0.8);
    const [{ due_at: dueAt }] = await h.ds.query(`SELECT due_at FROM evaluation_assignments WHERE call_id = $1 LIMIT 1`, [callId]);
    const due = (dueAt as Date).toISOString();
    const kinds = async (c: Client) => ((await c.get('/api/notifications').expect(200)).body.items as { kind: string; body: string }[]);
    // the job runs twice (a retry): one reminder, and only to the evaluator whose sheet is open
    await worker.get(EvaluationReminderHandler).handle({ callId, dueAt: due, days: 3 });
    await worker.get(EvaluationReminderHandler).handle({ callId, dueAt: due, days: 3 });
    expect((await kinds(e2.client)).filter((n) => n.kind === 'evaluation.reminder')).toHaveLength(1);
    expect((await kinds(e1.client)).filter((n) => n.kind === 'evaluation.reminder')).toHaveLength(0);
    await worker.get(EvaluationOverdueHandler).handle({ callId, dueAt: due });
    const told = (await kinds(officer.client)).filter((n) => n.kind === 'evaluation.overdue');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain(reference);
    expect(told[0].body).toContain('Test evaluator (1)');
    const [audit] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'evaluation.overdue' AND entity_id = $1`, [callId]);
    expect(audit.summary).toContain('1 sheet(s) overdue');
  });

  it('keeps applicants and visitors out of the evaluation routes', async () => {
    const { callId, applicants } = await evaluatedCall(1);
    const a = applicants[0];
    await a.client.get(`/api/evaluations`).expect(403);
    await a.client.get(`/api/calls/${callId}/evaluation`).expect(403);
    const client = await new Client(h.app).init();
    await client.get(`/api/evaluations`).expect(401);
  });
});
