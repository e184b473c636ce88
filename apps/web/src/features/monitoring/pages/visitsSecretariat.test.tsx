import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { todayInKosovo } from '../../../ui/today';
import type { Visit, VisitSummary } from '../types';
import { EditVisitPage } from './PlanVisitPage';
import { VisitsPage } from './VisitsPage';

const officer = makeMe({ id: 's1', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const monitor = makeMe({ id: 'm1', role: 'monitor', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'monitor' }) });

const VISIT: VisitSummary = {
  id: 'v1', grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbështetje', municipality: 'Prishtinë', monitorId: 'm1', monitorName: 'Besa Krasniqi',
  type: 'unannounced', date: todayInKosovo(), purpose: 'Night shift', reportStatus: 'submitted', rating: 2, openActionPoints: 3,
};

describe('the Secretariat’s visits', () => {
  beforeEach(async () => {
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('filters by monitor and report status through the server, in Albanian with the numbers in Albanian', async () => {
    await setupI18n('sq');
    const fetch = mockFetch((url) => {
      if (url.startsWith('/api/users')) return json({ items: [{ id: 'm1', fullName: 'Besa Krasniqi', email: 'b@x', role: 'monitor', active: true }], total: 1, page: 1, pageSize: 100 });
      if (url.startsWith('/api/visits?')) return json({ items: [VISIT], total: 1, page: 1, pageSize: 500 });
      return undefined;
    });
    renderRoutes([{ path: '/visits', element: <VisitsPage /> }], ['/visits?monitorId=m1&reportStatus=submitted'], queryClientWith(officer));
    expect(await screen.findByRole('heading', { level: 1, name: 'Vizitat e monitorimit' })).toBeTruthy();
    await waitFor(() => expect(fetch.requests.some((r) => r.url.startsWith('/api/visits?') && r.url.includes('monitorId=m1') && r.url.includes('reportStatus=submitted'))).toBe(true));
    const card = within(await screen.findByTestId('visit-v1'));
    expect(card.getByText('E paparalajmëruar')).toBeTruthy();
    expect(card.getByText('Raport i dorëzuar')).toBeTruthy();
    expect(card.getByText('Monitoruesi: Besa Krasniqi')).toBeTruthy();
    expect(card.getByText('3 pika veprimi të hapura')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Monitoruesi' })).toBeTruthy();
  });

  it('a monitor sees no monitor filter', async () => {
    await setupI18n('en');
    mockFetch((url) => (url.startsWith('/api/visits?') ? json({ items: [], total: 0, page: 1, pageSize: 500 }) : undefined));
    renderRoutes([{ path: '/visits', element: <VisitsPage /> }], ['/visits'], queryClientWith(monitor));
    expect(await screen.findByRole('heading', { level: 1, name: 'My visits' })).toBeTruthy();
    expect(await screen.findByTestId('visits-none')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Monitor' })).toBeNull();
  });
});

describe('changing a visit', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  const full = (can: Partial<Visit['can']> = {}): Visit => ({
    ...VISIT, type: 'planned', reportStatus: 'draft', version: 4, grantStartDate: '2026-01-01', grantEndDate: '2027-12-31', workPlan: [], report: null,
    can: { edit: true, submit: false, review: false, share: false, comment: false, reschedule: true, ...can },
  });

  it('sends only what changed, with the version it was read at', async () => {
    const visit = full();
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === '/api/visits/v1' && init.method === 'GET') return json(visit);
      if (url === '/api/visits/v1' && init.method === 'PATCH') return json({ ...visit, purpose: 'Day shift', version: 5 });
      return undefined;
    });
    renderRoutes([{ path: '/visits/:id/edit', element: <EditVisitPage /> }, { path: '/visits/:id', element: <p>the visit page</p> }], ['/visits/v1/edit'], queryClientWith(monitor));
    expect(await screen.findByRole('heading', { name: 'Change the visit' })).toBeTruthy();
    expect(screen.getByText('The organisation is told of the visit and reminded two days before.')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Purpose/ }), { target: { value: 'Day shift' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the changes' }));
    expect(await screen.findByText('the visit page')).toBeTruthy();
    expect(bodyOf(fetch.sent('PATCH', '/api/visits/v1')[0])).toEqual({ version: 4, purpose: 'Day shift' });
  });

  it('a visit that may no longer be moved goes to the visit page', async () => {
    mockFetch((url) => (url === '/api/visits/v1' ? json(full({ reschedule: false })) : undefined));
    renderRoutes([{ path: '/visits/:id/edit', element: <EditVisitPage /> }, { path: '/visits/:id', element: <p>the visit page</p> }], ['/visits/v1/edit'], queryClientWith(monitor));
    expect(await screen.findByText('the visit page')).toBeTruthy();
  });
});
