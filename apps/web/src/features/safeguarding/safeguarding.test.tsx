import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../test/utils';
import { visibleSections } from '../../ui/layout/navigation';
import type { SafeguardingFollowUp, SafeguardingList, SafeguardingReceipt, SafeguardingReport } from './api';
import { FollowUpPage } from './FollowUpPage';
import { ReportConcernPage } from './ReportConcernPage';
import { SafeguardingCasePage } from './SafeguardingCasePage';
import { SafeguardingInboxPage } from './SafeguardingInboxPage';
import { SafeguardingTodo } from './SafeguardingTodo';
import { FocalPointsCard } from './FocalPointsCard';

const focal = makeMe({ id: 'u1', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat', safeguardingFocalPoint: true }) });
const admin = makeMe({ id: 'u2', role: 'secretariat_admin', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat_admin' }) });

const CODE = 'K7M2Q-9XW4R-T8N3V-B6Y1Z-H5P0C';
const RECEIPT: SafeguardingReceipt = { followUpCode: CODE, receivedAt: '2026-12-04T09:00:00Z' };
const FOLLOW_UP: SafeguardingFollowUp = {
  status: 'under_review', outcome: null, category: 'abuse', receivedAt: '2026-12-04T09:00:00Z', whatHappened: 'The van driver threatened residents',
  messages: [{ author: 'focal_point', body: 'Which shelter was it?', at: '2026-12-04T10:00:00Z' }],
};
const LIST: SafeguardingList = {
  received: 1, underReview: 1,
  items: [
    { id: 'r1', status: 'received', outcome: null, category: 'sexual_exploitation', receivedAt: '2026-12-01T09:00:00Z', messages: 0, reporterWaiting: false },
    { id: 'r2', status: 'under_review', outcome: null, category: 'abuse', receivedAt: '2026-12-03T09:00:00Z', messages: 2, reporterWaiting: true },
  ],
};
const REPORT: SafeguardingReport = {
  ...LIST.items[1], whatHappened: 'The van driver threatened residents', concerns: 'Shelter project', contact: null, reporterEmail: 'r@example.org', closedAt: null,
  thread: [{ author: 'focal_point', body: 'Which shelter was it?', at: '2026-12-04T10:00:00Z' }, { author: 'reporter', body: 'The old town one', at: '2026-12-04T11:00:00Z' }],
  can: { review: false, close: true, message: true },
};

const csrf = (url: string) => (url === '/api/auth/csrf' ? json({ csrfToken: 'csrf' }) : undefined);

describe('safeguarding', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lets anyone report a concern, says who reads it, and shows the follow-up code once', async () => {
    const fetch = mockFetch((url, init) => csrf(url) ?? (url === '/api/safeguarding/reports' && init.method === 'POST' ? json(RECEIPT, 201) : undefined));
    renderRoutes([{ path: '/safeguarding/report', element: <ReportConcernPage /> }], ['/safeguarding/report'], queryClientWith(null));
    expect(screen.getByText(/Only the designated safeguarding focal points read your report/)).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Report a concern' });
    fireEvent.change(within(form).getByLabelText(/What happened/), { target: { value: 'The van driver threatened residents' } });
    fireEvent.change(within(form).getByLabelText(/E-mail for news/), { target: { value: 'r@example.org' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send the report' }));
    expect((await screen.findByTestId('follow-up-code')).textContent).toContain(CODE);
    expect(screen.getByText(/shown only this once/)).toBeTruthy();
    const sent = fetch.requests.find((r) => r.url === '/api/safeguarding/reports');
    expect(bodyOf(sent)).toEqual({ category: 'other', whatHappened: 'The van driver threatened residents', email: 'r@example.org', language: 'en' });
  });

  it('opens the case with the code, shows its status and messages, and sends the reporter\'s answer', async () => {
    const fetch = mockFetch((url, init) => csrf(url)
      ?? (url === '/api/safeguarding/follow-up' && init.method === 'POST' ? json(FOLLOW_UP) : undefined)
      ?? (url === '/api/safeguarding/follow-up/messages' && init.method === 'POST' ? json({ ...FOLLOW_UP, messages: [...FOLLOW_UP.messages, { author: 'reporter', body: 'The old town one', at: '2026-12-04T11:00:00Z' }] }) : undefined));
    renderRoutes([{ path: '/safeguarding/follow-up', element: <FollowUpPage /> }], ['/safeguarding/follow-up'], queryClientWith(null));
    fireEvent.change(screen.getByLabelText('Follow-up code'), { target: { value: CODE } });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    const thread = await screen.findByRole('list', { name: 'Messages' });
    expect(within(thread).getByText('Which shelter was it?')).toBeTruthy();
    expect(screen.getByText('Under review')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Your answer'), { target: { value: 'The old town one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Messages' })).getByText('The old town one')).toBeTruthy());
    expect(bodyOf(fetch.requests.find((r) => r.url === '/api/safeguarding/follow-up/messages'))).toEqual({ code: CODE, body: 'The old town one' });
  });

  it('lists the focal point\'s reports, oldest first, with the counts and no content', async () => {
    mockFetch((url, init) => csrf(url) ?? (url === '/api/safeguarding/reports' && init.method === 'GET' ? json(LIST) : undefined));
    renderRoutes([{ path: '/safeguarding/reports', element: <SafeguardingInboxPage /> }], ['/safeguarding/reports'], queryClientWith(focal));
    const table = await screen.findByRole('table', { name: 'Safeguarding reports' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows.map((r) => r.slice(1))).toEqual([['Sexual exploitation', 'Received', '0'], ['Abuse', 'Under review', '2 · reply waiting']]);
    expect(screen.getByText('1 received')).toBeTruthy();
    expect(screen.getByText('1 under review')).toBeTruthy();
  });

  it('shows the case to the focal point and closes it with an outcome', async () => {
    const fetch = mockFetch((url, init) => csrf(url)
      ?? (url === '/api/safeguarding/reports/r2' && init.method === 'GET' ? json(REPORT) : undefined)
      ?? (url === '/api/safeguarding/reports/r2/status' && init.method === 'POST' ? json({ ...REPORT, status: 'closed', outcome: 'referred', can: { review: false, close: false, message: false } }) : undefined));
    renderRoutes([{ path: '/safeguarding/reports/:id', element: <SafeguardingCasePage /> }], ['/safeguarding/reports/r2'], queryClientWith(focal));
    expect(await screen.findByText('The van driver threatened residents')).toBeTruthy();
    expect(screen.getByText('r@example.org', { exact: false })).toBeTruthy();
    const close = screen.getByRole('button', { name: 'Close the case' });
    expect((close as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('textbox', { name: 'Outcome' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Referred to the authorities' }));
    fireEvent.click(close);
    await waitFor(() => expect(screen.getByText('Closed')).toBeTruthy());
    expect(bodyOf(fetch.requests.find((r) => r.url === '/api/safeguarding/reports/r2/status'))).toEqual({ status: 'closed', outcome: 'referred' });
  });

  it('shows the inbox in the menu only to a focal point, an admin not; "Report a concern" to everyone', () => {
    const items = (me: typeof focal) => visibleSections(me).flatMap((s) => s.items.map((i) => i.to));
    expect(items(focal)).toEqual(expect.arrayContaining(['/safeguarding/reports', '/safeguarding/report']));
    expect(items(admin)).not.toContain('/safeguarding/reports');
    expect(items(admin)).toContain('/safeguarding/report');
  });

  it('has every text in Albanian and Serbian too', async () => {
    for (const lng of ['sq', 'sr'] as const) {
      await setupI18n(lng);
      mockFetch((url) => csrf(url));
      const { unmount } = renderRoutes([{ path: '/safeguarding/report', element: <ReportConcernPage /> }], ['/safeguarding/report'], queryClientWith(null));
      expect(screen.getByRole('heading', { level: 1 }).textContent).toContain(lng === 'sq' ? 'Raporto një shqetësim' : 'Prijavite zabrinutost');
      expect(document.body.textContent).not.toMatch(/safeguarding\./);
      unmount();
    }
  });

  it('puts the reports waiting on a focal point\'s home, oldest first; nothing for anyone else', async () => {
    const fetch = mockFetch((url, init) => csrf(url) ?? (url === '/api/safeguarding/reports' && init.method === 'GET' ? json(LIST) : undefined));
    renderRoutes([{ path: '/home', element: <SafeguardingTodo /> }], ['/home'], queryClientWith(focal));
    const card = await screen.findByRole('region', { name: 'Safeguarding reports waiting' });
    expect(card.textContent).toContain('1 received · 1 under review');
    expect(within(card).getAllByRole('listitem').map((li) => li.textContent?.split(' · ')[0])).toEqual(['Received', 'Under review']);
    const other = renderRoutes([{ path: '/home', element: <div data-testid="admin-home"><SafeguardingTodo /></div> }], ['/home'], queryClientWith(admin));
    expect(within(other.container).getByTestId('admin-home').textContent).toBe('');
    expect(fetch.requests.filter((r) => r.url === '/api/safeguarding/reports')).toHaveLength(1);
  });

  it('lets an admin designate a focal point', async () => {
    const item = { id: 'u5', fullName: 'Officer Arta', email: 'arta@example.org', role: 'secretariat', active: true, focalPoint: false };
    const fetch = mockFetch((url, init) => csrf(url)
      ?? (url === '/api/safeguarding/focal-points' && init.method === 'GET' ? json({ items: [item] }) : undefined)
      ?? (url === '/api/safeguarding/focal-points/u5' && init.method === 'PUT' ? json({ items: [{ ...item, focalPoint: true }] }) : undefined));
    renderRoutes([{ path: '/admin/users', element: <FocalPointsCard /> }], ['/admin/users'], queryClientWith(admin));
    const toggle = await screen.findByRole('switch', { name: 'Officer Arta (arta@example.org)' });
    fireEvent.click(toggle);
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Officer Arta (arta@example.org)' }) as HTMLInputElement).checked).toBe(true));
    expect(bodyOf(fetch.requests.find((r) => r.method === 'PUT'))).toEqual({ focalPoint: true });
  });
});
