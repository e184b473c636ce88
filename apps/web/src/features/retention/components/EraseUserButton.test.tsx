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

function user(id: string, fullName: string, email = `${id}@cso.example.org`) {
  return {
    id, email, fullName, role: 'applicant', organizationId: 'o1', organizationName: 'Shpresa', active: true,
    emailVerified: true, lastLoginAt: null, createdAt: '2026-01-05T09:00:00Z', safeguardingFocalPoint: false, secondFactor: false,
  };
}

function page(eraseAnswer: () => Response) {
  const fetchMock = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 't1' });
    if (url.startsWith('/api/users?')) {
      return json({ items: [user('u2', 'Drita Krasniqi'), user('u3', 'Erased person', 'erased-u3@erased.invalid')], total: 2, page: 1, pageSize: 50 });
    }
    if (url === '/api/users/u2/erase' && init.method === 'POST') return eraseAnswer();
    return json({ items: [], total: 0, page: 1, pageSize: 50 });
  });
  const admin = makeMe({ id: 'u1', role: 'secretariat_admin', organizationId: null, orgRole: null, permissions: ['user.list', 'user.deactivate', 'user.erase'] as never });
  renderRoutes([{ path: '*', element: <UsersPage /> }], ['/admin/users'], queryClientWith(admin));
  return fetchMock;
}

describe("the admin's erasure of a person's data", () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it.each(['en', 'sq', 'sr'] as const)('in %s: asks for the request and a confirmation, then erases', async (lng) => {
    await i18n.changeLanguage(lng);
    const L = LOCALES[lng].erasure;
    const fetchMock = page(() => json({ userId: 'u2', erasureId: 'e1', erasedAt: '2026-12-07T10:00:00Z', legacyAuditEntries: 0 }));
    fireEvent.click(await screen.findByRole('button', { name: fill(L.buttonNamed, { name: 'Drita Krasniqi' }) }));
    // an erased account offers no second erasure
    expect(screen.queryByRole('button', { name: fill(L.buttonNamed, { name: 'Erased person' }) })).toBeNull();
    const dialog = await screen.findByRole('dialog', { name: L.title });
    const confirm = within(dialog).getByRole('button', { name: L.confirm }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(within(dialog).getByLabelText(L.understood));
    fireEvent.click(confirm);
    expect(await within(dialog).findByText(LOCALES[lng].errors.required)).toBeTruthy();
    expect(fetchMock.sent('POST', '/api/users/u2/erase')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText(new RegExp(`^${L.reason}`)), { target: { value: 'Letter of 1 December' } });
    fireEvent.click(confirm);
    await waitFor(() => expect(fetchMock.sent('POST', '/api/users/u2/erase')).toHaveLength(1));
    expect(bodyOf(fetchMock.sent('POST', '/api/users/u2/erase')[0])).toEqual({ reason: 'Letter of 1 December' });
  });

  it('shows why the API refuses (the sole owner of an organisation with an open grant)', async () => {
    page(() => json({
      statusCode: 400, error: 'Bad Request', message: 'This person is the only owner of an organisation with 1 open grant(s)',
      details: [{ field: 'id', code: 'sole_owner_open_work', message: 'This person is the only owner of an organisation with 1 open grant(s) and 0 application(s) in progress: make another member owner first' }],
    }, 400));
    fireEvent.click(await screen.findByRole('button', { name: fill(en.erasure.buttonNamed, { name: 'Drita Krasniqi' }) }));
    const dialog = await screen.findByRole('dialog', { name: en.erasure.title });
    fireEvent.change(within(dialog).getByLabelText(new RegExp(`^${en.erasure.reason}`)), { target: { value: 'Asked by phone' } });
    fireEvent.click(within(dialog).getByLabelText(en.erasure.understood));
    fireEvent.click(within(dialog).getByRole('button', { name: en.erasure.confirm }));
    expect(await within(dialog).findByText(/make another member owner first/)).toBeTruthy();
  });
});
