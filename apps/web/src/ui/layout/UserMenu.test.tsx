import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../api/csrf';
import type { Me } from '../../features/auth/types';
import { json, makeMe, mockFetch, renderRoutes, setupI18n } from '../../test/utils';
import { UserMenu } from './UserMenu';

const waiting = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../features/monitoring/offline/clear', () => ({
  offlineWorkWaiting: async () => waiting.n,
  clearOfflineData: async () => undefined,
  noteSignedInUser: async () => undefined,
}));

const monitor: Me = makeMe({ role: 'monitor', fullName: 'Besa Krasniqi', permissions: permissionsFor({ role: 'monitor' }) });

/** Logging out deletes the phone's drafts (privacy): with visit reports not yet on the server, the monitor is asked first. */
describe('the account menu', () => {
  beforeAll(() => setupI18n('en'));
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  const serve = () => {
    const calls: string[] = [];
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/auth/logout' && init.method === 'POST') { calls.push('logout'); return json({ csrfToken: 't2' }); }
      return undefined;
    });
    return calls;
  };

  it('warns before logging out when visit reports are only on this phone, and stays when asked', async () => {
    waiting.n = 2;
    const calls = serve();
    const { router } = renderRoutes([{ path: '/x', element: <UserMenu me={monitor} /> }, { path: '/visits', element: <p>visits</p> }], ['/x']);
    fireEvent.click(await screen.findByRole('button', { name: 'Account menu for Besa Krasniqi' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Log out' }));
    expect(await screen.findByText(/2 visit reports have work that is only on this phone/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stay and send it first' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/visits'));
    expect(calls).toEqual([]);
  });

  it('logs out at once when nothing waits, and after the warning when the monitor chooses to', async () => {
    waiting.n = 1;
    const calls = serve();
    renderRoutes([{ path: '/', element: <UserMenu me={monitor} /> }], ['/']);
    fireEvent.click(await screen.findByRole('button', { name: 'Account menu for Besa Krasniqi' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Log out' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Log out and delete it' }));
    await waitFor(() => expect(calls).toEqual(['logout']));
  });
});
