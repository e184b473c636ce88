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
import type { Language, Script } from '@grants/domain';

export const CYRILLIC = 'sr-Cyrl';
export type UiLanguage = 'en' | 'sq' | 'sr' | typeof CYRILLIC;
export const UI_LANGUAGES: UiLanguage[] = ['en', 'sq', 'sr', CYRILLIC];
export const STORAGE_KEY = 'grants.language';

/** Each language named in itself; never translated. */
export const NATIVE_LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sq: 'Shqip', sr: 'Srpski' };

type Bundle = Record<string, unknown>;
/** One chunk per language file; nothing is downloaded until the language is asked for. */
export const LOADERS: Record<Language, () => Promise<Bundle>> = {
  en: () => import('./en.json').then((m) => m.default as Bundle),
  sq: () => import('./sq.json').then((m) => m.default as Bundle),
  sr: () => import('./sr.json').then((m) => m.default as Bundle),
};
export type Resources = typeof import('./en.json');

/** Loads a UI language's resources: its file, or for Serbian Cyrillic the Serbian Latin file transliterated. */
export async function loadResources(lng: string): Promise<Bundle> {
  if (lng === CYRILLIC) return transliterateResources(await LOADERS.sr()) as Bundle;
  const language = (Object.keys(LOADERS) as Language[]).find((l) => l === lng);
  if (!language) throw new Error(`no resources for the language ${lng}`);
  return LOADERS[language]();
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
  // changeLanguage loads the language's file (through the backend) before it switches
  if (instance.language !== lng) await instance.changeLanguage(lng);
}

export function currentLanguage(instance: I18n = i18next): { language: Language; script: Script } {
  return fromUiLanguage(instance.language);
}

export default i18next;
