import { canonicalJson, compareNarrativeReports, DEFAULT_GRANT_SETTINGS, grantReportingSchedule, personalDataConfirmation, scanPersonalData, type NarrativeReportStatus } from '@grants/domain';
import { createHash } from 'node:crypto';
import { ensureNarrativeReportRows } from '../src/modules/reports/narrative-reports.repository';
import { PDF } from './files';
import { Client, Harness, loginAs, startApi } from './harness';
import { testCall } from './monitoring-factory';
import { kosovoDay, reportingGrant } from './reports-factory';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Detail = { field: string; code: string };
type Summary = { id: string; grantId: string; kind: string; seq: number; dueDate: string; scheduledDueDate: string; status: NarrativeReportStatus; overdue: boolean; escalated: boolean; version: number; submittedVersion: number };
type Report = Summary & {
  evidenceFiles: { id: string; fileName: string }[];
  expenditureReport: { id: string; status: string; spentCents: number; acceptedCents: number | null } | null;
  content: Record<string, any> | null; contentVersion: number | null; beneficiaries: Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any -- read as JSON
  completeness: { complete: boolean; problems: (Detail & { section: string })[] } | null;
  comments: { kind: string; section: string | null; indicatorId: string | null; text: string; version: number; authorRole: string }[];
  versions: { version: number; sha256: string }[];
  extensionRequests: { id: string; status: string; requestedDueDate: string }[];
  indicatorProgress: { indicatorKey: string; progressBp: number | null; behind: boolean }[];
  logframe: { results: { key: string }[]; indicators: { key: string; target: string }[]; activities: { key: string }[] };
  can: Record<string, boolean>;
};

const I1 = 'so.1.result.1.indicator.1';
const I2 = 'so.1.result.1.indicator.2';

const complete = () => ({
  general: { summary: 'Twenty-two survivors started the vocational course.' },
  results: { 'so.1.result.1': { summary: '22 trained, 3 employed' }, 'so.1.result.2': { summary: 'Mediation with families started' } },
  activities: {
    'activity.A1.1': { done: 'Two cohorts of the course', status: 2, deviations: '' },
    'activity.A1.2': { done: 'Three placements', status: 3, deviations: '' },
    'activity.A2.1': { done: '', status: 1, deviations: 'The mediator was hired late' },
  },
  indicators: {
    [I1]: { periodValue: '22', cumulativeValue: '22', comment: 'On track', evidenceFileIds: [] as string[] },
    [I2]: { periodValue: '3', cumulativeValue: '3', comment: '', evidenceFileIds: [] as string[] },
  },
  // 3 men, 4 aged 25-59 and 2 from Prizren: counts from 1 to 4 that only the organisation may see
  beneficiaries: { total: 12, bySex: { female: 9, male: 3 }, byAge: { '18-24': 8, '25-59': 4 }, byIntake: { new: 12 }, byService: { vocational_training: 12 }, byMunicipality: { prishtina: 10, prizren: 2 } },
  challenges: 'Transport to the course', lessons: 'Start the placements earlier', nextPlan: 'A second cohort',
});

/** A passage of personal data in each language, each in its own field (what the scan must find). */
const WITH_PERSONAL_DATA = () => {
  const c = complete();
  c.general.summary = 'The victim, Arta Krasniqi, was referred by the police.'; // en: a name beside a victim word
  c.challenges = 'Numri personal i saj është 1234567890.'; // sq: a Kosovo personal number
  c.lessons = 'Telefoni i viktimës: +383 44 123 456'; // sq: a phone
  c.indicators[I1].comment = 'Kontakt: marija_j@yahoo.co.uk.'; // an e-mail
  c.nextPlan = 'Žrtva Marija Jovanović je smeštena u sklonište.'; // sr: a name beside a victim word
  return c;
};

/** Any count from 1 to 4 written as a number in a JSON text (a raw small count). */
const RAW_SMALL = /:\s*[1-4]\s*[,}]/;

/**
 * Narrative reports on the real database: the rows come from the grant's reporting schedule, once; the organisation
 * alone edits its report, at the version it read (a stale save is a 409 and changes nothing); the personal-data scan
 * finds a personal number, a phone, an e-mail and a victim's name in en/sq/sr free text, and submission waits for
 * each to be confirmed (kind and hash kept, never the passage); completeness blocks submission field by field;
 * submit → return with comments per section and indicator → resubmit as version 2 with another hash → compare →
 * accept, each status change audited and notified; the observer and the monitor never see a count from 1 to 4;
 * a request for more time, granted, moves the due date.
 */
describe('narrative reports', () => {
  let h: Harness;
  let officer: Login;
  let observer: Login;
  let call: { callId: string; decisionId: string };
  let g: Awaited<ReturnType<typeof reportingGrant>>;
  let other: Awaited<ReturnType<typeof reportingGrant>>;
  let owner: Client;
  let member: Client;
  let monitor: Client;
  let otherOwner: Client;
  let otherMonitor: Client;
  let interimId: string;
  let finalId: string;

  const login = async (email: string, password: string) => new Client(h.app).init().then((c) => c.login(email, password));
  const report = async (who: Client, id = interimId): Promise<Report> => (await who.get(`/api/reports/${id}`).expect(200)).body;
  const kinds = async (userId: string) => (await h.ds.query(`SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at`, [userId])).map((r: { kind: string }) => r.kind);
  const fields = (body: { details: Detail[] }) => body.details.map((d) => `${d.field}:${d.code}`);

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    observer = await loginAs(h, 'observer');
    call = await testCall(h.ds, officer.client, 'MF-REP-2026-01');
    g = await reportingGrant(h.ds, call);
    other = await reportingGrant(h.ds, call);
    owner = await login(g.owner.email, g.owner.password);
    member = await login(g.member.email, g.member.password);
    monitor = await login(g.monitor.email, g.monitor.password);
    otherOwner = await login(other.owner.email, other.owner.password);
    otherMonitor = await login(other.monitor.email, other.monitor.password);
  });
  afterAll(() => h.close());

  it("makes the reports of the grant's reporting schedule, once", async () => {
    expect(Number((await h.ds.query(`SELECT count(*) AS n FROM narrative_reports WHERE grant_id = $1`, [g.grantId]))[0].n)).toBe(0);
    const list = (await owner.get(`/api/grants/${g.grantId}/reports`).expect(200)).body as { items: Summary[]; total: number };
    expect(list.items.map((r) => [r.kind, r.seq, r.dueDate, r.status])).toEqual(g.schedule.map((s) => [s.kind, s.seq, s.dueDate, 'draft']));
    expect(list.total).toBe(2);
    interimId = list.items.find((r) => r.kind === 'interim')!.id;
    finalId = list.items.find((r) => r.kind === 'final')!.id;
    // again, through the hook the grant's entry into force calls: nothing new
    expect(await ensureNarrativeReportRows(h.ds.manager, g.grantId)).toBe(0);
    expect(await ensureNarrativeReportRows(h.ds.manager)).toBe(2); // the other grant's rows
    expect(await ensureNarrativeReportRows(h.ds.manager)).toBe(0);
    expect(Number((await h.ds.query(`SELECT count(*) AS n FROM narrative_reports WHERE grant_id = ANY($1::uuid[])`, [[g.grantId, other.grantId]]))[0].n)).toBe(4);

    // each sees its own: the organisation and the monitor their grant's, the Secretariat and observers all
    const ids = async (who: Client) => ((await who.get('/api/reports').expect(200)).body.items as Summary[]).map((r) => r.grantId);
    expect(new Set(await ids(owner))).toEqual(new Set([g.grantId]));
    expect(new Set(await ids(monitor))).toEqual(new Set([g.grantId]));
    expect(new Set(await ids(otherOwner))).toEqual(new Set([other.grantId]));
    expect(new Set(await ids(officer.client))).toEqual(new Set([g.grantId, other.grantId]));
    expect(new Set(await ids(observer.client))).toEqual(new Set([g.grantId, other.grantId]));
    await otherOwner.get(`/api/reports/${interimId}`).expect(404);
    await otherMonitor.get(`/api/reports/${interimId}`).expect(404);
    await otherOwner.get(`/api/grants/${g.grantId}/reports`).expect(404);

    const r = await report(owner);
    expect(r.logframe.indicators.map((i) => [i.key, i.target])).toEqual([[I1, '40'], [I2, '10']]);
    expect(Object.keys(r.content!.activities)).toEqual(['activity.A1.1', 'activity.A1.2', 'activity.A2.1']);
    expect(r.can).toMatchObject({ edit: true, submit: false, review: false, requestExtension: true });
    // nobody but the organisation reads a report never submitted
    expect((await report(officer.client)).content).toBeNull();
    expect((await report(officer.client)).can).toMatchObject({ edit: false, review: false });
  });

  it('makes them when the Secretariat countersigns the agreement and the grant enters force', async () => {
    const pending = await reportingGrant(h.ds, call, { status: 'signed_by_organization' });
    const rows = async () => (await h.ds.query(`SELECT kind, seq, to_char(due_date, 'YYYY-MM-DD') AS due FROM narrative_reports WHERE grant_id = $1 ORDER BY seq`, [pending.grantId])).map((r: { kind: string; seq: number; due: string }) => [r.kind, r.seq, r.due]);
    expect(await rows()).toEqual([]);
    await officer.client.post(`/api/grants/${pending.grantId}/countersign`).expect(200);
    expect(await rows()).toEqual(pending.schedule.map((e) => [e.kind, e.seq, e.dueDate]));
  });

  it('saves the draft at the version it was read; a stale save is a 409 and bad content a 400 naming the field, changing nothing', async () => {
    const r = await report(owner);
    const draft = complete();
    draft.general.summary = 'First notes';
    const saved = (await owner.put(`/api/reports/${interimId}`, { version: r.version, content: draft }).expect(200)).body as Report;
    expect(saved.version).toBe(r.version + 1);
    expect(saved.content!.general.summary).toBe('First notes');

    const stale = await owner.put(`/api/reports/${interimId}`, { version: r.version, content: { ...draft, general: { summary: 'From an old tab' } } }).expect(409);
    expect(fields(stale.body)).toEqual(['version:version_conflict']);
    const bad = { ...draft, activities: { ...draft.activities, 'activity.A1.1': { done: 'x', status: 7, deviations: '' } }, results: { ...draft.results, 'so.9.result.1': { summary: 'x' } } };
    const refused = await owner.put(`/api/reports/${interimId}`, { version: saved.version, content: bad }).expect(400);
    expect(fields(refused.body).sort()).toEqual(['content.activities.activity.A1.1.status:invalid', 'content.results.so.9.result.1:not_in_logframe']);
    expect(refused.body).toMatchObject({ statusCode: 400, error: expect.any(String), message: expect.any(String) });
    const after = await report(owner);
    expect([after.version, after.content!.general.summary]).toEqual([saved.version, 'First notes']);

    // evidence is one of the organisation's own files, uploaded first
    const foreign = (await otherOwner.agent.post(`/api/grants/${other.grantId}/documents`).set('x-csrf-token', otherOwner.csrf).attach('file', PDF, { filename: 'theirs.pdf', contentType: 'application/pdf' }).expect(201)).body;
    const withForeign = complete();
    withForeign.indicators[I1].evidenceFileIds = [foreign.id];
    const notOurs = await owner.put(`/api/reports/${interimId}`, { version: saved.version, content: withForeign }).expect(400);
    expect(fields(notOurs.body)).toEqual([`content.indicators.${I1}.evidenceFileIds.0:unknown_file`]);
    const doc = (await owner.agent.post(`/api/grants/${g.grantId}/documents`).set('x-csrf-token', owner.csrf).attach('file', PDF, { filename: 'attendance-counts.pdf', contentType: 'application/pdf' }).expect(201)).body;
    const withEvidence = { ...draft, indicators: { ...draft.indicators, [I1]: { ...draft.indicators[I1], evidenceFileIds: [doc.id] } } };
    const evidenced = (await owner.put(`/api/reports/${interimId}`, { version: saved.version, content: withEvidence }).expect(200)).body as Report;
    expect(evidenced.evidenceFiles).toEqual([{ id: doc.id, fileName: 'attendance-counts.pdf' }]);
  });

  it('lets only the organisation edit its report: the others who see it are refused, another organisation does not find it', async () => {
    const r = await report(owner);
    const body = { version: r.version, content: complete() };
    await monitor.put(`/api/reports/${interimId}`, body).expect(403);
    await officer.client.put(`/api/reports/${interimId}`, body).expect(403);
    await observer.client.put(`/api/reports/${interimId}`, body).expect(403);
    await otherOwner.put(`/api/reports/${interimId}`, body).expect(404);
    await otherOwner.post(`/api/reports/${interimId}/privacy-scan`).expect(404);
    await monitor.post(`/api/reports/${interimId}/submit`, { version: r.version, confirmations: [] }).expect(403);
    expect((await report(owner)).version).toBe(r.version);
    // a member of the organisation writes it too
    const byMember = (await member.put(`/api/reports/${interimId}`, body).expect(200)).body as Report;
    expect(byMember.version).toBe(r.version + 1);
  });

  it('refuses to submit an incomplete report, naming each missing field', async () => {
    const r = await report(owner);
    const partial = complete();
    partial.general.summary = ' ';
    partial.indicators[I1].cumulativeValue = null as unknown as string;
    partial.beneficiaries.bySex = { female: 9, male: 2 };
    const saved = (await owner.put(`/api/reports/${interimId}`, { version: r.version, content: partial }).expect(200)).body as Report;
    expect(saved.completeness!.problems.map((p) => `${p.section}|${p.field}|${p.code}`)).toEqual([
      'general|general.summary|required', `indicators|indicators.${I1}.cumulativeValue|required`, 'beneficiaries|beneficiaries.bySex|sum_mismatch',
    ]);
    const refused = await owner.post(`/api/reports/${interimId}/submit`, { version: saved.version, confirmations: [] }).expect(422);
    expect(fields(refused.body)).toEqual(['general.summary:required', `indicators.${I1}.cumulativeValue:required`, 'beneficiaries.bySex:sum_mismatch']);
    expect((await report(owner)).status).toBe('draft');
  });

  it('finds personal data in en/sq/sr free text and submits only once each finding is confirmed, keeping its kind and hash only', async () => {
    const r = await report(owner);
    const saved = (await owner.put(`/api/reports/${interimId}`, { version: r.version, content: WITH_PERSONAL_DATA() }).expect(200)).body as Report;
    const scan = (await owner.post(`/api/reports/${interimId}/privacy-scan`).expect(200)).body as { findings: { field: string; kind: string; excerpt: string; excerptHash: string }[] };
    expect(scan.findings.map((f) => `${f.field}:${f.kind}`).sort()).toEqual([
      'challenges:personal_number', 'general.summary:name', `indicators.${I1}.comment:email`, 'lessons:phone', 'nextPlan:name',
    ]);
    expect(scan.findings.find((f) => f.field === 'general.summary')!.excerpt).toBe('Arta Krasniqi');
    await monitor.post(`/api/reports/${interimId}/privacy-scan`).expect(403);

    const none = await owner.post(`/api/reports/${interimId}/submit`, { version: saved.version, confirmations: [] }).expect(422);
    expect(fields(none.body).sort()).toEqual([
      'challenges:personal_data_unconfirmed', 'general.summary:personal_data_unconfirmed', `indicators.${I1}.comment:personal_data_unconfirmed`,
      'lessons:personal_data_unconfirmed', 'nextPlan:personal_data_unconfirmed',
    ]);
    const confirm = (f: { field: string; kind: string; excerptHash: string }) => ({ field: f.field, kind: f.kind, excerptHash: f.excerptHash });
    const some = await owner.post(`/api/reports/${interimId}/submit`, { version: saved.version, confirmations: scan.findings.slice(0, 3).map(confirm) }).expect(422);
    expect(fields(some.body).sort()).toEqual(scan.findings.slice(3).map((f) => `${f.field}:personal_data_unconfirmed`).sort());
    expect((await report(owner)).status).toBe('draft');

    const done = (await owner.post(`/api/reports/${interimId}/submit`, { version: saved.version, confirmations: scan.findings.map(confirm) }).expect(200)).body as Report;
    expect(done.status).toBe('submitted');
    expect(done.submittedVersion).toBe(1);
    expect(done.versions).toEqual([expect.objectContaining({ version: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    const [v1] = await h.ds.query(`SELECT sha256, privacy_confirmations FROM narrative_report_versions WHERE report_id = $1 AND version = 1`, [interimId]);
    expect(v1.privacy_confirmations).toHaveLength(5);
    for (const c of v1.privacy_confirmations) expect(Object.keys(c).sort()).toEqual(['excerptHash', 'kind']);
    // the hash is that of the frozen content's canonical JSON: a changed stored version would show
    const [frozen] = await h.ds.query(`SELECT content FROM narrative_report_versions WHERE report_id = $1 AND version = 1`, [interimId]);
    expect(createHash('sha256').update(canonicalJson(frozen.content), 'utf8').digest('hex')).toBe(v1.sha256);
    expect(frozen.content.general.summary).toBe('The victim, Arta Krasniqi, was referred by the police.');
    const stored = JSON.stringify(v1.privacy_confirmations);
    for (const passage of ['Arta Krasniqi', '1234567890', '+383 44 123 456', 'marija_j@yahoo.co.uk', 'Marija Jovanović']) expect(stored).not.toContain(passage);
    // frozen: no more edits
    await owner.put(`/api/reports/${interimId}`, { version: done.version, content: complete() }).expect(409);

    // the figures of the submitted version, for the portfolio
    const figures = await h.ds.query(`SELECT indicator_id, period_value::int AS p, cumulative_value::int AS c FROM narrative_report_indicator_values WHERE report_id = $1 ORDER BY indicator_id`, [interimId]);
    expect(figures).toEqual([{ indicator_id: I1, p: 22000, c: 22000 }, { indicator_id: I2, p: 3000, c: 3000 }]);
    const counts = await h.ds.query(`SELECT breakdown || '.' || key AS cell, count FROM narrative_report_beneficiary_counts WHERE report_id = $1 ORDER BY 1`, [interimId]);
    expect(counts).toContainEqual({ cell: 'bySex.male', count: 3 });
    expect(counts).toHaveLength(8); // each cell above 0, once
    // the Secretariat and the monitor are told
    expect(await kinds(officer.user.id)).toContain('narrative_report.submitted');
    expect(await kinds(g.monitor.user.id)).toContain('narrative_report.submitted');
  });

  it('never shows the observer or the monitor a count from 1 to 4: "<5" in the report and its version', async () => {
    for (const who of [observer.client, monitor, officer.client]) {
      const r = await report(who);
      expect(r.contentVersion).toBe(1);
      expect(r.content!.beneficiaries.bySex.male).toEqual({ shown: '<5', reason: 'small_count' });
      expect(r.content!.beneficiaries.byAge['25-59']).toEqual({ shown: '<5', reason: 'small_count' });
      expect(r.content!.beneficiaries.byMunicipality.prizren).toEqual({ shown: '<5', reason: 'small_count' });
      expect(JSON.stringify(r.content!.beneficiaries)).not.toMatch(RAW_SMALL);
      expect(JSON.stringify(r.beneficiaries)).not.toMatch(RAW_SMALL);
      const v = (await who.get(`/api/reports/${interimId}/versions/1`).expect(200)).body;
      expect(JSON.stringify(v.content.beneficiaries)).not.toMatch(RAW_SMALL);
      expect(v.content.beneficiaries.bySex.male).toEqual({ shown: '<5', reason: 'small_count' });
    }
    // the organisation sees its own counts
    const own = (await owner.get(`/api/reports/${interimId}/versions/1`).expect(200)).body;
    expect(own.content.beneficiaries.bySex.male).toBe(3);
    expect((await report(owner)).content!.beneficiaries.bySex.male).toBe(3);
    // the monitor reads and comments, but does not review
    await monitor.post(`/api/reports/${interimId}/accept`, { version: (await report(owner)).version }).expect(403);
    const commented = (await monitor.post(`/api/reports/${interimId}/comments`, { text: 'Seen at the visit: attendance matches', section: 'results' }).expect(200)).body as Report;
    expect(commented.comments).toEqual([expect.objectContaining({ kind: 'comment', authorRole: 'monitor', section: 'results', version: 1 })]);
    await observer.client.post(`/api/reports/${interimId}/comments`, { text: 'A note' }).expect(403);
    // a comment is scanned too: a victim's name waits for the writer's confirmation (kind and hash)
    const text = 'Met the beneficiary Elira Berisha-Gashi at the course';
    const held = await monitor.post(`/api/reports/${interimId}/comments`, { text }).expect(422);
    expect(fields(held.body)).toEqual(['text:personal_data_unconfirmed']);
    expect(JSON.stringify(held.body)).not.toContain('Elira');
    const sha = (x: string) => createHash('sha256').update(x, 'utf8').digest('hex');
    const confirmations = scanPersonalData(text).map((f) => personalDataConfirmation(f, sha));
    const kept = (await monitor.post(`/api/reports/${interimId}/comments`, { text, confirmations }).expect(200)).body as Report;
    expect(kept.comments).toHaveLength(2);
    expect(await kinds(g.owner.user.id)).toContain('narrative_report.commented');
  });

  it('returns the report with comments per section and per indicator; the organisation revises and resubmits a version 2 with another hash; the comparison lists what changed; then it is accepted', async () => {
    const r = await report(officer.client);
    expect(r.can.review).toBe(true);
    // at least one comment, on a known section, an indicator only on the indicators section and of the logframe
    await officer.client.post(`/api/reports/${interimId}/return`, { version: r.version, comments: [] }).expect(400);
    const wrong = await officer.client.post(`/api/reports/${interimId}/return`, { version: r.version, comments: [{ section: 'general', indicatorId: I1, text: 'x' }, { section: 'indicators', indicatorId: 'so.9.result.1.indicator.1', text: 'y' }] }).expect(400);
    expect(fields(wrong.body)).toEqual(['comments.0.indicatorId:only_on_indicators', 'comments.1.indicatorId:not_in_logframe']);
    await officer.client.post(`/api/reports/${interimId}/return`, { version: r.version - 1, comments: [{ section: 'general', text: 'x' }] }).expect(409);
    expect((await report(owner)).status).toBe('submitted');

    const returned = (await officer.client.post(`/api/reports/${interimId}/return`, {
      version: r.version, comments: [{ section: 'general', text: 'Remove the name of the person referred' }, { section: 'indicators', indicatorId: I1, text: 'Attach the attendance lists' }],
    }).expect(200)).body as Report;
    expect(returned.status).toBe('returned');
    expect(returned.comments.filter((c) => c.kind === 'review').map((c) => [c.section, c.indicatorId, c.version])).toEqual([['general', null, 1], ['indicators', I1, 1]]);
    expect(await kinds(g.owner.user.id)).toContain('narrative_report.returned');

    // the organisation revises and submits again
    const mine = await report(owner);
    expect(mine.can.edit).toBe(true);
    const revised = complete();
    revised.general.summary = 'Twenty-five survivors started the course; the referral is described without names.';
    revised.indicators[I1].cumulativeValue = '25';
    revised.beneficiaries.bySex = { female: 10, male: 2 };
    const saved = (await owner.put(`/api/reports/${interimId}`, { version: mine.version, content: revised }).expect(200)).body as Report;
    expect((await owner.post(`/api/reports/${interimId}/privacy-scan`).expect(200)).body.findings).toEqual([]);
    const again = (await owner.post(`/api/reports/${interimId}/submit`, { version: saved.version, confirmations: [] }).expect(200)).body as Report;
    expect(again.status).toBe('submitted');
    expect(again.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(again.versions[1].sha256).not.toBe(again.versions[0].sha256);

    const cmp = (await owner.get(`/api/reports/${interimId}/compare?from=1&to=2`).expect(200)).body as { changes: { field: string; section: string; before: unknown; after: unknown }[] };
    expect(cmp.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['general.summary', `indicators.${I1}.cumulativeValue`, `indicators.${I1}.comment`, 'beneficiaries.bySex.female', 'beneficiaries.bySex.male', 'challenges', 'lessons', 'nextPlan']));
    expect(cmp.changes.find((c) => c.field === `indicators.${I1}.cumulativeValue`)).toEqual({ field: `indicators.${I1}.cumulativeValue`, section: 'indicators', before: '22', after: '25' });
    expect(cmp.changes.find((c) => c.field === 'beneficiaries.bySex.male')).toMatchObject({ before: 3, after: 2 });
    // others see the comparison suppressed: 3 → 2 is "<5" → "<5", not a change they can see
    for (const who of [observer.client, monitor]) {
      const seen = (await who.get(`/api/reports/${interimId}/compare?from=1&to=2`).expect(200)).body as typeof cmp;
      expect(seen.changes.map((c) => c.field)).toContain('general.summary');
      expect(seen.changes.find((c) => c.field === 'beneficiaries.bySex.male')).toBeUndefined();
      for (const c of seen.changes.filter((x) => x.field.startsWith('beneficiaries.'))) expect([c.before, c.after].filter((v) => typeof v === 'number' && v >= 1 && v <= 4)).toEqual([]);
    }
    await owner.get(`/api/reports/${interimId}/compare?from=1&to=9`).expect(404);
    await owner.get(`/api/reports/${interimId}/compare?from=x&to=2`).expect(400);

    const accepted = (await officer.client.post(`/api/reports/${interimId}/accept`, { version: again.version }).expect(200)).body as Report;
    expect(accepted.status).toBe('accepted');
    await officer.client.post(`/api/reports/${interimId}/accept`, { version: accepted.version }).expect(409);
    expect(await kinds(g.owner.user.id)).toContain('narrative_report.accepted');
    const audit = (await h.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'narrative_report.%' AND action <> 'narrative_report.saved' ORDER BY seq`, [interimId])).map((a: { action: string }) => a.action);
    expect(audit).toEqual(['narrative_report.submitted', 'narrative_report.commented', 'narrative_report.commented', 'narrative_report.returned', 'narrative_report.submitted', 'narrative_report.accepted']);
  });

  it('grants a request for more time: the due date in force moves, the scheduled one stays; both sides are told and the decision is audited', async () => {
    const r = await report(owner, finalId);
    const later = kosovoDay(400);
    const early = await owner.post(`/api/reports/${finalId}/extension-requests`, { requestedDueDate: r.dueDate, reason: 'Audit delayed' }).expect(400);
    expect(fields(early.body)).toEqual(['requestedDueDate:not_after_due_date']);
    await monitor.post(`/api/reports/${finalId}/extension-requests`, { requestedDueDate: later, reason: 'x' }).expect(403);
    const asked = (await owner.post(`/api/reports/${finalId}/extension-requests`, { requestedDueDate: later, reason: 'The external audit is delayed' }).expect(200)).body as Report;
    expect(asked.extensionRequests).toEqual([expect.objectContaining({ status: 'requested', requestedDueDate: later })]);
    expect(asked.can.requestExtension).toBe(false);
    const twice = await owner.post(`/api/reports/${finalId}/extension-requests`, { requestedDueDate: later, reason: 'again' }).expect(409);
    expect(fields(twice.body)).toEqual(['report:request_pending']);
    expect(await kinds(officer.user.id)).toContain('narrative_report.extension_requested');

    const requestId = asked.extensionRequests[0].id;
    await owner.post(`/api/reports/${finalId}/extension-requests/${requestId}/decision`, { decision: 'granted' }).expect(403);
    const noReason = await officer.client.post(`/api/reports/${finalId}/extension-requests/${requestId}/decision`, { decision: 'refused' }).expect(400);
    expect(fields(noReason.body)).toEqual(['note:required']);
    const granted = (await officer.client.post(`/api/reports/${finalId}/extension-requests/${requestId}/decision`, { decision: 'granted', note: 'Agreed' }).expect(200)).body as Report;
    expect([granted.dueDate, granted.scheduledDueDate]).toEqual([later, r.scheduledDueDate]);
    expect(granted.extensionRequests[0].status).toBe('granted');
    await officer.client.post(`/api/reports/${finalId}/extension-requests/${requestId}/decision`, { decision: 'refused', note: 'No' }).expect(409);
    expect(await kinds(g.owner.user.id)).toContain('narrative_report.extension_decided');
    const audit = await h.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [requestId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['narrative_report.extension_requested', 'narrative_report.extension_granted']);
    // the list shows the due date in force
    const listed = ((await owner.get(`/api/grants/${g.grantId}/reports`).expect(200)).body.items as Summary[]).find((x) => x.id === finalId)!;
    expect(listed.dueDate).toBe(later);
  });

  it("lists the Secretariat's reports overdue first (the most overdue first), then by due date, as libs/domain orders them", async () => {
    const [otherInterim] = await h.ds.query(`SELECT id FROM narrative_reports WHERE grant_id = $1 AND kind = 'interim'`, [other.grantId]);
    // a fixture: the other grant's schedule has its interim report due 9 days ago (the rows follow the schedule)
    const late = other.schedule.map((e) => (e.kind === 'interim' ? { ...e, dueDate: kosovoDay(-9) } : e));
    await h.asOwner((q) => q(`UPDATE grants SET reporting_schedule = $2 WHERE id = $1`, [other.grantId, JSON.stringify(late)]));
    // the rows follow a changed schedule where it is changed (an amendment), on the grant's list and in the worker's
    // planner — not on every read of the Secretariat's list
    await officer.client.get(`/api/grants/${other.grantId}/reports`).expect(200);
    const all = (await officer.client.get('/api/reports').expect(200)).body as { items: Summary[] };
    const today = kosovoDay(0);
    expect(all.items.map((r) => r.id)).toEqual([...all.items].sort((a, b) => compareNarrativeReports(a, b, today)).map((r) => r.id));
    expect(all.items[0]).toMatchObject({ id: otherInterim.id, overdue: true, escalated: true });
    const overdue = (await officer.client.get('/api/reports?overdue=true').expect(200)).body as { items: Summary[]; total: number };
    expect(overdue.items.map((r) => r.id)).toEqual([otherInterim.id]);
    const submitted = (await officer.client.get(`/api/reports?status=accepted&grantId=${g.grantId}`).expect(200)).body as { items: Summary[] };
    expect(submitted.items.map((r) => r.id)).toEqual([interimId]);
    await officer.client.get('/api/reports?status=lost').expect(400);
  });
  it('reads the final report against the earlier one: a cumulative value below the accepted interim report is named; progress and the expenditure report of the period are shown', async () => {
    const [exp] = await h.ds.query(
      `INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, spent_cents, status) VALUES ($1, 1, $2, $3, 1234500, 'accepted') RETURNING id`,
      [g.grantId, g.schedule[1].periodStart, g.schedule[1].periodEnd]);
    const r = await report(owner, finalId);
    expect(r.expenditureReport).toEqual({ id: exp.id, seq: 1, status: 'accepted', spentCents: 1234500, acceptedCents: 1234500 });
    const draft = complete();
    draft.indicators[I1].cumulativeValue = '20';
    const saved = (await owner.put(`/api/reports/${finalId}`, { version: r.version, content: draft }).expect(200)).body as Report;
    expect(saved.completeness!.problems).toEqual([{ section: 'indicators', field: `indicators.${I1}.cumulativeValue`, code: 'below_previous', params: { previous: '25' } }]);
    // 20 of 40 from 0 is half the way; at the end of the grant all the time is gone: behind
    expect(saved.indicatorProgress.find((p) => p.indicatorKey === I1)).toMatchObject({ progressBp: 5000, behind: true });
    // the interim report's own progress: 25 of 40 at its period's end
    const interim = await report(observer.client);
    expect(interim.indicatorProgress.find((p) => p.indicatorKey === I1)).toMatchObject({ progressBp: 6250 });
  });

  it("keeps the reports in step with a schedule an amendment changed, the final draft moving with what was written in it; a closed grant's report is read-only", async () => {
    const g3 = await reportingGrant(h.ds, call);
    const owner3 = await login(g3.owner.email, g3.owner.password);
    const before = (await owner3.get(`/api/grants/${g3.grantId}/reports`).expect(200)).body.items as Summary[];
    const final = before.find((r) => r.kind === 'final')!;
    const draft = complete();
    draft.general.summary = 'Final notes so far';
    await owner3.put(`/api/reports/${final.id}`, { version: final.version, content: draft }).expect(200);
    // a no-cost extension of six months (a fixture: what the amendment writes on the grant)
    const newEnd = kosovoDay(164 + 182);
    const schedule = grantReportingSchedule(g3.startDate, newEnd, DEFAULT_GRANT_SETTINGS);
    await h.asOwner((q) => q(`UPDATE grants SET end_date = $2, reporting_schedule = $3 WHERE id = $1`, [g3.grantId, newEnd, JSON.stringify(schedule)]));
    const after = (await owner3.get(`/api/grants/${g3.grantId}/reports`).expect(200)).body.items as Summary[];
    expect(after.map((r) => [r.kind, r.seq, r.dueDate])).toEqual(schedule.map((e) => [e.kind, e.seq, e.dueDate]));
    const moved = after.find((r) => r.kind === 'final')!;
    expect(moved.id).toBe(final.id);
    expect((await report(owner3, final.id)).content!.general.summary).toBe('Final notes so far');
    expect(await ensureNarrativeReportRows(h.ds.manager, g3.grantId)).toBe(0);

    await h.asOwner((q) => q(`UPDATE grants SET status = 'closed' WHERE id = $1`, [g3.grantId])); // a fixture: closed
    const current = await report(owner3, final.id);
    expect(current.can).toMatchObject({ edit: false, submit: false, requestExtension: false });
    const closed = await owner3.put(`/api/reports/${final.id}`, { version: current.version, content: complete() }).expect(409);
    expect(fields(closed.body)).toEqual(['grant:grant_closed']);
    await owner3.post(`/api/reports/${final.id}/extension-requests`, { requestedDueDate: kosovoDay(500), reason: 'x' }).expect(409);
  });
});
