import { describe, expect, it } from 'vitest';
import en from './en.json';
import sq from './sq.json';
import sr from './sr.json';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Keys with plural suffixes folded, since Serbian has a "few" form that English and Albanian lack. */
function baseKeys(map: Map<string, string>): Set<string> {
  return new Set([...map.keys()].map((k) => k.replace(PLURAL, '')));
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
}

const resources = { en: flatten(en as Tree), sq: flatten(sq as Tree), sr: flatten(sr as Tree) };

/** Strings that are the same in every language: names, codes, brands. */
const SAME_EVERYWHERE = new Set<string>([]);

describe('i18n resources', () => {
  it.each(['sq', 'sr'] as const)('%s has every key of en, and no key en lacks', (lang) => {
    const enKeys = baseKeys(resources.en);
    const other = baseKeys(resources[lang]);
    expect([...enKeys].filter((k) => !other.has(k))).toEqual([]);
    expect([...other].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('has the plural forms each language needs', () => {
    const plurals = [...resources.en.keys()].filter((k) => k.endsWith('_other')).map((k) => k.replace(/_other$/, ''));
    expect(plurals.length).toBeGreaterThan(0);
    for (const base of plurals) {
      for (const form of ['one', 'other']) {
        expect(resources.en.has(`${base}_${form}`), `en ${base}_${form}`).toBe(true);
        expect(resources.sq.has(`${base}_${form}`), `sq ${base}_${form}`).toBe(true);
      }
      for (const form of ['one', 'few', 'other']) expect(resources.sr.has(`${base}_${form}`), `sr ${base}_${form}`).toBe(true);
    }
  });

  it.each(['sq', 'sr'] as const)('%s is a translation, not a copy of English (strings over three words)', (lang) => {
    const copies: string[] = [];
    for (const [key, value] of resources[lang]) {
      const english = resources.en.get(key) ?? resources.en.get(key.replace(PLURAL, '_other'));
      if (!english || SAME_EVERYWHERE.has(key)) continue;
      if (english.trim().split(/\s+/).length > 3 && value === english) copies.push(key);
    }
    expect(copies).toEqual([]);
  });

  it.each(['sq', 'sr'] as const)('%s keeps the same {{placeholders}} as en', (lang) => {
    const problems: string[] = [];
    for (const [key, value] of resources[lang]) {
      const english = resources.en.get(key) ?? resources.en.get(key.replace(PLURAL, '_other'));
      if (english === undefined) continue;
      const want = placeholders(english).filter((p) => p !== 'count');
      const got = placeholders(value).filter((p) => p !== 'count');
      if (JSON.stringify([...new Set(want)]) !== JSON.stringify([...new Set(got)])) problems.push(`${key}: ${got} ≠ ${want}`);
    }
    expect(problems).toEqual([]);
  });

  it('has no empty strings', () => {
    for (const [lang, map] of Object.entries(resources)) {
      for (const [key, value] of map) expect(value.trim(), `${lang}:${key}`).not.toBe('');
    }
  });

  it('defines every key the source code asks for with a literal t("…")', () => {
    const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>;
    expect(Object.keys(sources).length).toBeGreaterThan(40);
    const missing: string[] = [];
    const enKeys = baseKeys(resources.en);
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) {
        if (!enKeys.has(m[1])) missing.push(`${file}: ${m[1]}`);
      }
      for (const m of text.matchAll(/labelKey: '([\w.]+)'/g)) {
        if (!enKeys.has(m[1])) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every notification kind, role, document kind and API error code used by the foundation', () => {
    const kinds = [
      'organization.member_invited',
      'organization.member_joined',
      'organization.document_uploaded',
      'organization.licence_expiring',
      'account.invitation_accepted',
      'account.deactivated',
      'system.announcement',
    ];
    const codes = [
      'required', 'email', 'min_length', 'max_length', 'iban', 'date', 'enum', 'unknown_field', 'email_taken',
      'invalid_credentials', 'locked', 'not_verified', 'token_invalid', 'token_expired', 'version_conflict',
      'file_type', 'file_too_large', 'not_found', 'forbidden', 'csrf', 'deactivated', 'last_owner', 'self',
      'already_invited', 'already_accepted', 'password_min_length', 'password_too_common', 'password_contains_email',
      'password_too_weak',
    ];
    for (const map of Object.values(resources)) {
      for (const k of kinds) expect(map.has(`notificationKinds.${k}`), k).toBe(true);
      for (const c of codes) expect(map.has(`errors.${c}`), c).toBe(true);
      for (const r of ['applicant', 'evaluator', 'monitor', 'secretariat', 'secretariat_admin', 'observer']) {
        expect(map.has(`roles.${r}`)).toBe(true);
        expect(map.has(`home.empty.${r}`)).toBe(true);
      }
      for (const d of ['registration_certificate', 'statute', 'licence', 'financial_statements', 'other']) {
        expect(map.has(`documentKinds.${d}`)).toBe(true);
      }
    }
  });
});
