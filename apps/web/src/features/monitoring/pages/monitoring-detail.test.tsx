import { permissionsFor } from '@grants/domain';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import type { ActionPoint } from '../action-points-api';
import type { Visit, VisitReport } from '../types';
import { ActionPointPage, daysOverdue } from './ActionPointPage';
import { isUpcoming, reportSaved, VisitPage } from './VisitPage';

// Issue 11: what a new user meets on the visit and the action point pages.
const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const owner = makeMe({ id: 'u1', role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
const monitor = makeMe({ id: 'm1', role: 'monitor', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'monitor' }) });

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const daysFromToday = (n: number) => { const d = new Date(); d.setDate(d.getDate() + n); return iso(d); };

const POINT: ActionPoint = {
  id: 'ap1', seq: 1, visitId: 'v1', visitDate: '2026-11-10', grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbrojtjen e Viktimave',
  municipality: 'prishtina', what: 'Post the shelter’s house rules', owner: 'organisation', priority: 'high', dueDate: daysFromToday(-20), status: 'open',
  overdue: true, escalated: true, waitsOn: 'organisation', answer: null, evidence: [], reopenReason: null, answeredAt: null, closedAt: null, version: 3, events: [],
  can: { answer: true, close: false, reopen: false },
};

const REPORT: VisitReport = {
  id: 'r1', status: 'draft', version: 1,
  content: { activities: [], rating: null, ratingReasons: null, correctiveActions: null, findings: null, recommendations: null, peopleMet: [], beneficiariesObserved: [] },
  sha256: null, reviewComment: null, submittedAt: null, reviewedAt: null, sharedAt: null, updatedAt: '2026-11-12T10:00:00Z',
  photos: [], actionPoints: [], comments: [], problems: [],
} as unknown as VisitReport;

const VISIT: Visit = {
  id: 'v1', grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbrojtjen e Viktimave', municipality: 'prishtina', monitorId: 'm1',
  monitorName: 'Arben Krasniqi', type: 'planned', date: daysFromToday(10), purpose: 'Check the shelter', reportStatus: 'draft', rating: null,
  openActionPoints: 0, version: 1, grantStartDate: '2026-03-01', grantEndDate: '2027-02-28', workPlan: [],
  report: REPORT, can: { edit: true, submit: false, review: false, share: false, comment: false, reschedule: true },
};

function serve(answer: { visit?: Visit; point?: ActionPoint }) {
  return mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url === '/api/visits/v1' && init.method === 'GET' && answer.visit) return json(answer.visit);
    if (url === '/api/action-points/ap1' && init.method === 'GET' && answer.point) return json(answer.point);
    return undefined;
  });
}
const routes = [
  { path: '/visits/:id', element: <VisitPage /> },
  { path: '/action-points/:id', element: <ActionPointPage /> },
];
const open = (me: Me, path: string) => renderRoutes(routes, [path], queryClientWith(me));

describe('monitoring detail pages (issue 11)', () => {
  beforeEach(async () => { await setupI18n('en'); resetCsrfToken(); });
  afterEach(() => vi.unstubAllGlobals());

  it('tells every reader how long an action point is overdue, and shows "escalated" to staff only', async () => {
    serve({ point: POINT });
    const view = open(owner, '/action-points/ap1');
    const overdue = await screen.findByTestId('action-point-overdue');
    expect(overdue.textContent).toMatch(/^Overdue since .+2026|^Overdue since .+20\d\d/);
    expect(overdue.textContent).toContain('20 days overdue');
    expect(screen.queryByText('Escalated')).toBeNull();
    expect(screen.getByText('Overdue')).toBeTruthy();
    view.unmount();

    serve({ point: POINT });
    const staff = open(monitor, '/action-points/ap1');
    expect(await screen.findByText('Escalated')).toBeTruthy();
    expect(screen.getByTestId('action-point-overdue')).toBeTruthy();
    staff.unmount();

    serve({ point: { ...POINT, can: { answer: false, close: false, reopen: false } } });
    open(officer, '/action-points/ap1');
    expect(await screen.findByText('Escalated')).toBeTruthy();
  });

  it('says nothing of overdue when the point is on time', async () => {
    serve({ point: { ...POINT, overdue: false, escalated: false, dueDate: daysFromToday(5) } });
    open(owner, '/action-points/ap1');
    await screen.findByTestId('answer-form');
    expect(screen.queryByTestId('action-point-overdue')).toBeNull();
  });

  it('reminds the organisation answering not to write personal data nor attach photos of faces', async () => {
    serve({ point: POINT });
    open(owner, '/action-points/ap1');
    const form = within(await screen.findByTestId('answer-form'));
    const note = form.getByRole('note');
    expect(note.textContent).toContain('dates of birth, personal numbers, phone numbers or addresses');
    expect(note.textContent).toContain('photos of faces or documents of beneficiaries');
  });

  it('reminds the monitor reopening a point not to write personal data', async () => {
    serve({ point: { ...POINT, status: 'answered', answer: 'Done', can: { answer: false, close: true, reopen: true } } });
    open(monitor, '/action-points/ap1');
    const form = within(await screen.findByTestId('verify-form'));
    expect(form.getByRole('note').textContent).toContain('Do not write personal data of a victim');
  });

  it('a visit 10 days ahead is upcoming: no "Report draft" badge, and the monitor "writes" the never-saved report', async () => {
    serve({ visit: VISIT });
    const view = open(monitor, '/visits/v1');
    expect((await screen.findByTestId('write-report')).textContent).toBe('Write the report');
    expect(screen.queryByTestId('report-status')).toBeNull();
    view.unmount();

    serve({ visit: { ...VISIT, date: daysFromToday(-1), report: { ...REPORT, version: 3 } } });
    open(monitor, '/visits/v1');
    expect((await screen.findByTestId('write-report')).textContent).toBe('Continue the report');
    expect(screen.getByTestId('report-status').textContent).toBe('Report draft');
  });

  it('reminds the Secretariat reviewing and the organisation commenting not to write personal data', async () => {
    const submitted = { ...VISIT, date: '2026-11-10', reportStatus: 'submitted' as const, report: { ...REPORT, status: 'submitted' as const, version: 4 }, can: { ...VISIT.can, edit: false, review: true, reschedule: false } };
    serve({ visit: submitted });
    const view = open(officer, '/visits/v1');
    expect(within(await screen.findByTestId('review-form')).getByRole('note').textContent).toContain('Do not write personal data of a victim');
    view.unmount();

    const shared = { ...submitted, reportStatus: 'shared' as const, report: { ...REPORT, status: 'shared' as const, version: 5, sharedAt: '2026-11-14T09:30:00Z', sha256: 'ab'.repeat(32) }, can: { ...submitted.can, review: false, comment: true } };
    serve({ visit: shared });
    open(owner, '/visits/v1');
    expect(within(await screen.findByTestId('report-comments')).getByRole('note').textContent).toContain('Do not write personal data of a victim');
  });

  it('counts days overdue and upcoming dates in the reader’s calendar', () => {
    const today = new Date(2026, 11, 3, 9, 0);
    expect(daysOverdue('2026-11-13', today)).toBe(20);
    expect(daysOverdue('2026-12-03', today)).toBe(1);
    expect(isUpcoming('2026-12-13', today)).toBe(true);
    expect(isUpcoming('2026-12-03', today)).toBe(false);
    expect(reportSaved({ version: 1 })).toBe(false);
    expect(reportSaved({ version: 2 })).toBe(true);
  });
});
