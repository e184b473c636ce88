import { permissionsFor } from '@grants/domain';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch, queryClientWith, renderPage, setupI18n } from '../../../test/utils';
import type { OrgMembers } from '../types';
import { MembersPage } from './MembersPage';

const MEMBERS: OrgMembers = {
  members: [
    { userId: 'u1', fullName: 'Arta Berisha', email: 'arta@example.org', orgRole: 'owner', active: true },
    { userId: 'u2', fullName: 'Drita Morina', email: 'drita@example.org', orgRole: null, active: false },
  ],
  invitations: [{ id: 'i1', email: 'new@example.org', createdAt: '2026-12-01T08:00:00Z', expiresAt: '2026-12-08T08:00:00Z' }],
};

describe('MembersPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('names each member’s role in the organisation, and says so when the account has none', async () => {
    mockFetch((url) => (url === '/api/organizations/o1/members' ? json(MEMBERS) : undefined));
    const me = makeMe({ orgRole: 'member', permissions: permissionsFor({ role: 'applicant', orgRole: 'member' }) });
    renderPage(<MembersPage />, '/organization/members', queryClientWith(me));
    const drita = (await screen.findByText('Drita Morina')).closest('tr') as HTMLElement;
    expect(within(drita).getByText('No role in the organisation')).toBeTruthy();
    expect(within(drita).getByText('Inactive')).toBeTruthy();
    const arta = screen.getByText('Arta Berisha').closest('tr') as HTMLElement;
    expect(within(arta).getByText('Owner')).toBeTruthy();
    expect(screen.getByText('new@example.org')).toBeTruthy();
  });
});
