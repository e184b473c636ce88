// The web app's own resource files, so the page objects find elements by the text a user sees
// in whichever language the page is in (en, sq, sr, or sr-Cyrl transliterated like the app does).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(HERE, '..', '..', '..');
const I18N_DIR = join(REPO_ROOT, 'apps', 'web', 'src', 'i18n');

const cache = new Map();

function load(lang) {
  if (cache.has(lang)) return cache.get(lang);
  let res;
  if (lang === 'sr-Cyrl') {
    const require = createRequire(import.meta.url);
    const { transliterateResources } = require(join(REPO_ROOT, 'libs', 'domain'));
    res = transliterateResources(load('sr'));
  } else {
    res = JSON.parse(readFileSync(join(I18N_DIR, `${lang}.json`), 'utf8'));
  }
  cache.set(lang, res);
  return res;
}

function lookup(res, key) {
  return key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), res);
}

/**
 * A tiny i18next look-alike: nested keys, {{var}} interpolation, _one/_few/_other plurals, and
 * English as the fallback (as in the app).
 */
export function texts(lang = 'en') {
  const chain = lang === 'sr-Cyrl' ? ['sr-Cyrl', 'sr', 'en'] : lang === 'en' ? ['en'] : [lang, 'en'];
  const pluralLang = lang === 'sr-Cyrl' ? 'sr' : lang;
  const t = (key, vars = {}) => {
    for (const l of chain) {
      const res = load(l);
      let value;
      if (typeof vars.count === 'number') {
        const form = new Intl.PluralRules(pluralLang).select(vars.count);
        value = lookup(res, `${key}_${form}`) ?? lookup(res, `${key}_other`);
      }
      value ??= lookup(res, key);
      if (typeof value === 'string') {
        return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
      }
    }
    throw new Error(`i18n key not found: ${key} (${lang})`);
  };
  t.lang = lang;
  return t;
}

/** A RegExp that matches the text exactly (whole string), for accessible-name matching. */
export function exactly(text) {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?\\s*$`);
}
