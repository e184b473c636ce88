import { strategyReportCanonical, type StrategyReportFigures, type StrategyReportNarrative } from '@grants/domain';
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { Harness, loginAs, startApi } from './harness';
import { testCall } from './monitoring-factory';
import { pdfText } from './pdf-text';
import { reportingGrant } from './reports-factory';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Detail = { field: string; code: string };
type Report = {
  id: string; kind: string; periodStart: string; periodEnd: string; status: 'draft' | 'issued'; version: number; sha256: string | null; grants: number;
  figures: StrategyReportFigures; narrative: StrategyReportNarrative; can: { edit: boolean; redraft: boolean; issue: boolean };
};

const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** One entry of a ZIP (a DOCX is one), as text. */
function zipEntry(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err ?? new Error('not a zip'));
      z.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return z.readEntry();
        z.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      z.on('end', () => reject(new Error(`${name} not in the zip`)));
      z.readEntry();
    });
  });
}

/** Any count from 1 to 4 written as a bare number in JSON (a raw small count). */
const RAW_SMALL = /"(total|female|male|other|new|continuing|prishtina|prizren|peja|shelter|vocational_training|18-24|25-59|0-17|60\+)":\s*[1-4]\s*[,}]/;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The Secretariat's 6-month report on the National Strategy, on the real database: a small hand-built portfolio for
 * July–December 2026 (a grant tied to III.2.4 by its logframe, one to III.4 through its call's single priority, one
 * tied to nothing, one not in force and one outside the period) gives the right figures per objective, beneficiaries
 * suppressed; the narrative is edited at its version (a stale one is a 409); issuing freezes it with the hash of its
 * canonical content (PATCH after → 409, the database refuses an update); DOCX and PDF exports in en/sq/sr with
 * Cyrillic; the observer reads issued reports only and writes nothing; a monitor reads none; bad input names the field.
 */
describe('strategy reports', () => {
  let h: Harness;
  let officer: Login;
  let observer: Login;
  let monitor: Login;
  let a: Awaited<ReturnType<typeof reportingGrant>>;
  let b: Awaited<ReturnType<typeof reportingGrant>>;
  let c: Awaited<ReturnType<typeof reportingGrant>>;
  let report: Report;
  const fields = (body: { details: Detail[] }) => body.details.map((d) => `${d.field}:${d.code}`);

  /** A narrative report of the grant, handed in and accepted, frozen as version 1, with its figures rows. */
  async function acceptedReport(grantId: string, userId: string, p: { start: string; end: string; content: object; indicators: [string, number, number][]; counts: [string, string, number][] }) {
    const [r] = await h.ds.query(
      `INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date, status, content, submitted_version, sha256, submitted_at, submitted_by)
       VALUES ($1, 1, 'interim', $2, $3, $3::date + 30, 'accepted', $4, 1, repeat('a', 64), now(), $5) RETURNING id`, [grantId, p.start, p.end, JSON.stringify(p.content), userId]);
    await h.ds.query(`INSERT INTO narrative_report_versions (report_id, version, content, sha256, submitted_by) VALUES ($1, 1, $2, repeat('a', 64), $3)`, [r.id, JSON.stringify(p.content), userId]);
    for (const [key, period, cumulative] of p.indicators) {
      await h.ds.query(`INSERT INTO narrative_report_indicator_values (report_id, indicator_id, period_value, cumulative_value) VALUES ($1, $2, $3, $4)`, [r.id, key, period, cumulative]);
    }
    for (const [breakdown, key, count] of p.counts) {
      await h.ds.query(`INSERT INTO narrative_report_beneficiary_counts (report_id, breakdown, key, count) VALUES ($1, $2, $3, $4)`, [r.id, breakdown, key, count]);
    }
    return r.id as string;
  }

  const tagged = (tag: string | null) => ({
    overallObjective: 'Victims of trafficking rebuild their lives',
    specificObjectives: [{
      text: 'Long-term reintegration', nsObjective: tag,
      results: [
        {
          text: 'Survivors gain skills and work',
          indicators: [
            { name: 'Survivors trained', level: 'output', unit: 'people', baseline: '0', target: '40', meansOfVerification: 'lists', frequency: 'quarterly' },
            { name: 'Survivors employed', level: 'outcome', unit: 'people', baseline: '0', target: '10', meansOfVerification: 'contracts', frequency: 'six-monthly' },
          ],
          activities: [{ code: 'A1.1', text: 'Vocational course' }, { code: 'A1.2', text: 'Job placement' }],
        },
        { text: 'Families are supported', indicators: [], activities: [{ code: 'A2.1', text: 'Family mediation' }] },
      ],
    }],
  });

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    observer = await loginAs(h, 'observer');
    monitor = await loginAs(h, 'monitor');
    const priorities = (ns: string[]) => JSON.stringify(ns.map((n, i) => ({ code: `P${i + 1}`, nsObjective: n, title: { en: n, sq: n, sr: n } })));
    const call1 = await testCall(h.ds, officer.client, 'SR-2026-01');
    const call2 = await testCall(h.ds, officer.client, 'SR-2026-02');
    await h.ds.query(`UPDATE calls SET definition = jsonb_set(definition, '{priorities}', $2::jsonb) WHERE id = $1`, [call1.callId, priorities(['III.4'])]);
    await h.ds.query(`UPDATE calls SET definition = jsonb_set(definition, '{priorities}', $2::jsonb) WHERE id = $1`, [call2.callId, priorities(['III.2', 'III.4'])]);
    a = await reportingGrant(h.ds, call2); // tagged III.2.4 by its logframe
    b = await reportingGrant(h.ds, call1); // untagged: its call's single priority III.4
    c = await reportingGrant(h.ds, call2); // untagged, two priorities: not tied to an objective
    const draft = await reportingGrant(h.ds, call2, { status: 'signed_by_organization' }); // not in force: not in the report
    const before = await reportingGrant(h.ds, call2); // ended before the period
    const set = (id: string, tag: string | null, start = '2026-03-01', end = '2027-02-28') =>
      h.ds.query(`UPDATE grants SET logframe = $2, start_date = $3, end_date = $4 WHERE id = $1`, [id, JSON.stringify(tagged(tag)), start, end]);
    await set(a.grantId, 'III.2.4');
    await set(b.grantId, null);
    await set(c.grantId, null);
    await set(draft.grantId, 'III.2');
    await set(before.grantId, 'III.2', '2025-01-01', '2026-06-30');

    // money: a tranche of A paid in the period, one before it; an accepted and a submitted expenditure report of A, one of B in draft
    const tranche = (grantId: string, seq: number, cents: number, paidOn: string) => h.ds.query(
      `INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_on, paid_on, bank_reference) VALUES ($1, $2, 'instalment', $3, $4, 'paid', $4, $4, 'REF')`,
      [grantId, seq, cents, paidOn]);
    await tranche(a.grantId, 1, 3_200_000, '2026-03-05');
    await tranche(a.grantId, 2, 400_000, '2026-08-10');
    await tranche(b.grantId, 1, 1_000_000, '2026-12-01');
    const expenditure = (grantId: string, seq: number, start: string, end: string, cents: number, status: string) => h.ds.query(
      `INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, spent_cents, status) VALUES ($1, $2, $3, $4, $5, $6)`, [grantId, seq, start, end, cents, status]);
    await expenditure(a.grantId, 1, '2026-03-01', '2026-08-31', 1_234_567, 'accepted');
    await expenditure(a.grantId, 2, '2026-09-01', '2026-11-30', 100_000, 'submitted');
    await expenditure(b.grantId, 1, '2026-03-01', '2026-08-31', 999_999, 'draft');

    // narrative reports: A's with 12 people (3 men, 2 from Prizren: small counts), C's with 3 people (a small total)
    await acceptedReport(a.grantId, a.owner.user.id, {
      start: '2026-03-01', end: '2026-08-31',
      content: {
        activities: { 'activity.A1.1': { done: 'Two cohorts', status: 2, deviations: '' }, 'activity.A1.2': { done: 'Placements', status: 4, deviations: '' }, 'activity.A2.1': { done: '', status: null, deviations: '' } },
        challenges: 'Transport to the course was hard to find', lessons: 'Start the placements earlier',
      },
      indicators: [['so.1.result.1.indicator.1', 22_000, 22_000], ['so.1.result.1.indicator.2', 3_000, 3_000]],
      counts: [['bySex', 'female', 9], ['bySex', 'male', 3], ['byAge', '18-24', 8], ['byAge', '25-59', 4], ['byIntake', 'new', 12], ['byService', 'vocational_training', 12], ['byMunicipality', 'prishtina', 10], ['byMunicipality', 'prizren', 2]],
    });
    await acceptedReport(c.grantId, c.owner.user.id, {
      start: '2026-03-01', end: '2026-08-31', content: { activities: { 'activity.A1.1': { done: 'x', status: 1, deviations: '' } }, challenges: '', lessons: 'Family mediation works best early' },
      indicators: [], counts: [['bySex', 'female', 3], ['byAge', '25-59', 3], ['byIntake', 'new', 3], ['byService', 'shelter', 3], ['byMunicipality', 'peja', 3]],
    });
    await acceptedReport(before.grantId, before.owner.user.id, {
      start: '2026-01-01', end: '2026-06-30', content: { lessons: 'Outside the period' }, indicators: [], counts: [['bySex', 'female', 50], ['byAge', '25-59', 50], ['byIntake', 'new', 50], ['byService', 'shelter', 50], ['byMunicipality', 'peja', 50]],
    });
    // B's monitoring visit rated 3 in the period, and one rated 2 in the first half (outside)
    const visit = async (grantId: string, monitorId: string, date: string, rating: number, reasons: string, actions: string, status = 'shared') => {
      const [v] = await h.ds.query(`INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by) VALUES ($1, $2, 'planned', $3, 'Half-year visit', $2) RETURNING id`, [grantId, monitorId, date]);
      await h.ds.query(`INSERT INTO visit_reports (visit_id, grant_id, status, rating, content, submitted_at, submitted_by, sha256, shared_at) VALUES ($1, $2, $6, $3, $4, now(), $5, CASE WHEN $6 = 'shared' THEN repeat('b', 64) END, CASE WHEN $6 = 'shared' THEN now() END)`,
        [v.id, grantId, rating, JSON.stringify({ rating, ratingReasons: reasons, correctiveActions: actions, activities: [], peopleMet: [], beneficiariesObserved: [] }), monitorId, status]);
    };
    await visit(b.grantId, b.monitor.user.id, '2026-10-15', 3, 'The shelter lost two of its three counsellors', 'Recruitment plan agreed with the Secretariat');
    await visit(b.grantId, b.monitor.user.id, '2026-05-15', 2, 'Late start', 'New work plan');
    await visit(b.grantId, b.monitor.user.id, '2026-11-02', 2, 'Not yet reviewed by the Secretariat', 'Pending', 'submitted'); // not shared: not in the report
  });
  afterAll(() => h.close());

  it('drafts the 6-month report with the figures of the period per objective, beneficiaries suppressed', async () => {
    const res = await officer.client.post('/api/strategy-reports', { kind: 'six_month', year: 2026, half: 2 }).expect(201);
    report = res.body;
    expect(report).toMatchObject({ kind: 'six_month', periodStart: '2026-07-01', periodEnd: '2026-12-31', status: 'draft', version: 1, sha256: null, grants: 3 });
    const f = report.figures;
    expect(f.sections.map((s) => s.code)).toEqual(['III', 'III.2', 'III.4', null]);
    const s = (code: string | null) => f.sections.find((x) => x.code === code)!;
    expect(s('III.2').grants.map((g) => [g.agreementNumber, g.codes])).toEqual([[a.agreementNumber, ['III.2.4']]]);
    expect(s('III.4').grants.map((g) => g.agreementNumber)).toEqual([b.agreementNumber]);
    expect(s(null).grants.map((g) => g.agreementNumber)).toEqual([c.agreementNumber]);
    expect(s('III').grants.map((g) => g.grantId).sort()).toEqual([a.grantId, b.grantId].sort());

    // money of the period: only what was paid in it, only expenditure reports ending in it and handed in
    expect(s('III.2').money).toEqual({ amountCents: 4_000_000, paidCents: 400_000, reportedCents: 1_334_567, acceptedCents: 1_234_567 });
    expect(s('III.4').money).toEqual({ amountCents: 4_000_000, paidCents: 1_000_000, reportedCents: 0, acceptedCents: 0 });
    expect(f.totals.money).toEqual({ amountCents: 12_000_000, paidCents: 1_400_000, reportedCents: 1_334_567, acceptedCents: 1_234_567 });

    // indicators: 22 of 40 trained (55 %), 3 of 10 employed
    expect(s('III.2').indicators.map((i) => [i.name, i.periodValue, i.cumulativeValue, i.target, i.progressBp, i.code])).toEqual([
      ['Survivors trained', '22', '22', '40', 5500, 'III.2.4'], ['Survivors employed', '3', '3', '10', 3000, 'III.2.4'],
    ]);
    expect(s('III').indicatorSummary).toMatchObject({ count: 2, achieved: 0 });
    // activities by their status in the period's reports
    expect(s('III.2').activities).toEqual({ notStarted: 0, ongoing: 1, started: 0, completed: 1, notSaid: 1 });
    expect(s(null).activities).toMatchObject({ notStarted: 1 });

    // beneficiaries: 12 shown, the 3 men and 2 from Prizren never as numbers; C's total of 3 hidden whole; 50 outside the period not counted
    expect(s('III.2').beneficiaries!.total).toBe(12);
    expect(s('III.2').beneficiaries!.bySex.male).toEqual({ shown: '<5', reason: 'small_count' });
    expect(s('III.2').beneficiaries!.byMunicipality.prizren).toEqual({ shown: '<5', reason: 'small_count' });
    expect(s(null).beneficiaries!.total).toMatchObject({ shown: '<5' });
    expect(s('III.4').beneficiaries).toBeNull();
    expect(f.totals.beneficiaries!.total).toBe(15);
    expect(JSON.stringify(f)).not.toMatch(RAW_SMALL);

    // difficulties: B's visit rated 3 with what was done about it; A's reported challenge; lessons
    expect(s('III.4').difficulties.map((d) => [d.source, d.rating, d.text, d.correctiveActions])).toEqual([
      ['visit', 3, 'The shelter lost two of its three counsellors', 'Recruitment plan agreed with the Secretariat'],
    ]);
    expect(s('III.2').difficulties.map((d) => [d.source, d.text])).toEqual([['report', 'Transport to the course was hard to find']]);
    expect(s(null).lessons.map((l) => l.text)).toEqual(['Family mediation works best early']);
    expect(JSON.stringify(f)).not.toContain('Outside the period');
    expect(JSON.stringify(f)).not.toContain('Not yet reviewed');
    const [audit] = await h.ds.query(`SELECT action FROM audit_log WHERE entity = 'strategy_report' AND entity_id = $1`, [report.id]);
    expect(audit.action).toBe('strategy_report.drafted');
  });

  it('refuses a second report for the same period, and bad input naming the field', async () => {
    expect(fields((await officer.client.post('/api/strategy-reports', { kind: 'six_month', year: 2026, half: 2 }).expect(409)).body)).toEqual(['kind:already_drafted']);
    expect(fields((await officer.client.post('/api/strategy-reports', { kind: 'six_month', year: 2026 }).expect(400)).body)).toEqual(['half:required']);
    expect(fields((await officer.client.post('/api/strategy-reports', { kind: 'annual', year: 2026, half: 1 }).expect(400)).body)).toEqual(['half:not_for_annual']);
    const bad = (await officer.client.post('/api/strategy-reports', { kind: 'quarterly', year: 2031, extra: 1 }).expect(400)).body;
    expect(bad).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(bad.details.map((d: Detail) => d.field).sort()).toEqual(['extra', 'kind', 'year']);
    const patch = (await officer.client.patch(`/api/strategy-reports/${report.id}`, { version: 1, narrative: { objectives: { 'IX.9': 'x' } } }).expect(400)).body;
    expect(fields(patch)).toEqual(['narrative.objectives.IX.9:unknown_objective']);
    const noVersion = (await officer.client.patch(`/api/strategy-reports/${report.id}`, { narrative: {} }).expect(400)).body as { details: Detail[] };
    expect(noVersion.details.length).toBeGreaterThan(0);
    expect(noVersion.details.every((d) => d.field === 'version')).toBe(true);
    await officer.client.get(`/api/strategy-reports/${report.id}/export?format=odt&language=en`).expect(400);
    expect(Number((await h.ds.query(`SELECT count(*) AS n FROM strategy_reports`))[0].n)).toBe(1);
  });

  it('edits the narrative at its version; a stale version is a 409 and changes nothing; redraft keeps the narrative', async () => {
    const narrative = { introduction: 'The second half of 2026.', conclusions: 'More shelters are needed.', objectives: { 'III.2': 'Services grew.', none: 'One grant is not tied.' } };
    const saved = (await officer.client.patch(`/api/strategy-reports/${report.id}`, { version: 1, narrative }).expect(200)).body as Report;
    expect(saved.version).toBe(2);
    expect(saved.narrative).toEqual(narrative);
    const stale = (await officer.client.patch(`/api/strategy-reports/${report.id}`, { version: 1, narrative: { introduction: 'Lost update' } }).expect(409)).body;
    expect(fields(stale)).toEqual(['version:version_conflict']);
    expect((await officer.client.get(`/api/strategy-reports/${report.id}`).expect(200)).body.narrative.introduction).toBe('The second half of 2026.');

    // a new payment in the period: the redraft picks it up, the narrative stays
    await h.ds.query(`INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_on, paid_on, bank_reference) VALUES ($1, 2, 'instalment', 250000, '2026-11-20', 'paid', '2026-11-20', '2026-11-20', 'REF')`, [b.grantId]);
    await officer.client.post(`/api/strategy-reports/${report.id}/redraft`, { version: 1 }).expect(409);
    report = (await officer.client.post(`/api/strategy-reports/${report.id}/redraft`, { version: 2 }).expect(200)).body;
    expect(report.version).toBe(3);
    expect(report.figures.totals.money.paidCents).toBe(1_650_000);
    expect(report.narrative).toEqual(narrative);
  });

  it('shows the observer issued reports only, lets it write nothing, and shows a monitor none', async () => {
    expect((await observer.client.get('/api/strategy-reports').expect(200)).body).toEqual({ items: [], canManage: false });
    await observer.client.get(`/api/strategy-reports/${report.id}`).expect(404);
    await observer.client.get(`/api/strategy-reports/${report.id}/export?format=pdf&language=en`).expect(404);
    await observer.client.post('/api/strategy-reports', { kind: 'annual', year: 2026 }).expect(403);
    await observer.client.patch(`/api/strategy-reports/${report.id}`, { version: 3, narrative: {} }).expect(403);
    await observer.client.post(`/api/strategy-reports/${report.id}/issue`, { version: 3 }).expect(403);
    await observer.client.post(`/api/strategy-reports/${report.id}/redraft`, { version: 3 }).expect(403);
    await monitor.client.get('/api/strategy-reports').expect(404);
    await monitor.client.get(`/api/strategy-reports/${report.id}`).expect(404);
    const list = (await officer.client.get('/api/strategy-reports').expect(200)).body;
    expect(list.canManage).toBe(true);
    expect(list.items.map((r: Report) => [r.id, r.status, r.grants])).toEqual([[report.id, 'draft', 3]]);
  });

  it('exports the draft marked DRAFT, as DOCX (a ZIP with word/document.xml) and PDF', async () => {
    const docx = await officer.client.get(`/api/strategy-reports/${report.id}/export?format=docx&language=en`).buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = await zipEntry(docx.body, 'word/document.xml');
    for (const text of ['Six-month report on the National Strategy', 'DRAFT', 'Direct services for victims and presumed victims', a.agreementNumber, 'Survivors trained', 'The shelter lost two of its three counsellors',
      'Recruitment plan agreed with the Secretariat', 'Start the placements earlier', 'Services grew.', 'Difficulties, challenges, risks and how they were addressed', '€16,500.00', '1 July 2026']) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain('&lt;5');
    const pdf = await officer.client.get(`/api/strategy-reports/${report.id}/export?format=pdf&language=sq`).buffer(true).parse(binary).expect(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.body);
    expect(text).toContain('Raporti gjashtëmujor');
    expect(text).toContain('SKICË');
    expect(text).toContain('16.500,00 €');
  });

  it('issues the report: frozen with the hash of its canonical content; PATCH after is a 409 and the database refuses a change', async () => {
    await officer.client.post(`/api/strategy-reports/${report.id}/issue`, { version: 2 }).expect(409);
    const issued = (await officer.client.post(`/api/strategy-reports/${report.id}/issue`, { version: 3 }).expect(200)).body as Report;
    expect(issued.status).toBe('issued');
    expect(issued.can).toEqual({ edit: false, redraft: false, issue: false });
    expect(issued.sha256).toBe(sha(strategyReportCanonical({ kind: 'six_month', periodStart: issued.periodStart, periodEnd: issued.periodEnd, figures: issued.figures, narrative: issued.narrative })));
    const [audit] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'strategy_report.issued' AND entity_id = $1`, [report.id]);
    expect(audit.summary).toContain(issued.sha256);
    // the observers are told, in their language, with a link to the report
    const told = await h.ds.query(`SELECT kind, params, link FROM notifications WHERE user_id = $1 AND kind = 'strategy_report.issued'`, [observer.user.id]);
    expect(told).toEqual([{ kind: 'strategy_report.issued', params: { report: '6-month report for July–December 2026', sha256: issued.sha256 }, link: `/portfolio/reports/${report.id}` }]);
    expect(Number((await h.ds.query(`SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND kind = 'strategy_report.issued'`, [officer.user.id]))[0].n)).toBe(0);

    expect(fields((await officer.client.patch(`/api/strategy-reports/${report.id}`, { version: issued.version, narrative: { introduction: 'Changed' } }).expect(409)).body)).toEqual(['status:report_issued']);
    await officer.client.post(`/api/strategy-reports/${report.id}/redraft`, { version: issued.version }).expect(409);
    await officer.client.post(`/api/strategy-reports/${report.id}/issue`, { version: issued.version }).expect(409);
    await expect(h.ds.query(`UPDATE strategy_reports SET narrative = '{}' WHERE id = $1`, [report.id])).rejects.toThrow(/issued/);
    await expect(h.asOwner((q) => q(`DELETE FROM strategy_reports WHERE id = $1`, [report.id]))).rejects.toThrow(/issued/);
    expect((await officer.client.get(`/api/strategy-reports/${report.id}`).expect(200)).body.sha256).toBe(issued.sha256);
  });

  it('lets the observer read and export the issued report, in Serbian Latin and Cyrillic, with the hash and the period', async () => {
    const list = (await observer.client.get('/api/strategy-reports').expect(200)).body;
    expect(list.items.map((r: Report) => r.id)).toEqual([report.id]);
    const seen = (await observer.client.get(`/api/strategy-reports/${report.id}`).expect(200)).body as Report & { createdByName: string | null; issuedByName: string | null };
    expect(seen.can).toEqual({ edit: false, redraft: false, issue: false });
    // the Secretariat's officers are not named to observers
    expect([seen.createdByName, seen.issuedByName, list.items[0].createdByName]).toEqual([null, null, null]);
    expect((await officer.client.get(`/api/strategy-reports/${report.id}`).expect(200)).body.createdByName).toBe('Test secretariat');
    expect(JSON.stringify(seen.figures)).not.toMatch(RAW_SMALL);

    const latin = pdfText((await observer.client.get(`/api/strategy-reports/${report.id}/export?format=pdf&language=sr`).buffer(true).parse(binary).expect(200)).body);
    expect(latin).toContain('Šestomesečni izveštaj');
    expect(latin).toContain('1. jul 2026.');
    const cyr = (await observer.client.get(`/api/strategy-reports/${report.id}/export?format=pdf&language=sr&script=cyrillic`).buffer(true).parse(binary).expect(200));
    expect(cyr.headers['content-disposition']).toContain('-sr-cyrl.pdf');
    const cyrText = pdfText(cyr.body);
    expect(cyrText).toContain('Шестомесечни извештај');
    expect(cyrText).toContain('Директне услуге за жртве');
    expect(cyrText).toContain('1. јул 2026.');
    expect(cyrText).not.toContain('Šestomesečni');
    expect(cyrText.replace(/\s+/g, '')).toContain(seen.sha256!);
    expect(cyrText).not.toContain('NACRT');

    const docx = await observer.client.get(`/api/strategy-reports/${report.id}/export?format=docx&language=sr&script=cyrillic`).buffer(true).parse(binary).expect(200);
    const xml = await zipEntry(docx.body, 'word/document.xml');
    expect(xml).toContain('Шестомесечни извештај');
    expect(xml).toContain(seen.sha256!);
    expect(xml).toContain('16.500,00 €');
  });
});
