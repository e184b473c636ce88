import { randomUUID } from 'node:crypto';
import { demoCallDraft, demoEuGrid, sheetTotals } from '@grants/domain';
import { AccessService } from '../src/common/access.service';
import { AppError } from '../src/common/errors';
import { RankingService } from '../src/modules/evaluations/ranking.service';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Harness, loginAs, startApi } from './harness';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Row = { applicationId: string; organizationName: string; requestedCents: number; points: { total: number } | null; outcome: string };
const GRID = demoEuGrid();

/**
 * Issue 9: the ranking is cached by a digest of its inputs, so that a 2,000-application call answers fast. The cache
 * must never answer a ranking that is no longer true: each input is changed here behind the API's back (plain SQL,
 * so no service could have invalidated anything) and the next answer must show it. Access is checked before it.
 */
describe('the ranking cache', () => {
  let h: Harness;
  let officer: Login;
  let service: RankingService;
  let computed: jest.SpyInstance;
  let callId: string;
  const path = () => `/api/calls/${callId}/ranking`;

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    service = h.app.get(RankingService);

    // a closed call with two admissible applications, each scored by two evaluators
    const reference = `MF-RC-${Date.now().toString(36).toUpperCase()}`;
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'R', sq: 'R', sr: 'R' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), reference);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition: { ...definition, evaluatorsPerApplication: 2, divergenceThresholdPoints: 100 }, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    callId = created.body.id;
    for (let i = 0; i < 2; i++) {
      const a = await loginAs(h, 'applicant');
      const app = (await a.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
      const filled = (await a.client.patch(`/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01', i) }).expect(200)).body;
      await a.client.post(`/api/applications/${app.id}/submit`, { version: filled.version }).expect(200);
    }
    await h.ds.query(`UPDATE calls SET status = 'closed', submission_deadline_at = now() - interval '1 hour' WHERE id = $1`, [callId]);
    await h.ds.query(`UPDATE applications SET status = 'admissible' WHERE call_id = $1`, [callId]);
    for (let i = 0; i < 2; i++) {
      const e = await loginAs(h, 'evaluator');
      await officer.client.post(`/api/calls/${callId}/evaluators`, { userId: e.user.id }).expect(201);
      await e.client.post(`/api/evaluations/${callId}/declaration`, { language: 'en', accept: true }).expect(201);
    }
    await officer.client.post(`/api/calls/${callId}/assignments/auto`).expect(200);
    // every sheet scored and submitted (the scoring routes are tested elsewhere)
    const sheets: { id: string }[] = await h.ds.query(`SELECT id FROM evaluation_assignments WHERE call_id = $1 ORDER BY id`, [callId]);
    for (const [i, s] of sheets.entries()) await setScores(s.id, 0.5 + 0.1 * i, true);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    computed = jest.spyOn(service, 'computeRanking');
  });
  afterEach(() => jest.restoreAllMocks());

  async function setScores(sheetId: string, share: number, submit = false) {
    const scores: Record<string, number> = {};
    for (const s of GRID.sections) for (const c of s.criteria) scores[c.id] = Math.round(c.maxPoints * share);
    await h.ds.query(
      `UPDATE evaluation_assignments SET scores = $2, total = $3 ${submit ? `, status = 'submitted', submitted_at = now(), comments = '{}'` : ''} WHERE id = $1`,
      [sheetId, scores, sheetTotals(GRID, scores).total]);
  }
  const get = async () => {
    const r = await officer.client.get(path()).expect(200);
    return { etag: r.headers.etag as string, body: r.body as { ranking: { sha256: string; envelopeCents: number; rows: Row[] }; decision: unknown; call: { status: string } } };
  };
  const rowOf = (b: Awaited<ReturnType<typeof get>>['body'], applicationId: string) => b.ranking.rows.find((r) => r.applicationId === applicationId)!;

  it('answers from the cache while nothing changed: same bytes, same ETag, computed once; 304 for a reader that kept the ETag', async () => {
    const first = await get();
    expect(first.body.ranking.rows).toHaveLength(2);
    expect(first.etag).toMatch(/^"[\w-]{43}"$/);
    const again = await get();
    expect(again.body).toEqual(first.body);
    expect(again.etag).toBe(first.etag);
    expect(computed.mock.calls.length).toBeLessThanOrEqual(1); // 0 when an earlier request already filled it
    const computedSoFar = computed.mock.calls.length;
    await officer.client.get(path()).set('If-None-Match', first.etag).expect(304);
    await officer.client.get(path()).set('If-None-Match', '"something-else"').expect(200);
    expect(computed.mock.calls.length).toBe(computedSoFar);
  });

  it('sends the same answer gzipped to a reader that accepts gzip', async () => {
    const plain = await officer.client.get(path()).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await officer.client.get(path()).set('Accept-Encoding', 'gzip').expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toMatch(/application\/json/);
    expect(zipped.body).toEqual(plain.body);
    expect(zipped.headers.etag).toBe(plain.headers.etag);
  });

  it('never answers a stale ranking: a changed sheet, organisation, application, call or decision changes the next answer', async () => {
    const before = await get();
    const [sheet]: { id: string; application_id: string }[] = await h.ds.query(`SELECT id, application_id FROM evaluation_assignments WHERE call_id = $1 ORDER BY id LIMIT 1`, [callId]);

    // a sheet's scores
    await setScores(sheet.id, 0.95);
    const afterSheet = await get();
    expect(afterSheet.body.ranking.sha256).not.toBe(before.body.ranking.sha256);
    expect(rowOf(afterSheet.body, sheet.application_id).points!.total).toBeGreaterThan(rowOf(before.body, sheet.application_id).points!.total);
    expect(afterSheet.etag).not.toBe(before.etag);
    // the old ETag no longer matches
    await officer.client.get(path()).set('If-None-Match', before.etag).expect(200);

    // a sheet that is no longer submitted (reopened): the application lacks a sheet again
    await h.ds.query(`UPDATE evaluation_assignments SET status = 'accepted' WHERE id = $1`, [sheet.id]);
    expect(rowOf((await get()).body, sheet.application_id).points).toBeNull();
    await h.ds.query(`UPDATE evaluation_assignments SET status = 'submitted' WHERE id = $1`, [sheet.id]);
    expect(rowOf((await get()).body, sheet.application_id).points).not.toBeNull();

    // the organisation's name
    await h.ds.query(`UPDATE organizations SET legal_name = 'Renamed CSO' WHERE id = (SELECT organization_id FROM applications WHERE id = $1)`, [sheet.application_id]);
    expect(rowOf((await get()).body, sheet.application_id).organizationName).toBe('Renamed CSO');

    // the application's requested amount, then its status (withdrawn: out of the ranking)
    await h.ds.query(`UPDATE applications SET requested_cents = 1234500 WHERE id = $1`, [sheet.application_id]);
    expect(rowOf((await get()).body, sheet.application_id).requestedCents).toBe(1234500);
    await h.ds.query(`UPDATE applications SET status = 'withdrawn' WHERE id = $1`, [sheet.application_id]);
    expect((await get()).body.ranking.rows.map((r) => r.applicationId)).not.toContain(sheet.application_id);
    await h.ds.query(`UPDATE applications SET status = 'admissible' WHERE id = $1`, [sheet.application_id]);

    // the call's definition (its envelope) and its status
    await h.ds.query(`UPDATE calls SET definition = jsonb_set(definition, '{budgetEnvelopeCents}', to_jsonb(7654321::bigint)) WHERE id = $1`, [callId]);
    expect((await get()).body.ranking.envelopeCents).toBe(7654321);
    const status = (await get()).body.call.status;
    const other = status === 'closed' ? 'in_evaluation' : 'closed';
    await h.ds.query(`UPDATE calls SET status = $2 WHERE id = $1`, [callId, other]);
    expect((await get()).body.call.status).toBe(other);
    await h.ds.query(`UPDATE calls SET status = 'in_evaluation' WHERE id = $1`, [callId]);

    // the committee's decision, through the API (the call in evaluation, its applications evaluated, as the sheets' submission leaves them)
    await h.ds.query(`UPDATE applications SET status = 'evaluated' WHERE call_id = $1`, [callId]);
    const now = await get();
    expect(now.body.decision).toBeNull();
    const decision = await officer.client.post(`/api/calls/${callId}/decision`, { committeeMembers: ['A'], decidedOn: '2027-02-01', rankingSha256: now.body.ranking.sha256 });
    expect([decision.status, decision.body.details]).toEqual([201, undefined]);
    const decided = await get();
    expect(decided.body.decision).not.toBeNull();
    expect(decided.etag).not.toBe(now.etag);
  });

  it('serves the exports and the report from the same (frozen, shared) cached ranking', async () => {
    const { body } = await get();
    const csv = await officer.client.get(`${path()}/export?format=csv`).expect(200);
    for (const r of body.ranking.rows) expect(csv.text).toContain(r.organizationName);
    await officer.client.get(`${path()}/export?format=xlsx`).expect(200).expect('content-type', /spreadsheetml/);
    await officer.client.get(`/api/calls/${callId}/evaluation-report.pdf`).expect(200).expect('content-type', 'application/pdf');
    expect((await get()).body).toEqual(body);
  });

  it('checks access before the cache: a refusal wins over a cached answer, other roles and unknown calls get nothing', async () => {
    await get(); // cached
    const requireAccess = jest.spyOn(h.app.get(AccessService), 'requireAccess');
    await get();
    expect(requireAccess).toHaveBeenCalledWith(expect.objectContaining({ id: officer.user.id }), 'evaluation.manage', [callId]);
    requireAccess.mockRejectedValueOnce(AppError.notFound());
    const refused = await officer.client.get(path()).expect(404);
    expect(refused.body.ranking).toBeUndefined();

    const evaluator = await loginAs(h, 'evaluator');
    await evaluator.client.get(path()).expect(403);
    const applicant = await loginAs(h, 'applicant');
    await applicant.client.get(path()).expect(403);
    await officer.client.get(`/api/calls/${randomUUID()}/ranking`).expect(404);
  });
});
