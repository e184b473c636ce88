import { beforeAll, describe, expect, it } from 'vitest';
import i18n, { CYRILLIC, hasWorkTranslations, initI18n, loadResources, loadWorkTranslations, STORAGE_KEY } from './index';
import { WORK_SECTIONS } from './parts';

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

  it('loads the signed-in pages\' words only when they are asked for, then in every language', async () => {
    await i18n.changeLanguage('sq');
    const core = await loadResources('sq', ['core']);
    for (const section of WORK_SECTIONS) expect(core, section).not.toHaveProperty(section);
    expect(core).toHaveProperty('nav');
    expect(hasWorkTranslations(i18n)).toBe(false);
    expect(i18n.exists('grants.nav.mine')).toBe(false);
    await loadWorkTranslations(i18n);
    expect(hasWorkTranslations(i18n)).toBe(true);
    expect(i18n.t('grants.nav.mine')).not.toBe('grants.nav.mine');
    expect(i18n.t('nav.home')).toBe('Ballina');
    // a language chosen afterwards comes whole, Cyrillic included
    await i18n.changeLanguage(CYRILLIC);
    expect(hasWorkTranslations(i18n)).toBe(true);
    expect(i18n.t('nav.home')).toBe('Почетна');
  });
});
