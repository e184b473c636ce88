import { formatKosovo, NOTIFICATION_KINDS, serbianLatinToCyrillic } from '@grants/domain';
import ExcelJS from 'exceljs';
import { renderTemplate, type TemplateName } from '../src/modules/mail/templates';
import { NOTIFICATION_MESSAGES, PORTAL_WORDS_PARAMS } from '../src/modules/notifications/messages';
import { renderNotification } from '../src/modules/notifications/notifications.service';
import { columnHeader, csvFor, EXPORT_COLUMN_LABELS, hasColumnHeader, xlsxFor } from '../src/common/spreadsheet';
import { Client, Harness, loginAs, newUser, startApi } from './harness';

/**
 * What a Serbian reader who chose Cyrillic gets from the API is Cyrillic: every kind of notification, every
 * e-mail and every export's header line. Latin may remain only in what is explicitly allowed below.
 */

/** Latin that may stay in a Cyrillic text: names and codes that are not Serbian words. */
const ALLOWED_LATIN: readonly RegExp[] = [
  /https?:\/\/\S+/g, // links
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // e-mail addresses
  /\bMF-[\dA-Z-]+\b/g, // references of calls and applications (codes)
  /\b[0-9a-f]{64}\b/g, // SHA-256 digests
  /\bSHA-256\b/g,
  /\bMoving Forward\b/g, // the programme's proper name
  /\b(?:KMOP|PVPT|IBAN|PDF|CSV|XLSX)\b/g, // foreign names and file formats
  /\bEUR\b/g, // the currency's code, as payment orders write it
  /\.(?:pdf|docx?|xlsx?|odt|png|jpe?g)\b/g, // file names' extensions (a file name is shown as written)
];

function latinLeft(text: string): string[] {
  let rest = text;
  for (const re of ALLOWED_LATIN) rest = rest.replace(re, ' ');
  return rest.match(/[A-Za-zÀ-ɏ]+/g) ?? [];
}

// Parameters as the callers pass them: people's names and what they typed as written (here in Cyrillic, so
// any Latin left comes from the portal), the portal's own words (call title, dates, outcome) in Serbian Latin.
const PARAMS: Record<string, string | number> = {
  inviter: 'Ана Петровић', email: 'ana@example.org', organization: 'Удружење Сунце', name: 'Марко Јовић', actor: 'Јелена Ђурић',
  fileName: 'статут.pdf', reference: 'MF-2026-01', callReference: 'MF-2026-01', applicationReference: 'MF-2026-01-003',
  sha256: 'a'.repeat(64), count: 3, evaluators: 'Ана, Марко', reason: 'сала није слободна', reasons: 'недостаје потпис', where: 'Приштина',
  title: 'Poziv za OCD i NVO', body: 'Portal je otvoren.', outcome: 'prihvatljiva', date: '2027-03-31',
  deadline: formatKosovo('2027-03-31T15:00:00Z', 'sr'), startsAt: formatKosovo('2027-02-10T09:00:00Z', 'sr'),
  submittedAt: formatKosovo('2027-03-30T10:12:00Z', 'sr'), due: formatKosovo('2027-04-20T21:59:00Z', 'sr'),
};

describe('Serbian Cyrillic everywhere the API writes to a reader', () => {
  it('renders every kind of notification in Cyrillic, with the portal words among the parameters transliterated', () => {
    for (const { kind } of NOTIFICATION_KINDS) {
      const { title, body } = renderNotification(kind, 'sr', PARAMS, 'cyrillic');
      expect({ kind, latin: latinLeft(`${title}\n${body}`) }).toEqual({ kind, latin: [] });
      // the Latin reader still gets Latin: nothing changes for them
      const latin = renderNotification(kind, 'sr', PARAMS, 'latin');
      expect(latin.title).toBe(NOTIFICATION_MESSAGES[kind].sr.title.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(PARAMS[k] ?? '')));
    }
    const published = renderNotification('call.published', 'sr', PARAMS, 'cyrillic');
    expect(published.body).toContain('"Позив за ОЦД и НВО"');
    expect(published.body).toContain('31. март 2027. 17:00');
    expect(renderNotification('application.submitted', 'sr', PARAMS, 'cyrillic').body).toContain(`SHA-256: ${'a'.repeat(64)}`);
    // what people typed and names stay as written, even in Latin
    const cancelled = renderNotification('call.info_session_cancelled', 'sr', { ...PARAMS, reason: 'Sala je zauzeta', where: 'Prishtinë' }, 'cyrillic');
    expect(cancelled.body).toContain('Sala je zauzeta');
    expect(cancelled.body).toContain('Prishtinë');
    expect(PORTAL_WORDS_PARAMS.has('name')).toBe(false);
  });

  it('renders every e-mail in Cyrillic: subject, text, HTML, action and signature', () => {
    const names: TemplateName[] = ['verify_email', 'password_reset', 'account_exists', 'invitation_staff', 'invitation_member', 'notification', 'digest'];
    const notif = renderNotification('application.outcome', 'sr', PARAMS, 'cyrillic');
    const params: Record<string, string> = {
      name: 'Марко', login: 'https://grants.example.org/login', inviter: 'Ана', organization: 'Удружење Сунце', role: 'evaluator',
      link: 'https://grants.example.org/x?token=abc', title: notif.title, body: notif.body,
      items: JSON.stringify([notif, renderNotification('call.amended', 'sr', PARAMS, 'cyrillic')]),
    };
    for (const name of names) {
      const r = renderTemplate(name, 'sr', params, 'cyrillic');
      const visible = `${r.subject}\n${r.text}\n${r.html.replace(/<[^>]+>/g, ' ').replace(/&\w+;/g, ' ')}`;
      expect({ name, latin: latinLeft(visible) }).toEqual({ name, latin: [] });
      expect(r.html).toContain('lang="sr-Cyrl"');
      expect(r.text).toContain('Портал за грантове ОЦД');
    }
    expect(renderTemplate('invitation_staff', 'sr', params, 'cyrillic').text).toContain('као оцењивач');
    // Latin readers keep Latin, and the signature names the portal in every language
    expect(renderTemplate('verify_email', 'sr', params).text).toContain('Portal za grantove OCD');
    expect(renderTemplate('verify_email', 'sq', params).text).toContain('Portali i Granteve për OShC');
  });

  it('names every export column in the three languages, and in Cyrillic for a Cyrillic reader', async () => {
    // the columns of the applications, ranking, sheets and info-session exports (grid columns by pattern)
    const columns = [
      'reference', 'organization', 'registration_number', 'municipality', 'status', 'admissibility', 'requested_eur', 'submitted_at', 'sha256',
      'registered_by', 'email', 'attendees', 'registered_at', 'evaluator', 'origin', 'total', 'conflict_reason', 'rank', 'awarded_eur', 'outcome',
      'reason', 'reserve_place', 'tie_broken_by', 'adjustment_reason', 'sheets', 'award_now', 'section_A', 'criterion_A1', 'comment_A',
    ];
    for (const c of columns) expect({ c, named: hasColumnHeader(c) }).toEqual({ c, named: true });
    for (const [c, labels] of Object.entries(EXPORT_COLUMN_LABELS)) {
      for (const lang of ['en', 'sq', 'sr'] as const) expect(labels[lang]).toBeTruthy();
      expect({ c, latin: latinLeft(columnHeader(c, { language: 'sr', script: 'cyrillic' })) }).toEqual({ c, latin: [] });
    }
    const reader = { language: 'sr', script: 'cyrillic' } as const;
    const titles = {
      section_A: { en: 'Relevance', sq: 'Rëndësia', sr: 'Relevantnost' },
      criterion_A1: { en: 'Needs', sq: 'Nevojat', sr: 'Potrebe' },
      comment_A: { en: 'Relevance', sq: 'Rëndësia', sr: 'Relevantnost' },
    };
    const csv = csvFor(columns, [{ reference: 'MF-2026-01-001', organization: 'Udruženje' }], reader, titles);
    const header = csv.slice(1).split('\r\n')[0]!;
    expect(latinLeft(header)).toEqual([]);
    expect(header).toContain('Одељак Релевантност'); // a grid column by its section's title
    expect(columnHeader('section_B', reader)).toBe('Одељак B'); // without its title, the grid's own code
    expect(csv).toContain('Udruženje'); // values are data, as written
    expect(csvFor(['requested_eur'], [], { language: 'sq' }).slice(1)).toBe('E kërkuar (€)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsxFor({ sheetName: 'Ranking', columns, rows: [], reader, titles }));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Ранг-листа');
    const cells = (ws.getRow(1).values as unknown[]).filter((v): v is string => typeof v === 'string');
    expect(cells).toHaveLength(columns.length);
    expect(latinLeft(cells.join(' '))).toEqual([]);
  });

  describe('through the API', () => {
    let h: Harness;
    beforeAll(async () => (h = await startApi()));
    afterAll(() => h.close());

    it('lists notifications and sends their e-mail in Cyrillic to a reader who chose it', async () => {
      const owner = await loginAs(h, 'applicant', { language: 'sr' });
      await owner.client.patch('/api/users/me', { script: 'cyrillic' }).expect(200);
      const { email, password } = await newUser(h.ds, 'applicant', { organizationId: owner.user.organizationId!, orgRole: 'member' });
      const member = await (await new Client(h.app).init()).login(email, password);
      await member.agent.post(`/api/organizations/${owner.user.organizationId}/documents`).set('x-csrf-token', member.csrf)
        .field('kind', 'other').attach('file', Buffer.from('%PDF-1.4 test'), 'plan.pdf').expect(201);

      const list = (await owner.client.get('/api/notifications').expect(200)).body;
      expect(list.items[0]).toMatchObject({ kind: 'organization.document_uploaded', title: serbianLatinToCyrillic('Dokument otpremljen') });
      expect(list.items[0].body).toContain('plan.pdf'); // a file name stays as written
      const mails: { subject: string; text_body: string }[] = await h.ds.query(`SELECT subject, text_body FROM emails WHERE to_address = $1`, [owner.email]);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Документ отпремљен');
      expect(mails[0].text_body).toContain('Отвори на порталу');
      expect(mails[0].text_body).toContain('Портал за грантове ОЦД');
    });

    it('writes the header line of an export in the officer’s language and script', async () => {
      const officer = await loginAs(h, 'secretariat', { language: 'sr' });
      await officer.client.patch('/api/users/me', { script: 'cyrillic' }).expect(200);
      const created = await officer.client.post('/api/calls', { reference: 'MF-CYR-2026-01', title: { en: 'T', sq: 'T', sr: 'T' } }).expect(201);
      const csv = await officer.client.get(`/api/calls/${created.body.id}/applications/export?format=csv`).expect(200);
      const header = csv.text.replace(/^\ufeff/, '').split('\r\n')[0]!;
      expect(header.split(',')[0]).toBe('Референтни број');
      expect(latinLeft(header)).toEqual([]);
    });
  });
});
