import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import { completeContent, I1, I2, makeReport } from '../fixtures.test-data';
import type { Report } from '../types';
import { ReportPage, ReportVersionPage } from './ReportPage';

const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const observer = makeMe({ id: 'u9', role: 'observer', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'observer' }) });
const monitor = makeMe({ id: 'm1', role: 'monitor', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'monitor' }) });

const NONE = { edit: false, submit: false, review: false, comment: false, requestExtension: false, decideExtension: false };
const SMALL = { shown: '<5', reason: 'small_count' } as const;
const HIDDEN = { shown: 'c', reason: 'complementary' } as const;

/** A submitted report as anyone but the organisation gets it: the frozen version 1, the counts as shown. */
function submitted(overrides: Partial<Report> = {}): Report {
  const base = makeReport({ content: completeContent(), status: 'submitted', submittedVersion: 1, submittedAt: '2026-09-28T10:00:00Z', contentVersion: 1, can: { ...NONE, review: true, comment: true, decideExtension: true } });
  const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
  const shown = {
    total: 12,
    bySex: { female: 10, male: SMALL, other: 0 },
    byAge: { '0-17': 0, '18-24': 7, '25-59': HIDDEN, '60+': 0 },
    byIntake: { new: 12, continuing: 0 },
    byService: { ...zeros(['shelter', 'legal_aid', 'health_care', 'education', 'vocational_training', 'employment', 'small_business_support', 'family_reintegration', 'other']), psychological_support: 12 },
    byMunicipality: { prishtina: 12 },
  };
  return { ...base, content: { ...base.content!, beneficiaries: shown }, beneficiaries: shown, versions: [{ version: 1, sha256: 'a'.repeat(64), submittedAt: '2026-09-28T10:00:00Z', submittedBy: 'Arta Berisha' }], ...overrides };
}

function open(me: Me, report: Report, more?: (url: string, method: string) => Response | undefined, path = '/reports/r1') {
  const fetch = mockFetch((url, init) => {
    const m = more?.(url, init.method);
    if (m) return m;
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url === '/api/reports/r1' && init.method === 'GET') return json(report);
    return undefined;
  });
  renderRoutes([{ path: '/reports/:id', element: <ReportPage /> }, { path: '/reports/:id/versions/:version', element: <ReportVersionPage /> }], [path], queryClientWith(me));
  return fetch;
}

describe('the Secretariat’s review of a report', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the report read-only with a comment box per section and per indicator', async () => {
    open(officer, submitted());
    expect(await screen.findByTestId('review-actions')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Submit the report' })).toBeNull();
    expect(screen.getByText('Counselling ran every week; the cooking course started.')).toBeTruthy();
    expect(within(screen.getByTestId('section-general')).getByRole('textbox', { name: 'Your comment on General' })).toBeTruthy();
    expect(within(screen.getByTestId(`indicator-${I1}`)).getByRole('textbox', { name: 'Your comment on the indicator Women counselled' })).toBeTruthy();
    expect(within(screen.getByTestId(`indicator-${I1}`)).getByTestId('cumulative-value').textContent).toBe('30');
  });

  it('returns only with at least one comment, after a confirmation, with the comments by section and indicator', async () => {
    const fetch = open(officer, submitted(), (url, method) => (url === '/api/reports/r1/return' && method === 'POST' ? json(submitted({ status: 'returned', can: NONE })) : undefined));
    fireEvent.click(await screen.findByRole('button', { name: 'Return with comments' }));
    expect((await screen.findByTestId('need-comment')).textContent).toBe('Write at least one comment, on a section or an indicator, before returning the report.');
    expect(fetch.sent('POST', '/api/reports/r1/return')).toHaveLength(0);

    fireEvent.change(within(screen.getByTestId('section-general')).getByRole('textbox', { name: 'Your comment on General' }), { target: { value: 'Name the municipalities reached.' } });
    fireEvent.change(within(screen.getByTestId(`indicator-${I2}`)).getByRole('textbox', { name: /Your comment on the indicator/ }), { target: { value: 'Attach the contracts.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Return with comments' }));
    const dialog = await screen.findByRole('dialog', { name: 'Return the report to the organisation?' });
    expect(within(dialog).getByText('The organisation is told and revises the report with your 2 comments.')).toBeTruthy();
    expect(fetch.sent('POST', '/api/reports/r1/return')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Return with comments' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/reports/r1/return')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/reports/r1/return')[0])).toEqual({
      version: 3,
      comments: [
        { section: 'general', text: 'Name the municipalities reached.' },
        { section: 'indicators', indicatorId: I2, text: 'Attach the contracts.' },
      ],
    });
    expect(await screen.findByTestId('read-only')).toBeTruthy();
  });

  it('asks the reviewer to confirm a passage of a comment that looks like personal data before returning', async () => {
    const fetch = open(officer, submitted(), (url, method) => (url === '/api/reports/r1/return' && method === 'POST' ? json(submitted({ status: 'returned', can: NONE })) : undefined));
    fireEvent.change(within(await screen.findByTestId('section-lessons')).getByRole('textbox', { name: 'Your comment on Lessons learned' }), { target: { value: 'Call me on 044 123 456 about this.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Return with comments' }));
    const dialog = within(await screen.findByTestId('privacy-dialog'));
    const [finding] = dialog.getAllByTestId('privacy-finding');
    expect(within(finding!).getByText('In Your comment on Lessons learned')).toBeTruthy();
    expect(within(finding!).getByText('044 123 456').tagName).toBe('MARK');
    fireEvent.click(within(finding!).getByRole('checkbox', { name: 'This is not about a beneficiary' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    const confirmDialog = await screen.findByRole('dialog', { name: 'Return the report to the organisation?' });
    fireEvent.click(within(confirmDialog).getByRole('button', { name: 'Return with comments' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/reports/r1/return')).toHaveLength(1));
    const sent = bodyOf<{ comments: unknown[]; confirmations: { kind: string; excerptHash: string }[] }>(fetch.sent('POST', '/api/reports/r1/return')[0]);
    expect(sent.comments).toEqual([{ section: 'lessons', text: 'Call me on 044 123 456 about this.' }]);
    expect(sent.confirmations).toHaveLength(1);
    expect(sent.confirmations[0]).toEqual({ kind: 'phone', excerptHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('accepts after a confirmation, without a comment', async () => {
    const fetch = open(officer, submitted(), (url, method) => (url === '/api/reports/r1/accept' && method === 'POST' ? json(submitted({ status: 'accepted', can: NONE })) : undefined));
    fireEvent.click(await screen.findByRole('button', { name: 'Accept the report' }));
    const dialog = await screen.findByRole('dialog', { name: 'Accept this report?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Accept the report' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/reports/r1/accept')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/reports/r1/accept')[0])).toEqual({ version: 3 });
  });

  it('grants a request for more time, and refuses one only with a note', async () => {
    const request = { id: 'x1', status: 'requested' as const, requestedDueDate: '2026-10-31', reason: 'Staff illness', requestedByName: 'Arta Berisha', requestedAt: '2026-09-20T10:00:00Z', decidedByName: null, decidedAt: null, decisionNote: null };
    const fetch = open(officer, submitted({ status: 'draft', content: null, contentVersion: null, versions: [], extensionRequests: [request], can: { ...NONE, decideExtension: true } }), (url, method) =>
      url === '/api/reports/r1/extension-requests/x1/decision' && method === 'POST' ? json(submitted({ extensionRequests: [{ ...request, status: 'granted' }] })) : undefined,
    );
    const row = within(await screen.findByTestId('extension-x1'));
    expect(screen.getByTestId('not-handed-in')).toBeTruthy();
    fireEvent.click(row.getByRole('button', { name: 'Refuse' }));
    expect(await row.findByText('Say why the request is refused.')).toBeTruthy();
    expect(fetch.sent('POST', '/api/reports/r1/extension-requests/x1/decision')).toHaveLength(0);
    fireEvent.click(row.getByRole('button', { name: 'Grant' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/reports/r1/extension-requests/x1/decision')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/reports/r1/extension-requests/x1/decision')[0])).toEqual({ decision: 'granted' });
  });

  it('compares two versions: the changed fields, before and after', async () => {
    const versions = [
      { version: 1, sha256: 'a'.repeat(64), submittedAt: '2026-09-28T10:00:00Z', submittedBy: 'Arta Berisha' },
      { version: 2, sha256: 'b'.repeat(64), submittedAt: '2026-10-08T10:00:00Z', submittedBy: 'Arta Berisha' },
    ];
    const fetch = open(officer, submitted({ versions }), (url) =>
      url === '/api/reports/r1/compare?from=1&to=2'
        ? json({ from: 1, to: 2, changes: [
            { field: 'general.summary', section: 'general', before: 'Counselling ran.', after: 'Counselling ran in Prishtina.' },
            { field: 'beneficiaries.bySex.male', section: 'beneficiaries', before: SMALL, after: 5 },
          ] })
        : undefined,
    );
    const panel = within(await screen.findByTestId('versions'));
    fireEvent.click(panel.getByRole('button', { name: 'Compare' }));
    const changes = within(await panel.findByTestId('version-changes'));
    expect(fetch.sent('GET', '/api/reports/r1/compare?from=1&to=2')).toHaveLength(1);
    const rows = changes.getAllByTestId('version-change').map((r) => ['change-field', 'change-before', 'change-after'].map((id) => within(r).getByTestId(id).textContent));
    expect(rows).toEqual([
      ['General · Summary of the period', 'Counselling ran.', 'Counselling ran in Prishtina.'],
      ['Beneficiaries · By sex · Men and boys', '<5', '5'],
    ]);
  });
});

describe('the monitor’s and observer’s read-only view', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('renders the counts as the API shows them: "<5" and "c" as given, never worked out again', async () => {
    open(observer, submitted({ can: NONE }));
    const view = within(await screen.findByTestId('beneficiary-view'));
    expect(view.getByTestId('cell-bySex-male').textContent).toBe('<5');
    expect(view.getByTestId('cell-bySex-female').textContent).toBe('10');
    expect(view.getByTestId('cell-byAge-25-59').textContent).toBe('c');
    expect(view.getByTestId('cell-byAge-18-24').textContent).toBe('7');
    expect(view.getByText(/Counts from 1 to 4 are shown as <5/)).toBeTruthy();
    expect(screen.getByTestId('read-only').textContent).toBe('This report is handed in and can no longer be changed, unless the Secretariat returns it.');
    expect(screen.queryByTestId('review-actions')).toBeNull();
    expect(screen.queryAllByRole('textbox')).toEqual([]);
  });

  it('lets the grant’s monitor comment on a report handed in', async () => {
    const fetch = open(monitor, submitted({ can: { ...NONE, comment: true } }), (url, method) =>
      url === '/api/reports/r1/comments' && method === 'POST'
        ? json(submitted({ can: { ...NONE, comment: true }, comments: [{ id: 'c9', version: 1, kind: 'comment', authorName: 'Arben Krasniqi', authorRole: 'monitor', section: 'beneficiaries', indicatorId: null, text: 'Seen at the visit.', createdAt: '2026-10-01T10:00:00Z' }] }))
        : undefined,
    );
    const panel = within(await screen.findByTestId('comments'));
    fireEvent.change(panel.getByRole('textbox', { name: 'Add a comment' }), { target: { value: 'Seen at the visit.' } });
    fireEvent.click(panel.getByRole('button', { name: 'Send the comment' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/reports/r1/comments')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/reports/r1/comments')[0])).toEqual({ text: 'Seen at the visit.' });
    expect(await panel.findByText('Seen at the visit.')).toBeTruthy();
  });

  it('shows a frozen version with its fingerprint and the review comments written on it', async () => {
    const report = submitted({
      can: NONE,
      comments: [
        { id: 'c1', version: 1, kind: 'review', authorName: 'Blerta Hoxha', authorRole: 'secretariat', section: 'lessons', indicatorId: null, text: 'Say what you would do differently.', createdAt: '2026-10-02T09:00:00Z' },
        { id: 'c2', version: 2, kind: 'review', authorName: 'Blerta Hoxha', authorRole: 'secretariat', section: 'lessons', indicatorId: null, text: 'A later comment.', createdAt: '2026-10-12T09:00:00Z' },
      ],
    });
    const frozen = { version: 1, sha256: 'f'.repeat(64), submittedAt: '2026-09-28T10:00:00Z', submittedBy: 'Arta Berisha', content: { ...report.content!, lessons: 'Plan with employers early' }, beneficiaries: report.beneficiaries!, privacyConfirmations: [] };
    open(observer, report, (url) => (url === '/api/reports/r1/versions/1' ? json(frozen) : undefined), '/reports/r1/versions/1');
    expect(await screen.findByRole('heading', { name: 'Interim report 1 · MF-C3-2026-00/G-001 · version 1' })).toBeTruthy();
    expect(screen.getByText(`SHA-256 fingerprint: ${'f'.repeat(64)}`)).toBeTruthy();
    const lessons = within(screen.getByTestId('section-lessons'));
    expect(lessons.getByText('Plan with employers early')).toBeTruthy();
    expect(lessons.getByText('Say what you would do differently.')).toBeTruthy();
    expect(lessons.queryByText('A later comment.')).toBeNull();
    expect(within(screen.getByTestId('beneficiary-view')).getByTestId('cell-bySex-male').textContent).toBe('<5');
  });
});
