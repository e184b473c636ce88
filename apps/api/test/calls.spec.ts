import { demoCallDraft } from '@grants/domain';
import { Harness, loginAs, startApi } from './harness';

/** The definition as the API takes it (no reference, no documents: those belong to the call record). */
function definitionFrom(publicationAt: string) {
  const { reference: _r, documents: _d, ...definition } = { ...demoCallDraft(publicationAt), documents: undefined };
  return definition;
}

describe('calls for proposals and clarifications', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

  async function publishedCall(officer: Awaited<ReturnType<typeof loginAs>>, reference: string) {
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'Test call', sq: 'Thirrje test', sr: 'Test poziv' } }).expect(201);
    const definition = definitionFrom(new Date().toISOString());
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    const published = await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    return published.body;
  }

  it('keeps a draft from applicants, refuses to publish an incomplete call and names what is missing', async () => {
    const officer = await loginAs(h, 'secretariat');
    const applicant = await loginAs(h, 'applicant');
    const draft = await officer.client.post('/api/calls', { reference: 'MF-C3-2026-09', title: { en: 'Draft', sq: '', sr: '' } }).expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', reference: 'MF-C3-2026-09' });
    expect(draft.body.definition.grid.sections).toHaveLength(5); // the EU full-application grid
    await applicant.client.get(`/api/calls/${draft.body.id}`).expect(404);
    expect((await applicant.client.get('/api/calls').expect(200)).body.find((c: { id: string }) => c.id === draft.body.id)).toBeUndefined();
    const refused = await officer.client.post(`/api/calls/${draft.body.id}/publish`, { version: draft.body.version }).expect(400);
    const fields = refused.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['texts.title.sq', 'dates.submissionDeadlineAt']));
    const dup = await officer.client.post('/api/calls', { reference: 'MF-C3-2026-09', title: { en: 'x', sq: '', sr: '' } }).expect(400);
    expect(dup.body.details[0]).toMatchObject({ field: 'reference', code: 'reference_taken' });
    await applicant.client.post('/api/calls', { reference: 'MF-X-1', title: { en: 'x', sq: '', sr: '' } }).expect(403);
  });

  it('publishes a complete call, tells applicants, and lets them ask questions answered to everyone without naming who asked', async () => {
    const officer = await loginAs(h, 'secretariat');
    const asker = await loginAs(h, 'applicant', { language: 'sq' });
    const other = await loginAs(h, 'applicant');
    const call = await publishedCall(officer, 'MF-C3-2026-01');
    expect(call).toMatchObject({ status: 'published', questionsOpen: true, submissionOpen: true, problems: [] });
    const jobs = await h.ds.query(`SELECT job_name, job_id FROM outbox WHERE job_name IN ('call.close', 'application.reminders') ORDER BY id`);
    expect(jobs.map((j: { job_name: string }) => j.job_name)).toEqual(['call.close', 'application.reminders', 'application.reminders', 'application.reminders']);
    const note = await asker.client.get('/api/notifications').expect(200);
    expect(note.body.items[0]).toMatchObject({ kind: 'call.published', title: 'Thirrje e re për propozime' });

    const q = await asker.client.post(`/api/calls/${call.id}/questions`, { question: 'Are costs of a shelter lease eligible?' }).expect(201);
    expect(q.body).toMatchObject({ mine: true, published: false });
    expect((await other.client.get(`/api/calls/${call.id}/questions`)).body).toHaveLength(0); // not yet answered
    const answered = await officer.client.post(`/api/calls/${call.id}/questions/${q.body.id}/answer`, { answer: 'Yes, under local office costs.' }).expect(200);
    expect(answered.body.organizationName).toBeTruthy(); // the Secretariat sees who asked
    const seen = (await other.client.get(`/api/calls/${call.id}/questions`).expect(200)).body;
    expect(seen).toEqual([expect.objectContaining({ question: 'Are costs of a shelter lease eligible?', answer: 'Yes, under local office costs.', mine: false })]);
    expect(seen[0].organizationName).toBeUndefined(); // …but nobody else does
    expect((await asker.client.get('/api/notifications')).body.items[0].kind).toBe('call.question_answered');
  });

  it('after the questions deadline the ask form is closed', async () => {
    const officer = await loginAs(h, 'secretariat');
    const applicant = await loginAs(h, 'applicant');
    const call = await publishedCall(officer, 'MF-C3-2026-02');
    await h.ds.query(`UPDATE calls SET questions_deadline_at = now() - interval '1 second' WHERE id = $1`, [call.id]);
    const r = await applicant.client.post(`/api/calls/${call.id}/questions`, { question: 'Too late?' }).expect(400);
    expect(r.body.details[0]).toMatchObject({ field: 'question', code: 'questions_closed' });
  });

  it('changes a published call only by an amendment: deadlines may be extended, never shortened', async () => {
    const officer = await loginAs(h, 'secretariat');
    const call = await publishedCall(officer, 'MF-C3-2026-03');
    const shorter = structuredClone(call.definition);
    shorter.dates.submissionDeadlineAt = new Date(new Date(shorter.dates.submissionDeadlineAt).getTime() - 86400_000).toISOString();
    const { reference: _r, documents: _d, ...body } = shorter;
    await officer.client.patch(`/api/calls/${call.id}`, { definition: body, version: call.version }).expect(400)
      .then((r) => expect(r.body.details[0]).toMatchObject({ field: 'amendmentReason', code: 'required' }));
    const refused = await officer.client.patch(`/api/calls/${call.id}`, { definition: body, version: call.version, amendmentReason: 'typo' }).expect(400);
    expect(refused.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'dates.submissionDeadlineAt', code: 'deadline_shortened' })]));
    const money = structuredClone(body);
    money.budgetEnvelopeCents += 100;
    const locked = await officer.client.patch(`/api/calls/${call.id}`, { definition: money, version: call.version, amendmentReason: 'more money' }).expect(400);
    expect(locked.body.details[0].code).toBe('locked_after_publication');

    const longer = structuredClone(call.definition);
    longer.dates.submissionDeadlineAt = new Date(new Date(longer.dates.submissionDeadlineAt).getTime() + 7 * 86400_000).toISOString();
    longer.dates.evaluationDueAt = new Date(new Date(longer.dates.evaluationDueAt).getTime() + 7 * 86400_000).toISOString();
    longer.dates.decisionExpectedAt = new Date(new Date(longer.dates.decisionExpectedAt).getTime() + 7 * 86400_000).toISOString();
    const { reference: _r2, documents: _d2, ...extended } = longer;
    const ok = await officer.client.patch(`/api/calls/${call.id}`, { definition: extended, version: call.version, amendmentReason: 'Extended by one week after the info session' }).expect(200);
    expect(ok.body.amendments[0]).toMatchObject({ reason: 'Extended by one week after the info session' });
    expect(ok.body.submissionDeadlineAt).toBe(new Date(longer.dates.submissionDeadlineAt).toISOString());
    const audit = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'call.amended'`);
    expect(audit[0].summary).toContain('Extended by one week');
  });

  it('copies a previous call so the second call takes minutes', async () => {
    const officer = await loginAs(h, 'secretariat');
    const first = await publishedCall(officer, 'MF-C3-2026-04');
    const copy = await officer.client.post('/api/calls', { reference: 'MF-C3-2027-01', title: { en: 'Second call', sq: 'Thirrja e dytë', sr: 'Drugi poziv' }, copyFromCallId: first.id }).expect(201);
    expect(copy.body.definition.grid).toEqual(first.definition.grid);
    expect(copy.body.definition.texts.objectives).toEqual(first.definition.texts.objectives);
    expect(copy.body.definition.dates.submissionDeadlineAt).toBe('');
    expect(copy.body.problems.map((p: { field: string }) => p.field)).toContain('dates.submissionDeadlineAt');
  });

  it('plans info sessions that CSOs register for within capacity, with the list exportable and a reminder the day before', async () => {
    const officer = await loginAs(h, 'secretariat');
    const call = await publishedCall(officer, 'MF-C3-2026-05');
    const startsAt = new Date(Date.now() + 3 * 86400_000).toISOString();
    const bad = await officer.client.post(`/api/calls/${call.id}/info-sessions`, { startsAt, capacity: 3 }).expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'place', code: 'required' });
    const sessions = (await officer.client.post(`/api/calls/${call.id}/info-sessions`, { startsAt, place: 'Prishtinë, EU Info Centre', capacity: 3 }).expect(201)).body;
    const sid = sessions[0].id;
    const reminder = await h.ds.query(`SELECT run_at FROM outbox WHERE job_name = 'info_session.reminder'`);
    expect(new Date(reminder[0].run_at).getTime()).toBe(new Date(startsAt).getTime() - 86400_000);

    const a = await loginAs(h, 'applicant');
    const b = await loginAs(h, 'applicant');
    const mine = (await a.client.post(`/api/calls/${call.id}/info-sessions/${sid}/registration`, { attendees: 2 }).expect(200)).body;
    expect(mine[0]).toMatchObject({ registered: 2, registeredByMe: true, myAttendees: 2, capacity: 3 });
    const full = await b.client.post(`/api/calls/${call.id}/info-sessions/${sid}/registration`, { attendees: 2 }).expect(400);
    expect(full.body.details[0]).toMatchObject({ field: 'attendees', code: 'session_full' });
    await b.client.post(`/api/calls/${call.id}/info-sessions/${sid}/registration`, { attendees: 1 }).expect(200);
    const csv = await officer.client.get(`/api/calls/${call.id}/info-sessions/${sid}/registrations.csv`).expect(200);
    expect(csv.text.split('\r\n')).toHaveLength(3);
    await a.client.get(`/api/calls/${call.id}/info-sessions/${sid}/registrations.csv`).expect(403);
    // after a reload each organisation reads how many people it registered, not only that it did
    const view = (await b.client.get(`/api/calls/${call.id}`).expect(200)).body;
    expect(view.infoSessions[0]).toMatchObject({ registered: 3, registeredByMe: true, myAttendees: 1, place: 'Prishtinë, EU Info Centre' });
    expect((await a.client.get(`/api/calls/${call.id}`).expect(200)).body.infoSessions[0]).toMatchObject({ registered: 3, myAttendees: 2 });
    expect((await officer.client.get(`/api/calls/${call.id}`).expect(200)).body.infoSessions[0]).toMatchObject({ registered: 3, registeredByMe: false, myAttendees: null });

    // registering again changes the number (within capacity), and cancelling clears it
    const fewer = (await a.client.post(`/api/calls/${call.id}/info-sessions/${sid}/registration`, { attendees: 1 }).expect(200)).body;
    expect(fewer[0]).toMatchObject({ registered: 2, registeredByMe: true, myAttendees: 1 });
    const more = await a.client.post(`/api/calls/${call.id}/info-sessions/${sid}/registration`, { attendees: 3 }).expect(400);
    expect(more.body.details[0]).toMatchObject({ field: 'attendees', code: 'session_full' });
    const cancelled = (await a.client.delete(`/api/calls/${call.id}/info-sessions/${sid}/registration`).expect(200)).body;
    expect(cancelled[0]).toMatchObject({ registered: 1, registeredByMe: false, myAttendees: null });
  });
  it('refuses a question (or an answer, or an amendment reason) that is only white space, naming the field', async () => {
    const officer = await loginAs(h, 'secretariat');
    const applicant = await loginAs(h, 'applicant');
    const call = await publishedCall(officer, 'MF-C3-2026-06');
    for (const question of ['   ', '\n\t ', '\u00a0\u2003']) {
      const r = await applicant.client.post(`/api/calls/${call.id}/questions`, { question }).expect(400);
      expect(r.body.details).toEqual([expect.objectContaining({ field: 'question', code: 'required' })]);
    }
    expect(await h.ds.query(`SELECT id FROM call_questions WHERE call_id = $1`, [call.id])).toEqual([]);
    const q = (await applicant.client.post(`/api/calls/${call.id}/questions`, { question: 'Is rent eligible?' }).expect(201)).body;
    const blank = await officer.client.post(`/api/calls/${call.id}/questions/${q.id}/answer`, { answer: '  ' }).expect(400);
    expect(blank.body.details).toEqual([expect.objectContaining({ field: 'answer', code: 'required' })]);
  });

  it('refuses an info session dated year 0 or 9999 (the call page keeps working), and a call date outside 2000–2100', async () => {
    const officer = await loginAs(h, 'secretariat');
    const applicant = await loginAs(h, 'applicant');
    const call = await publishedCall(officer, 'MF-C3-2026-07');
    for (const startsAt of ['0000-01-01T10:00:00Z', '9999-12-31T10:00:00Z', '1999-12-31T10:00:00Z']) {
      const r = await officer.client.post(`/api/calls/${call.id}/info-sessions`, { startsAt, place: 'Pejë', capacity: 5 }).expect(400);
      expect(r.body.details).toEqual([expect.objectContaining({ field: 'startsAt', code: 'date_out_of_range' })]);
    }
    expect(await h.ds.query(`SELECT id FROM info_sessions WHERE call_id = $1`, [call.id])).toEqual([]);
    await applicant.client.get(`/api/calls/${call.id}`).expect(200);
    const { reference: _r, documents: _d, ...definition } = structuredClone(call.definition);
    definition.dates.decisionExpectedAt = '9999-12-31T10:00:00Z';
    const r = await officer.client.patch(`/api/calls/${call.id}`, { definition, version: call.version, amendmentReason: 'later decision' }).expect(400);
    expect(r.body.details).toEqual([expect.objectContaining({ field: 'definition.dates.decisionExpectedAt', code: 'date_out_of_range' })]);
  });

  it('takes cost-heading caps with decimals (12.5 %), as the domain does, and refuses three decimals', async () => {
    const officer = await loginAs(h, 'secretariat');
    const created = (await officer.client.post('/api/calls', { reference: 'MF-C3-2026-08', title: { en: 'T', sq: 'T', sr: 'T' } }).expect(201)).body;
    const definition = definitionFrom(new Date().toISOString());
    definition.costHeadings = definition.costHeadings.map((c) => (c.code === 'equipment_supplies' ? { ...c, capPct: 12.5 } : c));
    const saved = (await officer.client.patch(`/api/calls/${created.id}`, { definition, version: created.version }).expect(200)).body;
    expect(saved.definition.costHeadings.find((c: { code: string }) => c.code === 'equipment_supplies').capPct).toBe(12.5);
    definition.costHeadings = definition.costHeadings.map((c) => (c.code === 'equipment_supplies' ? { ...c, capPct: 12.345 } : c));
    const r = await officer.client.patch(`/api/calls/${created.id}`, { definition, version: saved.version }).expect(400);
    expect(r.body.details[0].field).toMatch(/^definition\.costHeadings\.\d+\.capPct$/);
  });

  it('lets the Secretariat cancel an info session with a reason: kept as cancelled, registered organisations told in their language, no more registrations', async () => {
    const officer = await loginAs(h, 'secretariat');
    const call = await publishedCall(officer, 'MF-C3-2026-10');
    const startsAt = new Date(Date.now() + 4 * 86400_000).toISOString();
    const sid = (await officer.client.post(`/api/calls/${call.id}/info-sessions`, { startsAt, place: 'Gjakovë', capacity: 10 }).expect(201)).body[0].id;
    const sq = await loginAs(h, 'applicant', { language: 'sq' });
    const other = await loginAs(h, 'applicant');
    await sq.client.post(`/api/calls/${call.id}/info-sessions/${sid}/registration`, { attendees: 2 }).expect(200);

    await sq.client.post(`/api/calls/${call.id}/info-sessions/${sid}/cancel`, { reason: 'x' }).expect(403);
    const blank = await officer.client.post(`/api/calls/${call.id}/info-sessions/${sid}/cancel`, { reason: ' ' }).expect(400);
    expect(blank.body.details).toEqual([expect.objectContaining({ field: 'reason', code: 'required' })]);
    await officer.client.post(`/api/calls/${call.id}/info-sessions/5c0ffee0-0000-4000-8000-000000000000/cancel`, { reason: 'x' }).expect(404);

    const after = (await officer.client.post(`/api/calls/${call.id}/info-sessions/${sid}/cancel`, { reason: 'The venue is closed' }).expect(200)).body;
    expect(after[0]).toMatchObject({ id: sid, status: 'cancelled', cancelReason: 'The venue is closed', cancelledAt: expect.any(String) });
    const seen = (await other.client.get(`/api/calls/${call.id}`).expect(200)).body.infoSessions;
    expect(seen).toEqual([expect.objectContaining({ id: sid, status: 'cancelled', cancelReason: 'The venue is closed' })]);

    const note = (await sq.client.get('/api/notifications').expect(200)).body.items[0];
    expect(note).toMatchObject({ kind: 'call.info_session_cancelled', title: 'Sesioni informues u anulua' });
    const mail = await h.ds.query(`SELECT text_body FROM emails WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`, [sq.email]);
    expect(mail[0].text_body).toContain('The venue is closed');
    expect((await other.client.get('/api/notifications').expect(200)).body.items.map((n: { kind: string }) => n.kind)).not.toContain('call.info_session_cancelled');
    expect((await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'call.info_session_cancelled'`))[0].summary).toContain('The venue is closed');

    const refused = await other.client.post(`/api/calls/${call.id}/info-sessions/${sid}/registration`, { attendees: 1 }).expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'sessionId', code: 'session_cancelled' });
    const twice = await officer.client.post(`/api/calls/${call.id}/info-sessions/${sid}/cancel`, { reason: 'again' }).expect(400);
    expect(twice.body.details[0]).toMatchObject({ field: 'sessionId', code: 'invalid_transition' });
  });
});
