/**
 * i18next setup. Three resource files: en, sq (Albanian) and sr (Serbian, Latin script).
 * Serbian in Cyrillic is not a file of its own: when the user picks the Cyrillic script,
 * the sr resources are transliterated at runtime (transliterateResources from @grants/domain)
 * and registered as the language 'sr-Cyrl'.
 */
import { transliterateResources } from '@grants/domain';
import dayjs from 'dayjs';
import 'dayjs/locale/sq';
import 'dayjs/locale/sr';
import 'dayjs/locale/sr-cyrl';
import i18next, { type i18n as I18n } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import type { Language, Script } from '../api/types';
import en from './en.json';
import sq from './sq.json';
import sr from './sr.json';

export const CYRILLIC = 'sr-Cyrl';
export type UiLanguage = 'en' | 'sq' | 'sr' | typeof CYRILLIC;
export const UI_LANGUAGES: UiLanguage[] = ['en', 'sq', 'sr', CYRILLIC];
export const STORAGE_KEY = 'grants.language';

/** Each language named in itself; never translated. */
export const NATIVE_LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sq: 'Shqip', sr: 'Srpski' };

export const resources = { en, sq, sr } as const;
export type Resources = typeof en;

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

/** Register the Cyrillic resources (once) by transliterating the Serbian Latin ones. */
export function ensureCyrillic(instance: I18n = i18next): void {
  if (instance.hasResourceBundle(CYRILLIC, 'translation')) return;
  const cyrillic = transliterateResources(sr) as Record<string, unknown>;
  instance.addResourceBundle(CYRILLIC, 'translation', cyrillic, true, true);
}

function onLanguageChanged(lng: string) {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lng === CYRILLIC ? 'sr-Cyrl' : lng === 'sr' ? 'sr-Latn' : lng;
    document.documentElement.dir = 'ltr';
  }
  dayjs.locale(lng === CYRILLIC ? 'sr-cyrl' : lng);
}

let initialised = false;

export function initI18n(instance: I18n = i18next): I18n {
  if (initialised && instance === i18next) return instance;
  instance
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: { en: { translation: en }, sq: { translation: sq }, sr: { translation: sr } },
      supportedLngs: UI_LANGUAGES,
      fallbackLng: { [CYRILLIC]: ['sr', 'en'], default: ['en'] },
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
      react: { bindI18nStore: 'added' },
    });
  if (instance.language === CYRILLIC) ensureCyrillic(instance);
  instance.on('languageChanged', onLanguageChanged);
  onLanguageChanged(instance.language);
  if (instance === i18next) initialised = true;
  return instance;
}

/** Switch the UI to a language and script (registers Cyrillic on first use). */
export async function applyLanguage(language: Language, script: Script = 'latin', instance: I18n = i18next): Promise<void> {
  const lng = toUiLanguage(language, script);
  if (lng === CYRILLIC) ensureCyrillic(instance);
  if (instance.language !== lng) await instance.changeLanguage(lng);
}

export function currentLanguage(instance: I18n = i18next): { language: Language; script: Script } {
  return fromUiLanguage(instance.language);
}

export default i18next;
