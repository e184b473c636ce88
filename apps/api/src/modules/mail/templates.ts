import { serbianLatinToCyrillic, type Language, type Script } from '@grants/domain';

/**
 * E-mail templates in the three languages of the portal. The recipient's language picks the text; a Serbian
 * reader who chose the Cyrillic script gets the same text in Cyrillic (the Serbian texts are kept in Latin
 * and transliterated, like the web app's resources).
 */
export type TemplateName = 'verify_email' | 'password_reset' | 'account_exists' | 'invitation_staff' | 'invitation_member' | 'notification' | 'digest';
export type Rendered = { subject: string; text: string; html: string };
type Params = Record<string, string>;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The portal's own words in the reader's script: Serbian Latin becomes Cyrillic for a Cyrillic reader. */
export function inScript(text: string, lang: Language, script: Script | undefined): string {
  return lang === 'sr' && script === 'cyrillic' ? serbianLatinToCyrillic(text) : text;
}

export function interpolate(text: string, params: Record<string, string | number | null | undefined>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** The signature: the portal's name as the web app writes it, and the programme it serves (a proper name). */
const PORTAL: Record<Language, string> = {
  en: 'CSO Grant Portal – Moving Forward, Cluster 3 grant scheme',
  sq: 'Portali i Granteve për OShC – skema e granteve Moving Forward, Klasteri 3',
  sr: 'Portal za grantove OCD – šema grantova Moving Forward, klaster 3',
};
const FOOTER: Record<Language, string> = {
  en: 'You receive this e-mail because of your account on the grant portal. Never reply with personal data of victims.',
  sq: 'E merrni këtë e-mail për shkak të llogarisë suaj në portalin e granteve. Mos dërgoni kurrë të dhëna personale të viktimave.',
  sr: 'Ovu poruku primate zbog svog naloga na portalu za grantove. Nikada ne šaljite lične podatke žrtava.',
};

type Text = { subject: string; lines: string[]; action?: string };
const TEXTS: Record<Exclude<TemplateName, 'notification' | 'digest'>, Record<Language, Text>> = {
  verify_email: {
    en: { subject: 'Confirm your e-mail address', lines: ['Hello {{name}},', 'Please confirm your e-mail address to activate your account. The link is valid for 48 hours.'], action: 'Confirm e-mail address' },
    sq: { subject: 'Konfirmoni adresën tuaj të e-mailit', lines: ['Përshëndetje {{name}},', 'Ju lutemi konfirmoni adresën tuaj të e-mailit për të aktivizuar llogarinë. Lidhja është e vlefshme për 48 orë.'], action: 'Konfirmo adresën e e-mailit' },
    sr: { subject: 'Potvrdite svoju adresu e-pošte', lines: ['Zdravo {{name}},', 'Molimo potvrdite svoju adresu e-pošte da biste aktivirali nalog. Link važi 48 sati.'], action: 'Potvrdi adresu e-pošte' },
  },
  password_reset: {
    en: { subject: 'Reset your password', lines: ['Hello {{name}},', 'Someone asked to reset the password of your account. If it was you, choose a new password; the link is valid for 1 hour. If it was not you, ignore this e-mail.'], action: 'Choose a new password' },
    sq: { subject: 'Rivendosni fjalëkalimin tuaj', lines: ['Përshëndetje {{name}},', 'Dikush kërkoi rivendosjen e fjalëkalimit të llogarisë suaj. Nëse ishit ju, zgjidhni një fjalëkalim të ri; lidhja është e vlefshme për 1 orë. Nëse nuk ishit ju, injorojeni këtë e-mail.'], action: 'Zgjidhni një fjalëkalim të ri' },
    sr: { subject: 'Resetujte svoju lozinku', lines: ['Zdravo {{name}},', 'Neko je zatražio resetovanje lozinke vašeg naloga. Ako ste to bili vi, izaberite novu lozinku; link važi 1 sat. Ako to niste bili vi, zanemarite ovu poruku.'], action: 'Izaberi novu lozinku' },
  },
  account_exists: {
    en: { subject: 'Someone tried to register with your e-mail address', lines: ['Hello {{name}},', 'Someone tried to register a new account on the grant portal with your e-mail address, which already has an account. If it was you, log in at {{login}} or reset your password with the link below. If it was not you, ignore this e-mail: nothing has changed.'], action: 'Reset your password' },
    sq: { subject: 'Dikush u përpoq të regjistrohej me adresën tuaj të e-mailit', lines: ['Përshëndetje {{name}},', 'Dikush u përpoq të regjistronte një llogari të re në portalin e granteve me adresën tuaj të e-mailit, e cila tashmë ka një llogari. Nëse ishit ju, hyni në {{login}} ose rivendosni fjalëkalimin me lidhjen më poshtë. Nëse nuk ishit ju, injorojeni këtë e-mail: asgjë nuk ka ndryshuar.'], action: 'Rivendosni fjalëkalimin' },
    sr: { subject: 'Neko je pokušao da se registruje sa vašom adresom e-pošte', lines: ['Zdravo {{name}},', 'Neko je pokušao da registruje novi nalog na portalu za grantove sa vašom adresom e-pošte, koja već ima nalog. Ako ste to bili vi, prijavite se na {{login}} ili resetujte lozinku putem linka ispod. Ako to niste bili vi, zanemarite ovu poruku: ništa se nije promenilo.'], action: 'Resetuj lozinku' },
  },
  invitation_staff: {
    en: { subject: 'You are invited to the grant portal', lines: ['Hello,', '{{inviter}} invites you to the grant portal as {{role}}. The invitation is valid for 7 days.'], action: 'Accept the invitation' },
    sq: { subject: 'Jeni ftuar në portalin e granteve', lines: ['Përshëndetje,', '{{inviter}} ju fton në portalin e granteve si {{role}}. Ftesa është e vlefshme për 7 ditë.'], action: 'Prano ftesën' },
    sr: { subject: 'Pozvani ste na portal za grantove', lines: ['Zdravo,', '{{inviter}} vas poziva na portal za grantove kao {{role}}. Poziv važi 7 dana.'], action: 'Prihvati poziv' },
  },
  invitation_member: {
    en: { subject: 'Join {{organization}} on the grant portal', lines: ['Hello,', '{{inviter}} invites you to join {{organization}} on the grant portal, to prepare applications and reports together. The invitation is valid for 7 days.'], action: 'Accept the invitation' },
    sq: { subject: 'Bashkohuni me {{organization}} në portalin e granteve', lines: ['Përshëndetje,', '{{inviter}} ju fton të bashkoheni me {{organization}} në portalin e granteve, për të përgatitur aplikime dhe raporte së bashku. Ftesa është e vlefshme për 7 ditë.'], action: 'Prano ftesën' },
    sr: { subject: 'Pridružite se organizaciji {{organization}} na portalu za grantove', lines: ['Zdravo,', '{{inviter}} vas poziva da se pridružite organizaciji {{organization}} na portalu za grantove, da zajedno pripremate prijave i izveštaje. Poziv važi 7 dana.'], action: 'Prihvati poziv' },
  },
};

const ROLE_NAMES: Record<string, Record<Language, string>> = {
  secretariat: { en: 'Secretariat officer', sq: 'zyrtar/e i Sekretariatit', sr: 'službenik Sekretarijata' },
  secretariat_admin: { en: 'Secretariat administrator', sq: 'administrator/e i Sekretariatit', sr: 'administrator Sekretarijata' },
  evaluator: { en: 'evaluator', sq: 'vlerësues/e', sr: 'ocenjivač' },
  monitor: { en: 'monitor', sq: 'monitorues/e', sr: 'monitor' },
  observer: { en: 'observer', sq: 'vëzhgues/e', sr: 'posmatrač' },
  applicant: { en: 'applicant', sq: 'aplikues/e', sr: 'podnosilac prijave' },
};
export const roleName = (role: string, lang: Language, script?: Script) => inScript(ROLE_NAMES[role]?.[lang] ?? role, lang, script);

const DIGEST: Record<Language, { subject: string; intro: string; action: string }> = {
  en: { subject: 'Your daily summary from the grant portal', intro: 'Here is what happened since yesterday:', action: 'Open the portal' },
  sq: { subject: 'Përmbledhja juaj ditore nga portali i granteve', intro: 'Ja çfarë ndodhi që nga dje:', action: 'Hap portalin' },
  sr: { subject: 'Vaš dnevni pregled sa portala za grantove', intro: 'Evo šta se dogodilo od juče:', action: 'Otvori portal' },
};
const OPEN: Record<Language, string> = { en: 'Open in the portal', sq: 'Hape në portal', sr: 'Otvori na portalu' };

function layout(lang: Language, script: Script | undefined, subject: string, paragraphs: string[], action?: { label: string; url: string }): Rendered {
  const portal = inScript(PORTAL[lang], lang, script);
  const footer = inScript(FOOTER[lang], lang, script);
  const htmlLang = lang === 'sr' ? (script === 'cyrillic' ? 'sr-Cyrl' : 'sr-Latn') : lang;
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : []), '', '—', portal, footer].join('\n\n');
  const html = `<!doctype html><html lang="${htmlLang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1b1e;max-width:600px;margin:0 auto;padding:24px">
<p style="font-weight:bold;color:#1c4f82">${escapeHtml(portal)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${action ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#1c4f82;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(action.label)}</a></p><p style="font-size:12px;color:#555">${escapeHtml(action.url)}</p>` : ''}
<hr><p style="font-size:12px;color:#555">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html };
}

/**
 * One e-mail in the reader's language and script. The portal's words are put in the script before the
 * parameters go in, so names, addresses, links and hashes stay as written. A notification's title and body
 * and a digest's items arrive already rendered in the reader's script (renderNotification).
 */
export function renderTemplate(name: TemplateName, lang: Language, params: Params, script: Script = 'latin'): Rendered {
  const w = (text: string) => inScript(text, lang, script);
  if (name === 'notification') {
    return layout(lang, script, params.title, [params.body], params.link ? { label: w(OPEN[lang]), url: params.link } : undefined);
  }
  if (name === 'digest') {
    const items: { title: string; body: string }[] = JSON.parse(params.items ?? '[]');
    const d = DIGEST[lang];
    return layout(lang, script, w(d.subject), [w(d.intro), ...items.map((i) => `• ${i.title} — ${i.body}`)], { label: w(d.action), url: params.link });
  }
  const t = TEXTS[name][lang];
  const p = { ...params, role: params.role ? roleName(params.role, lang, script) : '' };
  return layout(
    lang,
    script,
    interpolate(w(t.subject), p),
    t.lines.map((l) => interpolate(w(l), p)),
    t.action && params.link ? { label: w(t.action), url: params.link } : undefined,
  );
}
