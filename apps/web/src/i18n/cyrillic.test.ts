import { transliterateResources } from '@grants/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sr from './sr.json';
import { applyLanguage, CYRILLIC, initI18n, normaliseLanguage, toUiLanguage } from './index';
import i18n from './index';

describe('Serbian Cyrillic', () => {
  beforeAll(async () => {
    initI18n();
    await i18n.changeLanguage('en');
  });
  afterAll(async () => {
    await i18n.changeLanguage('en');
  });

  it('is not loaded until someone asks for it', () => {
    expect(i18n.hasResourceBundle(CYRILLIC, 'translation')).toBe(false);
  });

  it('registers the transliterated sr resources as sr-Cyrl when the Cyrillic script is chosen', async () => {
    await applyLanguage('sr', 'cyrillic');
    expect(i18n.language).toBe('sr-Cyrl');
    expect(i18n.hasResourceBundle(CYRILLIC, 'translation')).toBe(true);
    expect(i18n.t('nav.home')).toBe('Почетна');
    expect(i18n.t('auth.login')).toBe('Пријави се');
    // placeholders and acronyms survive the transliteration
    expect(i18n.t('home.welcome', { name: 'Ana' })).toBe('Добро дошли, Ana');
    expect(i18n.t('app.footer')).toContain('KMOP');
    expect(document.documentElement.lang).toBe('sr-Cyrl');
  });

  it('uses Serbian plural forms in Cyrillic too', () => {
    expect(i18n.t('notifications.unreadCount', { count: 3 })).toBe('3 непрочитана');
    expect(i18n.t('notifications.unreadCount', { count: 5 })).toBe('5 непрочитаних');
  });

  it('goes back to Latin and other languages, updating <html lang>', async () => {
    await applyLanguage('sr', 'latin');
    expect(i18n.t('nav.home')).toBe('Početna');
    expect(document.documentElement.lang).toBe('sr-Latn');
    await applyLanguage('sq');
    expect(i18n.t('nav.home')).toBe('Ballina');
    expect(document.documentElement.lang).toBe('sq');
  });

  it('maps browser and account languages to the UI language', () => {
    expect(toUiLanguage('sr', 'cyrillic')).toBe('sr-Cyrl');
    expect(toUiLanguage('sq', 'cyrillic')).toBe('sq');
    expect(normaliseLanguage('sr-Cyrl-RS')).toBe('sr-Cyrl');
    expect(normaliseLanguage('sr-RS')).toBe('sr');
    expect(normaliseLanguage('sq-AL')).toBe('sq');
    expect(normaliseLanguage('de-DE')).toBe('en');
  });

  it('has no half-transliterated words (Latin letters Serbian lacks, such as w, q, x, y, inside Cyrillic words)', () => {
    const CYR = /[\u0400-\u04FF]/;
    const mixed: string[] = [];
    const walk = (value: unknown, key: string) => {
      if (typeof value === 'string') {
        const words = value.replace(/\{\{[^}]*\}\}/g, ' ').split(/[^\p{L}]+/u);
        for (const w of words) if (/[A-Za-z]/.test(w) && CYR.test(w)) mixed.push(`${key}: ${w}`);
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k);
      }
    };
    walk(transliterateResources(sr), '');
    expect(mixed).toEqual([]);
  });
});
