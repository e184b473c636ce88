import { serbianLatinToCyrillic, type Language, type LocalizedText } from '@grants/domain';
import { useTranslation } from 'react-i18next';
import { CYRILLIC } from '../../i18n';

/** The content language for the UI language (sr-Cyrl reads the Serbian text, transliterated). */
export function contentLanguage(lng: string | undefined): Language {
  if (lng === 'sq') return 'sq';
  if (lng === 'sr' || lng === CYRILLIC) return 'sr';
  return 'en';
}

/** Helpers that follow the UI language: which text of a {en, sq, sr} to show, and Cyrillic when chosen. */
export function useContentLanguage() {
  const { i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const cyrillic = i18n.language === CYRILLIC;
  const script = (s: string) => (cyrillic ? serbianLatinToCyrillic(s) : s);
  /** The text in the UI language, falling back to English, then any language that has it. */
  const pick = (text: LocalizedText | null | undefined): string => {
    if (!text) return '';
    return script(text[lang] || text.en || text.sq || text.sr || '');
  };
  return { lang, cyrillic, script, pick };
}
