import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, queryClientWith, renderPage, renderRoutes, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import { GrantReportsSection } from '../components/GrantReportsSection';
import { organisationReportOrder } from '../order';
import type { ReportSummary } from '../types';
import { ReportsPage } from './ReportsPage';

const owner = makeMe({ id: 'u1', role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });

const row = (id: string, patch: Partial<ReportSummary>): ReportSummary => ({
  id, grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbrojtjen e Viktimave', kind: 'interim', seq: 1,
  periodStart: '2026-03-01', periodEnd: '2026-08-31', dueDate: '2026-09-30', scheduledDueDate: '2026-09-30', status: 'draft', overdue: false, escalated: false,
  submittedVersion: 0, submittedAt: null, version: 1, ...patch,
});

const ROWS = [
  row('accepted', { status: 'accepted', dueDate: '2026-03-30', seq: 1, submittedVersion: 1, submittedAt: '2026-03-20T09:00:00Z' }),
  row('due-later', { dueDate: '2027-03-30', seq: 3 }),
  row('overdue', { dueDate: '2026-09-30', seq: 2, overdue: true, escalated: true }),
  row('returned', { status: 'returned', dueDate: '2026-06-30', seq: 4, submittedVersion: 1, submittedAt: '2026-06-20T09:00:00Z' }),
  row('final', { kind: 'final', seq: 1, dueDate: '2027-04-30', scheduledDueDate: '2027-04-29' }),
];

function open(me: Me, path = '/reports') {
  const fetch = mockFetch((url) => {
    if (url.startsWith('/api/reports?')) return json({ items: ROWS, total: ROWS.length });
    if (url === '/api/grants/g1/reports') return json({ items: ROWS, total: ROWS.length });
    return undefined;
  });
  renderRoutes([{ path: '/reports', element: <ReportsPage /> }], [path], queryClientWith(me));
  return fetch;
}

describe('the reports lists', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('orders the organisation’s reports: returned, overdue, then due by date, then handed in', () => {
    expect(organisationReportOrder(ROWS).map((r) => r.id)).toEqual(['returned', 'overdue', 'due-later', 'final', 'accepted']);
  });

  it('shows the organisation its reports with their due dates and status badges, what to act on first', async () => {
    open(owner);
    expect(await screen.findByRole('heading', { name: 'Reports' })).toBeTruthy();
    const cards = within(await screen.findByTestId('reports-list')).getAllByRole('link');
    expect(cards.map((c) => c.getAttribute('href'))).toEqual(['/reports/returned', '/reports/overdue', '/reports/due-later', '/reports/final', '/reports/accepted']);
    const overdue = within(screen.getByTestId('report-overdue'));
    expect(overdue.getByText('Interim report 2')).toBeTruthy();
    expect(overdue.getByText('Overdue')).toBeTruthy();
    expect(overdue.getByText('Escalated')).toBeTruthy();
    expect(overdue.getByText('Due 30 Sep 2026')).toBeTruthy();
    const final = within(screen.getByTestId('report-final'));
    expect(final.getByText('Final report')).toBeTruthy();
    expect(final.getByText('(scheduled for 29 Apr 2027)')).toBeTruthy();
    expect(within(screen.getByTestId('report-returned')).getByText('Returned')).toBeTruthy();
  });

  it('gives the Secretariat the reports to review in the API’s order, filtered by status and overdue', async () => {
    const fetch = open(officer);
    expect(await screen.findByRole('heading', { name: 'Reports to review' })).toBeTruthy();
    const cards = within(await screen.findByTestId('reports-list')).getAllByRole('link');
    expect(cards.map((c) => c.getAttribute('href'))).toEqual(ROWS.map((r) => `/reports/${r.id}`));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Overdue only' }));
    await waitFor(() => expect(fetch.requests.some((r) => r.url === '/api/reports?pageSize=200&overdue=true')).toBe(true));
  });

  it('lists a grant’s reports on its page, each linked', async () => {
    mockFetch((url) => (url === '/api/grants/g1/reports' ? json({ items: ROWS, total: ROWS.length }) : undefined));
    renderPage(<GrantReportsSection grantId="g1" />, '/', queryClientWith(owner));
    const section = within(await screen.findByTestId('grant-narrative-reports'));
    expect((await section.findAllByRole('link')).map((a) => a.getAttribute('href'))).toEqual(ROWS.map((r) => `/reports/${r.id}`));
    expect(within(section.getByTestId('grant-report-overdue')).getByText('Overdue')).toBeTruthy();
  });
});
