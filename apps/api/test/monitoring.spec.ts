import { visitReportCanonicalContent } from '@grants/domain';
import exifr from 'exifr';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { Client, Harness, loginAs, startApi } from './harness';
import { grantInForce, testCall } from './monitoring-factory';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Detail = { field: string; code: string };
type Point = { id: string; seq: number; status: string; version: number; overdue: boolean; escalated: boolean; can: { answer: boolean; close: boolean; reopen: boolean }; events: { kind: string; body: string | null }[] };
type Visit = {
  id: string; type: string; date: string; version: number; reportStatus: string | null; workPlan: { activityId: string }[];
  report: null | { id: string; status: string; version: number; sha256: string | null; content: Record<string, unknown>; photos: { id: string; clientKey: string; url: string }[]; actionPoints: Point[]; comments: { body: string; authorKind: string }[]; problems: Detail[] };
  can: Record<string, boolean>;
};

async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 140, b: 60 } } }).jpeg()
    .withExif({ IFD0: { Make: 'TestCam', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '42/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '21/1 9/1 0/1' } })
    .toBuffer();
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Belgrade' });

const fullContent = {
  activities: [
    { activityId: 'activity.A1.1', status: 4, comment: 'Eleven places, all in use' },
    { activityId: 'activity.A1.2', status: 2, comment: null },
    { activityId: 'activity.A2.1', status: 1, comment: 'The trainer left' },
  ],
  rating: 3, ratingReasons: 'Vocational training has not started and the budget line is unspent.', correctiveActions: 'Hire a trainer; revise the work plan.',
  findings: 'The shelter runs well; training is months late.', recommendations: 'Ask for a logframe change.',
  peopleMet: [{ function: 'Shelter coordinator', count: 1 }, { function: 'Case manager', count: 2 }],
  beneficiariesObserved: [{ group: 'adult women', count: 6 }, { group: 'girls under 18', count: 3 }],
};

/**
 * Monitoring visits, reports and action points on the real database: a monitor reads and works only on the grants
 * assigned to it (404 elsewhere); an unannounced visit does not exist for the organisation before its day; a report
 * saved from a stale copy is refused (409), never overwritten; a JPEG with GPS tags comes back without them, and a
 * retried upload lands once; submit, return, accept and share, after which the report is frozen with its hash (the
 * API and the database both refuse a change) and comments are appended; action points are answered by their owner
 * and verified by the monitor; bad input names its field and changes nothing.
 */
describe('monitoring visits', () => {
  let h: Harness;
  let officer: Login;
  let observer: Login;
  let call: { callId: string; decisionId: string };
  let g: Awaited<ReturnType<typeof grantInForce>>;
  let other: Awaited<ReturnType<typeof grantInForce>>;
  let monitor: Client;
  let otherMonitor: Client;
  let owner: Client;
  let otherOwner: Client;
  let visitId: string;
  let unannouncedId: string;

  const login = async (email: string, password: string) => new Client(h.app).init().then((c) => c.login(email, password));
  const visit = async (who: Client, id = visitId): Promise<Visit> => (await who.get(`/api/visits/${id}`).expect(200)).body;
  const kinds = async (userId: string) => (await h.ds.query(`SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at`, [userId])).map((r: { kind: string }) => r.kind);
  const count = async (sql: string, params: unknown[] = []) => Number((await h.ds.query(sql, params))[0].n);

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    observer = await loginAs(h, 'observer');
    call = await testCall(h.ds, officer.client, 'MF-MON-2026-01');
    g = await grantInForce(h.ds, call, { municipality: 'Prizren' });
    other = await grantInForce(h.ds, call, { municipality: 'Gjakovë' });
    monitor = await login(g.monitor.email, g.monitor.password);
    otherMonitor = await login(other.monitor.email, other.monitor.password);
    owner = await login(g.owner.email, g.owner.password);
    otherOwner = await login(other.owner.email, other.owner.password);
  });
  afterAll(() => h.close());

  it('lets the monitor plan visits on its grant; the organisation is told of an announced one only', async () => {
    const planned = await monitor.post(`/api/grants/${g.grantId}/visits`, { type: 'planned', date: day(0), purpose: 'Quarterly visit to the shelter' }).expect(201);
    visitId = planned.body.id;
    expect(planned.body).toMatchObject({ type: 'planned', date: day(0), reportStatus: 'draft', can: { edit: true, submit: true } });
    expect(planned.body.workPlan.map((a: { activityId: string }) => a.activityId)).toEqual(['activity.A1.1', 'activity.A1.2', 'activity.A2.1']);
    unannouncedId = (await monitor.post(`/api/grants/${g.grantId}/visits`, { type: 'unannounced', date: day(5), purpose: 'Spot check' }).expect(201)).body.id;
    expect(await kinds(g.owner.user.id)).toEqual(['visit.planned']);
    expect(await kinds(g.member.user.id)).toEqual(['visit.planned']);
    const [n] = await h.ds.query(`SELECT params FROM notifications WHERE user_id = $1 AND kind = 'visit.planned'`, [g.owner.user.id]);
    expect(n.params).toMatchObject({ agreementNumber: g.agreementNumber, date: day(0), purpose: 'Quarterly visit to the shelter' });
  });

  it('refuses a visit in the past or after the grant, naming the field, and plans nothing', async () => {
    const before = await count(`SELECT count(*) AS n FROM monitoring_visits`);
    const past = await monitor.post(`/api/grants/${g.grantId}/visits`, { type: 'planned', date: day(-1), purpose: 'x' }).expect(400);
    expect(past.body.details).toEqual([expect.objectContaining({ field: 'date', code: 'in_the_past' })]);
    const bad = await monitor.post(`/api/grants/${g.grantId}/visits`, { type: 'surprise', date: day(400), purpose: '' }).expect(400);
    expect(bad.body.details.map((d: Detail) => d.field).sort()).toEqual(expect.arrayContaining(['type', 'purpose']));
    const late = await monitor.post(`/api/grants/${g.grantId}/visits`, { type: 'planned', date: day(400), purpose: 'x' }).expect(400);
    expect(late.body.details).toEqual([expect.objectContaining({ field: 'date', code: 'after_grant_end' })]);
    expect(await count(`SELECT count(*) AS n FROM monitoring_visits`)).toBe(before);
  });

  it("gives a monitor nothing of a grant that is not assigned to it: 404 to read or write", async () => {
    await otherMonitor.get(`/api/visits/${visitId}`).expect(404);
    await otherMonitor.post(`/api/grants/${g.grantId}/visits`, { type: 'planned', date: day(3), purpose: 'x' }).expect(404);
    await otherMonitor.put(`/api/visits/${visitId}/report`, { version: 1, content: fullContent, actionPoints: [] }).expect(404);
    await otherMonitor.post(`/api/visits/${visitId}/report/submit`, { version: 1 }).expect(404);
    await otherMonitor.get(`/api/grants/${g.grantId}/visits`).expect(404);
    expect((await otherMonitor.get('/api/visits').expect(200)).body.items.map((v: { id: string }) => v.id)).not.toContain(visitId);
    expect((await monitor.get('/api/visits').expect(200)).body.items.map((v: { id: string }) => v.id)).toEqual(expect.arrayContaining([visitId, unannouncedId]));
    // nor does another organisation, nor does an observer before the report is shared
    await otherOwner.get(`/api/visits/${visitId}`).expect(404);
    await observer.client.get(`/api/visits/${visitId}`).expect(404);
  });

  it('hides an unannounced visit from the organisation until its day', async () => {
    const listed = (await owner.get(`/api/grants/${g.grantId}/visits`).expect(200)).body.items.map((v: { id: string }) => v.id);
    expect(listed).toEqual([visitId]);
    expect((await owner.get('/api/visits').expect(200)).body.items.map((v: { id: string }) => v.id)).toEqual([visitId]);
    await owner.get(`/api/visits/${unannouncedId}`).expect(404);
    // the organisation sees the announced visit, not its report while it is being written
    const seen = await visit(owner);
    expect(seen).toMatchObject({ reportStatus: null, report: null, can: { edit: false, review: false } });
    // on the day of the visit, it exists for them
    await h.ds.query(`UPDATE monitoring_visits SET visit_date = current_date WHERE id = $1`, [unannouncedId]);
    await owner.get(`/api/visits/${unannouncedId}`).expect(200);
    await h.ds.query(`UPDATE monitoring_visits SET visit_date = current_date + 5 WHERE id = $1`, [unannouncedId]);
  });

  it('saves the report at the version it was edited from, refuses a stale copy, and names the field of bad input', async () => {
    const v = await visit(monitor);
    const first = await monitor.put(`/api/visits/${visitId}/report`, {
      version: v.report!.version, content: { ...fullContent, rating: null, ratingReasons: null, correctiveActions: null },
      actionPoints: [{ what: 'Post the house rules where residents see them', owner: 'organisation', priority: 'high', dueDate: day(0) }],
    }).expect(200);
    expect(first.body.report.version).toBe(v.report!.version + 1);
    expect(first.body.report.actionPoints).toHaveLength(1);
    // a phone that edited version 1 while the server moved on is refused, and the server copy stays
    const stale = await monitor.put(`/api/visits/${visitId}/report`, { version: v.report!.version, content: { ...fullContent, findings: 'from the phone' }, actionPoints: [] }).expect(409);
    expect(stale.body.details[0]).toMatchObject({ field: 'version', code: 'version_conflict' });
    expect((await visit(monitor)).report!.content.findings).toBe(fullContent.findings);
    // an activity outside the work plan, a name-less person met, a due date before the visit: each named
    const bad = await monitor.put(`/api/visits/${visitId}/report`, {
      version: first.body.report.version,
      content: { ...fullContent, activities: [{ activityId: 'activity.Z9', status: 2 }], peopleMet: [{ function: ' ', count: 1 }] },
      actionPoints: [{ what: 'x', owner: 'organisation', priority: 'low', dueDate: day(-3) }],
    }).expect(400);
    expect(bad.body.details.map((d: Detail) => `${d.field} ${d.code}`).sort()).toEqual(['actionPoints.0.dueDate before_visit', 'content.activities.0.activityId not_in_work_plan', 'content.peopleMet.0.function required']);
    const invalid = await monitor.put(`/api/visits/${visitId}/report`, { version: first.body.report.version, content: { ...fullContent, rating: 7 }, actionPoints: [] }).expect(400);
    expect(invalid.body.details.map((d: Detail) => d.field)).toContain('content.rating');
    expect((await visit(monitor)).report!.version).toBe(first.body.report.version);
    // the Secretariat reads it, but the report is the monitor's to write
    await officer.client.put(`/api/visits/${visitId}/report`, { version: first.body.report.version, content: fullContent, actionPoints: [] }).expect(403);
  });

  it('strips GPS and camera tags from an uploaded JPEG, and a retried upload lands once', async () => {
    const jpeg = await photoWithGps();
    expect(await exifr.gps(jpeg)).toEqual({ latitude: 42.65, longitude: 21.15 });
    const up = () => monitor.agent.post(`/api/visits/${visitId}/report/photos`).set('x-csrf-token', monitor.csrf)
      .field('clientKey', 'phone-photo-1').field('caption', 'The common room').attach('file', jpeg, { filename: 'IMG_0001.jpg', contentType: 'image/jpeg' });
    const a = await up().expect(200);
    const b = await up().expect(200);
    expect(b.body.id).toBe(a.body.id);
    expect(await count(`SELECT count(*) AS n FROM visit_report_photos p JOIN visit_reports r ON r.id = p.report_id WHERE r.visit_id = $1`, [visitId])).toBe(1);
    const back = await monitor.get(a.body.url).buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); }).expect(200);
    const bytes = back.body as Buffer;
    expect((await sharp(bytes).metadata()).format).toBe('jpeg');
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(await exifr.parse(bytes, true)).toBeUndefined();
    // not an image: refused, naming the file
    const pdf = await monitor.agent.post(`/api/visits/${visitId}/report/photos`).set('x-csrf-token', monitor.csrf)
      .field('clientKey', 'phone-photo-2').attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'x.pdf', contentType: 'application/pdf' }).expect(422);
    expect(pdf.body.details[0]).toMatchObject({ field: 'file' });
    // the organisation cannot fetch it while the report is not shared
    await owner.get(a.body.url).expect(404);
  });

  it('refuses to submit a rating of 3 without its reasons, then submits and tells the Secretariat', async () => {
    let v = await visit(monitor);
    expect(v.report!.problems.map((p) => p.field)).toContain('rating');
    const saved = await monitor.put(`/api/visits/${visitId}/report`, {
      version: v.report!.version, content: { ...fullContent, ratingReasons: '  ', correctiveActions: null },
      actionPoints: v.report!.actionPoints.map((p) => ({ id: p.id, what: 'Post the house rules where residents see them', owner: 'organisation', priority: 'high', dueDate: day(0) })),
    }).expect(200);
    const refused = await monitor.post(`/api/visits/${visitId}/report/submit`, { version: saved.body.report.version }).expect(422);
    expect(refused.body.details.map((d: Detail) => `${d.field} ${d.code}`).sort()).toEqual(['content.correctiveActions required_for_rating', 'content.ratingReasons required_for_rating']);
    const fixed = await monitor.put(`/api/visits/${visitId}/report`, {
      version: saved.body.report.version, content: fullContent,
      actionPoints: [
        { id: v.report!.actionPoints[0].id, what: 'Post the house rules where residents see them', owner: 'organisation', priority: 'high', dueDate: day(0) },
        { what: 'Send the revised work plan', owner: 'organisation', priority: 'medium', dueDate: day(30) },
        { what: 'Decide on the logframe change', owner: 'secretariat', priority: 'low', dueDate: day(20) },
      ],
    }).expect(200);
    expect(fixed.body.report.problems).toEqual([]);
    v = (await monitor.post(`/api/visits/${visitId}/report/submit`, { version: fixed.body.report.version }).expect(200)).body;
    expect(v.report!.status).toBe('submitted');
    expect(await kinds(officer.user.id)).toContain('visit_report.submitted');
    // no longer the monitor's to change
    await monitor.put(`/api/visits/${visitId}/report`, { version: v.report!.version, content: fullContent, actionPoints: [] }).expect(409);
    // nor can a visit not yet made be reported
    const future = await visit(monitor, unannouncedId);
    await monitor.post(`/api/visits/${unannouncedId}/report/submit`, { version: future.report!.version }).expect(409);
  });

  it('returns only with a comment, then accepts and shares: frozen with its hash, action points live, the organisation told', async () => {
    let v = await visit(officer.client);
    expect(v.can).toMatchObject({ review: true, share: false, edit: false });
    const noComment = await officer.client.post(`/api/visits/${visitId}/report/review`, { version: v.report!.version, decision: 'return' }).expect(400);
    expect(noComment.body.details[0]).toMatchObject({ field: 'comment' });
    v = (await officer.client.post(`/api/visits/${visitId}/report/review`, { version: v.report!.version, decision: 'return', comment: 'Say how many residents are in training.' }).expect(200)).body;
    expect(v.report!.status).toBe('returned');
    expect(await kinds(g.monitor.user.id)).toContain('visit_report.returned');
    const m = await visit(monitor);
    const resaved = await monitor.put(`/api/visits/${visitId}/report`, {
      version: m.report!.version, content: { ...fullContent, findings: `${fullContent.findings} None of the 9 residents is in training.` },
      actionPoints: m.report!.actionPoints.map((p) => ({ id: p.id, what: (p as unknown as { what: string }).what, owner: (p as unknown as { owner: 'organisation' }).owner, priority: (p as unknown as { priority: 'high' }).priority, dueDate: (p as unknown as { dueDate: string }).dueDate })),
    }).expect(200);
    await monitor.post(`/api/visits/${visitId}/report/submit`, { version: resaved.body.report.version }).expect(200);
    v = await visit(officer.client);
    v = (await officer.client.post(`/api/visits/${visitId}/report/review`, { version: v.report!.version, decision: 'accept' }).expect(200)).body;
    expect(v.can.share).toBe(true);
    await monitor.post(`/api/visits/${visitId}/report/share`, { version: v.report!.version }).expect(403);
    v = (await officer.client.post(`/api/visits/${visitId}/report/share`, { version: v.report!.version }).expect(200)).body;
    expect(v.report!.status).toBe('shared');
    const [row] = await h.ds.query(`SELECT content, sha256 FROM visit_reports WHERE visit_id = $1`, [visitId]);
    const photos = await h.ds.query(`SELECT file_id FROM visit_report_photos p JOIN visit_reports r ON r.id = p.report_id WHERE r.visit_id = $1 ORDER BY p.created_at`, [visitId]);
    expect(row.sha256).toBe(createHash('sha256').update(visitReportCanonicalContent({ ...row.content, photoFileIds: photos.map((p: { file_id: string }) => p.file_id) })).digest('hex'));
    expect(v.report!.sha256).toBe(row.sha256);
    expect(await count(`SELECT count(*) AS n FROM action_points p JOIN visit_reports r ON r.id = p.report_id WHERE r.visit_id = $1 AND p.live`, [visitId])).toBe(3);
    expect(await kinds(g.owner.user.id)).toContain('visit_report.shared');
    // the organisation and observers now read it, with its photo
    const seen = await visit(owner);
    expect(seen.report).toMatchObject({ status: 'shared', sha256: row.sha256 });
    await owner.get(seen.report!.photos[0].url).expect(200);
    expect((await visit(observer.client)).report!.status).toBe('shared');
  });

  it('keeps a shared report frozen: the API and the database refuse a change, comments are appended', async () => {
    const v = await visit(officer.client);
    await monitor.put(`/api/visits/${visitId}/report`, { version: v.report!.version, content: fullContent, actionPoints: [] }).expect(409);
    await expect(h.ds.query(`UPDATE visit_reports SET content = '{"activities":[]}' WHERE visit_id = $1`, [visitId])).rejects.toThrow(/frozen/);
    await expect(h.ds.query(`UPDATE visit_reports SET status = 'draft' WHERE visit_id = $1`, [visitId])).rejects.toThrow(/frozen|invalid|check/);
    const [before] = await h.ds.query(`SELECT sha256, content FROM visit_reports WHERE visit_id = $1`, [visitId]);
    const commented = (await owner.post(`/api/visits/${visitId}/report/comments`, { body: 'The rules are posted since Monday.' }).expect(200)).body as Visit;
    expect(commented.report!.comments).toEqual([expect.objectContaining({ body: 'The rules are posted since Monday.', authorKind: 'organisation' })]);
    await monitor.post(`/api/visits/${visitId}/report/comments`, { body: 'Thank you.' }).expect(200);
    await observer.client.post(`/api/visits/${visitId}/report/comments`, { body: 'x' }).expect(403);
    await owner.post(`/api/visits/${visitId}/report/comments`, { body: '   ' }).expect(400);
    const [after] = await h.ds.query(`SELECT sha256, content FROM visit_reports WHERE visit_id = $1`, [visitId]);
    expect(after).toEqual(before);
    expect(await kinds(g.monitor.user.id)).toContain('visit_report.commented');
  });

  it('lets the owner answer an action point with evidence and the monitor close or reopen it', async () => {
    const points = (await owner.get('/api/action-points').expect(200)).body.items as (Point & { owner: string })[];
    // the organisation sees every point of the shared report, and answers only its own
    expect(points.map((p) => [p.seq, p.owner, p.can.answer])).toEqual([[1, 'organisation', true], [2, 'organisation', true], [3, 'secretariat', false]]);
    const [first] = points;
    expect(first).toMatchObject({ status: 'open', can: { answer: true, close: false } });
    await otherOwner.get(`/api/action-points/${first.id}`).expect(404);
    await otherOwner.post(`/api/action-points/${first.id}/answer`, { version: first.version, answer: 'x' }).expect(404);
    const empty = await owner.post(`/api/action-points/${first.id}/answer`, { version: first.version, answer: ' ' }).expect(400);
    expect(empty.body.details[0]).toMatchObject({ field: 'answer', code: 'evidence_required' });
    const doc = await owner.agent.post(`/api/grants/${g.grantId}/documents`).set('x-csrf-token', owner.csrf)
      .attach('file', Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'), { filename: 'rules-photo.pdf', contentType: 'application/pdf' }).expect(201);
    let p = (await owner.post(`/api/action-points/${first.id}/answer`, { version: first.version, answer: 'Posted in the hall and the kitchen.', evidenceFileIds: [doc.body.id] }).expect(200)).body as Point;
    expect(p).toMatchObject({ status: 'answered', can: { answer: false } });
    expect(await kinds(g.monitor.user.id)).toContain('action_point.answered');
    // the monitor verifies; not the organisation, not another monitor
    await owner.post(`/api/action-points/${first.id}/close`, { version: p.version }).expect(403);
    await otherMonitor.post(`/api/action-points/${first.id}/close`, { version: p.version }).expect(404);
    const toVerify = (await monitor.get('/api/action-points?status=answered').expect(200)).body.items as Point[];
    expect(toVerify.map((x) => x.id)).toEqual([first.id]);
    const noReason = await monitor.post(`/api/action-points/${first.id}/reopen`, { version: p.version, reason: '' }).expect(400);
    expect(noReason.body.details[0]).toMatchObject({ field: 'reason' });
    p = (await monitor.post(`/api/action-points/${first.id}/reopen`, { version: p.version, reason: 'Also in the bedrooms, please.' }).expect(200)).body;
    expect(p.status).toBe('reopened');
    expect(await kinds(g.owner.user.id)).toContain('action_point.reopened');
    await monitor.post(`/api/action-points/${first.id}/close`, { version: p.version }).expect(409);
    p = (await owner.post(`/api/action-points/${first.id}/answer`, { version: p.version, answer: 'Done in the bedrooms too.' }).expect(200)).body;
    await monitor.post(`/api/action-points/${first.id}/close`, { version: p.version - 1 }).expect(409);
    p = (await monitor.post(`/api/action-points/${first.id}/close`, { version: p.version }).expect(200)).body;
    expect(p.status).toBe('closed');
    expect(p.events.map((e) => e.kind)).toEqual(['answer', 'reopen', 'answer', 'close']);
    // the Secretariat answers its own point; the organisation sees it but may not (403)
    const secretariatPoint = ((await officer.client.get(`/api/action-points?owner=secretariat&grantId=${g.grantId}`).expect(200)).body.items as Point[])[0];
    await owner.post(`/api/action-points/${secretariatPoint.id}/answer`, { version: secretariatPoint.version, answer: 'x' }).expect(403);
    await officer.client.post(`/api/action-points/${secretariatPoint.id}/answer`, { version: secretariatPoint.version, answer: 'Logframe change invited.' }).expect(200);
  });

  it("lists the portfolio's action points with filters, escalated and overdue first", async () => {
    // the open high-priority point of the other grant is overdue: escalated
    const v = (await otherMonitor.post(`/api/grants/${other.grantId}/visits`, { type: 'follow_up', date: day(0), purpose: 'Follow-up' }).expect(201)).body as Visit;
    await otherMonitor.put(`/api/visits/${v.id}/report`, {
      version: v.report!.version, content: fullContent,
      actionPoints: [{ what: 'Fix the fire exit', owner: 'organisation', priority: 'high', dueDate: day(0) }, { what: 'Update the register', owner: 'organisation', priority: 'low', dueDate: day(0) }],
    }).expect(200);
    await h.ds.query(`UPDATE action_points SET due_date = current_date - 3, live = true WHERE grant_id = $1`, [other.grantId]);
    const all = (await officer.client.get('/api/action-points?pageSize=50').expect(200)).body;
    expect(all.items[0]).toMatchObject({ escalated: true, overdue: true, priority: 'high' });
    expect(all.items[1]).toMatchObject({ escalated: false, overdue: true, priority: 'low' });
    const escalated = (await officer.client.get('/api/action-points?escalated=true').expect(200)).body;
    expect(escalated.items.map((p: { what: string }) => p.what)).toEqual(['Fix the fire exit']);
    const inGjakove = (await officer.client.get(`/api/action-points?municipality=${encodeURIComponent('Gjakovë')}&overdue=true`).expect(200)).body;
    expect(inGjakove.total).toBe(2);
    const paged = (await officer.client.get('/api/action-points?pageSize=1&page=2').expect(200)).body;
    expect(paged).toMatchObject({ page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
    await officer.client.get('/api/action-points?priority=urgent').expect(400);
    // a monitor only its grants'
    expect(((await monitor.get('/api/action-points').expect(200)).body.items as { grantId: string }[]).every((p) => p.grantId === g.grantId)).toBe(true);
  });

  it('ranks grants by monitoring priority with the reasons, for the Secretariat and observers, a monitor its own', async () => {
    const list = (await officer.client.get('/api/monitoring/priority?pageSize=200').expect(200)).body;
    const ours = list.items.find((i: { grantId: string }) => i.grantId === g.grantId);
    const theirs = list.items.find((i: { grantId: string }) => i.grantId === other.grantId);
    // ours: rated 3 (+50); theirs: never rated, an escalated point overdue
    expect(ours.reasons[0]).toMatchObject({ code: 'rating', points: 50, params: { rating: 3 } });
    expect(theirs.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['unrated', 'overdue_action_points']));
    expect(ours.band).toBe('high');
    expect(list.rule).toMatchObject({ highFrom: 50, mediumFrom: 25 });
    const scores = list.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect((await observer.client.get('/api/monitoring/priority').expect(200)).body.total).toBe(list.total);
    const own = (await monitor.get('/api/monitoring/priority').expect(200)).body;
    expect(own.items.map((i: { grantId: string }) => i.grantId)).toEqual([g.grantId]);
    await owner.get('/api/monitoring/priority').expect(403);
    // the Secretariat's grants list sorts by it; the organisation never sees it
    const grants = (await officer.client.get('/api/grants?sort=monitoringPriority&pageSize=200').expect(200)).body.items as { id: string; monitoringPriority: { score: number } | null }[];
    const scored = grants.filter((x) => x.monitoringPriority);
    expect(scored.map((x) => x.monitoringPriority!.score)).toEqual([...scored.map((x) => x.monitoringPriority!.score)].sort((a, b) => b - a));
    expect(grants.find((x) => x.id === g.grantId)!.monitoringPriority!.score).toBe(ours.score);
    const mine = (await owner.get('/api/grants?sort=monitoringPriority').expect(200)).body.items as { monitoringPriority: unknown }[];
    expect(mine.length).toBe(1);
    expect(mine[0].monitoringPriority).toBeNull();
  });

  it('reassigns a grant: the new monitor is told and takes its visits over; the old one reaches them no more', async () => {
    const next = await loginAs(h, 'monitor');
    await officer.client.patch(`/api/grants/${g.grantId}/monitor`, { monitorId: next.user.id }).expect(200);
    expect(await kinds(next.user.id)).toEqual(['grant.monitor_assigned']);
    const [n] = await h.ds.query(`SELECT params, link FROM notifications WHERE user_id = $1`, [next.user.id]);
    expect(n).toMatchObject({ params: { agreementNumber: g.agreementNumber, organization: g.organization }, link: `/grants/${g.grantId}` });
    await next.client.get(`/api/visits/${visitId}`).expect(200);
    await monitor.get(`/api/visits/${visitId}`).expect(404);
    await monitor.get(`/api/visits/${unannouncedId}`).expect(404);
  });
});
