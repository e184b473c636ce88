import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { BENEFICIARIES, CALL, FILTERS, G1, GRANTS, MONEY, OVERDUE, RESULTS } from '../fixtures.test-data';
import { filterFromParams } from '../hooks';
import { minutesOld, PortfolioPage } from './PortfolioPage';

const observer = makeMe({ id: 'u9', role: 'observer', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'observer' }) });
const ANSWERS: Record<string, unknown> = { filters: FILTERS, money: MONEY, grants: GRANTS, overdue: OVERDUE, results: RESULTS, beneficiaries: BENEFICIARIES };

function serve() {
  return mockFetch((url) => {
    const m = /^\/api\/portfolio\/(\w+)/.exec(url);
    return m && ANSWERS[m[1]] ? json(ANSWERS[m[1]]) : undefined;
  });
}

const render = (path = '/portfolio') => renderRoutes([{ path: '/portfolio', element: <PortfolioPage /> }, { path: '*', element: <p>elsewhere</p> }], [path], queryClientWith(observer));

describe('PortfolioPage', () => {
  beforeEach(async () => {
    await setupI18n('en');
    vi.useFakeTimers({ shouldAdvanceTime: true, now: new Date('2026-12-04T10:03:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows the seven money figures formatted, and how old the figures are', async () => {
    serve();
    render();
    expect((await screen.findByTestId('money-contractedCents')).textContent).toMatch(/60,000\.00/);
    expect(screen.getByTestId('money-recoveredCents').textContent).toMatch(/400\.00/);
    expect(screen.getByTestId('portfolio-as-of').textContent).toContain('3 minutes old');
    expect(screen.getByTestId('burn-summary').textContent).toContain('10.0%');
    expect(screen.getByTestId('burn-summary').textContent).toContain('Behind');
  });

  it('gives every chart a named table in the page, shown on request', async () => {
    serve();
    render();
    const byCall = await screen.findByRole('table', { name: 'By call' });
    expect(within(byCall).getByRole('link', { name: 'MF-C3-2026-01' }).getAttribute('href')).toBe(`/calls/${CALL}`);
    for (const name of ['By organisation', 'By budget heading', 'By month', 'By latest monitoring rating', 'By status', 'Indicator achievement against target', 'By main service', 'By sex']) {
      expect(screen.getByRole('table', { name })).toBeTruthy();
    }
    const card = screen.getByTestId('money-by-call');
    const toggle = within(card).getByRole('button', { name: 'Show table' });
    fireEvent.click(toggle);
    expect(within(card).getByRole('button', { name: 'Hide table' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('lists what is overdue oldest first, each row a link to its record', async () => {
    serve();
    render();
    const rows = await screen.findAllByTestId('overdue-row');
    expect(rows.map((r) => within(r).getAllByRole('link')[0].getAttribute('href'))).toEqual([`/grants/${G1}`, '/reports/nr3']);
    expect(rows[0].textContent).toContain('Tranche not requested');
    expect(rows[0].textContent).toContain('10');
  });

  it('shows results by objective and beneficiaries exactly as published, "<5" and "c" included', async () => {
    serve();
    render();
    const iii2 = await screen.findByTestId('result-III.2');
    expect(iii2.textContent).toContain('III.2');
    expect(iii2.textContent).toContain('63%');
    expect(screen.getByTestId('result-III.4').textContent).toContain('—');
    expect(screen.getByTestId('cell-bySex-male').textContent).toContain('<5');
    expect(screen.getByTestId('cell-bySex-female').textContent).toContain('c');
    expect(screen.getByTestId('cell-byService-shelter').textContent).toContain('12');
    expect(screen.getByTestId('beneficiaries-total').textContent).toContain('15');
  });

  it('sends the filter kept in the URL to every portfolio route, and an objective clicked narrows it', async () => {
    const fetch = serve();
    const { router } = render(`/portfolio?callId=${CALL}&objective=III&from=2026-01-01&to=2026-06-30`);
    await screen.findByTestId('result-III.2');
    for (const part of ['money', 'grants', 'overdue', 'results', 'beneficiaries']) {
      const sent = fetch.requests.filter((r) => r.url.startsWith(`/api/portfolio/${part}?`)).map((r) => new URL(r.url, 'http://x').searchParams);
      expect(sent[0].get('callId')).toBe(CALL);
      expect(sent[0].get('objective')).toBe('III');
      expect(sent[0].get('to')).toBe('2026-06-30');
    }
    fireEvent.click(within(screen.getByTestId('result-III.4')).getByRole('button'));
    await waitFor(() => expect(router.state.location.search).toContain('objective=III.4'));
    await waitFor(() => expect(fetch.requests.some((r) => r.url.includes('/api/portfolio/money?') && r.url.includes('objective=III.4'))).toBe(true));
  });

  it('keeps out of the filter what the API would refuse', () => {
    expect(filterFromParams(new URLSearchParams('callId=abc&objective=VII&municipality=atlantis&from=2026-13&to=2026-01-01'))).toEqual({ to: '2026-01-01' });
    expect(filterFromParams(new URLSearchParams('objective=III.2&municipality=peja&from=2026-06-01&to=2026-01-01'))).toEqual({ objective: 'III.2', municipality: 'peja', from: '2026-06-01' });
    expect(minutesOld('2026-12-04T10:00:00Z', Date.parse('2026-12-04T10:02:59Z'))).toBe(2);
  });
});
