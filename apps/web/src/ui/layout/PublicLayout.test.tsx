import { screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../features/auth/types';
import en from '../../i18n/en.json';
import { makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../test/utils';
import { PublicLayout } from './PublicLayout';

const staff = (state: Me['secondFactor']['state']): Me =>
  makeMe({ role: 'monitor', organizationId: null, orgRole: null, secondFactor: { state, methods: state === 'enrol' ? [] : ['totp'], verifiedAt: null } });

/** The header of the public pages: "Log in" for a visitor, "My home page" once signed in and through the second factor. */
describe('the public pages’ header', () => {
  beforeAll(() => setupI18n('en'));
  afterEach(() => vi.unstubAllGlobals());

  const render = (me: Me | null) => {
    mockFetch(() => undefined);
    renderRoutes([{ path: '/p', element: <PublicLayout><p>page</p></PublicLayout> }], ['/p'], queryClientWith(me));
  };
  const link = (name: string) => screen.queryByRole('link', { name });

  it('offers a visitor to log in', async () => {
    render(null);
    expect(await screen.findByRole('link', { name: en.auth.login })).toBeTruthy();
    expect(link(en.nav.myHome)).toBeNull();
  });

  it.each(['verified', 'not_enrolled_optional'] as const)('takes a signed-in user (%s) to their home page', async (state) => {
    render(staff(state));
    expect((await screen.findByRole('link', { name: en.nav.myHome })).getAttribute('href')).toBe('/home');
  });

  it.each(['enrol', 'challenge'] as const)('offers no home page before the second factor (%s): it would lead back to the same step', async (state) => {
    render(staff(state));
    expect(await screen.findByText('page')).toBeTruthy();
    expect(link(en.nav.myHome)).toBeNull();
    expect(link(en.auth.login)).toBeNull();
  });
});
