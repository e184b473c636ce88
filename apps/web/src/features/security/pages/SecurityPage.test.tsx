import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import i18n from '../../../i18n';
import en from '../../../i18n/en.json';
import sq from '../../../i18n/sq.json';
import sr from '../../../i18n/sr.json';
import { json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { SecurityPage } from './SecurityPage';

const LOCALES = { en, sq, sr } as const;

function page() {
  let passkeys = [
    { id: 'pk1', name: 'Work laptop', createdAt: '2026-03-02T09:00:00Z', lastUsedAt: '2026-03-05T10:30:00Z' },
    { id: 'pk2', name: 'My phone', createdAt: '2026-03-03T09:00:00Z', lastUsedAt: null },
  ];
  const fetchMock = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 't1' });
    if (url === '/api/auth/me') return json(makeMe());
    if (url === '/api/auth/second-factor') return json({ required: true, state: 'verified', totp: true, passkeys, recoveryCodesLeft: 3, verifiedAt: '2026-03-05T10:30:00Z' });
    if (url === '/api/auth/second-factor/passkeys/pk2' && init.method === 'DELETE') {
      passkeys = passkeys.filter((p) => p.id !== 'pk2');
      return new Response(null, { status: 204 });
    }
    if (url === '/api/auth/second-factor/totp' && init.method === 'DELETE')
      return json({ statusCode: 400, error: 'Bad Request', message: 'x', details: [{ field: 'totp', code: 'last_factor', message: 'x' }] }, 400);
    if (url === '/api/auth/second-factor/recovery-codes' && init.method === 'POST') return json({ recoveryCodes: ['abcd-efgh-jk', 'mnpq-rstv-wx'] });
    return undefined;
  });
  renderRoutes([{ path: '*', element: <SecurityPage /> }], ['/account/security'], queryClientWith(makeMe({ role: 'monitor', organizationId: null, orgRole: null })));
  return fetchMock;
}

describe('SecurityPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it.each(['en', 'sq', 'sr'] as const)('in %s: lists the app, the passkeys with their dates and the codes left', async (lng) => {
    await i18n.changeLanguage(lng);
    const L = LOCALES[lng].security;
    page();
    expect(await screen.findByRole('heading', { name: L.title })).toBeTruthy();
    expect(screen.getByText(L.requiredNote)).toBeTruthy();
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1].textContent).toContain('Work laptop');
    expect(rows[2].textContent).toContain(L.neverUsed);
    expect(screen.getByTestId('codes-left').textContent).toMatch(/3/);
  });

  it('removes a passkey after a confirmation, and says why the last factor of a required role stays', async () => {
    const fetchMock = page();
    fireEvent.click(await screen.findByRole('button', { name: 'Remove the passkey My phone' }));
    const dialog = await screen.findByRole('dialog', { name: en.security.removePasskeyTitle });
    fireEvent.click(within(dialog).getByRole('button', { name: en.security.remove }));
    await waitFor(() => expect(fetchMock.sent('DELETE', '/api/auth/second-factor/passkeys/pk2')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('My phone')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: en.security.removeApp }));
    const again = await screen.findByRole('dialog', { name: en.security.removeAppTitle });
    fireEvent.click(within(again).getByRole('button', { name: en.security.remove }));
    expect(await screen.findByText(en.security.lastFactor)).toBeTruthy();
  });

  it('makes new recovery codes and shows them once', async () => {
    page();
    fireEvent.click(await screen.findByRole('button', { name: en.security.newCodes }));
    const dialog = await screen.findByRole('dialog', { name: en.security.newCodesTitle });
    fireEvent.click(within(dialog).getByRole('button', { name: en.security.newCodes }));
    await waitFor(() => expect(screen.getAllByTestId('recovery-code').map((c) => c.textContent)).toEqual(['abcd-efgh-jk', 'mnpq-rstv-wx']));
    fireEvent.click(screen.getByLabelText(en.security.codesSaved));
    fireEvent.click(screen.getByRole('button', { name: en.security.continue }));
    expect(await screen.findByText(en.security.passkeysTitle)).toBeTruthy();
  });
});
