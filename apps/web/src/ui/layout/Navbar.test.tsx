import { permissionsFor } from '@grants/domain';
import { screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../features/auth/types';
import { makeMe, renderPage, setupI18n } from '../../test/utils';
import { Navbar } from './Navbar';
import { visibleSections } from './navigation';

function meFor(overrides: Partial<Me>): Me {
  const base = makeMe(overrides);
  return { ...base, permissions: permissionsFor({ role: base.role, orgRole: base.orgRole }) };
}

function linkNames(): string[] {
  const nav = screen.getByTestId('navbar');
  return within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent?.trim() ?? '');
}

describe('Navbar', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });

  it('shows an applicant its organisation and hides every admin entry', () => {
    const me = meFor({ role: 'applicant', orgRole: 'member', organizationId: 'o1' });
    renderPage(<Navbar me={me} mailboxEnabled={false} />, '/home');
    const names = linkNames();
    expect(names).toEqual(expect.arrayContaining(['Home', 'Notifications', 'Organisation profile', 'Members', 'Documents', 'Settings']));
    for (const admin of ['Users', 'Staff invitations', 'Audit log', 'Queue dashboard']) expect(names.join('|')).not.toContain(admin);
    expect(screen.queryByText('Administration')).toBeNull();
    expect(names.join('|')).not.toContain('Demo mailbox');
  });

  it('marks the current page for assistive technology', () => {
    const me = meFor({ role: 'applicant' });
    renderPage(<Navbar me={me} mailboxEnabled={false} />, '/organization/documents');
    const current = screen.getByRole('link', { current: 'page' });
    expect(current.textContent).toContain('Documents');
  });

  it('shows a Secretariat admin the administration and no organisation entries', () => {
    const me = meFor({ role: 'secretariat_admin', organizationId: null, orgRole: null });
    renderPage(<Navbar me={me} mailboxEnabled />, '/home');
    const names = linkNames().join('|');
    for (const entry of ['Users', 'Staff invitations', 'Audit log', 'Queue dashboard', 'Demo mailbox']) expect(names).toContain(entry);
    expect(names).not.toContain('Organisation profile');
  });

  it('follows the permissions the API granted, not the role name', () => {
    // a secretariat officer without user.invite / audit.read sees Users only
    const me = meFor({ role: 'secretariat', organizationId: null, orgRole: null });
    const items = visibleSections(me).flatMap((s) => s.items.map((i) => i.to));
    expect(items).toContain('/admin/users');
    expect(items).not.toContain('/admin/invitations');
    expect(items).not.toContain('/admin/audit');
    // an evaluator: its own pages, nothing of organisations or administration
    const evaluator = meFor({ role: 'evaluator', organizationId: null, orgRole: null });
    const evaluatorItems = visibleSections(evaluator).flatMap((s) => s.items.map((i) => i.to));
    expect(evaluatorItems).toEqual(expect.arrayContaining(['/home', '/notifications', '/settings']));
    expect(evaluatorItems.filter((to) => to.startsWith('/admin') || to.startsWith('/organization') || to.startsWith('/api/'))).toEqual([]);
  });

  it('gives monitoring its entries: visits and action points to whoever reads them, the priority list to the Secretariat, observers and monitors', () => {
    const monitoring = (me: Me) => visibleSections(me).flatMap((s) => s.items.map((i) => i.to)).filter((to) => ['/visits', '/action-points', '/monitoring/priority'].includes(to));
    for (const role of ['monitor', 'secretariat', 'observer'] as const) {
      expect({ role, items: monitoring(meFor({ role, organizationId: null, orgRole: null })) }).toEqual({ role, items: ['/visits', '/action-points', '/monitoring/priority'] });
    }
    expect(monitoring(meFor({ role: 'applicant', orgRole: 'member', organizationId: 'o1' }))).toEqual(['/visits', '/action-points']);
    expect(monitoring(meFor({ role: 'evaluator', organizationId: null, orgRole: null }))).toEqual([]);
    renderPage(<Navbar me={meFor({ role: 'monitor', organizationId: null, orgRole: null })} mailboxEnabled={false} />, '/home');
    expect(linkNames()).toEqual(expect.arrayContaining(['Visits', 'Action points', 'Monitoring priority']));
  });
});
