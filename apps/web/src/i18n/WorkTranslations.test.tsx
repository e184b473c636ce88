import { MantineProvider } from '@mantine/core';
import { act, render, screen, waitFor } from '@testing-library/react';
import { useTranslation } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from './en.json';
import i18n, { initI18n, STORAGE_KEY } from './index';
import sq from './sq.json';
import { WorkTranslations } from './WorkTranslations';

function Words() {
  const { t } = useTranslation();
  return <p data-testid="words">{t('grants.nav.mine')}</p>;
}

/**
 * The signed-in layout's words in whichever language is chosen after it first showed (found by the interim-report
 * browser journey: an Albanian organisation signing in saw keys such as grants.nav.mine, because Albanian's
 * first-page words were loaded before the layout asked for the signed-in ones, and i18next never loads a language
 * twice).
 */
describe('WorkTranslations', () => {
  beforeAll(async () => {
    localStorage.setItem(STORAGE_KEY, 'en');
    await initI18n();
    // Albanian's first-page words, loaded before any signed-in page asked for its own
    await i18n.changeLanguage('sq');
    await i18n.changeLanguage('en');
  });

  it('shows the signed-in words, and those of a language chosen afterwards even when its first-page words were loaded before', async () => {
    render(<MantineProvider><WorkTranslations><Words /></WorkTranslations></MantineProvider>);
    expect((await screen.findByTestId('words')).textContent).toBe(en.grants.nav.mine);
    await act(async () => {
      await i18n.changeLanguage('sq');
    });
    await waitFor(() => expect(screen.getByTestId('words').textContent).toBe(sq.grants.nav.mine));
    expect(sq.grants.nav.mine).not.toBe('grants.nav.mine');
  });
});
