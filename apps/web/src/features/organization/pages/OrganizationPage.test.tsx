import { permissionsFor } from '@grants/domain';
import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, renderPage, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import type { Organization, OrganizationPatch } from '../types';
import { OrganizationPage } from './OrganizationPage';

const ORG: Organization = {
  id: 'o1',
  legalName: 'Qendra Shpresa',
  acronym: 'QSh',
  registrationNumber: '5110123-4',
  licenceNumber: 'LIC-1',
  licenceExpiry: '2099-01-31',
  licence: { status: 'valid', daysLeft: 9999 },
  municipality: 'prishtine',
  address: 'Rr. Agim Ramadani 15',
  contactPerson: 'Drita Morina',
  phone: '+383 38 555 010',
  email: 'info@shpresa.example.org',
  website: null,
  iban: 'XK051212012345678906',
  description: 'Shelter and reintegration services.',
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

function client(me: Me) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(['me'], me);
  return qc;
}

const owner = (): Me => makeMe({ role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });

describe('OrganizationPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('sends only the changed fields with the version it loaded', async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/organizations/mine') return json(ORG);
      if (url === '/api/organizations/o1' && init.method === 'PATCH') return json({ ...ORG, phone: '+383 44 000 000', version: 4 } satisfies Organization);
      return undefined;
    });
    renderPage(<OrganizationPage />, '/organization', client(owner()));
    const phone = await screen.findByLabelText('Phone');
    fireEvent.change(phone, { target: { value: '+383 44 000 000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fetchMock.sent('PATCH', '/api/organizations/o1')).toHaveLength(1));
    expect(bodyOf<OrganizationPatch>(fetchMock.sent('PATCH', '/api/organizations/o1')[0])).toEqual({ version: 3, phone: '+383 44 000 000' });
  });

  it('on a version conflict shows what someone else changed and reloads keeping the other edits', async () => {
    const theirs: Organization = { ...ORG, phone: '+383 44 111 222', version: 4 };
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/organizations/mine') return json(ORG);
      if (url === '/api/organizations/o1' && init.method === 'PATCH') {
        return json(
          {
            statusCode: 409,
            error: 'Conflict',
            message: 'Someone else saved this profile after you opened it.',
            details: [{ field: 'phone', code: 'version_conflict', message: 'the saved value is now: +383 44 111 222' }],
          },
          409,
        );
      }
      if (url === '/api/organizations/o1') return json(theirs);
      return undefined;
    });
    renderPage(<OrganizationPage />, '/organization', client(owner()));
    fireEvent.change(await screen.findByLabelText('Phone'), { target: { value: '+383 44 999 999' } });
    fireEvent.change(screen.getByLabelText('Address of the office'), { target: { value: 'Rruga e Re 1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const message = await screen.findByText(/Another person saved this profile/);
    const alert = message.closest('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain('changed: Phone.');
    expect(within(alert).getByText(/Phone: \+383 44 111 222/)).toBeTruthy();

    fireEvent.click(within(alert).getByRole('button', { name: 'Reload their changes' }));
    await waitFor(() => expect((screen.getByLabelText('Phone') as HTMLInputElement).value).toBe('+383 44 111 222'));
    expect((screen.getByLabelText('Address of the office') as HTMLInputElement).value).toBe('Rruga e Re 1');
    expect(screen.queryByText(/Another person saved this profile/)).toBeNull();
  });

  it('is read-only without organization.update.own', async () => {
    mockFetch((url) => (url === '/api/organizations/mine' ? json(ORG) : undefined));
    const viewer: Me = { ...owner(), permissions: ['organization.read.own'] };
    renderPage(<OrganizationPage />, '/organization', client(viewer));
    const name = await screen.findByLabelText('Legal name');
    expect(name.hasAttribute('readonly')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.getByText('You can view this profile but not change it.')).toBeTruthy();
  });

  it('warns that the description must hold no personal data of victims', async () => {
    mockFetch((url) => (url === '/api/organizations/mine' ? json(ORG) : undefined));
    renderPage(<OrganizationPage />, '/organization', client(owner()));
    const description = await screen.findByLabelText('Mission and services');
    const hintId = description.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(hintId.split(' ')[0])?.textContent).toContain('Do not enter personal data of victims');
  });
});
