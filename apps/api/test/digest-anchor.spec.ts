import { AuditService } from '../src/modules/audit/audit.service';
import { MailService } from '../src/modules/mail/mail.service';
import { DigestHandler } from '../src/modules/notifications/jobs/digest.job';
import { SHORT_HASH } from '../src/modules/notifications/jobs/digest-anchor';
import { ENV } from '../src/config/env.dto';
import { Harness, loginAs, newUser, startApi } from './harness';

/** Issue 8, hole 5: the Secretariat administrators' daily digest carries the head of the audit chain, anchored. */
describe('digest: the audit chain head for the Secretariat administrators', () => {
  let h: Harness;
  let digest: DigestHandler;
  beforeAll(async () => {
    h = await startApi();
    digest = new DigestHandler(h.ds, h.app.get(MailService, { strict: false }), h.app.get(AuditService, { strict: false }), h.app.get(ENV, { strict: false }));
  });
  afterAll(() => h.close());

  const digestsTo = async (email: string): Promise<{ subject: string; text_body: string }[]> =>
    h.ds.query(`SELECT subject, text_body FROM emails WHERE to_address = $1 AND template = 'digest' ORDER BY created_at`, [email]);

  it('anchors the head once for the day and mails its length and hash to each administrator in their language, once', async () => {
    const en = await loginAs(h, 'secretariat_admin', { language: 'en' }); // logins write audit entries
    const sq = await loginAs(h, 'secretariat_admin', { language: 'sq' });
    const sr = await loginAs(h, 'secretariat_admin', { language: 'sr' });
    const cyr = await newUser(h.ds, 'secretariat_admin', { language: 'sr' });
    await h.ds.query(`UPDATE users SET script = 'cyrillic' WHERE id = $1`, [cyr.user.id]); // a fixture
    const officer = await newUser(h.ds, 'secretariat', { language: 'en' });
    const gone = await newUser(h.ds, 'secretariat_admin', { language: 'en' });
    await h.ds.query(`UPDATE users SET active = false WHERE id = $1`, [gone.user.id]); // a fixture
    // an administrator with a notification waiting for the digest gets one e-mail with both
    await h.ds.query(`INSERT INTO notifications (user_id, kind, params, link, dedupe_key, email_delivery)
      VALUES ($1, 'organization.member_joined', '{"name":"Ana","organization":"X"}', null, 'anchor-digest-1', 'digest')`, [en.user.id]);

    await digest.handle({ day: '2026-12-02' });
    await digest.handle({ day: '2026-12-02' }); // a rerun sends nothing again

    const [head] = await h.ds.query(`SELECT seq::int AS seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(head.seq).toBeGreaterThanOrEqual(3);
    const anchors = await h.ds.query(`SELECT seq::int AS seq, hash FROM audit_anchors WHERE reason = 'daily:2026-12-02'`);
    expect(anchors).toEqual([{ seq: head.seq, hash: head.hash }]);
    const short = head.hash.slice(0, SHORT_HASH);
    const command = `npm run audit:verify -- --anchor ${head.seq}:${head.hash}`;
    const count = (locale: string) => new Intl.NumberFormat(locale).format(head.seq);

    const [mailEn, ...moreEn] = await digestsTo(en.email);
    expect(moreEn).toEqual([]);
    expect(mailEn.text_body).toContain('• New member — Ana joined X.');
    expect(mailEn.text_body).toContain(`• Audit log — ${count('en-GB')} entries; the head of the chain is entry #${head.seq}, hash ${short}…`);
    expect(mailEn.text_body).toContain(command);
    const [mailSq, ...moreSq] = await digestsTo(sq.email);
    expect(moreSq).toEqual([]);
    expect(mailSq.text_body).toContain(`• Regjistri i auditimit — ${count('sq')} shënime; koka e zinxhirit është shënimi #${head.seq}, hash-i ${short}…`);
    expect(mailSq.text_body).toContain(command);
    const [mailSr, ...moreSr] = await digestsTo(sr.email);
    expect(moreSr).toEqual([]);
    expect(mailSr.text_body).toContain(`• Dnevnik revizije — ${count('sr-Latn')} unosa; vrh lanca je unos #${head.seq}, heš ${short}…`);
    expect(mailSr.text_body).toContain(command);
    // a Cyrillic reader: the portal's words in Cyrillic, the hash and the command as they are
    const [mailCyr] = await digestsTo(cyr.email);
    expect(mailCyr.text_body).toContain(`Дневник ревизије — ${count('sr-Latn')} уноса; врх ланца је унос #${head.seq}, хеш ${short}…`);
    expect(mailCyr.text_body).toContain(command);
    // no anchor for officers, nor for a deactivated administrator
    expect(await digestsTo(officer.email)).toEqual([]);
    expect(await digestsTo(gone.email)).toEqual([]);
    expect(await h.ds.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND digested_at IS NULL`, [en.user.id])).toEqual([]);
  });

  it('the anchor mailed is the one the audit.anchor job records that day, and audit:verify accepts it', async () => {
    const admin = await newUser(h.ds, 'secretariat_admin', { language: 'en' });
    await digest.handle({ day: '2026-12-03' });
    const audit = h.app.get(AuditService, { strict: false });
    const again = await audit.anchorOnce('daily:2026-12-03', new Date(0)); // what the 06:30 job would find
    const [mail] = await digestsTo(admin.email);
    expect(mail.text_body).toContain(`--anchor ${again.seq}:${again.hash}`);
    expect(await audit.verify([{ seq: again.seq, hash: again.hash }])).toMatchObject({ ok: true });
  });
});
