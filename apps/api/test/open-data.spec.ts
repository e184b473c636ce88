import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Client, Harness, loginAs, startApi } from './harness';
import { testCall } from './monitoring-factory';
import { kosovoDay, REPORT_LOGFRAME, reportingGrant } from './reports-factory';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Summary = {
  version: string; reportingOrgRef: string; reportingOrgIsPlaceholder: boolean; activities: number; byActivityStatus: { code: string; count: number }[];
  transactions: number; results: number; indicators: number; withheldFigures: number; committedCents: number; disbursedCents: number; recoveredCents: number;
  lastChanged: string | null; sha256: string; bytes: number;
};

const IATI = '/work/shared/standards/iati-2.03';
const I1 = 'so.1.result.1.indicator.1';
const I2 = 'so.1.result.1.indicator.2';

async function validateIati(xml: string) {
  const { validateXML } = await import('xmllint-wasm');
  const read = (f: string) => ({ fileName: f, contents: readFileSync(`${IATI}/${f}`, 'utf8') });
  return validateXML({ xml: [{ fileName: 'iati.xml', contents: xml }], schema: [read('iati-activities-schema.xsd')], preload: [read('iati-common.xsd'), read('xml.xsd')] });
}

/** The body as text (supertest buffers text/* and application/xml into `.text`). */
const text = (res: { text?: string }) => res.text ?? '';

/**
 * Open data on the real database: the grants signed or later as IATI 2.03 activities (valid against the
 * published schema), with XK, transactions that add up to the tranches paid and the repayments, results from
 * accepted reports with every figure 1–4 withheld, and nothing personal (no person's name, e-mail, phone or IBAN
 * that the database holds); the CSV with the same figures; only the Secretariat and observers read them.
 */
describe('open data (IATI 2.03 and CSV)', () => {
  let h: Harness;
  let officer: Login;
  let observer: Login;
  let grant: Awaited<ReturnType<typeof reportingGrant>>;
  let other: Awaited<ReturnType<typeof reportingGrant>>;
  let pending: Awaited<ReturnType<typeof reportingGrant>>;
  const personal: string[] = [];

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    observer = await loginAs(h, 'observer');
    const call = await testCall(h.ds, officer.client, 'MF-OD-2026-01');
    grant = await reportingGrant(h.ds, call);
    other = await reportingGrant(h.ds, call);
    pending = await reportingGrant(h.ds, call, { status: 'signed_by_organization' });

    await h.asOwner(async (q) => {
      // what must never leave: people's names, e-mails, phones, bank accounts — on the organisation, the grant, the users
      await q(`UPDATE organizations SET contact_person = 'Drita Berisha', email = 'office@shpresa-ngo.org', phone = '+383 44 987 654', iban = 'XK051212012345678906', address = 'Rruga Nëna Terezë 12'
                WHERE id = (SELECT organization_id FROM grants WHERE id = $1)`, [grant.grantId]);
      await q(`UPDATE grants SET iban = 'XK051212012345678906', account_holder = 'Shpresa NGO', signatory_name = 'Drita Berisha', signatory_function = 'Director', signed_at = now() - interval '201 days',
                      countersigned_at = now() - interval '200 days' WHERE id = $1`, [grant.grantId]);
      await q(`UPDATE applications SET content = jsonb_build_object('project', jsonb_build_object('title', 'Safe steps & work <Prizren>')) WHERE id = (SELECT w.application_id FROM grants g JOIN awards w ON w.id = g.award_id WHERE g.id = $1)`, [grant.grantId]);
      // the first grant: two tranches paid, one planned; the second: one paid
      await q(`INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_on, paid_on, bank_reference) VALUES
                 ($1, 1, 'pre_financing', 1600001, $2, 'paid', $2, $2, 'BANK-1'),
                 ($1, 2, 'instalment', 1599999, $3, 'paid', $3, $3, 'BANK-2'),
                 ($1, 3, 'balance', 800000, $4, 'planned', NULL, NULL, NULL),
                 ($5, 1, 'pre_financing', 3200000, $2, 'paid', $2, $2, 'BANK-3')`,
        [grant.grantId, kosovoDay(-190), kosovoDay(-20), kosovoDay(150), other.grantId]);
      // an accepted interim report with 22 trained (published) and 3 employed (withheld); a later draft one is not read
      const [accepted] = await q(`INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date, status, reviewed_at)
                                  VALUES ($1, 1, 'interim', $2, $3, $4, 'accepted', now()) RETURNING id`, [grant.grantId, grant.startDate, kosovoDay(-20), kosovoDay(10)]) as { id: string }[];
      await q(`INSERT INTO narrative_report_indicator_values (report_id, indicator_id, period_value, cumulative_value) VALUES ($1, $2, 22000, 22000), ($1, $3, 3000, 3000)`, [accepted.id, I1, I2]);
      const [draft] = await q(`INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date, status) VALUES ($1, 2, 'interim', $2, $3, $4, 'draft') RETURNING id`,
        [grant.grantId, kosovoDay(-19), kosovoDay(-1), kosovoDay(30)]) as { id: string }[];
      await q(`INSERT INTO narrative_report_indicator_values (report_id, indicator_id, period_value, cumulative_value) VALUES ($1, $2, 777000, 799000)`, [draft.id, I1]);
      await q(`INSERT INTO narrative_report_beneficiary_counts (report_id, breakdown, key, count) VALUES ($1, 'bySex', 'male', 3)`, [accepted.id]);
      // a recovery order on the second grant, partly repaid
      const [ro] = await q(`INSERT INTO recovery_orders (grant_id, number, amount_cents, repaid_cents, due_date, status, final_balance, created_by)
                            VALUES ($1, 'RO-OD-1', 50000, 12345, $2, 'partially_repaid', '{}', $3) RETURNING id`, [other.grantId, kosovoDay(20), officer.user.id]) as { id: string }[];
      await q(`INSERT INTO recovery_repayments (recovery_order_id, amount_cents, received_on, bank_reference, recorded_by) VALUES ($1, 12345, $2, 'BANK-R1', $3)`, [ro.id, kosovoDay(-2), officer.user.id]);
      const users = await q(`SELECT full_name, email FROM users`) as { full_name: string; email: string }[];
      personal.push('Drita Berisha', 'office@shpresa-ngo.org', '987 654', 'XK051212012345678906', 'XK05 1212', 'Rruga Nëna Terezë', 'BANK-1', 'BANK-R1',
        ...users.flatMap((u) => [u.email, u.full_name]).filter((x) => x && x.length > 4));
    });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('the IATI file validates against the 2.03 schema and holds the grants signed by both sides, not the one awaiting countersignature', async () => {
    const res = await observer.client.get('/api/open-data/iati.xml').buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    const xml = text(res);
    const result = await validateIati(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain(`<iati-identifier>XX-KMOP-PLACEHOLDER-${grant.agreementNumber}</iati-identifier>`);
    expect(xml).toContain(`XX-KMOP-PLACEHOLDER-${other.agreementNumber}`);
    expect(xml).not.toContain(pending.agreementNumber);
    expect(xml).toContain('<recipient-country code="XK" percentage="100"/>');
    expect(xml).toContain('Safe steps &amp; work &lt;Prizren&gt;');
    expect(xml).toContain(`<narrative>${grant.organization}</narrative>`);
    expect(res.headers['x-content-sha256']).toBe(createHash('sha256').update(xml, 'utf8').digest('hex'));
  });

  it('transactions add up: the commitment is the contracted amount, the disbursements are the tranches paid, the repayments come back', async () => {
    const xml = text(await observer.client.get('/api/open-data/iati.xml').buffer(true).expect(200));
    const activity = (n: string) => xml.split('<iati-activity ').find((a) => a.includes(`-${n}</iati-identifier>`))!;
    const values = (a: string, type: string) => [...a.matchAll(new RegExp(`<transaction-type code="${type}"/><transaction-date iso-date="[^"]+"/><value currency="EUR" value-date="[^"]+">([^<]+)</value>`, 'g'))].map((m) => m[1]);
    const [paid] = await h.ds.query(`SELECT sum(amount_cents)::text AS s FROM tranches WHERE grant_id = $1 AND status = 'paid'`, [grant.grantId]);
    const first = activity(grant.agreementNumber);
    expect(values(first, '2')).toEqual(['40000.00']);
    expect(values(first, '3')).toEqual(['16000.01', '15999.99']);
    const cents = values(first, '3').reduce((s, v) => s + Number(v.replace('.', '')), 0);
    expect(cents).toBe(Number(paid.s));
    expect(values(activity(other.agreementNumber), '1')).toEqual(['123.45']);
    // the budget: the whole amount over periods of at most a year
    const budgets = [...first.matchAll(/<budget [^>]*>.*?<value [^>]*>([^<]+)<\/value><\/budget>/g)].map((m) => Number(m[1].replace('.', '')));
    expect(budgets.reduce((s, c) => s + c, 0)).toBe(4_000_000);
  });

  it('results come from the accepted report only, and a figure from 1 to 4 is withheld as "less than 5"', async () => {
    const xml = text(await observer.client.get('/api/open-data/iati.xml').buffer(true).expect(200));
    const first = xml.split('<iati-activity ').find((a) => a.includes(`-${grant.agreementNumber}</iati-identifier>`))!;
    expect(first).toContain(`<narrative>${REPORT_LOGFRAME.specificObjectives[0].results[0].text}</narrative>`);
    expect(first).toContain('<actual value="22"/>');
    expect(first).toContain('less than 5');
    expect(first).not.toContain('799');
    expect(first).not.toContain('777');
    for (const m of xml.matchAll(/<(?:baseline|target|actual)\b[^>]*\bvalue="([^"]*)"/g)) {
      const v = Number(m[1]);
      expect(v <= 0 || v >= 5).toBe(true);
    }
  });

  it('holds no personal data: no person, e-mail, phone, IBAN or bank reference from the database', async () => {
    const xml = text(await observer.client.get('/api/open-data/iati.xml').buffer(true).expect(200));
    const csv = text(await observer.client.get('/api/open-data/grants.csv').buffer(true).expect(200));
    for (const p of personal) {
      expect(xml).not.toContain(p);
      expect(csv).not.toContain(p);
    }
    expect(xml).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(csv).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });

  it('the CSV has one row per grant with the same figures', async () => {
    const res = await officer.client.get('/api/open-data/grants.csv').buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = text(res).replace(/^\ufeff/, '').split('\r\n');
    const head = lines[0].split(',');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((c, i) => [head[i], c])));
    expect(rows).toHaveLength(2);
    const first = rows.find((r) => r.agreement_number === grant.agreementNumber)!;
    expect(first).toMatchObject({ committed_eur: '40000.00', disbursed_eur: '32000.00', recovered_eur: '0.00', budget_eur: '40000.00', recipient_country: 'XK', organisation: grant.organization });
    expect(rows.find((r) => r.agreement_number === other.agreementNumber)).toMatchObject({ disbursed_eur: '32000.00', recovered_eur: '123.45' });
  });

  it('the summary counts what is published and carries the hash of the current file', async () => {
    const s = (await observer.client.get('/api/open-data/summary').expect(200)).body as Summary;
    const xml = text(await observer.client.get('/api/open-data/iati.xml').buffer(true).expect(200));
    expect(s).toMatchObject({ version: '2.03', reportingOrgIsPlaceholder: true, activities: 2, committedCents: 8_000_000, disbursedCents: 6_400_000, recoveredCents: 12_345, sha256: createHash('sha256').update(xml, 'utf8').digest('hex') });
    expect(s.byActivityStatus).toEqual([{ code: '2', count: 2 }]);
    expect(s.withheldFigures).toBeGreaterThanOrEqual(1);
    expect(s.lastChanged).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(xml).toContain(`generated-datetime="${s.lastChanged}"`);
  });

  it('the files follow the data: a tranche paid after a download is in the next one', async () => {
    const before = (await observer.client.get('/api/open-data/summary').expect(200)).body as Summary;
    await h.asOwner((q) => q(`INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_on, paid_on, bank_reference) VALUES ($1, 2, 'balance', 700, $2, 'paid', $2, $2, 'BANK-4')`,
      [other.grantId, kosovoDay(-1)]));
    const after = (await observer.client.get('/api/open-data/summary').expect(200)).body as Summary;
    expect(after.disbursedCents).toBe(before.disbursedCents + 700);
    expect(after.sha256).not.toBe(before.sha256);
    const csv = text(await observer.client.get('/api/open-data/grants.csv').buffer(true).expect(200));
    expect(csv).toContain('32007.00');
  });

  it('a monitor (a partial portfolio) and an applicant cannot read it; nor can anyone logged out', async () => {
    const monitor = await loginAs(h, 'monitor');
    await h.ds.query(`UPDATE grants SET monitor_id = $1 WHERE id = $2`, [monitor.user.id, grant.grantId]);
    for (const path of ['/api/open-data/iati.xml', '/api/open-data/grants.csv', '/api/open-data/summary']) {
      await monitor.client.get(path).expect(404);
      // without portfolio.read at all: the route's permission refuses them
      const applicant = await loginAs(h, 'applicant');
      expect((await applicant.client.get(path)).status).toBe(403);
      const evaluator = await loginAs(h, 'evaluator');
      expect((await evaluator.client.get(path)).status).toBe(403);
      expect((await observer.client.get(path)).status).toBe(200);
      expect((await new Client(h.app).get(path)).status).toBe(401);
    }
  });
});
