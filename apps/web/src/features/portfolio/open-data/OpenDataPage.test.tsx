import { permissionsFor } from '@grants/domain';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { visibleSections } from '../../../ui/layout/navigation';
import type { Me } from '../../auth/types';
import type { OpenDataSummary } from './api';
import { OpenDataPage } from './OpenDataPage';

const officer = makeMe({ id: 'u1', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const observer = makeMe({ id: 'u2', role: 'observer', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'observer' }) });
const monitor = makeMe({ id: 'u3', role: 'monitor', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'monitor' }) });

const SUMMARY: OpenDataSummary = {
  version: '2.03', reportingOrgRef: 'XX-KMOP-PLACEHOLDER', reportingOrgIsPlaceholder: true,
  activities: 12, byActivityStatus: [{ code: '2', count: 9 }, { code: '4', count: 3 }], transactions: 41, results: 30, indicators: 58, withheldFigures: 7,
  committedCents: 52_345_678, disbursedCents: 30_000_001, recoveredCents: 12_345, lastChanged: '2026-11-30T09:15:00Z',
  sha256: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef569f0e', bytes: 48_213,
};

function open(me: Me, summary: OpenDataSummary = SUMMARY) {
  const fetch = mockFetch((url) => (url === '/api/open-data/summary' ? json(summary) : undefined));
  renderRoutes([{ path: '/portfolio/open-data', element: <OpenDataPage /> }], ['/portfolio/open-data'], queryClientWith(me));
  return fetch;
}

describe('the open data page', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('explains what is published and why, and what never is', async () => {
    open(observer);
    expect(await screen.findByRole('heading', { name: 'Open data', level: 1 })).toBeTruthy();
    const what = screen.getByRole('region', { name: 'What is published and why' });
    expect(within(what).getByText(/International Aid Transparency Initiative/)).toBeTruthy();
    expect(within(what).getByText(/no person's name, e-mail, phone number or bank account/)).toBeTruthy();
    expect(within(what).getByText(/any figure from 1 to 4/)).toBeTruthy();
  });

  it('shows the counts, the money for the reader, when it last changed, the statuses as a named table, and the hash', async () => {
    const fetch = open(officer);
    expect((await screen.findByTestId('od-activities')).textContent).toBe('12');
    expect(screen.getByTestId('od-transactions').textContent).toBe('41');
    expect(screen.getByTestId('od-indicators').textContent).toBe('58 in 30 results');
    expect(screen.getByTestId('od-withheld').textContent).toBe('7');
    expect(screen.getByTestId('od-committed').textContent).toMatch(/523,456\.78/);
    expect(screen.getByTestId('od-disbursed').textContent).toMatch(/300,000\.01/);
    expect(screen.getByTestId('od-last-changed').textContent).toBe('30 Nov 2026 10:15');
    const table = screen.getByRole('table', { name: 'Grants by activity status' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([['Implementation', '9'], ['Finalisation (end date passed)', '0'], ['Suspended', '0'], ['Closed', '3'], ['Cancelled (terminated)', '0']]);
    expect(screen.getByTestId('od-hash').textContent).toBe('ab12cd34ef56…ef569f0e');
    expect(screen.getByTestId('od-hash').getAttribute('title')).toBe(SUMMARY.sha256);
    expect(fetch.requests.map((r) => r.url)).toEqual(['/api/open-data/summary']);
  });

  it('offers both files as downloads through the API and warns while the identifier is the placeholder', async () => {
    open(officer);
    const xml = await screen.findByRole('link', { name: 'IATI activities (XML)' });
    expect(xml.getAttribute('href')).toMatch(/\/api\/open-data\/iati\.xml$/);
    expect(xml.hasAttribute('download')).toBe(true);
    expect(screen.getByRole('link', { name: 'Grants (CSV)' }).getAttribute('href')).toMatch(/\/api\/open-data\/grants\.csv$/);
    expect(screen.getByTestId('od-placeholder').textContent).toContain('IATI_REPORTING_ORG_REF');
  });

  it('says there is nothing to publish before any grant is signed, without the placeholder warning once set', async () => {
    open(officer, { ...SUMMARY, activities: 0, byActivityStatus: [], reportingOrgIsPlaceholder: false, reportingOrgRef: 'GR-GEMI-123456', lastChanged: null });
    expect(await screen.findByTestId('od-none')).toBeTruthy();
    expect(screen.queryByTestId('od-placeholder')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('reads in Albanian and Serbian with the numbers of the language', async () => {
    await setupI18n('sq');
    open(observer);
    expect(await screen.findByRole('heading', { name: 'Të dhëna të hapura', level: 1 })).toBeTruthy();
    expect((await screen.findByTestId('od-committed')).textContent).toMatch(/523\.456,78/);
    expect(screen.getByRole('table', { name: 'Grantet sipas statusit të aktivitetit' })).toBeTruthy();
    vi.unstubAllGlobals();
    await setupI18n('sr');
    open(observer);
    expect(await screen.findAllByRole('heading', { name: 'Otvoreni podaci', level: 1 })).toBeTruthy();
  });

  it('is in the navigation of the Secretariat and observers, not of monitors (their portfolio is partial)', () => {
    const items = (me: Me) => visibleSections(me).flatMap((s) => s.items.map((i) => i.to));
    expect(items(officer)).toContain('/portfolio/open-data');
    expect(items(observer)).toContain('/portfolio/open-data');
    expect(items(monitor)).not.toContain('/portfolio/open-data');
  });
});
