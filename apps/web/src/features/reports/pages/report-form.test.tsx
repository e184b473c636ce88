import { permissionsFor } from '@grants/domain';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { completeContent, content, I1, I2, makeReport } from '../fixtures.test-data';
import type { Report } from '../types';
import { ReportPage } from './ReportPage';

const owner = makeMe({ id: 'u1', role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });

function serve(report: Report, more?: (url: string, method: string, body: unknown) => Response | undefined) {
  return mockFetch((url, init) => {
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const m = more?.(url, init.method, body);
    if (m) return m;
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url === '/api/reports/r1' && init.method === 'GET') return json(report);
    if (url === '/api/reports/r1' && init.method === 'PUT') return json({ ...report, version: (body as { version: number }).version + 1, content: (body as { content: unknown }).content });
    return undefined;
  });
}
const open = (report: Report, more?: Parameters<typeof serve>[1]) => {
  const fetch = serve(report, more);
  renderRoutes([{ path: '/reports/:id', element: <ReportPage /> }], ['/reports/r1'], queryClientWith(owner));
  return fetch;
};

describe('the organisation’s report form', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('walks the grant’s logframe: each result with its activities, each indicator with baseline, target and means of verification', async () => {
    open(makeReport());
    expect(await screen.findByRole('heading', { name: /Interim report 1/ })).toBeTruthy();
    const results = within(screen.getByTestId('section-results'));
    expect(results.getByRole('heading', { name: 'Women in the shelter receive counselling' })).toBeTruthy();
    expect(results.getByRole('heading', { name: 'Young people find work' })).toBeTruthy();
    const activity = within(screen.getByTestId('activity-activity.A1.1'));
    expect(activity.getByText('Run weekly counselling sessions')).toBeTruthy();
    expect(activity.getByRole('textbox', { name: 'What was done' })).toBeTruthy();
    expect(activity.getByRole('textbox', { name: 'Deviations from the plan, and why' })).toBeTruthy();
    const indicator = within(screen.getByTestId(`indicator-${I1}`));
    expect(indicator.getByText('Women counselled')).toBeTruthy();
    expect(indicator.getByTestId('baseline').textContent).toBe('0 women');
    expect(indicator.getByTestId('target').textContent).toBe('40 women');
    expect(indicator.getByText('Session register')).toBeTruthy();
    // the financial part is the linked expenditure report, not typed again
    const financial = within(screen.getByTestId('financial-part'));
    expect(financial.getByText('Reported spent: €12,345.00')).toBeTruthy();
    expect(financial.getByRole('link', { name: 'Open the expenditure report' }).getAttribute('href')).toBe('/expenditure-reports/e1');
  });

  it('shows the progress towards the target as the value is typed, and flags an indicator behind the time elapsed', async () => {
    open(makeReport());
    const one = within(await screen.findByTestId(`indicator-${I1}`));
    fireEvent.change(one.getByRole('textbox', { name: 'Cumulative value' }), { target: { value: '30' } });
    expect(one.getByText('75% of the way from baseline to target')).toBeTruthy();
    expect(one.queryByTestId('behind')).toBeNull();
    const two = within(screen.getByTestId(`indicator-${I2}`));
    fireEvent.change(two.getByRole('textbox', { name: 'Cumulative value' }), { target: { value: '2' } });
    expect(two.getByText('10% of the way from baseline to target')).toBeTruthy();
    // 10% of the way with half the grant's time gone
    expect(two.getByTestId('behind').textContent).toBe('Behind time elapsed: 50% of the grant\'s time has gone');
  });

  it('says beside a breakdown that it does not add up to the total', async () => {
    open(makeReport());
    const form = within(await screen.findByTestId('beneficiary-form'));
    fireEvent.change(form.getByRole('textbox', { name: 'Total people reached' }), { target: { value: '12' } });
    const bySex = within(screen.getByTestId('breakdown-bySex'));
    fireEvent.change(bySex.getByRole('textbox', { name: 'Women and girls' }), { target: { value: '9' } });
    expect(bySex.getByTestId('breakdown-bySex-problem').textContent).toBe('This breakdown adds up to 9, not to the total of 12.');
    fireEvent.change(bySex.getByRole('textbox', { name: 'Men and boys' }), { target: { value: '3' } });
    expect(bySex.queryByTestId('breakdown-bySex-problem')).toBeNull();
    // the age breakdown, still empty, is the one that does not add up
    expect(within(screen.getByTestId('breakdown-byAge')).getByTestId('breakdown-byAge-problem').textContent).toBe('This breakdown adds up to 0, not to the total of 12.');
  });

  it('saves as the organisation types, with the version it was made from; a 409 shows the conflict and saves nothing more', async () => {
    let puts = 0;
    const fetch = open(makeReport(), (url, method) => {
      if (url === '/api/reports/r1' && method === 'PUT' && ++puts === 2) return json({ statusCode: 409, error: 'Conflict', message: 'version_conflict', details: [{ field: 'version', code: 'version_conflict', message: 'stale' }] }, 409);
      return undefined;
    });
    const general = await screen.findByRole('textbox', { name: 'Summary of the period' });
    fireEvent.change(general, { target: { value: 'We counselled thirty women.' } });
    await waitFor(() => expect(fetch.sent('PUT', '/api/reports/r1')).toHaveLength(1), { timeout: 3000 });
    const first = bodyOf<{ version: number; content: { general: { summary: string } } }>(fetch.sent('PUT', '/api/reports/r1')[0]);
    expect(first.version).toBe(3);
    expect(first.content.general.summary).toBe('We counselled thirty women.');
    await screen.findByText(/Saved at/);
    fireEvent.change(general, { target: { value: 'We counselled thirty-one women.' } });
    await waitFor(() => expect(fetch.sent('PUT', '/api/reports/r1')).toHaveLength(2), { timeout: 3000 });
    expect(bodyOf<{ version: number }>(fetch.sent('PUT', '/api/reports/r1')[1]).version).toBe(4);
    expect(await screen.findByTestId('autosave-conflict')).toBeTruthy();
    fireEvent.change(general, { target: { value: 'Typed after the conflict' } });
    await act(() => new Promise((r) => setTimeout(r, 1500)));
    expect(fetch.sent('PUT', '/api/reports/r1')).toHaveLength(2);
  });

  it('names what is missing beside the section and does not submit an incomplete report', async () => {
    const fetch = open(makeReport());
    fireEvent.click(await screen.findByRole('button', { name: 'Submit the report' }));
    expect(await screen.findByText('Fill in what is missing before submitting.')).toBeTruthy();
    expect(screen.getByTestId('missing-general').textContent).toBe('1 item missing');
    expect(within(screen.getByTestId('completeness-general')).getByText(/General · Summary of the period/)).toBeTruthy();
    expect(fetch.sent('POST', '/api/reports/r1/submit')).toHaveLength(0);
  });

  it('shows each passage that looks like personal data and submits only once each is confirmed', async () => {
    const filled = completeContent();
    filled.general.summary = 'The victim Arta Krasniqi was placed in the shelter. Call 044 123 456 for the coordinator.';
    const fetch = open(makeReport({ content: filled }), (url, method) =>
      url === '/api/reports/r1/submit' && method === 'POST' ? json(makeReport({ content: filled, status: 'submitted', can: { edit: false, submit: false, review: false, comment: false, requestExtension: false, decideExtension: false } })) : undefined,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Submit the report' }));
    const dialog = within(await screen.findByTestId('privacy-dialog'));
    const findings = dialog.getAllByTestId('privacy-finding');
    expect(findings).toHaveLength(2);
    expect(within(findings[0]!).getByText('Name next to a word such as victim')).toBeTruthy();
    expect(within(findings[0]!).getByText('Arta Krasniqi').tagName).toBe('MARK');
    expect(within(findings[1]!).getByText('Phone number')).toBeTruthy();
    expect(within(findings[1]!).getByText('044 123 456').tagName).toBe('MARK');
    const proceed = dialog.getByRole('button', { name: 'Continue' });
    expect((proceed as HTMLButtonElement).disabled).toBe(true);
    expect(dialog.getByTestId('privacy-remaining').textContent).toBe('2 passages still to remove or confirm');
    fireEvent.click(within(findings[0]!).getByRole('checkbox', { name: 'This is not about a beneficiary' }));
    expect((proceed as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(findings[1]!).getByRole('checkbox', { name: 'This is not about a beneficiary' }));
    expect((proceed as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(proceed);
    // a last confirmation before the report is frozen
    fireEvent.click(await screen.findByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/reports/r1/submit')).toHaveLength(1));
    const sent = bodyOf<{ version: number; confirmations: { field: string; kind: string; excerptHash: string }[] }>(fetch.sent('POST', '/api/reports/r1/submit')[0]);
    expect(sent.version).toBe(3);
    expect(sent.confirmations.map((c) => [c.field, c.kind])).toEqual([['general.summary', 'name'], ['general.summary', 'phone']]);
    for (const c of sent.confirmations) expect(c.excerptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await screen.findByTestId('read-only')).toBeTruthy();
  });

  it('takes the writer back to the field to remove a passage, and submits nothing', async () => {
    const filled = completeContent();
    filled.indicators[I1]!.comment = 'Her number is 049 123 456.';
    const fetch = open(makeReport({ content: filled }));
    fireEvent.click(await screen.findByRole('button', { name: 'Submit the report' }));
    const finding = within(await screen.findByTestId('privacy-finding'));
    expect(finding.getByText('In Indicators · Women counselled · Comment')).toBeTruthy();
    fireEvent.click(finding.getByRole('button', { name: 'Remove it in the form' }));
    const comment = within(screen.getByTestId(`indicator-${I1}`)).getByRole('textbox', { name: 'Comment' });
    await waitFor(() => expect(document.activeElement).toBe(comment));
    expect(fetch.sent('POST', '/api/reports/r1/submit')).toHaveLength(0);
  });

  it('shows a returned report’s comments beside their section and indicator', async () => {
    open(makeReport({
      status: 'returned', submittedVersion: 1, content: completeContent(),
      comments: [
        { id: 'c1', kind: 'review', section: 'general', indicatorId: null, text: 'Say which municipalities were reached.', version: 1, authorName: 'Blerta Hoxha', authorRole: 'secretariat', createdAt: '2026-10-02T09:00:00Z' },
        { id: 'c2', kind: 'review', section: 'indicators', indicatorId: I2, text: 'Attach the employment contracts.', version: 1, authorName: 'Blerta Hoxha', authorRole: 'secretariat', createdAt: '2026-10-02T09:00:00Z' },
      ],
    }));
    expect(await screen.findByTestId('returned-alert')).toBeTruthy();
    expect(within(screen.getByTestId('section-general')).getByText('Say which municipalities were reached.')).toBeTruthy();
    expect(within(screen.getByTestId(`indicator-${I2}`)).getByText('Attach the employment contracts.')).toBeTruthy();
    expect(within(screen.getByTestId(`indicator-${I1}`)).queryByText('Attach the employment contracts.')).toBeNull();
  });

  it('asks for more time with a date after the due date and a reason', async () => {
    const fetch = open(makeReport({ content: content() }), (url, method) => (url === '/api/reports/r1/extension-requests' && method === 'POST' ? json(makeReport({ extensionRequests: [{ id: 'x1', status: 'requested', requestedDueDate: '2026-10-31', reason: 'Staff illness', requestedByName: 'Arta Berisha', requestedAt: '2026-09-20T10:00:00Z', decidedByName: null, decidedAt: null, decisionNote: null }] })) : undefined));
    const panel = within(await screen.findByTestId('extension-form'));
    fireEvent.click(panel.getByRole('button', { name: 'Send the request' }));
    expect(await panel.findByText('Say why more time is needed.')).toBeTruthy();
    expect(fetch.sent('POST', '/api/reports/r1/extension-requests')).toHaveLength(0);
    fireEvent.change(panel.getByRole('textbox', { name: /New due date/ }), { target: { value: '31/10/2026' } });
    fireEvent.blur(panel.getByRole('textbox', { name: /New due date/ }));
    fireEvent.change(panel.getByRole('textbox', { name: 'Reason' }), { target: { value: 'Staff illness' } });
    fireEvent.click(panel.getByRole('button', { name: 'Send the request' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/reports/r1/extension-requests')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/reports/r1/extension-requests')[0])).toEqual({ requestedDueDate: '2026-10-31', reason: 'Staff illness' });
    expect(await within(screen.getByTestId('extension')).findByText('Requested')).toBeTruthy();
  });

  it('words the API’s refusal of a request for more time', async () => {
    open(makeReport(), (url, method) =>
      url === '/api/reports/r1/extension-requests' && method === 'POST'
        ? json({ statusCode: 409, error: 'Conflict', message: 'A request is waiting', details: [{ field: 'report', code: 'request_pending', message: 'pending' }] }, 409)
        : undefined,
    );
    const panel = within(await screen.findByTestId('extension-form'));
    fireEvent.change(panel.getByRole('textbox', { name: /New due date/ }), { target: { value: '31/10/2026' } });
    fireEvent.blur(panel.getByRole('textbox', { name: /New due date/ }));
    fireEvent.change(panel.getByRole('textbox', { name: 'Reason' }), { target: { value: 'Staff illness' } });
    fireEvent.click(panel.getByRole('button', { name: 'Send the request' }));
    expect(await panel.findByText('A request for more time is already waiting for the Secretariat.')).toBeTruthy();
  });
});
