import { permissionsFor } from '@grants/domain';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { GrantPage } from '../pages/GrantPage';
import { GRANT, GRANT_ID, PRE_FINANCING } from '../test/fixtures';
import type { Grant } from '../types';
import type { GrantExpenditure } from './ExpenditureApi';

const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });

const line = { lineId: 'L1', heading: 'human_resources', description: 'Psychologist', approvedCents: 2_700_000, spentBeforeCents: 1_000_000, spentInPeriodCents: 500_000, cumulativeCents: 1_500_000, remainingCents: 1_200_000, varianceBp: -4444, usedBp: 5555, overspent: false, comment: null };
// spent 55.5 % of the direct costs with all the grant's time gone: an in-force grant is told it lags
const STATEMENT: GrantExpenditure = {
  grantId: GRANT_ID, asOf: '2028-01-10', period: { periodStart: '2027-07-01', periodEnd: '2027-12-31' },
  lines: [line],
  totals: { approvedCents: 2_700_000, spentBeforeCents: 1_000_000, spentInPeriodCents: 500_000, cumulativeCents: 1_500_000, remainingCents: 1_200_000, varianceBp: -4444 },
  unbudgeted: [],
  burnRate: { spentCents: 1_500_000, approvedCents: 2_700_000, daysElapsed: 549, totalDays: 549, spentBp: 5555, elapsedBp: 10_000, gapBp: -4445, burnRatioBp: 5555 },
  reports: [], next: null,
};
// closed: every tranche paid, so no condition carries the spent figure any more
const CLOSED: Grant = { ...GRANT, status: 'closed', nextStatuses: [], recordActions: [], tranches: [PRE_FINANCING] };

function serve(grant: Grant) {
  mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url === `/api/grants/${GRANT_ID}` && init.method === 'GET') return json(grant);
    if (url === `/api/grants/${GRANT_ID}/expenditure`) return json(STATEMENT);
    return undefined;
  });
  renderRoutes([{ path: '/grants/:id', element: <GrantPage /> }], [`/grants/${GRANT_ID}`], queryClientWith(officer));
}

describe('the grant page\'s budget and spending', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('titles the approved budget and the spending by line differently, and no two sections share a title', async () => {
    serve(GRANT);
    expect(await screen.findByRole('heading', { level: 2, name: 'Approved budget' })).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 2, name: 'Spending by budget line' })).toBeTruthy();
    const titles = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('on a closed grant: the summary shows what the spending table shows, and no warning that spending lags time', async () => {
    serve(CLOSED);
    const section = within(await screen.findByTestId('expenditure-section'));
    expect(within(await section.findByTestId('expenditure-totals')).getAllByText('€15,000.00').length).toBeGreaterThan(0);
    expect((await screen.findByTestId('budget-spent')).textContent).toContain('€15,000.00');
    expect(screen.getByTestId('budget-spent').textContent).not.toContain('—');
    const burn = within(section.getByTestId('burn-rate'));
    expect(burn.queryByText(/behind time/)).toBeNull();
    expect(burn.getByTestId('burn-gap').textContent).toBe('The grant is closed: its spending is final and no longer measured against time.');
  });

  it('an in-force grant is still told that spending lags time, with the same spent figure as the table', async () => {
    serve(GRANT);
    const section = within(await screen.findByTestId('expenditure-section'));
    expect(within(await section.findByTestId('burn-rate')).getByText('Spending is 44.5% behind time.')).toBeTruthy();
    expect((await screen.findByTestId('budget-spent')).textContent).toContain('€15,000.00');
  });
});
