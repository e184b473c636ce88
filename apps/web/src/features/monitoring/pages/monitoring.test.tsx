import 'fake-indexeddb/auto';
import { permissionsFor } from '@grants/domain';
import { onlineManager } from '@tanstack/react-query';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { todayInKosovo } from '../../../ui/today';
import { disposeSyncRuntimes } from '../offline/runtime';
import type { Visit, VisitSummary } from '../types';
import { VisitReportFormPage } from './VisitReportFormPage';
import { VisitsPage } from './VisitsPage';

let userNo = 0;
/** A monitor of its own for each test (the phone's drafts are kept per user). */
const newMonitor = () => {
  userNo += 1;
  return makeMe({ id: `m-${userNo}`, role: 'monitor', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'monitor' }) });
};

const WORK_PLAN = [
  { activityId: 'activity.A1.1', text: 'Needs assessment of every resident', result: 'R1 Residents are safe and assessed' },
  { activityId: 'activity.A1.2', text: 'Vocational courses', result: 'R1 Residents are safe and assessed' },
];

function summary(id: string, date: string, extra: Partial<VisitSummary> = {}): VisitSummary {
  return {
    id, grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: `Org ${id}`, municipality: 'Prishtinë', monitorId: 'm', monitorName: 'Luan Hoxha',
    type: 'planned', date, purpose: `Purpose of ${id}`, reportStatus: 'draft', rating: null, openActionPoints: 0, ...extra,
  };
}

function visitWith(id: string, content: Partial<NonNullable<Visit['report']>['content']> = {}, version = 1): Visit {
  return {
    ...summary(id, todayInKosovo()),
    version: 1,
    grantStartDate: '2026-01-01',
    grantEndDate: '2027-12-31',
    workPlan: WORK_PLAN,
    can: { edit: true, submit: true, review: false, share: false, comment: false, reschedule: true },
    report: {
      id: `r-${id}`, status: 'draft', version, sha256: null, reviewComment: null, submittedAt: null, reviewedAt: null, sharedAt: null, updatedAt: null,
      photos: [], actionPoints: [], comments: [], problems: [],
      content: { activities: [], rating: null, ratingReasons: null, correctiveActions: null, findings: null, recommendations: null, peopleMet: [], beneficiariesObserved: [], ...content },
    },
  } as Visit;
}

/** The API of one visit: GET answers the stored report, PUT stores the report (version + 1), submit answers `onSubmit`. */
function serveVisit(start: Visit, onSubmit?: () => Response) {
  let current = start;
  return mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url === `/api/visits/${start.id}` && init.method === 'GET') return json(current);
    if (url === `/api/visits/${start.id}/report` && init.method === 'PUT') {
      const body = JSON.parse(String(init.body)) as { version: number; content: Visit['report'] extends infer R ? R extends { content: infer C } ? C : never : never };
      current = { ...current, report: { ...current.report!, version: body.version + 1, content: body.content } };
      return json(current);
    }
    if (url === `/api/visits/${start.id}/report/submit` && init.method === 'POST') return onSubmit?.();
    return undefined;
  });
}

let online = true;
const openForm = (visit: Visit) =>
  renderRoutes(
    [{ path: '/visits/:id/report', element: <VisitReportFormPage /> }, { path: '/visits/:id', element: <p>the visit page</p> }],
    [`/visits/${visit.id}/report`],
    queryClientWith(newMonitor()),
  );

/** The words shown under a field (Mantine links the error to the input with aria-describedby). */
function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the visit report form', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
    online = true;
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
    onlineManager.setOnline(true); // react-query keeps the last state it saw (an earlier test went offline)
  });
  afterEach(() => {
    disposeSyncRuntimes();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('a rating of 2 shows the reasons and the corrective actions, and submitting asks for both next to them', async () => {
    const visit = visitWith('v-rating', { activities: WORK_PLAN.map((a) => ({ activityId: a.activityId, status: 4, comment: null })), findings: 'All fine.' });
    const fetch = serveVisit(visit);
    openForm(visit);
    expect(await screen.findByRole('heading', { name: 'Visit report' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: /Reasons for the rating/ })).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: /Difficulties that can be handled/ }));
    const reasons = await screen.findByRole('textbox', { name: /Reasons for the rating/ });
    const actions = screen.getByRole('textbox', { name: /Corrective actions/ });
    expect(reasons.hasAttribute('required')).toBe(true);
    expect(actions.hasAttribute('required')).toBe(true);
    // the meaning of each level is written out
    expect(screen.getByText('The difficulties need the plan or the grant to be revised.')).toBeTruthy();

    // saved to the server, then Submit: the phone's check names both fields
    fireEvent.click(screen.getByRole('button', { name: 'Save now' }));
    await waitFor(() => expect(fetch.sent('PUT', `/api/visits/${visit.id}/report`).length).toBeGreaterThan(0), { timeout: 4000 });
    const submit = screen.getByRole('button', { name: 'Submit the report' });
    await waitFor(() => expect((submit as HTMLButtonElement).disabled).toBe(false), { timeout: 4000 });
    fireEvent.click(submit);
    await waitFor(() => expect(errorOf(screen.getByRole('textbox', { name: /Reasons for the rating/ }))).toContain('A rating of 2 or 3 needs the reasons and the corrective actions'));
    expect(errorOf(screen.getByRole('textbox', { name: /Corrective actions/ }))).toContain('A rating of 2 or 3 needs the reasons and the corrective actions');
    expect(screen.getByTestId('report-problems').textContent).toContain('Reasons for the rating');
    expect(screen.queryByRole('dialog')).toBeNull(); // nothing sent
    expect(fetch.sent('POST', `/api/visits/${visit.id}/report/submit`)).toHaveLength(0);
  });

  it('a photo taken offline appears as a thumbnail, on the phone only', async () => {
    // jsdom has no object URLs: the thumbnail's address is the test's
    const objectUrls = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    URL.createObjectURL = () => 'blob:photo-1';
    URL.revokeObjectURL = () => {};
    onTestFinished(() => {
      Object.assign(URL, objectUrls);
    });
    const visit = visitWith('v-photo');
    const fetch = serveVisit(visit);
    openForm(visit);
    expect(await screen.findByRole('heading', { name: 'Visit report' })).toBeTruthy();
    expect(screen.getByTestId('photo-reminder').textContent).toContain("Never photograph a beneficiary's face");
    online = false;
    window.dispatchEvent(new Event('offline'));

    const file = new File([new Uint8Array([255, 216, 255, 224, 0, 16])], 'IMG_0001.jpg', { type: 'image/jpeg' });
    const input = screen.getByTestId('photo-input') as HTMLInputElement;
    expect(input.getAttribute('accept')).toBe('image/*');
    expect(input.getAttribute('capture')).toBe('environment');
    fireEvent.change(input, { target: { files: [file] } });

    const thumbnail = await screen.findByTestId('photo-thumbnail');
    expect(thumbnail.getAttribute('src')).toBe('blob:photo-1');
    const card = screen.getByTestId('photo');
    expect(card.getAttribute('data-state')).toBe('device_only');
    expect(within(card).getByTestId('photo-state').textContent).toBe('On this phone only');
    await waitFor(() => expect(screen.getByTestId('sync-status').textContent).toContain('Saved on this phone only'));
    expect(fetch.requests.some((r) => r.url.includes('/report/photos'))).toBe(false);
  });

  it("puts the server's 422 details next to the fields they name", async () => {
    const visit = visitWith('v-422', { activities: WORK_PLAN.map((a) => ({ activityId: a.activityId, status: 3, comment: null })), rating: 1, findings: 'Far too long…' });
    serveVisit(visit, () =>
      json({
        statusCode: 422, error: 'invalid_report', message: 'The report cannot be submitted',
        details: [
          { field: 'content.findings', code: 'too_long', message: 'Too long' },
          { field: 'content.activities.1.status', code: 'invalid', message: 'Not one of the allowed values' },
        ],
      }, 422),
    );
    openForm(visit);
    expect(await screen.findByRole('heading', { name: 'Visit report' })).toBeTruthy();
    const submit = screen.getByRole('button', { name: 'Submit the report' });
    await waitFor(() => expect((submit as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(submit);
    const dialog = await screen.findByRole('dialog', { name: 'Submit the report?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Submit the report' }));

    await waitFor(() => expect(errorOf(screen.getByRole('textbox', { name: /^Findings/ }))).toContain('Too long'));
    const second = screen.getByTestId('activity-activity.A1.2');
    expect(within(second).getByRole('alert').textContent).toBe('Not one of the allowed values');
    expect(within(screen.getByTestId('activity-activity.A1.1')).queryByRole('alert')).toBeNull();
  });

  it('keeps a new action point on the form until it says what is to be done, then sends it with the report', async () => {
    const visit = visitWith('v-point');
    const fetch = serveVisit(visit);
    openForm(visit);
    expect(await screen.findByRole('heading', { name: 'Visit report' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add an action point' }));
    const row = within(await screen.findByTestId('action-point-0'));
    expect(screen.getByTestId('sync-status').textContent).toContain('Saved on the server'); // a blank point is not a change
    fireEvent.change(row.getByRole('textbox', { name: /What is to be done/ }), { target: { value: 'Lock the case files' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save now' }));
    await waitFor(() => expect(fetch.sent('PUT', `/api/visits/${visit.id}/report`).length).toBeGreaterThan(0), { timeout: 4000 });
    const sent = JSON.parse(String(fetch.sent('PUT', `/api/visits/${visit.id}/report`).at(-1)!.body)) as { actionPoints: unknown[] };
    expect(sent.actionPoints).toEqual([{ what: 'Lock the case files', owner: 'organisation', priority: 'medium', dueDate: dayjs(visit.date).add(30, 'day').format('YYYY-MM-DD') }]);
    expect((screen.getByRole('textbox', { name: /What is to be done/ }) as HTMLTextAreaElement).value).toBe('Lock the case files');
  });

  it('sends a report that may no longer be edited to the visit page', async () => {
    const visit = { ...visitWith('v-sub'), can: { edit: false, submit: false, review: false, share: false, comment: false, reschedule: false } } as Visit;
    serveVisit(visit);
    openForm(visit);
    expect(await screen.findByText('the visit page')).toBeTruthy();
  });
});

describe('My visits', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows the month's visits in the calendar, and lists upcoming ones soonest first, then past ones latest first", async () => {
    const today = todayInKosovo();
    const day = (n: number) => dayjs(today).add(n, 'day').format('YYYY-MM-DD');
    const all = [
      summary('past-far', day(-40), { reportStatus: 'shared', rating: 3 }),
      summary('up-far', day(50), { type: 'unannounced' }),
      summary('today', day(0), { type: 'follow_up' }),
      summary('past-near', day(-10), { reportStatus: 'submitted' }),
      summary('up-near', day(5)),
    ];
    const fetch = mockFetch((url) => {
      if (!url.startsWith('/api/visits?')) return undefined;
      const q = new URLSearchParams(url.split('?')[1]);
      const items = all.filter((v) => (!q.get('from') || v.date >= q.get('from')!) && (!q.get('to') || v.date <= q.get('to')!));
      return json({ items, total: items.length, page: 1, pageSize: 500 });
    });
    renderRoutes([{ path: '/visits', element: <VisitsPage /> }], ['/visits'], queryClientWith(newMonitor()));
    expect(await screen.findByRole('heading', { level: 1, name: 'My visits' })).toBeTruthy();

    const month = today.slice(0, 7);
    const calendar = screen.getByTestId('visits-calendar');
    const inMonth = all.filter((v) => v.date.startsWith(month)).map((v) => v.id);
    await waitFor(() => expect(within(calendar).queryAllByTestId(/^calendar-visit-/).map((e) => e.dataset.testid!.replace('calendar-visit-', '')).sort()).toEqual([...inMonth].sort()));
    expect(within(calendar).getByTestId(`calendar-day-${today}`).textContent).toContain('Org today');
    expect(within(calendar).getByTestId('calendar-month').textContent).toBe(dayjs(today).format('MMMM YYYY'));
    expect(fetch.requests.some((r) => r.url.includes(`from=${month}-01`))).toBe(true);

    const ids = (testId: string) => within(screen.getByTestId(testId)).getAllByTestId(/^visit-(?!type$)/).map((e) => e.dataset.testid!.replace('visit-', ''));
    await waitFor(() => expect(ids('visits-upcoming')).toEqual(['today', 'up-near', 'up-far']));
    expect(ids('visits-past')).toEqual(['past-near', 'past-far']);
    const far = screen.getByTestId('visit-up-far');
    expect(within(far).getByText('Unannounced')).toBeTruthy();
    expect(far.getAttribute('href')).toBe('/visits/up-far');
    expect(within(screen.getByTestId('visit-past-far')).getByText('Report shared')).toBeTruthy();

    // the next month: the calendar asks for it
    fireEvent.click(screen.getByRole('button', { name: 'Next month' }));
    const next = dayjs(`${month}-01`).add(1, 'month').format('YYYY-MM');
    await waitFor(() => expect(fetch.requests.some((r) => r.url.includes(`from=${next}-01`))).toBe(true));
  });
});
