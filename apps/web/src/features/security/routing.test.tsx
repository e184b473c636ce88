import { waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeMe, queryClientWith, renderRoutes, setupI18n } from '../../test/utils';
import { RequireAuth } from '../auth/components/RequireAuth';
import type { Me } from '../auth/types';

function at(me: Me) {
  return renderRoutes(
    [
      { path: '/grants/:id', element: <RequireAuth><h1>The grant</h1></RequireAuth> },
      { path: '/login/second-factor', element: <h1>Second step</h1> },
      { path: '/account/security/enrol', element: <h1>Enrol</h1> },
    ],
    ['/grants/g1?tab=tranches'],
    queryClientWith(me),
  );
}

describe('every signed-in page waits for the second factor', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends a session with a factor not yet given to the second step, keeping the page asked for', async () => {
    const { router } = at(makeMe({ role: 'secretariat', secondFactor: { state: 'challenge', methods: ['totp'], verifiedAt: null } }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login/second-factor'));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/grants/g1?tab=tranches')}`);
  });

  it('sends staff without a factor to the enrolment, from any page', async () => {
    const { router } = at(makeMe({ role: 'monitor', secondFactor: { state: 'enrol', methods: [], verifiedAt: null } }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/account/security/enrol'));
  });

  it.each(['verified', 'not_enrolled_optional'] as const)('lets a %s session through', async (state) => {
    const { findByRole } = at(makeMe({ secondFactor: { state, methods: [], verifiedAt: null } }));
    expect(await findByRole('heading', { name: 'The grant' })).toBeTruthy();
  });
});
