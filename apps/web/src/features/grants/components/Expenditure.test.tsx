import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import { GrantPage } from '../pages/GrantPage';
import { ExpenditureReportPage } from '../pages/ExpenditureReportPage';
import { BLOCKED, GRANT, GRANT_ID, PRE_FINANCING } from '../test/fixtures';
import type { ExpenditureReport, GrantExpenditure } from './ExpenditureApi';

const owner = makeMe({ role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });

const REPORT_ID = '44444444-4444-4444-8444-444444444444';
const line = (lineId: string, description: string, approvedCents: number, spentBeforeCents: number, spentInPeriodCents: number) => {
  const cumulativeCents = spentBeforeCents + spentInPeriodCents;
  return {
    lineId, heading: 'human_resources', description, approvedCents, spentBeforeCents, spentInPeriodCents, cumulativeCents, remainingCents: approvedCents - cumulativeCents,
    varianceBp: Math.trunc(((cumulativeCents - approvedCents) * 10_000) / approvedCents), usedBp: Math.trunc((cumulativeCents * 10_000) / approvedCents), overspent: cumulativeCents > approvedCents, comment: null as string | null,
  };
};
const LINES = [line('L1', 'Psychologist', 1_000_000, 400_000, 0), line('L2', 'Legal aid', 200_000, 0, 0)];
const totals = (ls: typeof LINES) => {
  const s = (k: 'approvedCents' | 'spentBeforeCents' | 'spentInPeriodCents' | 'cumulativeCents') => ls.reduce((a, l) => a + l[k], 0);
  return { approvedCents: s('approvedCents'), spentBeforeCents: s('spentBeforeCents'), spentInPeriodCents: s('spentInPeriodCents'), cumulativeCents: s('cumulativeCents'), remainingCents: s('approvedCents') - s('cumulativeCents'), varianceBp: null };
};
const DRAFT: ExpenditureReport = {
  id: REPORT_ID, grantId: GRANT_ID, agreementNumber: 'MF-C3-2026-00/G-001', seq: 2, periodStart: '2027-01-01', periodEnd: '2027-06-30', status: 'draft', version: 1,
  spentCents: 0, submittedAt: null, reviewedAt: null, lines: LINES, totals: totals(LINES), unbudgeted: [], documents: [], returnComment: null, createdAt: '2027-01-02T10:00:00Z',
  problems: [], canEdit: true, canReview: false,
};
const OVERVIEW: GrantExpenditure = {
  grantId: GRANT_ID, asOf: '2027-01-10', period: { periodStart: '2026-07-01', periodEnd: '2026-12-31' },
  lines: [line('L1', 'Psychologist', 1_000_000, 0, 400_000), line('L2', 'Legal aid', 200_000, 0, 0)],
  totals: { approvedCents: 1_200_000, spentBeforeCents: 0, spentInPeriodCents: 400_000, cumulativeCents: 400_000, remainingCents: 800_000, varianceBp: -6666 },
  unbudgeted: [],
  burnRate: { spentCents: 400_000, approvedCents: 1_200_000, daysElapsed: 194, totalDays: 549, spentBp: 3333, elapsedBp: 3533, gapBp: -200, burnRatioBp: 9432 },
  reports: [{ id: 'r1', seq: 1, periodStart: '2026-07-01', periodEnd: '2026-12-31', status: 'accepted', spentCents: 400_000, submittedAt: '2027-01-05T10:00:00Z', reviewedAt: '2027-01-06T10:00:00Z' }],
  next: { periodStart: '2027-01-01', periodEnd: '2027-06-30' },
};

const routes = [{ path: '/grants/:id', element: <GrantPage /> }, { path: '/expenditure-reports/:id', element: <ExpenditureReportPage /> }];
const open = (me: Me, path: string) => renderRoutes(routes, [path], queryClientWith(me));

describe('expenditure: the grant page and the organisation\'s report form', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows budget vs spent by line with the burn rate, and opens the next period\'s report', async () => {
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/grants/${GRANT_ID}` && init.method === 'GET') return json(GRANT);
      if (url === `/api/grants/${GRANT_ID}/expenditure`) return json(OVERVIEW);
      if (url === `/api/grants/${GRANT_ID}/expenditure-reports` && init.method === 'POST') return json(DRAFT, 201);
      return undefined;
    });
    open(owner, `/grants/${GRANT_ID}`);
    const section = within(await screen.findByTestId('expenditure-section'));
    const l1 = within(await section.findByTestId('expenditure-line-L1'));
    expect(l1.getByText('€10,000.00')).toBeTruthy();
    expect(l1.getAllByText('€4,000.00').length).toBe(2); // in the period and cumulative
    expect(l1.getByText('€6,000.00')).toBeTruthy();
    expect(l1.getByText('-60%')).toBeTruthy();
    const burn = within(section.getByTestId('burn-rate'));
    expect(burn.getByText('33.3%')).toBeTruthy();
    expect(burn.getByText('Spending is 2.0% behind time.')).toBeTruthy();
    expect(within(section.getByTestId('expenditure-report-1')).getByText('Accepted')).toBeTruthy();
    fireEvent.click(section.getByRole('button', { name: 'Report expenditure for 1 Jan 2027 – 30 Jun 2027' }));
    expect(await screen.findByTestId('expenditure-form')).toBeTruthy();
    expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/expenditure-reports`)).toHaveLength(1);
  });

  it('reconciles the direct lines with the approved total, one share spent (of the direct costs), and no variance or pace before anything is spent', async () => {
    const fresh: GrantExpenditure = {
      ...OVERVIEW, period: null, reports: [],
      lines: [line('L1', 'Psychologist', 1_000_000, 0, 0), line('L2', 'Legal aid', 200_000, 0, 0)],
      totals: { approvedCents: 1_200_000, spentBeforeCents: 0, spentInPeriodCents: 0, cumulativeCents: 0, remainingCents: 1_200_000, varianceBp: -10_000 },
      burnRate: { spentCents: 0, approvedCents: 1_200_000, daysElapsed: 0, totalDays: 549, spentBp: 0, elapsedBp: 0, gapBp: 0, burnRatioBp: null },
    };
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/grants/${GRANT_ID}` && init.method === 'GET') return json(GRANT);
      if (url === `/api/grants/${GRANT_ID}/expenditure`) return json(fresh);
      return undefined;
    });
    open(owner, `/grants/${GRANT_ID}`);
    const section = within(await screen.findByTestId('expenditure-section'));
    for (const id of ['L1', 'L2']) {
      const row = within(await section.findByTestId(`expenditure-line-${id}`));
      expect(row.queryByText('-100%')).toBeNull();
      expect(row.getByText('—')).toBeTruthy();
    }
    expect(within(section.getByTestId('expenditure-totals')).getByText('Direct costs')).toBeTruthy();
    expect((await section.findByTestId('expenditure-reconcile')).textContent).toBe(
      'Direct costs €27,000.00 + indirect costs (7% flat rate on the direct costs) €1,890.00 = approved total €28,890.00. Spending is reported on the direct lines; the share spent is of the direct costs.');
    const burn = within(section.getByTestId('burn-rate'));
    expect(burn.getByText('Share of the direct costs spent')).toBeTruthy();
    expect(burn.queryByText(/ahead of time/)).toBeNull();
    expect(burn.getByTestId('burn-gap').textContent).toBe('The grant\'s time has not begun yet: there is nothing to compare spending with.');
  });

  it('computes cumulative, remaining and variance as one types, sends cents, and shows the server\'s problems next to their line', async () => {
    let current = DRAFT;
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/expenditure-reports/${REPORT_ID}` && init.method === 'GET') return json(current);
      if (url === `/api/expenditure-reports/${REPORT_ID}` && init.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as { lines: { lineId: string; spentCents: number }[] };
        const ls = LINES.map((l, i) => line(l.lineId, l.description, l.approvedCents, l.spentBeforeCents, body.lines[i]!.spentCents));
        current = { ...current, version: current.version + 1, lines: ls, totals: totals(ls), spentCents: ls.reduce((s, l) => s + l.spentInPeriodCents, 0),
          problems: [{ field: 'lines.0.spentCents', code: 'over_budget', params: { approvedCents: 1_000_000, cumulativeCents: 1_050_000, overCents: 50_000, spentBeforeCents: 400_000 } }, { field: 'documentFileIds', code: 'required' }] };
        return json(current);
      }
      if (url === `/api/expenditure-reports/${REPORT_ID}/submit`) {
        return json({ statusCode: 422, error: 'Unprocessable Entity', code: 'invalid_report', message: 'cannot be submitted', details: [{ field: 'lines.0.spentCents', code: 'over_budget', message: 'x' }, { field: 'documentFileIds', code: 'required', message: 'Required' }] }, 422);
      }
      return undefined;
    });
    open(owner, `/expenditure-reports/${REPORT_ID}`);
    const input = await screen.findByRole('textbox', { name: 'Spent this period on Psychologist' });
    fireEvent.change(input, { target: { value: '6500.00' } });
    const l1 = within(screen.getByTestId('expenditure-line-L1'));
    expect(l1.getByText('€10,500.00')).toBeTruthy(); // cumulative: 4,000 before + 6,500
    expect(l1.getByText('-€500.00')).toBeTruthy();
    expect(l1.getByText('+5%')).toBeTruthy();
    expect(l1.getByText('Over the approved amount by €500.00')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'abc' } });
    expect(screen.getByRole('button', { name: 'Submit for review' }).hasAttribute('disabled')).toBe(true);
    fireEvent.change(input, { target: { value: '6500.00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit for review' }));
    await waitFor(() => expect(fetch.sent('POST', `/api/expenditure-reports/${REPORT_ID}/submit`)).toHaveLength(1));
    expect(bodyOf(fetch.sent('PUT', `/api/expenditure-reports/${REPORT_ID}`)[0])).toEqual({ version: 1, lines: [{ lineId: 'L1', spentCents: 650_000 }, { lineId: 'L2', spentCents: 0 }], documentFileIds: [] });
    expect(bodyOf(fetch.sent('POST', `/api/expenditure-reports/${REPORT_ID}/submit`)[0])).toEqual({ version: 2 });
    expect(await screen.findByText('The report cannot be submitted yet: correct what is marked next to its lines.')).toBeTruthy();
    expect(within(screen.getByTestId('expenditure-line-L1')).getByTestId('problem-L1').textContent).toBe('Cumulative €10,500.00 is above the approved €10,000.00 by €500.00');
    expect(screen.getByText('Required')).toBeTruthy(); // the documents
  });

  it('says on the form that a period which has not begun cannot be reported yet', async () => {
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/expenditure-reports/${REPORT_ID}` && init.method === 'GET') return json({ ...DRAFT, problems: [{ field: 'periodStart', code: 'not_started', params: { periodStart: '2027-01-01' } }] });
      return undefined;
    });
    open(owner, `/expenditure-reports/${REPORT_ID}`);
    expect(await screen.findByText('Start of the period: The period has not begun yet: spending is reported from 1 Jan 2027, not for days that have not come.')).toBeTruthy();
  });

  it('reads amounts in the Albanian decimal mark', async () => {
    await setupI18n('sq');
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/expenditure-reports/${REPORT_ID}` && init.method === 'GET') return json(DRAFT);
      if (url === `/api/expenditure-reports/${REPORT_ID}` && init.method === 'PUT') return json({ ...DRAFT, version: 2 });
      return undefined;
    });
    open(owner, `/expenditure-reports/${REPORT_ID}`);
    fireEvent.change(await screen.findByRole('textbox', { name: 'Shpenzuar në këtë periudhë për Legal aid' }), { target: { value: '1.234,56' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ruaj' }));
    await waitFor(() => expect(fetch.sent('PUT', `/api/expenditure-reports/${REPORT_ID}`)).toHaveLength(1));
    expect(bodyOf<{ lines: unknown[] }>(fetch.sent('PUT', `/api/expenditure-reports/${REPORT_ID}`)[0]).lines).toEqual([{ lineId: 'L1', spentCents: 0 }, { lineId: 'L2', spentCents: 123_456 }]);
  });

  it('requests the next tranche on the latest submitted or accepted expenditure report', async () => {
    const planned = { ...BLOCKED, status: 'planned' as const, requestedAt: null };
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/grants/${GRANT_ID}` && init.method === 'GET') return json({ ...GRANT, tranches: [PRE_FINANCING, planned] });
      if (url === `/api/grants/${GRANT_ID}/expenditure`) return json({ ...OVERVIEW, reports: [...OVERVIEW.reports, { ...OVERVIEW.reports[0]!, id: 'r2', seq: 2, periodStart: '2027-01-01', periodEnd: '2027-06-30', status: 'submitted' }, { ...OVERVIEW.reports[0]!, id: 'r3', seq: 3, status: 'draft' }] });
      if (url === '/api/tranches/t2/request') return json({ ...planned, status: 'requested' });
      return undefined;
    });
    open(owner, `/grants/${GRANT_ID}`);
    fireEvent.click(await within(await screen.findByTestId('tranche-2')).findByRole('button', { name: 'Request this tranche' }));
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Expenditure report' }) as HTMLInputElement).value).toBe('Expenditure report 2 · 1 Jan 2027 – 30 Jun 2027 · Submitted'));
    fireEvent.click(screen.getByRole('button', { name: 'Send the request' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/tranches/t2/request')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/tranches/t2/request')[0])).toEqual({ expenditureReportId: 'r2' });
  });
});

describe('expenditure: the Secretariat\'s review', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  const SUBMITTED: ExpenditureReport = { ...DRAFT, status: 'submitted', version: 3, canEdit: false, canReview: true, submittedAt: '2027-07-02T10:00:00Z' };

  it('returns with a comment per line, or is told a return needs one; accepts', async () => {
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/expenditure-reports/${REPORT_ID}` && init.method === 'GET') return json(SUBMITTED);
      if (url === `/api/expenditure-reports/${REPORT_ID}/review`) {
        const body = JSON.parse(String(init.body)) as { decision: string; comment?: string; lineComments: unknown[] };
        if (body.decision === 'return' && !body.comment && body.lineComments.length === 0) {
          return json({ statusCode: 400, error: 'Bad Request', code: 'invalid_review', message: 'Say why', details: [{ field: 'comment', code: 'required', message: 'Required' }] }, 400);
        }
        return json({ ...SUBMITTED, status: body.decision === 'accept' ? 'accepted' : 'returned', canReview: false, version: 4, lines: SUBMITTED.lines.map((l) => (l.lineId === 'L1' ? { ...l, comment: 'Invoice 12 is missing' } : l)) });
      }
      return undefined;
    });
    open(officer, `/expenditure-reports/${REPORT_ID}`);
    expect(await screen.findByTestId('expenditure-review')).toBeTruthy();
    expect(screen.queryByTestId('expenditure-form')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Return with comments' }));
    expect(await screen.findByText('Say why the report goes back: here or on a line.')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Comment on Psychologist' }), { target: { value: 'Invoice 12 is missing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Return with comments' }));
    await waitFor(() => expect(screen.getByTestId('expenditure-status').textContent).toBe('Returned'));
    const sent = fetch.sent('POST', `/api/expenditure-reports/${REPORT_ID}/review`);
    expect(bodyOf(sent[sent.length - 1])).toEqual({ version: 3, decision: 'return', lineComments: [{ lineId: 'L1', comment: 'Invoice 12 is missing' }] });
    expect(screen.getByText('Secretariat: Invoice 12 is missing')).toBeTruthy();
  });

  it('shows the supporting documents with their size and a download link while reviewing, under a level-2 heading', async () => {
    const withDocs: ExpenditureReport = { ...SUBMITTED, documents: [{ id: 'f1', fileName: 'invoice-12.pdf', sha256: 'ab'.repeat(32), size: 2048 }] };
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/expenditure-reports/${REPORT_ID}` && init.method === 'GET') return json(withDocs);
      return undefined;
    });
    open(officer, `/expenditure-reports/${REPORT_ID}`);
    const docs = within(await screen.findByTestId('expenditure-documents'));
    expect(within(screen.getByTestId('expenditure-review')).getByTestId('expenditure-documents')).toBeTruthy();
    expect(docs.getByRole('heading', { level: 2, name: 'Supporting documents' })).toBeTruthy();
    const link = docs.getByRole('link', { name: 'invoice-12.pdf' });
    expect(link.getAttribute('href')).toBe(`/api/expenditure-reports/${REPORT_ID}/files/f1`);
    expect(docs.getByText('2 KB')).toBeTruthy();
  });

  it('shows the documents of an accepted report under a level-2 heading (no level skipped after the page title)', async () => {
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/expenditure-reports/${REPORT_ID}` && init.method === 'GET') return json({ ...SUBMITTED, status: 'accepted', canReview: false });
      return undefined;
    });
    open(officer, `/expenditure-reports/${REPORT_ID}`);
    expect(await screen.findByRole('heading', { level: 2, name: 'Supporting documents' })).toBeTruthy();
    expect(screen.queryAllByRole('heading', { level: 3 })).toHaveLength(0);
    expect(screen.getByText('No documents.')).toBeTruthy();
  });

  it('accepts in Serbian', async () => {
    await setupI18n('sr');
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/expenditure-reports/${REPORT_ID}` && init.method === 'GET') return json(SUBMITTED);
      if (url === `/api/expenditure-reports/${REPORT_ID}/review`) return json({ ...SUBMITTED, status: 'accepted', canReview: false, version: 4 });
      return undefined;
    });
    open(officer, `/expenditure-reports/${REPORT_ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Prihvati' }));
    await waitFor(() => expect(screen.getByTestId('expenditure-status').textContent).toBe('Prihvaćen'));
    expect(bodyOf(fetch.sent('POST', `/api/expenditure-reports/${REPORT_ID}/review`)[0])).toEqual({ version: 3, decision: 'accept', lineComments: [] });
  });
});
