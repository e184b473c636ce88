/**
 * i18next setup. Three resource files: en, sq (Albanian) and sr (Serbian, Latin script), each loaded on demand
 * (its own chunk, fetched when the language is first used: a visitor downloads one language, not three).
 * Serbian in Cyrillic is not a file of its own: when the user picks the Cyrillic script, the sr resources are
 * transliterated at runtime (transliterateResources from @grants/domain) and registered as the language 'sr-Cyrl'.
 */
import { transliterateResources } from '@grants/domain';
import dayjs from 'dayjs';
import 'dayjs/locale/sq';
import 'dayjs/locale/sr';
import 'dayjs/locale/sr-cyrl';
import i18next, { type BackendModule, type i18n as I18n } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { WORK_SECTIONS, type I18nPart } from './parts';
import type { Language, Script } from '@grants/domain';

export const CYRILLIC = 'sr-Cyrl';
export type UiLanguage = 'en' | 'sq' | 'sr' | typeof CYRILLIC;
export const UI_LANGUAGES: UiLanguage[] = ['en', 'sq', 'sr', CYRILLIC];
export const STORAGE_KEY = 'grants.language';

/** Each language named in itself; never translated. */
export const NATIVE_LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sq: 'Shqip', sr: 'Srpski' };

type Bundle = Record<string, unknown>;
/**
 * One chunk per part of each language file (parts.ts): `core` with the first page, `work` with the signed-in
 * layout; nothing is downloaded until the language is asked for.
 */
export const LOADERS: Record<Language, Record<I18nPart, () => Promise<Bundle>>> = {
  en: { core: () => import('./en.json?part=core').then((m) => m.default), work: () => import('./en.json?part=work').then((m) => m.default) },
  sq: { core: () => import('./sq.json?part=core').then((m) => m.default), work: () => import('./sq.json?part=work').then((m) => m.default) },
  sr: { core: () => import('./sr.json?part=core').then((m) => m.default), work: () => import('./sr.json?part=work').then((m) => m.default) },
};
export type Resources = typeof import('./en.json');

/** Whether the signed-in pages' part is wanted (WorkTranslations asks for it): then every language loads both. */
let workWanted = false;

/**
 * Loads a UI language's resources — its core part, and its work part once the signed-in pages asked for it (or
 * `parts` says so) —, for Serbian Cyrillic the Serbian Latin parts transliterated.
 */
export async function loadResources(lng: string, parts: readonly I18nPart[] = workWanted ? ['core', 'work'] : ['core']): Promise<Bundle> {
  const language: Language | undefined = lng === CYRILLIC ? 'sr' : (Object.keys(LOADERS) as Language[]).find((l) => l === lng);
  if (!language) throw new Error(`no resources for the language ${lng}`);
  const loaded = await Promise.all(parts.map((part) => LOADERS[language][part]()));
  const bundle = Object.assign({}, ...loaded) as Bundle;
  return lng === CYRILLIC ? (transliterateResources(bundle) as Bundle) : bundle;
}

/**
 * The signed-in pages' words: from now on every language loads its work part too, and the current language gets
 * it now (added to what is loaded; react-i18next renders again on 'added'). Settles once they are there.
 */
export async function loadWorkTranslations(instance: I18n = i18next): Promise<void> {
  workWanted = true;
  const lng = instance.language;
  if (!lng || hasWorkTranslations(instance)) return;
  const work = await loadResources(lng, ['work']);
  instance.addResourceBundle(lng, 'translation', work, true, true);
}

/** Whether a language (the current one unless named) has the signed-in pages' words loaded. */
export function hasWorkTranslations(instance: I18n = i18next, lng: string = instance.language): boolean {
  return !!lng && instance.hasResourceBundle(lng, 'translation') && instance.getResource(lng, 'translation', WORK_SECTIONS[0]) !== undefined;
}

/** The i18next backend that reads the resources with loadResources (one namespace: translation). */
const lazyBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    loadResources(language).then((r) => callback(null, r), (e: unknown) => callback(e as Error, false));
  },
};

export function toUiLanguage(language: Language, script: Script = 'latin'): UiLanguage {
  if (language === 'sr') return script === 'cyrillic' ? CYRILLIC : 'sr';
  return language === 'sq' ? 'sq' : 'en';
}

export function fromUiLanguage(lng: string | undefined): { language: Language; script: Script } {
  if (lng === CYRILLIC) return { language: 'sr', script: 'cyrillic' };
  if (lng === 'sr') return { language: 'sr', script: 'latin' };
  if (lng === 'sq') return { language: 'sq', script: 'latin' };
  return { language: 'en', script: 'latin' };
}

/** Map whatever the browser or storage says ("sq-AL", "sr-Cyrl-RS", "bs") to one of ours. */
export function normaliseLanguage(raw: string | undefined | null): UiLanguage {
  const v = (raw ?? '').toLowerCase();
  if (v.startsWith('sq')) return 'sq';
  if (v.startsWith('sr')) return v.includes('cyrl') ? CYRILLIC : 'sr';
  if (v.startsWith('bs') || v.startsWith('hr') || v.startsWith('sh') || v.startsWith('cnr')) return 'sr';
  return 'en';
}

function onLanguageChanged(lng: string) {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lng === CYRILLIC ? 'sr-Cyrl' : lng === 'sr' ? 'sr-Latn' : lng;
    document.documentElement.dir = 'ltr';
  }
  dayjs.locale(lng === CYRILLIC ? 'sr-cyrl' : lng);
}

let initialised: Promise<unknown> | undefined;

/**
 * Sets i18next up and starts loading the detected language; the promise settles once it is loaded (main.tsx
 * renders after it, so the first paint is already in the visitor's language).
 */
export function initI18n(instance: I18n = i18next): Promise<unknown> {
  if (initialised && instance === i18next) return initialised;
  const ready = instance
    .use(lazyBackend)
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      ns: ['translation'],
      defaultNS: 'translation',
      supportedLngs: UI_LANGUAGES,
      // sq and sr have every key of en (i18n.test.ts), so they need no English file behind them: a visitor
      // downloads one language. Cyrillic falls back to the Latin file it is made from.
      fallbackLng: { [CYRILLIC]: ['sr'], default: [] },
      load: 'currentOnly',
      initAsync: false,
      returnNull: false,
      showSupportNotice: false,
      interpolation: { escapeValue: false },
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: STORAGE_KEY,
        caches: ['localStorage'],
        convertDetectedLanguage: (lng: string) => normaliseLanguage(lng),
      },
      // a language switch waits for its file before it changes anything, so nothing needs to suspend
      react: { bindI18nStore: 'added', useSuspense: false },
    });
  instance.on('languageChanged', onLanguageChanged);
  onLanguageChanged(instance.language);
  if (instance === i18next) initialised = ready;
  return ready;
}

/** Switch the UI to a language and script (registers Cyrillic on first use). */
export async function applyLanguage(language: Language, script: Script = 'latin', instance: I18n = i18next): Promise<void> {
  const lng = toUiLanguage(language, script);
  // a language whose first-page part was loaded before the signed-in pages asked for theirs is not loaded again by
  // i18next: its work part is added first, so the switch shows no key (nor WorkTranslations' loader)
  if (workWanted && instance.hasResourceBundle(lng, 'translation') && !hasWorkTranslations(instance, lng)) {
    instance.addResourceBundle(lng, 'translation', await loadResources(lng, ['work']), true, true);
  }
  // changeLanguage loads the language's file (through the backend) before it switches
  if (instance.language !== lng) await instance.changeLanguage(lng);
}

export function currentLanguage(instance: I18n = i18next): { language: Language; script: Script } {
  return fromUiLanguage(instance.language);
}

export default i18next;
