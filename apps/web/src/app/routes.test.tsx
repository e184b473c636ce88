import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../api/http';
import type { Me } from '../api/types';
import { json, makeMe, mockFetch, renderRoutes, setupI18n } from '../test/utils';
import { routes } from './routes';

function applicant(): Me {
  const me = makeMe({ role: 'applicant', orgRole: 'owner', organizationId: 'o1' });
  return { ...me, permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) };
}

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
        return json({ user: me, csrfToken: 't2' });
      }
      if (url === '/api/dev/mailbox') return json({ enabled: false, items: [] });
      if (url.startsWith('/api/notifications')) return json({ items: [], unreadCount: 0, total: 0 });
      if (url === '/api/users/me/notification-preferences') return json({ items: [] });
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
      if (url === '/api/dev/mailbox') return json({ enabled: false, items: [] });
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
      if (url === '/api/auth/resend-verification') return new Response(null, { status: 202 });
      if (url === '/api/dev/mailbox') return json({ enabled: false, items: [] });
      return undefined;
    });
    renderRoutes(routes, ['/login']);
    fireEvent.change(await screen.findByLabelText(/^E-mail/, { selector: 'input' }), { target: { value: 'new@example.org' } });
    fireEvent.change(screen.getByLabelText(/^Password/, { selector: 'input' }), { target: { value: 'a long password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Send the confirmation e-mail again' }));
    expect(await screen.findByText(/a new confirmation e-mail is on its way/)).toBeTruthy();
    const [, init] = fetchMock.mock.calls.find(([u]) => u === '/api/auth/resend-verification') as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({ email: 'new@example.org' });
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
        return json({ csrfToken: 't3' });
      }
      if (url === '/api/dev/mailbox') return json({ enabled: false, items: [] });
      if (url.startsWith('/api/notifications')) return json({ items: [], unreadCount: 0, total: 0 });
      if (url === '/api/users/me/notification-preferences') return json({ items: [] });
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
