import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import i18n from '../../../i18n';
import en from '../../../i18n/en.json';
import sq from '../../../i18n/sq.json';
import sr from '../../../i18n/sr.json';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { UsersPage } from '../../admin/pages/UsersPage';

const LOCALES = { en, sq, sr } as const;
const fill = (s: string, v: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => v[k]);

function user(id: string, fullName: string, secondFactor: boolean) {
  return {
    id, email: `${id}@kmop.example.org`, fullName, role: 'secretariat', organizationId: null, organizationName: null, active: true,
    emailVerified: true, lastLoginAt: null, createdAt: '2026-01-05T09:00:00Z', safeguardingFocalPoint: false, secondFactor,
  };
}

function page() {
  const fetchMock = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 't1' });
    if (url.startsWith('/api/users?')) return json({ items: [user('u2', 'Drita Krasniqi', true), user('u3', 'Milan Petrović', false)], total: 2, page: 1, pageSize: 50 });
    if (url === '/api/users/u2/second-factors/reset' && init.method === 'POST') return new Response(null, { status: 204 });
    return json({ items: [], total: 0, page: 1, pageSize: 50 });
  });
  const admin = makeMe({ id: 'u1', role: 'secretariat_admin', organizationId: null, orgRole: null, permissions: ['user.list', 'user.deactivate'] as never });
  renderRoutes([{ path: '*', element: <UsersPage /> }], ['/admin/users'], queryClientWith(admin));
  return fetchMock;
}

describe("the admin's reset of a user's second factors", () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it.each(['en', 'sq', 'sr'] as const)('in %s: shows who has a second factor, and resets one with a reason', async (lng) => {
    await i18n.changeLanguage(lng);
    const L = LOCALES[lng].adminUsers;
    const fetchMock = page();
    expect(await screen.findByRole('columnheader', { name: L.secondFactor })).toBeTruthy();
    const rows = screen.getAllByRole('row');
    expect(within(rows[1]).getByText(L.secondFactorYes)).toBeTruthy();
    expect(within(rows[2]).getByText(L.secondFactorNo)).toBeTruthy();
    // nothing to reset for a user with none
    expect(screen.queryByRole('button', { name: fill(L.resetSecondFactorNamed, { name: 'Milan Petrović' }) })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: fill(L.resetSecondFactorNamed, { name: 'Drita Krasniqi' }) }));
    const dialog = await screen.findByRole('dialog', { name: L.resetSecondFactorTitle });
    fireEvent.click(within(dialog).getByRole('button', { name: L.resetSecondFactor }));
    expect(await within(dialog).findByText(LOCALES[lng].errors.required)).toBeTruthy();
    expect(fetchMock.sent('POST', '/api/users/u2/second-factors/reset')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText(new RegExp(`^${L.resetReason}`)), { target: { value: 'Lost phone, identity checked by phone' } });
    fireEvent.click(within(dialog).getByRole('button', { name: L.resetSecondFactor }));
    await waitFor(() => expect(fetchMock.sent('POST', '/api/users/u2/second-factors/reset')).toHaveLength(1));
    expect(bodyOf(fetchMock.sent('POST', '/api/users/u2/second-factors/reset')[0])).toEqual({ reason: 'Lost phone, identity checked by phone' });
  });
});
