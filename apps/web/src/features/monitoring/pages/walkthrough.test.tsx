import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, queryClientWith, renderPage, renderRoutes, setupI18n } from '../../../test/utils';
import { todayInKosovo } from '../../../ui/today';
import type { PriorityList } from '../action-points-api';
import { GrantVisitsSection } from '../components/GrantVisitsSection';
import { isUpcomingVisit } from '../components/VisitBadges';
import type { VisitSummary } from '../types';
import { ActionPointsPage } from './ActionPointsPage';
import { MonitoringPriorityPage } from './MonitoringPriorityPage';
import { VisitsPage } from './VisitsPage';

// The findings of the new-user walkthrough of the monitoring screens (issue 11).

const officer = makeMe({ id: 's1', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const monitor = makeMe({ id: 'm1', role: 'monitor', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'monitor' }) });
const observer = makeMe({ id: 'x1', role: 'observer', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'observer' }) });
const owner = makeMe({ id: 'u1', role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });

const today = todayInKosovo();
const inTenDays = dayjs(today).add(10, 'day').format('YYYY-MM-DD');
const tenDaysAgo = dayjs(today).subtract(10, 'day').format('YYYY-MM-DD');

const visit = (over: Partial<VisitSummary>): VisitSummary => ({
  id: 'v1', grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbështetje', municipality: 'peja', monitorId: 'm1', monitorName: 'Besa Krasniqi',
  type: 'planned', date: inTenDays, purpose: 'Check the shelter', reportStatus: 'draft', rating: null, openActionPoints: 0, ...over,
});
const FUTURE = visit({ id: 'v1' });
const PAST_DRAFT = visit({ id: 'v2', date: tenDaysAgo, municipality: 'gracanica' });
const FUTURE_SUBMITTED = visit({ id: 'v3', date: inTenDays, reportStatus: 'submitted' });

function serveVisits(items: VisitSummary[]) {
  return mockFetch((url) => {
    if (url.startsWith('/api/users')) return json({ items: [], total: 0, page: 1, pageSize: 100 });
    if (url.startsWith('/api/visits?')) return json({ items, total: items.length, page: 1, pageSize: 500 });
    if (url.startsWith('/api/grants/g1/visits')) return json({ items, total: items.length, page: 1, pageSize: 500 });
    return undefined;
  });
}
const openVisits = (me = officer) => renderRoutes([{ path: '/visits', element: <VisitsPage /> }], ['/visits'], queryClientWith(me));

describe('walkthrough: the visits list', () => {
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('names the municipality in the reader’s language and script, not its code', async () => {
    await setupI18n('sr-Cyrl');
    serveVisits([FUTURE, PAST_DRAFT]);
    openVisits();
    expect(within(await screen.findByTestId('visit-v1')).getByText(/· Пећ$/)).toBeTruthy();
    expect(within(screen.getByTestId('visit-v2')).getByText(/· Грачаница$/)).toBeTruthy();
    expect(screen.queryByText(/· peja/)).toBeNull();
  });

  it('in Albanian too', async () => {
    await setupI18n('sq');
    serveVisits([FUTURE]);
    openVisits();
    expect(within(await screen.findByTestId('visit-v1')).getByText(/· Pejë$/)).toBeTruthy();
  });

  it('shows a future visit with a draft report as upcoming, a past one with a draft as a report to write', async () => {
    await setupI18n('en');
    serveVisits([FUTURE, PAST_DRAFT, FUTURE_SUBMITTED]);
    openVisits();
    const future = within(await screen.findByTestId('visit-v1'));
    expect(future.getByTestId('upcoming-badge').textContent).toBe('Upcoming');
    expect(future.getByText('Planned')).toBeTruthy();
    expect(future.queryByText('Report draft')).toBeNull();
    expect(within(screen.getByTestId('visit-v2')).getByText('Report draft')).toBeTruthy();
    expect(within(screen.getByTestId('visit-v2')).queryByTestId('upcoming-badge')).toBeNull();
    // a report already submitted is shown as such, whatever the date
    expect(within(screen.getByTestId('visit-v3')).getByText('Report submitted')).toBeTruthy();
  });

  it('gives each reader its own subtitle: the observer sees visits whose report is shared', async () => {
    await setupI18n('en');
    serveVisits([]);
    const { unmount } = openVisits(observer);
    expect(await screen.findByText('The monitoring visits whose report has been shared.')).toBeTruthy();
    expect(screen.queryByText('The monitoring visits of your grants that you have been told of.')).toBeNull();
    unmount();
    openVisits(owner);
    expect(await screen.findByText('The monitoring visits of your grants that you have been told of.')).toBeTruthy();
  });

  it('its empty filters read “All”', async () => {
    await setupI18n('sq');
    serveVisits([]);
    openVisits();
    expect((await screen.findByRole('textbox', { name: 'Raporti' }) as HTMLInputElement).placeholder).toBe('Të gjitha');
    expect((screen.getByRole('textbox', { name: 'Monitoruesi' }) as HTMLInputElement).placeholder).toBe('Të gjitha');
  });

  it('tells upcoming from a report to write by the date', () => {
    expect(isUpcomingVisit({ date: inTenDays, reportStatus: 'draft' }, today)).toBe(true);
    expect(isUpcomingVisit({ date: inTenDays, reportStatus: null }, today)).toBe(true);
    expect(isUpcomingVisit({ date: today, reportStatus: 'draft' }, today)).toBe(false);
    expect(isUpcomingVisit({ date: tenDaysAgo, reportStatus: 'draft' }, today)).toBe(false);
    expect(isUpcomingVisit({ date: inTenDays, reportStatus: 'accepted' }, today)).toBe(false);
  });
});

describe('walkthrough: the grant’s visits', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows an upcoming visit as upcoming, a past draft as a draft', async () => {
    await setupI18n('en');
    serveVisits([PAST_DRAFT, FUTURE]);
    renderPage(<GrantVisitsSection grantId="g1" mayPlan={false} />, '/', queryClientWith(monitor));
    const table = within(await screen.findByRole('table'));
    const rows = table.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Report draft')).toBeTruthy();
    expect(within(rows[1]!).getByText('Upcoming')).toBeTruthy();
    expect(within(rows[1]!).queryByText('Report draft')).toBeNull();
  });
});

const PRIORITY: PriorityList = {
  items: [{
    grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbrojtjen e Viktimave', municipality: 'peja', monitorId: 'm1', monitorName: 'Arben Krasniqi',
    score: 50, band: 'high', latestRating: null, lastVisitDate: null, nextVisitDate: null, overdueActionPoints: 0, overdueReports: 0, daysSinceLastVisit: 0,
    reasons: [{ code: 'unrated', points: 10, params: {} }],
  }],
  total: 1, page: 1, pageSize: 50, bands: { high: 2, medium: 0, low: 2 },
  rule: {
    ratingPoints: { unrated: 10, 1: 0, 2: 25, 3: 50 }, overdueReportPoints: 15, overdueReportCap: 45, overdueActionPointPoints: 5, overdueHighActionPointPoints: 10,
    overdueActionPointCap: 40, gapToleranceBp: 1000, gapStepBp: 1000, gapStepPoints: 5, gapCap: 25, visitGraceDays: 90, visitStepDays: 30, visitStepPoints: 5, visitCap: 30,
    highFrom: 50, mediumFrom: 25,
  },
};

describe('walkthrough: the priority list', () => {
  afterEach(() => vi.unstubAllGlobals());
  const servePriority = () => mockFetch((url) => (url.startsWith('/api/monitoring/priority') ? json(PRIORITY) : undefined));
  const openPriority = () => renderRoutes([{ path: '/monitoring/priority', element: <MonitoringPriorityPage /> }], ['/monitoring/priority'], queryClientWith(officer));

  it('filters by band with choices that wrap (a phone), in Albanian', async () => {
    await setupI18n('sq');
    const fetch = servePriority();
    openPriority();
    await screen.findByTestId('priority-row-g1');
    const bands = within(screen.getByRole('radiogroup', { name: 'Shkalla e përparësisë' }));
    expect(bands.getAllByRole('radio').map((r) => r.closest('.mantine-Chip-root')?.textContent)).toEqual(['Të gjitha (4)', 'E lartë (2)', 'Mesatare (0)', 'E ulët (2)']);
    expect((bands.getByRole('radio', { name: 'Të gjitha (4)' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(bands.getByRole('radio', { name: 'E lartë (2)' }));
    await waitFor(() => expect(fetch.requests.some((r) => r.url.includes('band=high'))).toBe(true));
    expect(screen.getByTestId('priority-bands').style.getPropertyValue('--group-wrap')).toBe('wrap');
  });

  it('keeps the score and its band on the “Score:” line', async () => {
    await setupI18n('en');
    servePriority();
    openPriority();
    const row = within(await screen.findByTestId('priority-row-g1'));
    const score = row.getByText('50');
    expect(score.tagName).toBe('SPAN');
    expect(score.parentElement?.contains(row.getByTestId('priority-band'))).toBe(true);
    expect(score.parentElement?.style.display).toBe('inline-flex');
  });

  it('says what counts, in plain words: the last reported visit, no accepted report, each rating’s points', async () => {
    await setupI18n('en');
    servePriority();
    openPriority();
    expect(await screen.findByRole('columnheader', { name: 'Last reported visit' })).toBeTruthy();
    expect(within(screen.getByTestId('priority-reasons')).getByText('No accepted visit report yet: +10')).toBeTruthy();
    expect(within(screen.getByTestId('priority-row-g1')).getByText('Peja')).toBeTruthy();
    expect(within(screen.getByTestId('priority-rule')).getByText('Latest visit rating — rating 1 (on track): 0 points; rating 2: 25; rating 3 (needs revision): 50; no accepted report yet: 10.')).toBeTruthy();
  });

  it('in Serbian', async () => {
    await setupI18n('sr');
    servePriority();
    openPriority();
    expect(await screen.findByRole('columnheader', { name: 'Poslednja poseta sa izveštajem' })).toBeTruthy();
    expect(within(screen.getByTestId('priority-rule')).getByText(/ocena 1 \(na dobrom putu\): 0 bodova; ocena 2: 25; ocena 3 \(zahteva reviziju\): 50/)).toBeTruthy();
  });
});

describe('walkthrough: the action-point filters', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('read “All” when empty, the municipality too (short enough for a phone)', async () => {
    await setupI18n('sr-Cyrl');
    mockFetch((url) => (url.startsWith('/api/action-points') ? json({ items: [], total: 0, page: 1, pageSize: 50 }) : undefined));
    renderRoutes([{ path: '/action-points', element: <ActionPointsPage /> }], ['/action-points'], queryClientWith(officer));
    const search = within(await screen.findByRole('search'));
    const boxes = search.getAllByRole('textbox') as HTMLInputElement[];
    expect(boxes).toHaveLength(4);
    for (const b of boxes) expect(b.placeholder).toBe('Све');
  });
});
