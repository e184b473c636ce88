import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { visibleSections } from '../../../ui/layout/navigation';
import type { Me } from '../../auth/types';
import type { StrategyReport, StrategyReportList, StrategySection } from './api';
import { StrategyReportPage } from './StrategyReportPage';
import { StrategyReportsPage } from './StrategyReportsPage';

const officer = makeMe({ id: 'u1', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const observer = makeMe({ id: 'u2', role: 'observer', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'observer' }) });
const monitor = makeMe({ id: 'u3', role: 'monitor', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'monitor' }) });

const HASH = 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef569f0e';
const small = { shown: '<5', reason: 'small_count' } as const;
const table = (total: number | typeof small) => ({
  total, bySex: { female: 9, male: small, other: 0 }, byAge: { '0-17': 0, '18-24': 8, '25-59': small, '60+': 0 }, byIntake: { new: 12, continuing: 0 },
  byService: { vocational_training: 12 }, byMunicipality: { prishtina: 10, prizren: small },
});
const money = { amountCents: 4_000_000, paidCents: 400_000, reportedCents: 1_334_567, acceptedCents: 1_234_567 };
const activities = { notStarted: 0, ongoing: 1, started: 0, completed: 1, notSaid: 1 };
const grant = { grantId: 'g1', agreementNumber: 'MF-2026-001', organizationName: 'Shelter CSO', callReference: 'CFP-2026-01', codes: ['III.2.4'] };

const section = (code: string | null, level: StrategySection['level'], over: Partial<StrategySection> = {}): StrategySection => ({
  code, level, grants: [grant], money, indicatorSummary: { count: 1, achieved: 0, behind: 0 }, indicators: [], beneficiaries: table(12), activities, difficulties: [], lessons: [], ...over,
});

const DRAFT: StrategyReport = {
  id: 'r1', kind: 'six_month', periodStart: '2026-07-01', periodEnd: '2026-12-31', status: 'draft', version: 3, sha256: null, draftedAt: '2026-12-04T09:00:00Z',
  issuedAt: null, issuedByName: null, createdByName: 'Officer Arta', grants: 1,
  figures: {
    kind: 'six_month', periodStart: '2026-07-01', periodEnd: '2026-12-31',
    totals: { grants: 1, money, beneficiaries: table(12), activities, difficulties: 1, lessons: 1 },
    sections: [
      section('III', 'strategic'),
      section('III.2', 'specific', {
        indicators: [{ grantId: 'g1', agreementNumber: 'MF-2026-001', indicatorKey: 'so.1.result.1.indicator.1', name: 'Survivors trained', unit: 'people', code: 'III.2.4', baseline: '0', target: '40', periodValue: '22.5', cumulativeValue: '22.5', progressBp: 5625, achieved: false, behind: false }],
        difficulties: [{ grantId: 'g1', agreementNumber: 'MF-2026-001', organizationName: 'Shelter CSO', source: 'visit', date: '2026-10-15', rating: 3, text: 'Two counsellors left', correctiveActions: 'Recruitment plan' }],
        lessons: [{ grantId: 'g1', agreementNumber: 'MF-2026-001', organizationName: 'Shelter CSO', date: '2026-08-31', text: 'Start placements earlier' }],
      }),
      section(null, 'none', { beneficiaries: { total: small, bySex: { female: { shown: '<5', reason: 'small_total' } }, byAge: {}, byIntake: {}, byService: {}, byMunicipality: {} } }),
    ],
  },
  narrative: { introduction: 'The second half of 2026.', conclusions: '', objectives: { 'III.2': 'Services grew.' } },
  can: { edit: true, redraft: true, issue: true },
};
const ISSUED: StrategyReport = { ...DRAFT, status: 'issued', version: 4, sha256: HASH, issuedAt: '2026-12-04T10:00:00Z', issuedByName: 'Officer Arta', can: { edit: false, redraft: false, issue: false } };
const LIST: StrategyReportList = {
  canManage: true,
  items: [
    { id: 'r1', kind: 'six_month', periodStart: '2026-07-01', periodEnd: '2026-12-31', status: 'draft', version: 3, sha256: null, draftedAt: '2026-12-04T09:00:00Z', issuedAt: null, issuedByName: null, createdByName: 'Officer Arta', grants: 12 },
    { id: 'r0', kind: 'annual', periodStart: '2025-01-01', periodEnd: '2025-12-31', status: 'issued', version: 5, sha256: HASH, draftedAt: '2026-01-10T09:00:00Z', issuedAt: '2026-01-15T10:00:00Z', issuedByName: 'Officer Arta', createdByName: 'Officer Arta', grants: 9 },
  ],
};

function openList(me: Me, list: StrategyReportList, extra?: (url: string, init: { method: string }) => Response | undefined) {
  const fetch = mockFetch((url, init) => (url === '/api/auth/csrf' ? json({ csrfToken: 'csrf' }) : undefined) ?? extra?.(url, init) ?? (url === '/api/strategy-reports' && init.method === 'GET' ? json(list) : undefined));
  renderRoutes([
    { path: '/portfolio/reports', element: <StrategyReportsPage /> },
    { path: '/portfolio/reports/:id', element: <p>builder {window.location.pathname}</p> },
  ], ['/portfolio/reports'], queryClientWith(me));
  return fetch;
}

function openReport(me: Me, report: StrategyReport, extra?: (url: string, init: { method: string; body?: unknown }) => Response | undefined) {
  const fetch = mockFetch((url, init) => (url === '/api/auth/csrf' ? json({ csrfToken: 'csrf' }) : undefined) ?? extra?.(url, init) ?? (url === `/api/strategy-reports/${report.id}` && init.method === 'GET' ? json(report) : undefined));
  renderRoutes([{ path: '/portfolio/reports/:id', element: <StrategyReportPage /> }], [`/portfolio/reports/${report.id}`], queryClientWith(me));
  return fetch;
}

const rowsOf = (t: HTMLElement) => within(t).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));

describe('strategy reports', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists drafts and issued reports with their hash, and drafts a new one for a period', async () => {
    const fetch = openList(officer, LIST, (url, init) => (url === '/api/strategy-reports' && init.method === 'POST' ? json({ ...DRAFT, id: 'r9' }, 201) : undefined));
    const list = await screen.findByRole('table', { name: 'Strategy reports' });
    expect(rowsOf(list).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      ['6-month report, July–December 2026', 'Draft', '12', '—'], ['Annual report 2025', 'Issued', '9', 'ab12cd34…569f0e'],
    ]);
    const form = screen.getByRole('region', { name: 'Draft a report' });
    fireEvent.click(within(form).getByRole('button', { name: 'Draft the report' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/strategy-reports')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/strategy-reports')[0])).toMatchObject({ kind: 'six_month' });
    expect(await screen.findByText(/builder/)).toBeTruthy();
  });

  it('puts a refused period on its field', async () => {
    openList(officer, LIST, (url, init) => (url === '/api/strategy-reports' && init.method === 'POST'
      ? json({ statusCode: 409, error: 'Conflict', message: 'exists', details: [{ field: 'kind', code: 'already_drafted', message: 'exists' }] }, 409) : undefined));
    const form = await screen.findByRole('region', { name: 'Draft a report' });
    fireEvent.click(within(form).getByRole('button', { name: 'Draft the report' }));
    expect(await screen.findByText('A report of this kind for this period already exists')).toBeTruthy();
  });

  it('shows an observer the issued reports without the draft form', async () => {
    openList(observer, { canManage: false, items: [LIST.items[1]] });
    expect(await screen.findByRole('table', { name: 'Strategy reports' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Draft a report' })).toBeNull();
  });

  it('shows the figures per objective, suppressed counts as given, amounts for the reader', async () => {
    openReport(officer, DRAFT);
    expect(await screen.findByRole('heading', { name: '6-month report, July–December 2026', level: 1 })).toBeTruthy();
    const specific = screen.getByRole('region', { name: 'Specific objective III.2 — Direct services for victims and presumed victims' });
    expect(within(specific).getByRole('table', { name: /Money$/ }).textContent).toContain('€4,000.00');
    const indicators = within(specific).getByRole('table', { name: /Indicator progress$/ });
    expect(rowsOf(indicators)[0]).toEqual(['MF-2026-001', 'Survivors trained (people)III.2.4', '0', '40', '22.5', '22.5', '56.3%']);
    const beneficiaries = within(specific).getByRole('table', { name: /Beneficiaries reached$/ });
    const cells = rowsOf(beneficiaries);
    expect(cells).toContainEqual(['By sex', 'Men and boys', '<5']);
    expect(cells).toContainEqual(['By municipality', 'Prizren', '<5']);
    expect(cells.flat()).not.toContain('3');
    expect(within(specific).getByText('Two counsellors left')).toBeTruthy();
    expect(within(specific).getByText(/Recruitment plan/)).toBeTruthy();
    const none = screen.getByRole('region', { name: 'Grants not tied to a Strategy objective' });
    expect(rowsOf(within(none).getByRole('table', { name: /Beneficiaries reached$/ }))).toEqual([['Total people reached', '<5']]);
    expect(screen.getByTestId('sr-status').textContent).toBe('Draft');
  });

  it('saves the narrative with the version it was read at, keyed by objective, and says so on a conflict', async () => {
    let saves = 0;
    const fetch = openReport(officer, DRAFT, (url, init) => {
      if (url === '/api/strategy-reports/r1' && init.method === 'PATCH' && ++saves === 2) {
        return json({ statusCode: 409, error: 'Conflict', message: 'stale', details: [{ field: 'version', code: 'version_conflict', message: 'stale' }] }, 409);
      }
      if (url === '/api/strategy-reports/r1' && init.method === 'PATCH') return json({ ...DRAFT, version: 4, narrative: { ...DRAFT.narrative, objectives: { 'III.2': 'Services grew a lot.' } } });
      return undefined;
    });
    const specific = await screen.findByRole('region', { name: /^Specific objective III\.2/ });
    const text = within(specific).getByLabelText("The Secretariat's assessment");
    expect((text as HTMLTextAreaElement).value).toBe('Services grew.');
    fireEvent.change(text, { target: { value: 'Services grew a lot.' } });
    fireEvent.click(screen.getByTestId('sr-save'));
    await waitFor(() => expect(fetch.sent('PATCH', '/api/strategy-reports/r1')).toHaveLength(1));
    expect(bodyOf(fetch.sent('PATCH', '/api/strategy-reports/r1')[0])).toEqual({
      version: 3, narrative: { introduction: 'The second half of 2026.', conclusions: '', objectives: { 'III.2': 'Services grew a lot.' } },
    });
    expect(await screen.findByTestId('sr-saved')).toBeTruthy();
    fireEvent.change(within(specific).getByLabelText("The Secretariat's assessment"), { target: { value: 'Again' } });
    fireEvent.click(screen.getByTestId('sr-save'));
    expect(await screen.findByTestId('sr-conflict')).toBeTruthy();
    expect(bodyOf(fetch.sent('PATCH', '/api/strategy-reports/r1')[1])).toMatchObject({ version: 4 });
  });

  it('issues after a confirmation', async () => {
    const fetch = openReport(officer, DRAFT, (url, init) => (url === '/api/strategy-reports/r1/issue' && init.method === 'POST' ? json(ISSUED) : undefined));
    fireEvent.click(await screen.findByRole('button', { name: 'Issue the report' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Issue' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/strategy-reports/r1/issue')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/strategy-reports/r1/issue')[0])).toEqual({ version: 3 });
    expect((await screen.findByTestId('sr-hash')).textContent).toBe(HASH);
    expect(screen.getByTestId('sr-status').textContent).toBe('Issued');
  });

  it('gives an observer the issued report read-only, with DOCX and PDF exports in the chosen language', async () => {
    openReport(observer, { ...ISSUED, createdByName: null, issuedByName: null });
    expect(await screen.findByText('Services grew.')).toBeTruthy();
    expect(screen.getByText(/^Figures drafted 4 Dec 2026/).textContent).not.toContain(' by ');
    expect(document.querySelectorAll('textarea')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Issue the report' })).toBeNull();
    expect(screen.getByTestId('sr-export-docx').getAttribute('href')).toMatch(/\/api\/strategy-reports\/r1\/export\?format=docx&language=en$/);
    expect(screen.getByTestId('sr-export-pdf').getAttribute('href')).toMatch(/\/api\/strategy-reports\/r1\/export\?format=pdf&language=en$/);
  });

  it('reads in Serbian Cyrillic, the objective titles and numbers included', async () => {
    await setupI18n('sr-Cyrl');
    openReport(observer, ISSUED);
    expect(await screen.findByRole('region', { name: /Директне услуге за жртве/ })).toBeTruthy();
    expect(screen.getByTestId('sr-export-pdf').getAttribute('href')).toMatch(/format=pdf&language=sr&script=cyrillic$/);
    expect(screen.getAllByText('4.000,00 €').length).toBeGreaterThan(0);
  });

  it('shows the first 50 rows of a long list, and all of them on demand', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...grant, grantId: `g${i}`, agreementNumber: `MF-2026-${String(i).padStart(3, '0')}` }));
    openReport(observer, { ...ISSUED, figures: { ...ISSUED.figures, sections: [section('III', 'strategic', { grants: many })] } });
    const strategic = await screen.findByRole('region', { name: /^Strategic objective III/ });
    const grants = within(strategic).getByRole('table', { name: /grants contributing$/ });
    expect(rowsOf(grants)).toHaveLength(50);
    fireEvent.click(within(strategic).getByRole('button', { name: 'Show all 60 (the first 50 are shown)' }));
    expect(rowsOf(within(strategic).getByRole('table', { name: /grants contributing$/ }))).toHaveLength(60);
  });

  it('is in the navigation of the Secretariat and observers, not of monitors', () => {
    const items = (me: Me) => visibleSections(me).flatMap((s) => s.items.map((i) => i.to));
    expect(items(officer)).toContain('/portfolio/reports');
    expect(items(observer)).toContain('/portfolio/reports');
    expect(items(monitor)).not.toContain('/portfolio/reports');
  });
});
