import { demoCallDraft, demoEuGrid, type EvaluationGrid } from '@grants/domain';
import { demoApplicationContent } from '../src/seed/demo-application';
import { AuditService } from '../src/modules/audit/audit.service';
import { Harness, loginAs, startApi } from './harness';
import { pdfText } from './pdf-text';

type Login = Awaited<ReturnType<typeof loginAs>>;
type AwardRow = { id: string; applicationId: string; amountCents: number; requestedCents: number; status: string };

const GRID: EvaluationGrid = demoEuGrid();
const REQUESTED = 4_161_900; // what each demo application asks for
const ENVELOPE = 13_000_000; // three of them fit

function sheet(share: number) {
  const scores: Record<string, number> = {};
  const comments: Record<string, string> = {};
  for (const s of GRID.sections) {
    for (const c of s.criteria) scores[c.id] = Math.round(c.maxPoints * share);
    comments[s.id] = `Comment on ${s.id}`;
  }
  return { scores, comments };
}

/**
 * An award for less than requested is an offer the organisation answers; a decline or a refusal re-runs the funding
 * line down the reserve list in order while it fits; each decision record anchors the audit chain.
 */
describe('awards: offers, answers, declines that re-run the funding line, anchored decisions', () => {
  let h: Harness;
  let officer: Login;
  let applicants: (Login & { applicationId: string })[];
  let callId: string;
  let decision: { decision: { id: string; sha256: string }; awards: AwardRow[] };

  const awards = async (): Promise<AwardRow[]> => (await officer.client.get(`/api/calls/${callId}/ranking`).expect(200)).body.awards;
  const committed = (rows: AwardRow[]) => rows.filter((a) => a.status === 'offered' || a.status === 'awarded').reduce((s, a) => s + a.amountCents, 0);
  const awardOf = (rows: AwardRow[], i: number) => rows.find((a) => a.applicationId === applicants[i].applicationId);
  const statusOf = async (i: number) => (await h.ds.query(`SELECT status FROM applications WHERE id = $1`, [applicants[i].applicationId]))[0].status;
  const outcomeOf = async (i: number) => (await applicants[i].client.get(`/api/applications/${applicants[i].applicationId}/outcome`).expect(200)).body;
  const kindsTold = async (who: Login) => ((await who.client.get('/api/notifications')).body.items as { kind: string }[]).map((n) => n.kind);

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    const created = await officer.client.post('/api/calls', { reference: 'MF-AW-2026-01', title: { en: 'Awards', sq: 'Grante', sr: 'Grantovi OCD' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), 'MF-AW-2026-01');
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    callId = created.body.id;
    applicants = [];
    for (let i = 0; i < 6; i++) {
      const a = await loginAs(h, 'applicant', { language: (['en', 'sq', 'sr'] as const)[i % 3] });
      const app = (await a.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
      const filled = (await a.client.patch(`/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01', i) }).expect(200)).body;
      await a.client.post(`/api/applications/${app.id}/submit`, { version: filled.version }).expect(200);
      applicants.push({ ...a, applicationId: app.id });
    }
    await h.ds.query(`UPDATE calls SET status = 'closed', submission_deadline_at = now() - interval '1 hour',
      definition = jsonb_set(definition, '{budgetEnvelopeCents}', to_jsonb($2::bigint)) WHERE id = $1`, [callId, ENVELOPE]);
    await h.ds.query(`UPDATE applications SET status = 'admissible' WHERE call_id = $1`, [callId]);
    const evaluators: Login[] = [];
    for (let i = 0; i < 2; i++) {
      const e = await loginAs(h, 'evaluator');
      await officer.client.post(`/api/calls/${callId}/evaluators`, { userId: e.user.id }).expect(201);
      await e.client.post(`/api/evaluations/${callId}/declaration`, { language: 'en', accept: true }).expect(201);
      evaluators.push(e);
    }
    await officer.client.post(`/api/calls/${callId}/assignments/auto`).expect(200);
    const shares = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7];
    for (const e of evaluators) {
      for (const a of (await e.client.get(`/api/evaluations/${callId}/assignments`).expect(200)).body.items as { id: string }[]) {
        const [{ application_id }] = await h.ds.query(`SELECT application_id FROM evaluation_assignments WHERE id = $1`, [a.id]);
        let as = (await e.client.get(`/api/assignments/${a.id}`).expect(200)).body;
        if (as.status === 'assigned') as = (await e.client.post(`/api/assignments/${a.id}/conflict`, { conflict: false }).expect(200)).body;
        const s = (await e.client.put(`/api/assignments/${a.id}/sheet`, { ...sheet(shares[applicants.findIndex((x) => x.applicationId === application_id)]), version: as.version }).expect(200)).body;
        await e.client.post(`/api/assignments/${a.id}/submit`, { version: s.version }).expect(200);
      }
    }
    const view = (await officer.client.get(`/api/calls/${callId}/ranking`).expect(200)).body;
    expect(view.ranking.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['awarded', 'awarded', 'awarded', 'reserve', 'reserve', 'reserve']);
    decision = (await officer.client.post(`/api/calls/${callId}/decision`, {
      committeeMembers: ['Drita Berisha (chair)', 'Marko Petrović'], decidedOn: '2027-02-01', rankingSha256: view.ranking.sha256,
      adjustments: [{ applicationId: applicants[1].applicationId, amountCents: 3_500_000, reason: 'Equipment line cut' }],
    }).expect(201)).body;
  }, 180_000);
  afterAll(async () => {
    await h.close();
  });

  it('makes an award for less than requested an offer, not an award, and tells the organisation it must answer', async () => {
    const rows = decision.awards;
    expect(awardOf(rows, 0)).toMatchObject({ status: 'awarded', amountCents: REQUESTED, requestedCents: REQUESTED });
    expect(awardOf(rows, 1)).toMatchObject({ status: 'offered', amountCents: 3_500_000, requestedCents: REQUESTED });
    expect(await statusOf(1)).toBe('offered');
    expect(await statusOf(0)).toBe('awarded');
    expect(await outcomeOf(1)).toMatchObject({ outcome: 'offered', award: { status: 'offered', amountCents: 3_500_000, adjustmentReason: 'Equipment line cut' } });
    expect(await kindsTold(applicants[1])).toContain('award.offered');
    const [mail] = await h.ds.query(`SELECT subject FROM emails WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`, [applicants[1].email]);
    expect(mail.subject).toMatch(/ofert/i); // sq: "Një ofertë për ta pranuar ose refuzuar", sent at once (the organisation must act)
  });

  it('anchors the audit chain with the decision record', async () => {
    const [anchor] = await h.ds.query(`SELECT seq::int AS seq, hash FROM audit_anchors WHERE reason = $1`, [`decision:${decision.decision.id}`]);
    expect(anchor).toBeDefined();
    const [recorded] = await h.ds.query(`SELECT seq::int AS seq FROM audit_log WHERE action = 'award.decision_recorded' AND entity_id = $1`, [callId]);
    expect(anchor.seq).toBeGreaterThanOrEqual(recorded.seq);
    const [head] = await h.ds.query(`SELECT hash FROM audit_log WHERE seq = $1`, [anchor.seq]);
    expect(head.hash).toBe(anchor.hash);
    const items = (await officer.client.get(`/api/calls/${callId}/decisions`).expect(200)).body.items;
    expect(items[0].anchor).toEqual({ seq: anchor.seq, hash: anchor.hash });
    // audit:verify checks the chain against the anchors, this one included
    const verified = await h.app.get(AuditService).verify();
    expect(verified).toMatchObject({ ok: true, brokenAt: null });
    expect(verified.anchorsChecked).toBeGreaterThanOrEqual(1);
  });

  it('lets only the organisation answer its own open offer; bad input names the field and changes nothing', async () => {
    const offer = awardOf(decision.awards, 1)!;
    await officer.client.post(`/api/awards/${offer.id}/accept`).expect(403); // the Secretariat may not agree for it
    await applicants[0].client.post(`/api/awards/${offer.id}/accept`).expect(404); // another organisation: it does not exist for them
    await applicants[1].client.post('/api/awards/00000000-0000-4000-8000-000000000000/accept').expect(404);
    const notOffer = await applicants[0].client.post(`/api/awards/${awardOf(decision.awards, 0)!.id}/accept`).expect(400);
    expect(notOffer.body.details[0]).toMatchObject({ field: 'awardId', code: 'not_offered' });
    const long = await applicants[1].client.post(`/api/awards/${offer.id}/refuse`, { reason: 'x'.repeat(2001) }).expect(400);
    expect(long.body.details[0]).toMatchObject({ field: 'reason' });
    const open = await officer.client.post(`/api/awards/${offer.id}/decline`, { reason: 'on their behalf' }).expect(400);
    expect(open.body.details[0]).toMatchObject({ field: 'awardId', code: 'offer_open' });
    expect(await statusOf(1)).toBe('offered');
  });

  it('a decline re-runs the funding line: as many as fit move up in order, the first that does not is offered what is left', async () => {
    await officer.client.post(`/api/awards/${awardOf(decision.awards, 0)!.id}/decline`, { reason: 'The organisation lost its premises.' }).expect(200);
    const rows = await awards();
    // freed: 4,161,900; available 13,000,000 − (3,500,000 + 4,161,900) = 5,338,100 → the 4th fits, the 5th is offered 1,176,200
    expect(awardOf(rows, 3)).toMatchObject({ status: 'awarded', amountCents: REQUESTED });
    expect(awardOf(rows, 4)).toMatchObject({ status: 'offered', amountCents: 1_176_200 });
    expect(awardOf(rows, 5)).toBeUndefined();
    expect(committed(rows)).toBeLessThanOrEqual(ENVELOPE);
    expect(await statusOf(3)).toBe('awarded');
    expect(await statusOf(4)).toBe('offered');
    // the letter after moving up says awarded, with no reserve place beside it; the one still waiting is first now
    expect(await outcomeOf(3)).toMatchObject({ outcome: 'awarded', reservePlace: null, movedUp: true, award: { status: 'awarded', adjustmentReason: null } });
    expect(await outcomeOf(5)).toMatchObject({ outcome: 'reserve', reservePlace: 1 });
    expect(await kindsTold(applicants[4])).toContain('award.offered');
    const items = (await officer.client.get(`/api/calls/${callId}/decisions`).expect(200)).body.items;
    expect(items.map((d: { kind: string }) => d.kind)).toEqual(['decision', 'move_up']);
    expect(items[1].snapshot.movedUp.map((m: { applicationId: string; status: string }) => [m.applicationId, m.status])).toEqual([
      [applicants[3].applicationId, 'awarded'], [applicants[4].applicationId, 'offered'],
    ]);
    expect(items[1].anchor).not.toBeNull();
  });

  it('a refused offer frees its money down the reserve list; the Secretariat is told', async () => {
    const before = await kindsTold(officer);
    const refused = (await applicants[4].client.post(`/api/awards/${awardOf(await awards(), 4)!.id}/refuse`, { reason: 'Too little to run the shelter' }).expect(200)).body;
    expect(refused).toMatchObject({ outcome: 'declined', award: { status: 'refused', declineReason: 'Too little to run the shelter' } });
    expect(refused.award.answeredAt).toEqual(expect.any(String));
    expect(await statusOf(4)).toBe('declined');
    const rows = await awards();
    expect(awardOf(rows, 5)).toMatchObject({ status: 'offered', amountCents: 1_176_200 });
    expect(committed(rows)).toBeLessThanOrEqual(ENVELOPE);
    expect((await kindsTold(officer)).filter((k) => k === 'award.offer_refused').length).toBe(before.filter((k) => k === 'award.offer_refused').length + 1);
    await applicants[4].client.post(`/api/awards/${awardOf(rows, 4)!.id}/accept`).expect(400); // answered once
  });

  it('an accepted offer is an award; the Secretariat is told', async () => {
    const accepted = (await applicants[1].client.post(`/api/awards/${awardOf(decision.awards, 1)!.id}/accept`).expect(200)).body;
    expect(accepted).toMatchObject({ outcome: 'awarded', award: { status: 'awarded', amountCents: 3_500_000 } });
    expect(await statusOf(1)).toBe('awarded');
    expect(await kindsTold(officer)).toContain('award.offer_accepted');
    const [audit] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'award.offer_accepted' AND entity_id = $1`, [accepted.award.id]);
    expect(audit.summary).toContain('3500000');
  });

  it('money that comes back tops up an open offer first, to an award at the requested amount', async () => {
    await officer.client.post(`/api/awards/${awardOf(await awards(), 2)!.id}/decline`, { reason: 'Merged with another organisation' }).expect(200);
    const rows = await awards();
    expect(awardOf(rows, 5)).toMatchObject({ status: 'awarded', amountCents: REQUESTED });
    expect(await statusOf(5)).toBe('awarded');
    expect(committed(rows)).toBe(3_500_000 + REQUESTED + REQUESTED);
    const decisions = (await officer.client.get(`/api/calls/${callId}/decisions`).expect(200)).body.items;
    expect(decisions.map((d: { kind: string }) => d.kind)).toEqual(['decision', 'move_up', 'move_up', 'move_up']);
    expect(decisions.every((d: { anchor: unknown }) => d.anchor !== null)).toBe(true);
  });

  it('sends the outcome letter in Cyrillic to a reader who chose it', async () => {
    const sr = applicants[5]; // language sr
    await sr.client.patch('/api/users/me', { script: 'cyrillic' }).expect(200);
    const pdf = await sr.client.get(`/api/applications/${sr.applicationId}/outcome.pdf`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('Исход ваше пријаве');
    expect(text).toContain('Услуге рехабилитације'); // the call's title, transliterated
    expect(text).toContain('1. фебруар 2027.');
    expect(text).toContain('41.619,00 €');
    expect(text).toMatch(/\d+,\d\d \/ \d+/); // points with a decimal comma
  });
});
