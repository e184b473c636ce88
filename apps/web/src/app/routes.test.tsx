import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { resetCsrfToken } from '../api/csrf';
import type { Me, MessageAnswer, Session } from '../features/auth/types';
import type { Mailbox } from '../features/mailbox/types';
import type { NotificationPage } from '../features/notifications/types';
import type { NotificationPreferences } from '../features/settings/types';
import { bodyOf, json, makeMe, mockFetch, renderRoutes, setupI18n } from '../test/utils';
import { routes } from './routes';

function applicant(): Me {
  return makeMe({ role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
}

/** The answers of the app's frame (typed from the OpenAPI schema, so a renamed field breaks these tests). */
const NO_MAIL: Mailbox = { enabled: false, items: [] };
const NO_NOTIFICATIONS: NotificationPage = { items: [], unreadCount: 0, total: 0 };
const NO_PREFERENCES: NotificationPreferences = { items: [] };

describe('routes', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => {
    resetCsrfToken();
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends a visitor without a session from a private page to /login?next=…, then back there after logging in', async () => {
    let me: Me | null = null;
    mockFetch((url, init) => {
      if (url === '/api/auth/me') return me ? json(me) : json({ statusCode: 401, error: 'Unauthorized', message: 'Log in first', details: [{ field: '', code: 'unauthenticated', message: 'x' }] }, 401);
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/auth/login' && init.method === 'POST') {
        me = applicant();
        return json({ user: me, csrfToken: 't2' } satisfies Session);
      }
      if (url === '/api/dev/mailbox') return json(NO_MAIL);
      if (url.startsWith('/api/notifications')) return json(NO_NOTIFICATIONS);
      if (url === '/api/users/me/notification-preferences') return json(NO_PREFERENCES);
      return undefined;
    });
    const { router } = renderRoutes(routes, ['/settings']);
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe('?next=%2Fsettings');

    fireEvent.change(await screen.findByLabelText(/^E-mail/, { selector: 'input' }), { target: { value: 'arta@example.org' } });
    fireEvent.change(screen.getByLabelText(/^Password/, { selector: 'input' }), { target: { value: 'whatever it is' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/settings'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
  });

  it('shows the lockout message when the API answers locked', async () => {
    mockFetch((url) => {
      if (url === '/api/auth/me') return json({ statusCode: 401, error: 'Unauthorized', message: 'x', details: [] }, 401);
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/auth/login') {
        return json({ statusCode: 429, error: 'Too Many Requests', message: 'Too many attempts', details: [{ field: '', code: 'locked', message: 'Too many attempts' }] }, 429);
      }
      if (url === '/api/dev/mailbox') return json(NO_MAIL);
      return undefined;
    });
    renderRoutes(routes, ['/login']);
    fireEvent.change(await screen.findByLabelText(/^E-mail/, { selector: 'input' }), { target: { value: 'arta@example.org' } });
    fireEvent.change(screen.getByLabelText(/^Password/, { selector: 'input' }), { target: { value: 'wrong password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Sign-in temporarily blocked')).toBeTruthy();
    expect(screen.getByText(/Too many failed attempts/)).toBeTruthy();
  });

  it('offers to resend the verification e-mail when the address is not confirmed', async () => {
    const fetchMock = mockFetch((url) => {
      if (url === '/api/auth/me') return json({ statusCode: 401, error: 'Unauthorized', message: 'x', details: [] }, 401);
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/auth/login') {
        return json({ statusCode: 403, error: 'Forbidden', message: 'Confirm your e-mail first', details: [{ field: '', code: 'not_verified', message: 'x' }] }, 403);
      }
      // 202 with a message that says the same whether or not the address has an unconfirmed account
      if (url === '/api/auth/resend-verification') return json({ message: 'If the address is registered and unconfirmed, an e-mail is on its way' } satisfies MessageAnswer, 202);
      if (url === '/api/dev/mailbox') return json(NO_MAIL);
      return undefined;
    });
    renderRoutes(routes, ['/login']);
    fireEvent.change(await screen.findByLabelText(/^E-mail/, { selector: 'input' }), { target: { value: 'new@example.org' } });
    fireEvent.change(screen.getByLabelText(/^Password/, { selector: 'input' }), { target: { value: 'a long password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Send the confirmation e-mail again' }));
    expect(await screen.findByText(/a new confirmation e-mail is on its way/)).toBeTruthy();
    expect(fetchMock.sent('POST', '/api/auth/resend-verification').map((r) => bodyOf(r))).toEqual([{ email: 'new@example.org' }]);
  });

  it('answers an unknown address with the 404 page', async () => {
    mockFetch((url) => (url === '/api/auth/me' ? json({ statusCode: 401, error: 'Unauthorized', message: 'x', details: [] }, 401) : undefined));
    renderRoutes(routes, ['/no/such/page']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });

  it('lands on the start page after logging out', async () => {
    let me: Me | null = applicant();
    mockFetch((url, init) => {
      if (url === '/api/auth/me') return me ? json(me) : json({ statusCode: 401, error: 'Unauthorized', message: 'x', details: [] }, 401);
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/auth/logout' && init.method === 'POST') {
        me = null;
        return json({ csrfToken: 't3' } satisfies Schemas['CsrfResponseDto']);
      }
      if (url === '/api/dev/mailbox') return json(NO_MAIL);
      if (url.startsWith('/api/notifications')) return json(NO_NOTIFICATIONS);
      if (url === '/api/users/me/notification-preferences') return json(NO_PREFERENCES);
      return undefined;
    });
    const { router } = renderRoutes(routes, ['/settings']);
    fireEvent.click(await screen.findByRole('button', { name: 'Account menu for Arta Berisha' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Log out' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect((await screen.findAllByRole('link', { name: 'Log in' })).length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(router.state.location.pathname).toBe('/');
  });
});
