import { demoCallDraft } from '@grants/domain';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, snapshotCounts, startApi } from './harness';

type Login = Awaited<ReturnType<typeof loginAs>>;

/** Issue 8's small holes in the evaluation: a comment must be a text, and a declared conflict takes the application off the evaluator's list. */
describe('evaluation: sheet comments and conflicted assignments', () => {
  let h: Harness;
  let officer: Login;
  let seq = 0;

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
  });
  afterAll(() => h.close());

  /** A closed call with `n` admissible applications, `k` evaluators with signed declarations, assigned automatically. */
  async function assignedCall(n: number, k: number) {
    const reference = `MF-H-2026-${String(++seq).padStart(2, '0')}`;
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'H', sq: 'H', sr: 'H' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), reference);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    const callId = created.body.id as string;
    for (let i = 0; i < n; i++) {
      const a = await loginAs(h, 'applicant');
      const app = (await a.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
      const filled = (await a.client.patch(`/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01', i) }).expect(200)).body;
      await a.client.post(`/api/applications/${app.id}/submit`, { version: filled.version }).expect(200);
    }
    // the deadline and the admissibility check are tested elsewhere: here the call is simply past them (fixtures)
    await h.ds.query(`UPDATE calls SET status = 'closed', submission_deadline_at = now() - interval '1 hour' WHERE id = $1`, [callId]);
    await h.ds.query(`UPDATE applications SET status = 'admissible' WHERE call_id = $1`, [callId]);
    const evaluators: Login[] = [];
    for (let i = 0; i < k; i++) {
      const e = await loginAs(h, 'evaluator');
      await officer.client.post(`/api/calls/${callId}/evaluators`, { userId: e.user.id }).expect(201);
      await e.client.post(`/api/evaluations/${callId}/declaration`, { language: 'en', accept: true }).expect(201);
      evaluators.push(e);
    }
    await officer.client.post(`/api/calls/${callId}/assignments/auto`).expect(200);
    return { callId, evaluators };
  }

  const mine = async (e: Login, callId: string): Promise<{ id: string; status: string; reference: string }[]> =>
    (await e.client.get(`/api/evaluations/${callId}/assignments`).expect(200)).body.items;

  it('refuses a number as an evaluator’s comment with 400 naming the field, and saves nothing', async () => {
    const { callId, evaluators: [e] } = await assignedCall(1, 2);
    const [a] = await mine(e, callId);
    const opened = (await e.client.post(`/api/assignments/${a.id}/conflict`, { conflict: false }).expect(200)).body;
    const saved = (await e.client.put(`/api/assignments/${a.id}/sheet`, { scores: { '1.1': 4 }, comments: { capacity: 'Solid team.' }, version: opened.version }).expect(200)).body;

    const before = await snapshotCounts(h.ds);
    const [row] = await h.ds.query(`SELECT scores, comments, version FROM evaluation_assignments WHERE id = $1`, [a.id]);
    for (const comments of [{ capacity: 42 }, { capacity: { text: 'x' } }, { capacity: ['x'] }, 'Solid team.', null]) {
      const res = await e.client.put(`/api/assignments/${a.id}/sheet`, { scores: { '1.1': 3 }, comments, version: saved.version }).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'comments' })]);
    }
    expect(await snapshotCounts(h.ds)).toEqual(before);
    expect(await h.ds.query(`SELECT scores, comments, version FROM evaluation_assignments WHERE id = $1`, [a.id])).toEqual([row]);
    expect(row.comments).toEqual({ capacity: 'Solid team.' });

    // texts still save
    await e.client.put(`/api/assignments/${a.id}/sheet`, { scores: { '1.1': 3 }, comments: { capacity: 'A small team.' }, version: saved.version }).expect(200);
  });

  it('leaves an application the evaluator declared a conflict with off their list of assignments', async () => {
    const { callId, evaluators } = await assignedCall(3, 2);
    const e = evaluators[0];
    const list = await mine(e, callId);
    expect(list.length).toBeGreaterThanOrEqual(2);
    const [conflicted, ...rest] = list;
    await e.client.post(`/api/assignments/${conflicted.id}/conflict`, { conflict: true, reason: 'My sister chairs this organisation.' }).expect(200);
    const [{ status }] = await h.ds.query(`SELECT status FROM evaluation_assignments WHERE id = $1`, [conflicted.id]);
    expect(status).toBe('conflict');

    const after = await mine(e, callId);
    expect(after.map((x) => x.id)).not.toContain(conflicted.id);
    expect(after.map((x) => x.reference)).not.toContain(conflicted.reference);
    expect(after.map((x) => x.id).sort()).toEqual(rest.map((x) => x.id).sort());
    // the other evaluator's list is untouched
    expect((await mine(evaluators[1], callId)).length).toBeGreaterThan(0);
  });
});
