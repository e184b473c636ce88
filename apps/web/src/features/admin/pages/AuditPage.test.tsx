import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, queryClientWith, renderPage, setupI18n } from '../../../test/utils';
import type { AuditEntry, AuditPage as AuditPageAnswer, AuditVerification } from '../types';
import { AuditPage } from './AuditPage';

const ENTRY: AuditEntry = {
  seq: 41,
  at: '2026-11-30T10:15:00Z',
  actorId: 'u9',
  actorEmail: 'admin@secretariat.example.org',
  action: 'user.deactivate',
  entity: 'user',
  entityId: 'u3',
  summary: 'Deactivated evaluator@example.org',
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  hashVersion: 2,
  actorPseudonym: null,
  actorErased: false,
  summaryShown: 'Deactivated evaluator@example.org',
};
const LOG: AuditPageAnswer = { items: [ENTRY], total: 1 };
/** A version-3 entry whose actor was erased: the summary's reference shows as "erased person". */
const ERASED: AuditEntry = {
  ...ENTRY, seq: 42, actorId: null, actorEmail: null, actorPseudonym: 'c'.repeat(32), actorErased: true, hashVersion: 3,
  action: 'user.password_changed', summary: `person:${'c'.repeat(32)} changed the password`, summaryShown: 'erased person changed the password',
};

const admin = () => queryClientWith(makeMe({ role: 'secretariat_admin', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat_admin' }) }));

describe('AuditPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('says how many entries and anchors the verification checked', async () => {
    const verification: AuditVerification = { ok: true, checked: 41, brokenAt: null, reason: null, anchorsChecked: 3 };
    const fetchMock = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url.startsWith('/api/audit?')) return json(LOG);
      if (url === '/api/audit/verify' && init.method === 'POST') return json(verification);
      return undefined;
    });
    renderPage(<AuditPage />, '/admin/audit', admin());
    expect(await screen.findByText('Deactivated evaluator@example.org')).toBeTruthy();
    expect(fetchMock.requests.find((r) => r.url.startsWith('/api/audit?'))?.url).toBe('/api/audit?page=1&pageSize=50');

    fireEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Intact: 41 entries checked.');
    expect(status.textContent).toContain('3 anchors (heads of the chain recorded daily and at each decision) were checked against it.');
    expect(fetchMock.sent('POST', '/api/audit/verify')[0].headers['x-csrf-token']).toBe('t');
  });

  it('shows the actor through the pseudonym, and "erased person" once the person was erased', async () => {
    mockFetch((url) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url.startsWith('/api/audit?')) return json({ items: [ERASED, ENTRY], total: 2 });
      return undefined;
    });
    renderPage(<AuditPage />, '/admin/audit', admin());
    expect(await screen.findByText('Erased person changed the password')).toBeTruthy();
    expect(screen.getByText('Erased person')).toBeTruthy();
    expect(screen.getByText('admin@secretariat.example.org')).toBeTruthy();
    expect(screen.queryByText(/person:c{32}/)).toBeNull();
  });

  it('names the reason an anchor gives for a broken chain, in the reader’s words', async () => {
    const verification: AuditVerification = { ok: false, checked: 12, brokenAt: 41, reason: 'anchor_mismatch', anchorsChecked: 1 };
    mockFetch((url) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url.startsWith('/api/audit?')) return json(LOG);
      if (url === '/api/audit/verify') return json(verification);
      return undefined;
    });
    renderPage(<AuditPage />, '/admin/audit', admin());
    fireEvent.click(await screen.findByRole('button', { name: 'Verify chain' }));
    await waitFor(() => expect(screen.getByText(/Broken at entry #41/)).toBeTruthy());
    const alert = screen.getByText(/Broken at entry #41/).closest('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain('an entry no longer has the hash an anchor recorded');
    expect(alert.textContent).toContain('1 anchor (a head of the chain recorded daily and at each decision) was checked against it.');
  });
});
