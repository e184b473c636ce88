import { beforeAll, describe, expect, it } from 'vitest';
import i18n, { CYRILLIC, initI18n, loadResources, STORAGE_KEY } from './index';

/** Issue 9: translations are loaded per language, on demand; a visitor downloads only their own language's file. */
describe('translations loaded on demand', () => {
  beforeAll(async () => {
    localStorage.setItem(STORAGE_KEY, 'sq');
    await initI18n();
  });

  it('loads the visitor language only, without English behind it', () => {
    expect(i18n.language).toBe('sq');
    expect(i18n.hasResourceBundle('sq', 'translation')).toBe(true);
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(false);
    expect(i18n.hasResourceBundle('sr', 'translation')).toBe(false);
    expect(i18n.t('nav.home')).toBe('Ballina');
  });

  it('loads another language when it is chosen, before switching to it', async () => {
    await i18n.changeLanguage('sr');
    expect(i18n.hasResourceBundle('sr', 'translation')).toBe(true);
    expect(i18n.t('nav.home')).toBe('Početna');
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(false);
  });

  it('makes Serbian Cyrillic from the Serbian Latin file', async () => {
    const cyrillic = (await loadResources(CYRILLIC)) as { nav: { home: string } };
    expect(cyrillic.nav.home).toBe('Почетна');
    await expect(loadResources('de')).rejects.toThrow(/de/);
  });
});
