import { formatKosovo, serbianLatinToCyrillic, type AuditAnchor, type Language, type Script } from '@grants/domain';
import { interpolate } from '../../mail/templates';

/** How many hex digits of the head's hash the digest shows in its sentence (the full hash follows in the command). */
export const SHORT_HASH = 12;

const TEXTS: Record<Language, { title: string; body: string }> = {
  en: {
    title: 'Audit log',
    body: '{{count}} entries; the head of the chain is entry #{{seq}}, hash {{short}}…, anchored on {{at}}. '
      + 'Keep this e-mail: later, {{command}} shows whether the log was cut or rewritten since.',
  },
  sq: {
    title: 'Regjistri i auditimit',
    body: '{{count}} shënime; koka e zinxhirit është shënimi #{{seq}}, hash-i {{short}}…, i ankoruar më {{at}}. '
      + 'Ruajeni këtë e-mail: më vonë, {{command}} tregon nëse regjistri është shkurtuar apo rishkruar që atëherë.',
  },
  sr: {
    title: 'Dnevnik revizije',
    body: '{{count}} unosa; vrh lanca je unos #{{seq}}, heš {{short}}…, usidren {{at}}. '
      + 'Sačuvajte ovu poruku: kasnije {{command}} pokazuje da li je dnevnik od tada skraćen ili prepisan.',
  },
};

const LOCALES: Record<Language, string> = { en: 'en-GB', sq: 'sq', sr: 'sr-Latn' };

/**
 * The digest's line for a Secretariat administrator: the head of the audit chain (its length and hash, short in the
 * sentence, whole in the command that checks against it), so a copy of it lives outside the database. The portal's
 * words are put in the reader's script before the numbers, the hash and the command go in.
 */
export function anchorDigestItem(anchor: AuditAnchor & { createdAt: string }, lang: Language, script: Script = 'latin'): { title: string; body: string } {
  const t = TEXTS[lang] ?? TEXTS.en;
  const w = (s: string) => (lang === 'sr' && script === 'cyrillic' ? serbianLatinToCyrillic(s) : s);
  return {
    title: w(t.title),
    body: interpolate(w(t.body), {
      count: new Intl.NumberFormat(LOCALES[lang] ?? 'en-GB').format(anchor.seq),
      seq: anchor.seq,
      short: anchor.hash.slice(0, SHORT_HASH),
      at: w(formatKosovo(anchor.createdAt, lang)),
      command: `npm run audit:verify -- --anchor ${anchor.seq}:${anchor.hash}`,
    }),
  };
}
