import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../api/csrf';
import type { Me, UpdateMeBody } from '../../features/auth/types';
import i18n, { STORAGE_KEY } from '../../i18n';
import { bodyOf, json, makeMe, mockFetch, renderPage, setupI18n } from '../../test/utils';
import { LanguageSwitcher } from './LanguageSwitcher';

function clientWith(me: Me | null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(['me'], me);
  return client;
}

describe('LanguageSwitcher', () => {
  beforeEach(async () => {
    resetCsrfToken();
    localStorage.clear();
    await setupI18n('en');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it('logged out: switches the UI and remembers the choice in localStorage', async () => {
    const fetchMock = mockFetch(() => undefined);
    renderPage(<LanguageSwitcher />, '/', clientWith(null));
    fireEvent.click(screen.getByRole('button', { name: 'Language: English' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Shqip' }));
    await waitFor(() => expect(i18n.language).toBe('sq'));
    expect(localStorage.getItem(STORAGE_KEY)).toBe('sq');
    expect(document.documentElement.lang).toBe('sq');
    expect(fetchMock.requests.some((r) => r.url.startsWith('/api/users/me'))).toBe(false);
  });

  it('logged in: saves language and script on the account', async () => {
    const me = makeMe();
    const fetchMock = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'tok' });
      if (url === '/api/users/me' && init.method === 'PATCH') {
        const body = JSON.parse(String(init.body)) as UpdateMeBody;
        return json({ ...me, ...body } satisfies Me);
      }
      return undefined;
    });
    renderPage(<LanguageSwitcher />, '/', clientWith(me));
    fireEvent.click(screen.getByRole('button', { name: 'Language: English' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Srpski' }));
    await waitFor(() => expect(i18n.language).toBe('sr'));

    // the script toggle appears for Serbian
    fireEvent.click(await screen.findByRole('button', { name: 'Ћирилица' }));
    await waitFor(() => expect(i18n.language).toBe('sr-Cyrl'));
    // the switcher re-renders once the Cyrillic resources are in
    await waitFor(() => expect(screen.getByRole('button', { name: 'Ћирилица' }).getAttribute('aria-pressed')).toBe('true'));

    await waitFor(() => {
      expect(fetchMock.sent('PATCH', '/api/users/me').map((r) => bodyOf<UpdateMeBody>(r))).toEqual([
        { language: 'sr', script: 'latin' },
        { language: 'sr', script: 'cyrillic' },
      ]);
    });
  });
});
