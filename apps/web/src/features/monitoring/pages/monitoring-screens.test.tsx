import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import { grantsApi } from '../../grants/api';
import type { ActionPoint, PriorityList } from '../action-points-api';
import type { Visit, VisitReport } from '../types';
import { ActionPointPage } from './ActionPointPage';
import { ActionPointsPage, organisationOrder } from './ActionPointsPage';
import { latestSharedRating } from '../components/GrantVisitsSection';
import { MonitoringPriorityPage } from './MonitoringPriorityPage';
import { VisitPage } from './VisitPage';

const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const owner = makeMe({ id: 'u1', role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
const monitor = makeMe({ id: 'm1', role: 'monitor', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'monitor' }) });

const POINT: ActionPoint = {
  id: 'ap1', seq: 1, visitId: 'v1', visitDate: '2026-11-10', grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbrojtjen e Viktimave',
  municipality: 'prishtina', what: 'Post the shelter’s house rules in Albanian and Serbian', owner: 'organisation', priority: 'high', dueDate: '2026-12-01', status: 'open',
  overdue: true, escalated: true, waitsOn: 'organisation', answer: null, evidence: [], reopenReason: null, answeredAt: null, closedAt: null, version: 3, events: [],
  can: { answer: true, close: false, reopen: false },
};

const REPORT: VisitReport = {
  id: 'r1', status: 'submitted', version: 4,
  content: {
    activities: [{ activityId: 'activity.A1.1', status: 2, comment: 'Twelve residents this month' }],
    rating: 3, ratingReasons: 'The counselling room is not ready', correctiveActions: 'Revise the work plan', findings: 'Staff trained', recommendations: 'Hire a psychologist',
    peopleMet: [{ function: 'Shelter coordinator', count: 1 }], beneficiariesObserved: [{ group: 'Adult women', count: 7 }],
  },
  sha256: null, reviewComment: null, submittedAt: '2026-11-12T10:00:00Z', reviewedAt: null, sharedAt: null, updatedAt: '2026-11-12T10:00:00Z',
  photos: [{ id: 'p1', clientKey: 'k1', caption: 'The kitchen', width: 800, height: 600, url: '/api/visits/v1/report/photos/p1' }],
  actionPoints: [POINT], comments: [], problems: [],
};

const VISIT: Visit = {
  id: 'v1', grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbrojtjen e Viktimave', municipality: 'prishtina', monitorId: 'm1',
  monitorName: 'Arben Krasniqi', type: 'planned', date: '2026-11-10', purpose: 'Check the shelter and the counselling sessions', reportStatus: 'submitted', rating: 3,
  openActionPoints: 1, version: 2, grantStartDate: '2026-03-01', grantEndDate: '2027-02-28',
  workPlan: [{ activityId: 'activity.A1.1', text: 'Run the shelter', result: 'Residents are safe and supported' }],
  report: REPORT, can: { edit: false, submit: false, review: true, share: false, comment: false, reschedule: false },
};

const PRIORITY: PriorityList = {
  items: [{
    grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbrojtjen e Viktimave', municipality: 'prishtina', monitorId: 'm1', monitorName: 'Arben Krasniqi',
    score: 95, band: 'high', latestRating: 3, lastVisitDate: '2026-07-16', nextVisitDate: null, overdueActionPoints: 2, overdueReports: 0, daysSinceLastVisit: 140,
    reasons: [
      { code: 'rating', points: 50, params: { rating: 3 } },
      { code: 'overdue_action_points', points: 20, params: { count: 2, high: 1 } },
      { code: 'spending_gap', points: 15, params: { gapBp: 3400 } },
      { code: 'days_since_visit', points: 10, params: { days: 140 } },
    ],
  }],
  total: 1, page: 1, pageSize: 50, bands: { high: 1, medium: 0, low: 0 },
  rule: {
    ratingPoints: { unrated: 10, 1: 0, 2: 25, 3: 50 }, overdueReportPoints: 15, overdueReportCap: 45, overdueActionPointPoints: 5, overdueHighActionPointPoints: 10,
    overdueActionPointCap: 40, gapToleranceBp: 1000, gapStepBp: 1000, gapStepPoints: 5, gapCap: 25, visitGraceDays: 90, visitStepDays: 30, visitStepPoints: 5, visitCap: 30,
    highFrom: 50, mediumFrom: 25,
  },
};

function serve(answer: { visit?: Visit; point?: ActionPoint }, more?: (url: string, method: string) => Response | undefined) {
  return mockFetch((url, init) => {
    const m = more?.(url, init.method);
    if (m) return m;
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url === '/api/visits/v1' && init.method === 'GET' && answer.visit) return json(answer.visit);
    if (url === '/api/action-points/ap1' && init.method === 'GET' && answer.point) return json(answer.point);
    if (url.startsWith('/api/monitoring/priority')) return json(PRIORITY);
    return undefined;
  });
}

const routes = [
  { path: '/visits/:id', element: <VisitPage /> },
  { path: '/action-points/:id', element: <ActionPointPage /> },
  { path: '/monitoring/priority', element: <MonitoringPriorityPage /> },
  { path: '/action-points', element: <ActionPointsPage /> },
];
const open = (me: Me, path: string) => renderRoutes(routes, [path], queryClientWith(me));

describe('monitoring: the visit page', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the Secretariat the report read-only, and returning it needs a comment', async () => {
    const fetch = serve({ visit: VISIT }, (url, method) => (url === '/api/visits/v1/report/review' && method === 'POST' ? json({ ...VISIT, reportStatus: 'returned', report: { ...REPORT, status: 'returned', reviewComment: 'Add the dates' }, can: { ...VISIT.can, review: false } }) : undefined));
    open(officer, '/visits/v1');
    expect(await screen.findByRole('heading', { name: 'Monitoring visit of 10 Nov 2026' })).toBeTruthy();
    // the report: the activity on the 1–4 scale, the rating and its meaning, counts, the photo, the action point
    const activities = within(screen.getByTestId('report-activities'));
    expect(activities.getByText('Run the shelter')).toBeTruthy();
    expect(activities.getByText('2 — Ongoing')).toBeTruthy();
    expect(within(screen.getByTestId('report-rating')).getByText('Difficulties that need a revision')).toBeTruthy();
    expect(screen.getByText('Adult women: 7')).toBeTruthy();
    expect((within(screen.getByTestId('report-photos')).getByRole('img', { name: 'The kitchen' }) as HTMLImageElement).getAttribute('src')).toBe('/api/visits/v1/report/photos/p1');
    const point = within(screen.getByTestId('visit-action-point-1'));
    expect(point.getByRole('link').getAttribute('href')).toBe('/action-points/ap1');
    expect(point.getByText('Escalated')).toBeTruthy();

    const form = within(screen.getByTestId('review-form'));
    fireEvent.click(form.getByRole('button', { name: 'Return to the monitor' }));
    expect(await form.findByText('Say what the monitor should correct before returning the report.')).toBeTruthy();
    expect(fetch.sent('POST', '/api/visits/v1/report/review')).toHaveLength(0);
    fireEvent.change(form.getByRole('textbox', { name: /Comment/ }), { target: { value: 'Add the dates' } });
    fireEvent.click(form.getByRole('button', { name: 'Return to the monitor' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/visits/v1/report/review')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/visits/v1/report/review')[0])).toEqual({ version: 4, decision: 'return', comment: 'Add the dates' });
    expect(await screen.findByText('Returned by the Secretariat')).toBeTruthy();
  });

  it('accepts without a comment', async () => {
    const fetch = serve({ visit: VISIT }, (url) => (url === '/api/visits/v1/report/review' ? json({ ...VISIT, report: { ...REPORT, status: 'accepted' }, can: { ...VISIT.can, review: false, share: true } }) : undefined));
    open(officer, '/visits/v1');
    fireEvent.click(await screen.findByRole('button', { name: 'Accept the report' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/visits/v1/report/review')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/visits/v1/report/review')[0])).toEqual({ version: 4, decision: 'accept' });
    expect(await screen.findByRole('button', { name: 'Share with the organisation' })).toBeTruthy();
  });

  it('asks before sharing, then shows the report frozen with its hash', async () => {
    const accepted = { ...VISIT, reportStatus: 'accepted' as const, report: { ...REPORT, status: 'accepted' as const }, can: { ...VISIT.can, review: false, share: true } };
    const shared = { ...accepted, reportStatus: 'shared' as const, report: { ...REPORT, status: 'shared' as const, sharedAt: '2026-11-14T09:30:00Z', sha256: 'ab'.repeat(32) }, can: { ...VISIT.can, review: false, share: false, comment: true } };
    const fetch = serve({ visit: accepted }, (url) => (url === '/api/visits/v1/report/share' ? json(shared) : undefined));
    open(officer, '/visits/v1');
    fireEvent.click(await screen.findByRole('button', { name: 'Share with the organisation' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('The report will be frozen and the organisation will see it with its action points. It can no longer be changed.')).toBeTruthy();
    expect(fetch.sent('POST', '/api/visits/v1/report/share')).toHaveLength(0);
    fireEvent.click(dialog.getByRole('button', { name: 'Share with the organisation' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/visits/v1/report/share')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/visits/v1/report/share')[0])).toEqual({ version: 4 });
    const frozen = await screen.findByTestId('report-frozen');
    expect(frozen.textContent).toContain('Frozen on 14 Nov 2026');
    expect(frozen.textContent).toContain(`SHA-256 ${'ab'.repeat(32)}`);
    expect(screen.getByTestId('report-comments')).toBeTruthy();
  });

  it('tells the organisation the report is not shared yet', async () => {
    serve({ visit: { ...VISIT, reportStatus: null, rating: null, report: null, can: { edit: false, submit: false, review: false, share: false, comment: false, reschedule: false } } });
    open(owner, '/visits/v1');
    expect((await screen.findByTestId('report-not-shared')).textContent).toContain('The report is not shared yet.');
    expect(screen.queryByTestId('report-activities')).toBeNull();
    expect(screen.queryByTestId('review-form')).toBeNull();
  });

  it('lets the organisation comment on a shared report (appended)', async () => {
    const shared = { ...VISIT, reportStatus: 'shared' as const, report: { ...REPORT, status: 'shared' as const, sharedAt: '2026-11-14T09:30:00Z', sha256: 'cd'.repeat(32) }, can: { ...VISIT.can, review: false, comment: true } };
    const fetch = serve({ visit: shared }, (url) => (url === '/api/visits/v1/report/comments'
      ? json({ ...shared, report: { ...shared.report, comments: [{ id: 'c1', authorName: 'Drita Berisha', authorKind: 'organisation', body: 'The rules are posted.', createdAt: '2026-11-15T08:00:00Z' }] } })
      : undefined));
    open(owner, '/visits/v1');
    const comments = within(await screen.findByTestId('report-comments'));
    fireEvent.change(comments.getByRole('textbox', { name: /Add a comment/ }), { target: { value: 'The rules are posted.' } });
    fireEvent.click(comments.getByRole('button', { name: 'Add the comment' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/visits/v1/report/comments')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/visits/v1/report/comments')[0])).toEqual({ body: 'The rules are posted.' });
    expect(await comments.findByText('The rules are posted.', { selector: 'p' })).toBeTruthy();
  });
});

describe('monitoring: an action point', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('needs a text or a file to answer, and uploads the evidence to the grant’s documents first', async () => {
    const answered: ActionPoint = { ...POINT, status: 'answered', waitsOn: 'monitor', answer: null, evidence: [{ id: 'f1', fileName: 'rules.pdf' }], answeredAt: '2026-11-20T10:00:00Z', can: { answer: false, close: false, reopen: false } };
    const fetch = serve({ point: POINT }, (url, method) => {
      if (url === '/api/action-points/ap1/answer' && method === 'POST') return json(answered);
      return undefined;
    });
    open(owner, '/action-points/ap1');
    const form = within(await screen.findByTestId('answer-form'));
    fireEvent.click(form.getByRole('button', { name: 'Send the answer' }));
    expect(await form.findByText('Write what was done or attach at least one file.')).toBeTruthy();
    expect(fetch.sent('POST', '/api/action-points/ap1/answer')).toHaveLength(0);

    // a multipart body with a file does not pass through the test's fetch stub (jsdom's File): the upload call is stubbed
    const upload = vi.spyOn(grantsApi, 'uploadDocument').mockResolvedValue({ id: 'f1' } as Awaited<ReturnType<typeof grantsApi.uploadDocument>>);
    const file = new File(['%PDF-1.4'], 'rules.pdf', { type: 'application/pdf' });
    const input = screen.getByTestId('answer-form').querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.click(form.getByRole('button', { name: 'Send the answer' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/action-points/ap1/answer')).toHaveLength(1));
    expect(upload).toHaveBeenCalledWith('g1', file);
    expect(bodyOf(fetch.sent('POST', '/api/action-points/ap1/answer')[0])).toEqual({ version: 3, evidenceFileIds: ['f1'] });
    expect(await screen.findByText('Waiting on the monitor to verify the answer.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'rules.pdf' }).getAttribute('href')).toContain('/api/grants/g1/files/f1');
    upload.mockRestore();
  });

  it('answers with a text alone', async () => {
    const fetch = serve({ point: POINT }, (url) => (url === '/api/action-points/ap1/answer' ? json({ ...POINT, status: 'answered', can: { answer: false, close: false, reopen: false } }) : undefined));
    open(owner, '/action-points/ap1');
    const form = within(await screen.findByTestId('answer-form'));
    fireEvent.change(form.getByRole('textbox', { name: 'What was done' }), { target: { value: 'Posted in both languages' } });
    fireEvent.click(form.getByRole('button', { name: 'Send the answer' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/action-points/ap1/answer')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/action-points/ap1/answer')[0])).toEqual({ version: 3, answer: 'Posted in both languages' });
    expect(fetch.sent('POST', '/api/grants/g1/documents')).toHaveLength(0);
  });

  it('lets the monitor close it, or reopen it only with a reason', async () => {
    const answered: ActionPoint = { ...POINT, status: 'answered', waitsOn: 'monitor', answer: 'Posted', can: { answer: false, close: true, reopen: true },
      events: [{ kind: 'answer', body: 'Posted', byName: 'Drita Berisha', createdAt: '2026-11-20T10:00:00Z', evidence: [] }] };
    const fetch = serve({ point: answered }, (url) => (url === '/api/action-points/ap1/reopen' ? json({ ...answered, status: 'reopened', reopenReason: 'Only in Albanian', can: { answer: false, close: false, reopen: false } }) : undefined));
    open(monitor, '/action-points/ap1');
    expect(within(await screen.findByTestId('action-point-history')).getByText('Answered by Drita Berisha')).toBeTruthy();
    const form = within(screen.getByTestId('verify-form'));
    expect(form.getByRole('button', { name: 'Close the action point' })).toBeTruthy();
    fireEvent.click(form.getByRole('button', { name: 'Reopen' }));
    expect(await form.findByText('Say why the action point is reopened.')).toBeTruthy();
    expect(fetch.sent('POST', '/api/action-points/ap1/reopen')).toHaveLength(0);
    fireEvent.change(form.getByRole('textbox', { name: 'Reason to reopen' }), { target: { value: 'Only in Albanian' } });
    fireEvent.click(form.getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/action-points/ap1/reopen')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/action-points/ap1/reopen')[0])).toEqual({ version: 3, reason: 'Only in Albanian' });
    expect(await screen.findByText('Reopened by the monitor')).toBeTruthy();
  });
});

describe('monitoring: the priority list', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says each reason in words with its points, and explains the rule', async () => {
    await setupI18n('en');
    serve({});
    open(officer, '/monitoring/priority');
    const reasons = within(await screen.findByTestId('priority-reasons'));
    expect(reasons.getByText('Latest rating 3 (Difficulties that need a revision): +50')).toBeTruthy();
    expect(reasons.getByText('2 action points overdue, 1 of high priority: +20')).toBeTruthy();
    expect(reasons.getByText('Spending 34 points ahead of time: +15')).toBeTruthy();
    expect(reasons.getByText('No visit for 140 days: +10')).toBeTruthy();
    const row = within(screen.getByTestId('priority-row-g1'));
    expect(row.getByText('95')).toBeTruthy();
    expect(row.getByTestId('priority-band').textContent).toBe('High');
    expect(row.getByRole('link', { name: 'Plan a visit' }).getAttribute('href')).toBe('/grants/g1/visits/new');
    const rule = within(screen.getByTestId('priority-rule'));
    expect(rule.getByText('Overdue action points: 5 points each, 10 more for each of high priority, at most 40.')).toBeTruthy();
    expect(rule.getByText('Bands: high from 50 points, medium from 25, low below.')).toBeTruthy();
    expect(rule.getByText(/a gap up to 10 percentage points counts nothing/)).toBeTruthy();
  });

  it('speaks Albanian with its own numbers', async () => {
    await setupI18n('sq');
    serve({});
    open(makeMe({ ...officer, language: 'sq' }), '/monitoring/priority');
    const reasons = within(await screen.findByTestId('priority-reasons'));
    expect(reasons.getByText('Pa vizitë prej 140 ditësh: +10')).toBeTruthy();
    expect(reasons.getByText('2 pika veprimi me vonesë, 1 me përparësi të lartë: +20')).toBeTruthy();
    expect(within(screen.getByTestId('priority-rule')).getByText('Si llogaritet përparësia')).toBeTruthy();
  });
});

describe('monitoring: the action points list', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('puts what waits on the organisation first, in the server’s order otherwise', () => {
    const a = { ...POINT, id: 'a', waitsOn: 'monitor' as const };
    const b = { ...POINT, id: 'b', waitsOn: 'organisation' as const };
    const c = { ...POINT, id: 'c', waitsOn: null };
    const d = { ...POINT, id: 'd', waitsOn: 'organisation' as const };
    expect(organisationOrder([a, b, c, d]).map((p) => p.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('gives the Secretariat its filters, sent to the server, and highlights an escalated point', async () => {
    const fetch = serve({}, (url) => (url.startsWith('/api/action-points?') ? json({ items: [POINT], total: 1, page: 1, pageSize: 50 }) : undefined));
    open(officer, '/action-points');
    const row = await screen.findByTestId('action-point-row-ap1');
    expect(row.getAttribute('data-escalated')).toBe('true');
    expect(within(row).getByText('Pristina')).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: 'Escalated only' }));
    await waitFor(() => expect(fetch.requests.some((r) => r.url.startsWith('/api/action-points?') && r.url.includes('escalated=true') && r.url.includes('pageSize=50'))).toBe(true));
  });

  it('finds the latest shared, rated visit of a grant', () => {
    const v = (id: string, reportStatus: Visit['reportStatus'], rating: number | null) => ({ ...VISIT, id, reportStatus, rating });
    expect(latestSharedRating([v('1', 'shared', 2), v('2', 'shared', 3), v('3', 'submitted', 1)])?.id).toBe('2');
    expect(latestSharedRating([v('3', 'accepted', 1)])).toBeNull();
  });
});
