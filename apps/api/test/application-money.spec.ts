import { demoCallDraft } from '@grants/domain';
import { decimalEuros } from '../src/modules/applications/applications.repository';
import { Harness, loginAs, startApi } from './harness';

/**
 * Money is integer cents end to end: the applications list and the call's export read bigint `requested_cents`
 * exactly. Through float8 the export wrote 90071992547409.91 € as 90071992547409.9; and the export's coded cells
 * (status, admissibility) are in the reader's language and script.
 */
describe('applications: exact cents and worded export cells', () => {
  let h: Harness;
  let officer: Awaited<ReturnType<typeof loginAs>>;
  let callId: string;
  let appId: string;
  const BIG = 9_007_199_254_740_991; // 2^53 - 1 cents: exact as an integer, not as euros in a float

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    const reference = 'MF-M-2026-01';
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'M', sq: 'M', sr: 'M' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), reference);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    callId = created.body.id;
    const applicant = await loginAs(h, 'applicant');
    appId = (await applicant.client.post(`/api/calls/${callId}/applications`).expect(201)).body.id;
    // a submitted application asking for the largest exact amount (set behind the API: no call allows it)
    await h.asOwner((q) => q(`UPDATE applications SET status = 'submitted', reference = 'MF-M-2026-01-001', requested_cents = $2, submitted_at = now() WHERE id = $1`, [appId, String(BIG)]));
    await h.asOwner((q) => q(`INSERT INTO admissibility_checks (application_id, answers, flags, outcome) VALUES ($1, '[]', '{}', 'admissible')`, [appId]));
  });
  afterAll(() => h.close());

  it('lists the requested amount as exact integer cents', async () => {
    const list = (await officer.client.get(`/api/applications?callId=${callId}`).expect(200)).body;
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: appId, status: 'submitted', requestedCents: BIG, admissibilityOutcome: 'admissible' });
    expect(Number.isSafeInteger(list.items[0].requestedCents)).toBe(true);
    expect(typeof list.items[0].submittedAt).toBe('string');
  });

  it('exports euros from exact cents, with statuses and outcomes in words', async () => {
    const csv = (await officer.client.get(`/api/calls/${callId}/applications/export?format=csv`).expect(200)).text;
    expect(csv).toContain('90071992547409.91');
    expect(csv).toContain('Submitted');
    expect(csv).toContain('Admissible and eligible');
    expect(csv).not.toMatch(/,submitted,|,admissible,/);
  });

  it('words the cells in Albanian and in Serbian Cyrillic', async () => {
    const sq = await loginAs(h, 'secretariat', { language: 'sq' });
    const csvSq = (await sq.client.get(`/api/calls/${callId}/applications/export?format=csv`).expect(200)).text;
    expect(csvSq).toContain('I dorëzuar');
    expect(csvSq).toContain('I pranueshëm dhe i përshtatshëm');
    const sr = await loginAs(h, 'secretariat', { language: 'sr' });
    await h.asOwner((q) => q(`UPDATE users SET script = 'cyrillic' WHERE id = $1`, [sr.user.id]));
    const csvSr = (await sr.client.get(`/api/calls/${callId}/applications/export?format=csv`).expect(200)).text;
    expect(csvSr).toContain('Поднета');
    expect(csvSr).toContain('Прихватљива и подобна');
  });

  it('writes decimal euros from bigint text at any size', () => {
    expect(decimalEuros('0')).toBe('0.00');
    expect(decimalEuros('5')).toBe('0.05');
    expect(decimalEuros('-123456')).toBe('-1234.56');
    expect(decimalEuros('9007199254740993')).toBe('90071992547409.93');
  });
});
